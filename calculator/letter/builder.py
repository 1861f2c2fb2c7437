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
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from calculator.engine.plan import Budget, Option
from calculator.formatting import MAX_RMB_UPPER, format_yuan, plain_decimal, rmb_upper
from calculator.plan.options import OPTION_PROPOSALS
from calculator.plan.parameters import Debt

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
    # Relative column widths (e.g. (1, 2, 1)) for a table of blank cells to fill by
    # hand; empty: the PDF sizes each column by its widest text.
    widths: tuple[int, ...] = ()


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

GENERAL_DOCUMENTS = (
    _("Copy of the ID card (身份证复印件)"),
    _("The loan contract, or screenshots of the loan details in the app"),
    _("Repayment records so far"),
    _("Proof of income: wage slips or bank statements for the last 6 months"),
)

CALL_LOG_ITEM = _("A log of every call with the lender: date, time, name, what was said")


def _yuan(amount: Decimal) -> str:
    return format_yuan(amount)


def _upper(amount: Decimal) -> str:
    return rmb_upper(amount)


def amounts_fit_in_words(debt: Debt, option: Option) -> bool:
    """Whether the letter can write each of its amounts in capitals (人民币大写).

    The capitals stop at 9 999 999 999 999.99 yuan. Only extreme inputs get past
    that (1 亿 at 1 % a day for decades, then 60 months at that rate): the letter
    form refuses them with a message instead of failing.
    """
    amounts = [debt.overdue_amount, debt.outstanding_total, option.total]
    if debt.loan_amount is not None:
        amounts.append(debt.loan_amount)
    return all(amount <= MAX_RMB_UPPER for amount in amounts)


