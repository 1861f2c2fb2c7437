"""The letter (/calculator/letter/) and the payment calendar (/calculator/plan.ics).

The plan is the spec's loan (outstanding 10 360.78, payoff 10 660.78 on
2026-05-20) with a budget of 8000 in, 3500 out, one other debt of 300 a month
and 500 saved. The letter's payment table must be ``build_option``'s, and the
personal details must come out escaped and leave no trace on disk or in logs.
"""

import io
import logging
import os
import stat
import tempfile
import time
import uuid
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import docx
import pypdf
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from icalendar import Calendar

from calculator import clock
from calculator.engine.plan import Budget, OptionKey, build_option
from calculator.formatting import rmb_upper
from calculator.inputs import messages
from calculator.letter.builder import LetterDetails, Paragraph, attachments, build_letter
from calculator.plan.parameters import read_plan
from calculator.tests._pages import TODAY, error_links, query_of, texts, tree
from calculator.tests.loans import SPEC_LOAN, XIAOMI_RATE

LETTER_URL = "/{language}/calculator/letter/"
ICS_URL = "/{language}/calculator/plan.ics"
XIAOMI_LENDER = "重庆小米消费金融有限公司"
PLAN = {
    **SPEC_LOAN,
    "monthly_income": "8000",
    "expense_housing": "2000",
    "expense_food": "1500",
    "savings": "500",
    "debt1_creditor": "花呗",
    "debt1_balance": "5000",
    "debt1_payment": "300",
}
# 8000 − 3500 − 300 = 4200 left each month.
BUDGET = Budget(
    monthly_income=Decimal(8000), monthly_expenses=Decimal(3500),
    other_debt_payments=Decimal(300), savings=Decimal(500),
)
DETAILS = {
    "option": "installments",
    "full_name": "张三",
    "phone": "138 0013 8000",
    "lender_name": XIAOMI_LENDER,
    "contract_number": "XM-2026-0001",
    "id_last4": "123x",
    "hardship": "illness",
    "hardship_detail": "今年三月住院，收入中断。",
    "ask_penalty_waiver": "on",
}


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def fixed_clock(monkeypatch):
    # The calendar's DTSTAMP is the only clock the view reads besides today().
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 5, 20, 4, 0, tzinfo=UTC))


def post_letter(client, language="zh-hans", **changes):
    data = {**PLAN, **DETAILS, **changes}
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(LETTER_URL.format(language=language), data)


def spec_option(key="installments", term=12, defer_months=1):
    """The option as the engine builds it for this plan (D = 10 360.78)."""
    return build_option(
        key=key, debt=Decimal("10360.78"), payoff_amount=Decimal("10660.78"), rate=XIAOMI_RATE,
        as_of=TODAY, budget=BUDGET, term=term, defer_months=defer_months,
    )


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def yuan(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


def chinese_letter(response):
    """The sheets of the letter that goes to the lender."""
    return tree(response).xpath('//div[@class="letter-document"][@lang="zh-Hans"]/article')


def rows(table) -> list[list[str]]:
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
            for row in table.xpath("./tbody/tr")]


