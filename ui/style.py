"""The app's own style sheets, injected once per run (app.py).

- Print: a page printed from the browser, to hand out in a meeting, drops the sidebar,
  header, toolbar and buttons, flows over as many sheets as it needs and prints every table
  whole (the plain copies of ui/print_view.py instead of the scrolling canvases).
- Narrow windows (a 1024x768 laptop: about 650 px beside the sidebar): KPI tiles keep their
  whole figure and label, in a smaller size, rather than cut them off with an ellipsis.
"""

from __future__ import annotations

import streamlit as st

PRINT = """
<style>
.spendline-print { display: none; }
/* its element takes no room (no gap) on screen */
[data-testid="stElementContainer"]:has(.spendline-print) { display: none; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stElementToolbar"], [data-testid="stDownloadButton"],
  [data-testid="stButton"], [data-testid="stPageLink"], [data-testid="stBaseButton-secondary"],
  [data-testid="stDataFrame"], .modebar-container, button { display: none !important; }
  /* the page scrolls inside stMain on screen: printed, it flows over as many sheets as needed */
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    overflow: visible !important; height: auto !important; position: static !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 1rem !important; }
  .spendline-print,
  [data-testid="stElementContainer"]:has(.spendline-print) { display: block !important; }
  .spendline-print table { border-collapse: collapse; width: 100%; font-size: 9pt; }
  .spendline-print th, .spendline-print td { border-bottom: 1px solid #ccc;
    padding: 2px 6px; text-align: left; }
  .spendline-print td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .spendline-print tr, .stPlotlyChart, [data-testid="stMetric"] { break-inside: avoid; }
}
</style>
"""

NARROW = """
<style>
@media screen and (max-width: 1280px) {
  [data-testid="stMetricValue"] { font-size: 1.4rem !important; }
  [data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
    text-overflow: clip !important; }
}
</style>
"""


def inject() -> None:
    """Both style sheets: style only, so they take no room on the page."""
    st.html(PRINT + NARROW)
