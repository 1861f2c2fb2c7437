"""The negotiation plan (协商还款方案): options, affordability, recommendation.

Every rule here is from calculations.md, "The negotiation plan", unless a comment
says otherwise. D is the debt owed today (``outstanding_total``); the plan's
schedules start from ``as_of``: payment k falls on the same day k months later,
always counted from ``as_of`` (31 Jan → 28 Feb → 31 Mar), a day past the month's
end being that month's last day.

Choices where the contract is silent (also stated on "how we calculate"):

- D and the payoff amount are quantized to the cent before anything else.
- A regular installment never repays more principal than is still owed. With a
  debt of a few cents, ``round(D/n)`` × (n − 1) can exceed D; the literal rule
  would then make the last payment negative. The installment is capped at the
  balance instead, and later payments are 0.00. For any realistic debt this
  never happens and the schedule is exactly the contract's.
- Each ``Payment`` splits into ``principal`` (the part that repays D) and
  ``interest`` (everything above D: new interest, or the prepayment fee for
  ``settle_now``). So, for every option, principals sum to D and
  ``cost = total − D`` is the sum of the ``interest`` parts.
- Affordability compares exact figures, ``≤``: a largest payment equal to the
  money available is affordable. "Half of disposable income" is not rounded.
  For the deferrals a negative disposable income reduces what is available
  (savings are spent on living costs meanwhile).
- ``interest_first`` is a monthly option, so, as the contract says, its largest
  payment (the last: D plus a month's interest) decides its affordability.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .money import ZERO, Rate, add_months, round_money, round_percent

# Recommendation step 2: the buffer terms, and the limit of "shortest term of 1 to
# 60 months" in steps 3 and 4 (calculations.md; 5 years is also the cap on a
# credit card's 个性化分期 and on personal consumer loans, facts.md).
BUFFER_TERMS = (3, 6, 12, 24, 36)
MAX_TERM = 60
# Default reduced rate: two thirds of the contract annual rate, to 0.01.
REDUCED_RATE_SHARE = Decimal(2) / Decimal(3)
NONE_KEY = "none"


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


@dataclass(frozen=True)
class Budget:
    """The borrower's month, in yuan."""

    monthly_income: Decimal
    monthly_expenses: Decimal  # essential living costs
    other_debt_payments: Decimal  # other debts' monthly payments
    savings: Decimal  # cash that can be used now

    @property
    def disposable_income(self) -> Decimal:
        """Income − essential expenses − other debts' payments; may be negative."""
        return self.monthly_income - self.monthly_expenses - self.other_debt_payments


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
    # What the largest payment is compared with: disposable income for a monthly
    # option; savings (+ disposable income × defer_months for the deferrals) for a
    # one-off option.
    available: Decimal
    # The annual rate in percent the option charges; None for settle_now (its
    # charge is the prepayment fee, not interest).
    annual_rate: Decimal | None

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


@dataclass(frozen=True)
class Recommendation:
    option: OptionKey | None  # None: nothing is affordable (rendered "none")
    term: int  # recommended_term: months, 0 for settle_now and for none
    reason: RecommendationReason
    option_detail: Option | None  # the option computed at the recommended term

    @property
    def key(self) -> str:
        """``recommended_option``: the option key, or "none"."""
        return NONE_KEY if self.option is None else self.option.value


@dataclass(frozen=True)
class Plan:
    debt: Decimal  # D = outstanding_total
    payoff_amount: Decimal  # D + prepayment fee
    rate: Rate  # the contract rate
    as_of: date
    budget: Budget
    disposable_income: Decimal
    term: int
    defer_months: int
    reduced_annual_rate: Decimal  # the effective one (given or defaulted)
    options: tuple[Option, ...]  # in OptionKey order
    recommendation: Recommendation

    def option(self, key: OptionKey | str) -> Option:
        wanted = OptionKey(key)
        for option in self.options:
            if option.key is wanted:
                return option
        raise KeyError(key)  # pragma: no cover - every key is built


def default_reduced_annual_rate(*, rate: Rate) -> Decimal:
    """Two thirds of the contract annual rate, to 0.01 half up (18 → 12.00)."""
    return round_percent(rate.annual_percent * REDUCED_RATE_SHARE)


def level_payment(*, debt: Decimal, monthly_rate: Decimal, periods: int) -> Decimal:
    """等额本息 payment ``A = round(D·i·(1+i)^n / ((1+i)^n − 1))``.

    At i = 0 the formula's limit, ``round(D/n)``: the schedule is then 等额本金 at
    0 %, which is what ``interest_free`` asks for.
    """
    if monthly_rate == 0:
        return round_money(debt / periods)
    growth = (1 + monthly_rate) ** periods
    return round_money(debt * monthly_rate * growth / (growth - 1))


