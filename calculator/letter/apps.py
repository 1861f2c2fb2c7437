from django.apps import AppConfig


class LetterConfig(AppConfig):
    name = "calculator.letter"
    label = "calculator_letter"
