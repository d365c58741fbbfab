"""The upload history with rollback and re-apply, on the Upload and Stored data pages.

A rollback takes a batch's rows out of every figure, so the choice names the batch (file,
sheet, rows, when, who), a second click confirms it, and the history row then says who rolled
it back and when. A rolled-back batch can be re-applied (the rollback undone) the same way.
Who may do either is the store's rule (spendline/permissions.py); this only offers what the
user's role allows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from spendline import formats as fmt
from spendline import permissions
from ui import widgets
from ui.filters import day_label
from ui.safe_text import plain

# History columns on screen, in this order (spendline/labels.py puts them in words; the
# store's own names stay in its CSV and CLI).
SHOWN = ("batch_id", "status", "file_name", "sheet", "kind", "rows", "added", "changed",
         "replaced", "uploaded_at", "uploaded_by", "note")


def when(moment) -> str:
    """'4 Dec 2026 10:02'."""
    moment = pd.Timestamp(moment)
    return f"{day_label(moment.date())} {moment:%H:%M}"


def status(row: dict) -> str:
    """In force, rolled back (by whom, when), or re-applied after a rollback."""
    if not pd.isna(row.get("rolled_back_at")):
        return f"Rolled back by {row['rolled_back_by']} on {when(row['rolled_back_at'])}"
    if not pd.isna(row.get("reapplied_at")):
        return (f"In force: re-applied by {row['reapplied_by']} on "
                f"{when(row['reapplied_at'])} (rolled back by {row['was_rolled_back_by']} on "
                f"{when(row['was_rolled_back_at'])})")
    return "In force"


def history_rows(history: pd.DataFrame) -> pd.DataFrame:
    """The history as shown: a status in words, the columns read first."""
    shown = history.assign(status=[status(r) for r in history.to_dict("records")])
    return shown[[c for c in SHOWN if c in shown]]


def batch_label(row: dict) -> str:
    """'Batch 7 · budget.xlsx, sheet Budget · 24 rows · stored 4 Dec 2026 10:02 by anna'."""
    sheet = f", sheet {row['sheet']}" if row.get("sheet") else ""
    return (f"Batch {row['batch_id']} · {row['file_name']}{sheet} · "
            f"{fmt.integer(row['rows'])} rows · stored {when(row['uploaded_at'])} by "
            f"{row['uploaded_by']}")


def _allowed(history: pd.DataFrame, user) -> pd.Series:
    return pd.Series(user.role == "admin", index=history.index) | ~history["kind"].isin(
        permissions.ADMIN_ROLLBACK)


def _act(store, user, action: str, batch_id: int, key: str) -> None:
    """Roll back or re-apply after the confirmation (a button's callback)."""
    st.session_state.pop(f"{key}_confirm", None)
    try:
        if action == "rollback":
            store.rollback(batch_id, user=user)
        else:
            store.reapply(batch_id, user=user)
    except (permissions.PermissionDenied, KeyError, ValueError) as exc:
        st.session_state[f"{key}_message"] = ("error", f"Nothing changed: {plain(exc)}")
    else:
        done = "rolled back" if action == "rollback" else "re-applied"
        st.session_state[f"{key}_message"] = ("success", f"Batch {batch_id} {done}.")


def _chooser(rows: pd.DataFrame, label: str, button: str, action: str, key: str) -> None:
    labels = {int(r["batch_id"]): batch_label(r) for r in rows.to_dict("records")}
    cols = st.columns([4, 1], vertical_alignment="bottom")
    batch_id = cols[0].selectbox(label, list(labels), index=None, format_func=labels.get,
                                 placeholder="choose a batch", key=f"{key}_{action}")
    if batch_id is not None:  # a callback: the next run asks to confirm
        cols[1].button(button, key=f"{key}_{action}_button", on_click=st.session_state.update,
                       kwargs={f"{key}_confirm": (action, int(batch_id))})


def _confirm(store, user, history: pd.DataFrame, key: str) -> None:
    action, batch_id = st.session_state[f"{key}_confirm"]
    row = history[history["batch_id"] == batch_id].to_dict("records")
    if not row:
        st.session_state.pop(f"{key}_confirm")
        return
    label = plain(batch_label(row[0]))
    if action == "rollback":
        st.warning(f"Roll back {label}? Its rows leave every figure; the history keeps it, "
                   "and it can be re-applied.")
        yes = "Yes, roll back"
    else:
        st.warning(f"Re-apply {label}? Its rows count again, as if it had never been rolled "
                   "back; later uploads of the same rows still win.")
        yes = "Yes, re-apply"
    left, right = st.columns(2)
    left.button(yes, type="primary", on_click=_act, args=(store, user, action, batch_id, key),
                key=f"{key}_yes")
    right.button("Cancel", on_click=st.session_state.pop, args=(f"{key}_confirm",),
                 key=f"{key}_cancel")


def history_section(store, user, *, kinds: tuple[str, ...] = (), title: str = "Upload history",
                    empty: str = "Nothing uploaded yet.", key: str = "history") -> None:
    """The history a user may see (of `kinds` only, when given: the Settings page's changes,
    the approved adjustments), with rollback and re-apply, each confirmed, when their role
    may. One place for every rollback in the app."""
    st.subheader(title)
    if message := st.session_state.pop(f"{key}_message", None):
        # our own words, with the store's refusal (which may name uploaded text) escaped
        getattr(st, message[0])(message[1])
    history = permissions.history_for(store, user)  # a client's user: their accounts' batches
    if kinds:
        history = history[history["kind"].isin(kinds)]
    if history.empty:
        st.info(empty)
        return
    widgets.show(history_rows(history), key=key)
    if not user.can("rollback"):
        return
    allowed = history[_allowed(history, user)]
    in_force = allowed[allowed["rolled_back_at"].isna()]
    rolled_back = allowed[allowed["rolled_back_at"].notna()]
    if st.session_state.get(f"{key}_confirm"):
        _confirm(store, user, history, key)
        return
    if not in_force.empty:
        _chooser(in_force, "Roll back batch", "Roll back", "rollback", key)
    if not rolled_back.empty:
        _chooser(rolled_back, "Re-apply a rolled-back batch", "Re-apply", "reapply", key)
