"""The language switcher, <html lang> and the hreflang alternates, in three languages."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.template import RequestContext, Template
from django.urls import reverse, translate_url
from django.utils import translation

from calculator.tests._pages import tree
from core.navigation import _frame, bcp47, fixed_url


@pytest.fixture(autouse=True)
def fresh_pages():
    # Guidance pages are kept after their first render: start each test afresh.
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.mark.parametrize(("code", "tag"), [
    ("zh-hans", "zh-Hans"), ("zh-hant", "zh-Hant"), ("en", "en"), ("pt-br", "pt-BR"),
    ("sr-latn", "sr-Latn"),
])
def test_language_codes_become_bcp47_tags(code, tag):
    assert bcp47(code) == tag


def switcher(response) -> list[tuple[str, str, str, str]]:
    """(element, lang, hreflang, href) of each entry of the language switcher."""
    entries = tree(response).xpath('//nav[@class="site-languages"]//li/*')
    return [(e.tag, e.get("lang"), e.get("hreflang"), e.get("href")) for e in entries]


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_switcher_offers_three_languages_and_keeps_the_page(client, language):
    response = client.get(f"/{language}/guidance/faq/")
    page = tree(response)
    assert page.xpath("/html/@lang") == [bcp47(language)]
    expected = [
        ("zh-hans", "zh-Hans", "简体中文"), ("zh-hant", "zh-Hant", "繁體中文"), ("en", "en", "English"),
    ]
    entries = switcher(response)
    assert len(entries) == 3
    names = tree(response).xpath('//nav[@class="site-languages"]//li/*/text()')
    assert names == [name for _code, _tag, name in expected]
    for (element, lang, hreflang, href), (code, tag, _name) in zip(entries, expected, strict=True):
        assert lang == tag  # each name is read out in its own language
        if code == language:
            # The current language is named, not linked.
            assert (element, hreflang, href) == ("span", None, None)
        else:
            assert (element, hreflang, href) == ("a", tag, f"/{code}/guidance/faq/")
    current = page.xpath('//nav[@class="site-languages"]//*[@aria-current="true"]/@lang')
    assert current == [bcp47(language)]


def test_switcher_keeps_a_calculators_figures(client):
    query = "principal=10000&start_date=2026-01-15&paid_periods=2&as_of=2026-05-20&preset=xiaomi"
    entries = switcher(client.get(f"/zh-hant/calculator/loan/?{query}"))
    links = {hreflang: href for _e, _lang, hreflang, href in entries if hreflang}
    assert links == {
        "zh-Hans": f"/zh-hans/calculator/loan/?{query}",
        "en": f"/en/calculator/loan/?{query}",
    }


def alternates(response) -> dict[str, str]:
    """hreflang → href of each <link rel="alternate"> in the page's head."""
    links = tree(response).xpath('//head/link[@rel="alternate"]')
    return {link.get("hreflang"): link.get("href") for link in links}


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_hreflang_alternates_are_absolute_and_include_the_page_itself(client, language):
    found = alternates(client.get(f"/{language}/guidance/myths/?utm=x"))
    assert found == {
        "zh-Hans": "http://testserver/zh-hans/guidance/myths/?utm=x",
        "zh-Hant": "http://testserver/zh-hant/guidance/myths/?utm=x",
        "en": "http://testserver/en/guidance/myths/?utm=x",
        "x-default": "http://testserver/guidance/myths/?utm=x",
    }


def test_hreflang_alternates_follow_the_host_and_scheme_asked_for(client):
    plain = alternates(client.get("/zh-hant/guidance/faq/", HTTP_HOST="localhost"))
    assert plain["zh-Hant"] == "http://localhost/zh-hant/guidance/faq/"
    # The page is kept after its first render: kept per host, never another host's links.
    secure = alternates(client.get("/zh-hant/guidance/faq/", HTTP_HOST="127.0.0.1", secure=True))
    assert secure["zh-Hant"] == "https://127.0.0.1/zh-hant/guidance/faq/"
    again = alternates(client.get("/zh-hant/guidance/faq/", HTTP_HOST="localhost"))
    assert again == plain


@pytest.mark.parametrize(("accept_language", "prefix"), [
    ("zh-TW,zh;q=0.9", "/zh-hant/"),
    ("zh-HK", "/zh-hant/"),
    ("zh-Hant", "/zh-hant/"),
    ("zh-CN,zh;q=0.9", "/zh-hans/"),
    ("en-GB", "/en/"),
    ("fr-FR", "/zh-hans/"),
])
def test_x_default_sends_each_visitor_to_their_language(client, accept_language, prefix):
    x_default = alternates(client.get("/en/guidance/faq/"))["x-default"]
    response = client.get(x_default, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}guidance/faq/"


