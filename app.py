"""Spendline: marketing budgets, spend, leads and revenue in one trustworthy picture."""

from pathlib import Path

import streamlit as st

from spendline.demo import NOTICE, demo_in_force
from spendline.store import StoreBusy, StoreUnavailable
from ui import charts, state, style
from ui.auth import sidebar_note, signed_in_user
from ui.filters import compare_notice, current_compare, options, sidebar
from ui.navigation import app_pages
from ui.preferences import apply as number_style
from ui.state import get_store

HERE = Path(__file__).parent

# A local icon: Material icons as page_icon are fetched from a font CDN at run time.
st.set_page_config(page_title="Spendline", page_icon=str(HERE / "ui" / "favicon.png"),
                   layout="wide")
style.inject()  # print: no sidebar or buttons, whole tables; narrow windows: whole tiles

try:
    store = get_store()
    state.read_settings()  # once per run: every widget asks ui.state.settings()
except (StoreBusy, StoreUnavailable) as exc:  # damaged, read-only, unreachable: say so
    st.error(str(exc))
    st.stop()
# Sign-in first (when configured): everything below runs for a known user with a role.
user = signed_in_user(store)
st.session_state["user"] = user

# Pages a role may not use are not offered (ui/navigation.py). Expanded: every page in sight,
# Upload and Settings are not "View 4 more" away.
pages = st.navigation(app_pages(user), expanded=True)
try:
    sidebar(store, user)
    # One channel → colour map for every chart, from every channel the store knows.
    charts.use_channels(options(store).values["channel"])
    compare_notice(current_compare(), pages.url_path)
    # The user's number format, set for the whole run before the page draws (ui/preferences).
    number_style(store, user)
    sidebar_note(user)
    # On every page while demo batches are in force (a caption: pages' own notices stay
    # the first st.info they draw).
    if demo_in_force(store):
        st.caption(NOTICE)
    pages.run()
except StoreBusy as busy:  # an import or a backup holds the store file: say so, plainly
    st.warning(f"{busy} The page will show again on the next click.")
