"""Site search over the guidance articles and FAQ answers.

Chinese is written without spaces, so a query matches any substring, not whole
words. Both the query and the articles are folded before matching: full-width
letters and digits become half-width, case is ignored, and spaces and
punctuation are dropped ("罚 息" finds 罚息, "1000" finds "1,000").

People type questions, not the site's words ("还不上怎么办", "催收打电话给家人"),
so a query is turned into terms: the whole query; its parts once question words
are cut out; the site's words for any borrower's phrase in ``synonyms.yaml``;
and, for Chinese, the pairs of characters of each part, so that an unforeseen
phrasing still finds the pages that share its words. Each term scores by where
it is found — title, then heading, then summary, then body — times its weight;
a term inside a longer one found in the same place is not counted again.
Articles are listed best first, each with its best sections. Two rules on top:
an article that contains a long query word for word comes first (a pasted
sentence), and the FAQ, whose answers point to the topics, counts for half.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import islice
from pathlib import Path

import yaml
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guidance.content import Article, all_articles, content_language

MAX_QUERY_LENGTH = 100
SNIPPET_RADIUS = 40
MAX_RESULTS = 30
# Sections listed under one article, so that the next article is not pushed off.
MAX_SECTIONS_PER_ARTICLE = 4
# The FAQ is a page of short answers that each lead to a topic, and its questions
# are worded as people ask: it would come first for almost any question. It
# counts for half, so a topic that answers as well comes first and the FAQ's
# answer right after it; the FAQ still comes first where no topic matches.
POINTER_PAGES = {"faq": 2}
# A query this long (in matched characters) that an article contains word for
# word, as when a sentence is pasted, puts that article first.
PHRASE_LENGTH = 10

RANK_TITLE, RANK_SUMMARY, RANK_HEADING, RANK_TEXT = range(4)

# Where a term is found, and what that is worth.
FIELD_WEIGHT = {RANK_TITLE: 6, RANK_HEADING: 4, RANK_SUMMARY: 2, RANK_TEXT: 1}
# What kind of term it is: the query as typed counts most, a pair of characters least.
WEIGHT_QUERY, WEIGHT_PART, WEIGHT_SYNONYM, WEIGHT_PAIR = 4, 3, 3, 1

SYNONYMS_FILE = Path(__file__).resolve().parent / "synonyms.yaml"
# zh-hant's part is generated from zh-hans's at build time (tools/make_zh_hant.py).
GENERATED_SYNONYMS = {"zh-hant": Path(__file__).resolve().parent / "synonyms-zh-hant.yaml"}

# Letters, marks and digits are matched; spaces, punctuation and symbols are not.
_MATCHED_CATEGORIES = ("L", "M", "N")


@dataclass(frozen=True)
class SearchHit:
    slug: str
    title: str
    anchor: str  # a section id, or "" for the article itself
    heading: SafeString
    snippet: SafeString
    rank: int
    order: int
    score: int


@dataclass(frozen=True)
class Term:
    text: str  # folded
    weight: int


@dataclass(frozen=True)
class Phrasings:
    """One language's part of ``synonyms.yaml``."""

    fillers: tuple[str, ...]  # question words cut out of a query ("怎么办", "how")
    synonyms: dict[str, tuple[str, ...]]  # folded borrower's phrase → the site's words


# --- folding ---------------------------------------------------------------


@cache
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] in _MATCHED_CATEGORIES)


@lru_cache(maxsize=4096)  # the articles' texts are folded once, not on every search
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """The matching form of ``text``, and for each of its characters the
    position in ``text`` it came from."""
    folded, origin = [], []
    for position, char in enumerate(text):
        piece = _fold_char(char)
        folded.append(piece)
        origin.extend([position] * len(piece))
    return "".join(folded), tuple(origin)


def normalise(text: str) -> str:
    """NFKC (全角 → half-width), case-folded, spaces and punctuation dropped."""
    return fold(text)[0]


def clean_query(raw: str) -> str:
    return " ".join(raw.split())[:MAX_QUERY_LENGTH]


# --- the phrasing table ----------------------------------------------------


@cache
def phrasings(language: str) -> Phrasings:
    """The fillers and synonyms of ``synonyms.yaml`` for an article language."""
    language = content_language(language)
    source = GENERATED_SYNONYMS.get(language, SYNONYMS_FILE)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    part = data.get(language) or {}
    for word in (*(part.get("fillers") or ()), *(part.get("synonyms") or {}),
                 *(w for words in (part.get("synonyms") or {}).values() for w in words or ())):
        if not isinstance(word, str):
            # YAML reads 12348 as a number and "no" as false: quote them.
            raise ValueError(f"synonyms.yaml: {word!r} is not a string; quote it")
    fillers = tuple(sorted({normalise(f) for f in part.get("fillers") or ()} - {""},
                           key=len, reverse=True))
    synonyms = {
        normalise(phrase): tuple(normalise(word) for word in words or ())
        for phrase, words in (part.get("synonyms") or {}).items()
    }
    return Phrasings(fillers=fillers, synonyms=synonyms)


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK")


