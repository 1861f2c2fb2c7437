"""The figure filters and the data-figure tag, rendered through real templates."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext_lazy

from calculator.templatetags.calculator import figure, plain_value


def render(source: str, language: str = "zh-hans", **context) -> str:
    with translation.override(language):
        return Template("{% load calculator %}" + source).render(Context(context))


# --- filters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("10660.78"), "¥10,660.78"),
        (Decimal("0.5"), "¥0.50"),
        (Decimal("1234567.005"), "¥1,234,567.01"),  # to the fen, half up
        (Decimal("-900.5"), "\u2212¥900.50"),  # a real minus sign
        (12, "¥12.00"),
        (None, ""),
        ("", ""),
    ],
)
def test_yuan_filter(value, shown):
    assert render("{{ value|yuan }}", value=value) == shown


def test_yuan_filter_is_the_same_in_english():
    assert render("{{ value|yuan }}", "en", value=Decimal("10660.78")) == "¥10,660.78"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("10660.78"), "人民币壹万零陆佰陆拾元柒角捌分"),
        (Decimal("11398.50"), "人民币壹万壹仟叁佰玖拾捌元伍角"),
        (Decimal("10000"), "人民币壹万元整"),
        (Decimal("0"), "人民币零元整"),
    ],
)
def test_rmb_upper_filter(value, shown):
    assert render("{{ value|rmb_upper }}", value=value) == shown


@pytest.mark.parametrize(
    ("language", "shown"),
    [("zh-hans", "2026年5月20日"), ("en", "20 May 2026")],
)
def test_long_date_in_both_languages(language, shown):
    assert render("{{ value|long_date }}", language, value=date(2026, 5, 20)) == shown


def test_long_date_in_english_writes_the_month_in_full_day_first():
    # One format across the English site, as the articles write dates (config/formats/en).
    assert render("{{ value|long_date }}", "en", value=date(2026, 9, 1)) == "1 September 2026"


def test_percent_filter_keeps_two_places():
    assert render("{{ value|percent }}", value=Decimal("27")) == "27.00 %"
    assert render("{{ value|percent }}", value=Decimal("17.58")) == "17.58 %"


# --- data-value ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        (Decimal("10660.78"), "10660.78"),  # a dot, no separators
        (Decimal("1E+4"), "10000.00"),  # never exponent notation
        (Decimal("300"), "300.00"),
        (Decimal("-0.001"), "0.00"),  # no "-0.00"
        (2, "2"),
        (0, "0"),
        (date(2026, 3, 13), "2026-03-13"),
        ("installments", "installments"),
        ("none", "none"),
        (True, "true"),
        (False, "false"),
    ],
)
def test_plain_value(value, plain):
    assert plain_value(value) == plain


# --- the figure tag -----------------------------------------------------------------------------


def test_figure_tag_marks_money_with_a_plain_value():
    shown = render('{% figure "payoff_amount" value %}', value=Decimal("10660.78"))
    assert shown == (
        '<span class="figure" data-figure="payoff_amount" data-value="10660.78">¥10,660.78</span>'
    )


def test_figure_tag_marks_a_count():
    shown = render('{% figure "overdue_periods" 2 "count" %}')
    assert shown == '<span class="figure" data-figure="overdue_periods" data-value="2">2</span>'


@pytest.mark.parametrize(
    ("language", "words"), [("zh-hans", "2026年3月13日"), ("en", "13 March 2026")]
)
def test_figure_tag_marks_a_date_with_its_iso_value(language, words):
    shown = render('{% figure "grace_end" value "date" %}', language, value=date(2026, 3, 13))
    assert shown == f'<span class="figure" data-figure="grace_end" data-value="2026-03-13">{words}</span>'


def test_figure_tag_marks_a_percent():
    shown = render('{% figure "apr" value "percent" %}', value=Decimal("17.58"))
    assert shown == '<span class="figure" data-figure="apr" data-value="17.58">17.58 %</span>'


def test_figure_tag_marks_an_option_key_with_its_label():
    shown = render('{% figure "recommended_option" "installments" "option" label %}', label="分期还款")
    assert shown == (
        '<span class="figure" data-figure="recommended_option" data-value="installments">分期还款</span>'
    )


def test_figure_tag_escapes_the_shown_text_and_the_attributes():
    shown = render('{% figure name value "option" label %}',
                   name='x" onclick="alert(1)', value="<b>", label="<script>alert(1)</script>")
    assert "<script>" not in shown and "<b>" not in shown
    assert 'onclick="' not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert 'data-value="&lt;b&gt;"' in shown
    assert 'data-figure="x&quot; onclick=&quot;alert(1)"' in shown


def test_figure_tag_name_can_be_built_in_the_template():
    shown = render('{% with name=key|add:"_payment" %}{% figure name value %}{% endwith %}',
                   key="deferral", value=Decimal("10521.37"))
    assert 'data-figure="deferral_payment" data-value="10521.37"' in shown


def test_figure_shows_a_lazy_label_in_the_page_language_escaped():
    label = gettext_lazy("Amount owed")  # 欠款金额 in Chinese
    with translation.override("zh-hans"):
        shown = figure("owed", Decimal("12000"), "option", label)
    assert shown == '<span class="figure" data-figure="owed" data-value="12000.00">欠款金额</span>'
    assert figure("x", "<i>", "option", "a & b").endswith('data-value="&lt;i&gt;">a &amp; b</span>')
