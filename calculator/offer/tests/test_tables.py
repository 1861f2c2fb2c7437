"""The offer's schedule and fit rows written in Python: each cell under its column's name,
and every value escaped unless it is markup already (a figure)."""

from django.utils.safestring import SafeString

from calculator.offer.presenters import FitRow, ScheduleRow
from calculator.offer.tables import fit_body, schedule_body
from calculator.tests._pages import tree

FIGURE = SafeString('<span class="figure" data-figure="offer_payment_1" data-value="1.00">¥1.00</span>')


def cells(html: str) -> list[list[tuple[str, str, str]]]:
    """Each row's cells as (tag, data-label, text)."""
    table = tree(f"<table><tbody>{html}</tbody></table>")
    return [[(cell.tag, cell.get("data-label"), cell.text_content()) for cell in row]
            for row in table.xpath("//tr")]


def test_a_fee_offer_row_has_five_cells_each_under_its_column():
    row = ScheduleRow(number="1", date=SafeString("<b>6月20日</b>"), amount=FIGURE,
                      principal="¥0.60", fee="¥0.40")
    html = schedule_body([row], ["No.", "Date", "Payment", "Of which principal", "Of which fee"])
    assert cells(html) == [[
        ("th", "No.", "1"), ("td", "Date", "6月20日"), ("td", "Payment", "¥1.00"),
        ("td", "Of which principal", "¥0.60"), ("td", "Of which fee", "¥0.40"),
    ]]
    assert FIGURE in html  # the figure's markup kept as it is


def test_a_payment_offer_row_has_three_cells():
    row = ScheduleRow(number="Down payment", date=SafeString("5月20日"), amount=FIGURE,
                      principal="–", fee="–")
    assert [len(r) for r in cells(schedule_body([row, row], ["No.", "Date", "Payment"]))] == [3, 3]


def test_text_and_column_names_are_escaped():
    row = ScheduleRow(number='<i>"1"</i>', date=SafeString("x"), amount=FIGURE,
                      principal="<b>", fee="&")
    html = schedule_body([row], ['No."<', "Date", "Payment", "P", "F"])
    assert '<th scope="row" data-label="No.&quot;&lt;">&lt;i&gt;&quot;1&quot;&lt;/i&gt;</th>' in html
    assert "<td data-label=\"P\">&lt;b&gt;</td><td data-label=\"F\">&amp;</td>" in html


def test_the_fit_rows_carry_their_classes_and_are_escaped():
    html = fit_body([FitRow("Largest <payment>", FIGURE),
                     FitRow("Does it fit?", SafeString("<span>No</span>"), css="breakdown__total fit--no")])
    assert html == (
        '<tr><th scope="row">Largest &lt;payment&gt;</th><td>' + FIGURE + "</td></tr>\n"
        '<tr class="breakdown__total fit--no"><th scope="row">Does it fit?</th>'
        "<td><span>No</span></td></tr>\n"
    )
