import builtins
import pathlib
import re
from datetime import date

import pytest
from django.utils import translation

from guidance import content, registry
from guidance.content import (
    ALLOWED_TAGS,
    CALCULATORS,
    ContentError,
    all_articles,
    content_language,
    load_article,
    plain_text,
    render_markdown,
)
from guidance.registry import CONTENT_LANGUAGES, TOPICS, WRITTEN_LANGUAGES, get_topic
from guidance.tests._html import event_handler_attributes, start_tags

# The content was first written in 2026; an earlier review date is a typo.
# A fixed date, never the clock.
EARLIEST_REVIEW = date(2026, 1, 1)

ALL = [(language, topic.slug) for language in CONTENT_LANGUAGES for topic in TOPICS]
CJK = re.compile(r"[\u4e00-\u9fff]")


class DiskRead(Exception):
    pass


def forbid_disk(monkeypatch) -> list:
    """Make every file read fail, and record the attempts."""
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise DiskRead(args)

    for name in ("read_text", "read_bytes", "open"):
        monkeypatch.setattr(pathlib.Path, name, refuse)
    monkeypatch.setattr(builtins, "open", refuse)
    return attempts


# --- front matter ----------------------------------------------------------


@pytest.mark.parametrize(("language", "slug"), ALL)
def test_article_has_title_summary_sources_and_review_date(language, slug):
    article = load_article(slug, language)
    assert article.title.strip()
    assert article.summary.strip()
    assert article.sources
    assert all(source.strip() for source in article.sources)
    assert type(article.reviewed) is date
    assert article.reviewed >= EARLIEST_REVIEW


@pytest.mark.parametrize(("language", "slug"), ALL)
def test_related_calculator_is_a_known_calculator_or_none(language, slug):
    assert load_article(slug, language).related_calculator in (*CALCULATORS, "none")


@pytest.mark.parametrize("slug", [topic.slug for topic in TOPICS])
def test_chinese_title_is_chinese_and_english_title_is_not(slug):
    assert CJK.search(load_article(slug, "zh-hans").title)
    assert not CJK.search(load_article(slug, "en").title)


def test_zh_hans_and_en_have_the_same_articles_in_the_same_order():
    zh, en = all_articles("zh-hans"), all_articles("en")
    assert [a.slug for a in zh] == [a.slug for a in en]
    assert [a.order for a in zh] == [a.order for a in en] == list(range(1, 16))


def test_the_registry_lists_the_topics_in_their_reading_order():
    # The pager and the index follow the front matter's order; the registry says
    # the same, so a reader of registry.py sees the order the site shows.
    assert [a.slug for a in all_articles("zh-hans")] == [t.slug for t in TOPICS]


@pytest.mark.parametrize("slug", [topic.slug for topic in TOPICS])
def test_zh_hans_and_en_have_the_same_section_ids_in_the_same_order(slug):
    zh, en = load_article(slug, "zh-hans"), load_article(slug, "en")
    zh_ids = [section.anchor for section in zh.sections]
    assert zh_ids == [section.anchor for section in en.sections]
    assert zh_ids, "every article has ## sections"
    assert len(zh_ids) == len(set(zh_ids))


@pytest.mark.parametrize("slug", [topic.slug for topic in TOPICS])
def test_zh_hans_and_en_point_at_the_same_calculator(slug):
    zh, en = load_article(slug, "zh-hans"), load_article(slug, "en")
    assert zh.related_calculator == en.related_calculator


@pytest.mark.parametrize(("language", "slug"), ALL)
def test_every_h2_in_the_source_has_an_explicit_ascii_id(language, slug):
    source = get_topic(slug).path(language).read_text(encoding="utf-8")
    headings = [line for line in source.splitlines() if line.startswith("## ")]
    assert headings
    for line in headings:
        assert re.search(r"\{#[a-z0-9-]+\}\s*$", line), line
    assert len(load_article(slug, language).sections) == len(headings)


def _write_article(tmp_path, monkeypatch, text: str):
    monkeypatch.setattr(registry, "CONTENT_DIR", tmp_path)
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "faq.md").write_text(text, encoding="utf-8")
    return get_topic("faq")


