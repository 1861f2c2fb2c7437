"""Template filters and tags for figures: money, 大写, dates and data-figure markers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from calculator import dates, formatting
from calculator.inputs.widgets import esc

register = template.Library()


@register.filter
def yuan(value) -> str:
    """¥1,234.56"""
    if value is None or value == "":
        return ""
    return formatting.format_yuan(value)


@register.filter
def rmb_upper(value) -> str:
    """人民币壹万零贰拾叁元肆角伍分"""
    return formatting.rmb_upper(value)


@register.filter
def long_date(value: date) -> str:
    """The date in the page's language: 2026年5月20日 / 20 May 2026."""
    return dates.long_date(value)


@register.filter
def percent(value: Decimal) -> str:
    return f"{formatting.plain_decimal(value)} %"


def plain_value(value) -> str:
    """The machine-readable ``data-value``: 10660.78, 12, 2026-05-20, an option key."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return formatting.plain_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def display_value(value, kind: str) -> str:
    if kind == "money":
        return formatting.format_yuan(value)
    if kind == "percent":
        return percent(value)
    if kind == "date":
        return long_date(value)
    return str(value)


@register.simple_tag
def figure(name: str, value, kind: str = "money", text: str = ""):
    """``<span data-figure="NAME" data-value="VALUE">shown</span>`` (calculations.md).

    ``kind`` is money, percent, date or count; ``text`` replaces the shown
    words when the value needs a label (an option's name).
    """
    shown = text or display_value(value, kind)
    # format_html's markup and escaping, without its lazy-string check on every
    # argument: a result page marks up to 60 figures, and that check was most of
    # their cost.
    return SafeString(
        f'<span class="figure" data-figure="{esc(name)}" data-value="{esc(plain_value(value))}">'
        f"{esc(shown)}</span>"
    )
