from django.urls import path

from calculator import views

app_name = "calculator"

urlpatterns = [
    path("arrears/", views.quick_estimate, name="arrears"),
    path("loan/", views.loan, name="loan"),
    path("plan/", views.plan, name="plan"),
    path("plan.ics", views.plan_calendar, name="plan_ics"),
    path("letter/", views.letter, name="letter"),
]
