"""The arrears pages: bind a form, call the engine, render.

GET forms whose parameters are the public URL contract of calculations.md, so a
result can be bookmarked; nothing is stored or kept. Each view binds its form
(``_bind`` answers a blank or refused form itself), calls the engine with the
form's typed inputs by keyword, and hands the results to a presenter.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from calculator import clock
from calculator.arrears import presenters
from calculator.arrears.forms import (
    BLANK_ROWS,
    ArrearsForm,
    LoanForm,
    QuickEstimateForm,
    arrears_helper,
    blank_arrears_form,
)
from calculator.arrears.fraction import fraction_check
from calculator.arrears.presets import BY_KEY as PRESETS
from calculator.arrears.presets import DEFAULT_PRESET
from calculator.arrears.presets import PRESETS as PRESET_LIST
from calculator.engine.arrears import calculate_loan_arrears, calculate_quick_estimate
from calculator.engine.growth import loan_growth, quick_growth
from calculator.engine.schedule import build_schedule
from core.navigation import fixed_url

QUICK_TEMPLATE = "arrears/arrears.html"
LOAN_TEMPLATE = "arrears/loan.html"


def _wants_blank_form(request: HttpRequest) -> bool:
    """No parameters, or only a known preset and the plan's row: show the form,
    filled in by the preset (a bad value is left to the bound form to refuse)."""
    names = set(request.GET)
    return (names <= {"preset", "row"}
            and request.GET.get("preset", DEFAULT_PRESET) in PRESETS
            and request.GET.get("row", "") in BLANK_ROWS)


def _page(request, form, template, result=None, status=200) -> HttpResponse:
    preset = PRESETS.get(form.preset_key, PRESETS["custom"])
    context = {
        "form": form,
        "error_forms": [form],
        "helper": arrears_helper(form, request.path),
        "result": result,
        "preset": preset,
        "presets": PRESET_LIST,
        "plan_url": f"{fixed_url('calculator:plan')}?{_without_row(request.GET)}" if result else "",
        "how_we_calculate": presenters.how_we_calculate(
            "loan" if isinstance(form, LoanForm) else "quick", get_language()),
        "row": form.cleaned_data.get("row") if result and not isinstance(form, LoanForm) else "",
    }
    return render(request, template, context, status=status)


def _without_row(query) -> str:
    """The page's parameters for the plan: all but the plan row it was opened for."""
    carried = query.copy()
    carried.pop("row", None)
    return carried.urlencode()


def _bind(request: HttpRequest, form_class, template: str):
    """``(form, None)`` for a valid form, or ``(None, response)``: the blank form
    (filled in by a preset), or the form with its messages (400 for a value the
    form could not have sent: a bad select or hidden value; 200 for typing errors)."""
    if _wants_blank_form(request):
        preset_key = request.GET.get("preset", DEFAULT_PRESET)
        blank = blank_arrears_form(form_class, today=clock.today(), preset_key=preset_key,
                                   row=request.GET.get("row", ""))
        return None, _page(request, blank, template)
    form = form_class(request.GET, today=clock.today())
    if not form.is_valid():
        return None, _page(request, form, template, status=_invalid_status(form))
    return form, None


def _invalid_status(form: ArrearsForm) -> int:
    return 400 if form.has_fixed_choice_error() else 200


def _fraction(request: HttpRequest, form: ArrearsForm):
    """The note for a rate that looks like a fraction (calculations.md), or None."""
    return presenters.fraction_note(fraction_check(form), path=request.path, query=request.GET)


@require_safe
def quick_estimate(request: HttpRequest) -> HttpResponse:
    """The quick estimate: what one overdue amount costs today, and waiting."""
    form, response = _bind(request, QuickEstimateForm, QUICK_TEMPLATE)
    if response:
        return response
    q = form.inputs()
    estimate = calculate_quick_estimate(
        overdue_amount=q.overdue_amount, due_date=q.due_date, as_of=q.as_of, rate=q.rate, terms=q.terms)
    growth = quick_growth(
        overdue_amount=q.overdue_amount, due_date=q.due_date, as_of=q.as_of, rate=q.rate, terms=q.terms)
    result = presenters.quick_result(
        estimate=estimate, growth=growth, grace_days=q.terms.grace_days, as_of=q.as_of,
        fraction=_fraction(request, form))
    return _page(request, form, QUICK_TEMPLATE, result)


@require_safe
def loan(request: HttpRequest) -> HttpResponse:
    """The loan calculator: the contract's schedule and where it stands on as_of."""
    form, response = _bind(request, LoanForm, LOAN_TEMPLATE)
    if response:
        return response
    i = form.inputs()
    schedule = build_schedule(loan=i.loan)  # once: the arrears and the chart both need it
    arrears = calculate_loan_arrears(
        loan=i.loan, terms=i.terms, paid_periods=i.paid_periods, as_of=i.as_of, schedule=schedule)
    growth = loan_growth(
        loan=i.loan, terms=i.terms, paid_periods=i.paid_periods, as_of=i.as_of, schedule=schedule)
    result = presenters.loan_result(
        arrears=arrears, growth=growth, grace_days=i.terms.grace_days, as_of=i.as_of,
        fraction=_fraction(request, form))
    return _page(request, form, LOAN_TEMPLATE, result)
