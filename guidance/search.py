"""Site search over the guidance articles and FAQ answers.

Chinese is written without spaces, so a query matches any substring, not whole
words. Full-width letters and digits are folded to half-width and case is
ignored. Results rank title matches first, then summaries, section headings
(e.g. an FAQ question) and body text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import partial

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guidance.content import Article, all_articles

MAX_QUERY_LENGTH = 100
SNIPPET_RADIUS = 40
MAX_RESULTS = 30

RANK_TITLE, RANK_SUMMARY, RANK_HEADING, RANK_TEXT = range(4)


@dataclass(frozen=True)
class SearchHit:
    slug: str
    title: str
    anchor: str  # a section id, or "" for the article itself
    heading: SafeString
    snippet: SafeString
    rank: int
    order: int


def normalise(text: str) -> str:
    """NFKC (全角 → half-width) and case-folded, for matching only."""
    return unicodedata.normalize("NFKC", text).casefold()


def clean_query(raw: str) -> str:
    return " ".join(raw.split())[:MAX_QUERY_LENGTH]


def highlight(text: str, query: str) -> SafeString:
    """A passage of ``text`` around the first match, with every match marked.

    NFKC folding keeps the length of ordinary CJK and Latin text, so positions in
    the folded text map back to the original; where it would not (rare
    ligatures), the passage is shown without a mark.
    """
    folded, needle = normalise(text), normalise(query)
    if len(folded) != len(text):
        return mark_safe(escape(text[: 2 * SNIPPET_RADIUS]))
    first = folded.find(needle)
    start = max(0, first - SNIPPET_RADIUS)
    end = min(len(text), first + len(needle) + SNIPPET_RADIUS)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    while True:
        at = folded.find(needle, cursor, end)
        if at < 0 or not needle:
            break
        pieces.append(escape(text[cursor:at]))
        pieces.append(f"<mark>{escape(text[at:at + len(needle)])}</mark>")
        cursor = at + len(needle)
    pieces.append(escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return mark_safe("".join(pieces))


def passage(text: str, query: str) -> SafeString:
    """``text`` around the match with the match marked, or its opening."""
    if normalise(query) in normalise(text):
        return highlight(text, query)
    clipped = text[: 2 * SNIPPET_RADIUS]
    return mark_safe(escape(clipped) + ("…" if len(text) > len(clipped) else ""))


def _hit(
    article: Article, query: str, rank: int, text: str, anchor: str = "", heading: str = ""
) -> SearchHit:
    return SearchHit(
        slug=article.slug,
        title=article.title,
        anchor=anchor,
        heading=passage(heading, query) if heading else mark_safe(""),
        snippet=passage(text, query),
        rank=rank,
        order=article.order,
    )


def search(query: str, language: str) -> list[SearchHit]:
    """Articles and sections containing ``query``, best first."""
    query = clean_query(query)
    needle = normalise(query)
    if not needle:
        return []
    hits: list[SearchHit] = []
    for article in all_articles(language):
        hit = partial(_hit, article, query)
        if needle in normalise(article.title):
            hits.append(hit(RANK_TITLE, article.summary))
            continue
        if needle in normalise(article.summary):
            hits.append(hit(RANK_SUMMARY, article.summary))
        elif needle in normalise(article.intro):
            hits.append(hit(RANK_SUMMARY, article.intro))
        for section in article.sections:
            if needle in normalise(section.heading):
                hits.append(hit(RANK_HEADING, section.text, section.anchor, section.heading))
            elif needle in normalise(section.text):
                hits.append(hit(RANK_TEXT, section.text, section.anchor, section.heading))
    hits.sort(key=lambda h: (h.rank, h.order))
    return hits[:MAX_RESULTS]
