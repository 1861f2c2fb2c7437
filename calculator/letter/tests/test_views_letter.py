"""The letter (/calculator/letter/): the form, the letter and its downloads.

The plan is the spec's loan (outstanding 10 360.78, penalty 5.78, payoff 10 660.78
on 2026-05-20) with a budget of 8000 in, 3500 out, one other debt of 300 a month
kept and 500 saved; or calculations.md's check with three debts. The letter's
figures must be the engine's (``letter_for``), and the personal details must come
out escaped and leave no trace on disk or in logs.
"""

import io
import logging
import os
import re
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
from django.utils.html import escape
from icalendar import Calendar

from calculator import clock
from calculator.engine.arrears import PenaltyTerms
from calculator.engine.plan import (
    Budget,
    DebtKind,
    OptionKey,
    OtherDebt,
    debt_from_estimate,
    debt_from_loan,
    draft_plan,
    letter_for,
)
from calculator.formatting import rmb_upper
from calculator.inputs import messages
from calculator.letter.builder import LetterDetails, attachments
from calculator.tests._pages import TODAY, error_links, figures, query_of, texts, tree
from calculator.tests.loans import QUICK, SEVERAL, SPEC_LOAN, XIAOMI_RATE, spec_loan

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
# What a letter response may be kept as: by the browser only, revalidated (Back works).
PRIVATE = {"private", "no-cache", "max-age=0"}


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 5, 20, 4, 0, tzinfo=UTC))


def post_letter(client, language="zh-hans", plan=PLAN, **changes):
    data = {**plan, **DETAILS, **changes}
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(LETTER_URL.format(language=language), data)


def get_letter(client, params, language="zh-hans"):
    return client.get(LETTER_URL.format(language=language), params)


def post_row_letter(client, to, language="zh-hans", **changes):
    lender = {"1": "借呗", "2": "招商银行信用卡"}.get(str(to), "某银行")
    return post_letter(client, language, plan=SEVERAL, to=str(to), option=None,
                       lender_name=lender, main_lender=XIAOMI_LENDER, **changes)


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def spec_plan():
    """The plan of PLAN, drafted by the engine."""
    debt = debt_from_loan(
        loan=spec_loan(),
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3,
                           prepayment_fee_percent=Decimal(3)),
        paid_periods=2, as_of=TODAY,
    )
    kept = (OtherDebt(1, "花呗", DebtKind.LOAN, Decimal("5000"), Decimal("300"), 0, None),)
    month = Budget(Decimal(8000), Decimal(3500), Decimal(300), Decimal(500))
    return draft_plan(debt=debt, budget=month, others=kept)


def several_plan():
    debt = debt_from_estimate(
        overdue_amount=Decimal("8000"), due_date=date(2026, 3, 10), as_of=date(2026, 5, 1),
        rate=XIAOMI_RATE, terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )
    others = (
        OtherDebt(1, "借呗", DebtKind.LOAN, Decimal("20000"), Decimal("1800"), 40, Decimal("18")),
        OtherDebt(2, "招商银行信用卡", DebtKind.CARD, Decimal("30000"), Decimal("1500"), 60,
                  Decimal("18")),
        OtherDebt(3, "建设银行房贷", DebtKind.MORTGAGE, None, Decimal("3000"), 0, None),
    )
    month = Budget(Decimal(12000), Decimal(5000), Decimal(3000), Decimal(3000))
    return draft_plan(debt=debt, budget=month, others=others)


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
    response = get_letter(client, {**PLAN, "option": "deferral"})
    assert response.status_code == 200
    page = tree(response)
    assert page.xpath('//select[@name="option"]/option[@selected]/@value') == ["deferral"]
    assert page.xpath('//input[@name="ask_penalty_waiver"]/@checked')
    form = page.xpath('//form[contains(@class, "letter-form")]')[0]
    assert form.get("method") == "post"
    assert form.xpath('.//input[@name="csrfmiddlewaretoken"]')
    hidden = {element.get("name"): element.get("value")
              for element in form.xpath('.//input[@type="hidden"]')}
    assert {name: hidden.get(name) for name in PLAN} == PLAN
    assert cache_directives(response) == PRIVATE


