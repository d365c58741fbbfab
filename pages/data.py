import streamlit as st

from spendline import formats as fmt
from spendline.demo import demo_batches, remove_demo
from spendline.kinds import KINDS
from spendline.stores import lookups
from ui import widgets
from ui.auth import session_user
from ui.downloads import csv_bytes
from ui.history import history_section
from ui.navigation import ensure_app_navigation
from ui.state import get_store

ensure_app_navigation()

store = get_store()
user = session_user()
st.title("Stored data")
st.caption("The rows in force now, as the views read them. Every row names the batch and "
           "the Excel row it came from.")

# -- the demo data: removed (rolled back, kept in the history) after a confirmation ------
# Callbacks, so that app.py's demo notice, drawn before this page, is right in the same run.
def _remove_demo() -> None:
    st.session_state.pop("confirm_remove_demo", None)
    try:
        ids = remove_demo(store, user=user)
    except (KeyError, ValueError, PermissionError) as exc:  # rolled back meanwhile elsewhere
        st.session_state["demo_message"] = ("error", f"Nothing was removed: {exc}")
    else:
        st.session_state["demo_message"] = (
            "success", f"The demo data was removed (batches {', '.join(map(str, ids))} "
            "rolled back). Upload your own on the Upload page.")


if message := st.session_state.pop("demo_message", None):
    getattr(st, message[0])(message[1])
demo = [b for b in demo_batches(store) if b["in_force"]]
if demo:
    st.subheader("Demo data")
    # It spans every account: a user limited to some accounts may not take it away.
    if not user.can("rollback") or user.restricted:
        st.caption("The data below is the shipped demo. An editor or admin with access to "
                   "every account can remove it here.")
    elif not st.session_state.get("confirm_remove_demo"):
        st.caption(f"The data below includes the shipped demo ({len(demo)} uploads). Remove "
                   "it to start with your own: it is rolled back and stays in the upload "
                   "history; your own uploads stay.")
        st.button("Remove the demo data", on_click=st.session_state.update,
                  kwargs={"confirm_remove_demo": True})
    else:
        st.warning(f"Remove the demo data? This rolls back {len(demo)} uploads: "
                   f"{', '.join(b['file_name'] for b in demo)}. Your own uploads stay, and the "
                   "demo is not loaded again.")
        yes, no = st.columns(2)
        yes.button("Yes, remove the demo data", type="primary", on_click=_remove_demo)
        no.button("Cancel", on_click=st.session_state.pop, args=("confirm_remove_demo",))

history_section(store, user)

st.subheader("Rows in force")
# A user restricted to some accounts sees only those rows, and not the shared kinds.
kinds = [k for k in KINDS if k in lookups.ACCOUNT_KINDS or not user.restricted]
counts = {k: lookups.count_in_force(store, k, user.accounts) for k in kinds}
for col, (kind, rows) in zip(st.columns(len(counts)), counts.items()):
    col.metric(KINDS[kind].label, f"{fmt.integer(rows)}")

kind = st.selectbox("Show", kinds, format_func=lambda k: KINDS[k].label)
# Stored money is each row's own currency: "€22,932.52", "CNY 15,738.51".
widgets.show(lookups.rows_in_force(store, kind, user.accounts, limit=5000),
             in_row_currency=True)
style = fmt.current()  # the file is built later, outside this run
st.download_button(f"{KINDS[kind].label} as CSV",
                   data=lambda: csv_bytes(lookups.rows_in_force(store, kind, user.accounts)
                                          .to_pandas(), style),
                   file_name=f"spendline_{kind}.csv", mime="text/csv", on_click="ignore")
