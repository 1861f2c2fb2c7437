from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "calculator.plan"
    label = "calculator_plan"