def test_the_preset_does_not_name_the_lender(client):
    # Xiaomi's historical terms are not a lender's name: the user copies it from the contract.
    assert SPEC_LOAN["preset"] == "xiaomi"
    response = get_letter(client, PLAN, "en")
    assert tree(response).xpath('//input[@name="lender_name"]/@value') == []
    assert XIAOMI_LENDER not in response.content.decode()


def test_letter_form_without_an_option_chooses_our_suggestion(client):
    # 4 200 a month: our suggestion is installments over 6 months.
    page = tree(get_letter(client, PLAN, "en"))
    [selected] = page.xpath('//select[@name="option"]/option[@selected]')
    assert selected.get("value") == ""
    assert "Our suggestion" in selected.text_content() and "分期还款" in selected.text_content()


def test_the_english_form_asks_for_names_in_chinese_and_says_why(client):
    page = get_letter(client, PLAN, "en").content.decode()
    assert "write your name in Chinese characters" in page
    response = post_letter(client, "en", lender_name="Xiaomi Consumer Finance")
    assert response.status_code == 200
    assert error_links(response) == ["#id_lender_name"]
    with translation.override("en"):
        assert texts(response, '//*[@id="id_lender_name_error"]') == [str(messages.LENDER_NOT_CHINESE)]


@pytest.mark.parametrize("params", [{}, SPEC_LOAN, {"monthly_income": "8000"}])
def test_letter_without_a_plan_starts_from_the_plan(client, params):
    response = get_letter(client, params)
    assert response.status_code == 200
    links = tree(response).xpath('//main//a/@href | //a[contains(@class, "btn")]/@href')
    plan_links = [href for href in links if href.startswith("/zh-hans/calculator/plan/?")]
    assert plan_links and query_of(plan_links[0]) == params
    assert not tree(response).xpath('//form[contains(@class, "letter-form")]')
    assert cache_directives(response) == PRIVATE


@pytest.mark.parametrize("to", ["3", "9"])
def test_a_letter_to_a_debt_not_in_arrears_says_so(client, to):
    # Row 3 is the mortgage, kept paid; there is no row 9.
    response = get_letter(client, {**SEVERAL, "to": to}, "en")
    assert response.status_code == 400
    assert not tree(response).xpath('//form[contains(@class, "letter-form")]')
    with translation.override("en"):
        assert escape(str(messages.LETTER_TO_UNKNOWN)) in response.content.decode()


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
    assert cache_directives(response) == PRIVATE


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
    assert cache_directives(response) == PRIVATE


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


def test_the_letters_pages_are_the_letter_the_statement_then_the_checklist(client):
    sheets = chinese_letter(post_letter(client))
    assert [sheet.get("class").split()[1] for sheet in sheets] == [
        "letter-sheet--letter", "letter-sheet--attachment", "letter-sheet--keep"]
    assert "不必寄出" in sheets[2].get("aria-label")  # the checklist is not for sending
    closing = sheets[0].xpath('.//p[@class="letter__closing"]/following-sibling::*[1]')
    assert [p.text_content() for p in sheets[0].xpath('.//p[@class="letter__closing"]')] == ["此致"]
    assert closing[0].get("class") == "letter__salute" and closing[0].text_content() == "敬礼！"


@pytest.mark.parametrize("key", ["installments", "interest_free", "interest_first", "deferral", "settle_now", "reduced_rate"])
def test_payment_table_is_the_engines_option(client, key):
    response = post_letter(client, option=key, ask_penalty_waiver=None)
    option = spec_plan().option(key)
    table = chinese_letter(response)[0].xpath(".//table")[0]
    *payments, total = rows(table)
    assert payments == [
        [str(payment.number), chinese_date(payment.date), yuan(payment.amount)]
        for payment in option.payments
    ]
    assert total[-1] == yuan(option.total)
    assert rmb_upper(option.total) in chinese_letter(response)[0].text_content()
    shown = figures(response)
    assert shown["letter_basis"] == "10360.78"
    assert (shown["letter_first_payment"], shown["letter_total"]) == (
        f"{option.first_payment:.2f}", f"{option.total:.2f}")


