"""The loans the tests share: calculations.md's check and facts.md's vectors,
as engine objects and as the query strings of the calculator pages."""

from datetime import date
from decimal import Decimal

from calculator.engine.money import Rate
from calculator.engine.schedule import Loan, Method

XIAOMI_RATE = Rate.from_daily_percent(Decimal("0.05"))  # r = 0.0005 a day = 18 %/year
TWELVE_PERCENT = Rate.from_annual_percent(Decimal(12))  # i = 1 % a month


def spec_loan(method: Method = Method.INTEREST_ONLY) -> Loan:
    # calculations.md's check: 10 000 from 2026-01-15, 6 periods, day 10, 0.05 %/day.
    # Interest 130, 140, 155, 150, 155, 150 due 02-10, 03-10 … 07-10.
    return Loan(
        principal=Decimal("10000"),
        start_date=date(2026, 1, 15),
        periods=6,
        repayment_day=10,
        method=method,
        rate=XIAOMI_RATE,
    )


def facts_loan(method: Method) -> Loan:
    # facts.md's vectors: 10 000 at 12 %/year over 12 months.
    return Loan(
        principal=Decimal("10000.00"),
        start_date=date(2026, 1, 15),
        periods=12,
        repayment_day=15,
        method=method,
        rate=TWELVE_PERCENT,
    )


# --- the same loans as query strings (calculations.md's parameter names) --------

# calculations.md, "Check": the loan with paid_periods=2 on 2026-05-20, fee 3 %,
# its terms from the xiaomi preset.
SPEC_LOAN = {
    "preset": "xiaomi",
    "principal": "10000",
    "start_date": "2026-01-15",
    "paid_periods": "2",
    "as_of": "2026-05-20",
    "prepayment_fee": "3",
}
# The same loan with every term spelled out and no preset.
SPEC_LOAN_TERMS = {
    "principal": "10000",
    "start_date": "2026-01-15",
    "periods": "6",
    "repayment_day": "10",
    "method": "interest_only",
    "daily_rate": "0.05",
    "penalty_multiplier": "1.5",
    "grace_days": "3",
    "paid_periods": "2",
    "as_of": "2026-05-20",
    "prepayment_fee": "3",
}
# The quick estimate: 12 000 overdue since 2026-03-10, seen on 2026-05-20.
QUICK = {
    "overdue_amount": "12000",
    "due_date": "2026-03-10",
    "as_of": "2026-05-20",
    "daily_rate": "0.05",
    "penalty_multiplier": "1.5",
    "grace_days": "3",
}
# The plan with several debts, calculations.md's check: the quick estimate (D = 8 312.00) and three debts.
SEVERAL = {
    "overdue_amount": "8000", "due_date": "2026-03-10", "as_of": "2026-05-01",
    "daily_rate": "0.05", "penalty_multiplier": "1.5", "grace_days": "3",
    "monthly_income": "12000", "monthly_expenses": "5000", "savings": "3000",
    "debt1_creditor": "借呗", "debt1_balance": "20000", "debt1_payment": "1800",
    "debt1_days": "40", "debt1_rate": "18",
    "debt2_creditor": "招商银行信用卡", "debt2_kind": "card", "debt2_balance": "30000",
    "debt2_payment": "1500", "debt2_days": "60", "debt2_rate": "18",
    "debt3_creditor": "建设银行房贷", "debt3_kind": "mortgage", "debt3_payment": "3000",
    "debt3_days": "0",
}
