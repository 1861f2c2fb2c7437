"""How money is written: 人民币大写, ¥1,234.56 and plain machine-readable values.

Pure Python (template filters wrap these functions). The engine never formats.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
# 13 integer digits: up to 玖万玖仟…亿 (9 999 999 999 999.99).
MAX_RMB_UPPER = Decimal("9999999999999.99")

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")  # within a group of four digits
MINUS_SIGN = "\u2212"  # −, a real minus sign rather than a hyphen


def _to_cents(amount: Decimal | int | str) -> Decimal:
    if isinstance(amount, float):
        raise TypeError("money is Decimal, never float")
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _integer_upper(number: int) -> str:
    """Capitals of a whole number of yuan, 1 ≤ number < 10^13."""
    digits = [int(char) for char in reversed(str(number))]  # digits[p] is 10^p
    parts: list[str] = []
    pending_zero = False
    for position in range(len(digits) - 1, -1, -1):
        digit = digits[position]
        if digit == 0:
            # One 零 for a run of zeros, written only if a digit follows it.
            pending_zero = bool(parts)
        else:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            # 壹拾, not 拾: a leading 1 is written out (支付结算办法附件).
            parts.append(DIGITS[digit] + SMALL_UNITS[position % 4])
        # Group units after a group that is not all zeros: 万 (10^4), 亿 (10^8),
        # and 万 again for 万亿 (10^12), so 10^12 reads 壹万亿.
        if position == 12 and digit:
            parts.append("万")
        elif position == 8 and any(digits[8:13]):
            parts.append("亿")
        elif position == 4 and any(digits[4:8]):
            parts.append("万")
    return "".join(parts)


def rmb_upper(amount: Decimal | int | str) -> str:
    """人民币大写 as the 支付结算办法 (附件) writes it on bills and letters.

    The amount is first rounded to the cent, half up. Conventions chosen:

    - 人民币 directly before the amount; 元角分; 整 after 元 when there are no
      角 or 分; no 整 after 角 (it is optional: 1 409.50 → 人民币壹仟肆佰零玖元伍角);
      never after 分.
    - A 1 in the tens place is written 壹拾, as financial writing requires
      (10 → 人民币壹拾元整, 100 005 → 人民币壹拾万零伍元整).
    - A run of zeros between two non-zero digits is one 零, also across the 万
      and 亿 groups (10 010 000 → 壹仟零壹万元整; 107 000 → 壹拾万零柒仟元整);
      trailing zeros are not written (1 000 000 → 壹佰万元整).
    - 角 = 0 and 分 ≠ 0 writes 零 after 元 (16 409.02 → 人民币壹万陆仟肆佰零玖元零贰分);
      a zero in the 元 place before a non-zero 角 writes no 零
      (1 680.32 → 人民币壹仟陆佰捌拾元叁角贰分; the 零 is optional there).
    - Below one yuan there is no 元: 0.05 → 人民币伍分, 0.50 → 人民币伍角;
      nothing at all is 人民币零元整.

    Negative amounts and amounts above 9 999 999 999 999.99 raise ValueError.
    """
    cents = _to_cents(amount)
    if cents < 0:
        raise ValueError("人民币大写 is for amounts of zero or more")
    if cents > MAX_RMB_UPPER:
        raise ValueError("amount too large for 人民币大写")
    yuan = int(cents)
    jiao, fen = divmod(int((cents - yuan) * 100), 10)
    if yuan == 0 and jiao == 0 and fen == 0:
        return "人民币零元整"
    text = "人民币"
    if yuan:
        text += _integer_upper(yuan) + "元"
        if jiao == 0 and fen == 0:
            return text + "整"
        if jiao == 0:
            text += "零"  # 元 then 零 when 角 is 0 and 分 is not
    if jiao:
        text += DIGITS[jiao] + "角"
    if fen:
        text += DIGITS[fen] + "分"
    return text


def format_yuan(amount: Decimal | int | str) -> str:
    """¥1,234.56: to the cent half up, thousands separators; −¥1,234.56 below 0."""
    cents = _to_cents(amount)
    text = f"¥{abs(cents):,.2f}"
    return MINUS_SIGN + text if cents < 0 else text


def format_amount(amount: Decimal | int | str) -> str:
    """1,234.56: to the cent half up, thousands separators, no currency sign.

    For sentences whose words carry the unit (每期1,072.00元). Not below 0.
    """
    cents = _to_cents(amount)
    if cents < 0:
        raise ValueError("format_amount is for amounts of zero or more")
    return f"{abs(cents):,.2f}"  # abs: never "-0.00"


def plain_decimal(amount: Decimal | int | str, places: int = 2) -> str:
    """A plain value for ``data-value``: dot, no separators, ``places`` decimals.

    ``plain_decimal(Decimal("10660.78")) == "10660.78"``; never exponent notation.
    """
    if isinstance(amount, float):
        raise TypeError("money is Decimal, never float")
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if value == 0:
        value = abs(value)  # no "-0.00"
    return f"{value:f}"
