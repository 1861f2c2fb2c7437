"""Small helpers shared by the browser tests."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader

_SPACE = re.compile(r"\s+")


def figure(page, name: str) -> str:
    """The ``data-value`` of the first visible ``data-figure=name`` on the page."""
    locator = page.locator(f'[data-figure="{name}"]').first
    assert locator.is_visible(), f"figure {name!r} is not visible on {page.url}"
    return locator.get_attribute("data-value")


def squash(text: str) -> str:
    """Text in NFKC without any whitespace, for comparing with PDF text.

    PDF extraction breaks lines anywhere, and fonts may map a CJK glyph to its
    Kangxi radical (⼩ U+2F29 for 小): NFKC folds those back.
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


# Chromium's PDF may map a CJK glyph to a CJK Radicals Supplement code point
# (⺠ U+2EA0 for 民) that NFKC does not fold; such a character may stand for any
# one ideograph in ``in_pdf``.
_RADICAL = "[\u2e80-\u2eff]"


def in_pdf(needle: str, text: str) -> bool:
    """Whether ``needle`` is in ``text`` (squashed PDF text), radicals allowed."""
    pattern = "".join(
        f"(?:{re.escape(char)}|{_RADICAL})" if "\u4e00" <= char <= "\u9fff" else re.escape(char)
        for char in squash(needle)
    )
    return re.search(pattern, text) is not None


def pdf_pages(data: bytes) -> list[str]:
    """The extracted text of each page of a PDF, in NFKC."""
    reader = PdfReader(io.BytesIO(data))
    return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages]

