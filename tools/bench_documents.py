#!/usr/bin/env python3
"""Time the letter downloads: render_pdf and render_docx (documents.py).

Run from the repository root: ``.venv/bin/python tools/bench_documents.py``.
The letter is a realistic one built by hand (the blocks ``letter.build_letter``
produces): the letter with a 12-payment table of a real plan option, the
document checklist, and the debts list on a third page. Two warm-up renders,
then RUNS timed renders each; prints the wall-clock median and p90 and the
CPU-time median, in milliseconds.
Targets (issue 4): PDF median ≤ 250 ms, DOCX median ≤ 50 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from calculator.engine.money import Rate  # noqa: E402
from calculator.engine.plan import Share, build_option  # noqa: E402
from calculator.formatting import format_yuan, rmb_upper  # noqa: E402
from calculator.letter.blocks import (  # noqa: E402
    ItemList,
    LetterDocument,
    Page,
    Paragraph,
    SignatureLines,
    Table,
)
from calculator.letter.documents import render_docx, render_pdf  # noqa: E402

WARM_UPS = 2
RUNS = 20
TARGETS_MS = {"render_pdf": 250, "render_docx": 50}


def realistic_letter() -> LetterDocument:
    debt = Decimal("10360.78")
    option = build_option(
        key="reduced_rate",
        debt=debt,
        payoff_amount=debt,
        rate=Rate.from_annual_percent(Decimal("18")),
        as_of=date(2026, 5, 20),
        share=Share(monthly=Decimal("1400"), savings=Decimal("500")),
        term=12,
    )
    rows = tuple(
        (
            str(payment.number),
            f"{payment.date:%Y年%-m月%-d日}",
            format_yuan(payment.amount),
            format_yuan(payment.principal),
            format_yuan(payment.interest),
        )
        for payment in option.payments
    )
    letter = Page(
        title="协商还款申请书",
        blocks=(
            Paragraph("协商还款申请书", kind="title"),
            Paragraph("招商银行股份有限公司信用卡中心：", kind="salutation"),
            Paragraph(
                "申请人张三，联系电话13800138000，身份证号码末四位1234。本人于2024年3月"
                "与贵司签订借款合同（合同编号：ZS-2024-0311-8899），借款本金人民币"
                f"12,000.00元。截至2026年5月20日，本人尚欠{format_yuan(debt)}"
                f"（{rmb_upper(debt)}），已逾期128天。"
            ),
            Paragraph(
                "2025年12月，本人所在公司裁员，本人失去工作，至今仍在求职，收入中断。"
                "本人无意逃避债务，愿意尽最大努力还款，但目前确实无力按原合同约定还款。"
            ),
            Paragraph(
                "根据本人目前的收入和必要支出，每月可用于还款的金额约为人民币1,400.00元。"
                "恳请贵司同意按年利率12.00%分12期还款，每期还款金额如下表所示，"
                "并减免逾期期间的罚息和违约金。"
            ),
            Paragraph("还款计划", kind="heading"),
            Table(
                headers=("期数", "还款日期", "还款金额", "其中本金", "其中利息"),
                rows=rows,
                total=(
                    "合计",
                    "",
                    format_yuan(option.total),
                    format_yuan(debt),
                    format_yuan(option.cost),
                ),
                align=("right", "left", "right", "right", "right"),
            ),
            Paragraph(
                "本人承诺按上述计划按时还款。如贵司同意，请与本人联系确认；"
                "如有其他方案，也请告知，本人愿意积极配合。"
            ),
            Paragraph("附件：", kind="heading"),
            ItemList(items=("身份证复印件（仅显示末四位）", "失业证明材料", "负债情况说明")),
            Paragraph("此致", kind="closing"),
            Paragraph("敬礼！", kind="salute"),
            SignatureLines(
                lines=(("申请人（签名）：", ""), ("联系电话：", "13800138000"), ("日期：", ""))
            ),
            Paragraph("本申请书中的金额均根据申请人提供的信息计算。", kind="note"),
        ),
    )
    checklist = Page(
        title="材料清单",
        kind="keep",
        blocks=(
            Paragraph("材料清单", kind="title"),
            Paragraph("随本申请书提交以下材料的复印件：", kind="body"),
            ItemList(
                items=(
                    "身份证复印件",
                    "解除劳动合同通知书",
                    "失业登记证明",
                    "近6个月银行流水",
                    "其他负债的还款记录",
                ),
                kind="checklist",
            ),
        ),
    )
    debts = Page(
        title="负债情况说明",
        kind="attachment",
        blocks=(
            Paragraph("负债情况说明", kind="title"),
            Table(
                headers=("债权人", "欠款余额", "月还款额", "逾期天数"),
                rows=(
                    ("招商银行信用卡", "¥10,360.78", "¥0.00", "128"),
                    ("花呗", "¥3,200.00", "¥300.00", "0"),
                    ("借呗", "¥8,000.00", "¥0.00", "45"),
                    ("京东白条", "¥1,500.00", "¥0.00", "60"),
                ),
                total=("合计", "¥23,060.78", "¥300.00", ""),
                align=("left", "right", "right", "right"),
            ),
            Paragraph("以上情况属实。", kind="body"),
            SignatureLines(lines=(("申请人（签名）：", ""), ("日期：", ""))),
        ),
    )
    return LetterDocument(
        language="zh-hans",
        title="协商还款申请书",
        pages=(letter, debts, checklist),
        filename="协商还款申请书-2026-05-20",
    )


def measure(
    render: Callable[[LetterDocument], bytes], document: LetterDocument
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each timed run."""
    for _ in range(WARM_UPS):
        render(document)
    wall, cpu = [], []
    for _ in range(RUNS):
        began, began_cpu = time.perf_counter(), time.process_time()
        render(document)
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return wall, cpu


def main() -> int:
    document = realistic_letter()
    within = True
    for render in (render_pdf, render_docx):
        wall, cpu = measure(render, document)
        median = statistics.median(wall)
        p90 = statistics.quantiles(wall, n=10)[-1]
        target = TARGETS_MS[render.__name__]
        within &= median <= target
        # CPU time too: on a busy machine the wall clock also counts waiting.
        print(
            f"{render.__name__:<12} median {median:6.1f} ms   p90 {p90:6.1f} ms   "
            f"CPU median {statistics.median(cpu):6.1f} ms   "
            f"(target median ≤ {target} ms, {RUNS} runs, {len(render(document)):,} bytes)"
        )
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
