
import pandas as pd
import streamlit as st

from spendline import clock
from spendline import formats as fmt
from spendline.planning import ALL_CHANNELS, last_closed_quarter
from ui import account_charts, data, state, widgets
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page
from ui.safe_text import plain
from ui.tiles import trend_tile

ensure_app_navigation()

filters, currency = filtered_page("Scorecard")
st.caption("Sales and marketing on one set of numbers, per quarter of the fiscal year: "
           "CAC = actual ÷ customers · ROI = (revenue − actual) ÷ actual · lead to customer = "
           "customers ÷ leads. Arrows compare with the previous quarter.")

scorecard = data.table("scorecard", filters)
frame = scorecard.to_pandas()
if frame.empty:
    st.info("No spend or results for the current filters.")
    st.stop()

# -- one quarter, one channel -------------------------------------------------------------------
frame["period"] = [account_charts.quarter_label(y, q)
                   for y, q in zip(frame["fiscal_year"], frame["quarter"])]
quarters = list(dict.fromkeys(zip(frame["fiscal_year"], frame["quarter"])))
periods = [account_charts.quarter_label(y, q) for y, q in quarters]
cols = st.columns(2)
closed = last_closed_quarter(quarters, filters.as_of or clock.today(), state.first_month())
period = cols[0].selectbox("Quarter", periods, key="scorecard_quarter", index=closed)
channels = [ALL_CHANNELS, *sorted(set(frame["channel"]) - {ALL_CHANNELS})]
channel = cols[1].selectbox("Channel", channels, key="scorecard_channel")
chosen = frame[(frame["period"] == period) & (frame["channel"] == channel)]
if chosen.empty:
    st.info(f"{plain(channel)} has no figures in {period}.")
else:
    row = chosen.iloc[0]
    tiles = st.columns(3)
    trend_tile(tiles[0], "Revenue", fmt.compact_money(row["revenue"], currency),
               row["revenue_change"],
               fmt.compact_money(row["revenue_change"], currency, signed=True))
    for tile, figure in zip(tiles[1:], ("customers", "opportunities")):
        change = row[f"{figure}_change"]
        trend_tile(tile, figure.capitalize(), fmt.integer(row[figure]), change,
                   "" if pd.isna(change) else fmt.number(change, 0, signed=True))
    tiles = st.columns(3)
    trend_tile(tiles[0], "CAC", fmt.money(row["cac"], currency), row["cac_change"],
               fmt.money(row["cac_change"], currency, signed=True), inverse=True)
    for tile, figure, label in ((tiles[1], "roi", "ROI"),
                                (tiles[2], "lead_to_customer", "Lead to customer")):
        trend_tile(tile, label, fmt.pct(row[figure]), row[f"{figure}_change"],
                   fmt.points(row[f"{figure}_change"]))  # a change of a percentage

# -- trend ------------------------------------------------------------------------------------
st.subheader("Trend by channel")
figure = st.radio("Figure", list(account_charts.SCORECARD_FIGURES), horizontal=True,
                  format_func=lambda f: {"cac": "CAC", "roi": "ROI"}.get(
                      f, f.replace("_", " ").capitalize()), key="scorecard_figure")
trend = frame[["fiscal_year", "quarter", "channel", figure]]
# The quarter after the last closed one is still running (the as-of day lies in it).
running = quarters[closed + 1] if closed + 1 < len(quarters) else None
widgets.chart(account_charts.quarter_trend(trend, figure, currency, running=running), trend,
              key="scorecard_trend", file_name=f"scorecard_{figure}")

st.subheader("Every quarter and channel")
widgets.table(scorecard, key="scorecard", file_name="scorecard",
              caption="The *_change columns: this quarter less the previous one (empty when "
              "the previous quarter has no figures).")