def _cjk_runs(text: str) -> list[str]:
    """The runs of two or more Chinese characters in ``text``."""
    runs, current = [], ""
    for char in text + " ":
        if _is_cjk(char):
            current += char
            continue
        if len(current) >= 2:
            runs.append(current)
        current = ""
    return runs


def _parts(query: str, table: Phrasings) -> list[str]:
    """The words of a query once spaces, punctuation and question words are cut."""
    chunks = [normalise(chunk) for chunk in query.split()]
    parts = []
    for chunk in chunks:
        if chunk in table.fillers:
            continue  # an English question word standing alone
        for filler in table.fillers:
            if any(_is_cjk(c) for c in filler):
                chunk = chunk.replace(filler, " ")
        parts.extend(chunk.split())
    return [p for p in parts if len(p) >= 2 and (len(p) >= 3 or _is_cjk(p[0]) or p.isdigit())]


def query_terms(query: str, language: str) -> tuple[Term, ...]:
    """The terms a query is searched by, heaviest first."""
    full = normalise(query)
    if not full:
        return ()
    table = phrasings(language)
    weights: dict[str, int] = {}

    def add(text: str, weight: int) -> None:
        if text:
            weights[text] = max(weight, weights.get(text, 0))

    add(full, WEIGHT_QUERY)
    parts = _parts(query, table)
    for part in parts:
        add(part, WEIGHT_PART)
    for phrase, words in table.synonyms.items():
        if phrase in full:
            if len(phrase) > 1:  # a one-character key ("拖") only brings its words
                add(phrase, WEIGHT_SYNONYM)
            for word in words:
                add(word, WEIGHT_SYNONYM)
    for part in parts:
        for run in _cjk_runs(part):
            if run != part:
                add(run, WEIGHT_PART)  # "逾期4个月" → 逾期, 个月
            for i in range(len(run) - 1):
                add(run[i : i + 2], WEIGHT_PAIR)
    ordered = sorted(weights.items(), key=lambda item: (-item[1], -len(item[0])))
    return tuple(Term(text, weight) for text, weight in ordered)


# --- passages --------------------------------------------------------------


def _needles(terms: str | Iterable[str] | Iterable[Term]) -> list[str]:
    if isinstance(terms, str):
        terms = [terms]
    texts = [t.text if isinstance(t, Term) else normalise(t) for t in terms]
    return [t for t in texts if t]


def _opening(text: str) -> SafeString:
    clipped = text[: 2 * SNIPPET_RADIUS]
    return mark_safe(escape(clipped) + ("…" if len(text) > len(clipped) else ""))


def highlight(text: str, terms: str | Iterable[str] | Iterable[Term]) -> SafeString:
    """A passage of ``text`` around the first match of the first term found,
    with every match of every term in it marked; the opening if none is found.

    Matching is on the folded text; the marks are put back on the original
    characters, so "罚 息" marks 罚息 and a full-width query marks the text.
    """
    folded, origin = fold(text)
    needles = _needles(terms)
    first = next(((folded.find(n), n) for n in needles if n in folded), None)
    if first is None:
        return _opening(text)
    at, needle = first
    start = max(0, origin[at] - SNIPPET_RADIUS)
    end = min(len(text), origin[at + len(needle) - 1] + 1 + SNIPPET_RADIUS)
    spans = []
    for needle in needles:
        found = folded.find(needle)
        while found >= 0:
            span = (origin[found], origin[found + len(needle) - 1] + 1)
            if span[0] >= start and span[1] <= end:
                spans.append(span)
            found = folded.find(needle, found + 1)
    merged: list[list[int]] = []
    for left, right in sorted(spans):  # overlapping matches make one mark
        if merged and left <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], right)
        else:
            merged.append([left, right])
    pieces, cursor = ["…" if start > 0 else ""], start
    for left, right in merged:
        pieces += [escape(text[cursor:left]), f"<mark>{escape(text[left:right])}</mark>"]
        cursor = right
    pieces += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(pieces))


def passage(text: str, terms: str | Iterable[str] | Iterable[Term]) -> SafeString:
    """``text`` around a match with the matches marked, or its opening."""
    return highlight(text, terms)


# --- ranking ---------------------------------------------------------------


