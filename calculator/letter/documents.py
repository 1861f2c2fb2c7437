"""The letter as downloads: PDF (WeasyPrint) and DOCX (python-docx).

Both renderers walk the same ``letter.LetterDocument`` block by block, so the
words are the builder's and the layout rules are written once here:

- every page after the first starts on a new sheet;
- every page is numbered at its foot, "第 1 页 / 共 2 页";
- a ``Page.title`` is printed as the page's heading only when the page has no
  ``Paragraph(kind="title")`` of its own (so a title is never printed twice);
- table rows never split across pages and the header row repeats;
- what the user typed is plain text: the template auto-escapes it, python-docx
  escapes XML, and characters XML cannot hold are stripped first.

Privacy (product.md, "nothing kept"): the letter is rendered in memory and
returned as bytes. Nothing personal goes into file metadata (no author) or to
disk, and nothing at all is written to disk: the font is read where it lies.
"""

from __future__ import annotations

import mimetypes
import os
import re
import threading
import unicodedata
from dataclasses import replace
from functools import cache, wraps
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import docx
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from weasyprint import HTML
from weasyprint.text.ffi import ffi, fontconfig, pangoft2
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from calculator.letter.blocks import (
    LIST_KINDS,
    PARAGRAPH_KINDS,
    Block,
    ItemList,
    LetterDocument,
    Page,
    Paragraph,
    SignatureLines,
    Table,
)
from core.limits import Busy, RenderSlots, run_politely

PDF_TEMPLATE = "letter/letter_pdf.html"
FONT_FILE = "NotoSansSC-Regular-subset.ttf"
FONT_FAMILY = "Noto Sans SC Subset"  # the family name inside FONT_FILE, as the template names it
CHECKBOX = "□ "  # U+25A1 is in GB 2312, so in the PDF font and in 宋体
# DOCX fonts: 宋体 is on every Chinese Windows and WPS (Word maps it to SimSun);
# Times New Roman for Latin letters and digits, the usual pairing in Chinese letters.
DOCX_EAST_ASIAN_FONT = "宋体"
DOCX_LATIN_FONT = "Times New Roman"
SIGNATURE_BLANK = "_" * 16
FALLBACK_STEM = "letter"

# XML 1.0 cannot hold C0 controls other than tab/LF/CR, surrogates, U+FFFE/U+FFFF;
# DEL and C1 controls are legal but print as boxes. CR is normalised to LF first.
_ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


# --- shared ------------------------------------------------------------------


