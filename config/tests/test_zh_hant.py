"""繁體中文 (/zh-hant/): generated from the zh-hans text with OpenCC at build time.

The zh-hant catalog and articles are build products of tools/make_zh_hant.py
(``make messages``). These tests check that they are current, that every
zh-hans page and string has its zh-hant twin, that the pages read in
traditional characters, that the calculators give the same figures in all three
languages, and that the letter to the lender stays in Simplified Chinese.
"""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pypdf
import pytest
import yaml
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from calculator import clock
from calculator.tests._pages import figures, tree
from calculator.tests.loans import QUICK, SPEC_LOAN
from guidance.content import load_article
from guidance.registry import CONTENT_DIR, GENERATED_FROM, TOPICS
from tools import make_zh_hant
from tools.make_zh_hant import FIXES, convert_article, to_traditional

CATALOG = make_zh_hant.CATALOG
SOURCE_CATALOG = make_zh_hant.SOURCE_CATALOG
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%s|%d")
# Characters that exist only in simplified writing: none may be left in a
# zh-hant page (the letter to the lender and the language switcher aside).
SIMPLIFIED_ONLY = "这们还说为个时会对过么钱贷费计应罚讯协议银务关规"
LANGUAGES = ("zh-hans", "zh-hant", "en")


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 5, 20))


def _messages(path, locale):
    with path.open("rb") as handle:
        return {m.id: m for m in read_po(handle, locale=locale) if m.id}


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def main_text(response) -> str:
    """The visible text of <main> without the letter to the lender."""
    main = tree(response).xpath("//main")[0]
    for letter in main.xpath('.//*[@class="letter-document"]'):
        letter.getparent().remove(letter)
    return " ".join(main.text_content().split())


# --- the generated files ---------------------------------------------------------


def test_generated_files_are_current():
    # Regenerated in memory from the zh-hans files on disk and compared byte for byte.
    stale = [str(path.relative_to(settings.BASE_DIR)) for path in make_zh_hant.out_of_date()]
    assert stale == [], "out of date: run `make messages`"


def test_compiled_zh_hant_catalog_matches_its_po_file():
    def pairs(catalog):
        # Plural entries come back as tuples from read_po and lists from read_mo.
        plain = lambda value: tuple(value) if isinstance(value, list | tuple) else value  # noqa: E731
        return {plain(m.id): plain(m.string) for m in catalog if m.id}

    with CATALOG.open("rb") as handle:
        po = pairs(read_po(handle, locale="zh_Hant"))
    with CATALOG.with_suffix(".mo").open("rb") as handle:
        mo = pairs(read_mo(handle))
    assert mo == po, "django.mo is older than django.po: run `make messages`"


