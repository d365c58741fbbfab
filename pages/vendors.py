from dataclasses import replace

import streamlit as st

from spendline import formats as fmt
from spendline.metrics import vendors_used
from ui import data, spend_charts, vendor_charts, widgets
from ui.downloads import csv_bytes
from ui.navigation import ensure_app_navigation
from ui.page_top import filtered_page
from ui.safe_text import plain

ensure_app_navigation()

filters, currency = filtered_page("Vendors")


def view(name: str, chosen=filters):
    """One of the lifecycle views (spendline/sql) with the given filters, as Arrow."""
    return data.table(name, chosen)


st.caption("The supplier archive with each vendor's spend under the sidebar filters. Last "
           "used: the latest invoice, order or quote dated on or before the as-of date.")

data.prefetch(*(data.table_of(name, filters)
                for name in ("vendor_archive", "vendor_gaps", "vendor_categories")),
              data.view_of("spend_by_vendor", filters))
archive = view("vendor_archive").to_pandas()
gaps = view("vendor_gaps")
blocked = archive[archive["status"] == "blocked"]
blocked_used = blocked[blocked["documents"] > 0]
cols = st.columns(4)
cols[0].metric("Vendors in the archive", f"{fmt.integer(len(archive))}", border=True)
cols[1].metric("Blocked", f"{fmt.integer(len(blocked))}", border=True)
cols[2].metric("Used under these filters", fmt.integer(vendors_used(archive)),
               border=True)
cols[3].metric("Missing from the archive", f"{fmt.integer(gaps.num_rows)}", border=True,
               help="Vendors named in the ledger that the archive lacks (see below).")
if not blocked_used.empty:
    names = ", ".join(f"{r.vendor} ({fmt.integer(r.documents)} documents)"
                      for r in blocked_used.itertuples())
    st.error(f"Blocked vendors with documents under these filters: {plain(names)}.")
elif not blocked.empty:
    st.warning("Blocked, do not use (none has documents under these filters): "
               f"{plain(', '.join(blocked['vendor']))}")

# -- archive ----------------------------------------------------------------------------------
st.subheader("Archive by category")
by_category = view("vendor_categories")
left, right = st.columns(2)
with left:
    widgets.table(by_category, key="categories", file_name="vendor_categories")
with right:
    frame = by_category.to_pandas()
    widgets.chart(spend_charts.top_n(frame, "category", "actual", 15, currency=currency), frame,
                  key="categories", file_name="vendor_categories_chart")

cols = st.columns([3, 2])
search = cols[0].text_input("Search", key="vendor_search", icon=":material/search:",
                            placeholder="Name, services, city or notes")
category = cols[1].selectbox("Category", sorted(archive["category"].unique()), index=None,
                             placeholder="All categories", key="vendor_category")
shown = vendor_charts.search_vendors(archive, search)
if category:
    shown = shown[shown["category"] == category]
widgets.table(vendor_charts.mark_blocked(shown), key="archive", file_name="vendor_archive",
              height=420,
              caption=f"{fmt.integer(len(shown))} of {fmt.count(len(archive), 'vendor')}; "
              "blocked ones say BLOCKED.")

# -- one vendor -------------------------------------------------------------------------------
st.subheader("One vendor")
names = sorted({*archive["vendor"], *gaps.column("vendor").to_pylist()}, key=str.casefold)
spend = data.view_frame("spend_by_vendor", filters)
top = spend["vendor"].iloc[0] if not spend.empty else None
vendor = st.selectbox("Vendor", names, index=names.index(top) if top in names else None,
                      placeholder="Choose a vendor", key="vendor_page")
if vendor:
    one = replace(filters, vendors=(vendor,))
    data.prefetch(data.view_of("spend_by_vendor", one), data.breakdown_of(one),
                  data.table_of("vendor_documents", one))
    card = vendor_charts.vendor_card(archive, vendor)
    if card is None:
        st.warning("Not in the supplier archive: add it with the template below.")
    else:
        st.markdown("  \n".join(card))
    figures = data.view_frame("spend_by_vendor", one)
    totals = figures.iloc[0] if not figures.empty else None
    cols = st.columns(4)
    cols[0].metric("Documents", fmt.integer(totals["documents"] if totals is not None else 0),
                   border=True)
    for col, name in zip(cols[1:], ("committed", "actual", "unpaid"), strict=True):
        col.metric(name.title(), fmt.compact_money(totals[name] if totals is not None else 0,
                                                   currency),
                   border=True)
    monthly = vendor_charts.vendor_monthly(data.breakdown(one), vendor)
    widgets.chart(vendor_charts.vendor_spend_bars(monthly, currency), monthly, key="vendor_spend",
                  file_name="vendor_spend_by_month")
    widgets.table(view("vendor_documents", one), key="vendor_documents",
                  file_name="vendor_documents", height=360,
                  caption="Amount (document currency) carries the document's own currency; "
                  f"Amount is in the base currency ({currency}).")

# -- gaps -------------------------------------------------------------------------------------
st.subheader("Missing from the archive")
if gaps.num_rows:
    st.caption("Vendors named in the ledger but not in the supplier archive. Download the "
               "template, fill in at least the category, and upload it on the Upload page.")
    widgets.table(gaps, key="gaps", file_name="vendor_gaps")
    st.download_button("Vendors template with these names (CSV)",
                       data=lambda: csv_bytes(vendor_charts.vendor_template(gaps.to_pandas())),
                       file_name="vendors_to_add.csv", mime="text/csv", on_click="ignore",
                       key="gaps_template", icon=":material/download:")
else:
    st.success("Every vendor in the ledger is in the archive.")
