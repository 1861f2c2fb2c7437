"""Article tables on a 360 px phone: readable, and named for a screen reader.

guidance/content.py labels every article table's region with its columns and
each cell with its column; tables of four or more columns become cards on a
phone (static/css/site.css, "Article tables"). Found too wide and squeezed in
issue 13: headers one character a line in Chinese, English tables overflowing.
"""

from __future__ import annotations

import pytest

from e2e.conftest import PHONE
from e2e.pages import LANGUAGES

pytestmark = pytest.mark.browser

# Every article with a table: four with cards, two with narrow tables.
ARTICLES = ("grace-and-penalty", "repayment-options", "checklist", "rights")
REGION_NAME = {"zh-hans": "表格：", "en": "Table: "}

TABLES_JS = """
() => [...document.querySelectorAll(".article__body .table-wrap")].map(wrap => {
  const table = wrap.querySelector("table");
  const cells = [...table.querySelectorAll("tbody td")];
  return {
    name: wrap.getAttribute("aria-label") || "",
    tabindex: wrap.getAttribute("tabindex"),
    cards: table.classList.contains("stack-on-phone"),
    columns: table.querySelectorAll("thead th").length,
    scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
    right: Math.max(...[...table.querySelectorAll("tr")].map(r => r.getBoundingClientRect().right)),
    rowDisplay: [...new Set([...table.querySelectorAll("tbody tr")].map(r => getComputedStyle(r).display))],
    labelsShown: cells.every(td => getComputedStyle(td, "::before").content === `"${td.dataset.label}"`),
    labelled: cells.every(td => td.dataset.label),
    // The narrowest header, in characters of its own font size.
    headerEms: Math.min(...[...table.querySelectorAll("thead th")].map(th =>
      th.getBoundingClientRect().width / parseFloat(getComputedStyle(th).fontSize))),
    headerShown: table.querySelector("thead").getBoundingClientRect().height > 1,
  };
})
"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ARTICLES)
def test_article_tables_are_readable_on_a_phone(phone_page, language, slug):
    page = phone_page
    page.goto(f"/{language}/guidance/{slug}/")
    tables = page.evaluate(TABLES_JS)
    assert tables, "every article listed here has a table"
    for table in tables:
        assert table["name"].startswith(REGION_NAME[language]), table["name"]
        assert table["tabindex"] == "0"
        assert table["labelled"]
        # Nothing scrolls sideways and nothing sticks out of the 360 px screen.
        assert not table["scrolls"], table
        assert table["right"] <= PHONE["width"], table
        if table["columns"] >= 4:
            assert table["cards"]
            assert table["rowDisplay"] == ["block"]
            assert not table["headerShown"]
            assert table["labelsShown"], "each card shows its column names"
        else:
            assert not table["cards"]
            assert table["headerShown"]
            # A header keeps at least 4 characters on a line, never one.
            assert table["headerEms"] >= 3.9, table


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_tables_stay_tables_on_a_desktop(page, language):
    page.goto(f"/{language}/guidance/repayment-options/")
    tables = page.evaluate(TABLES_JS)
    assert tables
    for table in tables:
        assert table["headerShown"]
        assert table["rowDisplay"] == ["table-row"]
        assert not table["scrolls"]
