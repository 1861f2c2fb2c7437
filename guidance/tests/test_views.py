import builtins
import pathlib
import re

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path
from django.utils import translation
from django.utils.html import escape

from guidance.content import all_articles, load_article
from guidance.registry import CONTENT_LANGUAGES, TOPICS
from guidance.tests._html import start_tags

ALL = [(language, topic.slug) for language in CONTENT_LANGUAGES for topic in TOPICS]
HTML_LANG = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}
OTHER = {"zh-hans": "en", "en": "zh-hans"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _boom(request):
    raise RuntimeError("secret-detail-4711")


# Used only by the 500 test (pytest.mark.urls): every page under a language prefix.
urlpatterns = i18n_patterns(path("boom/", _boom), prefix_default_language=True)


def text(response) -> str:
    return response.content.decode()


def links(html: str, **wanted) -> list[str]:
    """hrefs of <a> tags whose attributes include ``wanted``."""
    return [
        attrs.get("href", "")
        for tag, attrs in start_tags(html)
        if tag == "a" and all(attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())
    ]


def h1_text(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)


# --- articles --------------------------------------------------------------


@pytest.mark.parametrize(("language", "slug"), ALL)
def test_article_renders_with_title_sources_and_review_date(client, language, slug):
    article = load_article(slug, language)
    response = client.get(f"/{language}/guidance/{slug}/")
    assert response.status_code == 200
    html = text(response)
    assert f"<h1>{escape(article.title)}</h1>" in html
    assert escape(article.summary) in html
    for source in article.sources:
        assert f"<li>{escape(source)}</li>" in html
    assert article.reviewed.isoformat() in html


@pytest.mark.parametrize(("language", "slug"), ALL)
def test_article_links_its_calculator_in_the_same_language(client, language, slug):
    article = load_article(slug, language)
    html = text(client.get(f"/{language}/guidance/{slug}/"))
    if article.related_calculator == "none":
        assert "related-calculator" not in html
    else:
        assert f'href="/{language}/calculator/{article.related_calculator}/"' in html


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_guidance_index_lists_all_fifteen_topics(client, language):
    html = text(client.get(f"/{language}/guidance/"))
    hrefs = links(html)
    for article in all_articles(language):
        assert f"/{language}/guidance/{article.slug}/" in hrefs
        assert escape(article.title) in html
    assert len(all_articles(language)) == 15


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_home_lists_all_fifteen_topics(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    hrefs = links(text(response))
    assert {f"/{language}/guidance/{t.slug}/" for t in TOPICS} <= set(hrefs)


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_consequences_article_shows_the_timeline_as_an_ordered_list(client, language):
    html = text(client.get(f"/{language}/guidance/consequences/"))
    timeline = re.search(r'<ol class="timeline"[^>]*>(.*?)</ol>', html, re.S)
    assert timeline
    steps = re.findall(r'<li class="timeline__step([^"]*)">(.*?)</li>', timeline.group(1), re.S)
    assert len(steps) == 6
    # Only the last step, the 5-year rule, is fixed by law.
    assert [("--certain" in classes) for classes, _ in steps] == [False] * 5 + [True]
    assert "5" in steps[-1][1]


def test_consequences_timeline_ends_with_the_five_years_after_clearing_step(client):
    html = text(client.get("/en/guidance/consequences/"))
    last = re.findall(r'<li class="timeline__step[^"]*">(.*?)</li>', html, re.S)[-1]
    assert "5 years after the debt is cleared" in last


def test_only_the_consequences_article_has_the_timeline(client):
    assert 'class="timeline"' not in text(client.get("/en/guidance/faq/"))


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_checklist_article_has_labelled_checkboxes(client, language):
    html = text(client.get(f"/{language}/guidance/checklist/"))
    checkboxes = re.findall(r'<input type="checkbox">', html)
    labelled = re.findall(r'<label><input type="checkbox">\s*[^<\s][^<]*</label>', html)
    assert len(checkboxes) >= 10
    assert len(labelled) == len(checkboxes)


def test_checklist_has_the_same_number_of_items_in_both_languages(client):
    counts = {
        language: text(client.get(f"/{language}/guidance/checklist/")).count('type="checkbox"')
        for language in CONTENT_LANGUAGES
    }
    assert counts["zh-hans"] == counts["en"]


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_faq_has_at_least_15_linkable_questions(client, language):
    faq = load_article("faq", language)
    html = text(client.get(f"/{language}/guidance/faq/"))
    assert len(faq.sections) >= 15
    for section in faq.sections:
        assert section.heading.endswith(("?", "？")), section.heading
        assert re.search(rf'<h2 id="{section.anchor}">', html), section.anchor


MYTHS = {
    # facts.md's table of myths → the section that corrects it, and words it must use.
    "zh-hans": {
        "myth-travel-ban": [("限高",)],
        "myth-children": [("公务员", "子女")],
        "myth-criminal": [("196",), ("信用卡",)],
        "myth-lawsuit-threshold": [("起诉",)],
        "myth-five-years": [("5年", "5 年"), ("还清",)],
        "myth-paid-agents": [("征信修复",), ("骗局",)],
    },
    # The same words as the generated traditional text must show them.
    "zh-hant": {
        "myth-travel-ban": [("限高",)],
        "myth-children": [("公務員", "子女")],
        "myth-criminal": [("196",), ("信用卡",)],
        "myth-lawsuit-threshold": [("起訴",)],
        "myth-five-years": [("5年", "5 年"), ("還清",)],
        "myth-paid-agents": [("徵信修復",), ("騙局",)],
    },
    "en": {
        "myth-travel-ban": [("限高",), ("court",)],
        "myth-children": [("civil-service", "civil service"), ("children",)],
        "myth-criminal": [("196",), ("credit card",)],
        "myth-lawsuit-threshold": [("sue",), ("any amount",)],
        "myth-five-years": [("5 years",), ("paid off", "cleared")],
        "myth-paid-agents": [("credit-repair", "credit repair"), ("scam",)],
    },
}


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_myths_page_corrects_every_myth_in_the_facts_table(client, language):
    html = text(client.get(f"/{language}/guidance/myths/"))
    sections = {s.anchor: s for s in load_article("myths", language).sections}
    for anchor, word_groups in MYTHS[language].items():
        assert f'id="{anchor}"' in html, anchor
        section = sections[anchor]
        body = f"{section.heading} {section.text}".lower()
        for alternatives in word_groups:
            assert any(word.lower() in body for word in alternatives), (anchor, alternatives)


def test_article_answers_a_repeat_visit_with_304(client):
    first = client.get("/en/guidance/faq/")
    etag = first["ETag"]
    again = client.get("/en/guidance/faq/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    stale = client.get("/en/guidance/faq/", HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200


def test_article_etag_differs_by_language_and_article(client):
    etags = {
        client.get("/en/guidance/faq/")["ETag"],
        client.get("/zh-hans/guidance/faq/")["ETag"],
        client.get("/en/guidance/myths/")["ETag"],
    }
    assert len(etags) == 3


def test_pages_accept_only_get_and_head(client):
    assert client.head("/en/guidance/faq/").status_code == 200
    assert client.post("/en/guidance/faq/").status_code == 405
    assert client.post("/en/search/").status_code == 405


# --- the bad slug ----------------------------------------------------------


def test_unknown_article_is_404_without_reading_any_file(client, monkeypatch):
    # Warm the template and translation caches: the 404 page itself is not the point.
    assert client.get("/en/guidance/nope/").status_code == 404
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the disk was read")

    for name in ("read_text", "read_bytes", "open"):
        monkeypatch.setattr(pathlib.Path, name, refuse)
    monkeypatch.setattr(builtins, "open", refuse)
    response = client.get("/en/guidance/not-a-topic/")
    assert response.status_code == 404
    assert attempts == []


def test_path_like_slug_does_not_reach_the_article_view(client):
    assert client.get("/en/guidance/..%2F..%2Fetc%2Fpasswd/").status_code == 404
    assert client.get("/en/guidance/FORMAT/").status_code == 404


# --- language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        (None, "/zh-hans/"),
        ("en-US,en;q=0.9", "/en/"),
        ("zh-CN", "/zh-hans/"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"),
        ("fr-FR,fr;q=0.9", "/zh-hans/"),
    ],
)
def test_root_redirects_by_browser_language(client, accept_language, target):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target
    # Shared caches must not serve one language's redirect to another browser.
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(("language", "slug"), [("zh-hans", "faq"), ("en", "myths")])
def test_language_switcher_links_to_the_same_article_in_the_other_language(client, language, slug):
    other = OTHER[language]
    html = text(client.get(f"/{language}/guidance/{slug}/"))
    assert links(html, hreflang=HTML_LANG[other]) == [f"/{other}/guidance/{slug}/"]
    assert (
        f'<link rel="alternate" hreflang="{HTML_LANG[other]}" '
        f'href="http://testserver/{other}/guidance/{slug}/">'
        in html
    )


def test_language_switcher_keeps_the_search_query(client):
    html = text(client.get("/en/search/?q=grace"))
    assert links(html, hreflang="zh-Hans") == ["/zh-hans/search/?q=grace"]
    html = text(client.get("/zh-hans/search/?q=%E7%BD%9A%E6%81%AF"))
    assert links(html, hreflang="en") == ["/en/search/?q=%E7%BD%9A%E6%81%AF"]


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/en/guidance/", "/en/guidance/"),
        ("/en/guidance/faq/", "/en/guidance/"),
        ("/zh-hans/guidance/myths/", "/zh-hans/guidance/"),
        ("/en/search/?q=grace", "/en/search/"),
        ("/zh-hans/search/", "/zh-hans/search/"),
        ("/en/", None),
        ("/en/privacy/", None),
    ],
)
def test_navigation_marks_the_current_section(client, url, current):
    html = text(client.get(url))
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert links(nav, aria_current="page") == ([current] if current else [])


