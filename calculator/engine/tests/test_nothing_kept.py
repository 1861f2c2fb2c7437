"""The engine keeps nothing between calls (product.md: "the server forgets a result
as soon as it is sent"): no function of it memoises schedules, rates or results."""

import importlib
import pkgutil
from datetime import date
from decimal import Decimal

import calculator.engine
from calculator.engine.schedule import build_schedule
from calculator.tests.loans import spec_loan


def test_no_engine_function_is_a_cache():
    cached = []
    for module_info in pkgutil.iter_modules(calculator.engine.__path__):
        if module_info.name == "tests":
            continue
        module = importlib.import_module(f"calculator.engine.{module_info.name}")
        for name, value in vars(module).items():
            # functools.lru_cache and functools.cache wrappers have cache_info().
            if callable(value) and hasattr(value, "cache_info"):
                cached.append(f"{module_info.name}.{name}")
    assert cached == []


def test_the_same_loan_twice_is_worked_out_twice():
    # Two equal loans give equal schedules, but not the same kept object.
    first, second = build_schedule(loan=spec_loan()), build_schedule(loan=spec_loan())
    assert first == second and first is not second
    assert first[0].interest == Decimal("130.00")  # 10 000 × 0.05 % × 26 days (01-15 → 02-10)
    assert first[0].due_date == date(2026, 2, 10)
