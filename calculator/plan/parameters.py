"""The plan's parameters: which names belong where, and every onward link.

The plan page, its calendar, the letter and the offer page all take the plan's
query parameters (calculations.md, "Public URLs"). ``PlanParameters`` is the one
place that knows them: the arrears (loan or quick estimate), the budget, the rows
of the list of debts, and what a letter or calendar is for (``option``, ``to``).
Every link that carries them is built here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse

from calculator.arrears.forms import LoanForm, QuickEstimateForm
from calculator.engine.plan import MAX_DEBTS
from calculator.offer.links import contact_log_query, offer_query
from calculator.plan.forms import DEBT_PARTS, ROWS_PARAMETER, BudgetForm

# The quick estimate's hidden "row" is where it was opened from, not one of the plan's.
ARREARS_NAMES = tuple(
    name for name in dict.fromkeys([*LoanForm.base_fields, *QuickEstimateForm.base_fields])
    if name != "row"
)
BUDGET_NAMES = tuple(BudgetForm.base_fields)
DEBT_NAMES = tuple(
    f"debt{number}_{part}" for number in range(1, MAX_DEBTS + 1) for part in DEBT_PARTS
)
PLAN_NAMES = (*ARREARS_NAMES, *BUDGET_NAMES, *DEBT_NAMES)
# Which option a letter or calendar is for, and which debt (``to=N``; 0 or absent: this
# one); and how many rows of the list to show (the "Add a debt" button).
CHOICE_NAMES = ("option", "to", ROWS_PARAMETER)
BUNDLE = "all"  # to=all: every letter at once


def _query(pairs) -> str:
    return urlencode(list(pairs))


@dataclass(frozen=True)
class PlanParameters:
    """The plan's parameters as given, one value each (the last of a repeated name)."""

    values: dict[str, str]

    @classmethod
    def of(cls, data) -> PlanParameters:
        """Keep the plan's own names (and ``option``, ``to``), drop everything else."""
        names = (*PLAN_NAMES, *CHOICE_NAMES)
        single = {name: data.getlist(name)[-1] if hasattr(data, "getlist") else data[name]
                  for name in names if name in data}
        return cls({name: value for name, value in single.items() if name in names})

    def _pairs(self, names) -> list[tuple[str, str]]:
        return [(name, self.values[name]) for name in names if name in self.values]

    @property
    def plan_pairs(self) -> list[tuple[str, str]]:
        """Every plan parameter given, for hidden fields and links."""
        return self._pairs(PLAN_NAMES)

    @property
    def arrears_pairs(self) -> list[tuple[str, str]]:
        return self._pairs(ARREARS_NAMES)

    @property
    def to(self) -> int:
        """The row a letter or calendar is for; 0 is this debt."""
        value = self.values.get("to", "")
        return int(value) if value.isdigit() and len(value) < 3 else 0

    @property
    def bundle(self) -> bool:
        """``to=all``: every letter of the plan at once, for the same day's post."""
        return self.values.get("to") == BUNDLE

    def calculator_url(self) -> str:
        """The arrears calculator these parameters came from, filled in."""
        name = "calculator:loan" if "principal" in self.values else "calculator:arrears"
        return f"{reverse(name)}?{_query(self.arrears_pairs)}"

    @cached_property
    def plan_path(self) -> str:
        return reverse("calculator:plan")

    def plan_url(self, **changes: str) -> str:
        pairs = dict(self.plan_pairs)
        pairs.update(changes)
        return f"{self.plan_path}?{_query(pairs.items())}"

    @cached_property
    def _plan_query(self) -> str:
        # Encoded once: a plan page carries these in some twenty links.
        return _query(self.plan_pairs)

    @cached_property
    def _plan_query_without_term(self) -> str:
        return _query((name, value) for name, value in self.plan_pairs if name != "term")

    def choice_query(self, *, option: str = "", term: int | None = None, to: int | str = 0) -> str:
        """The plan's parameters for a letter or calendar: ``option`` (at ``term``
        months when it differs from the comparison's), for row ``to`` (0: this debt)."""
        base = self._plan_query_without_term if term else self._plan_query
        extra = [("term", str(term))] if term else []
        extra += [("option", option)] if option else []
        extra += [("to", str(to))] if to else []
        return "&".join(part for part in (base, urlencode(extra)) if part)

    @cached_property
    def _letter_path(self) -> str:
        return reverse("calculator:letter")

    @cached_property
    def _calendar_path(self) -> str:
        return reverse("calculator:plan_ics")

    def letter_url(self, **choice) -> str:
        return f"{self._letter_path}?{self.choice_query(**choice)}"

    def calendar_url(self, **choice) -> str:
        return f"{self._calendar_path}?{self.choice_query(**choice)}"

    @cached_property
    def _offer_path(self) -> str:
        return reverse("calculator:offer")

    def offer_url(self, *, owed: Decimal, available: Decimal, as_of: date, periods: int | None = None) -> str:
        """The offer page for a lender's reply about this debt, with its share of the
        budget as the money available (left out when there is none to judge by)."""
        query = offer_query(owed=owed, available=available if available > 0 else None, as_of=as_of)
        if periods is not None:
            query += f"&offer_periods={periods}"
        return f"{self._offer_path}?{query}"

    @staticmethod
    def contact_log_url(*, lender: str = "", owed: Decimal | None = None) -> str:
        return f"{reverse('calculator:contact_log')}?{contact_log_query(lender=lender, owed=owed)}"
