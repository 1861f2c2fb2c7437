"""The contact log (联系记录表): its words once, for the page and for the PDF.

A sheet to fill in by hand, one row per call, message, letter or visit: when,
which channel, who (name or employee number), what was said, what was agreed,
what to send and by when. Debt advisers recommend keeping one (facts.md,
"Negotiation and restructuring"); it is also the record a complaint needs when a
collector breaks the rules.

``build_contact_log`` writes the words in the page's language (gettext);
the page's template shows that ``ContactLog``, and ``log_document`` turns it into
the letter's blocks, so the PDF comes from the letter's own renderer
(``calculator.letter.documents.render_pdf``). The lender's name and the debt are
the only things filled in, from the query string; nothing is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculator.formatting import format_yuan
from calculator.letter.blocks import LetterDocument, Page, Paragraph, Table

# Two A4 sheets of rows (6 on the first, 8 and the closing note on the second),
# each about 25 mm high, set by the five channel boxes: room to write by hand.
BLANK_ROWS = 14
BOX = "□"  # U+25A1, in GB 2312, so in the PDF's font (static/fonts/README.md)
BLANK_LINE = "_" * 24  # a value left to fill in by hand, on paper

CHANNELS = (_("App"), _("Phone"), _("SMS"), _("Letter"), _("Visit"))
# Relative column widths of the log: the notes get the room.
COLUMN_WIDTHS = (13, 13, 14, 22, 21, 17)
DETAIL_WIDTHS = (2, 5)


@dataclass(frozen=True)
class ContactLog:
    language: str  # "zh-hans" or "en"
    title: str
    details_heading: str
    details: tuple[tuple[str, str], ...]  # (label, value); "" is written in by hand
    advice: str
    headers: tuple[str, ...]
    channels: tuple[str, ...]
    rows: int  # blank rows
    warning: str
    filename: str  # a download name without extension


def build_contact_log(
    *, lender: str, owed: Decimal | None, language: str, made_on: date | None = None,
    rows: int = BLANK_ROWS,
) -> ContactLog:
    """The contact log in ``language``, prefilled with the lender's name and the debt.

    ``made_on`` only names the download: nothing dated is printed, each date is
    written in by hand.
    """
    with translation.override(language):
        stem = gettext("contact-log")
        return ContactLog(
            language=language,
            title=gettext("Contact log: every call and message about this debt"),
            details_heading=gettext("This debt"),
            details=(
                (gettext("Lender"), lender.strip()),
                (gettext("Amount owed"), format_yuan(owed) if owed is not None else ""),
                (gettext("Contract or loan number"), ""),
                (gettext("Lender's customer-service number"), ""),
            ),
            advice=gettext(
                "Write each contact down during it or straight after. Ask first for the "
                "person's name or employee number. An agreement counts only in writing: ask "
                "for it in the app, by text message or by letter, and keep it with this log."
            ),
            headers=(
                gettext("Date and time"),
                gettext("Channel"),
                gettext("Who (name or employee number)"),
                gettext("What was said"),
                gettext("What was agreed"),
                gettext("What to send, and by when"),
            ),
            channels=tuple(str(channel) for channel in CHANNELS),
            rows=rows,
            warning=gettext(
                "Note it here too if a collector calls between 22:00 and 08:00, calls your "
                "family or contacts, threatens or insults you, or claims to be a court or the "
                "police. Complain to the lender first, then to 12378 (banks and consumer-finance "
                "companies); call 110 for threats. Free legal advice: 12348."
            ),
            filename=f"{stem}-{made_on.isoformat()}" if made_on else stem,
        )


def channel_boxes(log: ContactLog) -> str:
    """A blank row's channel cell on paper: a box to tick before each channel, one a line."""
    return "\n".join(f"{BOX} {channel}" for channel in log.channels)


def log_document(log: ContactLog) -> LetterDocument:
    """The log as the letter's blocks, for ``documents.render_pdf``: one page of
    blocks (the table runs on to as many sheets as its rows need, its header
    repeated and no row split)."""
    blocks = (
        Paragraph(log.title, kind="title"),
        Table(
            headers=(log.details_heading, ""),
            rows=tuple((label, value or BLANK_LINE) for label, value in log.details),
            widths=DETAIL_WIDTHS,
        ),
        Paragraph(log.advice, kind="note"),
        Table(
            headers=log.headers,
            rows=tuple(("", channel_boxes(log), "", "", "", "") for _row in range(log.rows)),
            widths=COLUMN_WIDTHS,
        ),
        Paragraph(log.warning, kind="note"),
    )
    return LetterDocument(
        language=log.language,
        title=log.title,
        pages=(Page(title=log.title, blocks=blocks),),
        filename=log.filename,
        metadata={"title": log.title},
    )
