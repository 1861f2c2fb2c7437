"""The letter to a lender (协商还款申请书) as pages of blocks.

One source of words for three renderers (``blocks``). Every figure comes from the
user's inputs and the plan; nothing is invented. The words go through gettext, so
the same builder gives the Chinese letter for the lender and an English rendering
for a helper (``build_letter(..., language="en")``).

The document has three pages: the letter; the statement of debts (负债情况说明),
which goes to the lender with it and is the same in every letter of one plan; and
the borrower's own checklist, last and marked as not for sending.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from calculator.engine.money import ZERO
from calculator.engine.plan import (
    DebtKind,
    LetterProposal,
    OptionKey,
    Plan,
    letter_for,
)
from calculator.formatting import MAX_RMB_UPPER, format_yuan, plain_decimal, rmb_upper
from calculator.letter.blocks import (
    Block,
    ItemList,
    LetterDocument,
    Page,
    Paragraph,
    SignatureLines,
    Table,
)
from calculator.plan.options import OPTION_PROPOSALS

HARDSHIP_KEYS = ("job_loss", "illness", "income_drop", "family", "other")


@dataclass(frozen=True)
class LetterDetails:
    """What the user typed into the letter form (never stored)."""

    full_name: str
    phone: str
    lender_name: str  # the addressee
    contract_number: str
    id_last4: str  # "" when not given; never more than four characters
    hardship: str  # one of HARDSHIP_KEYS
    hardship_detail: str
    ask_penalty_waiver: bool
    letter_date: date
    # The lender of the debt worked out in the calculator, when the letter goes to
    # another debt on the list ("" when not given, or when it is the addressee).
    main_lender: str = ""


# --- the words -------------------------------------------------------------------

HARDSHIP_LABELS = {
    "job_loss": _("I lost my job"),
    "illness": _("illness or injury of myself or my family"),
    "income_drop": _("my income fell sharply"),
    "family": _("an emergency in my family"),
    "other": _("other reasons"),
}

# Documents that prove each hardship (guidance checklist; product.md).
HARDSHIP_DOCUMENTS = {
    "job_loss": (
        _("Notice of dismissal or termination of the labour contract (解除劳动合同通知书)"),
        _("Unemployment registration (失业登记证明), if you have one"),
    ),
    "illness": (
        _("Diagnosis certificate (诊断证明)"),
        _("Medical records (病历)"),
        _("Bills and receipts for medical costs (医疗费用单据)"),
    ),
    "income_drop": (
        _("Bank statements or wage records for the last 6 months (近6个月收入流水)"),
        _("A note from the employer about the pay cut, if you can get one"),
    ),
    "family": (
        _("Papers showing the emergency: hospital, death, accident or disaster certificates"),
        _("Receipts for the costs it caused"),
    ),
    "other": (
        _("Any papers that show what happened and what it cost"),
    ),
}

ID_COPY = _("Copy of the ID card (身份证复印件)")
CONTRACT_COPY = _("The loan contract, or screenshots of the loan details in the app")
REPAYMENT_RECORDS = _("Repayment records so far")
INCOME_PROOF = _("Proof of income: wage slips or bank statements for the last 6 months")
STATEMENT_TITLE = _("Statement of debts (负债情况说明)")
CALL_LOG_ITEM = _("A log of every call with the lender: date, time, name, what was said")
SENTENCE_ENDS = "。！？.!?"


def _yuan(amount: Decimal) -> str:
    return format_yuan(amount)


def _upper(amount: Decimal) -> str:
    return rmb_upper(amount)


def _date(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def amounts_fit_in_words(plan: Plan, proposal: LetterProposal) -> bool:
    """Whether the letter can write each of its amounts in capitals (人民币大写).

    The capitals stop at 9 999 999 999 999.99 yuan. Only extreme inputs get past
    that (1 亿 at 1 % a day for decades, then 60 months at that rate): the letter
    form refuses them with a message instead of failing.
    """
    amounts = [plan.debt.overdue_amount, plan.debt.outstanding_total, proposal.total]
    if proposal.fallback is not None:
        amounts.append(proposal.fallback.total)
    if plan.debt.loan_amount is not None:
        amounts.append(plan.debt.loan_amount)
    return all(amount <= MAX_RMB_UPPER for amount in amounts)


def attachments(details: LetterDetails) -> tuple[str, ...]:
    """The attachments list at the foot of the letter, tailored to the hardship."""
    return (
        str(ID_COPY),
        *(str(doc) for doc in HARDSHIP_DOCUMENTS[details.hardship]),
        str(INCOME_PROOF),
        str(STATEMENT_TITLE),
    )


def checklist(details: LetterDetails) -> tuple[str, ...]:
    """The borrower's tickable checklist, printed last and kept."""
    return (
        str(ID_COPY),
        str(CONTRACT_COPY),
        str(REPAYMENT_RECORDS),
        str(INCOME_PROOF),
        *(str(doc) for doc in HARDSHIP_DOCUMENTS[details.hardship]),
        str(_("Statement of debts (负债情况说明), printed with this letter")),
        str(_("This letter, signed, and a copy for yourself")),
        str(CALL_LOG_ITEM),
    )