def pdf_text(content: bytes) -> str:
    """The PDF's text without line breaks or spaces (lines wrap mid-word in CJK)."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text() for page in reader.pages).split())


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


# --- the form ---------------------------------------------------------------------------


def test_letter_form_is_prefilled_from_the_plan(client):
    response = client.get(LETTER_URL.format(language="zh-hans"), {**PLAN, "option": "deferral"})
    assert response.status_code == 200
    page = tree(response)
    assert page.xpath('//select[@name="option"]/option[@selected]/@value') == ["deferral"]
    assert page.xpath('//input[@name="lender_name"]/@value') == [XIAOMI_LENDER]  # from the preset
    assert page.xpath('//input[@name="ask_penalty_waiver"]/@checked')
    form = page.xpath('//form[contains(@class, "letter-form")]')[0]
    assert form.get("method") == "post"
    assert form.xpath('.//input[@name="csrfmiddlewaretoken"]')
    hidden = {element.get("name"): element.get("value")
              for element in form.xpath('.//input[@type="hidden"]')}
    assert {name: hidden.get(name) for name in PLAN} == PLAN
    assert response["Cache-Control"] == "no-store"


def test_letter_form_without_an_option_chooses_the_recommended_one(client):
    # 4200 a month: the recommendation is installments (6 months).
    response = client.get(LETTER_URL.format(language="zh-hans"), PLAN)
    assert tree(response).xpath('//select[@name="option"]/option[@selected]/@value') == ["installments"]


def test_letter_form_without_a_preset_leaves_the_lender_to_the_user(client):
    params = {**PLAN, "preset": "custom", "periods": "6", "repayment_day": "10",
              "method": "interest_only", "daily_rate": "0.05", "grace_days": "3"}
    response = client.get(LETTER_URL.format(language="zh-hans"), params)
    assert response.status_code == 200
    assert tree(response).xpath('//input[@name="lender_name"]/@value') == []


@pytest.mark.parametrize("params", [{}, SPEC_LOAN, {"monthly_income": "8000"}])
def test_letter_without_a_plan_starts_from_the_plan(client, params):
    response = client.get(LETTER_URL.format(language="zh-hans"), params)
    assert response.status_code == 200
    links = tree(response).xpath('//main//a/@href | //a[contains(@class, "btn")]/@href')
    plan_links = [href for href in links if href.startswith("/zh-hans/calculator/plan/?")]
    assert plan_links and query_of(plan_links[0]) == params
    assert not tree(response).xpath('//form[contains(@class, "letter-form")]')
    assert response["Cache-Control"] == "no-store"


def test_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(LETTER_URL.format(language="zh-hans"), {**PLAN, **DETAILS})
    assert response.status_code == 403
    assert "张三" not in response.content.decode()


def test_post_with_the_forms_csrf_token_is_accepted():
    client = Client(enforce_csrf_checks=True)
    form = client.get(LETTER_URL.format(language="zh-hans"), PLAN)
    token = tree(form).xpath('//input[@name="csrfmiddlewaretoken"]/@value')[0]
    response = client.post(LETTER_URL.format(language="zh-hans"),
                           {**PLAN, **DETAILS, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert chinese_letter(response)


def test_invalid_details_show_the_form_with_errors_and_no_letter(client):
    response = post_letter(client, phone="call me", full_name="")
    assert response.status_code == 200
    assert error_links(response) == ["#id_full_name", "#id_phone"]
    with translation.override("zh-hans"):
        assert texts(response, '//*[@id="id_phone_error"]') == [str(messages.PHONE_INVALID)]
    assert not chinese_letter(response)
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("changes", [{"option": "bogus"}, {"option": "none"}, {"hardship": "lazy"}, {"format": "exe"}])
def test_values_the_form_could_not_send_are_a_bad_request(client, changes):
    response = post_letter(client, **changes)
    assert response.status_code == 400
    assert not chinese_letter(response)


def test_change_details_brings_back_the_filled_in_form(client):
    response = post_letter(client, edit="1")
    assert response.status_code == 200
    page = tree(response)
    assert page.xpath('//input[@name="full_name"]/@value') == ["张三"]
    assert page.xpath('//input[@name="hardship"][@checked]/@value') == ["illness"]
    assert not chinese_letter(response)
    assert response["Cache-Control"] == "no-store"


# --- the letter ---------------------------------------------------------------------------


def test_letter_contains_the_applicants_details(client):
    response = post_letter(client)
    assert response.status_code == 200
    letter = chinese_letter(response)[0].text_content()
    for detail in ("张三", "138 0013 8000", "XM-2026-0001", XIAOMI_LENDER, "今年三月住院，收入中断。"):
        assert detail in letter
    assert "123X" in letter  # the last four, upper-cased


def test_letter_without_an_id_prints_no_id(client):
    with_id = chinese_letter(post_letter(client))[0].text_content()
    without = chinese_letter(post_letter(client, id_last4=""))[0].text_content()
    assert "123X" in with_id and "123X" not in without


def test_letter_states_the_arrears_in_figures_and_capitals(client):
    letter = chinese_letter(post_letter(client))[0].text_content()
    assert "¥10,000.00" in letter and "人民币壹万元整" in letter  # the loan
    assert "¥310.78" in letter and "人民币叁佰壹拾元柒角捌分" in letter  # overdue
    assert "¥10,360.78" in letter and "人民币壹万零叁佰陆拾元柒角捌分" in letter  # owed today
    assert chinese_date(date(2026, 4, 10)) in letter  # in arrears since the first missed date


@pytest.mark.parametrize(
    ("key", "term"),
    [("installments", 12), ("interest_free", 12), ("deferral", 1), ("settle_now", 0), ("reduced_rate", 12)],
)
def test_payment_table_is_the_engines_option(client, key, term):
    response = post_letter(client, option=key)
    option = spec_option(key)
    table = chinese_letter(response)[0].xpath(".//table")[0]
    *payments, total = rows(table)
    assert payments == [
        [str(payment.number), chinese_date(payment.date), yuan(payment.amount)]
        for payment in option.payments
    ]
    assert total[-1] == yuan(option.total)
    # The total in capitals, e.g. 12 × 949.88 − 0.06 = 11 398.50 → 人民币壹万壹仟叁佰玖拾捌元伍角.
    assert rmb_upper(option.total) in chinese_letter(response)[0].text_content()
    assert option.term == term


def test_installments_letter_checks_by_hand(client):
    table = chinese_letter(post_letter(client))[0].xpath(".//table")[0]
    *payments, total = rows(table)
    # 10 360.78 over 12 months at 1.5 %: 949.88 a month, the last 949.82.
    assert payments[0] == ["1", "2026年6月20日", "¥949.88"]
    assert payments[-1] == ["12", "2027年5月20日", "¥949.82"]
    assert total[-1] == "¥11,398.50"  # 11 × 949.88 + 949.82
    assert "人民币壹万壹仟叁佰玖拾捌元伍角" in chinese_letter(post_letter(client))[0].text_content()


def test_letter_uses_the_plans_term(client):
    response = post_letter(client, term="6")
    table = chinese_letter(response)[0].xpath(".//table")[0]
    assert len(rows(table)) == 6 + 1  # six payments and the total


def letter_details(**changes) -> LetterDetails:
    values = {
        "full_name": "张三", "phone": "138 0013 8000", "lender_name": XIAOMI_LENDER,
        "contract_number": "XM-2026-0001", "id_last4": "123X", "hardship": "illness",
        "hardship_detail": "", "ask_penalty_waiver": True, "letter_date": TODAY,
    }
    return LetterDetails(**{**values, **changes})


def waiver_paragraph() -> str:
    """The paragraph build_letter adds when the waiver is asked for."""
    state = read_plan(PLAN, today=TODAY)
    arguments = {
        "debt": state.debt, "option": spec_option(), "reduced_annual_rate": Decimal(12),
        "budget": BUDGET, "other_debts": state.debts, "language": "zh-hans",
    }
    on = build_letter(details=letter_details(ask_penalty_waiver=True), **arguments)
    off = build_letter(details=letter_details(ask_penalty_waiver=False), **arguments)
    extra = [block for block in on.pages[0].blocks if block not in off.pages[0].blocks]
    assert len(extra) == 1 and isinstance(extra[0], Paragraph)
    return extra[0].text


def test_waiver_paragraph_only_when_asked_for(client):
    paragraph = waiver_paragraph()
    asked = chinese_letter(post_letter(client))[0].text_content()
    not_asked = chinese_letter(post_letter(client, ask_penalty_waiver=None))[0].text_content()
    assert paragraph in asked
    assert paragraph not in not_asked


def test_attachments_list_is_tailored_to_the_hardship(client):
    sheet = chinese_letter(post_letter(client))[0]
    items = [" ".join(item.text_content().split()) for item in sheet.xpath('.//ol[@class="letter__list"]/li')]
    with translation.override("zh-hans"):
        expected = attachments(letter_details(), has_debts_statement=True)
    assert items == list(expected)
    assert any("诊断证明" in item for item in items)


@pytest.mark.parametrize(
    ("hardship", "wanted", "not_wanted"),
    [
        ("illness", "诊断证明", "解除劳动合同通知书"),
        ("job_loss", "解除劳动合同通知书", "诊断证明"),
        ("income_drop", "近6个月收入流水", "诊断证明"),
    ],
)
def test_checklist_is_tailored_to_the_hardship(client, hardship, wanted, not_wanted):
    sheets = chinese_letter(post_letter(client, hardship=hardship))
    checklist = sheets[1].xpath('.//ul[@class="letter__checklist"]')[0].text_content()
    assert wanted in checklist
    assert not_wanted not in checklist


def test_debts_statement_lists_the_loan_and_the_other_debts(client):
    sheets = chinese_letter(post_letter(client))
    assert len(sheets) == 3  # letter, checklist, statement of debts
    debts, monthly = sheets[2].xpath(".//table")
    lender, huabei, total = rows(debts)
    assert lender[:2] == [XIAOMI_LENDER, "¥10,360.78"]
    assert lender[3] == "40"  # days overdue of the earliest installment
    assert huabei == ["花呗", "¥5,000.00", "¥300.00", "0"]
    assert total[1:3] == ["¥15,360.78", "¥300.00"]  # 10 360.78 + 5000 owed
    assert rows(monthly)[-1][-1] == "¥4,200.00"  # 8000 − 3500 − 300 left each month


def test_english_page_shows_an_english_rendering_and_the_chinese_letter(client):
    response = post_letter(client, language="en")
    documents = tree(response).xpath('//div[@class="letter-document"]/@lang')
    assert documents == ["en", "zh-Hans"]
    english = tree(response).xpath('//div[@class="letter-document"][@lang="en"]')[0].text_content()
    assert "June 20, 2026" in english  # English dates
    assert "2026年6月20日" in chinese_letter(response)[0].text_content()
    assert "张三" in english


def test_chinese_page_shows_only_the_chinese_letter(client):
    response = post_letter(client)
    assert tree(response).xpath('//div[@class="letter-document"]/@lang') == ["zh-Hans"]


def test_letter_page_offers_the_downloads_and_the_calendar(client):
    page = tree(post_letter(client))
    formats = page.xpath('//form[contains(@class, "letter-actions__form")]//button[@name="format"]/@value')
    assert formats == ["pdf", "docx"]
    ics = [href for href in page.xpath("//a/@href") if "/calculator/plan.ics?" in href]
    assert query_of(ics[0]) == {**PLAN, "option": "installments"}


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_letter_responses_are_not_stored(client, kind):
    assert post_letter(client, format=kind)["Cache-Control"] == "no-store"


def test_letter_form_is_not_stored(client):
    response = client.get(LETTER_URL.format(language="en"), PLAN)
    assert response["Cache-Control"] == "no-store"


def test_pdf_is_a_download_with_the_name_and_capitals(client):
    response = post_letter(client, format="pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "张三" in text
    assert rmb_upper(spec_option().total) in text  # 人民币壹万壹仟叁佰玖拾捌元伍角
    assert "人民币壹万零叁佰陆拾元柒角捌分" in text


def test_docx_is_a_download_with_the_name(client):
    response = post_letter(client, format="docx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "张三" in text
    assert rmb_upper(spec_option().total) in text


# --- escaping ------------------------------------------------------------------------------

# Markup typed into every free-text field, each with its own number to find it.
MARKUP = {
    "full_name": "<script>alert(1)</script>",
    "lender_name": "<script>alert(2)</script>",
    "contract_number": "<script>alert(3)</script>",
    "hardship_detail": "<script>alert(4)</script><img src=x onerror=alert(4)>",
    "debt1_creditor": "<script>alert(5)</script>",
}


def test_markup_in_every_text_field_is_escaped_in_the_html(client):
    response = post_letter(client, **MARKUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(" not in html
    assert "<img src=x" not in html
    for value in MARKUP.values():
        assert value.replace("<", "&lt;").replace(">", "&gt;") in html
    page = tree(html)
    assert not [script for script in page.xpath("//script") if "alert" in (script.text or "")]
    assert not page.xpath("//img[@onerror]")
    # The literal text is what the reader sees in the letter.
    letter = "".join(sheet.text_content() for sheet in chinese_letter(response))
    for value in MARKUP.values():
        assert value in letter


def test_markup_comes_out_as_literal_text_in_the_pdf(client):
    text = pdf_text(post_letter(client, format="pdf", **MARKUP).content)
    for value in MARKUP.values():
        assert "".join(value.split()) in text


def test_markup_comes_out_as_literal_text_in_the_docx(client):
    text = docx_text(post_letter(client, format="docx", **MARKUP).content)
    for value in MARKUP.values():
        assert value in text


@pytest.mark.parametrize(("name", "message"), [("phone", messages.PHONE_INVALID), ("id_last4", messages.TEXT_TOO_LONG)])
def test_markup_in_checked_fields_is_refused_and_escaped(client, name, message):
    response = post_letter(client, **{name: "<script>alert(6)</script>"})
    assert response.status_code == 200
    assert f"#id_{name}" in error_links(response)
    assert "<script>alert(" not in response.content.decode()


# --- privacy: nothing kept ----------------------------------------------------------------------

SKIP_DIRECTORIES = {".venv", ".git", "__pycache__", "node_modules"}
MAX_FILE_SIZE = 5 * 1024 * 1024


def _contains(path: Path, needle: bytes, *, recent: bool) -> bool:
    data = path.read_bytes()
    # UTF-8/ASCII, and UTF-16 as some tools write it.
    if needle in data or needle.decode().encode("utf-16-le") in data:
        return True
    if not recent:
        return False
    # A file written during the test may hide the name in compressed form.
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(needle in archive.read(member) for member in archive.namelist())
    if data.startswith(b"%PDF"):
        return needle.decode() in pdf_text(data)
    return False


def files_containing(needle: bytes, roots: set[Path], since: float) -> list[Path]:
    found = []
    for root in roots:
        for directory, subdirectories, filenames in os.walk(root):
            subdirectories[:] = [name for name in subdirectories if name not in SKIP_DIRECTORIES]
            for filename in filenames:
                path = Path(directory, filename)
                try:
                    info = path.lstat()
                    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_SIZE:
                        continue
                    if _contains(path, needle, recent=info.st_mtime >= since):
                        found.append(path)
                except (OSError, ValueError, zipfile.BadZipFile, pypdf.errors.PdfReadError):
                    continue  # unreadable, vanished or not really a zip/PDF
    return found


def test_personal_details_are_never_written_to_disk(client):
    marker = uuid.uuid4().hex  # 32 characters: unique to this run
    name = f"隐私{marker}"
    started = time.time() - 1
    for kind in ("html", "pdf", "docx"):
        response = post_letter(client, format=kind, full_name=name, contract_number=f"C{marker[:20]}")
        assert response.status_code == 200
        body = response.content
        if kind == "pdf":
            assert marker in pdf_text(body)
        elif kind == "docx":
            assert marker in docx_text(body)
        else:
            assert marker.encode() in body
    roots = {Path(settings.BASE_DIR).resolve(), Path("/tmp").resolve(),
             Path(tempfile.gettempdir()).resolve()}
    assert files_containing(marker.encode(), roots, started) == []


def test_files_containing_finds_a_name_written_to_disk(tmp_path):
    # The search itself must be able to fail, even for a compressed file.
    marker = uuid.uuid4().hex
    (tmp_path / "plain.txt").write_text(f"隐私{marker}", encoding="utf-8")
    (tmp_path / "wide.txt").write_text(f"隐私{marker}", encoding="utf-16-le")
    with zipfile.ZipFile(tmp_path / "letter.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:t>{marker}</w:t>" * 50)
    found = files_containing(marker.encode(), {tmp_path}, time.time() - 60)
    assert sorted(path.name for path in found) == ["letter.docx", "plain.txt", "wide.txt"]


def test_logs_hold_neither_the_name_nor_the_figures(client, caplog, fixed_clock):
    # Everything from INFO up, with the "django" logger at its configured WARNING
    # (its DEBUG records dump template contexts and are never emitted).
    caplog.set_level(logging.INFO)
    marker = uuid.uuid4().hex
    name = f"隐私{marker}"
    client.get(LETTER_URL.format(language="zh-hans"), PLAN)
    client.get(ICS_URL.format(language="zh-hans"), {**PLAN, "option": "installments"})
    client.get("/zh-hans/calculator/plan/", PLAN)
    for kind in ("html", "pdf", "docx"):
        assert post_letter(client, format=kind, full_name=name).status_code == 200
    # A request that is logged (400) shows that the capture works.
    assert post_letter(client, full_name=name, option="bogus").status_code == 400
    assert any("Bad Request" in record.getMessage() for record in caplog.records)
    logged = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    assert marker not in logged
    assert "张三" not in logged
    for figure in ("10000", "2026-01-15", "8000", "花呗", "10360.78", "13800138000", "138 0013 8000"):
        assert figure not in logged, figure
    assert "principal=" not in logged and "monthly_income" not in logged


# --- the calendar ---------------------------------------------------------------------------


def calendar_events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


@pytest.mark.parametrize(("key", "count"), [("installments", 12), ("interest_first", 12), ("deferral", 1), ("settle_now", 1)])
def test_calendar_has_one_event_per_payment_on_its_date(client, fixed_clock, key, count):
    response = client.get(ICS_URL.format(language="zh-hans"), {**PLAN, "option": key})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = calendar_events(response)
    option = spec_option(key)
    assert len(events) == option.count == count
    assert [event.decoded("dtstart") for event in events] == [payment.date for payment in option.payments]
    for event, payment in zip(events, option.payments, strict=True):
        assert yuan(payment.amount) in str(event["summary"])
        assert len(event.walk("VALARM")) == 1
        assert event.decoded("dtstamp") == datetime(2026, 5, 20, 4, 0, tzinfo=UTC)


def test_calendar_installments_fall_monthly_from_the_calculation_date(client, fixed_clock):
    events = calendar_events(client.get(ICS_URL.format(language="en"), {**PLAN, "option": "installments"}))
    dates = [event.decoded("dtstart") for event in events]
    assert dates[0] == date(2026, 6, 20) and dates[-1] == date(2027, 5, 20)
    assert "¥949.88" in str(events[0]["summary"])


def test_calendar_follows_the_plans_term(client, fixed_clock):
    response = client.get(ICS_URL.format(language="en"), {**PLAN, "option": "interest_free", "term": "3"})
    # 10 360.78 / 3 = 3453.59 twice, then 3453.60.
    summaries = [str(event["summary"]) for event in calendar_events(response)]
    assert len(summaries) == 3
    assert "¥3,453.60" in summaries[-1]


@pytest.mark.parametrize(
    "params",
    [
        PLAN,  # no option
        {**PLAN, "option": "bogus"},
        {**PLAN, "option": "none"},
        {"option": "installments"},  # no plan
        {**SPEC_LOAN, "option": "installments"},  # arrears but no budget
        {**PLAN, "monthly_income": "abc", "option": "installments"},  # a bad budget
    ],
)
def test_calendar_without_a_plan_and_an_option_is_a_bad_request(client, params):
    response = client.get(ICS_URL.format(language="zh-hans"), params)
    assert response.status_code == 400
    assert not response["Content-Type"].startswith("text/calendar")


def test_every_option_key_has_a_calendar(client, fixed_clock):
    for key in OptionKey:
        response = client.get(ICS_URL.format(language="zh-hans"), {**PLAN, "option": key.value})
        assert response.status_code == 200, key