GOOD_HEAD = "title: T\nsummary: S\norder: 1\nreviewed: 2026-05-01\nrelated_calculator: none\n"


def test_a_well_formed_file_parses(tmp_path, monkeypatch):
    topic = _write_article(tmp_path, monkeypatch, f"---\n{GOOD_HEAD}sources: [A]\n---\n\nBody\n")
    article = content._parse(topic, "en")
    assert (article.title, article.reviewed, article.sources) == ("T", date(2026, 5, 1), ("A",))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter\n", "no front matter"),
        (f"---\n{GOOD_HEAD}sources: []\n---\nBody\n", "no sources"),
        (f"---\n{GOOD_HEAD}---\nBody\n", "sources"),
        (f"---\n{GOOD_HEAD.replace('2026-05-01', 'soon')}sources: [A]\n---\n", "reviewed"),
        (f"---\n{GOOD_HEAD.replace('none', 'mortgage')}sources: [A]\n---\n", "mortgage"),
        (f"---\n{GOOD_HEAD.replace('title: T', 'x: y')}sources: [A]\n---\n", "title"),
        ("---\n- a list\n---\nBody\n", "not a mapping"),
    ],
)
def test_a_malformed_file_raises_content_error_naming_the_problem(
    tmp_path, monkeypatch, text, message
):
    topic = _write_article(tmp_path, monkeypatch, text)
    with pytest.raises(ContentError, match=message):
        content._parse(topic, "en")


# --- the renderer ----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "forbidden"),
    [
        ("<script>alert(1)</script>\n\nText", ("<script", "alert(1)")),
        ("<img src=x onerror=alert(1)>", ("<img", "onerror", "alert(1)")),
        ("[x](javascript:alert(1))", ("javascript:", "alert(1)")),
        ("[x](JaVaScRiPt:alert(1))", ("javascript:", "alert(1)")),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", ("data:",)),
        ('<a href="#" onclick="steal()">x</a>', ("onclick", "steal()")),
        ('<div style="position:fixed">x</div>', ("<div", "style=")),
        ("<iframe src=//evil.example></iframe>", ("<iframe", "evil.example")),
        ("![x](https://tracker.example/p.gif)", ("<img", "tracker.example")),
    ],
)
def test_render_markdown_neutralises_raw_html_and_script_links(body, forbidden):
    html = render_markdown(body, language="en")
    for text in forbidden:
        assert text.lower() not in html.lower(), text
    assert event_handler_attributes(html) == []


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
@pytest.mark.parametrize("calculator", CALCULATORS)
def test_calc_link_becomes_the_calculator_url_in_the_article_language(language, calculator):
    other = "en" if language == "zh-hans" else "zh-hans"
    # The active UI language must not leak into the article's links.
    with translation.override(other):
        html = render_markdown(f"[calc](calc:{calculator})", language=language)
    assert f'href="/{language}/calculator/{calculator}/"' in html


def test_calc_arrears_link_in_each_language():
    assert 'href="/zh-hans/calculator/arrears/"' in render_markdown(
        "[计算](calc:arrears)", language="zh-hans"
    )
    assert 'href="/en/calculator/arrears/"' in render_markdown(
        "[work it out](calc:arrears)", language="en"
    )


def test_unknown_calc_link_raises_content_error():
    with pytest.raises(ContentError, match="calc:mortgage"):
        render_markdown("[x](calc:mortgage)", language="en", where="en/test.md")


def test_checklist_item_becomes_a_checkbox_inside_a_label():
    html = render_markdown("- [ ] 身份证复印件\n- [ ] 借款合同\n", language="zh-hans")
    items = re.findall(r"<label>\s*<input type=\"checkbox\">\s*(.*?)</label>", html)
    assert items == ["身份证复印件", "借款合同"]
    assert "[ ]" not in html


def test_a_plain_list_item_is_not_a_checkbox():
    html = render_markdown("- 身份证复印件\n", language="zh-hans")
    assert "checkbox" not in html


