"""Spendline: marketing budgets, spend, leads and revenue in one trustworthy picture."""

import streamlit as st

from ui.filters import sidebar
from ui.state import get_store

st.set_page_config(page_title="Spendline", page_icon=":material/account_balance:",
                   layout="wide")

pages = st.navigation({
    "Data": [
        st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:",
                url_path="upload", default=True),
        st.Page("pages/data.py", title="Stored data", icon=":material/table:",
                url_path="data"),
    ],
})
sidebar(get_store())
pages.run()
