import streamlit as st

from ui import charts, data, widgets
from ui.filters import current
from ui.navigation import ensure_app_navigation

ensure_app_navigation()

filters = current()
currency = widgets.base_currency()

st.title("ROI")
st.caption("CPL = actual ÷ leads · CAC = actual ÷ customers · ROAS = revenue ÷ actual · "
           "ROI = (revenue − actual) ÷ actual. An empty ratio (nothing to divide by) shows —.")

by_channel = data.view("roi_by_channel", filters)
frame = by_channel.to_pandas()
left, right = st.columns([3, 2])
with left:
    st.subheader("Spend against revenue")
    widgets.chart(charts.roi_bubble(frame, "channel", currency), frame, key="bubble",
                  file_name="roi_bubble")
with right:
    st.subheader("Funnel")
    totals = frame[["leads", "opportunities", "customers"]].sum()
    widgets.chart(charts.funnel(int(totals["leads"]), int(totals["opportunities"]),
                                int(totals["customers"])),
                  totals.to_frame("count").rename_axis("stage").reset_index(), key="funnel",
                  file_name="funnel")

st.subheader("By channel")
widgets.table(by_channel, key="roi_channel", file_name="roi_by_channel")

st.subheader("By campaign")
by_campaign = data.view("roi_by_campaign", filters)
unallocated = by_campaign.to_pandas().query("campaign == 'Unallocated'")
if not unallocated.empty:
    st.info("Spend on ledger rows that name no campaign shows as Unallocated.")
widgets.table(by_campaign, key="roi_campaign", file_name="roi_by_campaign", height=420)
