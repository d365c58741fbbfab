"""Sign-in and the signed-in user's role, as the pages see them.

With an `[auth]` section in .streamlit/secrets.toml, Streamlit's built-in OIDC sign-in
(st.login) is required and the user's role and client accounts come from the store's users
table; the admins named in secrets (`[spendline] admins = ["a@example.com"]`) are admins from
the first sign-in on, so they can add everyone else. Without it, the app runs in an open
single-user mode and says so in the sidebar.
"""

from __future__ import annotations

import streamlit as st

from spendline import access
from spendline.access import User
from ui.safe_text import plain


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _secret_admins() -> set[str]:
    try:
        return {e.lower() for e in st.secrets.get("spendline", {}).get("admins", [])}
    except Exception:
        return set()


def signed_in_user(store) -> User:
    """The user of this session; draws the sign-in screen and stops the run when needed."""
    if not sign_in_configured():
        return access.LOCAL
    if not st.user.is_logged_in:
        st.title("Spendline")
        st.write("Sign in to see your marketing spend.")
        st.button("Sign in", type="primary", on_click=st.login)
        st.stop()
    if str(st.user.get("email_verified", True)).lower() == "false":
        # The provider says the address is not the signer's own: anyone could claim a
        # colleague's address. Providers that do not send the claim are trusted as before.
        st.title("Spendline")
        st.warning("Your sign-in provider has not verified your email address. Verify it "
                   "with the provider, then sign in again.")
        st.button("Sign out", on_click=st.logout)
        st.stop()
    email = str(st.user.get("email", "")).lower()
    user = access.get_user(store, email)
    if email in _secret_admins():
        user = User(email, "admin", (), str(st.user.get("name", "")))
    if user is None:
        st.title("Spendline")
        st.warning(f"You are signed in as {plain(email)}, but you have no access yet. Ask an admin "
                   "to add you.")
        st.button("Sign out", on_click=st.logout)
        st.stop()
    return user


def sidebar_note(user: User) -> None:
    with st.sidebar:
        if not sign_in_configured():
            st.caption("Open single-user mode: no sign-in is configured, so anyone who can "
                       "reach this address can see and change the data.")
            return
        scope = ", ".join(map(plain, user.accounts)) if user.restricted else "all accounts"
        st.caption(f"Signed in as {plain(user.email)} · {user.role} · {scope}")
        st.button("Sign out", on_click=st.logout, key="sign_out")


def require(user: User, action: str) -> None:
    """Stop the page with a plain message when the user may not do this."""
    if not user.can(action):
        st.info(f"Your role ({user.role}) cannot {action} here. Ask an admin if you need to.")
        st.stop()


def session_user() -> User:
    """The user app.py signed in for this session (the local user in open mode)."""
    return st.session_state.get("user", access.LOCAL)