@dataclass(frozen=True)
class _Folded:
    title: str
    summary: str
    intro: str
    headings: tuple[str, ...]
    texts: tuple[str, ...]

    @property
    def everything(self) -> str:
        # A separator no folded text contains, so no match spans two fields.
        return "\n".join((self.title, self.summary, self.intro, *self.headings, *self.texts))


@cache
def _folded(article: Article) -> _Folded:
    return _Folded(
        title=normalise(article.title),
        summary=normalise(article.summary),
        intro=normalise(article.intro),
        headings=tuple(normalise(s.heading) for s in article.sections),
        texts=tuple(normalise(s.text) for s in article.sections),
    )


def _found(terms: tuple[Term, ...], field: str) -> dict[str, int]:
    """The terms found in ``field``, each with what it earns there.

    A term inside a longer term found in the same place earns nothing: "欠好几家"
    in a heading counts once, not again as 好几家 and 几家. The whole query,
    found as typed, earns what all the terms inside it would have.
    """
    found = [t for t in terms if t.text in field]
    earned = {}
    for term in found:
        if any(term is not other and term.text in other.text for other in found):
            continue
        earned[term.text] = term.weight
        if term.weight == WEIGHT_QUERY:
            earned[term.text] = sum(t.weight for t in terms if t.text in term.text)
    return earned


def _article_hits(
    article: Article, terms: tuple[Term, ...]
) -> tuple[int, list[partial[SearchHit]]]:
    """The article's score and its hits, best first, each made (with its
    marked passage) only when called: most are never shown.

    A term scores once per article, where it is found best (title, heading,
    summary, body), times its weight; a section scores what is found in it.
    """
    folded = _folded(article)
    in_title = _found(terms, folded.title)
    in_summary = _found(terms, folded.summary) | _found(terms, folded.intro)
    sections = [(_found(terms, heading), _found(terms, text))
                for heading, text in zip(folded.headings, folded.texts, strict=True)]
    score = page_score = 0
    for term in terms:
        page = max(in_title.get(term.text, 0) * FIELD_WEIGHT[RANK_TITLE],
                   in_summary.get(term.text, 0) * FIELD_WEIGHT[RANK_SUMMARY])
        best = max([page] + [
            max(heading.get(term.text, 0) * FIELD_WEIGHT[RANK_HEADING],
                text.get(term.text, 0) * FIELD_WEIGHT[RANK_TEXT])
            for heading, text in sections
        ])
        page_score += page
        score += best
    hits: list[partial[SearchHit]] = []
    if page_score:
        in_intro = not _found(terms, folded.summary) and bool(_found(terms, folded.intro))
        shown = article.intro if in_intro else article.summary
        rank = RANK_TITLE if in_title else RANK_SUMMARY
        hits.append(partial(_hit, article, terms, rank, page_score, shown))
    section_scores = [
        sum(heading.values()) * FIELD_WEIGHT[RANK_HEADING]
        + sum(v for t, v in text.items() if t not in heading) * FIELD_WEIGHT[RANK_TEXT]
        for heading, text in sections
    ]
    ranked = sorted((i for i, s in enumerate(section_scores) if s), key=lambda i: -section_scores[i])
    for i in ranked[:MAX_SECTIONS_PER_ARTICLE]:
        section = article.sections[i]
        rank = RANK_HEADING if sections[i][0] else RANK_TEXT
        hits.append(partial(_hit, article, terms, rank, section_scores[i], section.text,
                            section.anchor, section.heading))
    return score, hits


def _hit(article: Article, terms: tuple[Term, ...], rank: int, score: int, text: str,
         anchor: str = "", heading: str = "") -> SearchHit:
    return SearchHit(
        slug=article.slug,
        title=article.title,
        anchor=anchor,
        heading=passage(heading, terms) if heading else mark_safe(""),
        snippet=passage(text, terms),
        rank=rank,
        order=article.order,
        score=score,
    )


def search(query: str, language: str) -> list[SearchHit]:
    """Articles and sections matching ``query``, the best article first."""
    terms = query_terms(clean_query(query), language)
    if not terms:
        return []
    whole = terms[0].text  # the query as typed comes first (the heaviest term)
    phrase = len(whole) >= PHRASE_LENGTH
    scored = []
    for article in all_articles(language):
        score, hits = _article_hits(article, terms)
        if hits:
            verbatim = phrase and whole in _folded(article).everything
            score //= POINTER_PAGES.get(article.slug, 1)
            scored.append((not verbatim, -score, article.order, hits))
    scored.sort(key=lambda item: item[:3])
    makers = (make for *_, hits in scored for make in hits)
    return [make() for make in islice(makers, MAX_RESULTS)]
