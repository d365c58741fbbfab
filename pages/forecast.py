import streamlit as st

from spendline.metrics import group_totals, ratio
from ui import budget_charts, data, scope, widgets
from ui.empty import stop_when_filters_match_nothing
from ui.filters import current
from ui.navigation import ensure_app_navigation

ensure_app_navigation()

filters = current()
currency = widgets.base_currency()
year = widgets.fiscal_year(filters)
data.prefetch(data.view_of("budget_vs_actual", filters), data.view_of("landing", year),
              data.breakdown_of(filters, ("channel",)))

st.title("Forecast vs actual")
stop_when_filters_match_nothing(filters)

bva = data.view_frame("budget_vs_actual", filters)
st.subheader("Per month, with cumulative lines")
widgets.chart(budget_charts.burn_up(bva, currency), bva, key="burn_up", file_name="burn_up")

st.subheader("Variance by month and channel")
st.caption("Variance = actual − budget. Red: over budget; the deeper, the further off.")
widgets.variance_table(data.view("budget_vs_actual", filters), key="variance",
                       file_name="budget_vs_actual")

left, right = st.columns(2)
with left:
    st.subheader("Variance by channel")
    widgets.chart(budget_charts.variance_by_channel(bva, currency), bva, key="variance",
                  file_name="variance_by_channel")
with right:
    st.subheader(f"Landing, fiscal year {year.from_month:%Y}")
    scope.whole_year_note(filters, year, "The landing",
                          "a landing is where the whole fiscal year ends.")
    landing = data.view("landing", year)
    widgets.chart(budget_charts.landing_by_channel(landing.to_pandas(), currency),
                  landing.to_pandas(), key="landing", file_name="landing_chart")
widgets.table(landing, key="landing", file_name="landing",
              caption="Landing = actual up to the as-of month + what is left of the as-of "
              "month's forecast (a month still open lands at least at its forecast) + "
              "forecast after it. "
              + widgets.ROUNDING_NOTE)

st.subheader("Budget: as uploaded, adjustments, now")
widgets.table(data.table("budget_adjustment_summary", filters), key="adjusted",
              file_name="budget_adjustment_summary",
              caption="Approved adjustments (Budget adjustments page) on the uploaded budget.")

# -- drill down --------------------------------------------------------------------------------
st.subheader("Drill down")
channels = sorted(data.breakdown(filters, by=("channel",))["channel"].dropna().unique())
cols = st.columns(2)
channel = cols[0].selectbox("Channel", channels, index=None, placeholder="All channels",
                            key="drill_channel")
by = cols[1].radio("By", ["platform", "category", "campaign", "vendor"], horizontal=True,
                   key="drill_by")
lines = data.breakdown(filters, by=("channel", by))  # added up in SQL per what is shown
if channel:
    lines = lines[lines["channel"] == channel]
figures = ["budget", "forecast", "committed", "actual", "paid"]
drill = group_totals(lines.assign(**{by: lines[by].fillna("(none)")}), [by], figures)
drill["variance"] = drill["actual"] - drill["budget"]
drill["variance_pct"] = [ratio(v, b) for v, b in zip(drill["variance"], drill["budget"])]
widgets.table(drill.sort_values("actual", ascending=False), key="drill",
              file_name=f"drill_{by}", caption="Budgets carry no vendor: by vendor, budget is "
              "under (none).")
