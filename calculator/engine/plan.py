"""The negotiation plan (协商还款方案): options, shares of the budget, recommendations.

Every rule here is from calculations.md, "The negotiation plan", "Several debts:
one budget, shared fairly" and "The letter's figures", unless a comment says
otherwise. D is this debt owed today (``outstanding_total``); the plan's schedules
start from ``as_of``: payment k falls on the same day k months later, always
counted from ``as_of`` (31 Jan → 28 Feb → 31 Mar), a day past the month's end
being that month's last day.

Choices where the spec is silent (also stated on "how we calculate"):

- D and the payoff amount are quantized to the cent before anything else.
- The monthly options use the one exact amortiser of the contract schedule
  (``schedule.amortize``): each line computed exactly and rounded once.
- Each ``Payment`` splits into ``principal`` (the part that repays D) and
  ``interest`` (everything above D: new interest, or the prepayment fee for
  ``settle_now``). So, for every option, principals sum to D and
  ``cost = total − D`` is the sum of the ``interest`` parts.
- Affordability compares exact figures, ``≤``: a largest payment equal to the
  money available is affordable. "Half of disposable income" is not rounded.
  For the deferrals a negative share reduces what is available (savings are
  spent on living costs meanwhile).
- ``interest_first`` is a monthly option, so its largest payment (the last: D
  plus a month's interest) decides its affordability.
- A debt in arrears on the list whose contract rate is not known skips the two
  installment steps of the recommendation (they need a rate).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .arrears import PenaltyTerms, calculate_loan_arrears, calculate_quick_estimate
from .money import (
    PERCENT_MONTHS_PER_YEAR,
    ZERO,
    DailyCharge,
    Rate,
    add_months,
    round_money,
    round_money_ratio,
    round_percent,
)
from .schedule import Level, Loan, amortize, annuity_payment

# Recommendation step 2: the buffer terms, and the limit of "shortest term of 1 to
# 60 months" in steps 3 and 4 (calculations.md; 5 years is also the cap on a
# credit card's 个性化分期 and on personal consumer loans, facts.md).
BUFFER_TERMS = (3, 6, 12, 24, 36)
MAX_TERM = 60
# Default reduced rate: two thirds of the contract annual rate, to 0.01.
REDUCED_RATE_SHARE = Decimal(2) / Decimal(3)
NONE_KEY = "none"
# A letter to a debt with nothing affordable offers its share for up to 12 months
# as a temporary (token) payment, then a review (calculations.md, "Several debts").
TOKEN_MONTHS = 12
MAX_DEBTS = 10


class OptionKey(StrEnum):
    """The options, in the order the page shows them."""

    INSTALLMENTS = "installments"  # 分期还款
    REDUCED_RATE = "reduced_rate"  # 降低利率分期
    INTEREST_FREE = "interest_free"  # 停息分期 / 免息分期
    INTEREST_FIRST = "interest_first"  # 先息后本
    DEFERRAL = "deferral"  # 延期还款
    INTEREST_FREE_DEFERRAL = "interest_free_deferral"  # 免息延期
    SETTLE_NOW = "settle_now"  # 提前结清


MONTHLY_OPTIONS = frozenset(
    {
        OptionKey.INSTALLMENTS,
        OptionKey.REDUCED_RATE,
        OptionKey.INTEREST_FREE,
        OptionKey.INTEREST_FIRST,
    }
)
DEFERRALS = frozenset({OptionKey.DEFERRAL, OptionKey.INTEREST_FREE_DEFERRAL})


class RecommendationReason(StrEnum):
    """Which of the five recommendation steps chose the option."""

    SETTLE_WITH_SAVINGS = "settle_with_savings"  # step 1
    INSTALLMENTS_WITH_BUFFER = "installments_with_buffer"  # step 2
    INSTALLMENTS_FULL_INCOME = "installments_full_income"  # step 3: ask for a lower rate
    INTEREST_FREE = "interest_free"  # step 4
    UNAFFORDABLE = "unaffordable"  # step 5: point to 12348 and complaint channels


class DebtKind(StrEnum):
    """What kind of debt a row of the list is (``debt{N}_kind``)."""

    LOAN = "loan"
    CARD = "card"
    MORTGAGE = "mortgage"
    CAR = "car"
    OTHER = "other"


# The home and a car needed for work come first (the site's own advice, facts.md
# "Several debts"): a row of these kinds in arrears carries a note.
PRIORITY_KINDS = frozenset({DebtKind.MORTGAGE, DebtKind.CAR})


# --- what the plan starts from ---------------------------------------------------


@dataclass(frozen=True)
class Budget:
    """The borrower's month, in yuan."""

    monthly_income: Decimal
    monthly_expenses: Decimal  # essential living costs
    other_debt_payments: Decimal  # the monthly payments of debts kept paid as agreed
    savings: Decimal  # cash that can be used now

    @property
    def disposable_income(self) -> Decimal:
        """Income − essential expenses − other debts' payments; may be negative."""
        return self.monthly_income - self.monthly_expenses - self.other_debt_payments


