"""Production hardening: headers on every response, no inline code, small bodies,
bounded work per request, HSTS in production.

``manage.py check --deploy`` with the production settings is in test_settings.py.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
from django import forms
from django.conf import settings
from django.http import QueryDict
from django.test import Client

from calculator.arrears.forms import LoanForm, QuickEstimateForm
from calculator.engine.plan import OptionKey, letter_for
from calculator.inputs import messages
from calculator.letter.blocks import Table
from calculator.letter.builder import build_letter
from calculator.letter.forms import LetterForm
from calculator.plan.forms import BudgetForm, DebtRowForm
from calculator.plan.views import bind_and_draft
from calculator.tests.loans import SPEC_LOAN_TERMS
from config.tests.test_settings import PROD_SECRET, clean_environ

BASE_DIR = Path(settings.BASE_DIR)
TODAY = date(2026, 5, 20)

QUICK = {"overdue_amount": "3000", "due_date": "2026-03-10", "daily_rate": "0.05",
         "as_of": "2026-05-20"}
BUDGET = {"monthly_income": "4500", "monthly_expenses": "2800", "savings": "500"}
LETTER = {
    "option": "installments", "full_name": "张三", "phone": "138 0013 8000",
    "lender_name": "重庆小米消费金融有限公司", "contract_number": "XM-2026-0001",
    "hardship": "job_loss", "ask_penalty_waiver": "on",
}
FIVE_MB = 5 * 1024 * 1024


@pytest.fixture(autouse=True)
def fixed_today():
    with mock.patch("calculator.clock.today", return_value=TODAY):
        yield


def letter_post(client: Client, language: str = "zh-hans", **extra):
    return client.post(
        f"/{language}/calculator/letter/", {**SPEC_LOAN_TERMS, **BUDGET, **LETTER, **extra}
    )


# --- the pages: (method, path, data) and what they answer ---------------------------

PAGES = {
    "home": ("get", "/zh-hans/", None, 200),
    "home in English": ("get", "/en/", None, 200),
    "guidance index": ("get", "/en/guidance/", None, 200),
    "article": ("get", "/zh-hans/guidance/grace-and-penalty/", None, 200),
    "article with the timeline": ("get", "/en/guidance/consequences/", None, 200),
    "search": ("get", "/zh-hans/search/", {"q": "罚息"}, 200),
    "privacy": ("get", "/en/privacy/", None, 200),
    "quick estimate form": ("get", "/zh-hans/calculator/arrears/", None, 200),
    "quick estimate result": ("get", "/zh-hans/calculator/arrears/", QUICK, 200),
    "loan form": ("get", "/en/calculator/loan/", None, 200),
    "loan result": ("get", "/zh-hans/calculator/loan/", SPEC_LOAN_TERMS, 200),
    "loan errors": ("get", "/zh-hans/calculator/loan/", {**SPEC_LOAN_TERMS, "principal": "abc"}, 200),
    "loan bad choice": ("get", "/en/calculator/loan/", {**SPEC_LOAN_TERMS, "method": "x"}, 400),
    "plan": ("get", "/zh-hans/calculator/plan/", {**SPEC_LOAN_TERMS, **BUDGET}, 200),
    "letter form": ("get", "/zh-hans/calculator/letter/", {**SPEC_LOAN_TERMS, **BUDGET}, 200),
    "letter": ("post", "/en/calculator/letter/", {**SPEC_LOAN_TERMS, **BUDGET, **LETTER}, 200),
    "letter errors": ("post", "/zh-hans/calculator/letter/",
                      {**SPEC_LOAN_TERMS, **BUDGET, **LETTER, "full_name": ""}, 200),
    "offer": ("get", "/en/calculator/offer/", {"owed": "12000", "offer_periods": "12",
                                               "offer_fee_rate": "0.6", "available": "1000"}, 200),
    "offer errors": ("get", "/zh-hans/calculator/offer/", {"owed": "12000", "offer_periods": "0",
                                                           "offer_fee_rate": "-1"}, 200),
    "contact log": ("get", "/zh-hans/calculator/contact-log/", {"lender": "<b>x</b>"}, 200),
    "not found": ("get", "/zh-hans/no-such-page/", None, 404),
}


def request(client: Client, name: str):
    method, path, data, status = PAGES[name]
    response = getattr(client, method)(path, data or {})
    assert response.status_code == status, (name, response.status_code)
    return response


# --- headers on every response ----------------------------------------------------


def assert_security_headers(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # Features the site never uses: camera, microphone, location, payment …
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-" not in csp


@pytest.mark.parametrize("name", PAGES)
def test_every_page_carries_the_security_headers(client, name):
    assert_security_headers(request(client, name))


def test_downloads_carry_the_security_headers(client):
    for kind in ("pdf", "docx"):
        response = letter_post(client, format=kind)
        assert response.status_code == 200
        assert_security_headers(response)
    response = client.get(
        "/zh-hans/calculator/plan.ics", {**SPEC_LOAN_TERMS, **BUDGET, "option": "installments"}
    )
    assert response.status_code == 200
    assert_security_headers(response)


def test_static_files_carry_the_security_headers(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert_security_headers(response)


def test_refusals_before_any_view_carry_the_security_headers(client):
    # A Host that is not allowed is refused by CommonMiddleware, outside any view.
    assert_security_headers(client.get("/zh-hans/", HTTP_HOST="evil.example"))
    # The / redirect is built by LocaleMiddleware, below the header middleware.
    assert_security_headers(client.get("/"))


def test_the_policy_allows_only_the_sites_own_files():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for name in ("default-src", "script-src", "style-src", "font-src", "connect-src",
                 "form-action"):
        assert directives[name] == ["'self'"], name
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    values = [value for sources in directives.values() for value in sources]
    assert not [value for value in values if "unsafe" in value or value == "*"]


# --- nothing inline -----------------------------------------------------------------


class InlineCode(HTMLParser):
    """What a strict CSP would block: inline styles, scripts and event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip(
            ).lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.found.append("<style>")
        attributes = dict(attrs)
        self._in_script = tag == "script" and not attributes.get("src")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:60]}")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_the_inline_code_check_catches_each_form():
    html = (
        '<p style="color:red">a</p><button onclick="x()">b</button><style>p{}</style>'
        '<a href="javascript:void(0)">c</a><script>alert(1)</script>'
        '<script src="/static/js/site.js"></script>'
    )
    assert len(inline_code(html)) == 5


