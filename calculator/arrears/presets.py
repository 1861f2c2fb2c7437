"""Lender presets: a product's published terms, as data.

One entry each, with where the terms come from and when they were checked.
A preset fills only the parameters the user did not give (calculations.md:
"any parameter given explicitly wins over the preset"). ``custom`` fills nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    terms: dict[str, str] = field(default_factory=dict)
    note: str = ""
    source: str = ""
    checked: date | None = None


PRESETS: tuple[Preset, ...] = (
    Preset(key="custom", label=_("Custom: from my contract")),
    Preset(
        key="xiaomi",
        label=_("Xiaomi loan (小米贷款), historical public terms"),
        terms={
            "daily_rate": "0.05",
            "penalty_multiplier": "1.5",
            "grace_days": "3",
            "periods": "6",
            "repayment_day": "10",
            "method": "interest_only",
            "prepayment_fee": "0",
        },
        note=_(
            "Xiaomi's published terms of 2016–2019: 0.05 % a day, penalty 1.5 times "
            "(0.075 % a day), due on the 10th, up to 6 installments, interest monthly "
            "and principal at the end. The 3-day grace period is reported by some "
            "sources and may differ. Your own contract decides (以合同为准)."
        ),
        source=_("小米贷款 product terms as published 2016–2019 (spec/facts.md)"),
        checked=date(2026, 11, 21),
    ),
)

BY_KEY: dict[str, Preset] = {preset.key: preset for preset in PRESETS}
DEFAULT_PRESET = "custom"


def preset_choices() -> list[tuple[str, str]]:
    return [(preset.key, preset.label) for preset in PRESETS]


def apply_preset(params: dict[str, str], preset_key: str) -> dict[str, str]:
    """``params`` with the preset's terms filled in where nothing was given.

    A rate given in either form wins over the preset's rate in the other form.
    """
    preset = BY_KEY.get(preset_key)
    if preset is None:
        return dict(params)
    given = {name: value for name, value in params.items() if str(value).strip()}
    rate_given = "daily_rate" in given or "annual_rate" in given
    merged = dict(params)
    for name, value in preset.terms.items():
        if name in given or (rate_given and name in ("daily_rate", "annual_rate")):
            continue
        merged[name] = value
    return merged
