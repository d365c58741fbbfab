"""Who may see and change what: roles, sign-in, and a client restricted to its own account
in every view, download and export."""

import re
from datetime import date
from decimal import Decimal as D

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from loaders.intake import UploadedFile, read_upload
from spendline import access, clock
from spendline.access import User, restrict
from spendline.adjustments import ADD, AdjustmentError, BudgetLine, Request
from spendline.config import ROOT
from spendline.permissions import PermissionDenied, visible_history
from spendline.store import Batch, Store
from spendline.uploads import batches, import_files, intake_options
from spendline.views import VIEWS, Filters
from tests.helpers import page_as, xlsx
from tests.stores import backend_of, both_stores, open_test_store
from ui.exports import all_views
from ui.safe_text import plain

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "id", "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def signed_in(email: str | None, page: str | None = None, query: dict | None = None,
              **claims):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["auth"] = AUTH
    at.secrets["spendline"] = {"admins": ["boss@example.com"]}
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True,
                                                            "email": email, **claims}
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


@pytest.mark.parametrize("verified", [False, "false"])
def test_an_unverified_email_is_not_signed_in(demo_db, verified):
    access.set_user(Store(demo_db), "editor@example.com", "editor")
    at = signed_in("editor@example.com", email_verified=verified)
    assert at.warning[0].value == ("Your sign-in provider has not verified your email "
                                   "address. Verify it with the provider, then sign in again.")
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.metric and "user" not in at.session_state
    # a verified address (or a provider that sends no such claim) signs in as before
    assert signed_in("editor@example.com", email_verified=True).metric


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
    page = page_as("pages/upload.py", "viewer@example.com", "viewer")
    assert not page.file_uploader
    assert not [b for b in page.button if b.label in ("Store", "Roll back")]
    assert "cannot upload" in page.info[0].value


def test_an_editor_can_upload_but_not_manage_users(demo_db):
    access.set_user(Store(demo_db), "editor@example.com", "editor")
    at = signed_in("editor@example.com", "pages/upload.py")
    assert at.file_uploader
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/users.py")
    page = page_as("pages/users.py", "editor@example.com", "editor")
    assert not page.text_input  # the user form is not there
    assert "cannot users" in page.info[0].value


def test_an_admin_manages_users(demo_db):
    at = signed_in("boss@example.com", "pages/users.py")  # an admin named in secrets
    assert at.text_input  # the user form is offered
    page = page_as("pages/users.py", "boss@example.com", "admin")
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



# -- writes touch only the user's own accounts (issue 17 §2), on both stores -------------------
CLIENTS = ("Aurora Foods", "Lumen Travel", "Northwind")
LEDGER = ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date",
          "account"]
EDITOR = User("ed@lumen.example", "editor", ("Lumen Travel",))
LUMEN = BudgetLine("Lumen Travel", "Email")


def stored(store, name: str, **sheets) -> list[int]:
    intake, ids = import_files(store, [UploadedFile(name, xlsx(sheets))])
    assert ids, intake.problem_table().to_string()
    return ids


@pytest.fixture
def store(request, tmp_path):
    """By the local admin: three clients' budgets in one batch (1), two clients' invoices
    (2), a settings change (3), a Lumen-only upload (4). Users: a Lumen-only editor, an
    editor of every account, an admin."""
    store = open_test_store(request, backend_of(request), tmp_path / "access.duckdb")
    stored(store, "budget.xlsx", Budget=[["period", "channel", "amount", "account"]] + [
        ["2026-01", "Email", "1000.00", client] for client in CLIENTS])
    stored(store, "ledger.xlsx", Ledger=[
        LEDGER, ["A-1", "Acme", "Email", "invoiced", "100.00", "2026-01-10", "Aurora Foods"],
        ["A-2", "Acme", "Email", "invoiced", "50.00", "2026-01-11", "Aurora Foods"],
        ["L-1", "Acme", "Email", "invoiced", "200.00", "2026-01-12", "Lumen Travel"]])
    store.change_settings({"threshold_finance": "6000"})
    stored(store, "lumen.xlsx", Ledger=[
        LEDGER, ["L-2", "Acme", "Email", "invoiced", "20.00", "2026-01-13", "Lumen Travel"]])
    access.set_user(store, EDITOR.email, "editor", EDITOR.accounts)
    access.set_user(store, "any@example.com", "editor")  # every account
    access.set_user(store, "admin@example.com", "admin")
    return store


