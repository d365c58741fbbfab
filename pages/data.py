import streamlit as st

from loaders.kinds import KINDS
from ui.downloads import csv_bytes
from ui.navigation import ensure_app_navigation
from ui.state import get_store

ensure_app_navigation()

store = get_store()
st.title("Stored data")
st.caption("The rows in force now, as the views read them. Every row names the batch and "
           "the Excel row it came from.")

counts = store.query(
    "select 'budget' as kind, count(*) as rows from budget union all "
    "select 'spend', count(*) from spend union all "
    "select 'results', count(*) from results union all "
    "select 'vendors', count(*) from vendors union all "
    "select 'fx_rates', count(*) from fx_rates"
).to_pylist()
cols = st.columns(len(counts))
for col, row in zip(cols, counts):
    col.metric(KINDS[row["kind"]].label, f"{row['rows']:,}")

kind = st.selectbox("Show", list(KINDS), format_func=lambda k: KINDS[k].label)
table = store.query(f"select * from {kind} order by batch_id, source_row limit 5000")
st.dataframe(table, hide_index=True)
st.download_button(f"{KINDS[kind].label} as CSV",
                   data=lambda: csv_bytes(store.query(f"select * from {kind}").to_pandas()),
                   file_name=f"spendline_{kind}.csv", mime="text/csv", on_click="ignore")
