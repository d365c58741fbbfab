"""Keep every page inside app.py's navigation.

The user's layout has a `pages/` folder beside app.py, so a freshly started Streamlit server
runs its first sessions in the old folder-based mode: a shared link such as `/roi?channel=Email`
would run pages/roi.py alone, without app.py's navigation and filters, until some session opens
the root. Each page calls `ensure_app_navigation()` first: in that mode it switches the server
to st.navigation and reruns, and since every url_path equals its file's name, the rerun lands
on the same page with the same query parameters (the filters).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_app_navigation() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: its file, title and icon; `needs` is the permission a user must
    have to be offered it (spendline.access), None for every user."""

    path: str
    title: str
    icon: str
    needs: str | None = None
    default: bool = False

    @property
    def url_path(self) -> str:
        # Every url_path equals its file's name (ensure_app_navigation relies on it).
        return self.path.removeprefix("pages/").removesuffix(".py")


# The app's navigation, section by section: app.py draws it, the page tests walk it.
SECTIONS: dict[str, tuple[PageSpec, ...]] = {
    "Dashboard": (
        PageSpec("pages/overview.py", "Overview", ":material/dashboard:", default=True),
        PageSpec("pages/forecast.py", "Forecast vs actual", ":material/trending_up:"),
        PageSpec("pages/channel_spend.py", "Channel spend", ":material/bar_chart:"),
        PageSpec("pages/roi.py", "ROI", ":material/insights:"),
        PageSpec("pages/media.py", "Media performance", ":material/campaign:"),
        PageSpec("pages/reports.py", "Reports", ":material/summarize:"),
    ),
    "Spend lifecycle": (
        PageSpec("pages/invoices.py", "Invoices & payments", ":material/receipt_long:"),
        PageSpec("pages/accruals.py", "Accruals", ":material/event_note:"),
        PageSpec("pages/approvals.py", "Approvals & documents", ":material/approval:"),
        PageSpec("pages/vendors.py", "Vendors", ":material/storefront:"),
    ),
    "Accounts and planning": (
        PageSpec("pages/accounts.py", "Accounts", ":material/groups:"),
        PageSpec("pages/scorecard.py", "Scorecard", ":material/scoreboard:"),
        PageSpec("pages/adjustments.py", "Budget adjustments", ":material/tune:"),
        PageSpec("pages/settings.py", "Settings", ":material/settings:", needs="settings"),
    ),
    "Data": (
        PageSpec("pages/upload.py", "Upload", ":material/upload_file:", needs="upload"),
        PageSpec("pages/data.py", "Stored data", ":material/table:"),
        PageSpec("pages/users.py", "Users and roles", ":material/group:", needs="users"),
    ),
}


def page_files(*sections: str) -> list[str]:
    """The page files of these sections (all sections when none is named), in menu order."""
    return [p.path for name in (sections or tuple(SECTIONS)) for p in SECTIONS[name]]


def app_pages(user) -> dict[str, list[st.Page]]:
    """The navigation offered to `user`: pages a role may not use are left out (each such
    page also checks the role itself)."""
    return {name: [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path,
                           default=p.default)
                   for p in specs if p.needs is None or user.can(p.needs)]
            for name, specs in SECTIONS.items()}
