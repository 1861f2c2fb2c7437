"""Long dates in the page's language, written fast: a page writes dozens.

``formats.date_format(value, "DATE_FORMAT")`` reads the language's format and
parses it again for every date; ``date_writer()`` reads it once, and
``long_date`` keeps one writer per language (the format is the same for every
visitor; the month names are translated when each date is written).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from django.utils import dateformat, formats
from django.utils.dates import MONTHS, MONTHS_AP
from django.utils.translation import get_language

# The format characters the site's languages use for a long date, written directly.
_DATE_PARTS: dict[str, Callable[[date], str]] = {
    "Y": lambda value: f"{value.year:04d}",
    "n": lambda value: str(value.month),
    "m": lambda value: f"{value.month:02d}",
    "j": lambda value: str(value.day),
    "d": lambda value: f"{value.day:02d}",
    "N": lambda value: str(MONTHS_AP[value.month]),
    "F": lambda value: str(MONTHS[value.month]),
}


def date_writer() -> Callable[[date], str]:
    """``formats.date_format(value, "DATE_FORMAT")`` in the active language, for a page
    that writes many dates: the format is read once (``dateformat`` parses it again
    for every date). A format character not in ``_DATE_PARTS`` falls back to Django."""
    pattern = formats.get_format("DATE_FORMAT")
    parts: list[str | Callable[[date], str]] = []
    escaped = False
    for char in pattern:
        if escaped:
            parts.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in _DATE_PARTS:
            parts.append(_DATE_PARTS[char])
        elif char.isascii() and char.isalpha():
            return lambda value: dateformat.format(value, pattern)
        else:
            parts.append(char)
    return lambda value: "".join(part if isinstance(part, str) else part(value) for part in parts)


@lru_cache(maxsize=16)
def _writer_for(language: str) -> Callable[[date], str]:
    return date_writer()  # called with ``language`` active


def long_date(value: date) -> str:
    """``formats.date_format(value, "DATE_FORMAT")``: 2026年5月20日 / 20 May 2026."""
    return _writer_for(get_language())(value)