@dataclass(frozen=True)
class Debt:
    """This debt on ``as_of``, as the arrears calculators give it: D and its parts."""

    as_of: date
    outstanding_total: Decimal  # D
    payoff_amount: Decimal  # D + prepayment fee
    overdue_amount: Decimal  # what is overdue (total_overdue / total_due)
    penalty_interest: Decimal  # P
    days_overdue: int
    first_overdue_date: date | None
    loan_amount: Decimal | None  # the principal, for a loan from the contract
    rate: Rate  # the contract rate


def debt_from_loan(*, loan: Loan, terms: PenaltyTerms, paid_periods: int, as_of: date) -> Debt:
    """This debt from the loan calculator's arrears (calculations.md, "Arrears")."""
    arrears = calculate_loan_arrears(loan=loan, terms=terms, paid_periods=paid_periods, as_of=as_of)
    return Debt(
        as_of=as_of,
        outstanding_total=arrears.outstanding_total,
        payoff_amount=arrears.payoff_amount,
        overdue_amount=arrears.total_overdue,
        penalty_interest=arrears.penalty_interest,
        days_overdue=arrears.days_overdue,
        first_overdue_date=arrears.first_overdue_date,
        loan_amount=round_money(loan.principal),
        rate=loan.rate,
    )


def debt_from_estimate(
    *, overdue_amount: Decimal, due_date: date, as_of: date, rate: Rate, terms: PenaltyTerms
) -> Debt:
    """This debt from the quick estimate: in the plan, D = ``total_due`` (no fee)."""
    estimate = calculate_quick_estimate(
        overdue_amount=overdue_amount, due_date=due_date, as_of=as_of, rate=rate, terms=terms
    )
    return Debt(
        as_of=as_of,
        outstanding_total=estimate.total_due,
        payoff_amount=estimate.total_due,
        overdue_amount=estimate.total_due,
        penalty_interest=estimate.penalty_interest,
        days_overdue=estimate.days_overdue,
        first_overdue_date=due_date if estimate.days_overdue else None,
        loan_amount=None,
        rate=rate,
    )


@dataclass(frozen=True)
class OtherDebt:
    """Row N of the list of debts (``debt{N}_…``), as the user typed it."""

    number: int  # N, 1 … 10
    creditor: str
    kind: DebtKind
    balance: Decimal | None  # owed today; required for a debt in arrears
    payment: Decimal | None  # the contract's monthly payment; required when kept
    days_overdue: int
    annual_rate: Decimal | None  # percent a year; None when not known

    @property
    def in_arrears(self) -> bool:
        """Days overdue > 0: negotiated together with this debt."""
        return self.days_overdue > 0

    @property
    def priority(self) -> bool:
        """A home or a car in arrears: speak to that lender at once."""
        return self.in_arrears and self.kind in PRIORITY_KINDS

    @property
    def rate(self) -> Rate | None:
        return None if self.annual_rate is None else Rate.from_annual_percent(self.annual_rate)


def kept_payments(others: Iterable[OtherDebt]) -> Decimal:
    """The monthly payments of the debts kept paid as agreed (``other_debt_payments``)."""
    return sum((debt.payment or ZERO for debt in others if not debt.in_arrears), ZERO)