@pytest.mark.parametrize("name", [name for name, page in PAGES.items() if page[3] != 404])
def test_rendered_pages_have_no_inline_style_or_script(client, name):
    # The crispy-forms output included: a CSP without 'unsafe-inline' would block it.
    response = request(client, name)
    assert inline_code(response.content.decode()) == []


def test_error_pages_have_no_inline_style_or_script(client):
    for response in (client.get("/zh-hans/no-such-page/"), oversized_post(client)):
        assert inline_code(response.content.decode()) == []


INLINE_IN_TEMPLATE = re.compile(
    r"\sstyle\s*=|<style[\s>]|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=|javascript:", re.I
)


def test_templates_have_no_inline_style_script_or_handler():
    # The letter's PDF template carries its <style>: WeasyPrint reads it, no browser does.
    roots = [BASE_DIR / "templates", *(p for p in BASE_DIR.glob("**/templates") if ".venv" not in p.parts)]
    offenders = []
    for template in sorted(f for root in roots for f in root.rglob("*.html")):
        if template.name == "letter_pdf.html":
            continue
        text = template.read_text(encoding="utf-8")
        offenders += [
            f"{template.relative_to(BASE_DIR)}: {match.group()}"
            for match in INLINE_IN_TEMPLATE.finditer(text)
        ]
    assert offenders == []


# --- small request bodies -------------------------------------------------------------


def oversized_post(client: Client, language: str = "zh-hans"):
    return client.post(
        f"/{language}/calculator/letter/",
        data=b"full_name=" + b"x" * FIVE_MB,
        content_type="application/x-www-form-urlencoded",
    )


