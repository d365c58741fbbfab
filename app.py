"""Spendline: marketing budgets, spend, leads and revenue in one trustworthy picture."""

from pathlib import Path

import streamlit as st

from spendline.store import StoreBusy
from ui.auth import sidebar_note, signed_in_user
from ui.filters import sidebar
from ui.state import get_store

HERE = Path(__file__).parent

# A local icon: Material icons as page_icon are fetched from a font CDN at run time.
st.set_page_config(page_title="Spendline", page_icon=str(HERE / "ui" / "favicon.png"),
                   layout="wide")

store = get_store()
# Sign-in first (when configured): everything below runs for a known user with a role.
user = signed_in_user(store)
st.session_state["user"] = user

# Pages a role may not use are not offered; each such page also checks the role itself.
data_pages = [
    st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload")
] if user.can("upload") else []
data_pages.append(st.Page("pages/data.py", title="Stored data", icon=":material/table:",
                          url_path="data"))
if user.can("users"):
    data_pages.append(st.Page("pages/users.py", title="Users and roles",
                              icon=":material/group:", url_path="users"))

planning_pages = [
    st.Page("pages/accounts.py", title="Accounts", icon=":material/groups:",
            url_path="accounts"),
    st.Page("pages/scorecard.py", title="Scorecard", icon=":material/scoreboard:",
            url_path="scorecard"),
    st.Page("pages/adjustments.py", title="Budget adjustments", icon=":material/tune:",
            url_path="adjustments"),
]
if user.can("settings"):
    planning_pages.append(st.Page("pages/settings.py", title="Settings",
                                  icon=":material/settings:", url_path="settings"))

pages = st.navigation({
    "Dashboard": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:",
                url_path="overview", default=True),
        st.Page("pages/forecast.py", title="Forecast vs actual", icon=":material/trending_up:",
                url_path="forecast"),
        st.Page("pages/channel_spend.py", title="Channel spend", icon=":material/bar_chart:",
                url_path="channel_spend"),
        st.Page("pages/roi.py", title="ROI", icon=":material/insights:", url_path="roi"),
    ],
    "Spend lifecycle": [
        st.Page("pages/invoices.py", title="Invoices & payments", icon=":material/receipt_long:",
                url_path="invoices"),
        st.Page("pages/approvals.py", title="Approvals & documents",
                icon=":material/approval:", url_path="approvals"),
        st.Page("pages/vendors.py", title="Vendors", icon=":material/storefront:",
                url_path="vendors"),
    ],
    "Accounts and planning": planning_pages,
    "Data": data_pages,
}, expanded=True)  # every page in sight: Upload and Settings are not "View 4 more" away
try:
    sidebar(store, user)
    sidebar_note(user)
    pages.run()
except StoreBusy as busy:  # an import or a backup holds the store file: say so, plainly
    st.warning(f"{busy} The page will show again on the next click.")
