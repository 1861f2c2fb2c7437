"""Property-based tests: generated parameter sets against every endpoint.

Random text, huge and tiny numbers, NaN and infinity, negative numbers, full-width
and mixed scripts, impossible dates, unknown options and presets, missing and
repeated parameters. Whatever arrives, the site answers without a server error,
a calculator page shows a result, an error summary or the blank form, and every
refusal carries a message.

Each example starts from a valid parameter set (so that the engine, the plan and
the letter are reached, not only the parsers) and mutates some parameters: drops
them, replaces them with generated values, repeats them or adds unknown ones.

The examples are derandomized (the same ones on every run, so CI is
reproducible) and bounded: the whole file runs in about a minute. Run only this
file with ``.venv/bin/pytest -m fuzz``. A 500 found here is fixed in the code and
pinned by a plain test in test_fuzz_regressions.py.
"""

from __future__ import annotations

import gzip
import os
import re
from datetime import date
from unittest import mock

import pytest
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from calculator.arrears.forms import LoanForm, QuickEstimateForm
from calculator.engine.plan import OptionKey
from calculator.letter.forms import LetterForm
from calculator.plan.forms import DEBT_PARTS, EXPENSE_CATEGORIES
from calculator.tests.loans import SPEC_LOAN_TERMS
from config.tests.test_gunicorn import exchange, running_gunicorn
from guidance.registry import TOPICS

pytestmark = pytest.mark.fuzz

TODAY = date(2026, 5, 20)
LANGUAGES = ("zh-hans", "zh-hant", "en")