def test_a_5_mb_post_is_refused_at_once_with_a_message(client):
    began = time.perf_counter()
    response = oversized_post(client, "en")
    elapsed = time.perf_counter() - began
    assert response.status_code in (400, 413)
    assert elapsed < 1.0
    body = response.content.decode()
    assert "<h1>" in body and "too large" in body  # templates/400.html, not a bare 400
    assert "<h1>" in oversized_post(client).content.decode()
    assert_security_headers(response)


def test_a_5_mb_multipart_post_is_refused(client):
    response = client.post("/zh-hans/calculator/letter/", {"hardship_detail": "x" * FIVE_MB})
    assert response.status_code in (400, 413)


def test_too_many_parameters_are_refused(client):
    query = "&".join(f"x{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(f"/zh-hans/calculator/loan/?{query}")
    assert response.status_code == 400


def test_the_body_limit_is_small():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 64 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 64 * 1024


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _read_status_line(sock: socket.socket) -> bytes:
    received = b""
    while b"\r\n" not in received:
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    return received.split(b"\r\n", 1)[0]


@pytest.fixture(scope="module")
def gunicorn_server():
    """The site under gunicorn (config/gunicorn.py, one worker) on a free port."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [str(gunicorn), "--config", "config/gunicorn.py", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "config.wsgi"],
        cwd=BASE_DIR,
        env=clean_environ(DJANGO_SETTINGS_MODULE="config.settings.test"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                # A first page warms the worker (translations, templates).
                with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                    sock.sendall(b"GET /zh-hans/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    _read_status_line(sock)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_gunicorn_refuses_a_5_mb_post_before_reading_it(gunicorn_server):
    # Headers announce 5 MB; only the first 64 KB are sent. The answer must come
    # at once, without waiting for the rest of the body.
    head = (
        "POST /zh-hans/calculator/letter/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{gunicorn_server}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {FIVE_MB}\r\n"
        f"Cookie: csrftoken={'a' * 32}\r\n"
        "\r\n"
    ).encode()
    began = time.perf_counter()
    with socket.create_connection(("127.0.0.1", gunicorn_server), timeout=10) as sock:
        sock.sendall(head + b"full_name=" + b"x" * (64 * 1024))
        status_line = _read_status_line(sock)
    assert time.perf_counter() - began < 5
    assert status_line.split()[1] in (b"400", b"413"), status_line


def test_gunicorn_refuses_an_overlong_request_line(gunicorn_server):
    with socket.create_connection(("127.0.0.1", gunicorn_server), timeout=10) as sock:
        sock.sendall(
            b"GET /zh-hans/calculator/loan/?principal=" + b"9" * 9000 + b" HTTP/1.1\r\n"
            b"Host: 127.0.0.1\r\n\r\n"
        )
        status_line = _read_status_line(sock)
    assert status_line.split()[1] in (b"400", b"414"), status_line


def test_gunicorn_timeout_is_set_for_the_pdf_route():
    from config import gunicorn

    # The largest letter renders in under a second: 15 s bounds a stuck worker.
    assert 5 <= gunicorn.timeout <= 30
    assert gunicorn.worker_class == "sync"
    assert gunicorn.limit_request_line <= 8190
    assert gunicorn.control_socket_disable is True


# --- bounded work per request ------------------------------------------------------------


def _a_plan():
    return bind_and_draft({**SPEC_LOAN_TERMS, **BUDGET})[2]


@pytest.mark.parametrize(
    "make_form",
    [
        lambda: QuickEstimateForm(today=TODAY),
        lambda: LoanForm(today=TODAY),
        BudgetForm,
        lambda: DebtRowForm(number=1),
        lambda: LetterForm(plan=_a_plan()),
        lambda: LetterForm(plan=_a_plan(), to=1),
    ],
    ids=["quick", "loan", "budget", "debt row", "letter", "letter to a row"],
)
def test_every_text_field_has_a_length_limit(make_form):
    form = make_form()
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField):
            assert field.max_length is not None and field.max_length <= 500, name


def test_a_too_long_text_is_refused_with_a_message(client):
    response = letter_post(client, hardship="other", hardship_detail="长" * 501)
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_the_terms_that_size_the_letter_are_bounded():
    fields = BudgetForm().fields
    assert fields["term"].maximum == 60
    assert fields["defer_months"].maximum == 12
    assert LoanForm.base_fields["periods"].maximum == 360


def _largest_plan(**extra) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update({**SPEC_LOAN_TERMS, **BUDGET, "term": "60", "monthly_income": "100000", **extra})
    for number in range(1, 11):
        query.update({f"debt{number}_creditor": "债" * 60, f"debt{number}_balance": "1万",
                      f"debt{number}_payment": "1", f"debt{number}_days": "100000"})
    query["other_debt_payments"] = ""
    return query


def test_the_largest_letter_has_at_most_60_payments_and_11_debts():
    _params, forms, plan = bind_and_draft(_largest_plan())
    assert plan is not None, [f.errors for f in forms.error_forms]
    form = LetterForm({**LETTER, "hardship": "other", "hardship_detail": "长" * 500}, plan=plan)
    assert form.is_valid(), form.errors
    for key in ("installments", "reduced_rate", "interest_free", "interest_first"):
        document = build_letter(
            details=form.details(letter_date=TODAY),
            plan=plan,
            proposal=letter_for(plan=plan, key=key, term=60, waive_penalty=True),
            main_option=OptionKey(key),
            main_term=60,
        )
        tables = [block for page in document.pages for block in page.blocks
                  if isinstance(block, Table)]
        payments, debts, _budget = tables
        assert len(payments.rows) == 60, key
        assert len(debts.rows) == 11  # the lender and 10 other debts


def test_a_61st_month_is_refused(client):
    response = client.get("/zh-hans/calculator/plan/", {**SPEC_LOAN_TERMS, **BUDGET, "term": "61"})
    assert response.status_code == 200
    assert str(messages.TERM_RANGE) in response.content.decode()


def test_the_largest_pdf_letter_renders(client):
    data = {key: query_values[-1] for key, query_values in _largest_plan().lists()}
    response = client.post("/zh-hans/calculator/letter/", {
        **data, **LETTER, "hardship": "other", "hardship_detail": "长" * 500, "format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


# --- HSTS in production ---------------------------------------------------------------

# Plain static storage: a clean checkout has not run collectstatic, and the
# hashed-name manifest is not what these tests are about.
PROD_HEADERS = """
import django
from django.test import Client
from django.test.utils import override_settings
django.setup()
plain_storage = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain_storage):
    secure = Client().get("/zh-hans/", secure=True)
    plain = Client().get("/zh-hans/")
