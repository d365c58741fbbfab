"""python -m spendline import with import profiles: every rule option, --sheet, a profile
saved then applied by name and by exported file, giving the same store content as an import
through the page's path (uploads.import_files, what the Store button runs)."""

from decimal import Decimal as D

import pytest

from loaders.intake import UploadedFile
from loaders.profiles import from_rules, to_json
from spendline import uploads
from spendline.cli import main
from spendline.store import Store
from tests.helpers import csv_bytes, xlsx

WEEKLY = csv_bytes([["date", "tv_S", "search_S"], ["2026-03-02", "100.50", "20"],
                    ["2026-03-09", "", "30"]])
WEEKLY_OPTIONS = ["--kind", "results", "--map", "tv_S=platform_spend@TV",
                  "--map", "search_S=platform_spend@Search", "--set", "campaign=Media mix"]
PAYMENTS = csv_bytes([["Trans No", "Supplier", "Net", "Invoice date", "Paid on", "State"],
                      ["T-1", "Acme", "100", "2026-03-01", "2026-03-05", "Paid Late"]])
RESULTS = "select date::varchar d, channel, campaign, platform_spend from results order by all"


@pytest.fixture(autouse=True)
def one_user(monkeypatch):
    monkeypatch.setattr(uploads, "current_user", lambda: "ops")
    monkeypatch.setattr("spendline.cli.current_user", lambda: "ops")


def run(tmp_path, name: str, data: bytes, *options: str) -> int:
    (tmp_path / name).write_bytes(data)
    return main(["import", str(tmp_path / name), "--db", str(tmp_path / "s.duckdb"),
                 *options])


def stored(tmp_path, sql: str = RESULTS) -> list[dict]:
    return Store(tmp_path / "s.duckdb").query(sql).to_pylist()


def test_map_with_channel_set_and_kind(tmp_path):
    assert run(tmp_path, "w.csv", WEEKLY, *WEEKLY_OPTIONS) == 0
    assert stored(tmp_path) == [
        {"d": "2026-03-02", "channel": "Search", "campaign": "Media mix",
         "platform_spend": D("20.00")},
        {"d": "2026-03-02", "channel": "TV", "campaign": "Media mix",
         "platform_spend": D("100.50")},
        {"d": "2026-03-09", "channel": "Search", "campaign": "Media mix",
         "platform_spend": D("30.00")}]


def test_the_output_names_the_rules_applied(tmp_path, capsys):
    run(tmp_path, "w.csv", WEEKLY, *WEEKLY_OPTIONS)
    out = capsys.readouterr().out
    assert "w.csv › w: results, 3 rows (profile 'command line')" in out
    assert ("profile 'command line' applied: tv_S → platform_spend for TV, search_S → "
            "platform_spend for Search, campaign = Media mix (constant)") in out


def test_value_mapping_and_ignored_column(tmp_path):
    code = run(tmp_path, "p.csv", PAYMENTS, "--kind", "spend", "--map", "Trans No=document_id",
               "--map", "Net=amount_net", "--map", "Supplier=", "--set", "vendor=(not named)",
               "--set", "channel=Events", "--value", "status:Paid Late=paid")
    assert code == 0
    assert stored(tmp_path, "select document_id, vendor, channel, status, amount_net "
                            "from spend") == [
        {"document_id": "T-1", "vendor": "(not named)", "channel": "Events", "status": "paid",
         "amount_net": D("100.00")}]


def test_sheet_scopes_the_rules_after_it(tmp_path):
    book = xlsx({"Media": [["date", "tv_S"], ["2026-03-02", 5]],
                 "Other": [["date", "tv_S"], ["2026-03-02", 7]]})
    assert run(tmp_path, "b.xlsx", book, "--sheet", "Media", *WEEKLY_OPTIONS[:4],
               *WEEKLY_OPTIONS[6:]) == 0  # Other has no rules: not known, skipped
    assert stored(tmp_path) == [{"d": "2026-03-02", "channel": "TV", "campaign": "Media mix",
                                 "platform_spend": D("5.00")}]


def test_a_bad_rule_is_refused_before_anything_is_read(tmp_path, capsys):
    assert run(tmp_path, "w.csv", WEEKLY, "--value", "status=paid") == 1
    assert "Import profile: 'status=paid' is not a value mapping" in capsys.readouterr().err


def test_save_profile_then_apply_it_by_itself_and_by_name(tmp_path):
    assert run(tmp_path, "w.csv", WEEKLY, *WEEKLY_OPTIONS, "--save-profile", "Weekly") == 0
    first = stored(tmp_path)
    assert run(tmp_path, "w.csv", WEEKLY) == 0  # same headers: applied by itself
    assert run(tmp_path, "w.csv", WEEKLY, "--profile", "Weekly") == 0
    assert stored(tmp_path) == first
    assert uploads.saved_profile(Store(tmp_path / "s.duckdb"), "Weekly").owner == "ops"


def test_an_unknown_profile_name_is_a_plain_error(tmp_path, capsys):
    assert run(tmp_path, "w.csv", WEEKLY, "--profile", "Nope") == 1
    assert "there is no profile 'Nope' (yours and shared: none)" in capsys.readouterr().err


def rows_without_batch(db) -> list[dict]:
    return Store(db).query("select * exclude (batch_id) from results_rows order by all"
                           ).to_pylist()


def test_a_profile_file_exported_from_the_page_gives_the_page_s_store_content(tmp_path):
    profile = from_rules("Weekly", "\n".join(
        f"{flag} {value}" for flag, value in zip(WEEKLY_OPTIONS[::2], WEEKLY_OPTIONS[1::2])))
    (tmp_path / "weekly.json").write_text(to_json(profile), encoding="utf-8")
    assert run(tmp_path, "w.csv", WEEKLY, "--profile", str(tmp_path / "weekly.json")) == 0
    page = Store(tmp_path / "page.duckdb")
    _, ids = uploads.import_files(page, [UploadedFile("w.csv", WEEKLY)], user="ops",
                                       chosen_profiles={("w.csv", "w"): profile})
    assert ids and rows_without_batch(tmp_path / "s.duckdb") == rows_without_batch(
        tmp_path / "page.duckdb")
