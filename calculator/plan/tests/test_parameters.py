"""PlanParameters: which query parameters belong to the plan, and every onward link."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict
from django.utils import translation

from calculator.arrears.forms import LoanForm, QuickEstimateForm
from calculator.plan.parameters import ARREARS_NAMES, PLAN_NAMES, PlanParameters
from calculator.tests.loans import QUICK, SPEC_LOAN

BUDGET = {"monthly_income": "8000", "monthly_expenses": "3500", "savings": "500"}
ROW = {"debt1_creditor": "花呗", "debt1_balance": "5000", "debt1_days": "12", "debt1_kind": "card"}


@pytest.fixture(autouse=True)
def chinese_urls():
    with translation.override("zh-hans"):
        yield


def split(url: str) -> tuple[str, list[tuple[str, str]]]:
    parts = urlsplit(url)
    return parts.path, parse_qsl(parts.query, keep_blank_values=True)


def test_arrears_names_are_both_forms_fields_once_each():
    assert len(ARREARS_NAMES) == len(set(ARREARS_NAMES))
    # All but the quick estimate's hidden "row": the plan row it was opened from.
    both = set(LoanForm.base_fields) | set(QuickEstimateForm.base_fields)
    assert set(ARREARS_NAMES) == both - {"row"}


def test_the_plan_names_every_row_of_the_list_with_the_specs_names():
    for number in (1, 10):
        for part in ("creditor", "kind", "balance", "payment", "days", "rate"):
            assert f"debt{number}_{part}" in PLAN_NAMES
    assert "debt11_creditor" not in PLAN_NAMES
    assert len(PLAN_NAMES) == len(set(PLAN_NAMES))


def test_only_the_plans_own_parameters_are_kept():
    params = PlanParameters.of({**SPEC_LOAN, **BUDGET, **ROW, "option": "deferral", "to": "1",
                                "debts": "2", "csrfmiddlewaretoken": "t", "format": "pdf",
                                "full_name": "张三", "x": "1"})
    assert params.values == {**SPEC_LOAN, **BUDGET, **ROW, "option": "deferral", "to": "1",
                             "debts": "2"}


def test_a_repeated_parameter_keeps_its_last_value():
    query = QueryDict(mutable=True)
    query.setlist("monthly_income", ["1", "8000"])
    query.setlist("to", ["2", "1"])
    params = PlanParameters.of(query)
    assert params.values == {"monthly_income": "8000", "to": "1"}


def test_plan_pairs_are_every_plan_parameter_without_the_choices():
    params = PlanParameters.of({**QUICK, **BUDGET, **ROW, "option": "deferral", "to": "1"})
    assert dict(params.plan_pairs) == {**QUICK, **BUDGET, **ROW}
    assert dict(params.arrears_pairs) == QUICK


@pytest.mark.parametrize(
    ("given", "to"),
    [({}, 0), ({"to": "0"}, 0), ({"to": "3"}, 3), ({"to": "10"}, 10), ({"to": "-1"}, 0),
     ({"to": "x"}, 0), ({"to": "1e3"}, 0), ({"to": "12345"}, 0), ({"to": "all"}, 0)],
)
def test_to_is_a_row_number_or_this_debt(given, to):
    assert PlanParameters.of(given).to == to


def test_the_calculator_link_goes_back_to_the_right_calculator():
    path, query = split(PlanParameters.of({**SPEC_LOAN, **BUDGET}).calculator_url())
    assert (path, dict(query)) == ("/zh-hans/calculator/loan/", SPEC_LOAN)
    path, query = split(PlanParameters.of({**QUICK, **BUDGET}).calculator_url())
    assert (path, dict(query)) == ("/zh-hans/calculator/arrears/", QUICK)


def test_the_plan_link_carries_the_plan_and_any_change():
    params = PlanParameters.of({**QUICK, **BUDGET, **ROW, "option": "deferral"})
    path, query = split(params.plan_url())
    assert (path, dict(query)) == ("/zh-hans/calculator/plan/", {**QUICK, **BUDGET, **ROW})
    _path, query = split(params.plan_url(term="6"))
    assert dict(query) == {**QUICK, **BUDGET, **ROW, "term": "6"}


def test_a_letter_link_names_the_option_its_term_and_the_debt():
    params = PlanParameters.of({**SPEC_LOAN, **BUDGET, **ROW, "option": "deferral", "to": "1"})
    path, query = split(params.letter_url(option="installments", term=6))
    assert path == "/zh-hans/calculator/letter/"
    assert dict(query) == {**SPEC_LOAN, **BUDGET, **ROW, "option": "installments", "term": "6"}
    _path, query = split(params.letter_url(to=1))
    assert dict(query) == {**SPEC_LOAN, **BUDGET, **ROW, "to": "1"}


def test_a_calendar_link_is_the_letter_links_twin():
    params = PlanParameters.of({**SPEC_LOAN, **BUDGET})
    letter_path, letter_query = split(params.letter_url(option="interest_free"))
    path, query = split(params.calendar_url(option="interest_free"))
    assert path == "/zh-hans/calculator/plan.ics"
    assert query == letter_query and letter_path != path
    _path, query = split(params.calendar_url(to=2))
    assert dict(query) == {**SPEC_LOAN, **BUDGET, "to": "2"}


def test_links_follow_the_pages_language():
    params = PlanParameters.of(QUICK)
    with translation.override("en"):
        assert params.plan_url().startswith("/en/calculator/plan/?")


def test_to_all_asks_for_every_letter_at_once():
    assert PlanParameters.of({"to": "all"}).bundle
    assert not PlanParameters.of({"to": "1"}).bundle
