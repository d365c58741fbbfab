"""One way for every page to say that the filters match nothing.

With no rows under the filters a page would read as good news ("Every channel lands within
its budget", "No overdue invoices", a CPL of €0.00, an empty chart with an axis of 1, 0, −1):
it says this instead, and draws none of those figures."""

from __future__ import annotations

import streamlit as st

from spendline.metrics import has_rows
from spendline.views import Filters
from ui import data

NOTHING_MATCHES = ("Nothing matches these filters. Widen them in the sidebar, or press "
                   "Reset filters.")


def stop_when_nothing_matches(has_rows: bool, what: str = "") -> None:
    """Say "Nothing matches these filters" (and what the page looked for) and stop the page
    when `has_rows` is false; otherwise do nothing."""
    if has_rows:
        return
    st.info(f"{NOTHING_MATCHES} {what}".strip(), icon=":material/filter_alt_off:")
    st.stop()


def stop_when_filters_match_nothing(filters: Filters) -> None:
    """Stop the page with "Nothing matches these filters" when no budget, ledger or results
    row is left under them (the totals per channel: one small, cached query each)."""
    stop_when_nothing_matches(has_rows(data.breakdown(filters, ("channel",)),
                                       data.outcomes(filters, ("channel",))))
