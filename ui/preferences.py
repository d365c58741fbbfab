"""The signed-in user's number format: read from the store once per session, chosen in the
sidebar, and set (formats.use) at the start of every page run, before any page draws."""

from __future__ import annotations

import streamlit as st

from spendline import formats as fmt
from spendline import preferences
from spendline.access import User

_KEY = "number_style"


def _save(store, user: User) -> None:
    numbers = st.session_state["pref_numbers"]
    position = st.session_state["pref_currency"]
    try:
        st.session_state[_KEY] = preferences.save_style(store, user.email, numbers, position)
    except Exception as exc:  # a read-only replica, a busy file: say so
        # The choice still holds for this session; only keeping it failed.
        st.session_state[_KEY] = fmt.Style.of(numbers, position)
        st.session_state["pref_message"] = f"Used for this session only: not saved ({exc})."


def _example(numbers: str, position: str) -> str:
    return preferences.example(fmt.Style.of(numbers, position))


def apply(store, user: User) -> fmt.Style:
    """Set this run's number style to the user's, and offer the choice in the sidebar."""
    if _KEY not in st.session_state or st.session_state.get("pref_user") != user.email:
        st.session_state[_KEY] = preferences.style_for(store, user.email)
        st.session_state["pref_user"] = user.email
    style: fmt.Style = st.session_state[_KEY]
    position = "after" if style.currency_after else "before"
    with st.sidebar.expander(f"Number format: {preferences.example(style)}"):
        keys = list(fmt.STYLES)
        st.selectbox("Numbers", keys, index=keys.index(style.numbers.key),
                     format_func=lambda k: fmt.STYLES[k].label.replace("\u00a0", " "),
                     key="pref_numbers", on_change=_save, args=(store, user))
        st.selectbox("Currency sign", fmt.CURRENCY_POSITIONS,
                     index=fmt.CURRENCY_POSITIONS.index(position),
                     format_func=lambda p: _example(style.numbers.key, p),
                     key="pref_currency", on_change=_save, args=(store, user))
        st.caption("Yours only; tables, charts, tiles and downloads follow it.")
        if message := st.session_state.pop("pref_message", None):
            st.caption(message)
    style = st.session_state[_KEY]
    fmt.use(style)
    return style