@dataclass(frozen=True)
class PlanTerms:
    """The user's choices for the comparison."""

    term: int = 12  # months for the installment options
    defer_months: int = 1
    reduced_annual_rate: Decimal | None = None  # None: two thirds of the contract rate


@dataclass(frozen=True)
class Share:
    """The part of the budget set aside for one debt in arrears."""

    monthly: Decimal  # of disposable income; this debt's may be negative with no list
    savings: Decimal


# --- options -----------------------------------------------------------------------


@dataclass(frozen=True)
class Payment:
    number: int  # 1-based
    date: date
    amount: Decimal  # principal + interest
    principal: Decimal  # the part that repays D
    interest: Decimal  # the part above D (interest, or the fee when settling now)


@dataclass(frozen=True)
class Option:
    """One way of paying D, with its payments and whether the budget covers it."""

    key: OptionKey
    # Months for the monthly options, ``defer_months`` for the deferrals, 0 for
    # settle_now.
    term: int
    payments: tuple[Payment, ...]
    one_off: bool
    affordable: bool
    # What the largest payment is compared with: the monthly share for a monthly
    # option; the savings share (+ the monthly share × defer_months for the
    # deferrals) for a one-off option.
    available: Decimal
    # The annual rate in percent the option charges; None for settle_now (its
    # charge is the prepayment fee, not interest).
    annual_rate: Decimal | None

    @property
    def debt(self) -> Decimal:
        """The amount the option repays (D, or D − P in a waiver letter)."""
        return sum((payment.principal for payment in self.payments), ZERO)

    @property
    def first_payment(self) -> Decimal:
        """The spec's ``*_payment``: first monthly payment, or the one payment."""
        return self.payments[0].amount

    @property
    def last_payment(self) -> Decimal:
        return self.payments[-1].amount

    @property
    def largest_payment(self) -> Decimal:
        return max(payment.amount for payment in self.payments)

    @property
    def total(self) -> Decimal:
        """The spec's ``*_total``: the sum of the (rounded) payments."""
        return sum((payment.amount for payment in self.payments), ZERO)

    @property
    def cost(self) -> Decimal:
        """Total paid above D."""
        return sum((payment.interest for payment in self.payments), ZERO)

    @property
    def count(self) -> int:
        return len(self.payments)

    @property
    def first_date(self) -> date:
        return self.payments[0].date

    @property
    def last_date(self) -> date:
        return self.payments[-1].date

    @property
    def shortfall(self) -> Decimal:
        """How much more than ``available`` the largest payment needs; 0 if affordable."""
        return ZERO if self.affordable else self.largest_payment - self.available


def default_reduced_annual_rate(*, rate: Rate) -> Decimal:
    """Two thirds of the contract annual rate, to 0.01 half up (18 → 12.00)."""
    return round_percent(rate.annual_percent * REDUCED_RATE_SHARE)


def _monthly_payments(
    *, as_of: date, rows: Iterable[tuple[Decimal, Decimal]]
) -> tuple[Payment, ...]:
    # Payment k on the same day k months after as_of, counted from as_of itself.
    return tuple(
        Payment(
            number=number,
            date=add_months(as_of, number),
            amount=principal + interest,
            principal=principal,
            interest=interest,
        )
        for number, (principal, interest) in enumerate(rows, start=1)
    )


def _monthly_rows(
    key: OptionKey, *, debt: Decimal, annual: Decimal, term: int
) -> tuple[tuple[Decimal, Decimal], ...]:
    if key is OptionKey.INTEREST_FIRST:
        # 先息后本: round(D·i) a month, D with the last; i = annual ÷ 12, exact.
        interest = round_money_ratio(debt * annual, PERCENT_MONTHS_PER_YEAR)
        return ((ZERO, interest),) * (term - 1) + ((debt, interest),)
    # installments / reduced_rate: 等额本息 of D; interest_free: the same at 0 %,
    # which is round(D/n) a month with the remainder last.
    return amortize(principal=debt, annual_percent=annual, periods=term, level=Level.PAYMENT)


