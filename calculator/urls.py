"""Every calculator page, one namespace: the URL names are calculations.md's public contract."""

from django.urls import path

from calculator.arrears import views as arrears
from calculator.contact_log import views as contact_log
from calculator.letter import views as letter
from calculator.offer import views as offer
from calculator.plan import views as plan

app_name = "calculator"

urlpatterns = [
    path("arrears/", arrears.quick_estimate, name="arrears"),
    path("loan/", arrears.loan, name="loan"),
    path("plan/", plan.plan, name="plan"),
    path("plan.ics", plan.plan_calendar, name="plan_ics"),
    path("letter/", letter.letter, name="letter"),
    path("offer/", offer.offer, name="offer"),
    path("contact-log/", contact_log.contact_log, name="contact_log"),
]
