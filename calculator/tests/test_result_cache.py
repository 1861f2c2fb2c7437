"""The short memory of calculator pages (config/page_memory.py, the "results" cache).

The test settings turn the memory off for every other test; here it is on, as in
``make run`` and production, with a counter on the views' ``render`` to see which
requests were worked out and which were answered from memory.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from calculator import views
from calculator.tests._pages import TODAY, figures
from calculator.tests.loans import SPEC_LOAN
from config.page_memory import KeptPage

CACHE_ALIAS = "results"

RESULTS_ON = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    CACHE_ALIAS: {
        "BACKEND": "config.page_memory.ForgetfulLocMemCache",
        "LOCATION": "test-results",
        "TIMEOUT": 60,
        "OPTIONS": {"MAX_ENTRIES": 200},
    },
}
BUDGET = {"monthly_income": "4500", "monthly_expenses": "2800", "savings": "500"}
UNIQUE_NAME = "缓存测试人甲乙"


@pytest.fixture(autouse=True)
def results_remembered(monkeypatch):
    monkeypatch.setattr(views, "today", lambda: TODAY)
    with override_settings(CACHES=RESULTS_ON):
        caches[CACHE_ALIAS].clear()
        yield
        caches[CACHE_ALIAS].clear()


@pytest.fixture
def renders(count_renders):
    return count_renders(views)


def url(name: str, params: dict[str, str], language: str = "zh-hans") -> str:
    from django.utils import translation

    with translation.override(language):
        return f"{reverse(name)}?{urlencode(params)}"


def kept_values() -> list:
    """Everything the results memory holds (LocMemCache keeps pickles in ``_cache``)."""
    import pickle

    return [pickle.loads(value) for value in caches[CACHE_ALIAS]._cache.values()]


@pytest.mark.parametrize("name, params", [
    ("calculator:loan", SPEC_LOAN),
    ("calculator:arrears", {"overdue_amount": "1000", "due_date": "2026-05-01", "daily_rate": "0.05"}),
    ("calculator:plan", {**SPEC_LOAN, **BUDGET}),
])
def test_the_same_address_is_worked_out_once_and_answered_the_same(client, renders, name, params):
    address = url(name, params)
    first = client.get(address)
    second = client.get(address)

    assert first.status_code == second.status_code == 200
    assert len(renders) == 1
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    assert figures(second)  # a real result, with its data-figure markers


def test_an_answer_from_memory_still_gets_every_security_header(client, renders):
    address = url("calculator:loan", SPEC_LOAN)
    client.get(address)
    second = client.get(address)
    assert len(renders) == 1  # the second came from memory

    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["Referrer-Policy"] == "same-origin"
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Language"] == "zh-hans"


def test_other_figures_other_languages_and_other_days_are_worked_out_afresh(client, renders, monkeypatch):
    client.get(url("calculator:loan", SPEC_LOAN))
    other = client.get(url("calculator:loan", {**SPEC_LOAN, "principal": "12000"}))
    english = client.get(url("calculator:loan", SPEC_LOAN, language="en"))
    assert len(renders) == 3
    assert figures(other)["remaining_principal"] == "12000.00"
    assert english["Content-Language"] == "en"

    # Without as_of the page is calculated for today: a new day is a new page.
    without_date = {key: value for key, value in SPEC_LOAN.items() if key != "as_of"}
    may_20 = client.get(url("calculator:loan", without_date))
    monkeypatch.setattr(views, "today", lambda: TODAY + timedelta(days=1))
    may_21 = client.get(url("calculator:loan", without_date))
    assert len(renders) == 5
    assert figures(may_21)["days_overdue"] == str(int(figures(may_20)["days_overdue"]) + 1)


def test_refusals_are_not_kept(client, renders):
    unknown_method = url("calculator:loan", {**SPEC_LOAN, "method": "sideways"})
    assert client.get(unknown_method).status_code == 400
    assert client.get(unknown_method).status_code == 400
    assert len(renders) == 2
    assert kept_values() == []


def test_the_letter_is_never_kept(client):
    plan = {**SPEC_LOAN, **BUDGET, "option": "installments"}
    form = client.get(url("calculator:letter", plan))
    assert form.status_code == 200
    token = form.cookies["csrftoken"].value
    client.cookies["csrftoken"] = token
    response = client.post(reverse("calculator:letter"), {
        **plan, "full_name": UNIQUE_NAME, "phone": "138 0013 8000",
        "lender_name": "重庆小米消费金融有限公司", "hardship": "job_loss",
        "format": "html", "csrfmiddlewaretoken": token,
    })
    assert response.status_code == 200
    assert UNIQUE_NAME in response.content.decode()
    assert kept_values() == []


def test_the_memory_holds_pages_under_hashed_keys_only(client):
    client.get(url("calculator:loan", SPEC_LOAN))
    keys = list(caches[CACHE_ALIAS]._cache)
    assert len(keys) == 1
    assert "10000" not in keys[0] and "principal" not in keys[0]
    [page] = kept_values()
    assert isinstance(page, KeptPage)
    assert page.content_type == "text/html; charset=utf-8"
    assert b'data-figure="total_overdue" data-value="310.78"' in page.content

