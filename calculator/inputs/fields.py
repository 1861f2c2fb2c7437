"""Form fields that accept what people in China type and refuse the rest.

Each wraps one parser from ``calculator.inputs.parsing`` and checks its bounds, with a
message from ``calculator.inputs.messages``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from calculator.inputs import messages
from calculator.inputs.parsing import (
    ParseError,
    Share,
    parse_amount,
    parse_amount_or_share,
    parse_annual_rate,
    parse_daily_rate,
    parse_date,
    parse_fee_rate,
    parse_number,
    parse_percent,
    parse_whole_number,
)
from calculator.inputs.widgets import FastTextInput

MAX_INPUT_LENGTH = 40


class _ParsedField(forms.CharField):
    """A text input whose value is parsed, then checked against bounds."""

    parser = staticmethod(parse_number)
    input_mode = "decimal"
    widget = FastTextInput
    too_small = messages.NUMBER_TOO_SMALL
    too_large = messages.NUMBER_TOO_LARGE

    def __init__(self, *, minimum=None, maximum=None, range_message=None, default=None, **kwargs):
        self.minimum = minimum
        self.maximum = maximum
        self.range_message = range_message
        self.default = default
        kwargs.setdefault("max_length", MAX_INPUT_LENGTH)
        kwargs.setdefault("required", default is None)
        kwargs.setdefault("error_messages", {"required": messages.REQUIRED})
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": self.input_mode, "autocomplete": "off", "spellcheck": "false"})
        return attrs

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return self.default
        try:
            return self.parser(text)
        except ParseError as error:
            raise ValidationError(error.message, code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(
                self.range_message or self.too_small,
                code="min_value",
                params={"minimum": self.minimum, "maximum": self.maximum},
            )
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(
                self.range_message or self.too_large,
                code="max_value",
                params={"minimum": self.minimum, "maximum": self.maximum},
            )

    def clean(self, value):
        # CharField.clean would run validators on the parsed value; do it our way.
        value = self.to_python(value)
        self.validate(value)
        return value


class AmountField(_ParsedField):
    """Yuan: ``12000``, ``12,000.50``, ``1.2万``, ``３０００``."""

    parser = staticmethod(parse_amount)
    too_small = messages.AMOUNT_TOO_SMALL
    too_large = messages.AMOUNT_TOO_LARGE


class PercentField(_ParsedField):
    """A percentage: ``0.05`` or ``0.05%``."""

    parser = staticmethod(parse_percent)


class FeeRateField(_ParsedField):
    """A monthly fee in percent as lenders write it: ``0.6``, ``0.6%``, ``月费率0.6%``."""

    parser = staticmethod(parse_fee_rate)


class AmountOrShareField(_ParsedField):
    """Yuan (``1200``, ``1.2万``) or a share in percent (``10%``, as in 首付10%).

    Bounds apply to amounts; a share must be from 0 to below 100 %. The form
    that knows the whole amount turns a ``Share`` into yuan.
    """

    parser = staticmethod(parse_amount_or_share)
    too_small = messages.AMOUNT_TOO_SMALL
    too_large = messages.AMOUNT_TOO_LARGE

    def validate(self, value):
        if isinstance(value, Share):
            if value.percent >= 100:
                raise ValidationError(
                    messages.SHARE_TOO_LARGE, code="max_value", params={"maximum": 100}
                )
            return
        super().validate(value)
class DailyRateField(PercentField):
    """A daily rate in percent as contracts write it: ``0.05``, ``0.05%``, ``万分之五``."""

    parser = staticmethod(parse_daily_rate)
    input_mode = "text"  # 万分之五 and ‰ need more than a number pad


class AnnualRateField(PercentField):
    """An annual rate in percent: ``18``, ``18%``, ``年化18%``."""

    parser = staticmethod(parse_annual_rate)
    input_mode = "text"


class NumberField(_ParsedField):
    parser = staticmethod(parse_number)


class WholeNumberField(_ParsedField):
    parser = staticmethod(parse_whole_number)
    input_mode = "numeric"


class FlexibleDateField(_ParsedField):
    """``2026-03-10``, ``2026/3/10`` or ``2026年3月10日``."""

    parser = staticmethod(parse_date)
    input_mode = "text"
    too_small = messages.DATE_TOO_EARLY
    too_large = messages.DATE_TOO_LATE

    def prepare_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


# Bidirectional controls (Unicode UAX #9): the embeddings and overrides
# U+202A–202E, the isolates U+2066–2069, the marks U+200E/200F and the Arabic
# letter mark U+061C. None belongs in a Chinese or English name, number or
# reason, and an override (U+202E) after a name would print what follows it,
# the phone number included, backwards in the letter.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class PlainTextField(forms.CharField):
    """Text printed as typed: bidi controls removed, a NUL refused with its own message.

    Django's CharField refuses a NUL character with a generic message (its
    Chinese translation reads garbled); this field says what to do instead.
    """

    default_error_messages = {"null_characters_not_allowed": messages.TEXT_NUL}

    def to_python(self, value):
        value = super().to_python(value)
        return BIDI_CONTROLS.sub("", value) if value else value

    def run_validators(self, value):
        # A NUL makes every other check beside the point: say only what to do about it.
        if value and "\x00" in value:
            raise ValidationError(
                self.error_messages["null_characters_not_allowed"],
                code="null_characters_not_allowed",
            )
        super().run_validators(value)


MONEY_MIN = Decimal("0.01")
MONEY_MAX = Decimal("100000000")  # 1 亿: far above any consumer loan
BUDGET_MAX = Decimal("100000000")
