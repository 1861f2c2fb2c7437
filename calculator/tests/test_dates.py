"""calculator/dates.py: long_date keeps one writer per language and writes what Django writes."""

from __future__ import annotations

from datetime import date

from django.utils import formats, translation

from calculator.dates import long_date


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
