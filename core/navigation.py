"""Context every page needs: navigation, language switcher, html lang."""

from __future__ import annotations

from django.conf import settings
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

# BCP 47 tags for <html lang>: screen readers choose their voice by it.
HTML_LANG = {"zh-hans": "zh-Hans", "en": "en"}


def _other_language_url(path: str, current: str, code: str) -> str:
    """The same page in ``code``; for a path that does not resolve (a 404),
    the same path under the other language prefix."""
    url = translate_url(path, code)
    prefix = f"/{current}/"
    if url == path and code != current and path.startswith(prefix):
        return f"/{code}/{path[len(prefix):]}"
    return url


def site_navigation(request) -> dict:
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    language = get_language()
    path = request.get_full_path()
    return {
        "nav_items": [
            {"label": label, "url_name": url_name, "active": current in names}
            for label, url_name, names in NAVIGATION
        ],
        "html_lang": HTML_LANG.get(language, language),
        "language_links": [
            {
                "code": code,
                # Each language named in itself: 简体中文, English.
                "name": get_language_info(code)["name_local"],
                "url": _other_language_url(path, language, code),
                "current": code == language,
                "html_lang": HTML_LANG.get(code, code),
            }
            for code, _name in settings.LANGUAGES
        ],
    }