def test_installments_letter_checks_by_hand(client):
    response = post_letter(client, ask_penalty_waiver=None)
    table = chinese_letter(response)[0].xpath(".//table")[0]
    *payments, total = rows(table)
    # 10 360.78 over 12 months at 1.5 %: 949.88 a month, the last 949.82.
    assert payments[0] == ["1", "2026年6月20日", "¥949.88"]
    assert payments[-1] == ["12", "2027年5月20日", "¥949.82"]
    assert total[-1] == "¥11,398.50"  # 11 × 949.88 + 949.82
    assert "人民币壹万壹仟叁佰玖拾捌元伍角" in chinese_letter(response)[0].text_content()
    assert figures(response) == {"letter_basis": "10360.78", "letter_first_payment": "949.88",
                                 "letter_total": "11398.50"}


def test_the_waiver_letter_proposes_d_less_p_and_states_the_fallback(client):
    # P = 5.78: the plan on 10 355.00 at the same 12 months, 1.5 % and dates: 949.35 a
    # month, the last 949.32, 11 392.17 in all; if refused, on 10 360.78: 11 398.50.
    response = post_letter(client)
    assert figures(response) == {
        "letter_basis": "10355.00", "letter_first_payment": "949.35",
        "letter_total": "11392.17", "fallback_total": "11398.50",
    }
    *payments, total = rows(chinese_letter(response)[0].xpath(".//table")[0])
    assert payments[0] == ["1", "2026年6月20日", "¥949.35"]
    assert payments[-1] == ["12", "2027年5月20日", "¥949.32"]
    assert total[-1] == "¥11,392.17"
    letter = chinese_letter(response)[0].text_content()
    assert rmb_upper(Decimal("5.78")) in letter  # the penalty asked to be waived
    assert rmb_upper(Decimal("11398.50")) in letter  # the fallback, in capitals


def test_the_quick_estimates_waiver_letter(client):
    # P = 639.00 on 12 639.00: the plan on 12 000.00, 12 months at 1.5 %: 1 100.16 a
    # month, 13 201.95 in all; the fallback on D 13 904.92.
    plan = {**QUICK, "monthly_income": "8000", "monthly_expenses": "3500", "savings": "500"}
    response = post_letter(client, plan=plan)
    assert figures(response) == {
        "letter_basis": "12000.00", "letter_first_payment": "1100.16",
        "letter_total": "13201.95", "fallback_total": "13904.92",
    }


def test_a_letter_without_penalty_has_no_fallback_even_when_asked(client):
    # Due on the calculation date: P = 0, so the plan is on D = 12 000.00.
    plan = {**QUICK, "due_date": "2026-05-20", "monthly_income": "8000",
            "monthly_expenses": "3500"}
    shown = figures(post_letter(client, plan=plan))
    assert shown["letter_basis"] == "12000.00"
    assert "fallback_total" not in shown


def test_our_suggestion_is_proposed_at_its_own_term(client):
    # 4 200 a month: installments over 6 months (half of 4 200 = 2 100 ≥ 1 818.58).
    response = post_letter(client, option="", ask_penalty_waiver=None)
    *payments, _total = rows(chinese_letter(response)[0].xpath(".//table")[0])
    assert len(payments) == 6
    assert figures(response)["letter_first_payment"] == "1818.58"


def test_letter_uses_the_plans_term(client):
    response = post_letter(client, term="6")
    table = chinese_letter(response)[0].xpath(".//table")[0]
    assert len(rows(table)) == 6 + 1  # six payments and the total


def test_the_waiver_is_explained_on_the_form_only_when_there_is_a_penalty(client):
    with_penalty = get_letter(client, PLAN, "en").content.decode()
    assert "without the penalty interest" in with_penalty
    plan = {**QUICK, "due_date": "2026-05-20", "monthly_income": "8000", "monthly_expenses": "3500"}
    assert "without the penalty interest" not in get_letter(client, plan, "en").content.decode()


