"""Saved views in the sidebar: open one (or `?view=NAME` in the URL), name the current filters
as the user's own or shared with the team, and the link that opens them (spendline.saved_views).

Opening a view sets the sidebar's widgets (fiscal year, months, the multiselects), which are
bound to the URL's query parameters, so the address bar then holds the view's filters too.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import streamlit as st

from spendline import saved_views as sv
from spendline.access import User
from spendline.views import Filters
from ui.safe_text import plain

PICK, NAME, SHARED, APPLIED = "saved_view_pick", "saved_view_name", "saved_view_shared", \
    "_saved_view_applied"
URL_PARAM = "view"


def _state_of(view: sv.SavedView, opts) -> dict:
    """The sidebar widgets' values for a view; names the store no longer has are left out
    (a multiselect refuses values it does not offer)."""
    state: dict = {}
    years = list(opts.fiscal_years)
    if "fy" in view.params and int(view.params["fy"]) in years:
        state["fy"] = int(view.params["fy"])
    months = [date.fromisoformat(m) for m in view.params.get("months", [])]
    if len(months) == 2:
        state["months"] = (months[0], months[1])
    for param in sv.DIMENSIONS:
        offered = set(opts.values[param])
        state[param] = [v for v in view.params.get(param, []) if v in offered]
    return state


def _open(view: sv.SavedView, opts) -> None:
    for key, value in _state_of(view, opts).items():
        st.session_state[key] = value
    st.session_state[APPLIED] = view.name


def apply_from_url(store, user: User, opts) -> None:
    """`?view=NAME`: open that saved view once (then the widgets carry its filters)."""
    name = st.query_params.get(URL_PARAM)
    if not name or st.session_state.get(APPLIED) == name:
        return
    try:
        view = sv.find_view(store, name, user.email)
    except KeyError as exc:
        st.session_state[APPLIED] = name
        st.sidebar.warning(plain(exc.args[0]))
        return
    _open(view, opts)


def _picked(store, user: User, opts) -> None:
    name = st.session_state.get(PICK)
    if name:
        _open(sv.find_view(store, name, user.email), opts)


def box(store, user: User, opts, filters: Filters, fiscal_year: int) -> None:
    """The sidebar's 'Saved views' expander."""
    views = sv.usable(store, user.email)
    with st.expander("Saved views", icon=":material/bookmark:"):
        names = list(dict.fromkeys(v.name for v in views))
        st.selectbox("Open a saved view", names, index=None, key=PICK,
                     placeholder="Choose a view" if names else "No saved views yet",
                     on_change=_picked, args=(store, user, opts))
        picked = next((v for v in views if v.name == st.session_state.get(PICK)), None)
        if picked:
            st.caption(plain(f"{picked.describe()} · "
                             f"{'shared by ' + picked.owner if picked.shared else 'yours'}"))
            st.code(f"?{picked.query_string()}", language=None)
        name = st.text_input("Name the current filters", key=NAME, max_chars=120,
                             placeholder="Q2 · Lumen Travel · Paid Social")
        shared = st.checkbox("Shared with the team", key=SHARED)
        if st.button("Save view", key="saved_view_save", icon=":material/bookmark_add:"):
            try:
                saved = sv.save_view(store, sv.SavedView(
                    name, user.email, shared, sv.params_of(fiscal_year, filters)))
            except sv.SavedViewError as exc:
                st.error(plain(str(exc)))
            else:
                link = urlencode({URL_PARAM: saved.name})
                st.success(plain(f"Saved '{saved.name}'. Its link: ?{link}"))
        if picked and picked.owner == user.email and st.button(
                "Delete this view", key="saved_view_delete", icon=":material/delete:"):
            sv.delete_view(store, picked.name, user.email)
            st.success(plain(f"Deleted '{picked.name}'."))
