"""Strict, friendly parsing of what people type, at the boundary only.

Turns 全角 digits, thousands separators, the 万 unit, Chinese date spellings and
rates as contracts write them (``日息万分之五``, ``年化18%``) into ``Decimal``, ``int``
and ``date``; anything else raises ``ParseError`` with a message constant. Nothing
is guessed: ``12abc`` is an error, not 12 (CFPB's ``stringToNum('foo5') → 5`` is
the anti-example).
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
# --- rates as contracts and apps write them ------------------------------------------
#
# A rate field holds a percentage: ``0.05`` means 0.05 %. It also reads the units
# contracts use — ``%``/百分之, ``‰``/千分之 (per mille), ``‱``/万分之 (per ten
# thousand) — with digits or Chinese numerals (万分之五点五 = 0.055 %), and the words
# that say the period (日息, 日利率, 年化, /天 …). A period that contradicts the field
# (年化 in the daily box), a monthly rate, or two units are refused with a message
# that says what to do: a rate is never re-read as something else.

DAY = "day"
YEAR = "year"
MONTH = "month"

# Longest first, so 日利率 is taken before 日.
_PERIOD_PREFIXES = (
    ("年化利率", YEAR), ("年利率", YEAR), ("年化", YEAR), ("年息", YEAR), ("年率", YEAR),
    ("每年", YEAR), ("年", YEAR),
    ("日利率", DAY), ("日利息", DAY), ("日息", DAY), ("日率", DAY), ("每日", DAY),
    ("每天", DAY), ("按日", DAY), ("日", DAY),
    ("月利率", MONTH), ("月费率", MONTH), ("月息", MONTH), ("月率", MONTH), ("每月", MONTH),
    ("月", MONTH),
    ("利率", None), ("利息", None),
)
_PERIOD_SUFFIXES = (
    ("/year", YEAR), ("peryear", YEAR), ("ayear", YEAR), ("/年", YEAR), ("每年", YEAR),
    ("一年", YEAR),
    ("/day", DAY), ("perday", DAY), ("aday", DAY), ("/日", DAY), ("/天", DAY),
    ("每日", DAY), ("每天", DAY), ("一天", DAY),
    ("/month", MONTH), ("permonth", MONTH), ("amonth", MONTH), ("/月", MONTH),
    ("每月", MONTH), ("一个月", MONTH), ("/个月", MONTH),
)
# Each unit and how many of it make one percent: ‰ is a tenth of a percent.
_UNIT_WORDS = (("百分之", 1), ("千分之", 10), ("万分之", 100))
_UNIT_SIGNS = (("%", 1), ("‰", 10), ("‱", 100))
_CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
# 五, 十, 十五, 二十, 二十五; then optionally 点 and digits: 五点五, 零点零五.
_CHINESE_NUMBER = re.compile(
    r"(?:(?P<tens>[一二两三四五六七八九]?)十(?P<ones>[一二三四五六七八九]?)|(?P<digit>[零〇一二两三四五六七八九]))"
    r"(?:点(?P<fraction>[零〇一二三四五六七八九]+))?"
)


def _chinese_number(text: str) -> Decimal | None:
    """五 → 5, 十五 → 15, 二十 → 20, 五点五 → 5.5, 零点零五 → 0.05; else None."""
    match = _CHINESE_NUMBER.fullmatch(text)
    if not match:
        return None
    if match["digit"] is not None:
        whole = _CHINESE_DIGITS[match["digit"]]
    else:
        tens = _CHINESE_DIGITS[match["tens"]] if match["tens"] else 1
        ones = _CHINESE_DIGITS[match["ones"]] if match["ones"] else 0
        whole = tens * 10 + ones
    fraction = "".join(str(_CHINESE_DIGITS[char]) for char in match["fraction"] or "")
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def _rate_period(value: str) -> tuple[str, str | None]:
    """``value`` without the words that name its period, and the period named."""
    period = None
    for word, named in _PERIOD_PREFIXES:
        if value.startswith(word):
            value, period = value[len(word):], named
            break
    for word, named in _PERIOD_SUFFIXES:
        if value.endswith(word):
            if period is not None and named != period:
                return value, "mixed"
            value, period = value[: -len(word)], named
            break
    return value, period


def _rate_percent(value: str, invalid) -> Decimal:
    """The number and its one unit (none, %, ‰, ‱, 百分之 …) as a percentage."""
    per_percent = 1
    words = False
    for word, size in _UNIT_WORDS:
        if value.startswith(word):
            value, per_percent, words = value[len(word):], size, True
            break
    for sign, size in _UNIT_SIGNS:
        if value.endswith(sign):
            if words:  # 万分之五% names two units
                raise ParseError(invalid)
            value, per_percent = value[: -len(sign)], size
            break
    if len(value) > 20:
        raise ParseError(invalid)
    number = _chinese_number(value) if words else None
    if number is None:
        number = _decimal(value, invalid)
    return number / per_percent


def _parse_rate(text: str, *, period: str) -> Decimal:
    invalid = messages.DAILY_RATE_INVALID if period == DAY else messages.ANNUAL_RATE_INVALID
    value = normalise(text).lower()
    value, named = _rate_period(value)
    if named == MONTH:
        raise ParseError(messages.RATE_MONTHLY)
    if named == "mixed":
        raise ParseError(invalid)
    if named is not None and named != period:
        raise ParseError(
            messages.DAILY_RATE_LOOKS_ANNUAL if period == DAY else messages.ANNUAL_RATE_LOOKS_DAILY
        )
    return _rate_percent(value, invalid)


def parse_daily_rate(text: str) -> Decimal:
    """A daily rate in percent: ``0.05``, ``0.05%``, ``万分之五``, ``日息0.5‰`` → 0.05."""
    return _parse_rate(text, period=DAY)


def parse_annual_rate(text: str) -> Decimal:
    """An annual rate in percent: ``18``, ``18%``, ``年化18%``, ``年利率百分之十八`` → 18."""
    return _parse_rate(text, period=YEAR)


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
