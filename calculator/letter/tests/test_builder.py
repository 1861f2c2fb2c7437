"""build_letter: the letter, the statement of debts and the checklist as pages of blocks.

Built from engine plans: the spec's loan (owed 10 360.78 on 2026-05-20, penalty 5.78),
a quick estimate due on the calculation date (nothing overdue yet), and
calculations.md's check with three debts (D = 8 312.00 on 2026-05-01).
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from calculator.engine.arrears import PenaltyTerms
from calculator.engine.plan import (
    Budget,
    DebtKind,
    OptionKey,
    OtherDebt,
    debt_from_estimate,
    debt_from_loan,
    draft_plan,
    kept_payments,
    letter_for,
)
from calculator.formatting import format_yuan, rmb_upper
from calculator.letter.blocks import ItemList, Paragraph, SignatureLines, Table
from calculator.letter.builder import (
    HARDSHIP_DOCUMENTS,
    HARDSHIP_KEYS,
    LetterDetails,
    attachments,
    build_letter,
    checklist,
)
from calculator.tests.loans import XIAOMI_RATE, spec_loan

TODAY = date(2026, 5, 20)
LENDER = "某消费金融公司"
DETAILS = LetterDetails(
    full_name="张三", phone="138 0013 8000", lender_name=LENDER,
    contract_number="HT-1", id_last4="123X", hardship="job_loss", hardship_detail="",
    ask_penalty_waiver=False, letter_date=date(2026, 5, 21),
)
HUABEI = OtherDebt(1, "花呗", DebtKind.LOAN, Decimal("5000"), Decimal("300"), 0, None)
PENALTY = PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3)


def month(income="8000", expenses="3500", others=(), savings="500") -> Budget:
    return Budget(Decimal(income), Decimal(expenses), kept_payments(others), Decimal(savings))


def loan_plan():
    # The spec's loan, 花呗 kept paid (300 a month): 8 000 − 3 500 − 300 = 4 200 left.
    debt = debt_from_loan(
        loan=spec_loan(), terms=replace(PENALTY, prepayment_fee_percent=Decimal(3)),
        paid_periods=2, as_of=TODAY,
    )
    return draft_plan(debt=debt, budget=month(others=(HUABEI,)), others=(HUABEI,))


def quick_plan():
    # 12 000 due on the calculation date: nothing overdue yet, no penalty.
    debt = debt_from_estimate(overdue_amount=Decimal("12000"), due_date=TODAY, as_of=TODAY,
                              rate=XIAOMI_RATE, terms=PENALTY)
    return draft_plan(debt=debt, budget=month())


def several_plan(income="12000", card_rate="18"):
    # calculations.md's check: 借呗 and a card in arrears, a mortgage kept.
    others = (
        OtherDebt(1, "借呗", DebtKind.LOAN, Decimal("20000"), Decimal("1800"), 40, Decimal("18")),
        OtherDebt(2, "招商银行信用卡", DebtKind.CARD, Decimal("30000"), Decimal("1500"), 60,
                  None if card_rate is None else Decimal(card_rate)),
        OtherDebt(3, "建设银行房贷", DebtKind.MORTGAGE, None, Decimal("3000"), 0, None),
    )
    debt = debt_from_estimate(overdue_amount=Decimal("8000"), due_date=date(2026, 3, 10),
                              as_of=date(2026, 5, 1), rate=XIAOMI_RATE, terms=PENALTY)
    return draft_plan(debt=debt, budget=month(income, "5000", others, "3000"), others=others)


def letter(plan=None, details=DETAILS, *, to=0, key=OptionKey.INSTALLMENTS, waive=None,
           language="zh-hans"):
    plan = plan or loan_plan()
    waive = details.ask_penalty_waiver if waive is None else waive
    proposal = letter_for(plan=plan, to=to, key=None if to else key, waive_penalty=waive)
    document = build_letter(details=details, plan=plan, proposal=proposal, to=to,
                            main_option=key, language=language)
    return document, proposal


def row_details(plan, to) -> LetterDetails:
    # The letter to row N goes to its creditor; the statement names this debt's lender.
    return replace(DETAILS, lender_name=plan.proposal(to).debt.creditor, main_lender=LENDER)


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


def tables(page) -> list[Table]:
    return [block for block in page.blocks if isinstance(block, Table)]


def yuan(amount) -> str:
    return format_yuan(Decimal(amount))


# --- the pages ----------------------------------------------------------------------------


def test_letter_statement_then_checklist_marked_not_for_sending():
    document, _proposal = letter()
    assert [page.kind for page in document.pages] == ["letter", "attachment", "keep"]
    assert document.language == "zh-hans"
    for page in document.pages:
        assert page.blocks[0].kind == "title"
        assert page.blocks[0].text == page.title
    assert document.pages[0].title == "协商还款申请书"
    assert document.pages[1].title == "负债情况说明"
    assert document.pages[2].title == "材料清单（本页自己留存，不必寄出）"
    assert document.pages[2].blocks[-1].kind == "checklist"
    assert document.filename == f"{document.title}-2026-05-21"


def test_the_checklist_says_in_english_too_that_it_is_not_sent():
    document, _proposal = letter(language="en")
    assert document.pages[2].title == "Your checklist (keep this page; do not send it)"


def test_the_letter_closes_as_a_chinese_letter_does():
    # 此致 on its own line, indented like the body (kind "closing"), then 敬礼！ flush
    # left (kind "salute"), then the lines to sign.
    blocks = letter()[0].pages[0].blocks
    kinds = [block.kind for block in blocks]
    closing = kinds.index("closing")
    assert kinds[closing:] == ["closing", "salute", "signature"]
    assert (blocks[closing].text, blocks[closing + 1].text) == ("此致", "敬礼！")
    assert blocks[1].kind == "salutation" and blocks[1].text == f"{LENDER}："


def test_payment_table_is_the_options_payments_with_the_total():
    document, proposal = letter()
    (table,) = tables(document.pages[0])
    assert [row[2] for row in table.rows] == [yuan(p.amount) for p in proposal.payments]
    assert [row[1] for row in table.rows] == [f"{p.date.year}年{p.date.month}月{p.date.day}日" for p in proposal.payments]
    assert table.total[-1] == yuan(proposal.total)
    # 12 months at 1.5 %: 11 × 949.88 + 949.82 = 11 398.50.
    assert table.total[-1] == "¥11,398.50"
    assert rmb_upper(Decimal("11398.50")) in all_text(document.pages[0])


def test_only_the_last_four_of_the_id_are_printed():
    with_id = all_text(letter()[0].pages[0])
    without = all_text(letter(details=replace(DETAILS, id_last4=""))[0].pages[0])
    assert "123X" in with_id
    assert "123X" not in without
    assert with_id.count("\n") == without.count("\n")  # the same blocks, one clause less


def test_loan_amount_is_stated_only_for_a_loan():
    loan_page = letter()[0].pages[0]
    quick_page = letter(quick_plan())[0].pages[0]
    assert "人民币壹万元整" in all_text(loan_page)  # the 10 000 borrowed
    assert "人民币壹万元整" not in all_text(quick_page)


def test_letter_for_a_debt_not_yet_overdue_says_so():
    text = all_text(letter(quick_plan(), language="en")[0].pages[0])
    assert "nothing is overdue yet" in text
    assert "Since " not in text


# --- the waiver (calculations.md, "The letter's figures") ------------------------------


def test_the_waiver_letter_proposes_the_plan_on_d_less_p_and_states_the_fallback():
    # P = 5.78: the plan is on 10 355.00 (12 months at 1.5 %: 949.35 a month, the last
    # 949.32, 11 392.17 in all); if refused, the same plan on 10 360.78: a first
    # payment of 949.88 and 11 398.50 in all.
    document, proposal = letter(details=replace(DETAILS, ask_penalty_waiver=True), language="en")
    text = all_text(document.pages[0])
    (table,) = tables(document.pages[0])
    assert table.rows[0][2] == "¥949.35" and table.rows[-1][2] == "¥949.32"
    assert table.total[-1] == "¥11,392.17"
    assert "waive the penalty interest of ¥5.78" in text
    assert "for the remaining ¥10,355.00" in text
    assert "the same plan for the whole debt of ¥10,360.78: a first payment of ¥949.88 and ¥11,398.50 in all" in text
    assert proposal.fallback.total == Decimal("11398.50")


def test_the_chinese_waiver_letter_writes_both_totals_in_capitals():
    document, _proposal = letter(details=replace(DETAILS, ask_penalty_waiver=True))
    text = all_text(document.pages[0])
    assert rmb_upper(Decimal("11392.17")) in text  # the plan on D − P
    assert rmb_upper(Decimal("11398.50")) in text  # the fallback on D
    assert rmb_upper(Decimal("5.78")) in text  # the penalty to waive


def test_without_the_waiver_the_letter_has_no_fallback():
    text = all_text(letter(language="en")[0].pages[0])
    assert "waive" not in text
    assert "If you cannot waive" not in text


def test_with_no_penalty_the_waiver_asks_for_nothing_to_be_waived():
    # Nothing overdue yet: P = 0, the letter proposes the plan on D alone.
    plain, _ = letter(quick_plan(), language="en")
    asked, proposal = letter(quick_plan(), details=replace(DETAILS, ask_penalty_waiver=True),
                             language="en")
    assert proposal.fallback is None
    assert asked.pages[0] == plain.pages[0]


# --- the statement of debts --------------------------------------------------------------


def test_the_statement_lists_this_debt_and_each_other_debt():
    document, _proposal = letter()
    page = document.pages[1]
    assert page.kind == "attachment"
    debts, budget = tables(page)
    # This debt: installments at 949.88 a month; 花呗 kept at 300 a month.
    assert debts.rows[0][:4] == (LENDER, "¥10,360.78", "40", "¥949.88")
    assert debts.rows[1][:4] == ("花呗", "¥5,000.00", "0", "¥300.00")
    assert debts.total[:4] == ("合计", "¥15,360.78", "", "¥1,249.88")  # 949.88 + 300
    assert budget.total[-1] == "¥4,200.00"  # 8000 − 3500 − 300


def test_every_letter_of_one_plan_carries_the_same_statement():
    plan = several_plan()
    to_this, _ = letter(plan, key=None)
    statements = [to_this.pages[1]]
    for to in (1, 2):
        document, _ = letter(plan, row_details(plan, to), to=to, key=None)
        statements.append(document.pages[1])
    assert statements[1] == statements[0] and statements[2] == statements[0]
    debts, _budget = tables(statements[0])
    # This debt 557.57 (17 months), 借呗 1 341.59, the card 2 012.39 proposed; the
    # mortgage 3 000 kept. Owed 8 312 + 20 000 + 30 000 = 58 312.00 (the mortgage's
    # balance is not given).
    assert [row[0] for row in debts.rows] == [LENDER, "借呗", "招商银行信用卡", "建设银行房贷"]
    assert [row[3] for row in debts.rows] == ["¥557.57", "¥1,341.59", "¥2,012.39", "¥3,000.00"]
    assert debts.total[1] == "¥58,312.00"
    assert debts.total[3] == "¥6,911.55"  # 557.57 + 1 341.59 + 2 012.39 + 3 000


# --- a letter to row N ------------------------------------------------------------------


def test_a_letter_to_row_n_is_addressed_to_it_and_proposes_its_recommendation():
    plan = several_plan()
    document, proposal = letter(plan, row_details(plan, 1), to=1, key=None, language="en")
    page = document.pages[0]
    assert page.blocks[1].text == "To 借呗:"
    text = all_text(page)
    assert "I owe you ¥20,000.00" in text and "40 days overdue" in text
    # Installments over 17 months: 1 341.59 a month, 22 807.11 in all.
    (table,) = tables(page)
    assert len(table.rows) == 17
    assert table.rows[0][2] == "¥1,341.59"
    assert table.total[-1] == "¥22,807.11"
    assert proposal.option == plan.proposal(1).recommendation.detail
    assert "《商业银行信用卡业务监督管理办法》" not in text  # not a card


def test_a_cards_letter_asks_for_an_individual_installment_plan_at_the_contract_rate():
    plan = several_plan()
    document, _ = letter(plan, row_details(plan, 2), to=2, key=None)
    text = all_text(document.pages[0])
    assert "《商业银行信用卡业务监督管理办法》第七十条" in text
    assert "个性化分期" in text
    assert "停止计收利息和费用" not in text  # installments at the contract rate
    english = all_text(letter(plan, row_details(plan, 2), to=2, key=None, language="en")[0].pages[0])
    assert "at the contract rate" in english
    assert "for interest and fees to stop" not in english


def test_a_cards_letter_without_a_rate_asks_for_interest_and_fees_to_stop():
    # The card's rate is not known: the recommendation is interest-free installments
    # (round(30 000 / 15) = 2 000.00 ≤ 2 057.90; 14 months 2 142.86 would not fit).
    plan = several_plan(card_rate=None)
    assert (plan.proposal(2).recommendation.key, plan.proposal(2).recommendation.term) == (
        "interest_free", 15)
    text = all_text(letter(plan, row_details(plan, 2), to=2, key=None)[0].pages[0])
    assert "《商业银行信用卡业务监督管理办法》第七十条" in text
    assert "并恳请分期期间停止计收利息和费用" in text


def test_a_small_share_is_offered_as_a_temporary_payment():
    # Income 8 100: 借呗's share is 34.30 and fits nothing (see test_plan.py).
    plan = several_plan("8100")
    document, proposal = letter(plan, row_details(plan, 1), to=1, key=None, language="en")
    text = all_text(document.pages[0])
    assert "I can pay ¥34.30 a month for now" in text
    assert "up to 12 months" in text and "freeze interest and penalties" in text
    (table,) = tables(document.pages[0])
    assert len(table.rows) == 12 and table.total[-1] == "¥411.60"  # 12 × 34.30
    assert proposal.token == Decimal("34.30")


def test_with_nothing_left_the_letter_offers_no_amount_and_asks_for_a_pause():
    plan = several_plan("8000")
    document, _ = letter(plan, row_details(plan, 1), to=1, key=None, language="en")
    text = all_text(document.pages[0])
    assert "pause collection" in text
    assert tables(document.pages[0]) == []  # no payment table
    # The statement shows the pause for every debt in arrears and nothing a month.
    debts, budget = tables(document.pages[1])
    assert [row[4] for row in debts.rows[:3]] == ["Pause asked for"] * 3
    assert budget.total[-1] == "¥0.00"


# --- attachments, checklist, words --------------------------------------------------------


@pytest.mark.parametrize("hardship", HARDSHIP_KEYS)
def test_attachments_and_checklist_follow_the_hardship(hardship):
    details = replace(DETAILS, hardship=hardship)
    with translation.override("zh-hans"):
        proofs = [str(document) for document in HARDSHIP_DOCUMENTS[hardship]]
        assert set(proofs) <= set(attachments(details))
        assert set(proofs) <= set(checklist(details))
        others = {str(doc) for key, docs in HARDSHIP_DOCUMENTS.items() if key != hardship
                  for doc in docs}
        assert not others & set(checklist(details))


def test_the_attachments_end_with_the_statement_of_debts():
    with translation.override("zh-hans"):
        assert attachments(DETAILS)[-1] == "负债情况说明"
    items = letter()[0].pages[0].blocks
    numbered = [block for block in items if block.kind == "numbered"]
    assert numbered and numbered[0].items[-1] == "负债情况说明"


def test_user_text_is_kept_as_plain_text():
    details = replace(DETAILS, full_name="<b>张三</b>", hardship_detail="a & b")
    text = all_text(letter(details=details)[0].pages[0])
    assert "<b>张三</b>" in text and "a & b" in text


def test_english_rendering_has_the_same_figures():
    chinese, _ = letter()
    english, _ = letter(language="en")
    assert english.language == "en"
    (chinese_table,) = tables(chinese.pages[0])
    (english_table,) = tables(english.pages[0])
    assert [row[2] for row in chinese_table.rows] == [row[2] for row in english_table.rows]
    assert english_table.rows[0][1] == "20 June 2026"
    assert [p.kind for p in english.pages] == [p.kind for p in chinese.pages]


def test_own_words_become_a_full_sentence_joined_without_spaces_in_chinese():
    details = replace(DETAILS, hardship="illness", hardship_detail="  去年 住院  ")
    text = all_text(letter(details=details)[0].pages[0])
    # The words are kept, a 。 is added, and no space joins Chinese sentences.
    assert "。去年 住院。本人" in text


def test_own_words_end_with_a_full_stop_in_english():
    details = replace(DETAILS, hardship="illness", hardship_detail="In hospital since March")
    text = all_text(letter(details=details, language="en")[0].pages[0])
    assert "In hospital since March. I am not refusing to pay." in text