BEFORE = [("A-1", "Aurora Foods", "invoiced", D("100.000000")),
          ("A-2", "Aurora Foods", "invoiced", D("50.000000")),
          ("L-1", "Lumen Travel", "invoiced", D("200.000000")),
          ("L-2", "Lumen Travel", "invoiced", D("20.000000"))]


def ledger_now(store) -> list[tuple]:
    return [(r["document_id"], r["account"], r["status"], r["amount_net"]) for r in store.query(
        "select * from spend order by document_id").to_pylist()]


def upload_as(store, user, **sheets) -> list[int]:
    intake = read_upload([UploadedFile("mine.xlsx", xlsx(sheets))], intake_options(store))
    assert not intake.has_errors, intake.problem_table().to_string()
    return store.apply(batches(intake), user=user)


@both_stores
@pytest.mark.parametrize("rows,message", [
    # another client's invoice set to 999,999
    ([["A-1", "Acme", "Email", "invoiced", "999999", "2026-01-10", "Aurora Foods"]],
     "You may change only 'Lumen Travel': sheet 'Ledger' of mine.xlsx holds rows of "
     "'Aurora Foods'. Nothing was stored."),
    # another one moved to Northwind and cancelled
    ([["A-2", "Acme", "Email", "cancelled", "50", "2026-01-11", "Northwind"]],
     "You may change only 'Lumen Travel': sheet 'Ledger' of mine.xlsx holds rows of "
     "'Northwind'. Nothing was stored."),
    # ...or "moved" into the editor's own account: it would take Aurora's invoice over
    ([["L-3", "Acme", "Email", "invoiced", "5", "2026-01-11", "Lumen Travel"],
      ["A-2", "Acme", "Email", "cancelled", "50", "2026-01-11", "Lumen Travel"]],
     "You may change only 'Lumen Travel': sheet 'Ledger' of mine.xlsx replaces rows of "
     "'Aurora Foods' (the same vendor and document_id). Nothing was stored."),
])
def test_a_restricted_editor_cannot_upload_another_clients_rows(store, rows, message):
    history = store.history()
    with pytest.raises(PermissionDenied) as refused:
        upload_as(store, EDITOR.email, Ledger=[LEDGER, *rows])
    assert str(refused.value) == message
    assert ledger_now(store) == BEFORE
    assert store.history().equals(history)


@both_stores
def test_a_restricted_editors_own_rows_and_budget_are_stored(store):
    upload_as(store, EDITOR, Ledger=[
        LEDGER, ["L-1", "Acme", "Email", "cancelled", "200", "2026-01-12", "Lumen Travel"]],
              Budget=[["period", "channel", "amount", "account"],
                      ["2026-02", "Email", "10.00", "Lumen Travel"]])
    assert ledger_now(store)[2] == ("L-1", "Lumen Travel", "cancelled", D("200.000000"))
    budget = store.query("select account, strftime(month, '%Y-%m') as m, amount from budget "
                         "order by all").to_pylist()
    # only Lumen's fiscal year was replaced; Aurora's and Northwind's budgets stay
    assert [(r["account"], r["m"], r["amount"]) for r in budget] == [
        ("Aurora Foods", "2026-01", D("1000.000000")),
        ("Lumen Travel", "2026-02", D("10.000000")),
        ("Northwind", "2026-01", D("1000.000000"))]
    assert store.history()["uploaded_by"].iloc[0] == EDITOR.email


