"""Checks run on every page type: accessibility (axe-core, fields) and phone layout.

Each function returns a list of problems, empty when the page passes, so one
test can report every problem of a page at once.

Tap-target rule (``TAP_TARGET_PROBLEMS_JS``): every visible button, text field,
select and textarea; every checkbox or radio label (the label is the target);
every link in the header, navigation, footer, forms, error summary and action
groups; and every *standalone* link — one that is the only text of its
paragraph, list item or cell — must be at least 44 CSS px high. Links inside
running text (a link in the middle of a sentence) are exempt, as WCAG 2.5.5
exempts inline targets.

Sideways scrolling: the document must be no wider than the 360 px window, and
nothing inside the page may scroll sideways except a data table in its own
labelled, focusable ``.table-wrap`` region (WCAG 1.4.10 allows it for data
tables); the loan schedule, which becomes cards, never scrolls.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
FAILING_IMPACTS = {"serious", "critical"}
MIN_TAP = 44


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                lines.append(f"      * {check['message']}")
    return "\n".join(lines)


def axe_problems(page) -> list[str]:
    """axe-core's default rules (WCAG 2 A/AA, best practices): serious or critical."""
    violations = AXE.run(page).response["violations"]
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    return [describe(serious)] if serious else []


# Every visible field: a label (label[for], a wrapping label, aria-label or
# aria-labelledby); every aria-describedby/-labelledby id exists and has text;
# every hint and error shown beside a field is in its (or its fieldset's)
# aria-describedby; a field marked invalid says so with aria-invalid.
FIELD_PROBLEMS_JS = """
() => {
  const problems = [];
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const ids = value => (value || "").split(/\\s+/).filter(Boolean);
  const buttons = ["hidden", "submit", "button", "reset", "image"];
  for (const el of document.querySelectorAll("input[type=submit], input[type=button]")) {
    if (shown(el) && !el.value.trim()) problems.push(`${el.id || el.name}: a button without words`);
  }
  const fields = [...document.querySelectorAll("input, select, textarea")]
    .filter(el => !buttons.includes(el.type) && shown(el));
  const described = new Set();
  for (const el of fields) {
    const name = el.id || el.name;
    const labels = [...(el.labels || [])].filter(label => label.textContent.trim());
    const ariaLabel = (el.getAttribute("aria-label") || "").trim();
    const labelledby = ids(el.getAttribute("aria-labelledby"));
    if (!labels.length && !ariaLabel && !labelledby.length) problems.push(`${name}: no label`);
    let refs = [...labelledby, ...ids(el.getAttribute("aria-describedby"))];
    const group = el.closest("fieldset[aria-describedby]");
    if (group) refs = refs.concat(ids(group.getAttribute("aria-describedby")));
    for (const id of refs) {
      const target = document.getElementById(id);
      if (!target) problems.push(`${name}: aria reference #${id} does not exist`);
      else if (!target.textContent.trim()) problems.push(`${name}: aria reference #${id} is empty`);
      else described.add(id);
    }
    const invalid = el.classList.contains("is-invalid");
    if (invalid && el.getAttribute("aria-invalid") !== "true") problems.push(`${name}: shown invalid without aria-invalid`);
    if (el.getAttribute("aria-invalid") === "true") {
      const errors = refs.map(id => document.getElementById(id)).filter(t => t && t.matches(".invalid-feedback, .invalid-feedback *"));
      if (!errors.length) problems.push(`${name}: aria-invalid but no error message in aria-describedby`);
    }
  }
  for (const hint of document.querySelectorAll("[id^='div_id_'] .form-text, .invalid-feedback")) {
    if (!shown(hint)) continue;
    if (!hint.id) problems.push(`hint or error without an id: ${hint.textContent.trim().slice(0, 60)}`);
    else if (!described.has(hint.id)) problems.push(`#${hint.id} is not in any field's aria-describedby`);
  }
  return {count: fields.length, problems};
}
"""


def field_problems(page) -> tuple[int, list[str]]:
    """How many visible fields the page has, and what is wrong with their wiring."""
    found = page.evaluate(FIELD_PROBLEMS_JS)
    problems = list(found["problems"])
    # Each link in an error summary leads to a field on the page.
    for target in page.locator(".error-summary a").evaluate_all("links => links.map(a => a.hash)"):
        if not target or page.locator(target).count() != 1:
            problems.append(f"error summary link {target!r} leads nowhere")
    return found["count"], problems


OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (rect.right > width + 1 || rect.left < -1) {
      // Report the outermost offender only.
      if (!wide.some(outer => outer.contains(el))) wide.push(el);
    }
  }
  const scrollers = [];
  for (const el of document.querySelectorAll("main *")) {
    const style = getComputedStyle(el);
    if (!["auto", "scroll"].includes(style.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
    // A table too wide for the phone may scroll inside its own labelled, focusable
    // region (WCAG 1.4.10 allows it for data tables); the loan schedule must not.
    const region = el.matches(".table-wrap[role=region][tabindex='0']") && !el.querySelector(".stack-on-phone");
    if (!region) scrollers.push(el);
  }
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    wide: wide.filter(el => !el.closest(".skip-link")).slice(0, 10)
      .map(el => `${name(el)} (${Math.round(el.getBoundingClientRect().left)}–${Math.round(el.getBoundingClientRect().right)} px)`),
    scrollers: scrollers.map(name),
  };
}
"""

TAP_TARGET_PROBLEMS_JS = """
(minimum) => {
  const always = [
    "header a", "nav a", "footer a", "form a", ".error-summary a",
    "button", ".btn", "select", "textarea",
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio])",
    ".form-check-label", ".check-item label",
    ".journey__actions a", ".next-steps a", ".option__actions a", ".related-calculator a",
  ].join(", ");
  const shown = el => {
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return rect.width > 0 && rect.height > 0 && rect.bottom > 0 && style.visibility !== "hidden";
  };
  const standalone = a => {
    const block = a.parentElement.closest("p, li, dd, td, th, div");
    return block && block.textContent.trim() === a.textContent.trim();
  };
  const targets = new Set(document.querySelectorAll(always));
  for (const a of document.querySelectorAll("main a")) if (standalone(a)) targets.add(a);
  const problems = [];
  for (const el of targets) {
    if (!shown(el) || el.closest(".skip-link")) continue;
    const height = el.getBoundingClientRect().height;
    if (height < minimum - 0.5) {
      problems.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().replace(/\\s+/g, ".") : ""} `
        + `"${(el.textContent || el.value || el.name || "").trim().slice(0, 40)}": ${height.toFixed(1)} px`);
    }
  }
  return problems;
}
"""


def phone_problems(page) -> list[str]:
    """Call with the viewport at 360 px: sideways scrolling and small tap targets."""
    problems = []
    layout = page.evaluate(OVERFLOW_JS)
    if layout["scrollWidth"] > layout["innerWidth"]:
        problems.append(
            f"scrolls sideways: {layout['scrollWidth']} px wide in {layout['innerWidth']} px; "
            f"too wide: {layout['wide']}"
        )
    problems += [f"{box} scrolls sideways inside the page" for box in layout["scrollers"]]
    problems += [f"tap target under {MIN_TAP} px: {small}"
                 for small in page.evaluate(TAP_TARGET_PROBLEMS_JS, MIN_TAP)]
    return problems