def _opening(details: LetterDetails) -> str:
    identity = ""
    if details.id_last4:
        identity = _(", ID number ending in %(last4)s") % {"last4": details.id_last4}
    return _(
        "I am %(name)s (phone %(phone)s%(identity)s), the borrower under contract "
        "no. %(contract)s."
    ) % {
        "name": details.full_name,
        "phone": details.phone,
        "identity": identity,
        "contract": details.contract_number,
    }


def _arrears_paragraph(plan: Plan) -> str:
    debt = plan.debt
    figures = {
        "date": _date(debt.as_of),
        "overdue": _yuan(debt.overdue_amount),
        "overdue_upper": _upper(debt.overdue_amount),
        "penalty": _yuan(debt.penalty_interest),
        "total": _yuan(debt.outstanding_total),
        "total_upper": _upper(debt.outstanding_total),
    }
    if debt.first_overdue_date is None:
        return _(
            "On %(date)s nothing is overdue yet, but I expect not to be able to pay on time. "
            "The whole debt outstanding on that date is %(total)s (in capitals: %(total_upper)s)."
        ) % figures
    return _(
        "Since %(since)s I have not been able to repay on time. On %(date)s the overdue "
        "amount is %(overdue)s (in capitals: %(overdue_upper)s), including penalty interest "
        "of %(penalty)s. The whole debt outstanding on that date is %(total)s (in capitals: "
        "%(total_upper)s)."
    ) % {**figures, "since": _date(debt.first_overdue_date)}


def _row_arrears_paragraph(plan: Plan, to: int) -> str:
    row = plan.proposal(to).debt
    return _(
        "On %(date)s I owe you %(owed)s (in capitals: %(upper)s), and my payments are "
        "%(days)s days overdue."
    ) % {
        "date": _date(plan.as_of),
        "owed": _yuan(row.balance),
        "upper": _upper(row.balance),
        "days": row.days_overdue,
    }


def _hardship_paragraph(details: LetterDetails) -> str:
    # Chinese sentences follow each other without a space; English ones with one.
    chinese = translation.get_language() != "en"
    gap, stop = ("", "。") if chinese else (" ", ".")
    sentences = [str(_("The reason: %(reason)s.") % {"reason": HARDSHIP_LABELS[details.hardship]})]
    detail = " ".join(details.hardship_detail.split())
    if detail:
        sentences.append(detail if detail[-1] in SENTENCE_ENDS else detail + stop)
    sentences.append(str(_(
        "I am not refusing to pay. I want to repay the debt in full, but at present I cannot "
        "keep to the original schedule."
    )))
    return gap.join(sentences)


def _proposal_words(plan: Plan, proposal: LetterProposal) -> str:
    option = proposal.option
    return str(OPTION_PROPOSALS[option.key.value] % {
        "count": option.count,
        "term": option.term,
        "rate": plain_decimal(plan.terms.reduced_annual_rate),
    })


