import streamlit as st

from spendline import formats as fmt
from ui import data, media_charts, widgets
from ui.empty import stop_when_nothing_matches
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page

ensure_app_navigation()

filters, currency = filtered_page("Media performance")
st.caption("What the ad platforms report (results uploads): spend, impressions, clicks, leads "
           "and revenue, read daily. Invoiced actual is what finance was invoiced for the same "
           "month, channel, platform and campaign: shown beside platform spend, never added to "
           "it. CPC = platform spend ÷ clicks · CPM = platform spend ÷ impressions × "
           f"{fmt.integer(1000)} · "
           "CTR = clicks ÷ impressions · media CPL = platform spend ÷ leads · media ROAS = "
           "revenue ÷ platform spend. An empty ratio (nothing to divide by) shows —.")

data.prefetch(data.table_of("media_rollup", filters),
              data.view_of("media_performance", filters))
total = data.media_rollup(filters, "total").to_pylist()
stop_when_nothing_matches(bool(total), "No ad-platform results for them.")
[total] = total

tiles = st.columns(4)
widgets.money_tile(tiles[0], "Platform spend (media)", total["platform_spend"],
                   help="What the ad platforms report they spent.")
widgets.money_tile(tiles[1], "Invoiced actual (finance)", total["actual"],
                   help="Invoices of the same month, channel, platform and campaign as the "
                        "platforms' rows. Invoices naming no campaign or platform (fees, "
                        "production, agency work) are not in it.")
tiles[2].metric("Media ROAS", fmt.times(total["media_roas"]), border=True,
                help="Revenue ÷ platform spend.")
widgets.ratio_tile(tiles[3], "Media CPL", total["media_cpl"], money=True,
                   help="Platform spend ÷ leads.")

by_platform = data.media_rollup(filters, "platform")
by_campaign = data.media_rollup(filters, "campaign")
left, right = st.columns(2)
with left:
    st.subheader("Platform spend beside invoiced, by platform")
    frame = by_platform.to_pandas()
    widgets.chart(media_charts.spend_beside_invoiced(frame, ["platform", "channel"], currency),
                  frame, key="media_spend", file_name="media_spend_by_platform")
with right:
    st.subheader("Media ROAS by campaign")
    frame = by_campaign.to_pandas()
    widgets.chart(media_charts.media_roas(frame, ["campaign", "channel"]), frame,
                  key="media_roas", file_name="media_roas_by_campaign")

st.subheader("By platform")
widgets.table(by_platform, key="media_platform", file_name="media_by_platform")
st.subheader("By campaign")
widgets.table(by_campaign, key="media_campaign", file_name="media_by_campaign", height=320)
st.subheader("By month, channel, platform and campaign")
widgets.table(data.view("media_performance", filters), key="media_performance",
              file_name="media_performance", height=420)
