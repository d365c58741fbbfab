"""The top that the filtered dashboard pages share, so each says only what is its own."""

from __future__ import annotations

import streamlit as st

from spendline.views import Filters
from ui import widgets
from ui.empty import stop_when_filters_match_nothing
from ui.filters import current


def filtered_page(title: str) -> tuple[Filters, str]:
    """The sidebar filters and the base currency; draws the page's title, then stops the page
    when the filters match nothing (ui/empty.py), before any figure could read as good news."""
    filters = current()
    currency = widgets.base_currency()
    st.title(title)
    stop_when_filters_match_nothing(filters)
    return filters, currency
