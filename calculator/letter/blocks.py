"""A document as pages of blocks: one source for the HTML page, the PDF and the DOCX.

Every block carries a ``kind``, and each of the three renderers
(``templates/letter/_letter_document.html``, ``documents.render_pdf``,
``documents.render_docx``) chooses how to draw a block by its kind alone:

- paragraphs: ``title`` (the document title), ``salutation`` (致…：), ``body``
  (indented two characters in Chinese), ``heading``, ``note`` (smaller),
  ``closing`` (此致, indented like the body) and ``salute`` (敬礼！, flush left);
- ``table`` (rows never split; the last row stays with the total);
- lists: ``numbered``, ``bullets``, ``checklist`` (a box to tick by hand);
- ``signature``: lines to sign and date, at the right.

A page's ``kind`` says who it is for: ``letter`` and ``attachment`` go to the
lender; ``keep`` is the borrower's own (printed last, marked not for sending).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PARAGRAPH_KINDS = frozenset({"title", "salutation", "body", "heading", "note", "closing", "salute"})
LIST_KINDS = frozenset({"numbered", "bullets", "checklist"})
PAGE_KINDS = frozenset({"letter", "attachment", "keep"})


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "body"

    def __post_init__(self) -> None:
        if self.kind not in PARAGRAPH_KINDS:
            raise ValueError(f"not a paragraph kind: {self.kind!r}")


@dataclass(frozen=True)
class Table:
    """Rows that never split across pages; ``total`` is a last bold row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    # Column alignment, one of "left"/"right" per column (a missing one is left).
    align: tuple[str, ...] = ()
    # Relative column widths (e.g. (1, 2, 1)) for a table of blank cells to fill by
    # hand; empty: the PDF sizes each column by its widest text.
    widths: tuple[int, ...] = ()
    kind: str = "table"


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    kind: str = "numbered"

    def __post_init__(self) -> None:
        if self.kind not in LIST_KINDS:
            raise ValueError(f"not a list kind: {self.kind!r}")


@dataclass(frozen=True)
class SignatureLines:
    """Lines to sign and date by hand: (label, value or "" for a blank line)."""

    lines: tuple[tuple[str, str], ...]
    kind: str = "signature"


Block = Paragraph | Table | ItemList | SignatureLines


@dataclass(frozen=True)
class Page:
    """A page of the document; every page after the first starts on a new sheet."""

    title: str
    blocks: tuple[Block, ...]
    kind: str = "letter"

    def __post_init__(self) -> None:
        if self.kind not in PAGE_KINDS:
            raise ValueError(f"not a page kind: {self.kind!r}")


@dataclass(frozen=True)
class LetterDocument:
    language: str  # "zh-hans" or "en"
    title: str
    pages: tuple[Page, ...]
    # A download name without extension, e.g. "协商还款申请书-2026-05-20".
    filename: str
    metadata: dict[str, str] = field(default_factory=dict)
