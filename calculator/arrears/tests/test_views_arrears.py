"""The quick estimate (/calculator/arrears/) and the loan calculator (/calculator/loan/).

Figures are read from the ``data-figure``/``data-value`` markers of
calculations.md and compared with the spec's check numbers and with the engine
called directly. Today is 2026-05-20 (``clock.today`` is replaced).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.html import escape

from calculator import clock
from calculator.arrears.presenters import how_we_calculate
from calculator.engine.arrears import PenaltyTerms, calculate_loan_arrears, calculate_quick_estimate
from calculator.engine.growth import loan_growth, quick_growth
from calculator.engine.money import Rate
from calculator.engine.schedule import Loan, Method
from calculator.inputs import messages
from calculator.tests._pages import (
    LANGUAGES,
    TODAY,
    error_links,
    figures,
    query_of,
    texts,
    tree,
)
from calculator.tests.loans import QUICK, SPEC_LOAN, XIAOMI_RATE

PAGES = ("arrears", "loan")
# calculations.md, "Check": the figures of the spec's loan on 2026-05-20.
SPEC_FIGURES = {
    "total_overdue": "310.78",  # 155 + 150 + 5.78
    "penalty_interest": "5.78",  # 155 × 0.00075 × 40 = 4.65; 150 × 0.00075 × 10 = 1.125 → 1.13
    "overdue_periods": "2",
    "days_overdue": "40",  # 04-10 → 05-20
    "accrued_interest": "50.00",  # 10 000 × 0.0005 × 10 days since 05-10
    "outstanding_total": "10360.78",  # 310.78 + 10 000 + 50
    "prepayment_fee": "300.00",  # 3 % of 10 000
    "payoff_amount": "10660.78",  # 10 360.78 + 300
    "daily_penalty": "0.23",  # 305 × 0.00075 = 0.22875
    "apr": "17.58",
    "penalty_annual_rate": "27.00",  # 0.05 × 1.5 × 360
    "remaining_principal": "10000.00",
}


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def url(language: str, page: str) -> str:
    return f"/{language}/calculator/{page}/"


def plain(value) -> str:
    """What data-value should say, written independently of the template tag."""
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def in_language(language: str, message) -> str:
    with translation.override(language):
        return str(message)


def input_value(response, name: str) -> str | None:
    values = tree(response).xpath(f'//input[@name="{name}"]/@value')
    return values[0] if values else None


# --- the empty form ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_without_parameters_shows_the_form(client, language, page):
    response = client.get(url(language, page))
    assert response.status_code == 200
    page_tree = tree(response)
    assert page_tree.xpath('//form[contains(@class, "calculator-form")][@method="get"]')
    assert page_tree.xpath("/html/@lang") == [{"zh-hans": "zh-Hans", "en": "en"}[language]]
    assert not page_tree.xpath('//*[@id="error-summary"]')
    assert figures(response) == {}
    # The calculation date box starts at today; the optional terms at their defaults.
    assert input_value(response, "as_of") == "2026-05-20"
    assert input_value(response, "penalty_multiplier") == "1.5"
    assert input_value(response, "grace_days") == "0"
    assert input_value(response, "preset") == "custom"


@pytest.mark.parametrize("language", LANGUAGES)
def test_loan_preset_only_shows_the_form_filled_in(client, language):
    response = client.get(url(language, "loan"), {"preset": "xiaomi"})
    assert response.status_code == 200
    assert figures(response) == {}  # a filled form, not a result
    assert not tree(response).xpath('//*[@id="error-summary"]')
    assert input_value(response, "preset") == "xiaomi"
    assert input_value(response, "daily_rate") == "0.05"
    assert input_value(response, "penalty_multiplier") == "1.5"
    assert input_value(response, "grace_days") == "3"
    assert input_value(response, "periods") == "6"
    assert input_value(response, "repayment_day") == "10"
    assert input_value(response, "prepayment_fee") == "0"
    assert input_value(response, "principal") is None  # the user's own figure
    assert tree(response).xpath('//select[@name="method"]/option[@selected]/@value') == ["interest_only"]
    # The preset says where its terms come from and when they were checked.
    assert tree(response).xpath('//*[contains(@class, "presets__note")]')


def test_quick_estimate_preset_only_fills_its_terms(client):
    response = client.get(url("zh-hans", "arrears"), {"preset": "xiaomi"})
    assert response.status_code == 200
    assert input_value(response, "daily_rate") == "0.05"
    assert input_value(response, "grace_days") == "3"
    assert input_value(response, "periods") is None  # no such field here


# --- the spec's check example --------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_spec_check_example_shows_every_figure(client, language):
    response = client.get(url(language, "loan"), SPEC_LOAN)
    assert response.status_code == 200
    shown = figures(response)
    assert {name: shown.get(name) for name in SPEC_FIGURES} == SPEC_FIGURES
    assert response["Referrer-Policy"] == "same-origin"


def test_result_shows_the_form_again_filled_in(client):
    response = client.get(url("zh-hans", "loan"), SPEC_LOAN)
    assert input_value(response, "principal") == "10000"
    assert input_value(response, "start_date") == "2026-01-15"
    assert input_value(response, "prepayment_fee") == "3"
    assert input_value(response, "periods") == "6"  # from the preset


def loan_figures_from_engine(method: Method, params: dict) -> dict[str, str]:
    arrears = calculate_loan_arrears(
        loan=Loan(
            principal=Decimal(params["principal"]),
            start_date=date.fromisoformat(params["start_date"]),
            periods=int(params["periods"]),
            repayment_day=int(params["repayment_day"]),
            method=method,
            rate=Rate.from_annual_percent(Decimal(params["annual_rate"])),
        ),
        terms=PenaltyTerms(
            penalty_multiplier=Decimal(params["penalty_multiplier"]),
            grace_days=int(params["grace_days"]),
            prepayment_fee_percent=Decimal(params["prepayment_fee"]),
        ),
        paid_periods=int(params["paid_periods"]),
        as_of=date.fromisoformat(params["as_of"]),
    )
    return {name: plain(getattr(arrears, name)) for name in SPEC_FIGURES}


@pytest.mark.parametrize("method", list(Method))
def test_loan_figures_equal_the_engines_for_every_method(client, method):
    params = {
        "principal": "36000",
        "start_date": "2025-08-31",
        "periods": "12",
        "repayment_day": "31",  # falls on 28 Feb, 30 Apr …
        "method": method.value,
        "annual_rate": "24",
        "penalty_multiplier": "1.5",
        "grace_days": "3",
        # Due 09-30 … 04-30 (8 by 05-20); a bullet loan's one installment is due 2026-08-31.
        "paid_periods": "0" if method is Method.BULLET else "4",
        "as_of": "2026-05-20",
        "prepayment_fee": "2",
    }
    shown = figures(client.get(url("en", "loan"), params))
    expected = loan_figures_from_engine(method, params)
    assert {name: shown.get(name) for name in expected} == expected


def test_spec_figures_equal_the_engines(client):
    engine = loan_figures_from_engine(Method.INTEREST_ONLY, {
        **SPEC_LOAN, "periods": "6", "repayment_day": "10", "annual_rate": "18",
        "penalty_multiplier": "1.5", "grace_days": "3",
    })
    assert engine == SPEC_FIGURES  # the engine agrees with the spec …
    shown = figures(client.get(url("zh-hans", "loan"), SPEC_LOAN))
    assert {name: shown[name] for name in engine} == engine  # … and the page with both


# --- the quick estimate ------------------------------------------------------------------------


def test_quick_estimate_reads_chinese_typed_input(client):
    params = {**QUICK, "overdue_amount": "1.2万", "due_date": "2026年3月10日"}
    response = client.get(url("zh-hans", "arrears"), params)
    assert response.status_code == 200
    assert figures(response) == {
        "days_overdue": "71",  # 03-10 → 05-20: 21 + 30 + 20
        "penalty_interest": "639.00",  # 12 000 × 0.00075 × 71
        "total_due": "12639.00",  # 12 000 + 639
        "daily_penalty": "9.00",  # 12 000 × 0.00075
        "grace_end": "2026-03-13",  # 03-10 + 3 days
        "penalty_annual_rate": "27.00",
    }
    # The form shows what the user typed, not a reformatted figure.
    assert input_value(response, "overdue_amount") == "1.2万"
    assert input_value(response, "due_date") == "2026年3月10日"


def test_quick_estimate_figures_equal_the_engines(client):
    params = {**QUICK, "overdue_amount": "8,765.43", "due_date": "2026-01-31", "grace_days": "0"}
    estimate = calculate_quick_estimate(
        overdue_amount=Decimal("8765.43"),
        due_date=date(2026, 1, 31),
        as_of=TODAY,
        rate=XIAOMI_RATE,
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=0),
    )
    shown = figures(client.get(url("en", "arrears"), params))
    for name in ("days_overdue", "penalty_interest", "total_due", "daily_penalty", "grace_end"):
        assert shown[name] == plain(getattr(estimate, name)), name


def test_quick_estimate_within_grace_says_so_with_the_pay_by_date(client):
    # Due 05-17, today 05-20: day 3 of a 3-day grace period, so no penalty yet.
    response = client.get(url("en", "arrears"), {**QUICK, "due_date": "2026-05-17"})
    shown = figures(response)
    assert shown["days_overdue"] == "3"
    assert shown["penalty_interest"] == "0.00"
    assert shown["total_due"] == "12000.00"
    assert shown["grace_end"] == "2026-05-20"  # pay by today
    assert shown["daily_penalty"] == "9.00"  # what each day will add once grace is over
    headline = tree(response).xpath('//*[contains(@class, "headline--grace")]')
    assert headline, "the headline says the user is inside the grace period"
    assert headline[0].xpath('.//*[@data-figure="grace_end"]')


def test_quick_estimate_the_day_after_grace_counts_penalty_from_the_due_date(client):
    # Day 4: past grace, so penalty for all 4 days: 12 000 × 0.00075 × 4 = 36.00.
    response = client.get(url("en", "arrears"), {**QUICK, "due_date": "2026-05-16"})
    shown = figures(response)
    assert shown["penalty_interest"] == "36.00"
    assert not tree(response).xpath('//*[contains(@class, "headline--grace")]')


def test_quick_estimate_due_today_is_not_overdue(client):
    response = client.get(url("en", "arrears"), {**QUICK, "due_date": "2026-05-20"})
    shown = figures(response)
    assert shown["days_overdue"] == "0"
    assert shown["penalty_interest"] == "0.00"
    assert shown["total_due"] == "12000.00"


def test_loan_within_grace_says_so_with_the_pay_by_date(client):
    # Installment 3 (155.00) fell due on 04-10; on 04-13 it is day 3 of 3.
    response = client.get(url("en", "loan"), {**SPEC_LOAN, "as_of": "2026-04-13"})
    shown = figures(response)
    assert shown["total_overdue"] == "155.00"
    assert shown["penalty_interest"] == "0.00"
    assert shown["grace_end"] == "2026-04-13"
    assert tree(response).xpath('//*[contains(@class, "headline--grace")]//*[@data-figure="grace_end"]')


def test_loan_with_nothing_overdue_shows_only_the_figures_it_has(client):
    # Nothing has fallen due by 2026-02-01: no grace end, no days overdue to speak of.
    response = client.get(url("en", "loan"), {**SPEC_LOAN, "paid_periods": "0", "as_of": "2026-02-01"})
    shown = figures(response)
    assert shown["total_overdue"] == "0.00"
    assert shown["overdue_periods"] == "0"
    assert "grace_end" not in shown
    # 10 000 × 0.0005 × 17 days (01-15 → 02-01) = 85.00.
    assert shown["accrued_interest"] == "85.00"


# --- the schedule, the note, the chart -----------------------------------------------------------


def test_schedule_table_shows_each_installments_status(client):
    response = client.get(url("en", "loan"), SPEC_LOAN)
    rows = tree(response).xpath('//table[contains(@class, "schedule")]/tbody/tr')
    statuses = [row.get("class").split("schedule__row--")[1] for row in rows]
    assert statuses == ["paid", "paid", "overdue", "overdue", "upcoming", "upcoming"]
    overdue = [[" ".join(cell.text_content().split()) for cell in row.xpath("./td")] for row in rows[2:4]]
    # Columns: due date, principal, interest, installment, status, days, penalty.
    assert [row[5] for row in overdue] == ["40", "10"]
    assert [row[6] for row in overdue] == ["¥4.65", "¥1.13"]
    assert [row[3] for row in overdue] == ["¥155.00", "¥150.00"]


def test_schedule_marks_an_installment_due_today_as_due(client):
    # Installment 5 falls due on 06-10: on that day it is due, not overdue.
    response = client.get(url("en", "loan"), {**SPEC_LOAN, "as_of": "2026-06-10"})
    rows = tree(response).xpath('//table[contains(@class, "schedule")]/tbody/tr')
    statuses = [row.get("class").split("schedule__row--")[1] for row in rows]
    assert statuses == ["paid", "paid", "overdue", "overdue", "due", "upcoming"]
    assert figures(response)["overdue_periods"] == "2"


def court_note(response):
    return tree(response).xpath('//*[contains(@class, "note--court")]')


@pytest.mark.parametrize(
    ("rates", "shown"),
    [
        ({"daily_rate": "0.05"}, True),  # 0.05 × 1.5 × 360 = 27 % > 24 %
        ({"annual_rate": "16.1"}, True),  # 16.1 × 1.5 = 24.15 %
        ({"annual_rate": "16"}, False),  # 16 × 1.5 = 24 %: not above
        ({"annual_rate": "12"}, False),  # 18 %
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_24_percent_note_appears_only_above_24_percent(client, page, rates, shown):
    base = QUICK if page == "arrears" else {**SPEC_LOAN, "preset": "custom", "periods": "6",
                                             "repayment_day": "10", "method": "interest_only",
                                             "grace_days": "3"}
    params = {name: value for name, value in base.items() if name not in ("daily_rate", "annual_rate")}
    response = client.get(url("en", page), {**params, **rates})
    assert response.status_code == 200
    assert bool(court_note(response)) is shown


def test_24_percent_note_names_the_penalty_rate(client):
    response = client.get(url("en", "loan"), SPEC_LOAN)
    assert "27.00 %" in court_note(response)[0].text_content()


@pytest.mark.parametrize("page", PAGES)
def test_growth_chart_is_server_drawn_svg_with_a_table(client, page):
    params = QUICK if page == "arrears" else SPEC_LOAN
    response = client.get(url("en", page), params)
    chart = tree(response).xpath('//figure[contains(@class, "growth")]')[0]
    assert chart.xpath('.//svg[contains(@class, "growth__chart")]//polyline/@points')
    assert chart.xpath(".//svg/title") and chart.xpath(".//svg/desc")  # named for screen readers
    assert not chart.xpath(".//script")
    rows = chart.xpath(".//table/tbody/tr")
    # Every 7 days from today (0, 7 … 84) and the 90th day: 13 + 1 rows.
    assert len(rows) == 14


def test_growth_table_ends_at_the_engines_90th_day(client):
    response = client.get(url("en", "arrears"), QUICK)
    last_row = tree(response).xpath('//figure[contains(@class, "growth")]//table/tbody/tr')[-1]
    cells = [" ".join(cell.text_content().split()) for cell in last_row.xpath("./td")]
    series = quick_growth(
        overdue_amount=Decimal("12000"),
        due_date=date(2026, 3, 10),
        as_of=TODAY,
        rate=XIAOMI_RATE,
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )
    # 71 + 90 = 161 days at 9.00 a day: 1 449.00 of penalty, 13 449.00 in all.
    assert series[-1].total == Decimal("13449.00")
    assert cells == ["18 August 2026", "¥1,449.00", "¥13,449.00"]


def test_loan_growth_table_starts_at_todays_outstanding(client):
    response = client.get(url("en", "loan"), SPEC_LOAN)
    first_row = tree(response).xpath('//figure[contains(@class, "growth")]//table/tbody/tr')[0]
    cells = [" ".join(cell.text_content().split()) for cell in first_row.xpath("./td")]
    series = loan_growth(
        loan=Loan(principal=Decimal(10000), start_date=date(2026, 1, 15), periods=6,
                  repayment_day=10, method=Method.INTEREST_ONLY, rate=XIAOMI_RATE),
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3,
                           prepayment_fee_percent=Decimal(3)),
        paid_periods=2,
        as_of=TODAY,
    )
    assert cells[2] == f"¥{series[0].total:,.2f}"


@pytest.mark.parametrize("page", PAGES)
def test_plan_link_carries_the_same_parameters(client, page):
    params = {**QUICK, "overdue_amount": "1.2万"} if page == "arrears" else SPEC_LOAN
    response = client.get(url("zh-hans", page), params)
    links = tree(response).xpath('//*[contains(@class, "next-steps")]//a/@href')
    plan_links = [href for href in links if href.startswith("/zh-hans/calculator/plan/?")]
    assert len(plan_links) == 1
    assert query_of(plan_links[0]) == params


def test_result_has_a_dated_timeline(client):
    response = client.get(url("en", "arrears"), QUICK)
    dates = tree(response).xpath('//*[@id="dated-timeline-title"]/following::time/@datetime')
    # Grace end, the first overdue day, day 30, day 90 from the missed due date 03-10.
    for expected in ("2026-03-13", "2026-03-14", "2026-04-09", "2026-06-08"):
        assert expected in dates


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("with_result", [False, True])
def test_page_explains_how_we_calculate(client, page, with_result):
    params = (QUICK if page == "arrears" else SPEC_LOAN) if with_result else {}
    response = client.get(url("en", page), params)
    section = tree(response).xpath('//section[contains(@class, "how")]')
    assert section and section[0].xpath('.//h2[@id="how-title"]')
    assert len(section[0].xpath(".//li")) >= 4


# --- bad input ----------------------------------------------------------------------------------

LOAN_ERRORS = [
    ("principal", "12abc", messages.AMOUNT_INVALID),
    ("principal", "1" * 1000, messages.AMOUNT_INVALID),
    ("principal", "NaN", messages.AMOUNT_INVALID),
    ("start_date", "2026-02-30", messages.DATE_IMPOSSIBLE),
    ("start_date", "10/3/2026", messages.DATE_INVALID),
    ("periods", "361", messages.PERIODS_RANGE),
    ("repayment_day", "32", messages.REPAYMENT_DAY_RANGE),
    ("daily_rate", "2", messages.DAILY_RATE_TOO_HIGH),
    ("annual_rate", {"annual_rate": "18", "daily_rate": "0.05"}, messages.RATE_BOTH),
    ("penalty_multiplier", "3.1", messages.PENALTY_MULTIPLIER_RANGE),
    ("grace_days", "31", messages.GRACE_DAYS_RANGE),
    ("paid_periods", "7", messages.PAID_PERIODS_TOO_MANY),
    ("as_of", "2026-01-01", messages.AS_OF_BEFORE_START),
    ("as_of", "2031-05-21", messages.AS_OF_TOO_LATE),
    ("prepayment_fee", "11", messages.PREPAYMENT_FEE_RANGE),
]
QUICK_ERRORS = [
    ("overdue_amount", "1,00", messages.AMOUNT_INVALID),
    ("overdue_amount", "0.001", messages.AMOUNT_DECIMALS),
    ("due_date", "2026-13-01", messages.DATE_IMPOSSIBLE),
    ("as_of", "2026-03-01", messages.AS_OF_BEFORE_DUE),
    ("daily_rate", {"daily_rate": "", "annual_rate": ""}, messages.RATE_MISSING),
]
BAD_INPUT = [("loan", *case) for case in LOAN_ERRORS] + [("arrears", *case) for case in QUICK_ERRORS]


def assert_error_beside_field(response, language, name, message):
    assert response.status_code == 200
    assert f"#id_{name}" in error_links(response)
    expected = in_language(language, message)
    if "%" in expected:
        # Messages with bounds are always formatted (so %% becomes %); here the
        # only bound to fill in is the spec loan's 6 periods.
        expected = expected % {"periods": 6}
    beside = texts(response, f'//*[@id="id_{name}_error"]')
    assert beside and escape(expected) in escape(beside[0])
    field = tree(response).xpath(f'//*[@id="id_{name}"]')[0]
    assert field.get("aria-invalid") == "true"
    assert f"id_{name}_error" in field.get("aria-describedby", "").split()
    assert figures(response) == {}  # no result from bad input


def bad_params(page, name, value) -> dict:
    changes = value if isinstance(value, dict) else {name: value}
    return {**(SPEC_LOAN if page == "loan" else QUICK), **changes}


@pytest.mark.parametrize(("page", "name", "value", "message"), BAD_INPUT)
def test_bad_parameter_shows_the_form_with_the_message_beside_the_field(client, page, name, value, message):
    response = client.get(url("en", page), bad_params(page, name, value))
    assert_error_beside_field(response, "en", name, message)


@pytest.mark.parametrize(("page", "name", "value", "message"), [BAD_INPUT[0], BAD_INPUT[7], BAD_INPUT[-2]])
def test_bad_parameter_in_chinese_too(client, page, name, value, message):
    response = client.get(url("zh-hans", page), bad_params(page, name, value))
    assert_error_beside_field(response, "zh-hans", name, message)


@pytest.mark.parametrize(("language", "words"), [
    ("en", "Installments due by 20 May 2026: 4. Enter no more than that"),
    ("zh-hans", "截至2026年5月20日已到期4期"),
])
def test_paid_periods_not_yet_due_is_refused_beside_the_field(client, language, words):
    # calculations.md: on 05-20 the spec loan has 4 installments due (02-10 … 05-10).
    response = client.get(url(language, "loan"), {**SPEC_LOAN, "paid_periods": "5"})
    assert response.status_code == 200
    assert error_links(response) == ["#id_paid_periods"]
    beside = texts(response, '//*[@id="id_paid_periods_error"]')
    assert beside and words in beside[0]
    assert figures(response) == {}


def test_spec_check_paid_on_the_due_date_shows_the_balance_and_no_accrued_interest(client):
    # calculations.md: 10 000 from 2026-01-10, 12 × equal installments at 12 %, six
    # paid, on 07-10 → remaining 5 149.20, accrued 0.00, payoff 5 149.20; on 07-11
    # accrued 5 149.20 × 12 % ÷ 360 = 1.7164 → 1.72, payoff 5 150.92.
    params = {"principal": "10000", "start_date": "2026-01-10", "periods": "12",
              "repayment_day": "10", "method": "equal_installment", "annual_rate": "12",
              "paid_periods": "6", "as_of": "2026-07-10"}
    shown = figures(client.get(url("en", "loan"), params))
    assert (shown["total_overdue"], shown["remaining_principal"], shown["accrued_interest"],
            shown["payoff_amount"]) == ("0.00", "5149.20", "0.00", "5149.20")
    shown = figures(client.get(url("en", "loan"), {**params, "as_of": "2026-07-11"}))
    assert (shown["accrued_interest"], shown["payoff_amount"]) == ("1.72", "5150.92")


def test_error_summary_lists_every_bad_field(client):
    params = {**SPEC_LOAN, "principal": "abc", "start_date": "yesterday", "prepayment_fee": "99"}
    links = error_links(client.get(url("en", "loan"), params))
    assert links == ["#id_principal", "#id_start_date", "#id_prepayment_fee"]


@pytest.mark.parametrize(
    "params",
    [
        {"principal": ""},
        {"principal": "10000"},  # everything else missing
        {"overdue_amount": "\x00"},
        {"principal": "１０,０００", "start_date": "２０２６年１３月１日"},
        {"as_of": "9999-12-31"},
        {"unknown": "1"},
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_odd_parameters_never_give_a_server_error(client, page, params):
    # The loan form always sends its method (a select): the preset gives one here.
    base = {"preset": "xiaomi"} if page == "loan" else {}
    response = client.get(url("en", page), {**base, **params})
    assert response.status_code == 200
    assert tree(response).xpath('//form[contains(@class, "calculator-form")]')


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("loan", {**SPEC_LOAN, "method": "bogus"}),
        ("loan", {"principal": "10000"}),  # no method: the form's select always sends one
        ("loan", {"preset": "bogus"}),
        ("loan", {**SPEC_LOAN, "preset": "bogus"}),
        ("arrears", {"preset": "bogus"}),
        ("arrears", {**QUICK, "preset": "bogus"}),
    ],
)
def test_value_the_form_could_not_send_is_a_bad_request_with_the_form(client, page, params):
    response = client.get(url("en", page), params)
    assert response.status_code == 400
    assert tree(response).xpath('//form[contains(@class, "calculator-form")]')
    assert tree(response).xpath('//*[@id="error-summary"]')
    assert figures(response) == {}


@pytest.mark.parametrize(
    "params", [{}, {"preset": "xiaomi"}, SPEC_LOAN, {"principal": "abc"}, {"preset": "bogus"}]
)
@pytest.mark.parametrize("page", PAGES)
def test_responses_keep_the_figures_from_other_sites(client, page, params):
    assert client.get(url("zh-hans", page), params)["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("page", PAGES)
def test_calculators_are_get_forms_only(client, page):
    assert client.post(url("en", page), SPEC_LOAN).status_code == 405


# --- a rate that looks like a fraction (calculations.md) ---------------------------------


def fraction_note(response):
    notes = tree(response).xpath('//*[contains(@class, "note--check")]')
    return notes[0] if notes else None


@pytest.mark.parametrize("language", LANGUAGES)
def test_loan_at_a_fraction_rate_says_so_with_the_figures_at_100_times(client, language):
    response = client.get(url(language, "loan"), {**SPEC_LOAN, "daily_rate": "0.0005"})
    assert response.status_code == 200
    note = fraction_note(response)
    assert note is not None
    words = " ".join(note.text_content().split())
    # At 0.05 % a day: the spec's penalty 5.78 and payoff 10 660.78.
    assert "0.0005" in words and "0.05" in words
    assert "¥5.78" in words and "¥10,660.78" in words
    # The figures marked on the page are those of the rate as typed, not a guess:
    # interest 1.55 and 1.50 overdue at 0.0005 % × 1.5 a day round to 0.00 penalty.
    shown = figures(response)
    assert shown["penalty_interest"] == "0.00"
    assert shown["payoff_amount"] != "10660.78"
    # One link: the same page with the larger rate in the same field.
    href = note.xpath(".//a/@href")[0]
    assert href.startswith(f"/{language}/calculator/loan/?")
    assert query_of(href) == {**SPEC_LOAN, "daily_rate": "0.05"}


def test_quick_estimate_at_a_fraction_rate_says_so_before_the_headline(client):
    response = client.get(url("en", "arrears"), {**QUICK, "daily_rate": "0.0005"})
    note = fraction_note(response)
    words = " ".join(note.text_content().split())
    assert "Check the rate: 0.0005 % a day looks like a fraction, not a percent." in words
    # 12 000 × 0.05 % × 1.5 × 71 days = 639.00; 12 639.00 in all.
    assert "the penalty so far would be ¥639.00 and what settles everything today ¥12,639.00" in words
    following = note.xpath('following::*[contains(@class, "headline")]')
    assert following, "the note comes before the key figures"


def test_an_annual_fraction_is_noted_in_chinese_too(client):
    response = client.get(url("zh-hans", "arrears"), {**QUICK, "daily_rate": "", "annual_rate": "0.18"})
    words = " ".join(fraction_note(response).text_content().split())
    assert "年利率0.18%看起来像是小数" in words
    assert "按年利率18%重新计算" in words


@pytest.mark.parametrize("rates", [{"daily_rate": "0.05"}, {"daily_rate": "0.001"}, {"daily_rate": "0"}])
def test_a_plausible_rate_has_no_note(client, rates):
    response = client.get(url("en", "arrears"), {**QUICK, **rates})
    assert response.status_code == 200
    assert fraction_note(response) is None


# --- on a phone: the next step first, long tables folded ----------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_the_next_step_comes_right_after_the_key_figures(client, page):
    response = client.get(url("en", page), QUICK if page == "arrears" else SPEC_LOAN)
    result = tree(response).xpath('//section[contains(@class, "result")]')[0]
    order = [
        element.get("class").split()[0]
        for element in result.xpath('./*[contains(@class, "headline") or contains(@class, "next-steps")'
                                    ' or contains(@class, "breakdown") or self::details or self::figure]')
    ]
    assert order[:3] == ["headline", "next-steps", "table"], order


def test_the_schedule_and_the_chart_table_are_folded(client):
    response = client.get(url("en", "loan"), SPEC_LOAN)
    folds = tree(response).xpath('//details[contains(@class, "fold")]')
    assert len(folds) == 2
    assert all(fold.get("open") is None for fold in folds)  # closed until tapped
    schedule, chart = folds
    assert texts(response, '//details[contains(@class, "schedule-fold")]/summary') == [
        "Repayment schedule: 6 installments"]
    assert len(schedule.xpath(".//table[contains(@class, 'schedule')]/tbody/tr")) == 6
    assert chart.xpath("ancestor::figure[contains(@class, 'growth')]")
    assert len(chart.xpath(".//table/tbody/tr")) == 14
    # The chart itself stays in view; only its table is folded.
    assert not tree(response).xpath("//details//svg")


def test_the_quick_estimate_folds_its_chart_table(client):
    folds = tree(client.get(url("zh-hans", "arrears"), QUICK)).xpath('//details[contains(@class, "fold")]')
    assert len(folds) == 1 and folds[0].xpath(".//table/tbody/tr")


# --- how we calculate: the sources by name and number ---------------------------------------


SOURCE_NUMBERS = ("银发〔2003〕251号", "银发〔2005〕129号", "法发〔2017〕22号", "《征信业管理条例》")


@pytest.mark.parametrize("language", LANGUAGES)
def test_how_we_calculate_names_its_sources(client, language):
    loan_sources = texts(client.get(url(language, "loan")), '//ul[contains(@class, "how__sources")]/li')
    quick_sources = texts(client.get(url(language, "arrears")), '//ul[contains(@class, "how__sources")]/li')
    for number in SOURCE_NUMBERS:
        assert any(number in source for source in loan_sources), number
        assert any(number in source for source in quick_sources), number
    # Only the loan calculator shows an APR, so only it cites the rule on annualised rates.
    assert any("中国人民银行公告〔2021〕第3号" in source for source in loan_sources)
    assert not any("2021" in source for source in quick_sources)
    assert "《征信业管理条例》（国务院令第631号）第十六条" in loan_sources


def test_how_we_calculate_is_kept_once_per_page_kind_and_language_with_nothing_typed(client):
    # It is the same for everyone (presenters.how_we_calculate): kept per kind and
    # language, rendered without the request, so no one's figures are in it.
    how_we_calculate.cache_clear()
    for language in LANGUAGES:
        for n in range(3):
            client.get(url(language, "loan"), {**SPEC_LOAN, "principal": f"9876{n}"})
            client.get(url(language, "arrears"), {**QUICK, "overdue_amount": f"5432{n}"})
    assert how_we_calculate.cache_info().currsize == 2 * len(LANGUAGES)
    for language in LANGUAGES:
        with translation.override(language):
            for kind in ("loan", "quick"):
                kept = how_we_calculate(kind, language)
                assert "9876" not in kept and "5432" not in kept and "testserver" not in kept
    with translation.override("en"):
        assert "Interest runs from the day the money is paid out" in how_we_calculate("loan", "en")
        assert "Interest runs from the day" not in how_we_calculate("quick", "en")


def test_how_we_calculate_states_the_choices_made_where_the_spec_is_silent(client):
    section = tree(client.get(url("en", "loan")))
    headings = [" ".join(h.text_content().split()) for h in section.xpath('//section[contains(@class, "how")]//h3')]
    assert headings == ["Where the rules leave a choice", "Sources"]
    choices = texts(client.get(url("en", "loan")),
                    '//section[contains(@class, "how")]//h3[1]/following-sibling::ul[1]/li')
    assert any("万分之五点五 is 0.055 %" in choice for choice in choices)
    assert any("After the last due date everything is overdue" in choice for choice in choices)


# --- opened from a row of the plan's list of debts -----------------------------------


def test_opened_for_a_plan_row_the_blank_form_carries_the_row(client):
    # The plan's "do not know the amount owed?" link: ?row=2, nothing else yet.
    response = client.get(url("en", "arrears"), {"row": "2"})
    assert response.status_code == 200
    assert not tree(response).xpath('//*[@id="error-summary"]')
    assert input_value(response, "row") == "2"


def test_the_result_for_a_plan_row_says_to_bring_its_total_back(client):
    # QUICK: 12 000 overdue since 2026-03-10, 71 days on 2026-05-20 at 0.075 % a day:
    # 12 000 × 0.00075 × 71 = 639.00, so 12 639.00 is what goes back into row 2.
    response = client.get(url("en", "arrears"), {**QUICK, "row": "2"})
    note = " ".join(tree(response).xpath('//*[contains(@class, "next-steps--row")]')[0]
                    .text_content().split())
    assert "debt 2" in note and "¥12,639.00" in note
    assert figures(response)["total_due"] == "12639.00"
    # The plan link does not carry the row: the plan has no such parameter.
    plan_link = tree(response).xpath('//*[@class="next-steps no-print"]//a/@href')[0]
    assert plan_link.startswith("/en/calculator/plan/?")
    assert query_of(plan_link) == QUICK


def test_without_a_row_there_is_no_such_note(client):
    response = client.get(url("en", "arrears"), QUICK)
    assert not tree(response).xpath('//*[contains(@class, "next-steps--row")]')


@pytest.mark.parametrize("row", ["0", "11", "x"])
def test_a_row_the_plan_cannot_have_is_a_bad_request(client, row):
    response = client.get(url("en", "arrears"), {**QUICK, "row": row})
    assert response.status_code == 400


@pytest.mark.parametrize("row", ["0", "11", "x"])
def test_a_bad_row_alone_is_refused_not_carried_into_the_blank_form(client, row):
    # ?row=x with nothing else: not a blank form carrying "x" to fail later, but
    # the form's own message now.
    response = client.get(url("en", "arrears"), {"row": row})
    assert response.status_code == 400
    assert tree(response).xpath('//*[@id="error-summary"]//li')


def test_an_empty_row_alone_is_the_blank_form(client):
    response = client.get(url("en", "arrears"), {"row": ""})
    assert response.status_code == 200
    assert not tree(response).xpath('//*[@id="error-summary"]')