def build_option(
    *,
    key: OptionKey | str,
    debt: Decimal,
    payoff_amount: Decimal,
    rate: Rate,
    as_of: date,
    share: Share,
    term: int = 12,
    defer_months: int = 1,
    reduced_annual_rate: Decimal | None = None,
) -> Option:
    """One option's payments and whether ``share`` covers it.

    ``reduced_annual_rate`` None means the default, two thirds of the contract rate.
    """
    key = OptionKey(key)
    _check_inputs(
        debt=debt, payoff_amount=payoff_amount, rate=rate, term=term, defer_months=defer_months
    )
    debt = round_money(debt)
    payoff_amount = round_money(payoff_amount)

    if key in MONTHLY_OPTIONS:
        annual = {
            OptionKey.REDUCED_RATE: (
                default_reduced_annual_rate(rate=rate)
                if reduced_annual_rate is None
                else reduced_annual_rate
            ),
            OptionKey.INTEREST_FREE: ZERO,
        }.get(key, rate.annual_percent)
        payments = _monthly_payments(
            as_of=as_of, rows=_monthly_rows(key, debt=debt, annual=annual, term=term)
        )
        largest = max(payment.amount for payment in payments)
        return Option(key, term, payments, False, largest <= share.monthly, share.monthly, annual)

    if key in DEFERRALS:
        due = add_months(as_of, defer_months)
        annual = rate.annual_percent if key is OptionKey.DEFERRAL else ZERO
        # D + round(D × r × days), days from as_of to the same day later; exact.
        interest = DailyCharge.of(base=debt, annual_percent=annual).for_days((due - as_of).days)
        payment = Payment(1, due, debt + interest, debt, interest)
        # One-off: the savings share plus what the months until then leave over.
        available = share.savings + share.monthly * defer_months
        return Option(key, defer_months, (payment,), True, payment.amount <= available, available, annual)

    # settle_now: payoff_amount (D plus the prepayment fee) on as_of, from savings.
    payment = Payment(1, as_of, payoff_amount, debt, payoff_amount - debt)
    return Option(key, 0, (payment,), True, payoff_amount <= share.savings, share.savings, None)


# --- the recommendation ------------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    option: OptionKey | None  # None: nothing is affordable (rendered "none")
    term: int  # recommended_term: months, 0 for settle_now and for none
    reason: RecommendationReason
    detail: Option | None  # the option computed at the recommended term

    @property
    def key(self) -> str:
        """``recommended_option``: the option key, or "none"."""
        return NONE_KEY if self.option is None else self.option.value

    @property
    def first_payment(self) -> Decimal:
        """``*_payment`` of the recommendation: 0.00 for none."""
        return ZERO if self.detail is None else self.detail.first_payment

    @property
    def total(self) -> Decimal:
        """``*_total`` of the recommendation: 0.00 for none."""
        return ZERO if self.detail is None else self.detail.total


def _largest_payment(*, debt: Decimal, annual: Decimal, periods: int) -> Decimal:
    return max(p + i for p, i in amortize(principal=debt, annual_percent=annual, periods=periods))


def _shortest_term(
    *, debt: Decimal, annual: Decimal, limit: Decimal, terms: Iterable[int]
) -> int | None:
    """The first term whose level-payment schedule's largest payment ≤ ``limit``.

    Two cheap lower bounds skip most terms without building a schedule: n payments
    repay at least D, so the largest is at least D / n; and it is at least the
    first payment, ``min(A, D + round(D·i))``.
    """
    first_interest = round_money_ratio(debt * annual, PERCENT_MONTHS_PER_YEAR)
    for periods in terms:
        if debt > limit * periods:
            continue
        if min(annuity_payment(debt, annual, periods), debt + first_interest) > limit:
            continue
        if _largest_payment(debt=debt, annual=annual, periods=periods) <= limit:
            return periods
    return None


