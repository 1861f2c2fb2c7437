"""The letter's PDF and DOCX downloads (documents.py), and their file names.

The letter is built by hand here from the blocks of blocks.py, so these tests
pin the renderers, whatever the builder writes.
"""

import io
import os
import re
import socket
import tempfile
import time
import uuid
from pathlib import Path

import docx
import pypdf
import pytest
import tinycss2
from django.conf import settings
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from weasyprint import HTML

from calculator.letter import documents
from calculator.letter.blocks import (
    ItemList,
    LetterDocument,
    Page,
    Paragraph,
    SignatureLines,
    Table,
)
from calculator.letter.documents import (
    FontsOnlyFetcher,
    clean_text,
    fonts_dir,
    letter_filename,
    render_docx,
    render_pdf,
    render_pdf_html,
)

MARKUP = "<script>alert(1)</script>&<b>"
CAPITALS = "人民币壹万零叁佰陆拾元柒角捌分"  # 10 360.78
PAYMENT_HEADERS = ("期数", "还款日期", "还款金额", "其中本金", "其中利息")
PAYMENT_ALIGN = ("left", "left", "right", "right", "right")


def make_letter(name: str = "张三", language: str = "zh-hans") -> LetterDocument:
    # 12 payments of ¥888.49 (the last ¥888.50) as a 12-month plan at 1 % a month
    # would give; the renderers only copy the strings.
    rows = tuple(
        (str(number), f"2026-{number:02d}-20", "¥888.49", "¥800.00", "¥88.49")
        for number in range(1, 12)
    ) + (("12", "2026-12-20", "¥888.50", "¥1,200.00", "¥8.80"),)
    letter = Page(
        title="协商还款申请书",
        blocks=(
            Paragraph("协商还款申请书", kind="title"),
            Paragraph("招商银行信用卡中心：", kind="salutation"),
            Paragraph(f"本人{name}，截至2026年5月20日尚欠{CAPITALS}（¥10,360.78）。"),
            Paragraph("因失业收入中断，恳请贵司同意按下表分期还款。"),
            Table(
                headers=PAYMENT_HEADERS,
                rows=rows,
                total=("合计", "", "¥10,661.89", "¥10,000.00", "¥661.89"),
                align=PAYMENT_ALIGN,
            ),
            Paragraph("附件", kind="heading"),
            ItemList(items=("身份证复印件", "解除劳动合同通知书")),
            # Boxes, not numbers: a checklist is ticked by hand.
            ItemList(items=("失业登记证明",), kind="checklist"),
            Paragraph(f"申请人：{name}"),
            Paragraph("此致", kind="closing"),
            Paragraph("敬礼！", kind="salute"),
            SignatureLines(lines=(("申请人（签名）：", ""), ("日期：", "2026年5月20日"))),
            Paragraph("本申请书的金额由申请人提供的信息计算。", kind="note"),
        ),
    )
    # No title paragraph: the renderers print Page.title as the page's heading.
    debts = Page(
        title="负债情况说明",
        kind="attachment",
        blocks=(
            Table(
                headers=("债权人", "欠款余额", "月还款额"),
                rows=(("花呗", "¥3,000.00", "¥300.00"), ("借呗", "¥5,000.00", "¥500.00")),
                total=("合计", "¥8,000.00", "¥800.00"),
                align=("left", "right", "right"),
            ),
        ),
    )
    return LetterDocument(
        language=language,
        title="协商还款申请书",
        pages=(letter, debts),
        filename="协商还款申请书-2026-05-20",
    )


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    # Line wrapping puts newlines inside long paragraphs.
    return text.replace("\n", "")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(make_letter())


@pytest.fixture(scope="module")
def word() -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(make_letter())))


# --- PDF -------------------------------------------------------------------------


def test_pdf_is_a_pdf(pdf):
    assert pdf.startswith(b"%PDF-")