def _amortize(
    *, debt: Decimal, monthly_rate: Decimal, periods: int
) -> list[tuple[Decimal, Decimal]]:
    """(principal, interest) of each installment of a level-payment schedule.

    calculations.md, ``equal_installment``: interest ``round(B_{k−1}·i)``, principal
    ``A − interest``, the last installment pays the whole balance plus its interest.
    With i = 0 this is ``equal_principal`` at 0 %: ``round(D/n)``, remainder last.
    """
    payment = level_payment(debt=debt, monthly_rate=monthly_rate, periods=periods)
    balance = debt
    rows = []
    for _ in range(periods - 1):
        interest = round_money(balance * monthly_rate)
        # Never repay more than is owed (module docstring).
        principal = min(payment - interest, balance)
        rows.append((principal, interest))
        balance -= principal
    rows.append((balance, round_money(balance * monthly_rate)))
    return rows


def _largest_amortized_payment(*, debt: Decimal, monthly_rate: Decimal, periods: int) -> Decimal:
    rows = _amortize(debt=debt, monthly_rate=monthly_rate, periods=periods)
    return max(principal + interest for principal, interest in rows)


def _shortest_term(
    *, debt: Decimal, monthly_rate: Decimal, limit: Decimal, terms: Iterable[int]
) -> int | None:
    """The first term whose level-payment schedule's largest payment ≤ ``limit``.

    Two cheap lower bounds skip most terms without building a schedule: the
    largest payment is at least D/n (n payments repay at least D) and at least
    the first payment, ``min(A, D + round(D·i))``.
    """
    first_interest = round_money(debt * monthly_rate)
    for periods in terms:
        if debt > limit * periods:
            continue
        if periods > 1:
            payment = level_payment(debt=debt, monthly_rate=monthly_rate, periods=periods)
            if min(payment, debt + first_interest) > limit:
                continue
        if (
            _largest_amortized_payment(debt=debt, monthly_rate=monthly_rate, periods=periods)
            <= limit
        ):
            return periods
    return None


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


def build_option(
    *,
    key: OptionKey | str,
    debt: Decimal,
    payoff_amount: Decimal,
    rate: Rate,
    as_of: date,
    budget: Budget,
    term: int = 12,
    defer_months: int = 1,
    reduced_annual_rate: Decimal | None = None,
) -> Option:
    """One option's payments and affordability (for the plan, letter and calendar).

    ``reduced_annual_rate`` None means the default, two thirds of the contract rate.
    """
    key = OptionKey(key)
    _check_inputs(
        debt=debt, payoff_amount=payoff_amount, rate=rate, term=term, defer_months=defer_months
    )
    debt = round_money(debt)
    payoff_amount = round_money(payoff_amount)
    if reduced_annual_rate is None:
        reduced_annual_rate = default_reduced_annual_rate(rate=rate)
    disposable = budget.disposable_income

    annual_rate: Decimal | None
    if key in MONTHLY_OPTIONS:
        if key is OptionKey.INSTALLMENTS:
            annual_rate = rate.annual_percent
            rows = _amortize(debt=debt, monthly_rate=rate.monthly, periods=term)
        elif key is OptionKey.REDUCED_RATE:
            annual_rate = reduced_annual_rate
            reduced = Rate.from_annual_percent(reduced_annual_rate)
            rows = _amortize(debt=debt, monthly_rate=reduced.monthly, periods=term)
        elif key is OptionKey.INTEREST_FREE:
            # equal_principal at 0 %: round(D/n), the last takes the remainder.
            annual_rate = ZERO
            rows = _amortize(debt=debt, monthly_rate=ZERO, periods=term)
        else:
            # 先息后本: round(D·i) a month, D with the last.
            annual_rate = rate.annual_percent
            interest = round_money(debt * rate.monthly)
            rows = [(ZERO, interest)] * (term - 1) + [(debt, interest)]
        payments = _monthly_payments(as_of=as_of, rows=rows)
        largest = max(payment.amount for payment in payments)
        return Option(
            key=key,
            term=term,
            payments=payments,
            one_off=False,
            affordable=largest <= disposable,
            available=disposable,
            annual_rate=annual_rate,
        )

    if key in DEFERRALS:
        due = add_months(as_of, defer_months)
        if key is OptionKey.DEFERRAL:
            # D + round(D × r × days), days from as_of to the same day later.
            annual_rate = rate.annual_percent
            interest = round_money(debt * rate.daily * (due - as_of).days)
        else:
            annual_rate = ZERO
            interest = ZERO
        payment = Payment(
            number=1, date=due, amount=debt + interest, principal=debt, interest=interest
        )
        # One-off: savings plus what the months until the payment leave over.
        available = budget.savings + disposable * defer_months
        return Option(
            key=key,
            term=defer_months,
            payments=(payment,),
            one_off=True,
            affordable=payment.amount <= available,
            available=available,
            annual_rate=annual_rate,
        )

    # settle_now: payoff_amount (D plus the prepayment fee) on as_of, from savings.
    payment = Payment(
        number=1,
        date=as_of,
        amount=payoff_amount,
        principal=debt,
        interest=payoff_amount - debt,
    )
    return Option(
        key=key,
        term=0,
        payments=(payment,),
        one_off=True,
        affordable=payoff_amount <= budget.savings,
        available=budget.savings,
        annual_rate=None,
    )


