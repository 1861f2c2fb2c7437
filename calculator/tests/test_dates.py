"""calculator/dates.py: date_writer and long_date write what Django writes, and long_date
keeps one writer per language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import formats, translation

from calculator.dates import date_writer, long_date


def test_each_language_its_own_format_in_turn():
    # Alternating languages: the writer kept for one never answers for another.
    day = date(2026, 5, 20)
    expected = {"zh-hans": "2026年5月20日", "zh-hant": "2026年5月20日", "en": "20 May 2026"}
    for language in ["en", "zh-hans", "en", "zh-hant", "zh-hans"]:
        with translation.override(language):
            assert long_date(day) == expected[language]
            assert long_date(date(2026, 12, 1)) == formats.date_format(date(2026, 12, 1), "DATE_FORMAT")


def test_month_names_follow_the_language_even_with_a_kept_writer():
    with translation.override("en"):
        assert long_date(date(2027, 1, 31)) == "31 January 2027"
        assert long_date(date(2026, 9, 1)) == "1 September 2026"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_date_writer_writes_what_django_writes(language):
    # Every day of 2027 and 29 February 2028, in each of the site's languages.
    days = [date(2027, 1, 1) + timedelta(days=n) for n in range(365)] + [date(2028, 2, 29)]
    with translation.override(language):
        write = date_writer()
        assert [write(day) for day in days] == [formats.date_format(day, "DATE_FORMAT") for day in days]


def test_date_writer_falls_back_to_django_for_other_format_characters(settings):
    settings.DATE_FORMAT = r"l \t\h\e jS"  # a weekday name and an ordinal suffix
    with translation.override(None):
        assert date_writer()(date(2026, 5, 20)) == "Wednesday the 20th"