def test_pdf_text_is_the_chinese_letter(pdf):
    first = pdf_pages(pdf)[0]
    assert first.startswith("协商还款申请书\n")
    assert "本人张三，" in first
    assert CAPITALS in flat(first)
    assert "¥10,661.89" in first
    assert "12 2026-12-20 ¥888.50 ¥1,200.00 ¥8.80" in first


def test_pdf_embeds_the_subset_font_for_every_font_used(pdf):
    fonts = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded TrueType outlines
            fonts.append(str(font["/BaseFont"]))
    assert fonts
    # "ABCDEF+Noto-Sans-SC-Subset": a glyph subset of our font, nothing else.
    assert all("NotoSansSCSubset" in name.replace("-", "") for name in fonts)


def test_pdf_pages_after_the_first_start_on_a_new_sheet(pdf):
    pages = pdf_pages(pdf)
    assert len(pages) == 2
    assert "负债情况说明" not in pages[0]
    assert pages[1].startswith("负债情况说明\n")
    assert "借呗 ¥5,000.00 ¥500.00" in pages[1]


def test_pdf_prints_a_page_title_once(pdf):
    pages = pdf_pages(pdf)
    assert pages[0].count("协商还款申请书") == 1
    assert pages[1].count("负债情况说明") == 1


def test_pdf_list_numbers_and_boxes_are_text_before_the_item(pdf):
    first = pdf_pages(pdf)[0]
    assert "\n1. 身份证复印件\n2. 解除劳动合同通知书\n" in first
    assert "\n□ 失业登记证明\n" in first


def test_pdf_metadata_has_the_title_and_no_author(pdf):
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata.title == "协商还款申请书"
    assert metadata.author is None


def test_pdf_html_declares_the_language():
    assert '<html lang="zh-Hans">' in render_pdf_html(make_letter())
    assert '<html lang="en">' in render_pdf_html(make_letter(language="en"))


def test_pdf_footer_numbers_the_pages_in_english(pdf):
    pages = pdf_pages(render_pdf(make_letter(language="en")))
    assert pages[0].rstrip().endswith("Page 1 of 2")
    assert pages[1].rstrip().endswith("Page 2 of 2")


def test_pdf_footer_words_come_from_the_translation(monkeypatch):
    # The zh-hans msgstr of "Page %(page)s of %(pages)s".
    monkeypatch.setattr(documents, "gettext", lambda message: "第 %(page)s 页 / 共 %(pages)s 页")
    pages = pdf_pages(render_pdf(make_letter()))
    assert pages[0].rstrip().endswith("第 1 页 / 共 2 页")
    assert pages[1].rstrip().endswith("第 2 页 / 共 2 页")


def test_footer_translation_cannot_break_out_of_the_css(monkeypatch):
    monkeypatch.setattr(documents, "gettext", lambda message: '"} </style><b>%(page)s')
    content = documents._footer_content("zh-hans")
    assert "<" not in content and "}" not in content
    tokens = [t for t in tinycss2.parse_component_value_list(content) if t.type != "whitespace"]
    assert [token.type for token in tokens] == ["string", "function"]
    assert tokens[0].value == '"} </style><b>'
    assert tinycss2.serialize(tokens[1:]) == "counter(page)"


def test_user_markup_is_escaped_in_the_pdf_html():
    html = render_pdf_html(make_letter(name=MARKUP))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&lt;b&gt;" in html
    assert "<script>" not in html
    assert "<b>" not in html


def test_user_markup_is_literal_text_in_the_pdf():
    first = pdf_pages(render_pdf(make_letter(name=MARKUP)))[0]
    assert f"本人{MARKUP}，" in first
    assert f"申请人：{MARKUP}" in first


def test_control_characters_are_stripped_from_the_pdf():
    first = pdf_pages(render_pdf(make_letter(name="张\x00三\x0b\x1f")))[0]
    assert "本人张三，" in first


# --- PDF layout: tables that keep together, a Chinese close ------------------------

PAYMENT_ROW = re.compile(r"^\d+ \d{4}-\d{2}-\d{2} ¥")