def clean_text(text: str) -> str:
    """``text`` with CRLF/CR as LF and characters XML cannot hold removed."""
    return _ILLEGAL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _clean_all(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(clean_text(text) for text in texts)


def _clean_block(block: Block) -> Block:
    if isinstance(block, Paragraph):
        return replace(block, text=clean_text(block.text))
    if isinstance(block, Table):
        return replace(
            block,
            headers=_clean_all(block.headers),
            rows=tuple(_clean_all(row) for row in block.rows),
            total=None if block.total is None else _clean_all(block.total),
        )
    if isinstance(block, ItemList):
        return replace(block, items=_clean_all(block.items))
    if isinstance(block, SignatureLines):
        return replace(block, lines=tuple(_clean_all(line) for line in block.lines))
    raise TypeError(f"not a letter block: {block!r}")


def _clean_document(document: LetterDocument) -> LetterDocument:
    return replace(
        document,
        title=clean_text(document.title),
        filename=clean_text(document.filename),
        pages=tuple(
            Page(
                title=clean_text(page.title),
                blocks=tuple(_clean_block(block) for block in page.blocks),
            )
            for page in document.pages
        ),
    )


def _page_heading(page: Page) -> str | None:
    """The page title to print, unless the page carries its own title paragraph."""
    if any(block.kind == "title" for block in page.blocks):
        return None
    return page.title or None


def _alignments(table: Table) -> tuple[str, ...]:
    """One of "left"/"right" per column; a missing entry is "left"."""
    columns = max(len(table.headers), *(len(row) for row in table.rows), 0)
    return tuple(
        table.align[index] if index < len(table.align) else "left" for index in range(columns)
    )


def _language_tag(language: str) -> str:
    """BCP 47 tag for ``lang`` and metadata: "zh-hans" → "zh-Hans"."""
    return translation.to_locale(language).replace("_", "-")


def _is_chinese(language: str) -> bool:
    return language.lower().startswith("zh")


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment_response(document: LetterDocument, kind: str) -> HttpResponse:
    """``document`` as a PDF (``kind`` "pdf") or DOCX download, named for every file system."""
    if kind == "pdf":
        response = HttpResponse(render_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(render_docx(document), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=letter_filename(document, kind)
    )
    return response


def letter_filename(document: LetterDocument, extension: str) -> str:
    """The download name: the builder's name made safe for every file system."""
    stem = _UNSAFE_IN_FILENAME.sub("-", clean_text(document.filename)).strip(" .-")
    return f"{stem[:120] or FALLBACK_STEM}.{extension.lstrip('.')}"


# --- PDF -----------------------------------------------------------------------


@cache
def fonts_dir() -> Path:
    return (Path(settings.BASE_DIR) / "static" / "fonts").resolve()


class FontsOnlyFetcher(URLFetcher):
    """Gives WeasyPrint the files in static/fonts and refuses every other URL.

    The letter needs nothing else, so no network access and no other file can
    ever be read, whatever ends up in the HTML.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file",))
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError("only local font files may be loaded")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ValueError("only files in static/fonts may be loaded")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


class LetterFonts(FontConfiguration):
    """WeasyPrint's font configuration with the letter's font registered where it lies.

    For an ``@font-face`` rule WeasyPrint copies the font (2 MB) into a folder
    made with ``mkdtemp`` and deletes it only in ``__del__``. Each thread keeps
    one configuration for the worker's life (a new one per letter costs about
    15 ms), so the copy stayed as long as the worker, and a worker killed by
    gunicorn's timeout (SIGKILL) never ran ``__del__``: every killed worker left
    its copy behind. Without a writable temporary folder no PDF rendered at all.

    Here Fontconfig is given the file in static/fonts itself, and the
    template's ``@font-face`` for that family is not copied: nothing is written,
    so nothing can be left behind.
    """

    def __init__(self, font: Path) -> None:
        super().__init__()
        if not fontconfig.FcConfigAppFontAddFile(self._config, os.fsencode(font)):
            raise RuntimeError(f"Fontconfig could not load {font}")
        pangoft2.pango_fc_font_map_config_changed(ffi.cast("PangoFcFontMap *", self.font_map))

    def add_font_face(self, rule_descriptors, url_fetcher):
        if rule_descriptors.get("font_family") == FONT_FAMILY:
            return None  # registered in __init__, from its own file
        return super().add_font_face(rule_descriptors, url_fetcher)


_local = threading.local()


def _font_config() -> LetterFonts:
    # One per thread (Pango font maps are not shared across threads).
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = LetterFonts(fonts_dir() / FONT_FILE)
    return config


@cache
def _fetcher() -> FontsOnlyFetcher:
    return FontsOnlyFetcher(fonts_dir())


def _css_string(text: str) -> SafeString:
    """A quoted CSS string that cannot end the string or the <style> element."""
    escaped = "".join(
        # The space ends the escape: CSS consumes one whitespace after a hex escape.
        char if char.isalnum() or char == " " or ord(char) > 0x7F else f"\\{ord(char):06x} "
        for char in text
        if char.isprintable()
    )
    return mark_safe(f'"{escaped}"')  # every ASCII symbol is escaped above


# The page footer's placeholders: the CSS counter and the Word field for each.
_FOOTER_PLACEHOLDERS = {
    "%(page)s": ("counter(page)", "PAGE"),
    "%(pages)s": ("counter(pages)", "NUMPAGES"),
}


def _footer_pieces(language: str) -> list[str]:
    """"第 1 页 / 共 2 页", "Page 1 of 2" as words and placeholders, in order."""
    with translation.override(language):
        words = gettext("Page %(page)s of %(pages)s")
    return [piece for piece in re.split(r"(%\(pages?\)s)", words) if piece]


def _footer_content(language: str) -> SafeString:
    """The CSS ``content`` value of the PDF's page footer."""
    parts = [
        _FOOTER_PLACEHOLDERS[piece][0] if piece in _FOOTER_PLACEHOLDERS
        else _css_string(piece.replace("%%", "%"))
        for piece in _footer_pieces(language)
    ]
    return mark_safe(" ".join(parts))  # counters and escaped strings only


def _cells(texts: tuple[str, ...], alignments: tuple[str, ...]) -> list[tuple[str, str]]:
    return list(zip(texts, alignments[: len(texts)], strict=True))


def _text_width(text: str) -> int:
    # In half-widths: a hanzi or full-width form is two, as in a monospaced layout.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _column_widths(table: Table, columns: int) -> list[str]:
    """Percent widths for ``table-layout: fixed``: the table's own relative
    ``widths`` when it gives them, else from each column's widest text.

    Fixed layout is a fifth of the render time cheaper than automatic layout
    (which measures every cell twice), and a long word can never widen the
    table past the page.
    """
    if table.widths:
        weights = [table.widths[index] if index < len(table.widths) else 1 for index in range(columns)]
        return [f"{100 * weight / sum(weights):.1f}%" for weight in weights]
    widths = [4] * columns
    for row in (block for block in (table.headers, *table.rows, table.total or ()) if block):
        for index, text in enumerate(row):
            longest = max((_text_width(line) for line in text.split("\n")), default=0)
            widths[index] = max(widths[index], longest + 2)
    total = sum(widths)
    return [f"{100 * width / total:.1f}%" for width in widths]


# A table this short never splits; a longer one keeps its last rows with the total,
# so no page ever holds one row and the total alone.
UNSPLIT_ROWS = 12
KEPT_WITH_TOTAL = 3


def _pdf_block(block: Block) -> dict:
    if block.kind in PARAGRAPH_KINDS:
        return {"kind": block.kind, "text": block.text}
    if block.kind == "table":
        alignments = _alignments(block)
        rows = [_cells(row, alignments) for row in block.rows]
        split = 0 if len(rows) <= UNSPLIT_ROWS else len(rows) - KEPT_WITH_TOTAL
        return {
            "kind": "table",
            "whole": split == 0,
            "widths": _column_widths(block, len(alignments)),
            "headers": _cells(block.headers, alignments),
            "rows": rows[:split],
            "last_rows": rows[split:],
            "total": _cells(block.total, alignments) if block.total else None,
        }
    if block.kind in LIST_KINDS:
        return {"kind": block.kind, "items": block.items}
    return {"kind": "signature", "lines": block.lines}


def _pdf_page(page: Page) -> dict:
    return {"heading": _page_heading(page), "blocks": [_pdf_block(b) for b in page.blocks]}


def render_pdf_html(document: LetterDocument) -> str:
    """The HTML that ``render_pdf`` gives WeasyPrint (auto-escaped user text)."""
    document = _clean_document(document)
    with translation.override(document.language):
        return render_to_string(
            PDF_TEMPLATE,
            {
                "lang": _language_tag(document.language),
                "title": document.title,
                "subject": clean_text(document.metadata.get("subject", "")),
                "keywords": clean_text(document.metadata.get("keywords", "")),
                "font_url": _css_string((fonts_dir() / FONT_FILE).as_uri()),
                "footer": _footer_content(document.language),
                "pages": [_pdf_page(page) for page in document.pages],
            },
        )


# Made at import, in gunicorn's master (preload_app), so every worker shares them.
PDF_SLOTS = RenderSlots(settings.PDF_RENDERS_AT_ONCE, name="pdf-letters")


def refuse_pdf_when_busy(view):
    """A POST asking for a PDF (``format=pdf``) while every PDF slot and queue place
    is taken is refused with ``Busy`` before the plan and the letter are worked out:
    4.7 ms of CPU a refusal otherwise, spent on a letter nobody gets."""

    @wraps(view)
    def refusing(request, *args, **kwargs):
        if request.method == "POST" and request.POST.get("format") == "pdf" and PDF_SLOTS.full():
            raise Busy(PDF_SLOTS.retry_after)
        return view(request, *args, **kwargs)

    return refusing


def render_pdf(document: LetterDocument) -> bytes:
    """The letter as an A4 PDF with the Chinese font embedded (only the glyphs used).

    Raises ``core.limits.Busy`` (a 503) when every PDF slot is taken.
    """
    with PDF_SLOTS.slot():
        source = render_pdf_html(document)  # Django's part, on the request's thread
        # WeasyPrint's layout, the ~0.1 s of CPU, yields the CPU to the other pages.
        return run_politely(lambda: HTML(
            string=source, base_url=fonts_dir().as_uri() + "/", url_fetcher=_fetcher(),
        ).write_pdf(font_config=_font_config()))


# --- DOCX ----------------------------------------------------------------------

# Sizes in points, the usual Chinese 字号: 小二 18, 四号 14, 小四 12, 五号 10.5, 小五 9.
_DOCX_BODY_SIZE = 12


def _set_fonts(rpr, *, size: float | None = None) -> None:
    """Explicit Latin and East Asian fonts on a w:rPr (theme fonts removed)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attribute), DOCX_LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), DOCX_EAST_ASIAN_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _add_style(styles, name: str, *, size: float = _DOCX_BODY_SIZE, bold: bool = False):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    return style


def _docx_styles(doc, *, chinese: bool) -> dict[str, str]:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults)
    normal = styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(_DOCX_BODY_SIZE)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.3

    title = _add_style(styles, "Letter Title", size=18, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(14)
    heading = _add_style(styles, "Letter Heading", size=14, bold=True)
    heading.paragraph_format.space_before = Pt(10)
    heading.paragraph_format.keep_with_next = True
    body = _add_style(styles, "Letter Body")
    # Chinese letters indent each paragraph by two characters (首行缩进两字).
    body.paragraph_format.first_line_indent = Pt(2 * _DOCX_BODY_SIZE if chinese else 0)
    note = _add_style(styles, "Letter Note", size=9)
    # 此致 indented like the body, 敬礼！ flush left on the next line (a Chinese letter's close).
    closing = _add_style(styles, "Letter Closing")
    closing.paragraph_format.first_line_indent = Pt(2 * _DOCX_BODY_SIZE if chinese else 0)
    closing.paragraph_format.space_before = Pt(8)
    closing.paragraph_format.keep_with_next = True
    salute = _add_style(styles, "Letter Salute")
    salute.paragraph_format.keep_with_next = True
    items = _add_style(styles, "Letter List")
    items.paragraph_format.left_indent = Pt(2 * _DOCX_BODY_SIZE)
    cell = _add_style(styles, "Letter Table Text", size=10.5)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    signature = _add_style(styles, "Letter Signature")
    signature.paragraph_format.left_indent = Mm(75)
    signature.paragraph_format.space_before = Pt(10)
    styles_by_key = {
        "title": title,
        "heading": heading,
        "body": body,
        "note": note,
        "closing": closing,
        "salute": salute,
        "salutation": normal,
        "list": items,
        "cell": cell,
        "signature": signature,
        "table": styles["Table Grid"],
    }
    return {key: style.style_id for key, style in styles_by_key.items()}


def _docx_footer(section, language: str, style_id: str) -> None:
    """Page numbers at the foot of every page, as in the PDF: Word fields that
    Word, WPS and LibreOffice fill in ("第 1 页 / 共 2 页")."""
    paragraph = section.footer.paragraphs[0]
    paragraph._p.style = style_id
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in _footer_pieces(language):
        if piece in _FOOTER_PLACEHOLDERS:
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), _FOOTER_PLACEHOLDERS[piece][1])
            shown = OxmlElement("w:r")  # what a reader shows before it updates the field
            text = OxmlElement("w:t")
            text.text = "1"
            shown.append(text)
            field.append(shown)
            paragraph._p.append(field)
        else:
            paragraph.add_run(piece.replace("%%", "%"))


@cache
def _docx_template(language: str) -> tuple[bytes, dict[str, str]]:
    """A blank A4 document with the letter's styles and page footer, and the
    style ids by kind.

    Built once per process and language: adding styles to python-docx's default
    template is a third of a letter's render time.
    """
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    style_ids = _docx_styles(doc, chinese=_is_chinese(language))
    _docx_footer(section, language, style_ids["note"])
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue(), style_ids


def _row_properties(row, *, header: bool) -> None:
    # w:trPr children are ordered: cantSplit comes before tblHeader.
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


class _DocxWriter:
    # Styles are set by id: python-docx's lookup by style object or name scans
    # every style of the document each time (most of the render time).
    def __init__(self, doc, style_ids: dict[str, str]) -> None:
        self.doc = doc
        self.style_ids = style_ids
        self.break_pending = False

    def _paragraph(self, style_key: str, text: str = ""):
        paragraph = self.doc.add_paragraph(text)
        paragraph._p.style = self.style_ids[style_key]
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False
        return paragraph

    def block(self, block: Block) -> None:
        if block.kind in PARAGRAPH_KINDS:
            self._paragraph(block.kind if block.kind in self.style_ids else "body", block.text)
        elif block.kind == "table":
            self.table(block)
        elif block.kind in LIST_KINDS:
            # A checklist is ticked by hand, so its items are boxes, not numbers.
            for number, item in enumerate(block.items, start=1):
                prefix = {"checklist": CHECKBOX, "numbered": f"{number}. "}.get(block.kind, "• ")
                self._paragraph("list", prefix + item)
        else:
            for label, value in block.lines:
                separator = "" if label.endswith((":", "：")) else " "
                paragraph = self._paragraph("signature", label + separator)
                run = paragraph.add_run(value or SIGNATURE_BLANK)
                if value:
                    run.underline = True

    def table(self, block: Table) -> None:
        if self.break_pending:
            self._paragraph("salutation")  # a table cannot carry the page break itself
        alignments = _alignments(block)
        rows = [(block.headers, True, True)]
        rows += [(row, False, False) for row in block.rows]
        if block.total:
            rows.append((block.total, False, True))
        table = self.doc.add_table(rows=len(rows), cols=len(alignments))
        table._tbl.tblStyle_val = self.style_ids["table"]
        cell_style = self.style_ids["cell"]
        # Keep-with-next on a row's paragraphs keeps it on the page of the next row: the
        # whole of a short table, the last rows of a long one, stay with the total.
        kept_from = 0 if len(block.rows) <= UNSPLIT_ROWS else len(block.rows) - KEPT_WITH_TOTAL + 1
        for index, (row, (texts, header, bold)) in enumerate(zip(table.rows, rows, strict=True)):
            _row_properties(row, header=header)
            keep = index >= kept_from and index < len(rows) - 1
            for cell, text, alignment in zip(row.cells, texts, alignments, strict=False):
                paragraph = cell.paragraphs[0]
                paragraph._p.style = cell_style
                if keep:
                    paragraph.paragraph_format.keep_with_next = True
                if alignment == "right":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(text)
                if bold:
                    run.bold = True
        # Space between a table and what follows, as in the PDF.
        self._paragraph("cell")


def render_docx(document: LetterDocument) -> bytes:
    """The letter as an editable A4 DOCX (Word and WPS), East Asian fonts set."""
    document = _clean_document(document)
    template, style_ids = _docx_template(document.language)
    doc = docx.Document(BytesIO(template))
    writer = _DocxWriter(doc, style_ids)
    for index, page in enumerate(document.pages):
        writer.break_pending = index > 0
        heading = _page_heading(page)
        if heading:
            writer.block(Paragraph(heading, kind="title"))
        for block in page.blocks:
            writer.block(block)

    properties = doc.core_properties
    properties.title = document.title
    # Nothing about the user in the metadata: the name stays in the letter only.
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.subject = clean_text(document.metadata.get("subject", ""))
    properties.keywords = clean_text(document.metadata.get("keywords", ""))
    properties.language = _language_tag(document.language)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
