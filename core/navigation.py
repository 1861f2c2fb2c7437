"""Context every page needs: navigation, language switcher, html lang, hreflang."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# (label, URL name, the view names that make the item current)
NAVIGATION = (
    (_("Guidance"), "guidance:index", {"guidance:index", "guidance:article"}),
    (_("Arrears calculator"), "calculator:loan", {"calculator:loan", "calculator:arrears"}),
    (_("Repayment plan"), "calculator:plan", {
        "calculator:plan", "calculator:letter", "calculator:offer", "calculator:contact_log"}),
    (_("Search"), "guidance:search", {"guidance:search"}),
)


def bcp47(code: str) -> str:
    """The BCP 47 tag for a Django language code: zh-hans → zh-Hans, zh-hant → zh-Hant.

    For <html lang> (screen readers choose their voice by it, browsers their
    font) and hreflang: a four-letter subtag is a script (title case), a
    two-letter one after the first a region (upper case).
    """
    first, *rest = code.split("-")
    tags = [first.lower()]
    for tag in rest:
        tags.append(tag.title() if len(tag) == 4 else tag.upper() if len(tag) == 2 else tag)
    return "-".join(tags)


def _other_language_url(path: str, current: str, code: str) -> str:
    """The same page in ``code``; for a path that does not resolve (a 404),
    the same path under the other language prefix."""
    url = translate_url(path, code)
    prefix = f"/{current}/"
    if url == path and code != current and path.startswith(prefix):
        return f"/{code}/{path[len(prefix):]}"
    return url


def _unprefixed(path: str, current: str) -> str:
    """The path without its language prefix: LocaleMiddleware redirects it to
    the visitor's language (Accept-Language, zh-hans when none matches)."""
    prefix = f"/{current}/"
    return "/" + path[len(prefix):] if path.startswith(prefix) else path


def site_navigation(request) -> dict:
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    language = get_language()
    path = request.get_full_path()
    language_links = [
        {
            "code": code,
            # Each language named in itself: 简体中文, 繁體中文, English.
            "name": get_language_info(code)["name_local"],
            "url": _other_language_url(path, language, code),
            "current": code == language,
            "html_lang": bcp47(code),
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "nav_items": [
            {"label": label, "url_name": url_name, "active": current in names}
            for label, url_name, names in NAVIGATION
        ],
        "html_lang": bcp47(language),
        "language_links": language_links,
        "alternates": _alternates(request, language_links, path, language),
    }


def _alternates(request, language_links: list[dict], path: str, language: str) -> list[dict]:
    """hreflang alternates: absolute URLs (search engines require them), one per
    language, the page itself included, and x-default: the address without a
    prefix, which sends each visitor to their own language."""
    try:
        request.get_host()
    except DisallowedHost:
        return []  # the 400 page for a Host that is not ours links nowhere
    alternates = [
        {"hreflang": link["html_lang"], "href": request.build_absolute_uri(link["url"])}
        for link in language_links
    ]
    unprefixed = request.build_absolute_uri(_unprefixed(path, language))
    return [*alternates, {"hreflang": "x-default", "href": unprefixed}]
