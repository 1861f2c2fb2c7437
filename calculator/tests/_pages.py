"""Reading calculator pages in tests: the data-figure markers, elements and links."""

from __future__ import annotations

from collections import Counter
from datetime import date
from urllib.parse import parse_qs, urlsplit

import lxml.html

# The fixed "today" of every view test (views read it only through views.today()).
TODAY = date(2026, 5, 20)
LANGUAGES = ("zh-hans", "en")



def html_of(response) -> str:
    return response.content.decode()


def tree(response_or_html):
    text = response_or_html if isinstance(response_or_html, str) else html_of(response_or_html)
    return lxml.html.fromstring(text)


def figures(response_or_html) -> dict[str, str]:
    """Every ``data-figure`` name and its ``data-value``; each name at most once."""
    elements = tree(response_or_html).xpath("//*[@data-figure]")
    names = Counter(element.get("data-figure") for element in elements)
    repeated = sorted(name for name, count in names.items() if count > 1)
    assert not repeated, f"data-figure names repeated on the page: {repeated}"
    return {element.get("data-figure"): element.get("data-value") for element in elements}


def texts(response_or_html, xpath: str) -> list[str]:
    """The whitespace-normalised text of each element ``xpath`` selects."""
    return [" ".join(element.text_content().split()) for element in tree(response_or_html).xpath(xpath)]


def query_of(href: str) -> dict[str, str]:
    """A link's query string as one value per name."""
    return {name: values[-1] for name, values in parse_qs(urlsplit(href).query).items()}


def error_links(response_or_html) -> list[str]:
    """The hrefs in the error summary at the top of the page."""
    return tree(response_or_html).xpath('//*[@id="error-summary"]//a/@href')