@both_stores
def test_a_restricted_editor_cannot_replace_another_clients_budget_or_shared_sheets(store):
    with pytest.raises(PermissionDenied, match="^" + re.escape(
            "You may change only 'Lumen Travel': sheet 'Budget' of mine.xlsx holds rows of "
            "'Aurora Foods', 'Northwind'. Nothing was stored.") + "$"):
        upload_as(store, EDITOR.email, Budget=[["period", "channel", "amount", "account"],
                                               ["2026-01", "Email", "1", "Aurora Foods"],
                                               ["2026-01", "Email", "1", "Northwind"]])
    with pytest.raises(PermissionDenied, match=re.escape(
            "You may change only 'Lumen Travel': sheet 'Vendors' of mine.xlsx is a vendors "
            "sheet, shared by every account. Ask a user with access to all accounts to "
            "upload it.")):
        upload_as(store, EDITOR.email, Vendors=[["vendor", "category"], ["Acme", "agency"]])
    assert len(store.history()) == 4


@both_stores
def test_a_restricted_editor_sees_and_rolls_back_only_batches_of_their_accounts(store):
    with store.connect() as con:
        shown = visible_history(con, EDITOR, store.history())
    assert shown["file_name"].tolist() == ["lumen.xlsx"]
    with pytest.raises(PermissionDenied, match=re.escape(
            "You may change only 'Lumen Travel': batch 1 touches 'Aurora Foods', "
            "'Northwind'.")):
        store.rollback(1, user=EDITOR.email)
    with pytest.raises(PermissionDenied, match=re.escape(
            "You may change only 'Lumen Travel': batch 2 touches 'Aurora Foods'.")):
        store.rollback(2, user=EDITOR.email)
    assert store.history()["rolled_back_at"].isna().all()
    store.rollback(4, user=EDITOR.email)
    assert [r[0] for r in ledger_now(store)] == ["A-1", "A-2", "L-1"]


@both_stores
def test_settings_batches_are_rolled_back_by_admins_only(store):
    for who in (EDITOR.email, "any@example.com"):
        with pytest.raises(PermissionDenied, match="^" + re.escape(
                "Batch 3 is a settings change: only an admin may roll it back.") + "$"):
            store.rollback(3, user=who)
    assert store.settings()["threshold_finance"] == "6000.00"
    store.rollback(3, user="admin@example.com")
    assert store.settings()["threshold_finance"] == "5000.00"


@both_stores
def test_settings_are_changed_by_admins_only_whoever_calls_the_store(store):
    for who in (EDITOR, EDITOR.email, "any@example.com"):
        email = who if isinstance(who, str) else who.email
        with pytest.raises(PermissionDenied, match="^" + re.escape(
                f"{email} is an editor: an editor cannot change settings or channel "
                "aliases.") + "$"):
            store.change_settings({"threshold_finance": "1"}, user=who)
        with pytest.raises(PermissionDenied):
            store.change_settings(channel_mapping={"FB": "Paid Social"}, user=who)
    assert store.settings()["threshold_finance"] == "6000.00"
    assert "FB" not in store.channel_mapping()
    batch = store.change_settings({"threshold_finance": "7000"}, user="admin@example.com")
    assert store.settings()["threshold_finance"] == "7000.00"
    assert store.history().set_index("batch_id").loc[batch, "uploaded_by"] == "admin@example.com"