def _choose(
    *, debt: Decimal, payoff_amount: Decimal, rate: Rate, budget: Budget
) -> tuple[OptionKey | None, int, RecommendationReason]:
    """calculations.md's five recommendation steps, in order."""
    disposable = budget.disposable_income
    # 1. Settle now if savings cover it: cheapest, stops the penalty today.
    if payoff_amount <= budget.savings:
        return OptionKey.SETTLE_NOW, 0, RecommendationReason.SETTLE_WITH_SAVINGS
    # 2. Installments, shortest buffer term whose largest payment ≤ half of
    #    disposable income.
    term = _shortest_term(
        debt=debt, monthly_rate=rate.monthly, limit=disposable / 2, terms=BUFFER_TERMS
    )
    if term is not None:
        return OptionKey.INSTALLMENTS, term, RecommendationReason.INSTALLMENTS_WITH_BUFFER
    # 3. Installments, shortest term of 1..60 within the whole disposable income
    #    (the page says to ask for a lower rate).
    all_terms = range(1, MAX_TERM + 1)
    term = _shortest_term(debt=debt, monthly_rate=rate.monthly, limit=disposable, terms=all_terms)
    if term is not None:
        return OptionKey.INSTALLMENTS, term, RecommendationReason.INSTALLMENTS_FULL_INCOME
    # 4. Interest-free installments, shortest term of 1..60 within disposable income.
    term = _shortest_term(debt=debt, monthly_rate=ZERO, limit=disposable, terms=all_terms)
    if term is not None:
        return OptionKey.INTEREST_FREE, term, RecommendationReason.INTEREST_FREE
    # 5. Nothing fits: say so, and point to 12348 and the complaint channels.
    return None, 0, RecommendationReason.UNAFFORDABLE


def draft_plan(
    *,
    debt: Decimal,
    payoff_amount: Decimal,
    rate: Rate,
    as_of: date,
    budget: Budget,
    term: int = 12,
    defer_months: int = 1,
    reduced_annual_rate: Decimal | None = None,
) -> Plan:
    """Every option at the chosen term, and the recommendation.

    ``debt`` is D (``outstanding_total``); ``payoff_amount`` is D plus the
    prepayment fee. ``term`` and ``defer_months`` are whole months ≥ 1.
    """
    _check_inputs(
        debt=debt, payoff_amount=payoff_amount, rate=rate, term=term, defer_months=defer_months
    )
    debt = round_money(debt)
    payoff_amount = round_money(payoff_amount)
    if reduced_annual_rate is None:
        reduced_annual_rate = default_reduced_annual_rate(rate=rate)
    options = tuple(
        build_option(
            key=key,
            debt=debt,
            payoff_amount=payoff_amount,
            rate=rate,
            as_of=as_of,
            budget=budget,
            term=term,
            defer_months=defer_months,
            reduced_annual_rate=reduced_annual_rate,
        )
        for key in OptionKey
    )
    key, recommended_term, reason = _choose(
        debt=debt, payoff_amount=payoff_amount, rate=rate, budget=budget
    )
    detail = None
    if key is not None:
        by_key = {option.key: option for option in options}
        shown = by_key[key]
        if shown.term == recommended_term:
            detail = shown  # the user's term is the recommended one: same option
        else:
            detail = build_option(
                key=key,
                debt=debt,
                payoff_amount=payoff_amount,
                rate=rate,
                as_of=as_of,
                budget=budget,
                term=max(recommended_term, 1),
                defer_months=defer_months,
                reduced_annual_rate=reduced_annual_rate,
            )
    return Plan(
        debt=debt,
        payoff_amount=payoff_amount,
        rate=rate,
        as_of=as_of,
        budget=budget,
        disposable_income=budget.disposable_income,
        term=term,
        defer_months=defer_months,
        reduced_annual_rate=reduced_annual_rate,
        options=options,
        recommendation=Recommendation(
            option=key, term=recommended_term, reason=reason, option_detail=detail
        ),
    )


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
