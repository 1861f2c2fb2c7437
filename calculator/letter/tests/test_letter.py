"""build_letter: the letter, the checklist and the statement of debts as blocks.

Built from the spec's loan (owed 10 360.78 on 2026-05-20) and, for the
"nothing overdue yet" case, from a quick estimate due on the calculation date.
"""

from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation

from calculator.engine.plan import build_option
from calculator.formatting import rmb_upper
from calculator.letter.builder import (
    HARDSHIP_DOCUMENTS,
    HARDSHIP_KEYS,
    ItemList,
    LetterDetails,
    Paragraph,
    SignatureLines,
    Table,
    attachments,
    build_letter,
    checklist,
)
from calculator.plan.parameters import read_plan
from calculator.tests.loans import SPEC_LOAN

TODAY = date(2026, 5, 20)
LOAN_PLAN = {**SPEC_LOAN, "monthly_income": "8000", "monthly_expenses": "3500", "savings": "500",
             "debt1_creditor": "花呗", "debt1_balance": "5000", "debt1_payment": "300"}
QUICK_PLAN = {"overdue_amount": "12000", "due_date": "2026-05-20", "daily_rate": "0.05",
              "monthly_income": "8000", "monthly_expenses": "3500"}
DETAILS = LetterDetails(
    full_name="张三", phone="138 0013 8000", lender_name="某消费金融公司",
    contract_number="HT-1", id_last4="123X", hardship="job_loss", hardship_detail="",
    ask_penalty_waiver=False, letter_date=date(2026, 5, 21),
)


def letter(params=LOAN_PLAN, details=DETAILS, option_key="installments", language="zh-hans"):
    state = read_plan(params, today=TODAY)
    plan = state.plan
    option = build_option(key=option_key, debt=plan.debt, payoff_amount=plan.payoff_amount,
                          rate=plan.rate, as_of=plan.as_of, budget=plan.budget)
    document = build_letter(details=details, debt=state.debt, option=option,
                            reduced_annual_rate=plan.reduced_annual_rate, budget=plan.budget,
                            other_debts=state.debts, language=language)
    return document, option


def all_text(page) -> str:
    parts = []
    for block in page.blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts += [cell for row in (block.headers, *block.rows, block.total or ()) for cell in row]
        elif isinstance(block, ItemList):
            parts += block.items
        elif isinstance(block, SignatureLines):
            parts += [text for line in block.lines for text in line]
    return "\n".join(parts)


def test_letter_has_three_pages_letter_checklist_and_debts():
    document, _option = letter()
    assert len(document.pages) == 3
    assert document.language == "zh-hans"
    for page in document.pages:
        assert isinstance(page.blocks[0], Paragraph) and page.blocks[0].kind == "title"
    assert document.pages[1].blocks[-1].checkboxes is True
    assert document.filename == f"{document.title}-2026-05-21"


def test_payment_table_is_the_options_payments_with_the_total():
    document, option = letter()
    table = next(block for block in document.pages[0].blocks if isinstance(block, Table))
    assert [row[2] for row in table.rows] == [f"¥{p.amount:,.2f}" for p in option.payments]
    assert [row[1] for row in table.rows] == [f"{p.date.year}年{p.date.month}月{p.date.day}日" for p in option.payments]
    assert table.total[-1] == f"¥{option.total:,.2f}"
    assert rmb_upper(option.total) in all_text(document.pages[0])


def test_only_the_last_four_of_the_id_are_printed():
    with_id = all_text(letter()[0].pages[0])
    without = all_text(letter(details=replace(DETAILS, id_last4=""))[0].pages[0])
    assert "123X" in with_id
    assert "123X" not in without
    assert with_id.count("\n") == without.count("\n")  # the same blocks, one clause less


def test_loan_amount_is_stated_only_for_a_loan():
    loan_page = letter()[0].pages[0]
    quick_page = letter(QUICK_PLAN)[0].pages[0]
    assert "人民币壹万元整" in all_text(loan_page)  # the 10 000 borrowed
    # The quick estimate knows no loan amount: one paragraph fewer.
    assert len(loan_page.blocks) == len(quick_page.blocks) + 1


def test_letter_for_a_debt_not_yet_overdue_says_so():
    text = all_text(letter(QUICK_PLAN, language="en")[0].pages[0])
    assert "nothing is overdue yet" in text
    assert "Since " not in text


def test_waiver_paragraph_is_added_only_when_asked():
    without = letter()[0].pages[0].blocks
    with_waiver = letter(details=replace(DETAILS, ask_penalty_waiver=True))[0].pages[0].blocks
    added = [block for block in with_waiver if block not in without]
    assert len(added) == 1 and isinstance(added[0], Paragraph)
    assert len(with_waiver) == len(without) + 1


@pytest.mark.parametrize("hardship", HARDSHIP_KEYS)
def test_attachments_and_checklist_follow_the_hardship(hardship):
    details = replace(DETAILS, hardship=hardship)
    with translation.override("zh-hans"):
        proofs = [str(document) for document in HARDSHIP_DOCUMENTS[hardship]]
        assert set(proofs) <= set(attachments(details, has_debts_statement=True))
        assert set(proofs) <= set(checklist(details))
    others = {str(doc) for key, docs in HARDSHIP_DOCUMENTS.items() if key != hardship for doc in docs}
    with translation.override("zh-hans"):
        assert not others & set(checklist(details))


def test_attachments_mention_the_debts_statement_only_when_printed():
    with_statement = attachments(DETAILS, has_debts_statement=True)
    without = attachments(DETAILS, has_debts_statement=False)
    assert len(with_statement) == len(without) + 1


def test_debts_page_lists_the_lender_and_each_other_debt():
    document, _option = letter()
    debts, budget = [block for block in document.pages[2].blocks if isinstance(block, Table)]
    assert debts.rows[0][:2] == ("某消费金融公司", "¥10,360.78")
    assert debts.rows[1] == ("花呗", "¥5,000.00", "¥300.00", "0")
    assert debts.total[1:3] == ("¥15,360.78", "¥300.00")
    assert budget.total[-1] == "¥4,200.00"  # 8000 − 3500 − 300


def test_user_text_is_kept_as_plain_text():
    details = replace(DETAILS, full_name="<b>张三</b>", hardship_detail="a & b")
    text = all_text(letter(details=details)[0].pages[0])
    assert "<b>张三</b>" in text and "a & b" in text


def test_english_rendering_has_the_same_figures():
    chinese, _option = letter()
    english, _option = letter(language="en")
    assert english.language == "en"
    chinese_table = next(b for b in chinese.pages[0].blocks if isinstance(b, Table))
    english_table = next(b for b in english.pages[0].blocks if isinstance(b, Table))
    assert [row[2] for row in chinese_table.rows] == [row[2] for row in english_table.rows]
    assert english_table.rows[0][1] == "June 20, 2026"


def test_own_words_become_a_full_sentence_joined_without_spaces_in_chinese():
    details = replace(DETAILS, hardship="illness", hardship_detail="  去年 住院  ")
    document, _ = letter(details=details)
    text = all_text(document.pages[0])
    # The words are kept, a 。 is added, and no space joins Chinese sentences.
    assert "。去年 住院。本人" in text


def test_own_words_end_with_a_full_stop_in_english():
    details = replace(DETAILS, hardship="illness", hardship_detail="In hospital since March")
    document, _ = letter(details=details, language="en")
    assert "In hospital since March. I am not refusing to pay." in all_text(document.pages[0])