def _proposal_paragraphs(plan: Plan, proposal: LetterProposal, *, card: bool) -> list[Block]:
    """The request: the plan, or the temporary payment, or a pause; then the table."""
    blocks: list[Block] = []
    if card and proposal.option is None:
        blocks.append(Paragraph(str(_(
            "Under Article 70 of the Measures for the Supervision and Administration of the "
            "Credit Card Business of Commercial Banks (《商业银行信用卡业务监督管理办法》第七十条), "
            "where a cardholder cannot repay but is willing to, the bank may agree an individual "
            "installment plan (个性化分期) of up to 5 years. I ask you to agree such a plan with "
            "me as soon as my income allows it."
        ))))
    if proposal.option is None and not proposal.token_payments:
        return [*blocks, Paragraph(str(_(
            "At present nothing is left after my family's essential living costs. I therefore "
            "ask you to pause collection and the charging of interest and penalties for the "
            "time being. I will tell you at once when my income recovers, and propose a plan then."
        )))]
    if proposal.option is None:
        return [
            *blocks,
            Paragraph(str(_(
                "I can pay %(amount)s a month for now (in capitals: %(upper)s), which is the "
                "share of my budget for this debt. I ask you to accept it as a temporary payment "
                "for up to 12 months, to freeze interest and penalties meanwhile, and to review "
                "the position with me then."
            ) % {"amount": _yuan(proposal.token), "upper": _upper(proposal.token)})),
            _payment_table(proposal),
        ]
    if card:
        stop = proposal.option.annual_rate == 0
        blocks.append(Paragraph(str(
            _("Under Article 70 of the Measures for the Supervision and Administration of the "
              "Credit Card Business of Commercial Banks (《商业银行信用卡业务监督管理办法》第七十条), "
              "I ask you for an individual installment plan (个性化分期) of up to 5 years, and "
              "for interest and fees to stop during it.")
            if stop else
            _("Under Article 70 of the Measures for the Supervision and Administration of the "
              "Credit Card Business of Commercial Banks (《商业银行信用卡业务监督管理办法》第七十条), "
              "I ask you for an individual installment plan (个性化分期) of up to 5 years, as "
              "set out below.")
        )))
    figures = {
        "proposal": _proposal_words(plan, proposal),
        "total": _yuan(proposal.total),
        "total_upper": _upper(proposal.total),
    }
    if proposal.fallback is None:
        blocks.append(Paragraph(str(_(
            "I therefore ask you to agree %(proposal)s, as set out in the table below: "
            "%(total)s in all (in capitals: %(total_upper)s)."
        ) % figures)))
    else:
        blocks.append(Paragraph(str(_(
            "In view of these circumstances, I ask you to waive the penalty interest of "
            "%(penalty)s (in capitals: %(penalty_upper)s), and to agree %(proposal)s for the "
            "remaining %(basis)s (in capitals: %(basis_upper)s), as set out in the table below: "
            "%(total)s in all (in capitals: %(total_upper)s)."
        ) % {
            **figures,
            "penalty": _yuan(proposal.waived),
            "penalty_upper": _upper(proposal.waived),
            "basis": _yuan(proposal.basis),
            "basis_upper": _upper(proposal.basis),
        })))
    blocks.append(_payment_table(proposal))
    if proposal.fallback is not None:
        fallback = proposal.fallback
        blocks.append(Paragraph(str(_(
            "If you cannot waive the penalty interest, I ask you to agree the same plan for the "
            "whole debt of %(debt)s: a first payment of %(first)s and %(total)s in all (in "
            "capitals: %(total_upper)s)."
        ) % {
            "debt": _yuan(fallback.debt),
            "first": _yuan(fallback.first_payment),
            "total": _yuan(fallback.total),
            "total_upper": _upper(fallback.total),
        })))
    return blocks


def _payment_table(proposal: LetterProposal) -> Table:
    return Table(
        headers=(str(_("No.")), str(_("Payment date")), str(_("Amount"))),
        rows=tuple((str(p.number), _date(p.date), _yuan(p.amount)) for p in proposal.payments),
        total=(str(_("Total")), "", _yuan(proposal.total)),
        align=("left", "left", "right"),
    )


# --- the statement of debts, the same in every letter of one plan ------------------


@dataclass(frozen=True)
class StatementLine:
    creditor: str
    owed: Decimal | None
    days_overdue: int
    monthly: Decimal  # the monthly amount proposed or kept; 0 for a one-off or a pause
    note: str