def _choose(
    *, debt: Decimal, payoff_amount: Decimal, annual: Decimal | None, share: Share
) -> tuple[OptionKey | None, int, RecommendationReason]:
    """calculations.md's five recommendation steps, in order."""
    # 1. Settle now if savings cover it: cheapest, stops the penalty today.
    if payoff_amount <= share.savings:
        return OptionKey.SETTLE_NOW, 0, RecommendationReason.SETTLE_WITH_SAVINGS
    all_terms = range(1, MAX_TERM + 1)
    if annual is not None:
        # 2. Installments, the shortest buffer term whose largest payment ≤ half.
        term = _shortest_term(debt=debt, annual=annual, limit=share.monthly / 2, terms=BUFFER_TERMS)
        if term is not None:
            return OptionKey.INSTALLMENTS, term, RecommendationReason.INSTALLMENTS_WITH_BUFFER
        # 3. Installments, the shortest of 1..60 within the whole share (ask for a
        #    lower rate).
        term = _shortest_term(debt=debt, annual=annual, limit=share.monthly, terms=all_terms)
        if term is not None:
            return OptionKey.INSTALLMENTS, term, RecommendationReason.INSTALLMENTS_FULL_INCOME
    # 4. Interest-free installments, the shortest of 1..60 within the share.
    term = _shortest_term(debt=debt, annual=ZERO, limit=share.monthly, terms=all_terms)
    if term is not None:
        return OptionKey.INTEREST_FREE, term, RecommendationReason.INTEREST_FREE
    # 5. Nothing fits: say so, and point to 12348 and the complaint channels.
    return None, 0, RecommendationReason.UNAFFORDABLE


def recommend(
    *,
    debt: Decimal,
    payoff_amount: Decimal,
    rate: Rate | None,
    as_of: date,
    share: Share,
    defer_months: int = 1,
) -> Recommendation:
    """The recommended option for one debt and its share, computed at its own term.

    ``rate`` None (a listed debt whose rate is unknown) skips steps 2 and 3.
    """
    debt, payoff_amount = round_money(debt), round_money(payoff_amount)
    annual = None if rate is None else rate.annual_percent
    key, term, reason = _choose(debt=debt, payoff_amount=payoff_amount, annual=annual, share=share)
    detail = None
    if key is not None:
        detail = build_option(
            key=key,
            debt=debt,
            payoff_amount=payoff_amount,
            rate=rate or Rate.from_annual_percent(ZERO),
            as_of=as_of,
            share=share,
            term=max(term, 1),
            defer_months=defer_months,
        )
    return Recommendation(option=key, term=term, reason=reason, detail=detail)


# --- several debts: one budget, shared fairly ---------------------------------------


def share_budget(
    *, budget: Budget, debt: Decimal, others: tuple[OtherDebt, ...]
) -> tuple[Share, dict[int, Share]]:
    """This debt's share and each row in arrears' share, pro rata to what is owed.

    calculations.md: row N's share is ``round(disposable × balance_N / arrears_total)``
    and this debt keeps ``disposable − Σ row shares``, so the shares add up exactly;
    savings are shared the same way. With disposable income ≤ 0 every share is 0;
    with no row in arrears this debt has the whole budget.
    """
    in_arrears = [row for row in others if row.in_arrears]
    if not in_arrears:
        return Share(monthly=budget.disposable_income, savings=budget.savings), {}
    balances = {row.number: row.balance or ZERO for row in in_arrears}
    total = debt + sum(balances.values(), ZERO)
    monthly, monthly_rest = _pro_rata(budget.disposable_income, balances, total)
    savings, savings_rest = _pro_rata(budget.savings, balances, total)
    rows = {number: Share(monthly=monthly[number], savings=savings[number]) for number in balances}
    return Share(monthly=monthly_rest, savings=savings_rest), rows


def _pro_rata(
    amount: Decimal, balances: dict[int, Decimal], total: Decimal
) -> tuple[dict[int, Decimal], Decimal]:
    """``round(amount × balance_N / total)`` for each row, and the rest for this debt;
    all 0 when ``amount`` ≤ 0 (nothing to share)."""
    if amount <= 0 or total <= 0:
        return dict.fromkeys(balances, ZERO), ZERO
    shares = {n: round_money_ratio(amount * balance, total) for n, balance in balances.items()}
    return shares, amount - sum(shares.values(), ZERO)


@dataclass(frozen=True)
class Proposal:
    """What the plan proposes to a debt in arrears on the list."""

    debt: OtherDebt
    share: Share
    recommendation: Recommendation

    @property
    def number(self) -> int:
        return self.debt.number

    @property
    def monthly(self) -> Decimal:
        """The amount a month proposed: the recommendation's first payment, or,
        with nothing affordable, the share offered as a token payment."""
        if self.recommendation.detail is None:
            return self.share.monthly
        return self.recommendation.first_payment