def test_table_is_wrapped_in_a_focusable_scroll_region_named_after_its_columns():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n", language="en")
    match = re.search(r"<div ([^>]*)>\s*<table[^>]*>.*?</table>\s*</div>", html, re.S)
    assert match, html
    attributes = dict(start_tags(f"<div {match.group(1)}>")[0][1])
    assert attributes["tabindex"] == "0"
    assert attributes["role"] == "region"
    assert attributes["aria-label"] == "Table: a, b"


def test_a_chinese_tables_region_is_named_in_chinese_whatever_the_ui_language():
    with translation.override("en"):
        html = render_markdown("| 期 | 罚息 |\n|---|---|\n| 1 | 2 |\n", language="zh-hans")
    assert 'aria-label="表格：期，罚息"' in html


def test_every_body_cell_carries_its_columns_name():
    html = render_markdown(
        "| 日期 | 对方姓名／工号 | <b>x</b> |\n|---|---|---|\n| 1 | 2 | 3 |\n| | | |\n",
        language="zh-hans",
    )
    cells = [attrs.get("data-label") for tag, attrs in start_tags(html) if tag == "td"]
    # The raw <b> in a header is stripped: its column is named by its text.
    assert cells == ["日期", "对方姓名／工号", "x"] * 2


@pytest.mark.parametrize(("columns", "cards"), [(2, False), (3, False), (4, True), (5, True)])
def test_tables_of_four_or_more_columns_become_cards_on_a_phone(columns, cards):
    head = "|" + "|".join(f" c{i} " for i in range(columns)) + "|\n"
    rule = "|" + "|".join("---" for _ in range(columns)) + "|\n"
    row = "|" + "|".join(" 1 " for _ in range(columns)) + "|\n"
    html = render_markdown(head + rule + row, language="en")
    table = next(attrs for tag, attrs in start_tags(html) if tag == "table")
    assert ("stack-on-phone" in table["class"].split()) is cards


def test_h2_keeps_its_explicit_id():
    html = render_markdown("## 有宽限期吗 {#q-grace}\n\n答。", language="zh-hans")
    assert '<h2 id="q-grace">有宽限期吗</h2>' in html


@pytest.mark.parametrize(("language", "slug"), ALL)
def test_rendered_article_has_no_script_no_event_handlers_and_only_allowed_tags(language, slug):
    html = load_article(slug, language).html
    tags = start_tags(html)
    assert "<script" not in html.lower()
    assert "javascript:" not in html.lower()
    assert event_handler_attributes(html) == []
    assert not [attrs for _, attrs in tags if "style" in attrs]
    # The renderer adds the checklist's label/input and the tables' scroll region.
    assert {tag for tag, _ in tags} <= ALLOWED_TAGS | {"div", "label", "input"}


@pytest.mark.parametrize(("language", "slug"), ALL)
def test_every_link_in_an_article_leads_to_a_page_of_this_site(language, slug):
    article = load_article(slug, language)
    for tag, attrs in start_tags(article.html):
        if tag != "a":
            continue
        href = attrs.get("href", "")
        if href == "../../privacy/":
            continue
        calculator = re.fullmatch(rf"/{language}/calculator/([a-z-]+)/", href)
        if calculator:
            assert calculator.group(1) in CALCULATORS
            continue
        topic = re.fullmatch(r"\.\./([a-z-]+)/(?:#([a-z0-9-]+))?", href)
        assert topic, f"{slug}: unexpected link {href!r}"
        target = load_article(topic.group(1), language)
        assert target is not None, f"{slug}: link to unknown topic {href!r}"
        if topic.group(2):
            assert topic.group(2) in [s.anchor for s in target.sections], href


# --- the safe loader -------------------------------------------------------


@pytest.mark.parametrize("slug", ["../../etc/passwd", "nope", "", "FORMAT", "../en/faq"])
def test_unregistered_slug_returns_none_without_reading_the_disk(monkeypatch, slug):
    attempts = forbid_disk(monkeypatch)
    assert load_article(slug, "en") is None
    assert load_article(slug, "zh-hans") is None
    assert attempts == []


