import streamlit as st

from spendline import formats as fmt
from ui import data, spend_charts, widgets
from ui import lifecycle_charts as lc
from ui.filters import day_label
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page

ensure_app_navigation()

filters, currency = filtered_page("Invoices & payments")


def view(name: str):
    """One of the lifecycle views (spendline/sql) with the sidebar filters, as Arrow."""
    return data.table(name, filters)


st.caption(f"As of {day_label(filters.as_of)}. Amounts net of VAT, in {currency}; open invoices "
           "include credit notes.")

# -- pipeline ---------------------------------------------------------------------------------
st.subheader("Pipeline: quote → order → invoice → payment")
data.prefetch(data.view_of("aging", filters),
              *(data.table_of(name, filters) for name in (
                  "pipeline", "overdue_invoices", "payments_due", "month_end_share",
                  "month_end_vendors", "invoice_days", "missing_documents")))
pipeline = view("pipeline")
frame = pipeline.to_pandas()
stages = frame.set_index("stage")
cols = st.columns(4)
for col, stage in zip(cols, ("quoted", "ordered", "invoiced", "paid"), strict=True):
    n = int(stages.loc[stage, "documents"])
    col.metric(lc.STAGE_LABELS[stage], fmt.compact_money(stages.loc[stage, "amount"], currency),
               fmt.count(n, lc.STAGE_NOUNS[stage]), delta_color="off",
               delta_arrow="off", border=True)
widgets.chart(lc.pipeline_bars(frame, currency), frame, key="pipeline", file_name="pipeline")
widgets.table(pipeline, key="pipeline", file_name="pipeline",
              caption="An order counts only for its open part (the order less the invoices "
              "drawing on it), so the stages add up to quoted + committed.")

# -- aging and overdue ------------------------------------------------------------------------
st.subheader("Open invoices by days overdue")
aging = data.view("aging", filters)
overdue = view("overdue_invoices")
due = view("payments_due")
# Totals come from view rows that sum exactly and round once (SPEC §4), not from rounded rows.
late = due.to_pandas().set_index("bucket").loc["overdue"]
tiles = st.columns(4)
tiles[0].metric("Open invoices", fmt.integer(stages.loc["invoiced", "documents"]), border=True)
tiles[1].metric("Open amount", fmt.compact_money(stages.loc["invoiced", "amount"], currency),
                help=fmt.money(stages.loc["invoiced", "amount"], currency), border=True)
tiles[2].metric("Overdue invoices", f"{fmt.integer(int(late['invoices']))}", border=True)
tiles[3].metric("Overdue amount", fmt.compact_money(late["amount"], currency),
                help=fmt.money(late["amount"], currency), border=True)
left, right = st.columns([3, 2])
with left:
    widgets.chart(spend_charts.aging_bars(aging.to_pandas(), currency), aging.to_pandas(),
                  key="aging", file_name="aging")
with right:
    widgets.table(aging, key="aging", file_name="aging",
                  caption="Days overdue = as-of date − due date. Not due: 0 days or fewer.")
st.markdown("**Overdue invoices**, most overdue first")
widgets.table(overdue, key="overdue", file_name="overdue_invoices", height=360,
              caption="Status invoiced and due before the as-of date. An invoice without a "
              "due date is due on its invoice date.")

# -- cash-out outlook -------------------------------------------------------------------------
st.subheader("Payments due in the next 8 weeks")
widgets.chart(lc.payments_due_bars(due.to_pandas(), currency), due.to_pandas(), key="due",
              file_name="payments_due_chart")
widgets.table(due, key="due", file_name="payments_due",
              caption="Open invoices by due date, in weeks of 7 days from the as-of date.")

# -- invoice timing ---------------------------------------------------------------------------
st.subheader("When invoices arrive")
share = view("month_end_share").to_pylist()[0]
clustered = view("month_end_vendors")
cols = st.columns(3)
cols[0].metric("Invoices in the last 5 days of their month",
               f"{fmt.integer(share['invoices_month_end'])} of {fmt.integer(share['invoices'])}",
               border=True)
cols[1].metric("Month-end share, count", fmt.pct(share["share"]), border=True)
cols[2].metric("Month-end share, amount", fmt.pct(share["share_of_amount"]), border=True,
               help=f"{fmt.money(share['amount_month_end'], currency)} of "
               f"{fmt.money(share['amount'], currency)}")
days = view("invoice_days").to_pandas()
widgets.chart(lc.invoice_day_bars(days, currency), days, key="days", file_name="invoice_days")
if clustered.num_rows:
    n = clustered.num_rows
    st.info(f"{fmt.count(n, 'vendor')} send half or more of their invoices in the "
            "last 5 days of the month. Ask them to invoice mid-month: the approval and "
            "payment work, and the month-end close, then spread over the month. Most "
            "month-end invoices first:", icon=":material/event:")
    # Vendor names are uploaded text: shown as text, never as Markdown.
    for line in lc.month_end_advice(clustered.to_pandas(), currency):
        st.text(f"• {line}")
    widgets.table(clustered, key="month_end_vendors", file_name="month_end_vendors",
                  caption="Vendors with at least 3 invoices, half or more at month end; "
                  "shares by count of invoices and by amount.")
else:
    st.success("No vendor sends half or more of its invoices at month end.")

# -- missing documents ------------------------------------------------------------------------
st.subheader("Documents missing")
missing = view("missing_documents")
statuses = missing.column("status").to_pylist()
st.caption(f"{fmt.integer(statuses.count('paid'))} paid and "
           f"{fmt.integer(statuses.count('invoiced'))} open invoices "
           "lack a contract, invoice or receipt. Paid ones first.")
widgets.table(missing, key="missing", file_name="missing_documents", height=360)
