"""The Upload page's import profiles through AppTest: a sheet that does not fit gets a
profile built, previewed, saved, applied by itself to the next upload, changed and deleted;
and two columns with the same unknown header no longer crash the page."""

from decimal import Decimal as D

import pytest
from streamlit.testing.v1 import AppTest

from loaders.profiles import from_rules, to_json
from spendline.config import ROOT
from spendline.store import Store
from spendline.uploads import saved_profile, saved_profiles
from tests.helpers import csv_bytes

WEEKLY = csv_bytes([["date", "tv_S", "search_S"], ["2026-03-02", "100.50", "20"],
                    ["2026-03-09", "", "30"]])


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("SPENDLINE_DB", str(path))
    return path


def upload_page(name: str, data: bytes) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/upload.py"), default_timeout=60)
    at.run()
    at.file_uploader[0].set_value([(name, data, "text/csv")])
    return at.run()


def by_key(widgets, key: str):
    [widget] = [w for w in widgets if w.key == key]
    return widget


def button(at: AppTest, label: str):
    [found] = [b for b in at.button if b.label == label]
    return found


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def build_weekly_profile(at: AppTest) -> AppTest:
    """Kind, channel columns and constants for the weekly sheet, then Save profile."""
    by_key(at.selectbox, "kind_weekly.csv_weekly").set_value("results").run()
    key = "weekly.csv_weekly"
    by_key(at.text_area, f"maps_{key}").set_value(
        "tv_S=platform_spend@TV\nsearch_S=platform_spend@Search")
    by_key(at.text_area, f"const_{key}").set_value(
        "campaign=Media mix")
    by_key(at.text_input, f"profile_name_{key}").set_value("Weekly media")
    button(at, "Preview").click().run()
    assert not at.exception
    button(at, "Save profile").click().run()
    assert not at.exception
    return at


def test_two_identical_unknown_headers_do_not_crash_the_page(db):
    data = csv_bytes([["date", "campaign", "channel", "leads", "revenue", "2025-03-01",
                       "2025-03-01"], ["2026-03-01", "Spring", "Email", "3", "100", "1", "2"]])
    at = upload_page("dup.csv", data)
    assert not at.exception
    assert [s.label for s in at.selectbox if (s.key or "").startswith("map_")] == [
        "2025-03-01", "2025-03-01"]


def test_a_profile_built_in_the_page_is_saved_and_applied(db):
    at = build_weekly_profile(upload_page("weekly.csv", WEEKLY))
    assert "Import profile applied: Weekly media" in texts(at)
    profile = saved_profile(Store(db), "Weekly media")
    assert (profile.kind, profile.owner, profile.shared, profile.signature) == (
        "results", "local", False, ("date", "tv s", "search s"))
    button(at, "Store").click().run()
    rows = Store(db).query("select date::varchar d, channel, platform_spend from results "
                           "where campaign = 'Media mix' order by d, channel").to_pylist()
    assert rows == [{"d": "2026-03-02", "channel": "Search", "platform_spend": D("20.00")},
                    {"d": "2026-03-02", "channel": "TV", "platform_spend": D("100.50")},
                    {"d": "2026-03-09", "channel": "Search", "platform_spend": D("30.00")}]


def test_a_saved_profile_applies_by_itself_to_the_next_upload(db):
    build_weekly_profile(upload_page("weekly.csv", WEEKLY))
    at = upload_page("weekly.csv", WEEKLY)  # a new session: nothing chosen by hand
    assert not at.exception
    assert "Import profile applied: Weekly media" in texts(at)
    assert [b.label for b in at.button if b.label == "Store"] == ["Store"]


def test_a_profile_is_changed_in_the_profiles_section(db):
    at = build_weekly_profile(upload_page("weekly.csv", WEEKLY))
    by_key(at.selectbox, "profile_pick").set_value("Weekly media").run()
    rules = by_key(at.text_area, "profile_rules_Weekly media")
    rules.set_value(rules.value.replace("campaign=Media mix", "campaign=Always on"))
    by_key(at.checkbox, "profile_edit_shared_Weekly media").check()
    button(at, "Save changes").click().run()
    assert not at.exception
    profile = saved_profile(Store(db), "Weekly media")
    assert (profile.constants["campaign"], profile.shared) == ("Always on", True)


def test_a_profile_is_deleted_in_the_profiles_section(db):
    at = build_weekly_profile(upload_page("weekly.csv", WEEKLY))
    by_key(at.selectbox, "profile_pick").set_value("Weekly media").run()
    button(at, "Delete").click().run()
    assert not at.exception
    assert saved_profiles(Store(db)) == []


def test_a_profile_file_is_imported_in_the_profiles_section(db):
    # the file another user exported (the Export as JSON button writes to_json's text)
    exported = from_rules("Payments", "--kind spend\n--set status=paid\n--set channel=Events",
                          signature=("paid on", "supplier"))
    at = AppTest.from_file(str(ROOT / "pages/upload.py"), default_timeout=60).run()
    by_key(at.file_uploader, "profile_file").set_value(
        ("payments.json", to_json(exported).encode(), "application/json")).run()
    button(at, "Import profile").click().run()
    assert not at.exception
    imported = saved_profile(Store(db), "Payments")
    assert (imported.kind, imported.constants, imported.signature, imported.owner) == (
        "spend", {"status": "paid", "channel": "Events"}, ("paid on", "supplier"), "local")
    # shown as text: the page escapes Markdown in what a file brought
    assert "Profile 'Payments' imported." in [s.value.replace("\\", "") for s in at.success]


def test_a_file_that_is_not_a_profile_is_refused_plainly(db):
    at = AppTest.from_file(str(ROOT / "pages/upload.py"), default_timeout=60).run()
    by_key(at.file_uploader, "profile_file").set_value(
        ("notes.json", b'{"hello": "<b>x</b>"}', "application/json")).run()
    button(at, "Import profile").click().run()
    assert not at.exception
    assert [e.value for e in at.error] and saved_profiles(Store(db)) == []