def test_forbid_disk_really_stops_a_registered_article_from_loading(monkeypatch):
    # Control for the test above: with the cache empty, a real slug does read.
    content._load.cache_clear()
    attempts = forbid_disk(monkeypatch)
    with pytest.raises(DiskRead):
        load_article("faq", "en")
    assert attempts


def test_article_is_rendered_once_and_then_served_from_the_cache(monkeypatch):
    first = load_article("faq", "en")
    attempts = forbid_disk(monkeypatch)
    second = load_article("faq", "en")
    assert second is first
    assert attempts == []


def test_unknown_language_falls_back_to_the_chinese_article():
    assert content_language("fr") == "zh-hans"
    assert content_language(None) == "zh-hans"
    assert content_language("en") == "en"
    assert load_article("faq", "fr") is load_article("faq", "zh-hans")


def test_all_articles_are_in_reading_order():
    for language in CONTENT_LANGUAGES:
        articles = all_articles(language)
        assert [a.order for a in articles] == sorted(a.order for a in articles)
        assert {a.slug for a in articles} == {t.slug for t in TOPICS}
        assert {a.language for a in articles} == {language}


def test_a_loose_checklist_with_blank_lines_still_becomes_checkboxes():
    html = render_markdown("- [ ] first\n\n- [ ] second\n", language="en")
    assert html.count('<input type="checkbox">') == 2
    assert "[ ]" not in html


def test_a_calculator_link_with_a_capital_letter_is_refused_not_dropped():
    with pytest.raises(ContentError):
        render_markdown("[x](calc:Arrears)", language="en")


# --- the five topics of issue 13 ---------------------------------------------

NEW_TOPICS = ("credit-cards", "court-papers", "debt-relief-agents", "several-debts", "credit-report")
# The written languages: zh-hant is generated from zh-hans word for word
# (config/tests/test_zh_hant.py checks it).
NEW = [(language, slug) for language in WRITTEN_LANGUAGES for slug in NEW_TOPICS]

# The key instrument of each topic, as facts.md names it: every language's
# sources give the Chinese name or number, so one list serves both.
KEY_SOURCES = {
    "credit-cards": (
        "银发〔2016〕111号",
        "《商业银行信用卡业务监督管理办法》",
        "关于进一步促进信用卡业务规范健康发展的通知",
        "法释〔2021〕10号",
        "法释〔2018〕19号",
    ),
    "court-papers": ("督促程序", "《中华人民共和国民法典》", "《中华人民共和国法律援助法》"),
    "debt-relief-agents": (
        "2021年第6期",
        "《关于警惕不法“代理维权”短视频及直播陷阱的风险提示》",
        "金融监管总局、中央网信办、公安部、中国人民银行、中国证监会",
    ),
    "several-debts": ("《中华人民共和国民法典》", "《中华人民共和国民事诉讼法》"),
    "credit-report": ("《征信业管理条例》", "631"),
}

# What the text itself must say, where a reader looks for it.
KEY_TEXT = {
    "zh-hans": {
        "credit-cards": ("第七十条", "第二条", "第三条", "最长5年", "以您的信用卡领用合约为准"),
        "court-papers": ("第一百九十三条", "15日", "12348", "第二十三条", "第三十一条"),
        "debt-relief-agents": ("不是法律用语", "2021年11月16日", "2026年2月6日", "金融纠纷调解组织"),
        "several-debts": ("本站的建议", "第五百六十条", "第五百六十一条", "第一千零六十四条", "第一千一百六十一条"),
        "credit-report": ("第十七条", "第二十五条", "20日", "第十六条", "还清后5年"),
    },
    "en": {
        "credit-cards": ("Art. 70", "Art. 2", "Art. 3", "up to 5 years", "card agreement"),
        "court-papers": ("Art. 193", "15 days", "12348", "Art. 23", "Art. 31"),
        "debt-relief-agents": ("not a legal term", "16 November 2021", "6 February 2026", "mediation"),
        "several-debts": ("this site's advice", "Art. 560", "Art. 561", "Art. 1064", "Art. 1161"),
        "credit-report": ("Art. 17", "Art. 25", "20 days", "Art. 16", "5 years after the debt is cleared"),
    },
}


