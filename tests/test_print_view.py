"""The print-only copy of a table (ui/print_view.py): every row, text escaped."""

from decimal import Decimal

import pandas as pd

from ui.print_view import table_html
from ui.style import PRINT as STYLE


def test_the_print_copy_has_every_row_and_escapes_uploaded_text():
    frame = pd.DataFrame({"vendor": ["<b>Acme</b>", None], "actual": [Decimal("-1234.5"), None],
                          "invoices": [3, 4]})
    text = table_html(frame)
    # written as the screen writes them: headers in words, money with its sign
    assert text.startswith("<div class='spendline-print'><table><thead><tr><th>Vendor</th>")
    assert "&lt;b&gt;Acme&lt;/b&gt;" in text and "<b>" not in text
    assert '<td class="n">−€1,234.50</td>' in text and "<td>—</td>" in text
    assert text.count("<tr>") == 3  # the header and both rows
    long = table_html(pd.DataFrame({"n": range(5)}), max_rows=2)
    assert long.count("<tr>") == 3 and "The first 2 of 5 rows; the CSV has every row." in long


def test_print_drops_the_chrome_and_shows_the_copies():
    printed = STYLE.split("@media print", 1)[1]
    for part in ("stSidebar", "stHeader", "stToolbar", "button", "stDataFrame"):
        assert part in printed
    assert ".spendline-print { display: none; }" in STYLE.split("@media print", 1)[0]
