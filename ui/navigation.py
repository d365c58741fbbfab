"""Keep every page inside app.py's navigation.

The user's layout has a `pages/` folder beside app.py, so a freshly started Streamlit server
runs its first sessions in the old folder-based mode: a shared link such as `/roi?channel=Email`
would run pages/roi.py alone, without app.py's navigation and filters, until some session opens
the root. Each page calls `ensure_app_navigation()` first: in that mode it switches the server
to st.navigation and reruns, and since every url_path equals its file's name, the rerun lands
on the same page with the same query parameters (the filters).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_app_navigation() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