def test_generated_files_are_not_in_git():
    ignored = (settings.BASE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "locale/zh_Hant/" in ignored
    assert "guidance/content/zh-hant/" in ignored


def test_opencc_is_pinned_once():
    pins = [line for line in (settings.BASE_DIR / "requirements.txt").read_text().splitlines()
            if "opencc" in line.lower() and not line.startswith("#")]
    assert pins == ["OpenCC==1.4.2"]


# --- the conversion: OpenCC's traps in this domain -------------------------------


@pytest.mark.parametrize(("simplified", "traditional"), [
    ("账户余额", "賬戶餘額"),
    ("借据", "借據"),
    ("征信记录", "徵信記錄"),
    ("逾期的利息也计罚息（复利）", "逾期的利息也計罰息（複利）"),
    ("未还的利息也按罚息利率计收复利。", "未還的利息也按罰息利率計收複利。"),
    ("发现错误", "發現錯誤"),
    ("头发", "頭髮"),
    ("（银发〔2003〕251号）", "（銀發〔2003〕251號）"),
    ("法发〔2017〕22号", "法發〔2017〕22號"),
    ("若干问题的规定", "若干問題的規定"),
    ("干扰您的生活", "干擾您的生活"),
    ("干部", "幹部"),
    ("干净", "乾淨"),
    ("以后", "以後"),
    ("逾期约90天后，催收通常会升级", "逾期約90天後，催收通常會升級"),
    ("增加到%(days)s天后的%(end)s", "增加到%(days)s天後的%(end)s"),
    ("合同里的条款", "合同裡的條款"),
    ("只有最后一期", "只有最後一期"),
    ("一只手机", "一隻手機"),
    ("平台", "平臺"),
    ("短期周转困难，几周内", "短期週轉困難，幾週內"),
    ("个人破产制度", "個人破產制度"),
    ("面签", "面簽"),
    ("请联系发卡银行", "請聯繫發卡銀行"),
    ("系统", "系統"),
    ("联系", "聯繫"),
])
def test_traps_convert_to_the_right_characters(simplified, traditional):
    assert to_traditional(simplified) == traditional


@pytest.mark.parametrize("unchanged", [
    "¥12,639.00", "¥1,234.56", "10660.78", "2026年3月10日", "2026-05-20", "27.00 %",
    "%(amount)s", "{#grace-period}", "](calc:arrears)",
    "../negotiation/", "12348", "24%",
])
def test_figures_dates_and_markup_are_left_alone(unchanged):
    assert to_traditional(unchanged) == unchanged


@pytest.mark.parametrize("fix", FIXES, ids=lambda fix: fix.simplified)
def test_each_fix_is_still_needed(fix):
    # When OpenCC gets a phrase right by itself, its fix should go.
    assert make_zh_hant._converter().convert(fix.simplified) != fix.traditional
    assert to_traditional(fix.simplified) == fix.traditional


# Forms that in this site's subject almost always mean OpenCC chose the wrong
# character: hair (髮), a bamboo slip (籤), the goddess 天后, recapture (收復),
# to produce (產製). If one is ever right, take it out of this list; otherwise
# add a Fix to tools/make_zh_hant.py.
SUSPECT = ("髮", "籤", "天后", "收復利", "產製")
# Right where they stand: 標籤頁 is a browser tab (標籤 = label) in Taiwan's usage.
RIGHT = ("標籤",)


def test_generated_text_has_no_suspect_conversions():
    found = []
    for path, content in make_zh_hant.outputs().items():
        text = content.decode("utf-8")
        for right in RIGHT:
            text = text.replace(right, "")
        found += [(path.name, word) for word in SUSPECT if word in text]
    assert found == []


def test_a_conversion_that_touched_markup_is_refused():
    assert make_zh_hant._same_skeleton("## 罚息 {#how}\n[看](../faq/)", "## 罰息 {#how}\n[看](../faq/)")
    assert not make_zh_hant._same_skeleton("## 罚息 {#how}", "## 罰息 {#now}")
    assert not make_zh_hant._same_skeleton("[看](calc:loan)", "[看](calc:plan)")


def test_an_article_keeps_its_keys_ids_and_links():
    source = (
        "---\ntitle: 宽限期与罚息\norder: 3\nrelated_calculator: arrears\n"
        "sources:\n  - 《征信业管理条例》\n---\n\n## 罚息怎么算 {#how-penalty-works}\n\n"
        "[算一算](calc:arrears)，见[如何协商](../negotiation/)。\n"
    )
    converted = convert_article(source, "x.md")
    assert converted.startswith("---\n# Generated from zh-hans/x.md")
    meta = yaml.safe_load(converted.split("---\n")[1])
    assert meta == {"title": "寬限期與罰息", "order": 3, "related_calculator": "arrears",
                    "sources": ["《徵信業管理條例》"]}
    assert "## 罰息怎麼算 {#how-penalty-works}" in converted
    assert "[算一算](calc:arrears)，見[如何協商](../negotiation/)。" in converted


# --- every zh-hans string and article has its zh-hant twin ---------------------------


def test_every_catalog_string_has_a_zh_hant_twin_with_its_placeholders():
    hans = _messages(SOURCE_CATALOG, "zh_Hans")
    hant = _messages(CATALOG, "zh_Hant")
    assert set(hant) == set(hans)  # msgids (English) unchanged, none missing or extra
    for msgid, message in hans.items():
        twin = hant[msgid]
        assert all(_strings(twin)), msgid
        for source, converted in zip(_strings(message), _strings(twin), strict=True):
            assert sorted(PLACEHOLDER.findall(converted)) == sorted(PLACEHOLDER.findall(source))
        assert not twin.fuzzy


@pytest.mark.parametrize(("msgid", "traditional"), [
    ("Simplified Chinese", "簡體中文"),
    ("Traditional Chinese", "繁體中文"),
    ("Page not found", "找不到這個頁面"),
    ("Free legal help: call 12348", "免費法律諮詢：撥打12348"),
])
def test_catalog_reads_in_traditional_characters(msgid, traditional):
    assert _strings(_messages(CATALOG, "zh_Hant")[msgid]) == (traditional,)


def test_every_zh_hans_article_has_a_zh_hant_twin():
    assert GENERATED_FROM == {"zh-hant": "zh-hans"}
    sources = sorted(p.name for p in (CONTENT_DIR / "zh-hans").glob("*.md"))
    assert sorted(p.name for p in (CONTENT_DIR / "zh-hant").glob("*.md")) == sources
    for topic in TOPICS:
        hans, hant = load_article(topic.slug, "zh-hans"), load_article(topic.slug, "zh-hant")
        assert hant.language == "zh-hant"
        assert (hant.order, hant.reviewed, hant.related_calculator) == (
            hans.order, hans.reviewed, hans.related_calculator)
        assert len(hant.sources) == len(hans.sources)
        assert [s.anchor for s in hant.sections] == [s.anchor for s in hans.sections]
        # The same links; calc: links lead to the calculators of the page's language.
        links = re.findall(r'href="[^"]*"', hans.html.replace('"/zh-hans/', '"/zh-hant/'))
        assert re.findall(r'href="[^"]*"', hant.html) == links


@pytest.mark.parametrize(("slug", "title"), [
    ("consequences", "逾期的後果"),
    ("grace-and-penalty", "寬限期與罰息"),
    ("negotiation", "如何協商還款"),
    ("repayment-options", "還款方式"),
    ("credit-cards", "信用卡逾期"),
    ("credit-report", "查詢和糾正徵信"),
])
def test_article_titles_read_in_traditional_characters(slug, title):
    assert load_article(slug, "zh-hant").title == title


# --- the pages -------------------------------------------------------------------

PAGES = [
    "", "guidance/", *[f"guidance/{topic.slug}/" for topic in TOPICS], "search/",
    "search/?q=grace", "privacy/", "no-such-page/",
    "calculator/arrears/", "calculator/loan/", "calculator/plan/", "calculator/letter/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_zh_hans_page_has_a_zh_hant_twin_in_traditional_characters(client, path):
    hans = client.get(f"/zh-hans/{path}")
    hant = client.get(f"/zh-hant/{path}")
    assert hant.status_code == hans.status_code
    assert '<html lang="zh-Hant">' in hant.content.decode()
    left = sorted({char for char in main_text(hant) if char in SIMPLIFIED_ONLY})
    assert left == [], f"simplified characters on /zh-hant/{path}"


@pytest.mark.parametrize(("path", "words", "simplified"), [
    ("guidance/grace-and-penalty/", ["徵信", "罰息", "還款", "寬限期"], ["征信", "罚息", "还款"]),
    ("guidance/consequences/", ["徵信", "罰息", "催收", "後果"], ["征信", "罚息", "后果"]),
    ("guidance/checklist/", ["材料清單", "還款"], ["清单", "还款"]),
    ("guidance/credit-cards/", ["個性化分期", "違約金", "最低還款"], ["个性化", "违约金"]),
    ("guidance/debt-relief-agents/", ["發卡銀行", "停息掛賬"], ["髮卡", "挂账"]),
    ("calculator/arrears/?" + "&".join(f"{k}={v}" for k, v in QUICK.items()),
     ["今天應還合計", "罰息", "90天後"], ["应还", "罚息", "天后"]),
])
def test_pages_read_in_traditional_characters(client, path, words, simplified):
    text = main_text(client.get(f"/zh-hant/{path}"))
    for word in words:
        assert word in text
    for word in simplified:
        assert word not in text


def test_search_in_traditional_characters_finds_zh_hant_articles(client):
    page = tree(client.get("/zh-hant/search/", {"q": "寬限期"}))
    found = page.xpath('//*[contains(@class, "search-results")]//a/@href')
    assert "/zh-hant/guidance/grace-and-penalty/" in found
    assert "寬限期" in page.xpath('//*[contains(@class, "search-results")]//mark/text()')


def test_dates_are_written_the_chinese_way(client):
    # Django's zh_Hant formats: the same 2026年5月20日 as zh_Hans.
    params = {**QUICK}
    for language in ("zh-hans", "zh-hant"):
        text = main_text(client.get(f"/{language}/calculator/arrears/", params))
        assert "2026年5月20日" in text and "2026年3月10日" in text


def test_error_pages_in_traditional_characters(client):
    not_found = client.get("/zh-hant/no-such-page/")
    assert not_found.status_code == 404
    assert "<h1>找不到這個頁面</h1>" in not_found.content.decode()
    with translation.override("zh-hant"):
        broken = render_to_string("500.html")
    assert '<html lang="zh-Hant">' in broken and 'href="/zh-hant/"' in broken
    assert not re.search(f"[{SIMPLIFIED_ONLY}]", broken)
    refused = client.post("/zh-hant/calculator/letter/", {"x": "y" * (65 * 1024)})
    assert refused.status_code == 400
    assert '<html lang="zh-Hant">' in refused.content.decode()


# --- the calculators give the same figures in all three languages -------------------


@pytest.mark.parametrize(("page", "params", "figure", "value"), [
    # calculations.md, "Check": 10 360.78 outstanding + 300 fee (3 % of 10 000).
    ("loan", SPEC_LOAN, "payoff_amount", "10660.78"),
    # 12 000 × 0.0005 × 1.5 × 71 days (03-10 → 05-20) = 639.00, plus 12 000.
    ("arrears", QUICK, "total_due", "12639.00"),
    # The same loan and a budget: 8000 − 3500 − 300 = 4200 a month.
    ("plan", {**SPEC_LOAN, "monthly_income": "8000", "expense_housing": "2000",
              "expense_food": "1500", "debt1_creditor": "花呗", "debt1_balance": "5000",
              "debt1_payment": "300"}, "disposable_income", "4200.00"),
])
def test_calculators_give_the_same_figures_in_all_three_languages(client, page, params, figure, value):
    shown = {lang: figures(client.get(f"/{lang}/calculator/{page}/", params)) for lang in LANGUAGES}
    assert shown["zh-hans"], "no figures on the page"
    assert shown["zh-hant"] == shown["zh-hans"] == shown["en"]
    assert shown["zh-hant"][figure] == value


# --- the letter to the lender stays in Simplified Chinese ---------------------------

LETTER = {
    **SPEC_LOAN, "monthly_income": "8000", "expense_housing": "2000", "expense_food": "1500",
    "option": "installments", "full_name": "张三", "phone": "138 0013 8000",
    "lender_name": "重庆小米消费金融有限公司", "contract_number": "XM-2026-0001",
    "hardship": "illness", "hardship_detail": "今年三月住院，收入中断。",
    "ask_penalty_waiver": "on",
}


def _letter_document(response) -> str:
    documents = tree(response).xpath('//div[@class="letter-document"]')
    assert len(documents) == 1, "one letter, and no English rendering"
    return " ".join(documents[0].text_content().split())


def test_letter_posted_from_zh_hant_is_the_simplified_chinese_letter():
    client = Client()
    hant = client.post("/zh-hant/calculator/letter/", LETTER)
    hans = client.post("/zh-hans/calculator/letter/", LETTER)
    assert hant.status_code == 200
    page = tree(hant)
    assert page.xpath("/html/@lang") == ["zh-Hant"]
    assert page.xpath('//div[@class="letter-document"]/@lang') == ["zh-Hans"]
    letter = _letter_document(hant)
    assert letter == _letter_document(hans)
    assert "协商还款申请书" in letter and "協商還款申請書" not in letter
    assert "人民币" in letter and "人民幣" not in letter
    # The page around it is in traditional characters.
    assert "下載PDF" in main_text(hant)


def test_letter_pdf_and_docx_from_zh_hant_are_in_simplified_chinese():
    client = Client()
    response = client.post("/zh-hant/calculator/letter/", {**LETTER, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "".join("".join(page.extract_text() for page in reader.pages).split())
    assert "协商还款申请书" in text and "人民币" in text
    assert "協商還款申請書" not in text and "還款" not in text
    response = client.post("/zh-hant/calculator/letter/", {**LETTER, "format": "docx"})
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    text = "".join(paragraphs)
    assert "协商还款申请书" in text and "人民币" in text
    assert "協商還款申請書" not in text and "還款" not in text
