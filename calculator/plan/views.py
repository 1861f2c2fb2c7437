"""The plan page and its calendar file: GET, the parameters in the address, nothing kept."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from calculator import clock
from calculator.arrears.forms import arrears_fields_helper
from calculator.engine.plan import OptionKey
from calculator.letter.documents import (
    content_disposition,
)
from calculator.plan.calendar import render_ics
from calculator.plan.forms import budget_helper
from calculator.plan.options import OPTION_DESCRIPTIONS, OPTION_LABELS, REASONS
from calculator.plan.parameters import ARREARS_PARAMETERS, read_plan

OPTION_KEYS = {key.value for key in OptionKey}


def _query(params: dict[str, str]) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return query.urlencode()


def _carried(request: HttpRequest, names) -> dict[str, str]:
    """The given parameters among ``names``, one value each."""
    return {name: request.GET[name] for name in names if name in request.GET}


@require_safe
def plan(request: HttpRequest) -> HttpResponse:
    state = read_plan(request.GET, today=clock.today())
    plan_params = {key: request.GET[key] for key in request.GET if key != "option"}
    arrears_params = _carried(request, ARREARS_PARAMETERS)
    arrears_ok = state.debt is not None
    calculator_name = "calculator:loan" if "principal" in request.GET else "calculator:arrears"
    cards = []
    recommendation = None
    if state.plan:
        letter = reverse("calculator:letter")
        ics = reverse("calculator:plan_ics")
        for option in state.plan.options:
            query = _query({**plan_params, "option": option.key.value})
            cards.append({
                "option": option,
                "key": option.key.value,
                "label": OPTION_LABELS[option.key.value],
                "description": OPTION_DESCRIPTIONS[option.key.value],
                "letter_url": f"{letter}?{query}",
                "ics_url": f"{ics}?{query}",
            })
        rec = state.plan.recommendation
        recommendation = {
            "key": rec.key,
            "term": rec.term,
            "label": OPTION_LABELS[rec.key],
            "reason": REASONS[rec.reason.value],
            "option": rec.option_detail,
        }
        if rec.option_detail is not None:
            # The letter builds its option at the plan's term: carry the recommended one.
            params = {**plan_params, "option": rec.key}
            if rec.term:
                params["term"] = str(rec.term)
            recommendation["letter_url"] = f"{letter}?{_query(params)}"
    context = {
        "state": state,
        "error_forms": [f for f in state.forms if f.is_bound and f.errors],
        "arrears_ok": arrears_ok,
        "arrears_params": arrears_params if arrears_ok else {},
        "arrears_helper": arrears_fields_helper(state.arrears_form),
        "budget_helper": budget_helper(),
        "calculator_url": f"{reverse(calculator_name)}?{_query(arrears_params)}",
        "cards": cards,
        "recommendation": recommendation,
        "debt_rows": state.budget_form.debt_rows(),
    }
    status = 400 if state.has_fixed_choice_error() else 200
    return render(request, "plan/plan.html", context, status=status)


@require_safe
def plan_calendar(request: HttpRequest) -> HttpResponse:
    """The chosen option's payment dates as an iCalendar file."""
    state = read_plan(request.GET, today=clock.today())
    key = request.GET.get("option", "")
    if state.plan is None or key not in OPTION_KEYS:
        return HttpResponseBadRequest(
            gettext("The calendar needs a complete plan and one of its options. Go back to the plan page."),
            content_type="text/plain; charset=utf-8",
        )
    option = state.plan.option(key)
    body = render_ics(
        option=option,
        title_prefix=gettext("Loan repayment"),
        description=gettext("%(option)s. Pay on time, and keep the receipt.") % {
            "option": OPTION_LABELS[key]},
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"repayment-plan-{key}.ics")
    return response


