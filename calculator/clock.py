"""The one place the calculators read the clock."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    """Today in China (Asia/Shanghai): the default calculation date.

    Views call ``clock.today()`` through the module, so tests replace it here.
    """
    return timezone.localdate()