def letter_details(**changes) -> LetterDetails:
    values = {
        "full_name": "张三", "phone": "138 0013 8000", "lender_name": XIAOMI_LENDER,
        "contract_number": "XM-2026-0001", "id_last4": "123X", "hardship": "illness",
        "hardship_detail": "", "ask_penalty_waiver": True, "letter_date": TODAY,
    }
    return LetterDetails(**{**values, **changes})


def test_attachments_list_is_tailored_to_the_hardship(client):
    sheet = chinese_letter(post_letter(client))[0]
    items = [" ".join(item.text_content().split()) for item in sheet.xpath('.//ol[@class="letter__list"]/li')]
    with translation.override("zh-hans"):
        expected = attachments(letter_details())
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
    checklist = sheets[2].xpath('.//ul[@class="letter__checklist"]')[0].text_content()
    assert wanted in checklist
    assert not_wanted not in checklist


def test_debts_statement_lists_the_loan_and_the_other_debts(client):
    sheets = chinese_letter(post_letter(client))
    assert len(sheets) == 3  # letter, statement of debts, checklist
    debts, monthly = sheets[1].xpath(".//table")
    lender, huabei, total = rows(debts)
    assert lender[:4] == [XIAOMI_LENDER, "¥10,360.78", "40", "¥949.88"]
    assert huabei[:4] == ["花呗", "¥5,000.00", "0", "¥300.00"]
    assert total[1] == "¥15,360.78"  # 10 360.78 + 5 000 owed
    assert rows(monthly)[-1][-1] == "¥4,200.00"  # 8000 − 3500 − 300 left each month


def test_english_page_shows_an_english_rendering_and_the_chinese_letter(client):
    response = post_letter(client, language="en")
    documents = tree(response).xpath('//div[@class="letter-document"]/@lang')
    assert documents == ["en", "zh-Hans"]
    english = tree(response).xpath('//div[@class="letter-document"][@lang="en"]')[0].text_content()
    assert "20 June 2026" in english  # English dates
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
def test_letter_responses_are_private_and_revalidated_never_shared(client, kind):
    # Not no-store: Back from "Change details" shows the letter again (issue: Back button).
    assert cache_directives(post_letter(client, format=kind)) == PRIVATE


def test_letter_form_is_private(client):
    assert cache_directives(get_letter(client, PLAN, "en")) == PRIVATE


