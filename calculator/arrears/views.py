"""The arrears pages: bind a form, call the engine, render.

GET forms whose parameters are the public URL contract of calculations.md, so a
result can be bookmarked; nothing is stored or kept.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from calculator import clock
from calculator.arrears.forms import (
    ArrearsForm,
    LoanForm,
    LoanInputs,
    QuickEstimateForm,
    QuickInputs,
    arrears_helper,
    blank_arrears_form,
)
from calculator.arrears.presenters import dated_timeline, growth_chart
from calculator.arrears.presets import BY_KEY as PRESETS
from calculator.arrears.presets import DEFAULT_PRESET
from calculator.arrears.presets import PRESETS as PRESET_LIST
from calculator.engine.arrears import calculate_loan_arrears, calculate_quick_estimate
from calculator.engine.growth import loan_growth, quick_growth
from calculator.engine.schedule import build_schedule
from calculator.engine.timeline import consequence_timeline


def _wants_blank_form(request: HttpRequest) -> bool:
    """No parameters, or only a known preset: show the form, filled in by the preset."""
    names = set(request.GET)
    return not names or (names == {"preset"} and request.GET["preset"] in PRESETS)


def _page(request, form, template, result=None, status=200) -> HttpResponse:
    preset = PRESETS.get(form.preset_key, PRESETS["custom"])
    context = {
        "form": form,
        "error_forms": [form],
        "helper": arrears_helper(form, request.path),
        "result": result,
        "preset": preset,
        "presets": PRESET_LIST,
        "plan_url": f"{reverse('calculator:plan')}?{request.GET.urlencode()}" if result else "",
    }
    return render(request, template, context, status=status)


def _invalid_status(form: ArrearsForm) -> int:
    # A bad select or hidden value cannot come from the form: 400. Typing errors: 200.
    return 400 if form.has_fixed_choice_error() else 200


def _timeline(first_overdue: date, *, grace_days: int, as_of: date) -> list[dict]:
    events = consequence_timeline(first_overdue=first_overdue, grace_days=grace_days, as_of=as_of)
    return dated_timeline(events, grace_days=grace_days)


def _quick_result(inputs: QuickInputs) -> dict:
    kwargs = {"overdue_amount": inputs.overdue_amount, "due_date": inputs.due_date,
              "as_of": inputs.as_of, "rate": inputs.rate, "terms": inputs.terms}
    return {
        "estimate": calculate_quick_estimate(**kwargs),
        "as_of": inputs.as_of,
        "chart": growth_chart(quick_growth(**kwargs)),
        "timeline": _timeline(inputs.due_date, grace_days=inputs.terms.grace_days, as_of=inputs.as_of),
    }


def _loan_result(inputs: LoanInputs) -> dict:
    schedule = build_schedule(loan=inputs.loan)
    arrears = calculate_loan_arrears(
        loan=inputs.loan, terms=inputs.terms, paid_periods=inputs.paid_periods,
        as_of=inputs.as_of, schedule=schedule,
    )
    growth = loan_growth(
        loan=inputs.loan, terms=inputs.terms, paid_periods=inputs.paid_periods,
        as_of=inputs.as_of, schedule=schedule,
    )
    return {
        "arrears": arrears,
        "as_of": inputs.as_of,
        "loan": inputs.loan,
        "next_due": next(
            (s for s in arrears.schedule if s.status in ("due", "upcoming")), None
        ),
        "chart": growth_chart(growth),
        "timeline": (
            _timeline(arrears.first_overdue_date, grace_days=inputs.terms.grace_days,
                      as_of=inputs.as_of)
            if arrears.first_overdue_date else []
        ),
    }


def _arrears_page(request: HttpRequest, form_class, template: str, compute) -> HttpResponse:
    """Bind the form, call the engine (``compute``), render: the arrears pages' flow."""
    if _wants_blank_form(request):
        preset_key = request.GET.get("preset", DEFAULT_PRESET)
        return _page(request, blank_arrears_form(form_class, today=clock.today(), preset_key=preset_key), template)
    form = form_class(request.GET, today=clock.today())
    if not form.is_valid():
        return _page(request, form, template, status=_invalid_status(form))
    return _page(request, form, template, compute(form.inputs()))


@require_safe
def quick_estimate(request: HttpRequest) -> HttpResponse:
    return _arrears_page(request, QuickEstimateForm, "arrears/arrears.html", _quick_result)


@require_safe
def loan(request: HttpRequest) -> HttpResponse:
    return _arrears_page(request, LoanForm, "arrears/loan.html", _loan_result)


