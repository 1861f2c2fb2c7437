"""The sources of the legal statements on the arrears pages, by name and number.

Each is named exactly as ../shared/spec/facts.md gives it. The names stay in
Chinese in every language, since that is how the instruments are found; they go
through the catalog only so that the zh-hant pages show them in traditional
characters (the zh_Hans entry repeats the name). "How we calculate" lists them
(STYLE.md: data as data); its rules cite them inline.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    name: str  # the instrument, as facts.md names it
    loan_only: bool = False  # only the loan calculator states it (the APR)


SOURCES: tuple[Source, ...] = (
    # The penalty multiplier of 1.3–1.5 on bank loans; compound interest.
    Source(_("《中国人民银行关于人民币贷款利率有关问题的通知》（银发〔2003〕251号）")),
    # The daily rate is the annual rate ÷ 360; interest from the drawdown day.
    Source(_("银发〔2005〕129号")),
    # Lenders must show the annualised rate (IRR or a stated simple method).
    Source(_("中国人民银行公告〔2021〕第3号"), loan_only=True),
    # Courts may reduce charges above 24 % a year on a financial loan.
    Source(_("《最高人民法院关于进一步加强金融审判工作的若干意见》（法发〔2017〕22号）")),
    # A negative record is kept 5 years from the day the debt is cleared.
    Source(_("《征信业管理条例》（国务院令第631号）第十六条")),
)

QUICK_SOURCES = tuple(source for source in SOURCES if not source.loan_only)
LOAN_SOURCES = SOURCES
# "How we calculate" on each page (its ``kind``): the sources it lists.
SOURCES_BY_KIND = {"quick": QUICK_SOURCES, "loan": LOAN_SOURCES}
