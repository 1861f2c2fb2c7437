from django.apps import AppConfig


class OfferConfig(AppConfig):
    name = "calculator.offer"
    label = "calculator_offer"
