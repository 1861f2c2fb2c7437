"""The contact log's words, and the log as the letter's blocks and PDF."""

import io
import re
import unicodedata
from decimal import Decimal

import pypdf

from calculator.contact_log.document import (
    BLANK_ROWS,
    build_contact_log,
    channel_boxes,
    log_document,
)
from calculator.letter.blocks import Table
from calculator.letter.documents import render_pdf, render_pdf_html

A4_POINTS = (595.28, 841.89)  # 210 × 297 mm


def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1, "not A4"
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", page.extract_text()))
            for page in reader.pages]


def test_the_log_in_chinese_names_the_lender_and_the_debt():
    log = build_contact_log(lender=" 某某消费金融有限公司 ", owed=Decimal("12000"), language="zh-hans")
    assert log.title == "联系记录表：关于这笔欠款的每一次通话和消息"
    assert log.details[:2] == (("贷款机构", "某某消费金融有限公司"), ("欠款金额", "¥12,000.00"))
    assert log.headers == ("日期和时间", "联系方式", "对方（姓名或工号）", "说了什么", "约定了什么",
                           "要寄送什么，截止哪天")
    assert log.channels == ("手机APP", "电话", "短信", "信件", "上门")
    assert log.rows == BLANK_ROWS


def test_the_log_in_english_left_blank():
    log = build_contact_log(lender="", owed=None, language="en")
    assert log.details == (("Lender", ""), ("Amount owed", ""), ("Contract or loan number", ""),
                           ("Lender's customer-service number", ""))
    assert channel_boxes(log) == "□ App\n□ Phone\n□ SMS\n□ Letter\n□ Visit"


def test_as_blocks_the_blanks_are_lines_to_write_on_and_the_rows_carry_the_boxes():
    log = build_contact_log(lender="", owed=None, language="en", rows=3)
    details, log_table = [block for block in log_document(log).pages[0].blocks
                          if isinstance(block, Table)]
    assert {value for _label, value in details.rows} == {"_" * 24}
    assert log_table.rows == (("", "□ App\n□ Phone\n□ SMS\n□ Letter\n□ Visit", "", "", "", ""),) * 3
    assert log_table.widths == (13, 13, 14, 22, 21, 17)


def test_the_pdf_columns_take_the_logs_widths():
    # Table.widths (13, 13, 14, 22, 21, 17) of 100: 13.0 %, 13.0 %, … 17.0 %.
    html = render_pdf_html(log_document(build_contact_log(lender="", owed=None, language="en")))
    assert re.findall(r'<col style="width: ([\d.]+%)">', html)[2:] == [
        "13.0%", "13.0%", "14.0%", "22.0%", "21.0%", "17.0%"]
    # The details table: 2 : 5 of 100 = 28.6 % and 71.4 %.
    assert re.findall(r'<col style="width: ([\d.]+%)">', html)[:2] == ["28.6%", "71.4%"]


def test_the_pdf_is_two_a4_sheets_with_every_row_whole():
    log = build_contact_log(lender="某某消费金融有限公司", owed=Decimal("12000"), language="zh-hans")
    pages = pdf_pages(render_pdf(log_document(log)))
    assert len(pages) == 2
    assert "某某消费金融有限公司" in pages[0] and "¥12,000.00" in pages[0]
    # Each row's five channel boxes stay together on one sheet: a split row would
    # leave a page with a count of boxes that is not a multiple of five.
    boxes = [page.count("□") for page in pages]
    assert all(count % 5 == 0 for count in boxes), boxes
    assert sum(boxes) == 5 * BLANK_ROWS
    # The header row repeats on the second sheet, and the closing note is there.
    assert pages[1].count("日期和时间") == 1
    assert "12378" in pages[1]


def test_markup_in_the_lenders_name_is_text_in_the_pdf():
    log = build_contact_log(lender="<b>某某</b>&", owed=None, language="zh-hans")
    html = render_pdf_html(log_document(log))
    assert "&lt;b&gt;某某&lt;/b&gt;&amp;" in html
    assert "<b>某某" not in html