# CI runs the same examples every time. To search further by hand:
# FUZZ_SCALE=20 FUZZ_RANDOM=1 .venv/bin/pytest -m fuzz (new examples on each run).
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
_BOUNDED = settings(
    deadline=None,
    derandomize=os.environ.get("FUZZ_RANDOM", "") != "1",
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def examples(count: int) -> settings:
    return settings(_BOUNDED, max_examples=count * SCALE)

# --- valid starting points (the spec's check figures) --------------------------

QUICK = {
    "overdue_amount": "3000",
    "due_date": "2026-03-10",
    "as_of": "2026-05-20",
    "daily_rate": "0.05",
    "penalty_multiplier": "1.5",
    "grace_days": "3",
}
XIAOMI = {"preset": "xiaomi", "principal": "10000", "start_date": "2026-01-15"}
BUDGET = {
    "monthly_income": "4500",
    "monthly_expenses": "2800",
    "savings": "500",
    "term": "12",
    "defer_months": "2",
    "debt1_creditor": "花呗",
    "debt1_balance": "3200",
    "debt1_payment": "300",
    "debt1_days": "0",
}
LETTER = {
    "option": "installments",
    "full_name": "张三",
    "phone": "138 0013 8000",
    "lender_name": "重庆小米消费金融有限公司",
    "contract_number": "XM-2026-0001",
    "id_last4": "123X",
    "hardship": "job_loss",
    "hardship_detail": "2026年3月公司裁员。",
    "ask_penalty_waiver": "on",
    "format": "html",
}

QUICK_NAMES = tuple(QuickEstimateForm.base_fields)
LOAN_NAMES = tuple(LoanForm.base_fields)
BUDGET_NAMES = (
    "monthly_income", "monthly_expenses", "other_debt_payments", "savings", "term",
    "defer_months", "reduced_annual_rate",
    *(name for name, _label in EXPENSE_CATEGORIES),
    *(f"debt{n}_{part}" for n in (1, 2, 10, 11) for part in DEBT_PARTS),
)
LETTER_NAMES = (*LetterForm.base_fields, "edit", "to")
OPTIONS = tuple(key.value for key in OptionKey)
# A card in arrears beside this debt: the shares, the proposals and the letters to row 2.
IN_ARREARS = {**BUDGET, "debt2_creditor": "招商银行信用卡", "debt2_kind": "card",
              "debt2_balance": "30000", "debt2_days": "60", "debt2_rate": "18"}
FULL_PLANS = (
    {**SPEC_LOAN_TERMS, **BUDGET},
    {**QUICK, **BUDGET},
    {**XIAOMI, **BUDGET},
    {**QUICK, **IN_ARREARS},
    {**QUICK, **IN_ARREARS, "to": "2"},
)
SLUGS = tuple(topic.slug for topic in TOPICS)

# --- values -----------------------------------------------------------------------

# Hand-picked values every run tries: what parsers trip on.
AWKWARD = (
    "", " ", "0", "-0", "-0.0", "+1", "-1", "00", "0.00", "1.", ".5", "1..2", "1.2.3",
    "NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "-inf", "∞",
    "1e309", "-1e309", "1E5", "1e-400", "0x10", "1_000", "9" * 20, "9" * 40, "9" * 41,
    "0." + "0" * 38 + "1", "1" + "0" * 30, "100000000.01", "99999999.999",
    "１.５万", "１５０００", "壹万", "一万", "1.5万", "1.5万万", "万", "万1", "¥", "¥-1",
    "￥3,000.50", "RMB3000", "3000元", "3,000", "3,00", "3,000,00", "1,5", "٣٠٠٠", "३०००",
    "%", "0.05%", "0.05%%", "5 %", "18％", "1/2",
    "2026-02-30", "2026-02-29", "2024-02-29", "0000-01-01", "0001-01-01", "1989-12-31",
    "9999-12-31", "10000-01-01", "2026-13-01", "2026-00-10", "2026-1-1", "2026/2/30",
    "2026.3.10", "2026年2月30日", "2026年13月1日", "2026年3月10号", "２０２６-０３-１０",
    "2026-03-10T00:00", "20260310", "10/03/2026", "-2026-03-10",
    "custom", "xiaomi", "XIAOMI", "unknown", "equal_installment", "bullet", "none",
    "settle_now", "interest_free", "deferral", "pdf", "docx", "html", "odt",
    "<script>alert(1)</script>", "\"'><", "' OR 1=1 --", "../../etc/passwd", "\u202e",
    "\x00", "\x7f", "\ufeff1", "a" * 1000,
)
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    # Plausible figures around the fields' bounds, with 0 to 3 decimals.
    st.decimals(min_value=0, max_value=400, places=3).map(str),
    st.integers(min_value=0, max_value=400).map(str),
    st.decimals(min_value=0, max_value=10**9, places=2).map(str),
)
DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.dates(min_value=date(1985, 1, 1), max_value=date(2032, 12, 31)).map(
        lambda d: f"{d.year}年{d.month}月{d.day}日"
    ),
    st.tuples(
        st.integers(0, 10000), st.integers(0, 13), st.integers(0, 32)
    ).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
)
VALUES = st.one_of(st.sampled_from(AWKWARD), TEXT, NUMBERS, DATES)
LONG = st.text(min_size=61, max_size=3000)


@st.composite
def mutated(draw, base: dict[str, str], names: tuple[str, ...]) -> dict[str, list[str]]:
    """``base`` with a few of ``names`` dropped, replaced, repeated or added, and unknown ones.

    Few changes at a time, so that many examples stay valid or nearly so and reach
    the engine, the plan and the letter. Values are lists: a repeated parameter is
    sent twice (``a=1&a=2``).
    """
    params = {name: [value] for name, value in base.items()}
    changed = draw(st.lists(st.sampled_from(sorted({*base, *names})), max_size=4, unique=True))
    for name in changed:
        action = draw(st.sampled_from(("drop", "replace", "replace", "repeat", "long")))
        if action == "drop":
            params.pop(name, None)
        elif action == "replace":
            params[name] = [draw(VALUES)]
        elif action == "repeat":
            params[name] = [*params.get(name, []), *draw(st.lists(VALUES, min_size=1, max_size=2))]
            draw(st.randoms()).shuffle(params[name])
        else:
            params[name] = [draw(LONG)]
    unknown = draw(st.dictionaries(
        st.sampled_from(("x", "debt0_creditor", "debt99_balance", "csrfmiddlewaretoken", "q",
                         "lang", "principal[]", "", " ")),
        st.lists(VALUES, min_size=1, max_size=2),
        max_size=1,
    ))
    return {**params, **unknown}