def table_letter(rows: int, filler: int) -> LetterDocument:
    """A title, ``filler`` paragraphs of three lines, then a payment table of ``rows``."""
    blocks = [Paragraph("协商还款申请书", kind="title")]
    blocks += [Paragraph("因失业收入中断，恳请贵司同意按下表分期还款。" * 3)] * filler
    blocks.append(Table(
        headers=("期数", "还款日期", "还款金额"),
        rows=tuple((str(n), f"2026-{(n - 1) % 12 + 1:02d}-20", "¥888.49") for n in range(1, rows + 1)),
        total=("合计", "", "¥99,999.99"),
        align=("left", "left", "right"),
    ))
    page = Page(title="协商还款申请书", blocks=tuple(blocks))
    return LetterDocument(language="zh-hans", title="协商还款申请书", pages=(page,), filename="x")


def rows_by_page(pdf: bytes) -> list[tuple[int, bool]]:
    """Each PDF page's number of payment rows, and whether it holds the 合计 row."""
    layout = []
    for text in pdf_pages(pdf):
        lines = text.splitlines()
        layout.append((sum(1 for line in lines if PAYMENT_ROW.match(line)),
                       any(line.startswith("合计") for line in lines)))
    return layout


@pytest.mark.parametrize("rows", [37, 38, 39, 40])
def test_pdf_keeps_the_last_rows_of_a_long_table_with_its_total(rows):
    # 37 rows fill the first page: left to itself, the table would leave 0, 1 or 2
    # rows with the total for 37, 38 or 39 rows (measured with the rule taken out).
    layout = rows_by_page(render_pdf(table_letter(rows, filler=0)))
    assert len(layout) == 2
    [(with_total, _)] = [page for page in layout if page[1]]
    assert with_total >= documents.KEPT_WITH_TOTAL == 3
    assert sum(count for count, _ in layout) == rows


@pytest.mark.parametrize("filler", [12, 13, 14, 15])
def test_pdf_never_splits_a_short_table(filler):
    # Ten rows near the foot of a page: left to itself, the table would split 9 + 1,
    # 7 + 3, 5 + 5 or 2 + 8 here (measured with the rule taken out).
    layout = rows_by_page(render_pdf(table_letter(10, filler)))
    assert (10, True) in layout
    assert sum(count for count, _ in layout) == 10


def test_pdf_closes_a_chinese_letter_with_zhici_indented_and_jingli_flush_left():
    positions = {}

    def visit(text, _cm, tm, _font, _size):
        if text.strip():
            positions.setdefault(text.strip(), tm[4])

    reader = pypdf.PdfReader(io.BytesIO(render_pdf(make_letter())))
    reader.pages[0].extract_text(visitor_text=visit)
    body = positions["因失业收入中断，恳请贵司同意按下表分期还款。"]
    flush = positions["招商银行信用卡中心："]
    assert positions["此致"] == body > flush  # indented two characters, like the body
    assert positions["敬礼！"] == flush


# --- fetching: fonts only, never the network ---------------------------------------


def test_fetcher_gives_the_font():
    fetcher = FontsOnlyFetcher(fonts_dir())
    response = fetcher.fetch((fonts_dir() / documents.FONT_FILE).as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"  # TrueType outlines


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/font.ttf",
        "ftp://example.com/x",
        "data:text/plain,hello",
        "file:///etc/passwd",
        "file://example.com/fonts/NotoSansSC-Regular-subset.ttf",
    ],
)
def test_fetcher_refuses_other_urls(url):
    with pytest.raises(ValueError):
        FontsOnlyFetcher(fonts_dir()).fetch(url)


def test_fetcher_refuses_paths_out_of_the_fonts_folder():
    escape = fonts_dir().as_uri() + "/../../config/settings/base.py"
    with pytest.raises(ValueError):
        FontsOnlyFetcher(fonts_dir()).fetch(escape)


def test_render_with_the_fetcher_opens_no_connection(monkeypatch):
    attempts = []

    def connect(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "create_connection", connect)
    monkeypatch.setattr(socket.socket, "connect", connect)
    html = '<p>x</p><img src="http://example.com/x.png"><link rel="stylesheet" href="http://example.com/a.css">'
    pdf = HTML(string=html, url_fetcher=documents._fetcher()).write_pdf()
    assert pdf.startswith(b"%PDF-")
    assert attempts == []


