import streamlit as st

from spendline import formats as fmt
from spendline.accruals import month_end
from spendline.accruals import total as accrual_total
from spendline.changes import comparison_note, ledger_changes, ledger_rows
from spendline.metrics import (
    filtered_kpis,
    group_totals,
    kpis,
    overdue_invoices,
    previous_month_end,
)
from ui import budget_charts, data, scope, spend_charts, widgets
from ui.empty import stop_when_filters_match_nothing
from ui.filters import current, current_compare
from ui.navigation import ensure_app_navigation
from ui.safe_text import plain
from ui.state import get_store

ensure_app_navigation()

filters = current()
compare = current_compare()
currency = widgets.base_currency()
as_of = filters.as_of
year = widgets.fiscal_year(filters)
prev = previous_month_end(as_of)
data.prefetch(data.breakdown_of(year, ("month", "channel")), data.outcomes_of(filters, ("month",)),
              data.breakdown_of(filters, ("month", "channel")),
              data.view_of("landing", year), data.view_of("aging", filters),
              data.count_of("approval_flags", filters), data.view_of("budget_vs_actual", filters),
              data.view_of("accruals", filters))

st.title("Overview")
stop_when_filters_match_nothing(filters)
months = scope.months_label(filters) if scope.narrowed(filters, year) else "the whole year"
st.caption(f"Fiscal year {year.from_month:%b %Y}–{year.to_month:%b %Y}, {months}, as of "
           f"{as_of:%d %b %Y}. Changes against {prev:%d %b %Y}, the end of the previous month.")

# The tiles need totals per month and channel only (landing's as-of month is worked out per
# channel): added up in SQL, not from every dimension's rows. Every tile follows the month
# filter but landing, which is where the whole fiscal year ends.
monthly_figures = data.breakdown(filters, by=("month", "channel"))
monthly_results = data.outcomes(filters, by=("month",))
year_figures = data.breakdown(year, by=("month", "channel"))
now = filtered_kpis(monthly_figures, monthly_results, year_figures, as_of)
then = filtered_kpis(monthly_figures, monthly_results, year_figures, prev)
scope.whole_year_note(filters, year, "Landing vs budget and the landing alert",
                      "a landing is where the whole fiscal year ends. Every other figure is "
                      f"for {months}.")

# -- KPI tiles --------------------------------------------------------------------------------
row1 = st.columns(4)
widgets.money_tile(row1[0], "Budget", now.budget, then.budget)
widgets.money_tile(row1[1], "Committed", now.committed, None,
                   help="Actual plus the open part of purchase orders.")
widgets.money_tile(row1[2], "Actual to date", now.actual_to_date, then.actual_to_date,
                   help="Invoiced and paid, up to the as-of month.")
widgets.money_tile(row1[3], "Paid", now.paid, then.paid)
row2 = st.columns(3)
widgets.money_tile(row2[0], "Landing vs budget", now.landing_vs_budget,
                   then.landing_vs_budget,
                   inverse=True, help="The whole fiscal year, whatever months are chosen. "
                   "Actual to date, plus what is left of the as-of "
                   "month's forecast, plus forecast after it, less the budget. Above zero: the "
                   "year lands over budget.")
widgets.ratio_tile(row2[1], "ROI", now.roi, then.roi,
                   help="(Revenue − actual) ÷ actual, up to the as-of month.")
widgets.ratio_tile(row2[2], "Cost per lead", now.cpl, then.cpl, money=True, inverse=True)

# -- alerts -----------------------------------------------------------------------------------
st.subheader("Needs attention")
landing = data.view_frame("landing", year)
over = landing[landing["landing_vs_budget"].map(lambda v: v > 0)]
aging = data.view_frame("aging", filters)
overdue_count, overdue_amount = overdue_invoices(aging)
flags = data.row_count("approval_flags", filters)
to_accrue = accrual_total(data.view("accruals", filters))
alerts = st.columns(4)
with alerts[0]:
    if over.empty:
        st.success("Every channel lands within its budget this fiscal year.")
    else:
        names = ", ".join(
            f"{plain(r.channel)} (+{fmt.compact_money(r.landing_vs_budget, currency)})"
            for r in over.itertuples())
        st.warning(f"Landing over budget this fiscal year: {names}")
with alerts[1]:
    if overdue_count:
        st.warning(f"{fmt.count(overdue_count, 'overdue invoice')}, "
                   f"{fmt.money(overdue_amount, currency)}")
    else:
        st.success("No overdue invoices.")
with alerts[2]:
    if flags:
        st.warning(f"{fmt.count(flags, 'ledger row')} flagged for approval or missing documents")
    else:
        st.success("No approval flags.")
with alerts[3]:
    if to_accrue:
        st.warning(f"{fmt.compact_money(to_accrue, currency)} to accrue at "
                   f"{month_end(as_of):%d %b %Y}")
    else:
        st.success(f"Nothing to accrue at {month_end(as_of):%d %b %Y}.")
# The links in a row of their own, level whatever the length of the messages above.
links = st.columns(4)
links[0].page_link("pages/forecast.py", label="Forecast vs actual", icon=":material/trending_up:")
links[1].page_link("pages/invoices.py", label="Invoices & payments",
                   icon=":material/receipt_long:")
links[2].page_link("pages/approvals.py", label="Approvals & documents",
                   icon=":material/approval:")
links[3].page_link("pages/accruals.py", label="Accruals", icon=":material/event_note:")

# -- charts -----------------------------------------------------------------------------------
bva = data.view_frame("budget_vs_actual", filters)
# One under the other, each the page's width: side by side, a 1024 px laptop left each
# about 300 px, too narrow to read twelve months and their legend.
st.subheader("Budget, forecast and actual")
widgets.chart(budget_charts.burn_up(bva, currency), bva, key="overview_burn_up",
              file_name="budget_vs_actual")
st.subheader("Spend by channel")
monthly = group_totals(monthly_figures.assign(
    month=monthly_figures["month"].map(lambda m: f"{m:%Y-%m}")), ["month", "channel"],
    ["actual"])
widgets.chart(spend_charts.spend_over_time(monthly, "channel", currency), monthly,
              key="overview_spend", file_name="spend_by_channel_month")

# -- compare with ------------------------------------------------------------------------------
if compare:
    st.subheader(f"Since {compare:%d %b %Y}")
    store = get_store()
    st.caption(comparison_note(compare, store.history()))
    past = data.as_stood(filters, compare)
    before = kpis(data.breakdown(past, by=("month", "channel")), data.outcomes(past, by=("month",)),
                  compare)
    cols = st.columns(4)
    widgets.money_tile(cols[0], "Budget", now.budget, before.budget)
    widgets.money_tile(cols[1], "Committed", now.committed, before.committed)
    widgets.money_tile(cols[2], "Actual to date", now.actual_to_date, before.actual_to_date)
    widgets.money_tile(cols[3], "Paid", now.paid, before.paid)
    changes = ledger_changes(ledger_rows(store, data.as_stood(filters, compare)),
                             ledger_rows(store, filters))
    st.caption(f"{fmt.count(len(changes), 'ledger document')} changed since then.")
    widgets.table(changes, key="changes", file_name="changes")

widgets.export_all(filters)