# --- the plan ------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    debt: Debt  # this debt: D, P, the contract rate
    budget: Budget
    terms: PlanTerms  # with the effective reduced rate filled in
    others: tuple[OtherDebt, ...]  # the whole list, kept and in arrears, in row order
    share: Share  # this debt's
    options: tuple[Option, ...]  # in OptionKey order, at terms.term
    recommendation: Recommendation
    proposals: tuple[Proposal, ...]  # the rows in arrears, in row order

    @property
    def as_of(self) -> date:
        return self.debt.as_of

    @property
    def disposable_income(self) -> Decimal:
        return self.budget.disposable_income

    @property
    def arrears_total(self) -> Decimal:
        """D plus the balance of every row in arrears."""
        return self.debt.outstanding_total + sum(
            (proposal.debt.balance or ZERO for proposal in self.proposals), ZERO
        )

    @property
    def kept(self) -> tuple[OtherDebt, ...]:
        """The rows kept paid as agreed."""
        return tuple(row for row in self.others if not row.in_arrears)

    def option(self, key: OptionKey | str) -> Option:
        wanted = OptionKey(key)
        return next(option for option in self.options if option.key is wanted)

    def proposal(self, number: int) -> Proposal | None:
        return next((p for p in self.proposals if p.number == number), None)

    def option_at(self, key: OptionKey | str, *, term: int, debt: Decimal | None = None) -> Option:
        """Option ``key`` for this debt at ``term`` months (the letter's term), on
        ``debt`` (default D; D − P in a waiver letter) with the fee unchanged."""
        basis = self.debt.outstanding_total if debt is None else debt
        fee = self.debt.payoff_amount - self.debt.outstanding_total
        return build_option(
            key=key,
            debt=basis,
            payoff_amount=basis + fee,
            rate=self.debt.rate,
            as_of=self.as_of,
            share=self.share,
            term=max(term, 1),
            defer_months=self.terms.defer_months,
            reduced_annual_rate=self.terms.reduced_annual_rate,
        )


def draft_plan(
    *,
    debt: Debt,
    budget: Budget,
    terms: PlanTerms = PlanTerms(),  # noqa: B008 - frozen, so one shared default is safe
    others: tuple[OtherDebt, ...] = (),
) -> Plan:
    """Every option at ``terms.term``, this debt's recommendation, and a proposal
    for each debt in arrears on the list."""
    _check_inputs(
        debt=debt.outstanding_total,
        payoff_amount=debt.payoff_amount,
        rate=debt.rate,
        term=terms.term,
        defer_months=terms.defer_months,
    )
    if terms.reduced_annual_rate is None:
        terms = replace(terms, reduced_annual_rate=default_reduced_annual_rate(rate=debt.rate))
    d = round_money(debt.outstanding_total)
    share, row_shares = share_budget(budget=budget, debt=d, others=others)
    options = tuple(
        build_option(
            key=key,
            debt=d,
            payoff_amount=debt.payoff_amount,
            rate=debt.rate,
            as_of=debt.as_of,
            share=share,
            term=terms.term,
            defer_months=terms.defer_months,
            reduced_annual_rate=terms.reduced_annual_rate,
        )
        for key in OptionKey
    )
    recommendation = recommend(
        debt=d,
        payoff_amount=debt.payoff_amount,
        rate=debt.rate,
        as_of=debt.as_of,
        share=share,
        defer_months=terms.defer_months,
    )
    # The recommended option at the comparison's term is the card itself: one object.
    shown = next((o for o in options if o.key is recommendation.option), None)
    if shown is not None and shown.term == recommendation.detail.term:
        recommendation = replace(recommendation, detail=shown)
    proposals = tuple(
        Proposal(
            debt=row,
            share=row_shares[row.number],
            recommendation=recommend(
                debt=row.balance or ZERO,
                payoff_amount=row.balance or ZERO,
                rate=row.rate,
                as_of=debt.as_of,
                share=row_shares[row.number],
                defer_months=terms.defer_months,
            ),
        )
        for row in others
        if row.in_arrears
    )
    return Plan(
        debt=debt,
        budget=budget,
        terms=terms,
        others=others,
        share=share,
        options=options,
        recommendation=recommendation,
        proposals=proposals,
    )