# --- DOCX ------------------------------------------------------------------------


def test_docx_starts_with_the_title_centred_and_bold(word):
    title = word.paragraphs[0]
    assert title.text == "协商还款申请书"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.style.font.bold is True


def test_docx_is_a4_with_20_mm_margins(word):
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.top_margin.mm) == 20


def test_docx_sets_the_east_asian_font(word):
    normal = word.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == documents.DOCX_EAST_ASIAN_FONT
    assert normal.get(qn("w:ascii")) == documents.DOCX_LATIN_FONT
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    default_fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert default_fonts.get(qn("w:eastAsia")) == documents.DOCX_EAST_ASIAN_FONT
    assert default_fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win


def test_docx_payment_table_rows_never_split_and_the_header_repeats(word):
    table = word.tables[0]
    assert table.style.name == "Table Grid"
    assert len(table.rows) == 1 + 12 + 1
    assert [cell.text for cell in table.rows[0].cells] == list(PAYMENT_HEADERS)
    assert [cell.text for cell in table.rows[-1].cells] == [
        "合计",
        "",
        "¥10,661.89",
        "¥10,000.00",
        "¥661.89",
    ]
    for index, row in enumerate(table.rows):
        properties = row._tr.trPr
        assert properties.find(qn("w:cantSplit")) is not None
        assert (properties.find(qn("w:tblHeader")) is not None) is (index == 0)


def test_docx_amount_columns_are_right_aligned(word):
    row = word.tables[0].rows[1]
    alignments = [cell.paragraphs[0].alignment for cell in row.cells]
    right = WD_ALIGN_PARAGRAPH.RIGHT
    assert alignments == [None, None, right, right, right]


def test_docx_lists_numbers_boxes_and_signature_lines(word):
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "1. 身份证复印件" in texts
    assert "2. 解除劳动合同通知书" in texts
    assert "□ 失业登记证明" in texts
    assert "申请人（签名）：" + documents.SIGNATURE_BLANK in texts
    assert "日期：2026年5月20日" in texts
    assert texts.index("此致") + 1 == texts.index("敬礼！")


def kept_with_next(table) -> list[bool]:
    return [bool(row.cells[0].paragraphs[0].paragraph_format.keep_with_next) for row in table.rows]


def test_docx_short_table_keeps_every_row_with_the_next(word):
    # 12 payment rows: the header and every row keep with the next, up to the total.
    assert kept_with_next(word.tables[0]) == [True] * 13 + [False]


def test_docx_long_table_keeps_its_last_rows_with_the_total():
    # 40 rows: only the last three payment rows hold on to the next row, so the total
    # never stands alone and the table may break anywhere above them.
    table = docx.Document(io.BytesIO(render_docx(table_letter(40, filler=0)))).tables[0]
    assert kept_with_next(table) == [False] * 38 + [True] * 3 + [False]


def test_docx_closes_with_zhici_indented_and_jingli_flush_left(word):
    by_text = {paragraph.text: paragraph for paragraph in word.paragraphs}
    body = by_text["因失业收入中断，恳请贵司同意按下表分期还款。"].style.paragraph_format
    closing = by_text["此致"].style.paragraph_format
    salute = by_text["敬礼！"].style.paragraph_format
    # Two characters of the 12 pt body: 24 pt, like every body paragraph.
    assert closing.first_line_indent == body.first_line_indent == Pt(24)
    assert not salute.first_line_indent
    assert closing.keep_with_next and salute.keep_with_next  # never alone at a page's foot


def test_docx_second_page_starts_on_a_new_sheet_with_its_title(word):
    [debts] = [p for p in word.paragraphs if p.text == "负债情况说明"]
    assert debts.paragraph_format.page_break_before is True
    assert [p.text for p in word.paragraphs].count("协商还款申请书") == 1
    assert word.tables[1].rows[2].cells[0].text == "借呗"