def statement_lines(plan: Plan, *, main_lender: str, main: LetterProposal) -> list[StatementLine]:
    """Every debt, with what is proposed (in arrears) or kept (paid as agreed)."""
    option = main.option
    if option is None:
        note = str(_("Temporary payment, asked for") if main.token else _("Pause asked for"))
        main_line = StatementLine(main_lender, plan.debt.outstanding_total,
                                  plan.debt.days_overdue, main.token, note)
    elif option.one_off:
        note = str(_("One payment of %(amount)s on %(date)s, asked for") % {
            "amount": _yuan(option.first_payment), "date": _date(option.first_date)})
        main_line = StatementLine(main_lender, plan.debt.outstanding_total,
                                  plan.debt.days_overdue, ZERO, note)
    else:
        main_line = StatementLine(main_lender, plan.debt.outstanding_total, plan.debt.days_overdue,
                                  option.first_payment, str(_("Installments, asked for")))
    lines = [main_line]
    for row in plan.others:
        proposal = plan.proposal(row.number)
        if proposal is None:
            lines.append(StatementLine(row.creditor, row.balance, 0, row.payment or ZERO,
                                       str(_("Paid as agreed"))))
            continue
        monthly = proposal.monthly
        if proposal.recommendation.detail is not None:
            note = _("Installments, asked for") if not proposal.recommendation.detail.one_off else _("Settlement, asked for")
        else:
            note = _("Temporary payment, asked for") if monthly > 0 else _("Pause asked for")
        lines.append(StatementLine(row.creditor, row.balance, row.days_overdue,
                                   monthly if not (proposal.recommendation.detail and
                                                   proposal.recommendation.detail.one_off) else ZERO,
                                   str(note)))
    return lines


def _statement_page(plan: Plan, details: LetterDetails, lines: list[StatementLine]) -> Page:
    budget = plan.budget
    owed = sum((line.owed for line in lines if line.owed is not None), ZERO)
    monthly = sum((line.monthly for line in lines), ZERO)
    rows = tuple(
        (
            line.creditor,
            _yuan(line.owed) if line.owed is not None else str(_("not given")),
            str(line.days_overdue),
            _yuan(line.monthly) if line.monthly or not line.note else "",
            line.note,
        )
        for line in lines
    )
    return Page(
        title=str(STATEMENT_TITLE),
        kind="attachment",
        blocks=(
            Paragraph(str(STATEMENT_TITLE), kind="title"),
            Paragraph(str(_("As of %(date)s, all my debts and my monthly budget are as follows. "
                            "I am asking every lender in arrears for a plan on the same basis: "
                            "what is left after essential living costs is shared in proportion "
                            "to what each is owed.") % {"date": _date(plan.as_of)})),
            Table(
                headers=(str(_("Creditor")), str(_("Owed")), str(_("Days overdue")),
                         str(_("A month")), str(_("Note"))),
                rows=rows,
                total=(str(_("Total")), _yuan(owed), "", _yuan(monthly), ""),
                align=("left", "right", "right", "right", "left"),
            ),
            Table(
                headers=(str(_("Monthly budget")), str(_("Amount"))),
                rows=(
                    (str(_("Income after tax")), _yuan(budget.monthly_income)),
                    (str(_("Essential living costs")), _yuan(budget.monthly_expenses)),
                    (str(_("Debts paid as agreed")), _yuan(budget.other_debt_payments)),
                ),
                total=(str(_("Left each month")), _yuan(budget.disposable_income)),
                align=("left", "right"),
            ),
            Paragraph(str(_("I confirm that this statement is true and complete."))),
            SignatureLines(lines=(
                (str(_("Signature")), ""),
                (str(_("Name")), details.full_name),
                (str(_("Date")), _date(details.letter_date)),
            )),
        ),
    )


def _checklist_page(details: LetterDetails) -> Page:
    return Page(
        title=str(_("Your checklist (keep this page; do not send it)")),
        kind="keep",
        blocks=(
            Paragraph(str(_("Your checklist (keep this page; do not send it)")), kind="title"),
            Paragraph(str(_("Gather these before you send the letter. Tick each one.")), kind="note"),
            ItemList(items=checklist(details), kind="checklist"),
        ),
    )


