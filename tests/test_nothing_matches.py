"""A filter that matches nothing reads as that, not as good news (issue 16): every page that
shows figures under the sidebar filters says "Nothing matches these filters" and draws no
tile, chart or "all is well" message."""

import pytest

from spendline.metrics import has_rows
from tests.test_pages import open_page
from ui.empty import NOTHING_MATCHES
from ui.navigation import page_files

# Email never runs a BIT Milano (Events) campaign: no budget, ledger or results row is left.
NOTHING = {"fy": "2026", "channel": "Email", "campaign": "BIT Milano 2026"}
FILTERED_PAGES = [*page_files("Dashboard", "Spend lifecycle"), "pages/accounts.py",
                  "pages/scorecard.py"]
GOOD_NEWS = ("Every channel lands", "No overdue invoices", "No approval flags",
             "Nothing to accrue", "Every vendor in the ledger")


def test_has_rows_is_any_row_in_any_frame():
    import pandas as pd

    assert not has_rows(pd.DataFrame({"a": []}), pd.DataFrame())
    assert has_rows(pd.DataFrame({"a": []}), pd.DataFrame({"a": [0]}))


@pytest.mark.parametrize("page", FILTERED_PAGES)
def test_a_filter_matching_nothing_says_so(demo_db, page):
    at = open_page(page, NOTHING)
    assert [i.value for i in at.info] == [NOTHING_MATCHES], page
    assert not at.metric, page
    assert not at.get("plotly_chart"), page
    assert not at.dataframe, page
    shown = " ".join(e.value for e in (*at.success, *at.warning, *at.markdown))
    assert not any(words in shown for words in GOOD_NEWS), page


def test_a_filter_matching_something_shows_the_page(demo_db):
    at = open_page("pages/overview.py", {"fy": "2026", "channel": "Email"})
    assert NOTHING_MATCHES not in [i.value for i in at.info]
    assert at.metric
