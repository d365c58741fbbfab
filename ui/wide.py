"""Wide tables fit at 1440 px (issue 16): the columns a reader needs first, the rest on demand.

A table listed here shows its first columns only, with an "All columns" toggle above it;
its CSV keeps every column whatever is shown."""

from __future__ import annotations

import streamlit as st

# Table (its file name, as widgets.table gets it) -> the columns shown first, in order.
FIRST_COLUMNS = {
    "roi_by_channel": ["channel", "actual", "leads", "customers", "revenue", "cpl", "cac",
                       "roas", "roi"],
    "roi_by_campaign": ["campaign", "channel", "actual", "leads", "customers", "revenue",
                        "cpl", "cac", "roi"],
    "media_performance": ["month", "channel", "platform", "campaign", "platform_spend",
                          "actual", "clicks", "leads", "revenue", "media_cpl", "media_roas"],
    "vendor_documents": ["document_id", "status", "channel", "campaign", "document_date",
                         "currency", "document_amount", "amount", "due_date", "paid_date"],
    "vendor_archive": ["vendor", "category", "status", "rating", "city", "last_used",
                       "documents", "actual", "unpaid"],
    "ready_to_pay": ["vendor", "document_id", "channel", "due_date", "amount",
                     "approval_level"],
    "waiting_to_pay": ["vendor", "document_id", "channel", "due_date", "amount",
                       "waiting_for"],
}


def first_columns(file_name: str, columns: list[str]) -> list[str] | None:
    """The columns shown first for this table (those it has), or None to show them all."""
    first = [c for c in FIRST_COLUMNS.get(file_name, ()) if c in columns]
    return first if first and len(first) < len(columns) else None


def column_order(key: str, file_name: str, columns: list[str]) -> list[str] | None:
    """For a wide table: an "All columns" toggle, and the columns to show (None: all)."""
    first = first_columns(file_name, columns)
    if first is None:
        return None
    everything = st.toggle(f"All columns ({len(columns)})", key=f"all_columns_{key}",
                           help=f"Shown: the {len(first)} columns most read. The CSV always "
                           "has every column.")
    return None if everything else first