def build_letter(
    *,
    details: LetterDetails,
    plan: Plan,
    proposal: LetterProposal,
    to: int = 0,
    main_option: OptionKey | None = None,
    main_term: int | None = None,
    language: str = "zh-hans",
) -> LetterDocument:
    """The letter to this debt's lender (``to`` 0) or to row ``to``, in ``language``.

    ``proposal`` is what this letter asks for. The statement of debts lists this
    debt with ``main_option`` at ``main_term`` on D (the recommendation when None),
    so every letter of one plan carries the same statement.
    """
    main = letter_for(plan=plan, key=main_option, term=main_term)
    card = to > 0 and plan.proposal(to).debt.kind is DebtKind.CARD
    with translation.override(language):
        title = str(_("Application for a negotiated repayment plan"))
        main_lender = details.lender_name if to == 0 else (
            details.main_lender or str(_("The loan in arrears I worked out first")))
        blocks: list[Block] = [
            Paragraph(title, kind="title"),
            Paragraph(str(_("To %(lender)s:") % {"lender": details.lender_name}), kind="salutation"),
            Paragraph(str(_opening(details))),
        ]
        if to == 0:
            if plan.debt.loan_amount is not None:
                blocks.append(Paragraph(str(_(
                    "The loan amount was %(amount)s (in capitals: %(upper)s)."
                ) % {"amount": _yuan(plan.debt.loan_amount), "upper": _upper(plan.debt.loan_amount)})))
            blocks.append(Paragraph(str(_arrears_paragraph(plan))))
        else:
            blocks.append(Paragraph(str(_row_arrears_paragraph(plan, to))))
        blocks.append(Paragraph(_hardship_paragraph(details)))
        if len(plan.others):
            blocks.append(Paragraph(str(_(
                "I also owe other lenders. The attached statement of debts lists them all; each "
                "lender in arrears is asked for a plan on the same basis, in proportion to what it "
                "is owed, and I keep paying the debts that are not in arrears."
            ))))
        blocks += _proposal_paragraphs(plan, proposal, card=card)
        if to > 0 and details.ask_penalty_waiver and proposal.option is not None:
            blocks.append(Paragraph(str(_(
                "In view of these circumstances, I also ask you to waive or reduce the penalty "
                "interest and fees charged during the arrears."
            ))))
        blocks += [
            Paragraph(str(_(
                "I promise that, once the plan is agreed, I will keep to it and pay every "
                "installment on time and in full."
            ))),
            Paragraph(str(_(
                "Please confirm the agreed plan in writing (a signed or stamped agreement, or a "
                "written confirmation I can keep), and tell me whether collection will stop "
                "while I keep to it."
            ))),
            Paragraph(str(_("Attachments:")), kind="heading"),
            ItemList(items=attachments(details), kind="numbered"),
            Paragraph(str(_("With respect,")), kind="closing"),
            Paragraph(str(_("Yours faithfully")), kind="salute"),
            SignatureLines(lines=(
                (str(_("Applicant (signature)")), ""),
                (str(_("Name")), details.full_name),
                (str(_("Date")), _date(details.letter_date)),
            )),
        ]
        lines = statement_lines(plan, main_lender=main_lender, main=main)
        pages = (
            Page(title=title, blocks=tuple(blocks), kind="letter"),
            _statement_page(plan, details, lines),
            _checklist_page(details),
        )
        filename = f"{title}-{details.letter_date.isoformat()}"
    return LetterDocument(
        language=language,
        title=title,
        pages=pages,
        filename=filename,
        metadata={"title": title},
    )


BLANK_NUMBER = "________"  # a contract number left to be written in by hand


def build_bundle(
    *,
    details: LetterDetails,
    plan: Plan,
    proposal: LetterProposal,
    contracts: dict[int, str],
    main_option: OptionKey | None = None,
    language: str = "zh-hans",
) -> LetterDocument:
    """Every letter of the plan in one document, for a person who posts them the same
    day: each letter followed by the statement of debts that goes with it, and the
    borrower's checklist once, at the end.

    ``details`` are this debt's (its lender and contract number); each listed debt in
    arrears gets its own letter to its creditor, with its contract number from
    ``contracts`` (a blank line to fill in by hand when not given).
    """
    letters = [build_letter(details=details, plan=plan, proposal=proposal,
                            main_option=main_option, language=language)]
    for row in plan.proposals:
        row_details = replace(
            details,
            lender_name=row.debt.creditor,
            contract_number=contracts.get(row.number) or BLANK_NUMBER,
            main_lender=details.lender_name,
            ask_penalty_waiver=False,
        )
        letters.append(build_letter(
            details=row_details, plan=plan, proposal=letter_for(plan=plan, to=row.number),
            to=row.number, main_option=main_option, language=language,
        ))
    pages = tuple(page for letter in letters for page in letter.pages if page.kind != "keep")
    first = letters[0]
    return replace(first, pages=(*pages, first.pages[-1]))
