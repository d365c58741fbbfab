"""Spendline: marketing budgets, spend, leads and revenue in one trustworthy picture."""

from pathlib import Path

import streamlit as st

from ui.filters import sidebar
from ui.state import get_store

HERE = Path(__file__).parent

# A local icon: Material icons as page_icon are fetched from a font CDN at run time.
st.set_page_config(page_title="Spendline", page_icon=str(HERE / "ui" / "favicon.png"),
                   layout="wide")

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
    "Data": [
        st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:",
                url_path="upload"),
        st.Page("pages/data.py", title="Stored data", icon=":material/table:",
                url_path="data"),
    ],
})
sidebar(get_store())
pages.run()
