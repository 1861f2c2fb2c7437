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
    render_markdown,
)
from guidance.registry import CONTENT_LANGUAGES, TOPICS, get_topic
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


def test_table_is_wrapped_in_a_focusable_scroll_region():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n", language="en")
    match = re.search(r"<div ([^>]*)>\s*<table[^>]*>.*?</table>\s*</div>", html, re.S)
    assert match, html
    attributes = dict(start_tags(f"<div {match.group(1)}>")[0][1])
    assert attributes["tabindex"] == "0"
    assert attributes["role"] == "region"


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
        calculator = re.fullmatch(rf"/{language}/calculator/([a-z]+)/", href)
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
