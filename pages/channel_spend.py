import streamlit as st

from spendline.metrics import group_totals
from ui import budget_charts, data, spend_charts, widgets
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page

ensure_app_navigation()

filters, currency = filtered_page("Channel spend")
st.subheader("Spend over time")
by = st.radio("Stacked by", ["channel", "platform", "category", "vendor"], horizontal=True,
              key="spend_by")
data.prefetch(data.breakdown_of(filters, ("month", by)),
              data.breakdown_of(filters, ("channel", "platform", "category")),
              data.view_of("budget_vs_actual", filters), data.breakdown_of(filters, ("campaign",)),
              data.view_of("spend_by_vendor", filters),
              data.view_of("platform_reconciliation", filters))
lines = data.breakdown(filters, by=("month", by))  # added up in SQL per what is shown
monthly = group_totals(lines.assign(month=lines["month"].map(lambda m: f"{m:%Y-%m}")),
                       ["month", by], ["actual"])
widgets.chart(spend_charts.spend_over_time(monthly, by, currency), monthly, key="over_time",
              file_name=f"spend_by_{by}_month")

left, right = st.columns(2)
with left:
    st.subheader("Share: channel → platform → category")
    shares = group_totals(data.breakdown(filters, by=("channel", "platform", "category")),
                          ["channel", "platform", "category"], ["actual"])
    widgets.chart(spend_charts.spend_treemap(shares, currency), shares, key="treemap",
                  file_name="spend_share")
with right:
    st.subheader("Committed, actual and paid")
    bva = data.view_frame("budget_vs_actual", filters)
    per_channel = group_totals(bva, ["channel"], ["committed", "actual", "paid"])
    widgets.chart(budget_charts.committed_actual_paid(bva, currency), per_channel, key="cap",
                  file_name="committed_actual_paid")

left, right = st.columns(2)
with left:
    st.subheader("Top campaigns")
    campaigns = group_totals(data.breakdown(filters, by=("campaign",)), ["campaign"],
                             ["actual"])
    widgets.chart(spend_charts.top_n(campaigns, "campaign", "actual", 10, currency=currency),
                  campaigns.sort_values("actual", ascending=False), key="top_campaigns",
                  file_name="top_campaigns")
with right:
    st.subheader("Top vendors")
    vendors = data.view("spend_by_vendor", filters)
    widgets.chart(spend_charts.top_n(vendors.to_pandas(), "vendor", "actual", 10,
                                     currency=currency),
                  vendors.to_pandas(), key="top_vendors", file_name="top_vendors")
widgets.table(vendors, key="vendors", file_name="spend_by_vendor", height=320)

st.subheader("Platform reconciliation")
st.caption("What the ad platforms report against what was invoiced. Platform spend is "
           "compared with actual, never added to it.")
recon = data.view("platform_reconciliation", filters)
widgets.chart(spend_charts.reconciliation(recon.to_pandas(), currency), recon.to_pandas(),
              key="recon", file_name="platform_reconciliation_chart")
widgets.table(recon, key="recon", file_name="platform_reconciliation", height=320)
