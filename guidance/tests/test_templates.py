import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from guidance.registry import CONTENT_LANGUAGES, TOPICS
from guidance.tests._html import start_tags

BASE_DIR = Path(settings.BASE_DIR)
HTML_LANG = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}

# A tag that makes the browser fetch something, pointing at another host.
EXTERNAL_LOAD = re.compile(
    r"<(?:script|img|iframe|source|link|video|audio|embed|object)\b[^>]*?"
    r"\b(?:src|href|srcset|data)\s*=\s*[\"']?\s*(?:https?:|//)",
    re.I | re.S,
)
LOADING_TAGS = {"script", "img", "iframe", "source", "link", "video", "audio", "embed", "object"}


def template_files() -> list[Path]:
    roots = [BASE_DIR / "templates", *(p for p in BASE_DIR.glob("**/templates") if ".venv" not in p.parts)]
    files = sorted(f for root in roots for f in root.rglob("*.html"))
    assert files
    return files


def external_loads(html: str) -> list[str]:
    found = [m.group(0) for m in EXTERNAL_LOAD.finditer(html)]
    for tag, attrs in start_tags(html):
        if tag in LOADING_TAGS:
            for name in ("src", "href", "srcset", "data"):
                value = attrs.get(name, "").strip().lower()
                if value.startswith(("http:", "https:", "//")):
                    found.append(f"<{tag} {name}={value}>")
    return found


def test_the_external_load_check_catches_each_form():
    assert external_loads('<script src="https://cdn.example/x.js"></script>')
    assert external_loads("<img src=//cdn.example/x.png>")
    assert external_loads('<link rel="stylesheet" href="http://fonts.example/css">')
    assert external_loads("<iframe\n  src='https://maps.example'></iframe>")
    assert external_loads('<source srcset="https://cdn.example/a.webp">')
    assert not external_loads('<a href="https://www.gov.cn/">a link is not a load</a>')
    assert not external_loads('<link rel="stylesheet" href="/static/css/site.css">')


@pytest.mark.parametrize("template", template_files(), ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_no_template_loads_anything_from_another_host(template):
    assert external_loads(template.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("template", template_files(), ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_template_comments_with_hash_braces_stay_on_one_line(template):
    # Django's {# #} does not span lines: a multi-line one is printed on the page.
    for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
        assert line.count("{#") == line.count("#}"), f"line {number}: {line}"


def test_stylesheets_load_nothing_from_another_host():
    for css in (BASE_DIR / "static").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*[\"']?\s*(?:https?:|//)", text, re.I), css
        assert not re.search(r"@import\s+(?:url\()?\s*[\"']?\s*(?:https?:|//)", text, re.I), css


PAGES = [
    "/{lang}/",
    "/{lang}/guidance/",
    *[f"/{{lang}}/guidance/{topic.slug}/" for topic in TOPICS],
    "/{lang}/search/",
    "/{lang}/search/?q=%E7%BD%9A%E6%81%AF",
    "/{lang}/search/?q=grace",
    "/{lang}/search/?q=zzqqxx",
    "/{lang}/privacy/",
    "/{lang}/no-such-page/",
]
ALL_PAGES = [(lang, page.format(lang=lang)) for lang in CONTENT_LANGUAGES for page in PAGES]


@pytest.mark.parametrize(("language", "url"), ALL_PAGES)
def test_rendered_page_loads_nothing_from_another_host(client, language, url):
    # The hreflang links are absolute URLs of this very site (http://testserver/).
    html = client.get(url).content.decode().replace("http://testserver/", "/")
    assert external_loads(html) == []


@pytest.mark.parametrize(("language", "url"), ALL_PAGES)
def test_page_has_one_h1_a_skip_link_to_main_and_its_language(client, language, url):
    html = client.get(url).content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    tags = start_tags(html)
    skip = [attrs for tag, attrs in tags if tag == "a" and "skip-link" in attrs.get("class", "")]
    assert len(skip) == 1 and skip[0]["href"] == "#main"
    # The skip link comes first and its target exists.
    assert next(attrs for tag, attrs in tags if tag == "a") is skip[0]
    assert [tag for tag, attrs in tags if attrs.get("id") == "main"] == ["main"]
    assert f'<html lang="{HTML_LANG[language]}">' in html


@pytest.mark.parametrize(("language", "url"), ALL_PAGES)
def test_page_shows_no_template_syntax(client, language, url):
    html = client.get(url).content.decode()
    for marker in ("{#", "#}", "{%", "%}", "{{", "}}"):
        assert marker not in html, marker


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_500_page_has_one_h1_its_language_and_no_external_load(language):
    with translation.override(language):
        html = render_to_string("500.html")
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert f'<html lang="{HTML_LANG[language]}">' in html
    assert 'id="main"' in html
    assert external_loads(html) == []
