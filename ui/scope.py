"""Figures that do not follow the month filter say so on screen, and why (issue 16): a
landing is where the fiscal year ends, so it covers the whole year whatever months are
chosen."""

from __future__ import annotations

import streamlit as st

from spendline.views import Filters


def narrowed(filters: Filters, year: Filters) -> bool:
    """Whether the month filter picks fewer months than the whole fiscal year."""
    return (filters.from_month, filters.to_month) != (year.from_month, year.to_month)


def months_label(filters: Filters) -> str:
    return f"{filters.from_month:%b %Y}–{filters.to_month:%b %Y}"


def whole_year_note(filters: Filters, year: Filters, what: str, why: str) -> None:
    """With fewer months chosen than the fiscal year: say that `what` covers the whole
    fiscal year anyway, and `why`."""
    if narrowed(filters, year):
        verb = "cover" if " and " in what else "covers"
        st.info(f"{what} {verb} the whole fiscal year "
                f"FY{year.from_month:%Y}, not only {months_label(filters)}: {why}",
                icon=":material/date_range:")
