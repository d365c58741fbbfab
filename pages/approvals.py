from decimal import Decimal

import pyarrow.compute as pc
import streamlit as st

from spendline import formats as fmt
from ui import data, spend_charts, state, widgets
from ui import lifecycle_charts as lc
from ui.filters import day_label
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page
from ui.state import get_store

ensure_app_navigation()

filters, currency = filtered_page("Approvals & documents")

store = get_store()
st.caption(f"As of {day_label(filters.as_of)}. Every ledger row that is not cancelled is "
           "checked, quotes included; amounts net of VAT, in base currency.")

# -- thresholds -------------------------------------------------------------------------------
st.subheader("Approval levels")
finance, executive = lc.thresholds(state.settings())
cols = st.columns(3)
cols[0].metric("Manager", f"below {fmt.money(finance, currency)}", border=True,
               help="Credit notes always need a manager.")
cols[1].metric("Finance", f"from {fmt.money(finance, currency)}", border=True,
               help=f"Up to {fmt.money(executive - Decimal('0.01'), currency)}.")
cols[2].metric("Executive", f"from {fmt.money(executive, currency)}", border=True)
st.caption("The thresholds come from the settings. Levels compare regardless of case; a "
           "higher level may always approve.")

# -- flagged rows -----------------------------------------------------------------------------
st.subheader("Flagged rows")
data.prefetch(data.view_of("approval_flags", filters),
              data.table_of("payment_readiness", filters))
flags = data.view("approval_flags", filters)
reasons = lc.reason_counts(flags.select(["reason"]).to_pandas())  # not every row's Decimals
left, right = st.columns([2, 3])
with left:
    st.metric("Rows flagged", f"{fmt.integer(flags.num_rows)}", border=True,
              help="Approval missing or too low for the amount, or paid without a contract, "
              "invoice and receipt. One row per ledger row, with all its reasons.")
    widgets.table(reasons, key="reasons", file_name="approval_flag_reasons",
                  caption="A row with two reasons or two missing documents counts under "
                  "both.")
with right:
    widgets.chart(spend_charts.top_n(reasons, "reason", "rows", kind="integer"), reasons,
                  key="reasons", file_name="approval_flag_reasons_chart")
widgets.table(flags, key="flags", file_name="approval_flags", height=360)

# -- ready to pay -----------------------------------------------------------------------------
st.subheader("Ready to pay")
readiness = data.table("payment_readiness", filters)
waits = pc.is_valid(readiness["waiting_for"])
ready, held = lc.split_readiness(readiness)  # amounts to the cent, for the tables
cols = st.columns(4)
cols[0].metric("Ready to pay", f"{fmt.integer(ready.num_rows)}", border=True,
               help="Open invoices with contract, invoice and receipt on file, approved at "
               "the level their amount needs.")
# Totals: the exact amounts added up and rounded once (SPEC §4), not the rounded rows.
cols[1].metric("Ready, amount", fmt.money(lc.exact_total(readiness, pc.invert(waits)), currency),
               border=True)
cols[2].metric("Waiting", f"{fmt.integer(held.num_rows)}", border=True,
               help="Open invoices still missing a document or the right approval.")
cols[3].metric("Waiting, amount", fmt.money(lc.exact_total(readiness, waits), currency),
               border=True)
if not ready.num_rows:
    st.info("No open invoice is ready to pay under these filters: each one still waits for "
            "a document or an approval, see below.", icon=":material/hourglass_empty:")
else:
    widgets.table(ready, key="ready", file_name="ready_to_pay", height=360,
                  caption="Earliest due first.")
st.markdown("**What open invoices are waiting for**")
waiting_amounts = readiness.filter(waits).select(["waiting_for", "amount"]).to_pandas()
widgets.table(lc.reason_counts(waiting_amounts, "waiting_for", "amount"), key="waiting_reasons",
              file_name="waiting_for", caption="An invoice waiting for two things counts "
              "under both.")
with st.expander(f"All {fmt.integer(held.num_rows)} waiting invoices"):
    widgets.table(held, key="waiting", file_name="waiting_to_pay", height=360)