# --- the letter's figures -------------------------------------------------------------


@dataclass(frozen=True)
class LetterProposal:
    """What a letter proposes (calculations.md, "The letter's figures").

    ``option`` is what the letter asks for, on ``basis``: D − P when the penalty P
    is asked to be waived, else D; ``fallback`` is the same option on D, stated
    for the case the waiver is refused (None without a waiver). A letter to a
    listed debt with nothing affordable has no option: it offers ``token`` a month
    for ``TOKEN_MONTHS`` months (``token_payments``), or, with a share of 0, no
    amount and a request to pause collection.
    """

    basis: Decimal
    option: Option | None
    fallback: Option | None = None
    waived: Decimal = ZERO
    token_payments: tuple[Payment, ...] = ()

    @property
    def token(self) -> Decimal:
        return self.token_payments[0].amount if self.token_payments else ZERO

    @property
    def first_payment(self) -> Decimal:
        if self.option is not None:
            return self.option.first_payment
        return self.token

    @property
    def total(self) -> Decimal:
        if self.option is not None:
            return self.option.total
        return sum((payment.amount for payment in self.token_payments), ZERO)

    @property
    def payments(self) -> tuple[Payment, ...]:
        return self.option.payments if self.option is not None else self.token_payments


def letter_for(
    *,
    plan: Plan,
    to: int = 0,
    key: OptionKey | str | None = None,
    term: int | None = None,
    waive_penalty: bool = False,
) -> LetterProposal:
    """What the letter to this debt's lender (``to`` 0) or to row ``to`` proposes.

    Row N: its recommended option, else its share as a token payment, else nothing
    (a pause). This debt: option ``key`` at ``term`` months (default the plan's term),
    or without ``key`` the recommendation at its own term, else a token payment or a
    pause as for a row. With ``waive_penalty`` and P > 0, the option is proposed on
    D − P (same term, rate and dates) and the option on D is the fallback.
    """
    if to:
        proposal = plan.proposal(to)
        if proposal is None:
            raise KeyError(to)
        detail = proposal.recommendation.detail
        basis = round_money(proposal.debt.balance or ZERO)
        if detail is not None:
            return LetterProposal(basis=basis, option=detail)
        return _token(plan.as_of, basis, proposal.share.monthly)
    if key is None:
        rec = plan.recommendation
        if rec.detail is None:
            return _token(plan.as_of, round_money(plan.debt.outstanding_total), plan.share.monthly)
        key, term = rec.option, rec.detail.term
    term = term or plan.terms.term
    on_debt = plan.option_at(key, term=term)
    penalty = plan.debt.penalty_interest
    if not waive_penalty or penalty <= 0:
        return LetterProposal(basis=on_debt.debt, option=on_debt)
    basis = round_money(plan.debt.outstanding_total) - penalty
    waived = plan.option_at(key, term=term, debt=basis)
    return LetterProposal(basis=basis, option=waived, fallback=on_debt, waived=penalty)


def _token(as_of: date, basis: Decimal, monthly: Decimal) -> LetterProposal:
    """``monthly`` a month for ``TOKEN_MONTHS`` months as a temporary payment; with
    nothing to offer, no payment at all (the letter asks for a pause)."""
    if monthly <= 0:
        return LetterProposal(basis=basis, option=None)
    rows = ((monthly, ZERO),) * TOKEN_MONTHS
    return LetterProposal(basis=basis, option=None, token_payments=_monthly_payments(as_of=as_of, rows=rows))


def _check_inputs(
    *, debt: Decimal, payoff_amount: Decimal, rate: Rate, term: int, defer_months: int
) -> None:
    # The forms validate what users type; these guard the engine's own contract.
    if debt < 0:
        raise ValueError("debt must not be negative")
    if payoff_amount < debt:
        raise ValueError("payoff_amount is D plus a fee: it cannot be below the debt")
    if rate.annual_percent < 0:
        raise ValueError("rate must not be negative")
    if term < 1:
        raise ValueError("term must be at least one month")
    if defer_months < 1:
        raise ValueError("defer_months must be at least one month")

