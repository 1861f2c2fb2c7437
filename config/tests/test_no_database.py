"""Every page works without a database: none reads or writes one, and none is configured.

Nothing personal is stored, so no page needs a database, and the settings name
none (only the test settings add an in-memory one, for pytest-django's
live_server). The proof: every kind of page answers under the development
settings, where Django's dummy backend would refuse any query, and no request
opens a connection at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from config.tests.test_settings import clean_environ

BASE_DIR = Path(settings.BASE_DIR)

LOAN = (
    "principal=10000&start_date=2026-01-15&periods=6&repayment_day=10&method=interest_only"
    "&daily_rate=0.05&penalty_multiplier=1.5&grace_days=3&paid_periods=2&as_of=2026-05-20"
    "&prepayment_fee=3"
)
PLAN = f"{LOAN}&monthly_income=4500&monthly_expenses=2800&savings=500"
LETTER = {
    "option": "installments", "full_name": "张三", "phone": "138 0013 8000",
    "lender_name": "重庆小米消费金融有限公司", "contract_number": "XM-2026-0001",
    "hardship": "job_loss",
}
# (name, method, path, POSTed fields): every kind of page the site has.
REQUESTS = [
    ("home", "get", "/zh-hans/", None),
    ("guidance index", "get", "/en/guidance/", None),
    ("article", "get", "/zh-hans/guidance/consequences/", None),
    ("search", "get", "/zh-hans/search/?q=%E7%BD%9A%E6%81%AF", None),
    ("privacy", "get", "/zh-hans/privacy/", None),
    ("quick estimate", "get",
     "/zh-hans/calculator/arrears/?overdue_amount=3000&due_date=2026-03-10&daily_rate=0.05", None),
    ("loan", "get", f"/zh-hans/calculator/loan/?{LOAN}", None),
    ("plan", "get", f"/zh-hans/calculator/plan/?{PLAN}", None),
    ("calendar", "get", f"/zh-hans/calculator/plan.ics?{PLAN}&option=installments", None),
    ("letter form", "get", f"/zh-hans/calculator/letter/?{PLAN}", None),
    ("letter", "post", "/zh-hans/calculator/letter/", {"format": "html"}),
    ("letter pdf", "post", "/zh-hans/calculator/letter/", {"format": "pdf"}),
    ("letter docx", "post", "/en/calculator/letter/", {"format": "docx"}),
    ("offer", "get", "/zh-hans/calculator/offer/?owed=12000&offer_periods=12&offer_fee_rate=0.6", None),
    ("contact log pdf", "get", "/en/calculator/contact-log/?lender=x&format=pdf", None),
]

# Run in a fresh interpreter with config.settings.dev: no database at all.
SCRIPT = """
import json, sys
from datetime import date
from urllib.parse import parse_qsl

import django
django.setup()

from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

import calculator.clock
from django.conf import settings
from django.db import connection

assert settings.DATABASES == {}, settings.DATABASES
assert connection.settings_dict["ENGINE"] == "django.db.backends.dummy"

opened = []
connect = BaseDatabaseWrapper.ensure_connection

def record(self):
    opened.append(self.alias)
    return connect(self)

BaseDatabaseWrapper.ensure_connection = record
calculator.clock.today = lambda: date(2026, 5, 20)
requests, letter, plan = json.loads(sys.argv[1])
client = Client()
statuses = {}
for name, method, path, fields in requests:
    if method == "get":
        response = client.get(path)
    else:
        response = client.post(path, {**dict(parse_qsl(plan)), **letter, **fields})
    statuses[name] = [response.status_code, response["Content-Type"]]
print(json.dumps({"statuses": statuses, "opened": opened}))
"""


def run_site(**env: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps([REQUESTS, LETTER, PLAN])],
        cwd=BASE_DIR,
        env=clean_environ(
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            DJANGO_ALLOWED_HOSTS="testserver,localhost",
            **env,
            PYTHONPATH=str(BASE_DIR),
        ),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


EXPECTED_TYPES = {
    "calendar": "text/calendar",
    "letter pdf": "application/pdf",
    "contact log pdf": "application/pdf",
    "letter docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def assert_every_page_works(outcome: dict) -> None:
    for name, (status, content_type) in outcome["statuses"].items():
        assert status == 200, name
        assert content_type.startswith(EXPECTED_TYPES.get(name, "text/html")), name
    assert outcome["opened"] == []


def test_every_page_works_with_no_database_configured():
    assert_every_page_works(run_site())


def test_a_leftover_database_url_is_ignored(tmp_path):
    # DATABASE_URL was read once (dj-database-url); it is not any more.
    assert_every_page_works(run_site(DATABASE_URL=f"sqlite:///{tmp_path}/missing/db.sqlite3"))
    assert list(tmp_path.iterdir()) == []


def test_nothing_installs_or_needs_dj_database_url():
    requirements = (BASE_DIR / "requirements.txt").read_text()
    assert "dj-database-url" not in requirements.lower()
    assert "migrate" not in (BASE_DIR / "Makefile").read_text()


@pytest.fixture
def connections_opened(monkeypatch):
    opened = []
    connect = BaseDatabaseWrapper.ensure_connection

    def record(self):
        opened.append(self.alias)
        return connect(self)

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", record)
    return opened


def test_no_request_opens_a_database_connection(connections_opened):
    client = Client()
    with mock.patch("calculator.clock.today", return_value=date(2026, 5, 20)):
        for name, method, path, fields in REQUESTS:
            if method == "get":
                response = client.get(path)
            else:
                data = dict(pair.split("=") for pair in PLAN.split("&"))
                response = client.post(path, {**data, **LETTER, **fields})
            assert response.status_code == 200, name
    assert connections_opened == []