@pytest.mark.parametrize(("language", "slug"), NEW)
def test_new_topic_cites_its_key_instruments_in_its_sources(language, slug):
    sources = " ".join(load_article(slug, language).sources)
    for instrument in KEY_SOURCES[slug]:
        assert instrument in sources, (slug, instrument)


@pytest.mark.parametrize(("language", "slug"), NEW)
def test_new_topic_says_its_key_rules_in_the_text(language, slug):
    article = load_article(slug, language)
    text = plain_text(article.html)
    for words in KEY_TEXT[language][slug]:
        assert words in text, (slug, words)
    assert article.reviewed == date(2026, 12, 6)


@pytest.mark.parametrize(("language", "slug"), NEW)
def test_new_topic_has_a_what_to_do_now_list(language, slug):
    anchors = [section.anchor for section in load_article(slug, language).sections]
    assert "what-to-do-now" in anchors


@pytest.mark.parametrize("slug", NEW_TOPICS)
def test_new_chinese_topic_says_nin_never_ni(slug):
    text = plain_text(load_article(slug, "zh-hans").html)
    assert "您" in text
    assert "你" not in text


def test_credit_cards_gives_no_number_for_the_2022_notice_and_no_cap_on_fees():
    # facts.md: cite the 2022-07-07 notice without a document number, and do not
    # state "息费总额不超过本金" (a draft rule only).
    for language in WRITTEN_LANGUAGES:
        article = load_article("credit-cards", language)
        (line,) = [s for s in article.sources if "规范健康发展" in s]
        assert "〔" not in line and "号" not in line
        assert "〔2022〕" not in article.html
        assert "不超过本金" not in article.html
        assert "exceed the principal" not in article.html


def test_credit_report_counts_five_years_from_clearing_never_from_the_overdue_date():
    zh = plain_text(load_article("credit-report", "zh-hans").html)
    en = plain_text(load_article("credit-report", "en").html)
    assert "逾期5年" not in zh and "逾期满5年" not in zh
    assert "5 years after the overdue" not in en
    # The one-time 2025 policy appears only as past policy, with its closed window.
    assert "2026年3月31日结束" in zh
    assert "closed on 31 March 2026" in en


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_several_debts_and_the_agents_page_link_to_the_plan(language):
    for slug in ("several-debts", "debt-relief-agents", "credit-cards"):
        hrefs = [a.get("href") for t, a in start_tags(load_article(slug, language).html) if t == "a"]
        assert f"/{language}/calculator/plan/" in hrefs, slug
    agents = load_article("debt-relief-agents", language).html
    assert 'href="../negotiation/"' in agents


def _table_rows(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [[plain_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def _yuan(cell: str) -> int:
    return int(re.sub(r"[^0-9]", "", cell))


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_several_debts_example_shares_the_money_in_proportion(language):
    # 3,000 a month over debts of 30,000, 20,000 and 10,000 (60,000 in all):
    # 3,000 × 30,000 ÷ 60,000 = 1,500; × 20,000 ÷ 60,000 = 1,000; × 10,000 ÷ 60,000 = 500.
    rows = [r for r in _table_rows(load_article("several-debts", language).html) if r]
    *debts, total = rows
    assert [(_yuan(owed), _yuan(share)) for _, owed, share in debts] == [
        (30000, 1500),
        (20000, 1000),
        (10000, 500),
    ]
    assert (_yuan(total[1]), _yuan(total[2])) == (60000, 3000)


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_faq_ends_with_a_question_pointing_to_each_new_topic(language):
    sections = load_article("faq", language).sections
    assert [s.anchor for s in sections[-5:]] == [
        "q-credit-card-minimum",
        "q-court-papers",
        "q-stop-interest-agents",
        "q-several-debts",
        "q-check-credit-report",
    ]
    html = load_article("faq", language).html
    for slug in NEW_TOPICS:
        assert f'href="../{slug}/"' in html, slug