def _footer_parts(word) -> list[str]:
    """The footer paragraph as its words and its fields (``{PAGE}``), in order."""
    [paragraph] = word.sections[0].footer.paragraphs
    parts = []
    for child in paragraph._p:
        if child.tag == qn("w:r"):
            parts.append("".join(t.text for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:fldSimple"):
            parts.append("{" + child.get(qn("w:instr")) + "}")
    return parts


def test_docx_footer_numbers_the_pages_like_the_pdf(word):
    assert _footer_parts(word) == ["第 ", "{PAGE}", " 页 / 共 ", "{NUMPAGES}", " 页"]
    [paragraph] = word.sections[0].footer.paragraphs
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_docx_footer_in_english():
    english = docx.Document(io.BytesIO(render_docx(make_letter(language="en"))))
    assert _footer_parts(english) == ["Page ", "{PAGE}", " of ", "{NUMPAGES}"]


def test_docx_metadata_has_the_title_and_nothing_personal(word):
    properties = word.core_properties
    assert properties.title == "协商还款申请书"
    assert properties.author == ""
    assert properties.last_modified_by == ""
    assert properties.comments == ""


def test_user_markup_is_literal_text_in_the_docx():
    word = docx.Document(io.BytesIO(render_docx(make_letter(name=MARKUP))))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert f"申请人：{MARKUP}" in texts


def test_control_characters_are_stripped_from_the_docx():
    name = "张\x00三\x08\x0b\x0c\x0e\x1f\ud800\ufffe"
    word = docx.Document(io.BytesIO(render_docx(make_letter(name=name))))
    assert "申请人：张三" in [paragraph.text for paragraph in word.paragraphs]


def test_clean_text_keeps_lines_and_tabs_and_drops_what_xml_cannot_hold():
    assert clean_text("a\r\nb\rc\td\x00\x07\x1b\x7f\x85e") == "a\nb\nc\tde"


# --- file names --------------------------------------------------------------------


def test_letter_filename_adds_the_extension():
    assert letter_filename(make_letter(), "pdf") == "协商还款申请书-2026-05-20.pdf"
    assert letter_filename(make_letter(), ".docx") == "协商还款申请书-2026-05-20.docx"


def test_letter_filename_is_safe_on_every_file_system():
    document = make_letter()
    unsafe = LetterDocument(
        language=document.language,
        title=document.title,
        pages=document.pages,
        filename='../协商:还款*申请书?"<x>|\x00\n',
    )
    assert letter_filename(unsafe, "pdf") == "协商-还款-申请书-x.pdf"
    blank = LetterDocument(language="en", title="Letter", pages=document.pages, filename=" ./ ")
    assert letter_filename(blank, "pdf") == "letter.pdf"


def files_changed_since(began: float, roots: list[Path]):
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = Path(folder, name)
                try:
                    if path.stat().st_mtime >= began and path.stat().st_size < 50_000_000:
                        yield path
                except OSError:
                    continue  # removed while walking


def test_rendering_writes_nothing_personal_to_disk():
    name = f"Zhang-{uuid.uuid4().hex}"
    began = time.time() - 1
    pdf = render_pdf(make_letter(name=name))
    word = render_docx(make_letter(name=name))
    assert name in pdf_pages(pdf)[0] and word
    roots = [Path(tempfile.gettempdir()), Path(settings.BASE_DIR), Path.home() / ".cache"]
    needle = name.encode()
    for path in files_changed_since(began, [root for root in roots if root.exists()]):
        try:
            assert needle not in path.read_bytes(), path
        except OSError:
            continue


def test_a_name_outside_the_bundled_font_still_prints():
    # 喆 and 陳 are not in GB 2312, the bundled font's set: the PDF falls back to the
    # system CJK font (fonts-wqy-microhei, installed by .ci/run and make serve), so the
    # name prints rather than as empty boxes.
    text = pdf_pages(render_pdf(make_letter(name="王喆陳")))[0]
    assert "王喆陳" in text
