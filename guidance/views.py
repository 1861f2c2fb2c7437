"""Guidance pages: the home page, the topic index, articles, search, privacy."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition, require_safe

from config.page_memory import accepts_gzip, kept_in, page_key
from core.timeline import general_timeline
from guidance import search as site_search
from guidance.content import all_articles, load_article
from guidance.registry import get_topic


def _release_digest() -> str:
    """A digest of every template and the static manifest.

    Articles change only with a deploy, so an article's ETag is its rendered
    text's hash plus this: a repeat visit gets a 304 without rendering anything,
    and a new template or stylesheet changes every ETag.
    """
    digest = hashlib.sha256()
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += [Path(__file__).resolve().parent / "templates"]
    for root in roots:
        for file in sorted(root.rglob("*.html")):
            digest.update(file.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


_RELEASE = _release_digest()

# The guidance pages show no input and no per-visitor token and change only with
# a deploy, like the Markdown they are made of: each worker renders one once and
# answers it from memory after that (config/page_memory.py, the "pages" cache).
rendered_once = kept_in("pages", key=page_key)


def _article_etag(request: HttpRequest, slug: str) -> str | None:
    if get_topic(slug) is None:
        return None  # checked first: an unknown slug is never cached
    # The gzip form is another representation of the article: another ETag.
    return _etag(slug, get_language()) + ("-gzip" if accepts_gzip(request) else "")


@cache
def _etag(slug: str, language: str) -> str:
    article = load_article(slug, language)
    digest = hashlib.sha256(article.html.encode()).hexdigest()[:16]
    return f"{article.language}-{slug}-{digest}-{_RELEASE}"


@require_safe
@rendered_once
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/home.html", {"articles": all_articles(get_language())})


@require_safe
@rendered_once
def guidance_index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/index.html", {"articles": all_articles(get_language())})


@require_safe
@condition(etag_func=_article_etag)
@rendered_once
def article(request: HttpRequest, slug: str) -> HttpResponse:
    found = load_article(slug, get_language())
    if found is None:
        raise Http404("No such topic")
    articles = all_articles(get_language())
    position = [a.slug for a in articles].index(found.slug)
    return render(
        request,
        "guidance/article.html",
        {
            "article": found,
            "previous": articles[position - 1] if position > 0 else None,
            "next": articles[position + 1] if position + 1 < len(articles) else None,
            "timeline_events": general_timeline() if found.feature == "timeline" else [],
        },
    )


# Offered when a search finds nothing: questions borrowers ask most, in their
# own words, each of which finds its topic (guidance/tests/test_search.py).
SEARCH_SUGGESTIONS = [
    _("I can't pay, what now?"),
    _("how penalty interest is calculated"),
    _("how long the credit record lasts"),
    _("collectors calling my family"),
    _("can I go to prison"),
]


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = site_search.clean_query(request.GET.get("q", ""))
    hits = site_search.search(query, get_language()) if query else []
    return render(
        request,
        "guidance/search.html",
        {
            "query": query,
            "hits": hits,
            "articles": all_articles(get_language()),
            "suggestions": SEARCH_SUGGESTIONS,
        },
    )


@require_safe
@rendered_once
def privacy(request: HttpRequest) -> HttpResponse:
    # The page says how long calculator pages are kept: whatever the settings say.
    return render(
        request, "guidance/privacy.html", {"result_cache_seconds": settings.RESULT_CACHE_SECONDS}
    )