@pytest.mark.parametrize("path", [
    "/zh-hans/guidance/faq/",
    "/en/guidance/grace-and-penalty/",
    "/zh-hant/calculator/loan/?principal=1%E4%B8%87&as_of=2026-05-20&x=%23a&y=<b>",
    "/en/search/?q=%E7%BD%9A%E6%81%AF",
    "/zh-hans/no-such-page/?a=1",  # a 404: the same path under the other prefixes
])
def test_switcher_links_are_what_translate_url_gives(client, path):
    # The switcher reverses the view resolved for the request instead of resolving
    # the path again (core.navigation._same_page_in): the links must not change.
    response = client.get(path)
    full_path = response.wsgi_request.get_full_path()
    current = path.split("/")[1]
    expected = {}
    for code in ("zh-hans", "zh-hant", "en"):
        url = translate_url(full_path, code)
        if url == full_path and code != current:  # what the 404 page falls back to
            url = f"/{code}/{full_path[len(current) + 2:]}"
        expected[bcp47(code)] = url
    found = {hreflang: href for _e, _lang, hreflang, href in switcher(response) if hreflang}
    assert found == {tag: url for tag, url in expected.items() if tag != bcp47(current)}
    assert alternates(response) == {
        **{tag: f"http://testserver{url}" for tag, url in expected.items()},
        "x-default": f"http://testserver/{full_path[len(current) + 2:]}",
    }


def test_the_frame_kept_per_language_holds_nothing_of_a_request(client):
    # The menu's links and labels are worked out once per language (core.navigation._frame):
    # whatever the requests, one entry per language, and none of what they asked.
    _frame.cache_clear()
    for language in ("zh-hans", "en"):
        for n in range(3):
            client.get(f"/{language}/calculator/loan/?principal=98765{n}&as_of=2026-05-20",
                       HTTP_HOST="localhost" if n else "127.0.0.1")
    assert _frame.cache_info().currsize == 2
    for language in ("zh-hans", "en"):
        kept = repr(_frame(language, "/"))
        assert "98765" not in kept and "localhost" not in kept and "127.0.0.1" not in kept
    with translation.override("en"):
        assert [item["url"] for item in _frame("en", "/")["nav"]] == [
            reverse(name) for name in
            ("guidance:index", "calculator:loan", "calculator:plan", "guidance:search")]


def test_a_page_without_the_frame_works_out_none_of_it(rf):
    # The context processor only hands over a SiteFrame; a template that shows no
    # frame (the benchmark's one-line baseline page) reverses and translates nothing.
    _frame.cache_clear()
    request = rf.get("/zh-hans/guidance/faq/?q=1")
    with translation.override("zh-hans"):
        assert Template("<p>{{ greeting }}</p>").render(RequestContext(request, {"greeting": "你好"})) == "<p>你好</p>"
    assert _frame.cache_info().currsize == 0


def test_fixed_url_is_reverse_in_each_language():
    for language in ("zh-hans", "zh-hant", "en"):
        with translation.override(language):
            assert fixed_url("calculator:plan") == reverse("calculator:plan") == f"/{language}/calculator/plan/"


def test_a_query_is_escaped_in_every_link_of_the_frame(client):
    # The frame's lists are written in Python (SiteFrame.*_html): the "&" between
    # two parameters is written &amp; in each of the four alternates and the two
    # language links; markup in a value arrives percent-encoded, never as a tag.
    response = client.get("/en/search/", {"a": "1", "q": '"><script>x</script>'})
    html = response.content.decode()
    assert "<script>x" not in html
    assert html.count("?a=1&amp;q=%22%3E%3Cscript%3E") == 4 + 2
    assert switcher(response)[0][3] == "/zh-hans/search/?a=1&q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E"


def test_the_same_view_in_another_language_is_remembered_without_its_query(client):
    # /en/guidance/faq/?a=1 then ?a=2: the reversed paths are kept, the queries are not.
    first = switcher(client.get("/en/guidance/faq/", {"a": "1"}))
    second = switcher(client.get("/en/guidance/faq/", {"a": "2"}))
    assert [entry[3] for entry in first] == ["/zh-hans/guidance/faq/?a=1", "/zh-hant/guidance/faq/?a=1", None]
    assert [entry[3] for entry in second] == ["/zh-hans/guidance/faq/?a=2", "/zh-hant/guidance/faq/?a=2", None]


@pytest.mark.parametrize("query", [
    {"lender": "招商银行", "note": "a b&c"},  # non-ASCII and reserved characters
    {"q": "%41%"},  # a stray percent sign
])
def test_alternates_are_what_build_absolute_uri_gives(client, query):
    # The origin is put before the already-encoded paths once, as build_absolute_uri
    # would for each: the same addresses, encoded once, never twice.
    response = client.get("/zh-hans/calculator/offer/", query)
    request = response.wsgi_request
    found = alternates(response)
    for link in response.context["frame"].language_links:
        assert found[link["html_lang"]] == request.build_absolute_uri(link["url"])
    assert found["x-default"] == request.build_absolute_uri(
        "/calculator/offer/?" + request.get_full_path().partition("?")[2])
