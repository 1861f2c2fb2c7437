"""Every page type of the site, in a known state, for the browser tests.

``PAGE_TYPES`` lists each kind of page a visitor can meet: guidance pages,
search with and without results, the 404, each calculator empty, with a result
and in an error state, the plan in its three states, the letter form (and its
error state) and the letter itself. ``visit(page, key, language)`` opens one.

Every figure that matters is given explicitly, ``as_of`` included, so results do
not depend on the day the tests run.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from calculator.tests.loans import SPEC_LOAN

# Every page type is checked in the two written languages; zh-hant, generated
# from zh-hans with OpenCC, shares its templates and layout, so a sample of its
# pages keeps the browser run short (config/tests/test_zh_hant.py checks every
# zh-hant page without a browser).
LANGUAGES = ("zh-hans", "en")
ZH_HANT_SAMPLE = (
    "home", "article_consequences", "search_results", "not_found",
    "loan_result", "plan_result", "letter_form", "letter",
)

QUICK = {
    "overdue_amount": "12000",
    "due_date": "2026-03-10",
    "as_of": "2026-05-20",
    "daily_rate": "0.05",
}
QUICK_TOTAL_DUE = "12639.00"
QUICK_ERROR = {**QUICK, "overdue_amount": "abc", "due_date": "2026-13-40"}
LOAN_PAYOFF = "10660.78"
BUDGET = {
    "monthly_income": "9000",
    "monthly_expenses": "5000",
    "savings": "0",
    "debt1_creditor": "招商银行信用卡",
    "debt1_balance": "6000",
    "debt1_payment": "1000",
    "debt1_days": "0",
}
PLAN = {**QUICK, **BUDGET}
PLAN_NOTHING_AFFORDABLE = {**QUICK, "monthly_income": "3000", "monthly_expenses": "3000"}
OPTION = "installments"  # the option the letter asks for
LETTER_DETAILS = {
    "full_name": "王小明",
    "lender_name": "某某消费金融有限公司",
    "phone": "138 0013 8000",
    "contract_number": "XM2026011500123",
    "id_last4": "123X",
    "hardship_detail": "2026年3月公司裁员，目前在找工作。",
}
HARDSHIP = "job_loss"
# calculations.md, "The lender's offer", the first check, with the money available.
OFFER = {"owed": "12000", "offer_periods": "12", "offer_payment": "", "offer_fee_rate": "0.6",
         "offer_down_payment": "", "available": "1000", "as_of": "2026-05-20"}
OFFER_ERROR = {**OFFER, "offer_payment": "600", "offer_periods": "0"}
CONTACT_LOG = {"lender": "某某消费金融有限公司", "owed": "12000"}
SEARCH_WORD = {"zh-hans": "罚息", "zh-hant": "罰息", "en": "penalty"}
NOTHING_FOUND = "qzxqzx"


def url(language: str, path: str, params: dict[str, str] | None = None) -> str:
    """``/<language>/<path>`` with the query string ``params``."""
    query = f"?{urlencode(params)}" if params else ""
    return f"/{language}/{path}{query}"


def letter_form_url(language: str) -> str:
    return url(language, "calculator/letter/", {**PLAN, "option": OPTION})


def fill_letter_form(page, details: dict[str, str] = LETTER_DETAILS) -> None:
    """Fill the letter form's personal details (the plan's figures are hidden fields)."""
    for name, value in details.items():
        page.fill(f"[name={name}]", value)
    page.check(f"input[name=hardship][value={HARDSHIP}]")


def submit_letter(page):
    """Press "Show the letter" and wait for the page it posts to; return its response."""
    with page.expect_navigation() as navigation:
        page.click("button[name=format][value=html]")
    return navigation.value


@dataclass(frozen=True)
class PageType:
    key: str
    path: str
    params: dict[str, str] | None = None
    status: int = 200
    # "letter": fill and post the letter form; "letter_error": post it empty.
    then: str = ""
    # What shows the page is in the intended state.
    expect: str = "main h1"

    def url(self, language: str) -> str:
        return url(language, self.path, self.params)


PAGE_TYPES = (
    PageType("home", ""),
    PageType("guidance_index", "guidance/"),
    PageType("article_consequences", "guidance/consequences/", expect=".timeline__step"),
    PageType("article_checklist", "guidance/checklist/", expect=".check-item input"),
    PageType("faq", "guidance/faq/", expect=".article__body"),
    PageType("search_form", "search/", expect="#search-q"),
    PageType("search_results", "search/", {"q": "__word__"}, expect=".search-results mark"),
    PageType("search_nothing", "search/", {"q": NOTHING_FOUND}, expect=".empty-state"),
    PageType("privacy", "privacy/"),
    PageType("not_found", "no-such-page/", status=404),
    PageType("quick_empty", "calculator/arrears/", expect="#id_overdue_amount"),
    PageType("quick_result", "calculator/arrears/", QUICK, expect="[data-figure=total_due]"),
    PageType("quick_error", "calculator/arrears/", QUICK_ERROR, expect="#error-summary"),
    PageType("loan_preset", "calculator/loan/", {"preset": "xiaomi"}, expect="#id_principal"),
    PageType("loan_result", "calculator/loan/", SPEC_LOAN, expect="table.schedule"),
    PageType("plan_empty", "calculator/plan/", expect="#id_monthly_income"),
    PageType("plan_result", "calculator/plan/", PLAN, expect=".options .option"),
    PageType("plan_nothing_affordable", "calculator/plan/", PLAN_NOTHING_AFFORDABLE,
             expect=".recommendation--none"),
    PageType("letter_form", "calculator/letter/", {**PLAN, "option": OPTION}, expect="#id_full_name"),
    PageType("letter_error", "calculator/letter/", {**PLAN, "option": OPTION}, then="letter_error",
             expect="#error-summary"),
    PageType("letter", "calculator/letter/", {**PLAN, "option": OPTION}, then="letter",
             expect=".letter-sheet"),
    PageType("offer_empty", "calculator/offer/", expect="#id_offer_fee_rate"),
    PageType("offer_result", "calculator/offer/", OFFER, expect="[data-figure=offer_apr]"),
    PageType("offer_error", "calculator/offer/", OFFER_ERROR, expect="#error-summary"),
    PageType("contact_log", "calculator/contact-log/", CONTACT_LOG, expect=".contact-log__table"),
)
BY_KEY = {page_type.key: page_type for page_type in PAGE_TYPES}
PAGE_KEYS = [page_type.key for page_type in PAGE_TYPES]
# (language, page type) for the tests that open every page.
EVERY_PAGE = [
    *((language, key) for language in LANGUAGES for key in PAGE_KEYS),
    *(("zh-hant", key) for key in ZH_HANT_SAMPLE),
]


def visit(page, key: str, language: str):
    """Open page type ``key`` in ``language``; return the last navigation's response."""
    page_type = BY_KEY[key]
    params = page_type.params
    if params and params.get("q") == "__word__":
        params = {"q": SEARCH_WORD[language]}
    response = page.goto(url(language, page_type.path, params))
    assert response is not None
    if page_type.then == "letter":
        fill_letter_form(page)
        response = submit_letter(page)
    elif page_type.then == "letter_error":
        page.fill("[name=full_name]", "")
        response = submit_letter(page)
    assert response.status == page_type.status, (
        f"{key} ({language}): HTTP {response.status}, expected {page_type.status}"
    )
    assert page.locator(page_type.expect).count() >= 1, (
        f"{key} ({language}): {page_type.expect!r} not on {page.url}"
    )
    return response