# --- other pages -----------------------------------------------------------


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_privacy_page_renders(client, language):
    response = client.get(f"/{language}/privacy/")
    assert response.status_code == 200
    html = text(response)
    assert f'<html lang="{HTML_LANG[language]}">' in html
    assert h1_text(html).strip()


def test_privacy_page_says_nothing_is_stored(client):
    html = text(client.get("/en/privacy/"))
    assert "Privacy: nothing you type is kept" in html
    assert "never the figures in the address" in html


@pytest.mark.parametrize("url, words", [
    ("/en/privacy/", "No calculator page is kept, not even in the server's memory"),
    ("/zh-hans/privacy/", "计算结果页面一律不保留，服务器内存里也不留"),
])
def test_privacy_page_says_no_calculator_page_is_kept(client, url, words):
    html = text(client.get(url))
    assert words in html


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_404_page_renders_in_each_language(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = text(response)
    assert f'<html lang="{HTML_LANG[language]}">' in html
    assert f'href="/{language}/guidance/"' in html
    assert f'href="/{language}/search/"' in html


def test_404_page_explains_in_english(client):
    html = text(client.get("/en/no-such-page/"))
    assert "<h1>Page not found</h1>" in html
    assert "This address does not lead to a page." in html


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_500_template_renders_in_each_language(language):
    with translation.override(language):
        html = render_to_string("500.html")
    assert f'<html lang="{HTML_LANG[language]}">' in html
    assert f'href="/{language}/"' in html
    assert html.count("<h1>") == 1


def test_500_template_explains_in_english():
    with translation.override("en"):
        html = render_to_string("500.html")
    assert "<h1>Something went wrong</h1>" in html
    assert "Nothing you typed was kept." in html


@pytest.mark.urls("guidance.tests.test_views")
@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_failing_view_returns_the_500_page(language, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/boom/")
    assert response.status_code == 500
    html = text(response)
    assert f'<html lang="{HTML_LANG[language]}">' in html
    assert f'href="/{language}/"' in html
    # The fault's details never reach the visitor.
    assert "secret-detail-4711" not in html
    assert "Traceback" not in html


@pytest.mark.urls("guidance.tests.test_views")
def test_a_failing_view_explains_in_english():
    client = Client(raise_request_exception=False)
    assert "<h1>Something went wrong</h1>" in text(client.get("/en/boom/"))


# The Chinese pages' interface comes from the zh_Hans catalog.
@pytest.mark.parametrize(
    "url", ["/zh-hans/no-such-page/", "/zh-hans/privacy/", "/zh-hans/guidance/", "/zh-hans/"]
)
def test_chinese_page_heading_is_in_chinese(client, url):
    assert CJK.search(h1_text(text(client.get(url))))


def test_chinese_500_page_is_in_chinese():
    with translation.override("zh-hans"):
        assert CJK.search(h1_text(render_to_string("500.html")))


def test_chinese_navigation_and_timeline_are_in_chinese(client):
    html = text(client.get("/zh-hans/guidance/consequences/"))
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    labels = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert labels and all(CJK.search(label) for label in labels)
    steps = re.findall(r'<p class="timeline__title">([^<]+)</p>', html)
    assert steps and all(CJK.search(step) for step in steps)


# --- headers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/zh-hans/",
        "/en/guidance/faq/",
        "/en/search/?q=grace",
        "/zh-hans/privacy/",
        "/en/nope/",
    ],
)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    if response.status_code != 302:
        # LocaleMiddleware builds the / redirect after XFrameOptionsMiddleware has
        # run; a redirect has no document to frame, so it does not need the header.
        assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_language_switcher_on_a_404_keeps_the_path_under_the_other_prefix(client):
    html = text(client.get("/zh-hans/no-such-page/"))
    assert 'href="/en/no-such-page/" hreflang="en"' in html