def _date(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def attachments(details: LetterDetails, *, has_debts_statement: bool) -> tuple[str, ...]:
    """The attachments list at the foot of the letter, tailored to the hardship."""
    items = [
        str(GENERAL_DOCUMENTS[0]),
        *(str(doc) for doc in HARDSHIP_DOCUMENTS[details.hardship]),
        str(GENERAL_DOCUMENTS[3]),
    ]
    if has_debts_statement:
        items.append(str(_("Statement of debts (负债情况说明)")))
    return tuple(items)


def checklist(details: LetterDetails) -> tuple[str, ...]:
    """The tickable document checklist printed after the letter."""
    return (
        *(str(doc) for doc in GENERAL_DOCUMENTS),
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
        "I am %(name)s (phone %(phone)s%(identity)s), the borrower under loan contract "
        "no. %(contract)s."
    ) % {
        "name": details.full_name,
        "phone": details.phone,
        "identity": identity,
        "contract": details.contract_number,
    }


def _arrears_paragraph(debt: Debt) -> str:
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


SENTENCE_ENDS = "。！？.!?"


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


def _proposal_paragraph(option: Option, reduced_annual_rate: Decimal) -> str:
    proposal = OPTION_PROPOSALS[option.key.value] % {
        "count": option.count,
        "term": option.term,
        "rate": plain_decimal(reduced_annual_rate),
    }
    return _(
        "I therefore ask you to agree %(proposal)s, as set out in the table below: "
        "%(total)s in all (in capitals: %(total_upper)s)."
    ) % {"proposal": proposal, "total": _yuan(option.total), "total_upper": _upper(option.total)}


def _payment_table(option: Option) -> Table:
    return Table(
        headers=(str(_("No.")), str(_("Payment date")), str(_("Amount"))),
        rows=tuple(
            (str(p.number), _date(p.date), _yuan(p.amount)) for p in option.payments
        ),
        total=(str(_("Total")), "", _yuan(option.total)),
        align=("left", "left", "right"),
    )


def _debts_page(details: LetterDetails, debt: Debt, others: tuple, budget: Budget) -> Page:
    days = debt.arrears.days_overdue if debt.first_overdue_date else 0
    rows = [(details.lender_name, _yuan(debt.outstanding_total), "–", str(days))]
    rows += [
        (
            other.creditor,
            _yuan(other.balance) if other.balance is not None else "–",
            _yuan(other.monthly_payment),
            str(other.days_overdue),
        )
        for other in others
    ]
    owed = debt.outstanding_total + sum(
        (other.balance for other in others if other.balance is not None), Decimal(0)
    )
    monthly = sum((other.monthly_payment for other in others), Decimal(0))
    return Page(
        title=str(_("Statement of debts (负债情况说明)")),
        blocks=(
            Paragraph(str(_("Statement of debts (负债情况说明)")), kind="title"),
            Paragraph(str(_("As of %(date)s, my debts and my monthly budget are as follows.") % {
                "date": _date(debt.as_of)})),
            Table(
                headers=(str(_("Creditor")), str(_("Amount owed")),
                         str(_("Monthly payment")), str(_("Days overdue"))),
                rows=tuple(rows),
                total=(str(_("Total")), _yuan(owed), _yuan(monthly), ""),
                align=("left", "right", "right", "right"),
            ),
            Table(
                headers=(str(_("Monthly budget")), str(_("Amount"))),
                rows=(
                    (str(_("Income after tax")), _yuan(budget.monthly_income)),
                    (str(_("Essential living costs")), _yuan(budget.monthly_expenses)),
                    (str(_("Other debts' monthly payments")), _yuan(budget.other_debt_payments)),
                ),
                total=(str(_("Left each month")), _yuan(budget.disposable_income)),
                align=("left", "right"),
            ),
            Paragraph(str(_("I confirm that this statement is true and complete."))),
            SignatureLines(lines=(
                (str(_("Signature")), ""),
                (str(_("Date")), _date(details.letter_date)),
            )),
        ),
    )


def build_letter(
    *,
    details: LetterDetails,
    debt: Debt,
    option: Option,
    reduced_annual_rate: Decimal,
    budget: Budget,
    other_debts: tuple = (),
    language: str = "zh-hans",
) -> LetterDocument:
    """The letter, the document checklist and the statement of debts, in ``language``."""
    with translation.override(language):
        title = str(_("Application for a negotiated repayment plan"))
        blocks: list[Block] = [
            Paragraph(title, kind="title"),
            Paragraph(str(_("To %(lender)s:") % {"lender": details.lender_name}), kind="salutation"),
            Paragraph(_opening(details)),
        ]
        if debt.loan_amount is not None:
            blocks.append(Paragraph(str(_(
                "The loan amount was %(amount)s (in capitals: %(upper)s)."
            ) % {"amount": _yuan(debt.loan_amount), "upper": _upper(debt.loan_amount)})))
        blocks += [
            Paragraph(str(_arrears_paragraph(debt))),
            Paragraph(_hardship_paragraph(details)),
            Paragraph(str(_proposal_paragraph(option, reduced_annual_rate))),
            _payment_table(option),
        ]
        if details.ask_penalty_waiver:
            blocks.append(Paragraph(str(_(
                "In view of these circumstances, I also ask you to waive or reduce the penalty "
                "interest charged during the arrears."
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
            ItemList(items=attachments(details, has_debts_statement=True)),
            Paragraph(str(_("Respectfully submitted.")), kind="closing"),
            SignatureLines(lines=(
                (str(_("Applicant (signature)")), ""),
                (str(_("Name")), details.full_name),
                (str(_("Date")), _date(details.letter_date)),
            )),
        ]
        pages = (
            Page(title=title, blocks=tuple(blocks)),
            Page(
                title=str(_("Document checklist")),
                blocks=(
                    Paragraph(str(_("Document checklist")), kind="title"),
                    Paragraph(str(_("Gather these before you send the letter. Tick each one.")), kind="note"),
                    ItemList(items=checklist(details), numbered=False, checkboxes=True),
                ),
            ),
            _debts_page(details, debt, tuple(other_debts), budget),
        )
        filename = f"{title}-{details.letter_date.isoformat()}"
    return LetterDocument(
        language=language,
        title=title,
        pages=pages,
        filename=filename,
        metadata={"title": title},
    )
