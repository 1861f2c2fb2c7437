"""``{{ code|bcp47 }}``: the BCP 47 tag of a Django language code, for pages
rendered without the navigation context (the 400 and 500 pages)."""

from django import template

from core.navigation import bcp47 as _bcp47

register = template.Library()


@register.filter
def bcp47(code: str) -> str:
    return _bcp47(code or "")
