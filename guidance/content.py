"""The one safe loader for guidance articles.

A slug is checked against the registry before any file is opened; Markdown is
rendered once per (language, slug), sanitised, and cached for the life of the
process (healthchecks' ``serve_doc`` is the model).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import markdown
import nh3
import yaml
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from guidance.registry import CONTENT_LANGUAGES, GENERATED_FROM, TOPICS, Topic, get_topic

# The calculators an article may link to as ``calc:NAME``: NAME → the URL name.
CALCULATORS = {
    "arrears": "arrears",
    "loan": "loan",
    "plan": "plan",
    "offer": "offer",
    "contact-log": "contact_log",
}

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "code", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "abbr",
}
ALLOWED_ATTRIBUTES = {
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
    "a": {"href", "title"}, "th": {"scope", "align"}, "td": {"align"}, "abbr": {"title"},
}

_CALC_LINK = re.compile(r"\]\(calc:([^)\s]*)\)")
_CHECK_ITEM = re.compile(r"<li>(?:\s*<p>)?\[ \]\s*(.*?)(?:</p>\s*)?</li>", re.S)
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


class ContentError(Exception):
    """An article file is missing a field or has a wrong value."""


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class Article:
    slug: str
    language: str
    title: str
    summary: str
    order: int
    reviewed: date
    sources: tuple[str, ...]
    related_calculator: str
    html: str
    intro: str
    sections: tuple[Section, ...]
    feature: str


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def _split_front_matter(source: str, where: str) -> tuple[dict, str]:
    if not source.startswith("---\n"):
        raise ContentError(f"{where}: no front matter")
    _, head, body = source.split("---\n", 2)
    meta = yaml.safe_load(head)
    if not isinstance(meta, dict):
        raise ContentError(f"{where}: front matter is not a mapping")
    return meta, body


def _calculator_url(name: str, language: str, where: str) -> str:
    if name not in CALCULATORS:
        raise ContentError(f"{where}: unknown calculator link calc:{name}")
    with translation.override(language):
        return reverse(f"calculator:{CALCULATORS[name]}")


def _checkbox(match: re.Match) -> str:
    # Tickable on screen and on paper; a label makes the whole line the target.
    return f'<li class="check-item"><label><input type="checkbox"> {match.group(1)}</label></li>'


# Tables this wide become one card per row on a phone (static/css/site.css).
CARD_COLUMNS = 4
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_TD = re.compile(r"<td\b")


def _labelled_cells(row: str, labels: list[str]) -> str:
    """Each cell of a body row with its column's name, shown before it on a card."""
    cells = iter(labels)
    return _TD.sub(lambda _: f'<td data-label="{html.escape(next(cells, ""))}"', row)


def _scrollable_table(match: re.Match) -> str:
    """A table in a focusable region named after its columns (it may scroll
    sideways), each cell labelled with its column; wide tables become cards."""
    head, _, body = match.group(1).partition("</thead>")
    labels = [plain_text(cell) for cell in _TH.findall(head)]
    body = _ROW.sub(lambda row: f"<tr>{_labelled_cells(row.group(1), labels)}</tr>", body)
    columns = pgettext("between the column names of a table", ", ").join(labels)
    name = gettext("Table: %(columns)s") % {"columns": columns}
    kind = "table stack-on-phone" if len(labels) >= CARD_COLUMNS else "table"
    return (
        f'<div class="table-wrap" tabindex="0" role="region" aria-label="{html.escape(name)}">'
        f'<table class="{kind}">{head}</thead>{body}</table></div>'
    )


def render_markdown(body: str, *, language: str, where: str = "article") -> str:
    """Markdown → sanitised HTML with heading ids, tables and checklists."""
    body = _CALC_LINK.sub(
        lambda m: f"]({_calculator_url(m.group(1), language, where)})", body
    )
    raw = markdown.markdown(body, extensions=["tables", "attr_list", "sane_lists"])
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "mailto", "tel"},
        link_rel=None,
    )
    clean = _CHECK_ITEM.sub(_checkbox, clean)
    with translation.override(language):  # the tables' names are in the article's language
        return _TABLE.sub(_scrollable_table, clean)


def _sections(body_html: str) -> tuple[str, tuple[Section, ...]]:
    parts = _H2.split(body_html)
    intro = plain_text(parts[0])
    sections = tuple(
        Section(anchor=parts[i], heading=plain_text(parts[i + 1]), text=plain_text(parts[i + 2]))
        for i in range(1, len(parts), 3)
    )
    return intro, sections


def _parse(topic: Topic, language: str) -> Article:
    where = f"{language}/{topic.slug}.md"
    try:
        source = topic.path(language).read_text(encoding="utf-8")
    except FileNotFoundError:
        if language in GENERATED_FROM:
            raise ContentError(f"{where} is generated: run `make messages`") from None
        raise
    meta, body = _split_front_matter(source, where)
    try:
        reviewed = meta["reviewed"]
        if not isinstance(reviewed, date):
            raise ContentError(f"{where}: reviewed must be a date")
        related = meta.get("related_calculator") or "none"
        if related != "none" and related not in CALCULATORS:
            raise ContentError(f"{where}: unknown related_calculator {related}")
        sources = tuple(str(s) for s in meta["sources"])
        if not sources:
            raise ContentError(f"{where}: no sources")
        body_html = render_markdown(body, language=language, where=where)
        intro, sections = _sections(body_html)
        return Article(
            slug=topic.slug,
            language=language,
            title=str(meta["title"]),
            summary=str(meta["summary"]),
            order=int(meta["order"]),
            reviewed=reviewed,
            sources=sources,
            related_calculator=related,
            html=body_html,
            intro=intro,
            sections=sections,
            feature=topic.feature,
        )
    except KeyError as missing:
        raise ContentError(f"{where}: front matter lacks {missing}") from None


def content_language(language: str | None) -> str:
    """The article language to use for a UI language (zh-hans by default)."""
    return language if language in CONTENT_LANGUAGES else CONTENT_LANGUAGES[0]


@cache
def _load(slug: str, language: str) -> Article:
    topic = get_topic(slug)
    assert topic is not None  # checked by load_article before the cache is reached
    return _parse(topic, language)


def load_article(slug: str, language: str) -> Article | None:
    """The rendered article, or None for a slug that is not registered.

    The registry is consulted first, so an unknown slug never reaches the disk.
    """
    if get_topic(slug) is None:
        return None
    return _load(slug, content_language(language))


def all_articles(language: str) -> tuple[Article, ...]:
    """Every registered article in ``language``, in reading order."""
    articles = (_load(topic.slug, content_language(language)) for topic in TOPICS)
    return tuple(sorted(articles, key=lambda a: a.order))
