"""Who may see and change what: roles, sign-in, and a client restricted to its own account
in every view, download and export."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from spendline import access, clock
from spendline.access import User, restrict
from spendline.config import ROOT
from spendline.store import Store
from spendline.views import VIEWS, Filters
from ui.exports import all_views

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "id", "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def signed_in(email: str | None, page: str | None = None, query: dict | None = None):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["auth"] = AUTH
    at.secrets["spendline"] = {"admins": ["boss@example.com"]}
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True,
                                                            "email": email}
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at



@pytest.mark.parametrize("role,upload,rollback,settings", [
    ("viewer", False, False, False), ("editor", True, True, False), ("admin", True, True, True)])
def test_what_each_role_may_do(role, upload, rollback, settings):
    user = User("u@example.com", role)
    assert (user.can("upload"), user.can("rollback"), user.can("settings")) == \
        (upload, rollback, settings)
    assert user.can("view")


def test_restrict_never_widens():
    client = User("c@example.com", "viewer", ("Aurora Foods",))
    assert restrict(Filters(), client).accounts == ("Aurora Foods",)
    assert restrict(Filters(accounts=("Aurora Foods", "Lumen Travel")), client).accounts == \
        ("Aurora Foods",)
    # asking only for someone else's account gives nothing, not everything
    assert restrict(Filters(accounts=("Lumen Travel",)), client).accounts == ("\x00no account",)
    assert restrict(Filters(accounts=("Lumen Travel",)), access.LOCAL).accounts == \
        ("Lumen Travel",)


def test_open_mode_says_so_in_the_sidebar(demo_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert any("Open single-user mode" in c.value for c in at.sidebar.caption)


def test_sign_in_is_required_when_configured(demo_db):
    at = signed_in(None)
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric  # no figures before sign-in


def test_an_unknown_user_gets_no_access(demo_db):
    at = signed_in("stranger@example.com")
    assert "no access yet" in at.warning[0].value
    assert not at.metric


def test_a_viewer_cannot_upload_or_roll_back(demo_db):
    access.set_user(Store(demo_db), "viewer@example.com", "viewer")
    at = signed_in("viewer@example.com")
    assert at.metric  # the Overview is there
    # the Upload page is not offered to a viewer at all...
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")
    # ...and run on its own it refuses too
    page = AppTest.from_file(str(ROOT / "pages/upload.py"), default_timeout=120)
    page.session_state["user"] = User("viewer@example.com", "viewer")
    page.run()
    assert not page.file_uploader
    assert not [b for b in page.button if b.label in ("Store", "Roll back")]
    assert "cannot upload" in page.info[0].value


def test_an_editor_can_upload_but_not_manage_users(demo_db):
    access.set_user(Store(demo_db), "editor@example.com", "editor")
    at = signed_in("editor@example.com", "pages/upload.py")
    assert at.file_uploader
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/users.py")
    page = AppTest.from_file(str(ROOT / "pages/users.py"), default_timeout=120)
    page.session_state["user"] = User("editor@example.com", "editor")
    page.run()
    assert not page.text_input  # the user form is not there
    assert "cannot users" in page.info[0].value


def test_an_admin_manages_users(demo_db):
    at = signed_in("boss@example.com", "pages/users.py")  # an admin named in secrets
    assert at.text_input  # the user form is offered
    page = AppTest.from_file(str(ROOT / "pages/users.py"), default_timeout=120)
    page.session_state["user"] = User("boss@example.com", "admin")
    page.run()
    page.text_input[0].set_value("New.Person@Example.com")
    next(s for s in page.selectbox if s.label == "Role").set_value("editor")
    next(b for b in page.button if b.label == "Save").click().run()
    assert not page.exception
    assert access.get_user(Store(demo_db), "new.person@example.com") == \
        User("new.person@example.com", "editor", ())
    assert page.success[0].value == "Saved new.person@example.com as editor."


def test_a_restricted_client_sees_only_its_own_account(demo_db):
    store = Store(demo_db)
    access.set_user(store, "client@aurora.example", "viewer", ("Aurora Foods",))
    # the client asks, through the URL, for another client's account too
    at = signed_in("client@aurora.example", query={"account": ["Aurora Foods", "Lumen Travel"]})
    filters = at.session_state["filters"]
    assert filters.accounts == ("Aurora Foods",)
    assert at.sidebar.multiselect(key="account").options == ["Aurora Foods"]
    # every view, as the downloads and "Export all" build them, holds only Aurora's rows
    everything = all_views(store, filters)
    assert set(everything) == set(VIEWS)
    campaigns = set(everything["roi_by_campaign"]["campaign"]) - {"Unallocated"}
    aurora = set(store.query("select distinct campaign from spend where account = "
                             "'Aurora Foods' union select distinct campaign from results "
                             "where account = 'Aurora Foods'").column(0).to_pylist())
    assert campaigns <= aurora
    others = store.query("select count(*) from spend where account <> 'Aurora Foods'"
                         ).column(0)[0].as_py()
    assert others > 0  # there was something to hide
    # the campaign choices offered are Aurora's only
    offered = set(at.sidebar.multiselect(key="campaign").options) - {"Unallocated"}
    assert offered <= aurora
    # Stored data shows only Aurora's ledger rows
    at.switch_page("pages/data.py").run()
    shown = at.dataframe[0].value
    assert set(shown["account"]) == {"Aurora Foods"}


def test_restricted_figures_equal_the_accounts_own(demo_db):
    store = Store(demo_db)
    access.set_user(store, "client@aurora.example", "viewer", ("Aurora Foods",))
    at = signed_in("client@aurora.example", "pages/roi.py", {"fy": "2026"})
    shown = at.dataframe[0].value
    year = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1),
                   as_of=clock.today(), accounts=("Aurora Foods",))
    expected = all_views(store, year)["roi_by_channel"]
    assert shown["actual"].tolist() == expected["actual"].tolist()
