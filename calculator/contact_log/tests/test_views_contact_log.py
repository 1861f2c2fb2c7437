"""The contact log page (/calculator/contact-log/) and its PDF download."""

import io

import pypdf
import pytest

from calculator import clock
from calculator.contact_log.document import BLANK_ROWS
from calculator.inputs import messages
from calculator.tests._pages import LANGUAGES, TODAY, error_links, texts, tree

URL = "/{language}/calculator/contact-log/"


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def get(client, params=None, language="zh-hans"):
    return client.get(URL.format(language=language), params or {})


def details(response) -> list[str]:
    return texts(response, '//table[contains(@class, "contact-log__details")]//td')


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_parameters_the_log_is_blank_and_ready_to_print(client, language):
    response = get(client, language=language)
    assert response.status_code == 200
    assert not tree(response).xpath('//*[@id="error-summary"]')
    assert details(response) == ["", "", "", ""]
    rows = tree(response).xpath('//table[contains(@class, "contact-log__table")]/tbody/tr')
    assert len(rows) == BLANK_ROWS
    assert all(len(row.xpath("./td")) == 6 for row in rows)
    headers = texts(response, '//table[contains(@class, "contact-log__table")]//th')
    assert headers == {
        "zh-hans": ["日期和时间", "联系方式", "对方（姓名或工号）", "说了什么", "约定了什么",
                    "要寄送什么，截止哪天"],
        "en": ["Date and time", "Channel", "Who (name or employee number)", "What was said",
               "What was agreed", "What to send, and by when"],
    }[language]
    channels = texts(response, '//tbody/tr[1]//ul[contains(@class, "contact-log__channels")]/li')
    assert channels == {"zh-hans": ["□ 手机APP", "□ 电话", "□ 短信", "□ 信件", "□ 上门"],
                        "en": ["□ App", "□ Phone", "□ SMS", "□ Letter", "□ Visit"]}[language]


def test_the_lender_and_the_debt_fill_the_top_of_the_sheet(client):
    response = get(client, {"lender": "某某消费金融有限公司", "owed": "1.2万"})
    assert details(response)[:2] == ["某某消费金融有限公司", "¥12,000.00"]
    # The form shows what was typed, to change it.
    assert tree(response).xpath('//input[@name="owed"]/@value') == ["1.2万"]


def test_typed_markup_is_printed_as_text(client):
    response = get(client, {"lender": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert details(response)[0] == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"owed": "lots"}, "owed", messages.AMOUNT_INVALID),
        ({"owed": "0"}, "owed", messages.AMOUNT_TOO_SMALL),
        ({"lender": "长" * 61}, "lender", messages.TEXT_TOO_LONG),
    ],
)
def test_a_bad_prefill_gets_a_message_and_is_left_blank(client, params, field, message):
    response = get(client, {"lender": "某某银行", "owed": "6000", **params}, "en")
    assert response.status_code == 200
    assert error_links(response) == [f"#id_{field}"]
    assert tree(response).xpath(f'//*[@id="id_{field}_error"]')
    shown = details(response)
    assert shown[0 if field == "lender" else 1] == ""
    assert shown[1 if field == "lender" else 0] in ("某某银行", "¥6,000.00")


def test_a_format_the_buttons_cannot_send_is_a_bad_request(client):
    response = get(client, {"format": "docx"})
    assert response.status_code == 400
    assert tree(response).xpath('//*[@id="error-summary"]//li')


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_download(client, language):
    response = get(client, {"lender": "某某消费金融有限公司", "owed": "12000", "format": "pdf"},
                   language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    # 联系记录表 as RFC 5987 UTF-8 (Django's content_disposition_header); an ASCII name plain.
    expected = {
        "zh-hans": "filename*=utf-8''%E8%81%94%E7%B3%BB%E8%AE%B0%E5%BD%95%E8%A1%A8-2026-05-20.pdf",
        "en": 'filename="contact-log-2026-05-20.pdf"',
    }[language]
    assert expected in disposition
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    text = "".join(page.extract_text() for page in reader.pages)
    assert "某某消费金融有限公司" in text
    assert text.count("□") == 5 * BLANK_ROWS


def test_the_page_links_to_the_guidance_section_and_offers_the_pdf(client):
    page = tree(get(client, {"lender": "A&B", "owed": "6000"}, "en"))
    assert page.xpath('//a[contains(@href, "/en/guidance/negotiation/#reply-and-contact-log")]')
    buttons = page.xpath('//form[contains(@class, "calculator-form")]//button[@name="format"]/@value')
    assert buttons == ["html", "pdf"]


def test_only_get_and_head(client):
    assert client.post(URL.format(language="en")).status_code == 405


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_guidance_section_the_page_links_to_exists_and_links_back(language):
    from calculator.contact_log.presenters import GUIDANCE_SECTION
    from guidance.content import load_article

    article = load_article("negotiation", language)
    assert GUIDANCE_SECTION in [section.anchor for section in article.sections]
    assert f'href="/{language}/calculator/contact-log/"' in article.html
    assert f'href="/{language}/calculator/offer/"' in article.html