def plan_base() -> st.SearchStrategy[dict[str, str]]:
    return st.sampled_from((*FULL_PLANS, SPEC_LOAN_TERMS, BUDGET, {}))


def plan_params() -> st.SearchStrategy[dict[str, list[str]]]:
    return plan_base().flatmap(
        lambda base: mutated(base, (*LOAN_NAMES, *BUDGET_NAMES, "option", "overdue_amount",
                                    "to", "debts"))
    )


# --- the client and the checks ------------------------------------------------------

_ERROR_ITEM = re.compile(r'id="error-summary".*?<li>\s*\S', re.S)


@pytest.fixture(scope="module")
def fuzz_client():
    # The only clock the calculators read, fixed so the examples are reproducible.
    with mock.patch("calculator.clock.today", return_value=TODAY):
        yield Client()


def assert_answered(response) -> str:
    """No 5xx, and every 400 says why: the page again, with an error summary."""
    assert response.status_code < 500, response.status_code
    assert response.status_code in (200, 400), response.status_code
    body = response.content.decode()
    # How often each kind of answer came (pytest --hypothesis-show-statistics).
    if "letter-actions__form" in body:
        event(f"{response.status_code} letter")
    elif 'name="full_name"' in body:
        event(f"{response.status_code} letter form")
    elif 'data-figure="recommended_option"' in body:
        event(f"{response.status_code} plan")
    elif 'data-figure="' in body:
        event(f"{response.status_code} result")
    elif 'id="error-summary"' in body:
        event(f"{response.status_code} errors")
    else:
        event(f"{response.status_code} form")
    if response.status_code == 400:
        assert _ERROR_ITEM.search(body), body[:2000]
    return body


def assert_shows_something(response, body: str, *, blank: bool) -> None:
    """A calculator's 200 shows a result, an error summary, or the blank form."""
    if response.status_code == 200:
        shows = 'data-figure="' in body or 'id="error-summary"' in body
        assert shows or blank, body[:2000]


def assert_private(response) -> None:
    """A letter response is the browser's own (Back works), never a shared cache's."""
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= directives, directives


def arrears_given(params) -> bool:
    return "principal" in params or "overdue_amount" in params


# --- the endpoints ------------------------------------------------------------------


@examples(400)
@given(
    language=st.sampled_from(LANGUAGES),
    params=st.sampled_from((QUICK, {**QUICK, "preset": "xiaomi"}, {})).flatmap(
        lambda base: mutated(base, QUICK_NAMES)
    ),
)
def test_quick_estimate_answers_anything(fuzz_client, language, params):
    response = fuzz_client.get(f"/{language}/calculator/arrears/", params)
    body = assert_answered(response)
    # Opened from a plan row with nothing typed yet (?row=2, or ?row=): the blank form.
    assert_shows_something(response, body, blank=set(params) <= {"preset", "row"})


@examples(400)
@given(
    language=st.sampled_from(LANGUAGES),
    params=st.sampled_from((SPEC_LOAN_TERMS, XIAOMI, {})).flatmap(lambda base: mutated(base, LOAN_NAMES)),
)
def test_loan_answers_anything(fuzz_client, language, params):
    response = fuzz_client.get(f"/{language}/calculator/loan/", params)
    body = assert_answered(response)
    assert_shows_something(response, body, blank=not params or set(params) == {"preset"})


@examples(400)
@given(language=st.sampled_from(LANGUAGES), params=plan_params())
def test_plan_answers_anything(fuzz_client, language, params):
    response = fuzz_client.get(f"/{language}/calculator/plan/", params)
    body = assert_answered(response)
    # Without arrears figures the page asks for them: the blank form.
    assert_shows_something(response, body, blank=not arrears_given(params))


