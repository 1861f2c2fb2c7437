"""The plan page and its calendar file: GET, the parameters in the address, nothing kept."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from calculator import clock
from calculator.engine.plan import Plan, draft_plan
from calculator.plan.calendar import calendar_response, chosen_payments
from calculator.plan.forms import PlanForms
from calculator.plan.parameters import PlanParameters
from calculator.plan.presenters import plan_page


def bind_and_draft(data) -> tuple[PlanParameters, PlanForms, Plan | None]:
    """The plan's parameters and forms from ``data``, and the plan when they are valid.

    Shared by the plan page, its calendar and the letter, which take the same
    parameters; the engine is called with the forms' typed values.
    """
    params = PlanParameters.of(data)
    forms = PlanForms(params.values, today=clock.today())
    if not forms.is_valid():
        return params, forms, None
    plan = draft_plan(
        debt=forms.debt(),
        budget=forms.budget.budget(),
        terms=forms.budget.terms(),
        others=forms.others(),
    )
    return params, forms, plan


@require_safe
def plan(request: HttpRequest) -> HttpResponse:
    params, forms, drafted = bind_and_draft(request.GET)
    context = plan_page(params=params, forms=forms, plan=drafted)
    return render(request, "plan/plan.html", context, status=forms.status)


@require_safe
def plan_calendar(request: HttpRequest) -> HttpResponse:
    """The payment dates of one option (``option``, or the letter to row ``to``) as .ics."""
    params, _forms, drafted = bind_and_draft(request.GET)
    return calendar_response(chosen_payments(drafted, params))
