"""The letter to the lender (协商还款申请书) as structured blocks.

One source of words for three renderers: the HTML page (and its print/PDF
form, ``documents.render_pdf``) and the DOCX (``documents.render_docx``) all walk
the same ``LetterDocument``. Every figure comes from the user's inputs and the
calculations; nothing is invented. The words go through gettext, so the same
builder gives the Chinese letter for the lender and an English rendering for a
helper (``build_letter(..., language="en")``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# --- the blocks every renderer understands ----------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    # "title" (the document title), "salutation", "body", "note" (smaller),
    # "closing" (right-aligned), "heading" (a section heading).
    kind: str = "body"


@dataclass(frozen=True)
class Table:
    """A table whose rows never split across pages; ``total`` is a last bold row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    # Column alignment, one of "left"/"right" per column.
    align: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    numbered: bool = True
    # Checklist items print with an empty box to tick by hand.
    checkboxes: bool = False


@dataclass(frozen=True)
class SignatureLines:
    """Lines to sign and date by hand: (label, value or "" for a blank line)."""

    lines: tuple[tuple[str, str], ...]


Block = Paragraph | Table | ItemList | SignatureLines


@dataclass(frozen=True)
class Page:
    """A page of the document; every page after the first starts on a new sheet."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class LetterDocument:
    language: str  # "zh-hans" or "en"
    title: str
    pages: tuple[Page, ...]
    # A download name without extension, e.g. "协商还款申请书-2026-05-20".
    filename: str
    metadata: dict[str, str] = field(default_factory=dict)


# --- what the user typed -------------------------------------------------------

HARDSHIP_KEYS = ("job_loss", "illness", "income_drop", "family", "other")


@dataclass(frozen=True)
class LetterDetails:
    full_name: str
    phone: str
    lender_name: str
    contract_number: str
    id_last4: str  # "" when not given; never more than four characters
    hardship: str  # one of HARDSHIP_KEYS
    hardship_detail: str
    ask_penalty_waiver: bool
    letter_date: date