@examples(300)
@given(
    language=st.sampled_from(LANGUAGES),
    params=plan_params(),
    option=st.one_of(st.sampled_from(OPTIONS), st.sampled_from(OPTIONS), VALUES),
)
def test_plan_calendar_answers_anything(fuzz_client, language, params, option):
    params = {**params, "option": [option]}
    response = fuzz_client.get(f"/{language}/calculator/plan.ics", params)
    assert response.status_code in (200, 400), response.status_code
    event(str(response.status_code))
    if response.status_code == 200:
        assert response["Content-Type"].startswith("text/calendar")
        assert response.content.startswith(b"BEGIN:VCALENDAR")
    else:
        assert response.content.decode().strip()  # the reason, in plain text


@examples(250)
@given(
    language=st.sampled_from(LANGUAGES),
    params=st.sampled_from((*FULL_PLANS, SPEC_LOAN_TERMS, {})).flatmap(
        lambda base: mutated(base, (*LOAN_NAMES, *BUDGET_NAMES, "option", "preset", "to"))
    ),
)
def test_letter_form_answers_anything(fuzz_client, language, params):
    response = fuzz_client.get(f"/{language}/calculator/letter/", params)
    assert_answered(response)
    assert_private(response)


@st.composite
def letter_post(draw) -> dict[str, list[str]]:
    plan = draw(st.sampled_from(FULL_PLANS))
    kind = draw(st.sampled_from(("html", "html", "html", "docx", "pdf")))
    option = draw(st.sampled_from(OPTIONS))
    base = {**plan, **LETTER, "format": kind, "option": option}
    return draw(mutated(base, (*LOAN_NAMES, *BUDGET_NAMES, *LETTER_NAMES)))


@examples(300)
@given(language=st.sampled_from(LANGUAGES), data=letter_post())
def test_letter_post_answers_anything(language, data):
    # A client of its own: the letter is POSTed, with CSRF checks off.
    with mock.patch("calculator.clock.today", return_value=TODAY):
        response = Client(enforce_csrf_checks=False).post(f"/{language}/calculator/letter/", data)
    assert_private(response)
    kind = response["Content-Type"]
    event(kind.split(";")[0])
    if kind == "application/pdf":
        assert response.content.startswith(b"%PDF-")
    elif "wordprocessingml" in kind:
        assert response.content.startswith(b"PK")
    else:
        assert_answered(response)


@examples(200)
@given(
    language=st.sampled_from(LANGUAGES),
    queries=st.lists(st.one_of(VALUES, LONG, st.sampled_from(("罚息", "宽限期", "罰息", "寬限期", "PENALTY")))),
)
def test_search_answers_anything(fuzz_client, language, queries):
    response = fuzz_client.get(f"/{language}/search/", {"q": queries} if queries else {})
    assert response.status_code == 200
    assert b"<h1" in response.content


@examples(150)
@given(
    language=st.sampled_from((*LANGUAGES, "fr", "zh-tw", "ZH-HANS")),
    slug=st.one_of(st.sampled_from(SLUGS), st.from_regex(r"[-A-Za-z0-9_]{1,80}", fullmatch=True)),
    params=st.dictionaries(st.sampled_from(("q", "x", "")), st.lists(VALUES, max_size=2)),
)
def test_guidance_pages_answer_anything(fuzz_client, language, slug, params):
    response = fuzz_client.get(f"/{language}/guidance/{slug}/", params)
    if language in LANGUAGES and slug in SLUGS:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 404), response.status_code


# --- methods, headers and content types -----------------------------------------------
#
# Not the parameters this time but the envelope: odd methods, any content type
# and charset (the GBK form that gave a 500 on every URL), multipart with bad
# boundaries, huge and odd headers, a CSRF cookie or not. Every URL answers
# below 500, with the security headers.

URLS = (
    "/", "/zh-hans/", "/en/guidance/faq/", "/zh-hans/search/?q=罚息", "/en/privacy/",
    "/zh-hans/calculator/arrears/", "/en/calculator/loan/", "/zh-hans/calculator/plan/",
    "/en/calculator/letter/", "/zh-hans/calculator/letter/", "/zh-hans/calculator/plan.ics",
    "/en/no-such-page/", "/static/css/site.css", "/static/no-such-file.css",
)
METHODS = ("GET", "HEAD", "POST", "POST", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
           "TRACE", "PROPFIND", "CONNECT", "get", "BREW")
