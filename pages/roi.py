import streamlit as st

from spendline.kinds import UNALLOCATED
from spendline.metrics import funnel_totals
from ui import data, media_charts, roi_charts, widgets
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page

ensure_app_navigation()

filters, currency = filtered_page("ROI")

# The option text is what the URL carries (?basis=Platform+spend+%28media%29).
INVOICED, PLATFORM = "Invoiced cost (finance)", "Platform spend (media)"
MEDIA_COLUMNS = ["platform_spend", "leads", "revenue", "media_cpl", "media_roas"]
basis = st.radio("Cost basis", [INVOICED, PLATFORM], horizontal=True, key="basis",
                 bind="query-params")
st.caption("Invoiced cost includes fees, production and agency work the platforms never see, "
           "and arrives with the invoice weeks later; platform spend is what the ad platforms "
           "report for media alone, day by day.")
if basis == PLATFORM:
    st.caption("On platform spend (media): media CPL = platform spend ÷ leads · media ROAS = "
               "revenue ÷ platform spend, over the rows that report both. An empty ratio "
               "(nothing to divide by) shows —.")
else:
    st.caption("On invoiced cost (finance): CPL = actual ÷ leads · CAC = actual ÷ customers · "
               "ROAS = revenue ÷ actual · ROI = (revenue − actual) ÷ actual. An empty ratio "
               "(nothing to divide by) shows —.")
label = "on platform spend (media)" if basis == PLATFORM else "on invoiced cost (finance)"

data.prefetch(data.view_of("roi_by_channel", filters),
              *([data.table_of("media_rollup", filters)] if basis == PLATFORM
                else [data.view_of("roi_by_campaign", filters)]))
by_channel = data.view("roi_by_channel", filters)
frame = by_channel.to_pandas()
left, right = st.columns([3, 2])
with right:
    st.subheader("Funnel")
    totals = funnel_totals(frame)
    widgets.chart(roi_charts.funnel(*totals),
                  totals.to_frame("count").reset_index(), key="funnel",
                  file_name="funnel")

if basis == PLATFORM:
    media_channel = data.media_rollup(filters, "channel").select(["channel", *MEDIA_COLUMNS])
    with left:
        st.subheader(f"Media ROAS by channel, {label}")
        shown = media_channel.to_pandas()
        widgets.chart(media_charts.media_roas(shown, ["channel"]), shown, key="media_roas",
                      file_name="media_roas_by_channel")
    st.subheader(f"By channel, {label}")
    widgets.table(media_channel, key="media_channel", file_name="media_by_channel")
    st.subheader(f"By campaign, {label}")
    widgets.table(data.media_rollup(filters, "campaign").select(
        ["campaign", "channel", *MEDIA_COLUMNS]), key="media_campaign",
        file_name="media_by_campaign", height=420)
else:
    with left:
        st.subheader(f"Spend against revenue, {label}")
        widgets.chart(roi_charts.roi_bubble(frame, "channel", currency), frame, key="bubble",
                      file_name="roi_bubble")
    st.subheader(f"By channel, {label}")
    widgets.table(by_channel, key="roi_channel", file_name="roi_by_channel")
    st.subheader(f"By campaign, {label}")
    by_campaign = data.view("roi_by_campaign", filters)
    campaigns = by_campaign.to_pandas()
    unallocated = campaigns[campaigns["campaign"] == UNALLOCATED]
    if not unallocated.empty:
        st.info("Spend on ledger rows that name no campaign shows as Unallocated.")
    widgets.table(by_campaign, key="roi_campaign", file_name="roi_by_campaign", height=420)