@both_stores
def test_nobody_approves_their_own_request_and_the_level_comes_from_the_role(store):
    # the editor asks for 250,000 on his own client's line...
    adjustment = store.request_adjustment(Request(ADD, D("250000.00"), "big push", LUMEN,
                                                  date(2026, 1, 1)), user=EDITOR.email)
    # ...and cannot approve it himself, whatever level he types
    for level in ("executive", None):
        with pytest.raises(PermissionDenied, match="^" + re.escape(
                "You requested this adjustment: someone else must decide it.") + "$"):
            store.decide_adjustment(adjustment, True, user=EDITOR.email, level=level)
    # another editor approves at an editor's level (manager), not at one they type
    with pytest.raises(PermissionDenied, match=re.escape(
            "any@example.com approves at manager (the role editor), not at executive.")):
        store.decide_adjustment(adjustment, True, user="any@example.com", level="executive")
    with pytest.raises(AdjustmentError, match="needs executive approval; manager is not "
                       "enough"):
        store.decide_adjustment(adjustment, True, user="any@example.com")
    # an admin's role approves at executive
    store.decide_adjustment(adjustment, True, user="admin@example.com")
    [row] = store.query("select status, decided_by, decided_level from budget_adjustments"
                        ).to_pylist()
    assert row == {"status": "approved", "decided_by": "admin@example.com",
                   "decided_level": "executive"}
    # an approved adjustment is rolled back by an admin only
    batch = store.history()["batch_id"].iloc[0]
    with pytest.raises(PermissionDenied, match="is an approved adjustment: only an admin"):
        store.rollback(int(batch), user="any@example.com")


@both_stores
def test_a_restricted_editor_requests_and_decides_only_for_their_accounts(store):
    aurora = BudgetLine("Aurora Foods", "Email")
    with pytest.raises(PermissionDenied, match=re.escape(
            "You may change only 'Lumen Travel': the request touches 'Aurora Foods'.")):
        store.request_adjustment(Request(ADD, D("10.00"), "x", aurora, date(2026, 1, 1)),
                                 user=EDITOR.email)
    other = store.request_adjustment(Request(ADD, D("10.00"), "x", aurora, date(2026, 1, 1)),
                                     user="any@example.com")
    with pytest.raises(PermissionDenied, match=re.escape(
            "You may change only 'Lumen Travel': the request touches 'Aurora Foods'.")):
        store.decide_adjustment(other, False, user=EDITOR.email)
    viewer = User("v@example.com", "viewer")
    with pytest.raises(PermissionDenied, match="a viewer cannot decide adjustment requests"):
        store.decide_adjustment(other, True, user=viewer)
    with pytest.raises(PermissionDenied, match="a viewer cannot upload"):
        upload_as(store, viewer, Ledger=[LEDGER, ["L-9", "Acme", "Email", "invoiced", "1",
                                                  "2026-01-12", "Lumen Travel"]])


def test_the_upload_page_shows_a_restricted_editor_only_their_batches_and_refuses_others(
        demo_db):
    store = Store(demo_db)
    access.set_user(store, "ed@aurora.example", "editor", ("Aurora Foods",))
    at = signed_in("ed@aurora.example", "pages/upload.py")
    # every demo batch holds several clients' rows (or shared vendors and rates): none shown
    assert "Nothing uploaded yet." in [i.value for i in at.info]
    sheet = [LEDGER, ["N-1", "Acme", "Email", "invoiced", "999999", "2026-01-10",
                      "Lumen Travel"]]
    at.file_uploader[0].set_value(("mine.xlsx", xlsx({"Ledger": sheet}), "application/x"))
    at.run()
    assert not at.exception
    assert at.error[0].value == plain("You may change only 'Aurora Foods': sheet 'Ledger' of "
                                      "mine.xlsx holds rows of 'Lumen Travel'. Nothing was "
                                      "stored.")
    assert "Store" not in [b.label for b in at.button]


def test_without_sign_in_the_one_local_user_is_told_why_it_cannot_approve(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.apply([Batch("b.xlsx", "sha", "Budget", "budget", pd.DataFrame([
        {"source_row": 2, "month": pd.Timestamp("2026-01-01"), "channel": "Email",
         "category": "Unassigned", "account": "Default", "amount": D("100.00"),
         "currency": "EUR", "version": "budget"}]))])
    adjustment = store.request_adjustment(
        Request(ADD, D("10.00"), "more", BudgetLine("Default", "Email"), date(2026, 1, 1)))
    with pytest.raises(PermissionDenied, match="^" + re.escape(
            "You requested this adjustment: someone else must decide it. Without sign-in "
            "everyone is the local user: set up sign-in (README, Users and roles) so that a "
            "second person can.") + "$"):
        store.decide_adjustment(adjustment, True)
