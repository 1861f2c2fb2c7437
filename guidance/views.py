"""Guidance pages: the home page, the topic index, articles, search, privacy."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition, require_safe

from guidance import search as site_search
from guidance.content import all_articles, load_article
from guidance.registry import get_topic
from guidance.timeline import general_timeline


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

# Rendered pages, by language and full path (the language links keep the query).
# Bounded, so odd query strings cannot fill a worker's memory: 128 pages of
# 5-40 KB each.
PAGE_CACHE_SIZE = 128
_pages: OrderedDict[tuple[str, str], tuple[bytes, str]] = OrderedDict()


def rendered_once(view):
    """Serve a page that is the same for every visitor from memory after its first render.

    For the guidance pages: they show no input and no per-visitor token, and
    change only with a deploy (a new process), like the Markdown they are made
    of. Only 200 responses are kept; with DEBUG on nothing is, so edited
    templates show at once.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if settings.DEBUG:
            return view(request, *args, **kwargs)
        key = (get_language(), request.get_full_path())
        page = _pages.get(key)
        if page is not None:
            _pages.move_to_end(key)
            content, content_type = page
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        # A page that used the CSRF token is per visitor: never kept.
        if response.status_code == 200 and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            _pages[key] = (response.content, response["Content-Type"])
            while len(_pages) > PAGE_CACHE_SIZE:
                _pages.popitem(last=False)
        return response

    return wrapper


def _article_etag(request: HttpRequest, slug: str) -> str | None:
    if get_topic(slug) is None:
        return None  # checked first: an unknown slug is never cached
    return _etag(slug, get_language())


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


# Offered when a search finds nothing: words every article set contains.
SEARCH_SUGGESTIONS = [_("penalty interest"), _("credit report"), _("grace period"), _("negotiate")]


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
    return render(request, "guidance/privacy.html")
