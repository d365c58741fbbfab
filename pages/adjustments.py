from decimal import Decimal

import streamlit as st

from spendline import formats as fmt
from spendline import permissions
from spendline.adjustments import ADD, MOVE, AdjustmentError, Request
from spendline.views import Filters
from ui import account_charts, data, state, widgets
from ui.auth import session_user
from ui.filters import current, fiscal_months, fiscal_year_of, month_label
from ui.history import history_section
from ui.navigation import ensure_app_navigation
from ui.safe_text import plain
from ui.state import get_store

ensure_app_navigation()

store = get_store()
user = session_user()
filters = current()
currency = widgets.base_currency()
first = state.first_month()
months = fiscal_months(fiscal_year_of(widgets.fiscal_year(filters).from_month, first), first)

st.title("Budget adjustments")
st.caption("Move budget between lines or months, or add to it. A request needs the approval "
           "level its amount calls for (the thresholds in Settings); once approved it changes "
           "the budget as a batch of the upload history, which an admin's rollback undoes. "
           "Editors and admins request and decide, never their own requests; an editor "
           "approves at manager level, an admin at executive level (their role in the "
           "Users page). An approved adjustment whose budget line is no longer in force "
           "reads 'orphaned' and counts nowhere.")
if message := st.session_state.pop("adjustments_message", None):
    st.success(message)

# -- alerts -----------------------------------------------------------------------------------
st.subheader("Lines at 90% and 100% of their budget")
alerts = data.table("budget_alerts", filters)
alert_frame = alerts.to_pandas()
if alert_frame.empty:
    st.success("No channel or budget line has reached 90% of its budget.")
else:
    widgets.chart(account_charts.budget_used(alert_frame[alert_frame["level"] == "channel"]),
                  alert_frame, key="alerts_chart", file_name="budget_alerts_chart")
widgets.table(alerts, key="alerts", file_name="budget_alerts", height=320,
              caption="Committed (actual + open orders) against the budget in force, for the "
              "months chosen.")

# -- request ----------------------------------------------------------------------------------
st.subheader("Request an adjustment")
lines = {line.label(): line for line in store.budget_lines()
         if (not filters.accounts or line.account in filters.accounts)
         and (not filters.channels or line.channel in filters.channels)}
if not user.can("upload"):
    st.info(f"Your role ({user.role}) cannot request adjustments.")
else:
    with st.form("adjustment_request", clear_on_submit=True):
        kind = st.radio("Kind", [MOVE, ADD], horizontal=True, key="adj_kind", format_func={
            MOVE: "Move between lines or months", ADD: "Add to the budget"}.get)
        left, right = st.columns(2)
        source = left.selectbox("Take from line (a move)", list(lines), index=None,
                                key="adj_from")
        source_month = left.selectbox("Take from month", months, format_func=month_label,
                                      key="adj_from_month")
        target = right.selectbox("Give to line", list(lines), index=None, key="adj_to")
        target_month = right.selectbox("Give to month", months, format_func=month_label,
                                       key="adj_to_month")
        amount = st.number_input(f"Amount ({currency})", min_value=0.0, step=100.0,
                                 format="%.2f", key="adj_amount")
        reason = st.text_area("Reason", key="adj_reason")
        if st.form_submit_button("Request", type="primary"):
            try:
                if target is None:
                    raise AdjustmentError("Choose the line the budget goes to.")
                moving = kind == MOVE
                if moving and source is None:
                    raise AdjustmentError("Choose the line the budget is taken from.")
                number = store.request_adjustment(Request(
                    kind, Decimal(f"{amount:.2f}"), reason, lines[target], target_month,
                    lines[source] if moving else None, source_month if moving else None),
                    user=user)
                st.session_state["adjustments_message"] = f"Request {number} recorded."
                st.rerun()
            except (AdjustmentError, permissions.PermissionDenied) as exc:
                st.error(plain(exc))  # names the user's lines: text, not Markdown

# -- decide -----------------------------------------------------------------------------------
requests = data.table("budget_adjustment_requests", Filters())
frame = requests.to_pandas()
if user.restricted:  # a client's user sees the requests of its own accounts only
    mine = frame["to_account"].isin(filters.accounts) & (
        frame["from_account"].isna() | frame["from_account"].isin(filters.accounts))
    frame, requests = frame[mine], requests.filter(mine.to_numpy())
pending = frame[frame["status"] == "pending"]
st.subheader(f"Pending ({fmt.integer(len(pending))})")
if pending.empty:
    st.info("No request waits for a decision.")
else:
    widgets.table(pending, key="pending", file_name="adjustments_pending")
level = permissions.approval_level(user)
if not pending.empty and level is not None:
    choices = {f"{r.adjustment_id}: {r.kind} {fmt.money(r.amount, r.currency)} to {r.to_line} "
               f"{r.to_month} "
               f"(needs {r.required_level})": r for r in pending.itertuples()}
    chosen = choices[st.selectbox("Request", list(choices), key="adj_decide")]
    st.caption(f"You decide as {plain(user.email)} at {level} level (your role: "
               f"{user.role}).")
    note = st.text_input("Note", key="adj_note")
    approve, reject = st.columns(2)
    decision = None
    if approve.button("Approve", type="primary", key="adj_approve"):
        decision = True
    if reject.button("Reject", key="adj_reject"):
        decision = False
    if decision is not None:
        try:
            store.decide_adjustment(int(chosen.adjustment_id), decision, user=user, note=note)
            st.session_state["adjustments_message"] = (
                f"Request {chosen.adjustment_id} {'approved' if decision else 'rejected'}.")
            st.rerun()
        except (AdjustmentError, permissions.PermissionDenied) as exc:
            st.error(plain(exc))

# -- budget now -------------------------------------------------------------------------------
st.subheader("Budget: as uploaded, adjustments, now")
widgets.table(data.table("budget_adjustment_summary", filters), key="summary",
              file_name="budget_adjustment_summary")

st.subheader("Every request")
widgets.table(requests, key="requests", file_name="budget_adjustment_requests", height=320)
# Each approved adjustment is a batch of the history: rolled back (admins only) and
# re-applied there, confirmed, as uploads are (ui/history.py).
history_section(store, user, kinds=("budget_adjustment",), title="Approved adjustments",
                empty="No adjustment has been approved yet.", key="adjustment_history")
