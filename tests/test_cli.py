"""python -m spendline import: exit 0 and stored, or exit 1 with the problem table and nothing
stored."""

import subprocess
import sys
from decimal import Decimal as D

import pytest

from spendline.cli import main
from spendline.config import ROOT
from spendline.store import Store
from tests.helpers import xlsx

GOOD = xlsx({"Budget": [["Budget 2026"], ["period", "channel", "amount"],
                        ["2026-01", "Email", "1.000,00"], ["Totale", None, "1.000,00"]],
             "Notes": [["Note"], ["hello"]]})
BAD = xlsx({"Budget": [["period", "channel", "amount"], ["2026-01", "Email", "lots"]]})


def test_import_stores_and_names_what_it_skipped(tmp_path, capsys):
    (tmp_path / "good.xlsx").write_bytes(GOOD)
    db = tmp_path / "s.duckdb"
    assert main(["import", str(tmp_path / "good.xlsx"), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "good.xlsx › Budget: budget, 1 rows" in out
    assert "totals row skipped" in out
    assert "Sheet 'Notes' is not a sheet Spendline knows" in out
    assert Store(db).query("select sum(amount) from budget").column(0)[0].as_py() == D("1000.00")


def test_import_with_a_bad_file_prints_problems_and_stores_nothing(tmp_path, capsys):
    (tmp_path / "good.xlsx").write_bytes(GOOD)
    (tmp_path / "bad.xlsx").write_bytes(BAD)
    db = tmp_path / "s.duckdb"
    code = main(["import", str(tmp_path / "good.xlsx"), str(tmp_path / "bad.xlsx"),
                 "--db", str(db)])
    assert code == 1
    err = capsys.readouterr().err
    assert "nothing was stored" in err
    assert "lots" in err and "not a number" in err
    store = Store(db)
    assert store.is_empty()
    assert store.query("select count(*) from budget_rows").column(0)[0].as_py() == 0


def test_wide_budget_year_from_the_command_line(tmp_path, capsys):
    wide = xlsx({"Plan": [["channel", "Jan", "Feb", "Mar"], ["Email", 1, 2, 3]]})
    (tmp_path / "wide.xlsx").write_bytes(wide)
    db = str(tmp_path / "s.duckdb")
    assert main(["import", str(tmp_path / "wide.xlsx"), "--db", db]) == 1
    assert main(["import", str(tmp_path / "wide.xlsx"), "--db", db, "--year", "2026"]) == 0
    months = Store(db).query("select min(month) as m from budget").column(0)[0].as_py()
    assert str(months) == "2026-01-01"


def test_missing_file_exits_1(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.xlsx"), "--db", str(tmp_path / "s.db")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_runs_as_a_module_in_a_real_process(tmp_path):
    (tmp_path / "bad.xlsx").write_bytes(BAD)
    done = subprocess.run(
        [sys.executable, "-m", "spendline", "import", str(tmp_path / "bad.xlsx"),
         "--db", str(tmp_path / "s.duckdb")],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "not a number" in done.stderr
    assert "Traceback" not in done.stderr


# A CSV, since openpyxl would write the vendor as a live formula with no saved value.
LEDGER = (
    b"document_id,vendor,channel,status,amount_net,invoice_date,account\n"
    b'A1,"=HYPERLINK(""http://x"")",Email,invoiced,100.00,2026-01-10,North\n'
    b"A2,Plain,PR,invoiced,0.10,2026-02-10,South\n"
)


def test_export_writes_the_view_as_spec_csv(tmp_path, capsys):
    (tmp_path / "good.xlsx").write_bytes(GOOD)
    db = str(tmp_path / "s.duckdb")
    assert main(["import", str(tmp_path / "good.xlsx"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "budget_vs_actual", "--db", db, "--as-of", "2026-03-01"]) == 0
    assert capsys.readouterr().out == (
        "month,channel,budget,forecast,quoted,committed,actual,paid,variance,variance_pct\n"
        "2026-01,Email,1000.00,1000.00,0.00,0.00,0.00,0.00,-1000.00,-1.0000\n"
    )


def test_export_filters_and_escapes_formula_text(tmp_path, capsys):
    (tmp_path / "l.csv").write_bytes(LEDGER)
    db = str(tmp_path / "s.duckdb")
    assert main(["import", str(tmp_path / "l.csv"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "spend_by_vendor", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "vendor,vendor_category,documents,committed,actual,paid,unpaid"
    assert out[1] == "\"'=HYPERLINK(\"\"http://x\"\")\",,1,100.00,100.00,0.00,100.00"
    assert main(["export", "spend_by_vendor", "--db", db, "--account", "South",
                 "--from", "2026-02", "--to", "2026-02"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["Plain,,1,0.10,0.10,0.00,0.10"]


def test_export_rejects_a_bad_month(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["export", "aging", "--db", str(tmp_path / "s.duckdb"), "--from", "March"])
    assert "is not a month like 2026-03" in capsys.readouterr().err


# -- what an import replaces, --dry-run, history and rollback (issue 17 §3) ---------------------
def year_budget(amount: str, months: range = range(1, 13)) -> bytes:
    return xlsx({"Budget": [["period", "channel", "amount"]]
                 + [[f"2026-{m:02d}", channel, amount] for m in months
                    for channel in ("Email", "Search")]})


def year_imported(tmp_path, capsys) -> str:
    """A store holding a year's budget (year.xlsx), and one month of it beside (one.xlsx)."""
    db = str(tmp_path / "s.duckdb")
    (tmp_path / "year.xlsx").write_bytes(year_budget("100"))
    (tmp_path / "one.xlsx").write_bytes(year_budget("5", range(1, 2)))
    assert main(["import", str(tmp_path / "year.xlsx"), "--db", db]) == 0
    capsys.readouterr()
    return db


def test_a_budget_import_says_what_it_replaces(tmp_path, capsys):
    db = year_imported(tmp_path, capsys)
    assert main(["import", str(tmp_path / "one.xlsx"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Sheet 'Budget' replaces 24 stored budget rows (FY2026 budget for Default).\n" in out
    assert Store(db).query("select count(*) from budget").column(0)[0].as_py() == 2


def test_import_dry_run_prints_the_preview_and_stores_nothing(tmp_path, capsys):
    db = year_imported(tmp_path, capsys)
    history = Store(db).history()
    assert main(["import", str(tmp_path / "one.xlsx"), "--db", db, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "What storing would do (--dry-run: nothing was stored):\n"
        " sheet   kind  rows  new  changed  unchanged  replaced\n"
        "Budget budget     2    2        0          0        24\n"
        "Sheet 'Budget' replaces 24 stored budget rows (FY2026 budget for Default).\n")
    assert "Stored" not in out
    store = Store(db)
    assert store.history().equals(history)
    assert store.query("select count(*) from budget").column(0)[0].as_py() == 24


def test_history_and_rollback_on_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "s.duckdb")
    (tmp_path / "year.xlsx").write_bytes(year_budget("100"))
    (tmp_path / "one.xlsx").write_bytes(year_budget("5", range(1, 2)))
    for name in ("year.xlsx", "one.xlsx"):
        assert main(["import", str(tmp_path / name), "--db", db]) == 0
    capsys.readouterr()
    assert main(["history", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["batch_id", "uploaded_at", "uploaded_by", "file_name", "sheet",
                                "kind", "rows", "added", "changed", "replaced",
                                "rolled_back_at", "rolled_back_by", "reapplied_at",
                                "reapplied_by", "note"]
    assert [line.split()[0] for line in lines[1:]] == ["2", "1"]
    assert said(capsys, "rollback", "2", "--db", db) == (0, (
        "Rolled back batch 2 (one.xlsx › Budget, budget, 2 rows): the rows in force are what "
        "they were without it; the history keeps it.\n"))
    assert budget_rows(db) == 24  # the year's rows are back
    assert said(capsys, "rollback", "2", "--db", db) == (
        1, "Nothing was rolled back: Batch 2 was already rolled back.\n")
    assert said(capsys, "rollback", "99", "--db", db) == (
        1, "Nothing was rolled back: There is no upload batch 99.\n")
    # and re-applied: the one month's 5 replaces the year's 100 again
    assert said(capsys, "reapply", "2", "--db", db) == (0, (
        "Re-applied batch 2 (one.xlsx › Budget, budget, 2 rows): its rollback is undone; "
        "later uploads of the same rows still win.\n"))
    assert budget_rows(db) == 2
    assert said(capsys, "reapply", "2", "--db", db) == (
        1, "Nothing was re-applied: Batch 2 is in force: there is no rollback to undo.\n")


def said(capsys, *argv: str) -> tuple[int, str]:
    """The command's exit code and what it printed (standard output, then errors)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def budget_rows(db: str) -> int:
    return Store(db).query("select count(*) from budget").column(0)[0].as_py()


def test_command_line_rollback_follows_the_users_table(tmp_path, capsys, monkeypatch):
    """The command line's user is the local admin, unless the users table names them."""
    from spendline import access

    db = str(tmp_path / "s.duckdb")
    (tmp_path / "year.xlsx").write_bytes(year_budget("100"))
    assert main(["import", str(tmp_path / "year.xlsx"), "--db", db]) == 0
    access.set_user(Store(db), "ed@lumen.example", "editor", ("Lumen Travel",))
    monkeypatch.setattr("spendline.cli.current_user", lambda: "ed@lumen.example")
    capsys.readouterr()
    assert main(["rollback", "1", "--db", db]) == 1
    assert capsys.readouterr().err == ("Nothing was rolled back: You may change only 'Lumen "
                                       "Travel': batch 1 touches 'Default'.\n")
