"""The language switcher, <html lang> and the hreflang alternates, in three languages."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from calculator.tests._pages import tree
from core.navigation import bcp47


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