CHARSETS = ("utf-8", "UTF-8", "gbk", "gb2312", "gb18030", "big5", "latin-1", "utf-16",
            "utf-32", "ascii", "nonsense", "", '"utf-8"', "utf-8; charset=gbk")
BOUNDARIES = ("xyz", "", "-" * 80, "a" * 71, "a" * 200, "é", "\"q\"", "bad boundary", "\x00")


@st.composite
def content_type(draw) -> str:
    kind = draw(st.sampled_from((
        "application/x-www-form-urlencoded", "multipart/form-data", "text/plain",
        "application/json", "application/octet-stream", "", "x", "*/*",
        "multipart/mixed", "application/x-www-form-urlencoded;;",
    )))
    parameters = []
    if draw(st.booleans()):
        parameters.append(f"charset={draw(st.sampled_from(CHARSETS))}")
    if kind.startswith("multipart") or draw(st.booleans()):
        parameters.append(f"boundary={draw(st.sampled_from(BOUNDARIES))}")
    return "; ".join([kind, *parameters])


def multipart_body(boundary: str, fields: dict[str, str]) -> bytes:
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return ("".join(parts) + f"--{boundary}--\r\n").encode("utf-8", "surrogatepass")


@st.composite
def body(draw) -> bytes:
    fields = {**LETTER, "format": draw(st.sampled_from(("html", "pdf", "docx")))}
    return draw(st.one_of(
        st.just(b""),
        st.binary(max_size=300),
        st.just("full_name=张三&x=1".encode("gbk")),
        st.just(f"full_name={'张三'}&phone=138".encode("utf-16")),
        st.builds(lambda value: f"full_name={value}".encode("utf-8", "surrogatepass"), TEXT),
        st.sampled_from(BOUNDARIES).map(lambda b: multipart_body(b, fields)),
        st.just(multipart_body("xyz", fields)[:-10]),  # cut off before the last boundary
        st.just(b"--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n"
                b"Content-Type: text/plain\r\n\r\n" + b"x" * 2000 + b"\r\n--xyz--\r\n"),
    ))


HEADER_VALUES = st.one_of(
    st.sampled_from(("", " ", "*", "gzip", "br;q=0", "zh-CN,zh;q=0.9", "en", "x" * 8000,
                     "\u202e", "é", "W/\"x\"", "bytes=0-10", "https", "http, https",
                     "Mon, 32 Dec 2026 00:00:00 GMT", "1" * 100)),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=200),
)
HEADERS = st.dictionaries(
    st.sampled_from((
        "HTTP_ACCEPT_LANGUAGE", "HTTP_ACCEPT_ENCODING", "HTTP_ACCEPT", "HTTP_IF_NONE_MATCH",
        "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE", "HTTP_X_FORWARDED_PROTO", "HTTP_ORIGIN",
        "HTTP_REFERER", "HTTP_USER_AGENT", "HTTP_X_HUGE", "HTTP_COOKIE_EXTRA",
    )),
    HEADER_VALUES,
    max_size=4,
)
CSRF_COOKIES = st.sampled_from((None, "a" * 32, "a" * 64, "", "短", "a" * 31, "!" * 32))


def as_wsgi(value: str) -> str:
    """A header as a WSGI server hands it over: its UTF-8 bytes read as Latin-1."""
    return value.encode("utf-8", "surrogatepass").decode("latin-1")


