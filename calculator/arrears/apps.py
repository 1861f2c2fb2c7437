from django.apps import AppConfig


class ArrearsConfig(AppConfig):
    name = "calculator.arrears"
    label = "calculator_arrears"
