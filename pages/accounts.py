import streamlit as st

from spendline import formats as fmt
from ui import account_charts, data, scope, widgets
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page

ensure_app_navigation()

filters, currency = filtered_page("Accounts")

year = widgets.fiscal_year(filters)
st.caption(f"Per client account, fiscal year {year.from_month:%b %Y}–{year.to_month:%b %Y}, "
           f"as of {filters.as_of:%d %b %Y}: budget and committed for the year; actual, revenue "
           "and ROI up to the as-of month; landing = actual to date + the rest of the as-of "
           "month's forecast + forecast after it; overdue = invoices past their due date.")

scope.whole_year_note(filters, year, "Every figure on this page",
                      "an account is judged on its year: budget, committed and landing are "
                      "whole-year figures.")
accounts = data.accounts(filters)
frame = accounts.to_pandas()

# -- side by side -----------------------------------------------------------------------------
st.subheader("Side by side")
widgets.chart(account_charts.grouped_bars(frame, "account", currency), frame,
              key="accounts_bars", file_name="accounts_chart")
widgets.table(accounts, key="accounts", file_name="accounts",
              caption="ROI = (revenue − actual) ÷ actual, both up to the as-of month. "
              + widgets.ROUNDING_NOTE)

# -- one at a time ----------------------------------------------------------------------------
st.subheader("One account")
names = frame["account"].tolist()
if not names:
    st.info("No account has figures for the current filters.")
    st.stop()
account = st.selectbox("Account", names, key="account_one")
row = frame.set_index("account").loc[account]
tiles = st.columns(3)
widgets.money_tile(tiles[0], "Budget", row["budget"])
widgets.money_tile(tiles[1], "Actual to date", row["actual_to_date"])
widgets.money_tile(tiles[2], "Landing vs budget", row["landing_vs_budget"],
                   help="Above zero: the account lands over its budget.")
tiles = st.columns(3)
widgets.money_tile(tiles[0], "Committed", row["committed"])
widgets.ratio_tile(tiles[1], "ROI", row["roi"])
tiles[2].metric("Overdue", fmt.compact_money(row["overdue"], currency),
                fmt.count(row["overdue_invoices"], "invoice"), delta_color="off", delta_arrow="off",
                border=True)  # a count of invoices, not a change: no arrow

channels = data.account_channels(account, filters)
by_channel = channels.to_pandas()
widgets.chart(account_charts.grouped_bars(by_channel, "channel", currency), by_channel,
              key="account_channels_bars", file_name=f"account_{account}_channels_chart")
widgets.table(channels, key="account_channels", file_name=f"account_{account}_channels",
              caption=widgets.ROUNDING_NOTE)