def test_pdf_is_a_download_with_the_name_and_capitals(client):
    response = post_letter(client, format="pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "张三" in text
    assert "人民币壹万壹仟叁佰玖拾贰元壹角柒分" in text  # 11 392.17, the plan on D − P
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
    assert rmb_upper(Decimal("11392.17")) in text


PDF_PAYMENT_ROW = re.compile(r"^\d+ \d{4}年\d{1,2}月\d{1,2}日 ¥")


def test_the_pdf_of_a_60_month_plan_keeps_rows_with_its_total(client):
    response = post_letter(client, format="pdf", term="60", ask_penalty_waiver=None)
    pages = [page.extract_text().splitlines()
             for page in pypdf.PdfReader(io.BytesIO(response.content)).pages]
    counts = [sum(1 for line in lines if PDF_PAYMENT_ROW.match(line)) for lines in pages]
    assert sum(counts) == 60
    # The page of the 60th payment (2031-05-20) holds the table's total and at least
    # two more payment rows: the total never stands alone or with one row.
    [last] = [index for index, lines in enumerate(pages)
              if any(line.startswith("60 2031年5月20日") for line in lines)]
    assert any(line.startswith("合计") for line in pages[last])
    assert counts[last] >= 3
    assert len([n for n in counts if n]) >= 2  # the table did break across pages


# --- a letter to each debt in arrears ------------------------------------------------------


def test_the_form_for_row_n_is_addressed_to_its_creditor(client):
    response = get_letter(client, {**SEVERAL, "to": "2"}, "en")
    assert response.status_code == 200
    page = tree(response)
    assert page.xpath('//input[@name="lender_name"]/@value') == ["招商银行信用卡"]
    assert not page.xpath('//select[@name="option"]')  # it proposes its own recommendation
    assert page.xpath('//input[@name="main_lender"]')
    hidden = dict(zip(page.xpath('//form[contains(@class, "letter-form")]//input[@type="hidden"]/@name'),
                      page.xpath('//form[contains(@class, "letter-form")]//input[@type="hidden"]/@value'),
                      strict=True))
    assert hidden["to"] == "2"
    assert "¥30,000.00" in page.xpath('//p[contains(., "The letter to")]')[0].text_content()


def test_a_letter_to_row_n_proposes_its_recommended_option(client):
    # 借呗: installments over 17 months, 1 341.59 a month, 22 807.11 in all.
    response = post_row_letter(client, 1)
    assert response.status_code == 200
    sheet = chinese_letter(response)[0]
    assert sheet.xpath('.//p[@class="letter__salutation"]')[0].text_content() == "借呗："
    *payments, total = rows(sheet.xpath(".//table")[0])
    expected = letter_for(plan=several_plan(), to=1).option
    assert payments == [[str(p.number), chinese_date(p.date), yuan(p.amount)]
                        for p in expected.payments]
    assert total[-1] == "¥22,807.11"
    assert figures(response) == {"letter_basis": "20000.00", "letter_first_payment": "1341.59",
                                 "letter_total": "22807.11"}


def test_a_cards_letter_cites_article_70(client):
    sheet = chinese_letter(post_row_letter(client, 2))[0].text_content()
    assert "《商业银行信用卡业务监督管理办法》第七十条" in sheet
    assert "个性化分期" in sheet
    # Installments at the contract rate: it does not ask for interest and fees to stop.
    assert "停止计收利息和费用" not in sheet
    english = tree(post_row_letter(client, 2, language="en")).xpath(
        '//div[@class="letter-document"][@lang="en"]')[0].text_content()
    assert "at the contract rate" in english
    assert "Article 70" in english


def test_a_cards_letter_without_a_rate_asks_for_interest_and_fees_to_stop(client):
    # No rate: interest-free over 15 months (round(30 000 / 15) = 2 000 ≤ 2 057.90).
    response = post_letter(client, plan={**SEVERAL, "debt2_rate": ""}, to="2", option=None,
                           lender_name="招商银行信用卡")
    assert "并恳请分期期间停止计收利息和费用" in chinese_letter(response)[0].text_content()
    assert figures(response)["letter_first_payment"] == "2000.00"


def test_every_letter_carries_the_same_statement_of_debts(client):
    this = post_letter(client, plan=SEVERAL, option="")
    statements = [chinese_letter(this)[1].text_content()]
    statements += [chinese_letter(post_row_letter(client, to))[1].text_content() for to in (1, 2)]
    assert statements[1] == statements[0] and statements[2] == statements[0]
    for creditor in (XIAOMI_LENDER, "借呗", "招商银行信用卡", "建设银行房贷"):
        assert creditor in statements[0]
    # This debt 557.57 (17 months), 借呗 1 341.59, the card 2 012.39; the mortgage 3 000.
    for amount in ("¥557.57", "¥1,341.59", "¥2,012.39", "¥3,000.00", "¥58,312.00"):
        assert amount in statements[0]


def test_a_letter_with_nothing_left_asks_for_a_pause(client):
    response = post_row_letter(client, 1, monthly_income="8000", language="en")
    assert response.status_code == 200
    english = tree(response).xpath('//div[@class="letter-document"][@lang="en"]')[0].text_content()
    assert "pause collection" in english
    assert figures(response) == {"letter_basis": "20000.00"}  # no payments to mark
    assert not [h for h in tree(response).xpath("//a/@href") if "plan.ics" in h]


def test_a_letter_with_a_small_share_offers_a_temporary_payment(client):
    response = post_row_letter(client, 1, monthly_income="8100", language="en")
    english = tree(response).xpath('//div[@class="letter-document"][@lang="en"]')[0].text_content()
    assert "I can pay ¥34.30 a month for now" in english
    assert figures(response) == {"letter_basis": "20000.00", "letter_first_payment": "34.30",
                                 "letter_total": "411.60"}


def test_the_row_letters_calendar_link_has_its_payments(client, fixed_clock):
    page = tree(post_row_letter(client, 2))
    [ics] = [href for href in page.xpath("//a/@href") if "/calculator/plan.ics?" in href]
    assert query_of(ics)["to"] == "2"
    response = client.get(ics)
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 17
    assert "¥2,012.39 (1/17) · 招商银行信用卡" in str(events[0]["SUMMARY"])


# --- escaping ------------------------------------------------------------------------------

# Markup typed into every free-text field, each with its own number to find it. The
# lender's name must have Chinese characters, so it has some around the markup.
MARKUP = {
    "full_name": "<script>alert(1)</script>",
    "lender_name": "某银行<script>alert(2)</script>",
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


def test_every_option_key_has_a_letter(client):
    for key in OptionKey:
        response = post_letter(client, option=key.value)
        assert response.status_code == 200, key
        assert chinese_letter(response), key


# --- every letter at once (to=all) ---------------------------------------------------


def post_bundle(client, language="zh-hans", **changes):
    # This debt's letter asks for our suggestion; the card's contract number is given,
    # 借呗's is left to be written in by hand.
    return post_letter(client, language, plan=SEVERAL, to="all", option="",
                       contract_number_2="CARD-0002", **changes)


def test_the_bundle_form_asks_once_for_the_person_and_for_each_contract_number(client):
    response = get_letter(client, {**SEVERAL, "to": "all"})
    names = set(tree(response).xpath('//form[contains(@class, "letter-form")]//input/@name'))
    assert {"full_name", "phone", "lender_name", "contract_number",
            "contract_number_1", "contract_number_2"} <= names
    assert "contract_number_3" not in names  # the mortgage is kept paid: no letter
    assert "main_lender" not in names  # this debt's lender is lender_name itself


def test_the_bundle_has_every_letter_each_with_its_statement_and_the_checklist_last(client):
    response = post_bundle(client)
    assert response.status_code == 200
    sheets = chinese_letter(response)
    kinds = [sheet.get("class").split("letter-sheet--")[1].split()[0] for sheet in sheets]
    # This debt, 借呗, the card: a letter and its statement each; the checklist once.
    assert kinds == ["letter", "attachment"] * 3 + ["keep"]
    letters = [" ".join(sheet.text_content().split()) for sheet in sheets[0:6:2]]
    assert f"{XIAOMI_LENDER}：" in letters[0] and "XM-2026-0001" in letters[0]
    assert "借呗：" in letters[1] and "编号：________" in letters[1]
    assert "招商银行信用卡：" in letters[2] and "CARD-0002" in letters[2]
    assert "第七十条" in letters[2] and "第七十条" not in letters[1]
    # The same statement of debts goes with every letter.
    statements = [" ".join(sheet.text_content().split()) for sheet in sheets[1:6:2]]
    assert statements[0] == statements[1] == statements[2]


def test_the_bundle_is_one_pdf_with_three_letters(client):
    response = post_bundle(client, format="pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert text.count("协商还款申请书") == 3
    assert text.count("负债情况说明") >= 3
    # The row letters propose their own recommendation: 借呗 1 341.59 and the card
    # 2 012.39 a month over 17 months (calculations.md's check).
    assert "¥1,341.59" in text and "¥2,012.39" in text


def test_a_bundle_needs_a_debt_in_arrears_on_the_list(client):
    # With nothing in arrears on the list there is one letter only: go back to the plan.
    response = get_letter(client, {**PLAN, "to": "all"})
    assert response.status_code == 400
    assert not tree(response).xpath('//form[contains(@class, "letter-form")]')
