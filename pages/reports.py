from dataclasses import replace
from datetime import date

import streamlit as st
import streamlit.components.v1 as components

from reports import packs, pdf
from reports.cli import make
from reports.errors import ReportError
from spendline import clock
from spendline import formats as fmt
from spendline.access import restrict
from ui import empty
from ui.auth import session_user
from ui.filters import current, month_label
from ui.navigation import ensure_app_navigation
from ui.safe_text import plain
from ui.state import get_store

ensure_app_navigation()

store = get_store()
user = session_user()
filters = current()
KINDS = {"finance": "Finance pack", "client": "Client pack", "marketing": "Marketing pack"}
HELP = {
    "finance": "Budget, committed, actual, paid and landing with their change since last "
               "month; forecast vs actual by channel and its three biggest movers; accruals; "
               "invoices due and overdue; approval and document flags; budget adjustments "
               "approved in the month; ROI on invoiced cost.",
    "client": "One account alone (every figure is worked out with that account in the "
              "filters): budget vs actual, spend by channel and platform, results and ROI on "
              "both bases, invoices.",
    "marketing": "Channel and campaign performance, the media figures and the scorecard.",
}

st.title("Reports")
st.caption("A monthly pack as one self-contained HTML file (charts included, nothing fetched "
           "from the network) and as a PDF made from it. The command line makes the same "
           "file for cron: `python -m spendline report finance --month 2026-11 --out "
           "pack.pdf`.")

kind = st.radio("Pack", list(KINDS), format_func=KINDS.get, horizontal=True, key="report_kind")
st.caption(HELP[kind])
today = clock.today()
months = []
year, number = today.year, today.month
for _ in range(24):  # the running month, then the 23 before it
    months.append(date(year, number, 1))
    year, number = (year, number - 1) if number > 1 else (year - 1, 12)
# The last month over is the pack a month-end meeting wants; the running month is offered too.
cols = st.columns(2)
month = cols[0].selectbox("Month", months, index=1, format_func=month_label,
                          key="report_month")
# The pack's own period (its fiscal year to the month) replaces the sidebar's months; the
# sidebar's channel, platform, … choices and the user's accounts still apply.
base = replace(filters, from_month=None, to_month=None, as_of=None, as_at=None)
empty.stop_when_filters_match_nothing(base)  # an empty pack would read as good news
account = None
if kind == "client":
    choices = packs.accounts(store, restrict(replace(base, accounts=()), user))
    if not choices:
        st.info("No account you may see has figures: nothing to report.")
        st.stop()
    account = cols[1].selectbox("Account", choices, key="report_account")
    base = replace(base, accounts=())

key = (kind, month, account, base, user, fmt.current(), store.data_version())
if st.button("Make the pack", type="primary", key="report_make"):
    with st.spinner("Making the pack…"):
        try:
            made = make(store, kind, month, account=account, filters=base, user=user,
                        style=fmt.current())
        except ReportError as exc:
            st.error(plain(str(exc)))
            st.stop()
    st.session_state["report_made"] = (key, made)
    st.session_state.pop("report_pdf", None)

stored = st.session_state.get("report_made")
if not stored or stored[0] != key:
    st.info("Choose a pack and a month, then **Make the pack** to preview and download it.")
    st.stop()
made = stored[1]
st.session_state["report_html"] = made.html  # the bytes offered below (tests read them)

left, right = st.columns(2)
left.download_button("Download HTML", data=made.html, file_name=made.name, mime="text/html",
                     on_click="ignore", key="report_download_html",
                     icon=":material/download:")
why = pdf.available()
if why:
    right.info(plain(why))
else:
    pdf_name = made.name.removesuffix(".html") + ".pdf"
    if right.button("Make the PDF", key="report_make_pdf"):
        with st.spinner("Printing the PDF with Chromium…"):
            st.session_state["report_pdf"] = (key, pdf.html_to_pdf(made.html.decode("utf-8"),
                                                                   made.meta))
    stored_pdf = st.session_state.get("report_pdf")
    if stored_pdf and stored_pdf[0] == key:
        right.download_button("Download PDF", data=stored_pdf[1], file_name=pdf_name,
                              mime="application/pdf", on_click="ignore",
                              key="report_download_pdf", icon=":material/picture_as_pdf:")

st.subheader("Preview")
components.html(made.html.decode("utf-8"), height=900, scrolling=True)
