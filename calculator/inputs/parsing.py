"""Strict, friendly parsing of what people type, at the boundary only.

Turns 全角 digits, thousands separators, the 万 unit and Chinese date spellings
into ``Decimal``, ``int`` and ``date``; anything else raises ``ParseError`` with
a message constant. Nothing is guessed: ``12abc`` is an error, not 12 (CFPB's
``stringToNum('foo5') → 5`` is the anti-example).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from calculator.inputs import messages

WAN = Decimal(10_000)
CENT = Decimal("0.01")

# Digits with optional correct thousands grouping and an optional fraction.
_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASH_DATE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]")


# How lenders and apps label a monthly installment fee (分期手续费), longest first:
# "月费率0.6%", "每期手续费0.6%", "手续费率：0.6%".
_FEE_LABELS = (
    "分期手续费率", "每期手续费率", "每月手续费率", "分期手续费", "每期手续费", "每月手续费",
    "月手续费率", "月手续费", "每期费率", "每月费率", "手续费率", "月费率", "手续费", "费率",
)
# … and the period it is charged for, after the figure: "0.6%/月", "0.6%每期".
_FEE_PERIODS = ("/月", "/期", "每月", "每期")
# Words of a rate that is not a monthly fee on the whole amount (NFKC-folded).
_NOT_MONTHLY = ("年", "日", "天")
_INTEREST = ("息", "利率")
_MINUS_SIGNS = ("-", "\u2212")  # "-" (and "－", folded by NFKC) or a real minus sign


class ParseError(ValueError):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def normalise(text: str) -> str:
    """NFKC (全角 → half-width, 、full-width comma → ',') and no inner spaces."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split())


def _decimal(digits: str, message) -> Decimal:
    if not _NUMBER.fullmatch(digits):
        raise ParseError(message)
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ParseError(message) from None


def parse_amount(text: str) -> Decimal:
    """An amount in yuan: ``12000``, ``12,000.50``, ``￥1.5万``, ``３０００元``."""
    value = normalise(text)
    value = value.removeprefix("¥").removeprefix("RMB").removesuffix("元")
    multiplier = Decimal(1)
    if value.endswith("万"):
        value, multiplier = value[:-1], WAN
    amount = _decimal(value, messages.AMOUNT_INVALID) * multiplier
    if len(value) > 20:
        raise ParseError(messages.AMOUNT_INVALID)
    cents = amount.quantize(CENT)
    if amount != cents:
        raise ParseError(messages.AMOUNT_DECIMALS)
    return cents


def parse_percent(text: str) -> Decimal:
    """A rate in percent: ``0.05``, ``0.05%``, ``18％``."""
    value = normalise(text).removesuffix("%")
    return parse_number(value)


def parse_fee_rate(text: str) -> Decimal:
    """A monthly fee in percent, as lenders write it: ``0.6``, ``0.6%``, ``月费率0.6%``.

    Also ``每期手续费0.6%``, ``手续费率：0.6%`` and ``0.6%/月``. A yearly or daily
    rate, or an interest rate on what is still owed (月利率, 月息), is a different
    thing and is refused with its own message rather than read as a fee.
    """
    value = normalise(text)
    for label in _FEE_LABELS:
        if value.startswith(label):
            value = value[len(label):].removeprefix(":")
            break
    for period in _FEE_PERIODS:
        if value.endswith(period):
            value = value[: -len(period)]
            break
    if any(word in value for word in _INTEREST):
        raise ParseError(messages.FEE_RATE_IS_INTEREST)
    if any(word in value for word in _NOT_MONTHLY):
        raise ParseError(messages.FEE_RATE_NOT_MONTHLY)
    if value.startswith(_MINUS_SIGNS) and len(value) > 1:
        raise ParseError(messages.FEE_RATE_NEGATIVE)
    try:
        return parse_percent(value)
    except ParseError:
        raise ParseError(messages.FEE_RATE_INVALID) from None


@dataclass(frozen=True, slots=True)
class Share:
    """A share of some amount, in percent (``10%`` of the debt, as in 首付10%)."""

    percent: Decimal


def parse_amount_or_share(text: str) -> Decimal | Share:
    """An amount (``1200``, ``1.2万``) or, with a percent sign, a share (``10%``).

    A leading 首付 ("down payment"), as in the lender's own words, is dropped.
    """
    value = normalise(text).removeprefix("首付")
    if value.endswith("%"):
        try:
            return Share(parse_percent(value))
        except ParseError:
            raise ParseError(messages.AMOUNT_OR_SHARE_INVALID) from None
    try:
        return parse_amount(value)
    except ParseError as error:
        if error.message == messages.AMOUNT_INVALID:
            raise ParseError(messages.AMOUNT_OR_SHARE_INVALID) from None
        raise


def parse_number(text: str) -> Decimal:
    """A plain non-negative number such as a multiplier: ``1.5``."""
    value = normalise(text)
    if len(value) > 20:
        raise ParseError(messages.NUMBER_INVALID)
    return _decimal(value, messages.NUMBER_INVALID)


def parse_whole_number(text: str) -> int:
    """A non-negative whole number: ``6``, ``６``."""
    value = normalise(text)
    if not value.isascii() or not value.isdigit():
        raise ParseError(messages.WHOLE_NUMBER_INVALID)
    if len(value) > 9:
        raise ParseError(messages.WHOLE_NUMBER_INVALID)
    return int(value)


def parse_date(text: str) -> date:
    """``2026-03-10``, ``2026/3/10``, ``2026.3.10`` or ``2026年3月10日``."""
    value = normalise(text)
    for pattern in (_ISO_DATE, _SLASH_DATE, _CHINESE_DATE):
        match = pattern.fullmatch(value)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise ParseError(messages.DATE_IMPOSSIBLE) from None
    raise ParseError(messages.DATE_INVALID)
