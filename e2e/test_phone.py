"""On a phone: the loan schedule as cards, and nothing that needs hover.

Sideways scrolling and tap targets of every page type are checked in
test_every_page.py (rules in e2e.audits).
"""

from __future__ import annotations

import pytest

from e2e.conftest import PHONE
from e2e.pages import visit

pytestmark = pytest.mark.browser


def test_loan_schedule_becomes_cards_on_a_phone(phone_page):
    page = phone_page
    visit(page, "loan_result", "zh-hans")
    table = page.locator("table.schedule")
    thead_box = table.locator("thead").bounding_box()
    assert thead_box is None or thead_box["height"] <= 1, "the schedule's header row still shows"
    rows = table.locator("tbody tr")
    assert rows.count() == 6
    displays = rows.evaluate_all("rows => rows.map(r => getComputedStyle(r).display)")
    assert set(displays) == {"block"}, displays
    # Each cell carries its column's name, shown before the value.
    first = rows.first.locator("td").first
    label = first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == first.get_attribute("data-label") != ""
    # Each card fits the screen.
    for box in rows.evaluate_all("rows => rows.map(r => r.getBoundingClientRect().right)"):
        assert box <= PHONE["width"]


def test_the_schedule_is_a_table_on_a_desktop(page):
    visit(page, "loan_result", "zh-hans")
    assert page.locator("table.schedule thead").is_visible()
    assert page.locator("table.schedule tbody tr").first.evaluate(
        "r => getComputedStyle(r).display") == "table-row"


HOVER_RULES_JS = """
() => {
  // Rules that show, hide or move content on :hover: a phone cannot hover.
  const found = [];
  const props = ["display", "visibility", "max-height", "height", "clip", "clip-path", "position"];
  const walk = rules => {
    for (const rule of rules) {
      if (rule.cssRules && !rule.selectorText) { walk(rule.cssRules); continue; }
      if (!rule.selectorText || !rule.selectorText.includes(":hover")) continue;
      for (const prop of props) {
        if (rule.style.getPropertyValue(prop)) found.push(`${rule.selectorText} { ${prop} }`);
      }
    }
  };
  for (const sheet of document.styleSheets) walk(sheet.cssRules);
  return found;
}
"""


def test_nothing_needs_hover(page):
    visit(page, "loan_result", "en")
    assert page.evaluate(HOVER_RULES_JS) == []
    # Nothing is hidden behind a title tooltip either.
    assert page.locator("main [title]:not(abbr)").count() == 0
