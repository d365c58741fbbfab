import streamlit as st

from spendline import accruals
from spendline import formats as fmt
from ui import data, widgets
from ui.exports import XLSX_MIME
from ui.filters import day_label
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page

ensure_app_navigation()

filters, currency = filtered_page("Accruals")

posting = accruals.month_end(filters.as_of)
st.caption(f"Month-end {day_label(posting)} (the as-of month's last day). Cost delivered but "
           "not yet invoiced: ad-platform spend beyond what was invoiced for its month, "
           "channel and platform, and the open part of orders from months already over. "
           f"Net of VAT, in {currency}.")

lines = data.view("accruals", filters)
by_month = accruals.totals(lines, "month")
by_channel = accruals.totals(lines, "channel")
total = accruals.total(lines)
by_source = accruals.total_by_source(lines)

tiles = st.columns(3)
for tile, label, amount in zip(tiles, (f"To accrue at {day_label(posting)}",
                                       "Platform spend not invoiced",
                                       "Open orders of past months"),
                               (total, by_source["platform"], by_source["order"]), strict=True):
    tile.metric(label, fmt.compact_money(amount, currency), help=fmt.money(amount, currency),
                border=True)

# -- totals -----------------------------------------------------------------------------------
left, right = st.columns(2)
with left:
    st.subheader("By month")
    widgets.table(by_month, key="accruals_by_month", file_name="accruals_by_month",
                  caption="Each total adds up its lines as listed below, to the cent.")
with right:
    st.subheader("By channel")
    widgets.table(by_channel, key="accruals_by_channel", file_name="accruals_by_channel")

# -- the list ---------------------------------------------------------------------------------
st.subheader("Accruals, one line each")
widgets.table(lines, key="accruals", file_name="accruals", height=420,
              caption="Platform lines: reported = what the platform reports, invoiced = the "
              "month's invoices for that channel and platform. Order lines: the order and "
              "the invoices drawing on it (by PO number), in base currency.")
st.download_button(
    "Journal entry (Excel)", data=lambda: accruals.journal_workbook(lines, filters.as_of,
                                                                     currency),
    file_name=accruals.journal_filename(filters.as_of), mime=XLSX_MIME, on_click="ignore",
    key="accruals_journal", icon=":material/table_view:",
    help=f"One line per accrual dated {day_label(posting)}; account and cost centre are "
    "left for finance to fill.")