@examples(400)
@given(
    url=st.sampled_from(URLS),
    method=st.sampled_from(METHODS),
    kind=content_type(),
    payload=body(),
    headers=HEADERS,
    cookie=CSRF_COOKIES,
    host=st.sampled_from(("testserver", "testserver", "evil.example", "localhost:99999", "")),
)
def test_every_url_answers_any_envelope_below_500(url, method, kind, payload, headers, cookie,
                                                    host):
    client = Client(enforce_csrf_checks=True)
    if cookie is not None:
        client.cookies["csrftoken"] = as_wsgi(cookie)
    headers = {name: as_wsgi(value) for name, value in headers.items()}
    with mock.patch("calculator.clock.today", return_value=TODAY):
        response = client.generic(method, url, payload, kind, HTTP_HOST=host, **headers)
    event(f"{method.upper() if method.upper() in ('GET', 'HEAD', 'POST') else 'other'} "
          f"{response.status_code}")
    assert response.status_code < 500, (response.status_code, response.content[:300])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" in response
    if response.status_code in (400, 403, 404) and response["Content-Type"].startswith("text/html"):
        # The site's own pages, in its frame.
        content = response.content
        if response.get("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        assert method.upper() == "HEAD" or b'class="site-nav"' in content, content[:300]


RAW_METHODS = st.sampled_from(("GET", "POST", "HEAD", "PUT", "OPTIONS", "G\tT", "POST ", "ÄÖ",
                               "GET /", "x" * 40))


@st.composite
def raw_request(draw) -> bytes:
    """A request as bytes on the wire: line, headers, body, each possibly broken."""
    method = draw(RAW_METHODS)
    path = draw(st.sampled_from(URLS))
    if draw(st.booleans()):
        path += "?principal=" + draw(st.sampled_from(("10000", "%ZZ", "%00", "\u202e", "9" * 300)))
    version = draw(st.sampled_from(("HTTP/1.1", "HTTP/1.0", "HTTP/1.1", "HTTP/2.0", "HTTP/1.1 x", "")))
    payload = draw(body())
    headers = [("Host", draw(st.sampled_from(("127.0.0.1", "localhost", "", "evil.example"))))]
    headers.append(("Content-Type", draw(content_type())))
    length = draw(st.sampled_from(("exact", "exact", "none", "short", "long", "-1", "abc", "twice")))
    exact = str(len(payload))
    if length == "exact":
        headers.append(("Content-Length", exact))
    elif length == "short" and payload:
        headers.append(("Content-Length", str(len(payload) - 1)))
    elif length == "long":
        headers.append(("Content-Length", str(len(payload) + 5)))
    elif length in ("-1", "abc"):
        headers.append(("Content-Length", length))
    elif length == "twice":
        headers += [("Content-Length", exact), ("Content-Length", exact + "0")]
    if draw(st.booleans()):
        headers.append(("Cookie", f"csrftoken={'a' * 32}"))
    for name, value in draw(st.lists(st.tuples(
        st.sampled_from(("Accept-Encoding", "X-Forwarded-Proto", "Transfer-Encoding", "Expect",
                         "X-Big", "Bad Name", "Connection", "Accept-Language")),
        st.sampled_from(("gzip", "chunked", "https", "100-continue", "x" * 9000, "close",
                         "zh-CN", "\x01", "é")),
    ), max_size=3)):
        headers.append((name, value))
    headers.append(("Connection", "close"))
    head = f"{method} {path} {version}".rstrip() + "\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers) + "\r\n"
    return head.encode("utf-8", "surrogatepass") + payload


@pytest.fixture(scope="module")
def gunicorn_site(tmp_path_factory):
    with running_gunicorn(tmp_path_factory.mktemp("gunicorn")) as site:
        yield site


@examples(120)
@given(request=raw_request())
def test_gunicorn_answers_any_raw_request_below_500(gunicorn_site, request):
    answer = exchange(gunicorn_site.port, request)
    if not answer:
        event("closed without an answer")
        return
    status = answer.split(b"\r\n", 1)[0].split(b" ")
    event(f"status {status[1].decode(errors='replace') if len(status) > 1 else '?'}")
    assert len(status) > 1, answer[:300]
    if status[1] == b"501" and b"Unsupported transfer coding" in answer:
        # gunicorn's own answer to "Transfer-Encoding: https", before the site:
        # RFC 9112 §6.1 asks for 501 Not Implemented (nginx answers the same).
        return
    assert not status[1].startswith(b"5"), answer[:300]