print(secure.status_code, secure.get("Strict-Transport-Security", "-"))
print(plain.status_code, plain.get("Location", "-"))
"""


def prod_headers(**env: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROD_HEADERS],
        cwd=BASE_DIR,
        env=clean_environ(
            DJANGO_SETTINGS_MODULE="config.settings.prod",
            DJANGO_SECRET_KEY=PROD_SECRET,
            DJANGO_ALLOWED_HOSTS="testserver",
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_production_sends_hsts_without_preload_and_redirects_plain_http():
    # preload is slow to undo (browsers hard-code it): off unless asked for.
    secure, plain = prod_headers()
    assert secure == "200 max-age=31536000; includeSubDomains"
    assert plain == "301 https://testserver/zh-hans/"


def test_production_hsts_is_configurable():
    secure, _plain = prod_headers(
        DJANGO_HSTS_SECONDS="600", DJANGO_HSTS_PRELOAD="false",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="false",
    )
    assert secure == "200 max-age=600"
    secure, _plain = prod_headers(DJANGO_HSTS_PRELOAD="true")
    assert secure == "200 max-age=31536000; includeSubDomains; preload"
    secure, _plain = prod_headers(DJANGO_HSTS_SECONDS="0")
    assert secure == "200 -"  # HSTS off


def test_no_hsts_outside_production(client):
    assert "Strict-Transport-Security" not in client.get("/zh-hans/", secure=True)
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "config.settings.test"
