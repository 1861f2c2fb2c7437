"""A tiny HTML reader for tests: the start tags of a page, with their attributes."""

from __future__ import annotations

from html.parser import HTMLParser


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def start_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag in ``html`` as (tag name, attributes), in document order."""
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser.tags


def event_handler_attributes(html: str) -> list[tuple[str, str]]:
    """(tag, attribute) for every ``on*`` attribute, e.g. ("img", "onerror")."""
    return [
        (tag, name) for tag, attrs in start_tags(html) for name in attrs if name.startswith("on")
    ]
