import pandas as pd
import streamlit as st

from spendline import access
from ui import widgets
from ui.auth import require, session_user
from ui.filters import options
from ui.navigation import ensure_app_navigation
from ui.state import get_store

ensure_app_navigation()

store = get_store()
user = session_user()
st.title("Users and roles")
require(user, "users")
st.caption("viewer: pages and downloads · editor: also uploads and rollbacks · admin: also "
           "settings and users. A user limited to client accounts sees only their rows, in "
           "every page, download and export.")

users = access.list_users(store)
widgets.show(pd.DataFrame([{"email": u.email, "role": u.role,
                           "accounts": ", ".join(u.accounts) or "all"} for u in users],
                         columns=["email", "role", "accounts"]))

st.subheader("Add or change a user")
accounts = options(store).values["account"]
with st.form("user_form", clear_on_submit=True):
    email = st.text_input("Email (as the sign-in provider gives it)")
    role = st.selectbox("Role", access.ROLES)
    limited = st.multiselect("Only these client accounts", accounts,
                             placeholder="All accounts")
    if st.form_submit_button("Save", type="primary"):
        if "@" not in email:
            st.error("Give the user's email address.")
        else:
            access.set_user(store, email, role, tuple(limited))
            st.session_state["users_saved"] = f"Saved {email.strip().lower()} as {role}."
            st.rerun()
if saved := st.session_state.pop("users_saved", None):
    st.success(saved)

if users:
    st.subheader("Remove a user")
    gone = st.selectbox("User", [u.email for u in users], index=None, placeholder="choose")
    if gone and st.button("Remove"):
        access.remove_user(store, gone)
        st.rerun()
