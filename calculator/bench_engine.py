"""Time one loan-calculator request's engine work (no Django).

Run: ``python -m calculator.bench_engine``. A 60-period equal_installment loan
three installments in arrears: ``build_schedule`` once, then
``calculate_loan_arrears`` + ``consequence_timeline`` + ``loan_growth`` (91 points)
on that schedule, as one request computes them. Nothing is kept between runs.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from decimal import Decimal

from calculator.engine.arrears import PenaltyTerms, calculate_loan_arrears
from calculator.engine.growth import loan_growth
from calculator.engine.money import Rate
from calculator.engine.schedule import Loan, Method, build_schedule
from calculator.engine.timeline import consequence_timeline

LOAN = Loan(
    principal=Decimal("120000.00"),
    start_date=date(2025, 1, 20),
    periods=60,
    repayment_day=10,
    method=Method.EQUAL_INSTALLMENT,
    rate=Rate.from_annual_percent(Decimal("14.4")),
)
TERMS = PenaltyTerms(
    penalty_multiplier=Decimal("1.5"), grace_days=3, prepayment_fee_percent=Decimal("2")
)
PAID_PERIODS = 14
AS_OF = date(2026, 6, 18)
RUNS = 2000


def request() -> None:
    schedule = build_schedule(loan=LOAN)
    result = calculate_loan_arrears(
        loan=LOAN, terms=TERMS, paid_periods=PAID_PERIODS, as_of=AS_OF, schedule=schedule
    )
    assert result.first_overdue_date is not None
    consequence_timeline(
        first_overdue=result.first_overdue_date, grace_days=TERMS.grace_days, as_of=AS_OF
    )
    loan_growth(
        loan=LOAN, terms=TERMS, paid_periods=PAID_PERIODS, as_of=AS_OF, schedule=schedule
    )


def main() -> None:
    for _ in range(50):
        request()
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter_ns()
        request()
        timings.append((time.perf_counter_ns() - began) / 1000)
    print(
        f"{RUNS} runs, the schedule built once per run: "
        f"median {statistics.median(timings):.0f} µs, mean {statistics.mean(timings):.0f} µs"
    )


if __name__ == "__main__":
    main()
