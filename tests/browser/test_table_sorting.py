"""Tables show figures as text in the reader's style (a pandas Styler's display values, see
ui/table_format.py) and still sort by value: "−€122,922.56" comes before "−€23,926.71"
when a column is sorted ascending, which text order would not give."""

from decimal import Decimal

VARIANCE_COLUMN = 8  # Month, Channel, Budget, …, Variance (the ninth column)


def test_a_money_column_drawn_as_text_sorts_by_its_numbers(demo_app, open_app):
    app = open_app(demo_app, "/forecast")
    grid = app.page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    heads = grid.locator("table thead th").all_inner_texts()
    assert heads[:3] == ["Month", "Channel", "Budget"]  # labels, not SPEC names
    box = grid.bounding_box()
    # The grid is a canvas: click the Variance header where the canvas draws it (each column
    # about 98 px wide at 1440x900, the header row 35 px high).
    app.page.mouse.click(box["x"] + 800, box["y"] + 17)
    app.page.wait_for_timeout(1_000)
    # The grid's accessible copy lists the rows in the order shown, with their raw values.
    cells = [row.locator("td").all_inner_texts()[VARIANCE_COLUMN]
             for row in grid.locator("table tbody tr").all()[:10]]
    values = [Decimal(c) for c in cells]
    assert values == sorted(values) and values[0] < Decimal(-100_000) < values[-1]
