from django.apps import AppConfig


class ContactLogConfig(AppConfig):
    name = "calculator.contact_log"
    label = "calculator_contact_log"
