"""What storing an upload will do, in words: the Upload page's preview and the command
line's (`import --dry-run`, and what a budget import replaced). No Streamlit here."""

from __future__ import annotations

import pandas as pd

from spendline.stores.base import BatchPreview


def preview_table(previews: list[BatchPreview]) -> pd.DataFrame:
    return pd.DataFrame([
        {"sheet": p.sheet, "kind": p.kind, "rows": p.rows, "new": p.added,
         "changed": p.changed, "unchanged": p.unchanged, "replaced": p.replaced}
        for p in previews
    ])


def replacement_notes(previews: list[BatchPreview]) -> list[str]:
    """Plain sentences for what a budget upload replaces."""
    notes = []
    for p in previews:
        if p.kind == "budget" and p.replaced:
            scopes = "; ".join(f"FY{fy} {version} for {account}"
                               for fy, version, account in p.replaced_scopes)
            notes.append(f"Sheet '{p.sheet}' replaces {p.replaced:,} stored budget rows "
                         f"({scopes}).")
        if p.kind == "budget" and p.adjustments_kept:
            notes.append(f"{p.adjustments_kept:,} approved budget adjustment(s) of the same "
                         "scope stay in force on top of the new budget; roll them back if it "
                         "already includes them.")
    return notes


def new_value_notes(previews: list[BatchPreview]) -> list[str]:
    """Plain sentences naming the channels, platforms, accounts and vendors the store has not
    seen before, so a misspelt or foreign name is mapped before it becomes one of its own."""
    notes = []
    for p in previews:
        for column, found in p.new_values.items():
            shown = ", ".join(f"'{v}'" for v in found[:20])
            more = f" and {len(found) - 20:,} more" if len(found) > 20 else ""
            notes.append(f"Sheet '{p.sheet}' brings {len(found):,} new {column} "
                         f"value(s): {shown}{more}. If one is another name for a known "
                         f"{column}, map it (a value mapping in an import profile) first.")
    return notes
