import streamlit as st

from loaders.kinds import KINDS
from ui.auth import session_user
from ui.downloads import csv_bytes
from ui.navigation import ensure_app_navigation
from ui.state import get_store

ensure_app_navigation()

store = get_store()
user = session_user()
st.title("Stored data")
st.caption("The rows in force now, as the views read them. Every row names the batch and "
           "the Excel row it came from.")

# Kinds with client rows; a user restricted to some accounts sees only those rows.
ACCOUNT_KINDS = ("budget", "spend", "results")
kinds = [k for k in KINDS if k in ACCOUNT_KINDS or not user.restricted]
where = ("where list_contains($accounts, account)" if user.restricted else "")
params = {"accounts": list(user.accounts)} if user.restricted else None

counts = {k: store.query(f"select count(*) from {k} {where if k in ACCOUNT_KINDS else ''}",
                         params if k in ACCOUNT_KINDS else None).column(0)[0].as_py()
          for k in kinds}
for col, (kind, rows) in zip(st.columns(len(counts)), counts.items()):
    col.metric(KINDS[kind].label, f"{rows:,}")

kind = st.selectbox("Show", kinds, format_func=lambda k: KINDS[k].label)
scope = where if kind in ACCOUNT_KINDS else ""
scope_params = params if kind in ACCOUNT_KINDS else None
sql = f"select * from {kind} {scope} order by batch_id, source_row"
st.dataframe(store.query(f"{sql} limit 5000", scope_params), hide_index=True)
st.download_button(f"{KINDS[kind].label} as CSV",
                   data=lambda: csv_bytes(store.query(sql, scope_params).to_pandas()),
                   file_name=f"spendline_{kind}.csv", mime="text/csv", on_click="ignore")
