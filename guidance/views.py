"""Guidance pages: the home page, the topic index, articles, search, privacy."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.timeline import general_timeline
from guidance import search as site_search
from guidance.content import all_articles, load_article
from guidance.page_cache import same_for_everyone


@require_safe
@same_for_everyone
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/home.html", {"articles": all_articles(get_language())})


@require_safe
@same_for_everyone
def guidance_index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/index.html", {"articles": all_articles(get_language())})


@require_safe
@same_for_everyone
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
@same_for_everyone
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/privacy.html")
