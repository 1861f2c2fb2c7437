"""Context every page needs: navigation, language switcher, html lang, hreflang."""

from __future__ import annotations

from functools import cached_property, lru_cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info, override
from django.utils.translation import gettext_lazy as _

from core.markup import esc

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


@lru_cache(maxsize=64)
def _reversed(name: str, language: str, script_prefix: str) -> str:
    return reverse(name)


def fixed_url(name: str) -> str:
    """``reverse(name)`` for a URL without arguments, worked out once per URL name,
    language and script prefix in each process (it is the same for every visitor)."""
    return _reversed(name, get_language(), get_script_prefix())


@lru_cache(maxsize=32)
def _frame(language: str, script_prefix: str) -> dict:
    """What the frame shows that depends only on the language and on where the
    site is mounted (the script prefix, "/" unless the server sets SCRIPT_NAME):
    the menu's links reversed and its labels translated, the languages named in
    themselves. Worked out once per process for each, as the same for every
    visitor: nothing of a request is in it. Called with ``language`` active."""
    return {
        "nav": tuple(
            {"label": str(label), "url": fixed_url(url_name), "names": names}
            for label, url_name, names in NAVIGATION
        ),
        "languages": tuple(
            # Each language named in itself: 简体中文, 繁體中文, English.
            {"code": code, "name": get_language_info(code)["name_local"], "html_lang": bcp47(code)}
            for code, _name in settings.LANGUAGES
        ),
        "html_lang": bcp47(language),
    }


def _same_page_in(code: str, match, path: str, current: str) -> str:
    """``path`` (the page's full path) in language ``code``: what
    ``translate_url(path, code)`` gives, reversing the view already resolved for
    this request rather than resolving the path again. For a path that does not
    resolve (a 404), the same path under the other language prefix."""
    if match is None:
        url = translate_url(path, code)
        prefix = f"/{current}/"
        if url == path and code != current and path.startswith(prefix):
            return f"/{code}/{path[len(prefix):]}"
        return url
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    url = _reversed_in(code, name, tuple(match.args), tuple(sorted(match.kwargs.items())),
                       get_script_prefix())
    if url is None:
        return path
    query = path.partition("?")[2]
    return f"{url}?{query}" if query else url


@lru_cache(maxsize=512)
def _reversed_in(code: str, name: str, args: tuple, kwargs: tuple, script_prefix: str) -> str | None:
    """``reverse()`` in language ``code``, or None where there is no such URL. Kept
    per view, arguments (an article's slug) and language: the same for everyone,
    and never with the query string, which is added afterwards."""
    with override(code):
        try:
            return reverse(name, args=args, kwargs=dict(kwargs))
        except NoReverseMatch:
            return None


def _unprefixed(path: str, current: str) -> str:
    """The path without its language prefix: LocaleMiddleware redirects it to
    the visitor's language (Accept-Language, zh-hans when none matches)."""
    prefix = f"/{current}/"
    return "/" + path[len(prefix):] if path.startswith(prefix) else path


class SiteFrame:
    """The frame of a page (``base.html``): the menu, the language switcher,
    ``<html lang>`` and the hreflang alternates. Each part is worked out when the
    template first shows it, so a page rendered without the frame pays nothing."""

    def __init__(self, request) -> None:
        self._request = request
        self._language = get_language()

    @cached_property
    def _fixed(self) -> dict:
        return _frame(self._language, get_script_prefix())

    @cached_property
    def _path(self) -> str:
        return self._request.get_full_path()

    @property
    def html_lang(self) -> str:
        return self._fixed["html_lang"]

    @cached_property
    def nav_items(self) -> list[dict]:
        match = getattr(self._request, "resolver_match", None)
        current = match.view_name if match else ""
        return [{**item, "active": current in item["names"]} for item in self._fixed["nav"]]

    @cached_property
    def language_links(self) -> list[dict]:
        match = getattr(self._request, "resolver_match", None)
        return [
            {**fixed, "url": _same_page_in(fixed["code"], match, self._path, self._language),
             "current": fixed["code"] == self._language}
            for fixed in self._fixed["languages"]
        ]

    @cached_property
    def alternates(self) -> list[dict]:
        return _alternates(self._request, self.language_links, self._path, self._language)

    # The three lists as base.html shows them, written here rather than by three
    # template loops (a quarter of the frame's cost on every page).

    @property
    def alternates_html(self) -> SafeString:
        return SafeString("".join(
            f'\n  <link rel="alternate" hreflang="{esc(link["hreflang"])}" href="{esc(link["href"])}">'
            for link in self.alternates))

    @property
    def languages_html(self) -> SafeString:
        items = []
        for link in self.language_links:
            lang, name = esc(link["html_lang"]), esc(link["name"])
            if link["current"]:
                items.append(f'<li><span aria-current="true" lang="{lang}">{name}</span></li>')
            else:
                items.append(f'<li><a href="{esc(link["url"])}" hreflang="{lang}" lang="{lang}">{name}</a></li>')
        return SafeString("\n          ".join(items))

    @property
    def nav_html(self) -> SafeString:
        current = ' aria-current="page"'
        return SafeString("\n        ".join(
            f'<li><a href="{esc(item["url"])}"{current if item["active"] else ""}>{esc(item["label"])}</a></li>'
            for item in self.nav_items))


def site_navigation(request) -> dict:
    return {"frame": SiteFrame(request)}


def _alternates(request, language_links: list[dict], path: str, language: str) -> list[dict]:
    """hreflang alternates: absolute URLs (search engines require them), one per
    language, the page itself included, and x-default: the address without a
    prefix, which sends each visitor to their own language."""
    try:
        # What build_absolute_uri puts before a path; the paths are already URIs
        # (get_full_path and reverse encode them), so they are not encoded again.
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return []  # the 400 page for a Host that is not ours links nowhere
    alternates = [{"hreflang": link["html_lang"], "href": origin + link["url"]} for link in language_links]
    return [*alternates, {"hreflang": "x-default", "href": origin + _unprefixed(path, language)}]
