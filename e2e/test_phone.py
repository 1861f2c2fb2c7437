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
    page.locator("details.schedule-fold > summary").click()  # folded until asked for
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
    page.locator("details.schedule-fold > summary").click()
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


# A phone screen in portrait: 360 × 640 CSS pixels.
SCREEN = {"width": 360, "height": 640}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("key", ["loan_result", "quick_result"])
def test_the_next_step_is_within_the_first_two_screens(open_page, key, language):
    # The result's key figures, then "Draft a repayment plan": a person on a phone
    # reaches the next step without scrolling through the schedule and the chart.
    page = open_page(**SCREEN)
    visit(page, key, language)
    link = page.locator(".next-steps a[href*='/calculator/plan/?']")
    top = link.evaluate("a => a.getBoundingClientRect().bottom + window.scrollY")
    assert top <= 2 * SCREEN["height"], f"the plan link ends {top:.0f} px down"
    headline = page.locator(".headline").evaluate("e => e.getBoundingClientRect().top")
    assert headline < top, "the key figures come before the next step"


@pytest.mark.parametrize("javascript", [True, False])
def test_folded_tables_open_with_a_tap_without_javascript(open_page, javascript):
    page = open_page(**SCREEN, javascript=javascript)
    visit(page, "loan_result", "en")
    rows = page.locator("table.schedule tbody tr")
    assert not rows.first.is_visible()
    page.locator("details.schedule-fold > summary").click()
    assert rows.first.is_visible() and rows.count() == 6
    chart_rows = page.locator(".growth table tbody tr")
    assert not chart_rows.first.is_visible()
    page.locator(".growth details > summary").click()
    assert chart_rows.first.is_visible()
