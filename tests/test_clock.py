"""The one clock (spendline/clock.py): SPENDLINE_TODAY sets "today" for the app, the
command line and the SQL views, and nothing else reads the wall clock."""

import re
from datetime import date, datetime

import pytest

from spendline import clock
from spendline.config import ROOT
from spendline.store import Store
from spendline.views import VIEWS, Filters, run_view
from tests.conftest import PINNED_DAY


def test_the_suite_runs_on_a_pinned_day():
    # tests/conftest.py pins it; CI runs the suite again with SPENDLINE_TODAY set to days
    # that stress the calendar (scripts/run_tests.sh)
    assert clock.today() == date.fromisoformat(clock.os.environ[clock.ENV])
    assert clock.os.environ[clock.ENV]  # never unset under the tests
    assert PINNED_DAY == "2026-12-04"


@pytest.mark.parametrize("day", ["2027-02-28", "2028-02-29", "2026-12-31", "2026-01-01"])
def test_spendline_today_sets_today_and_now(monkeypatch, day):
    monkeypatch.setenv(clock.ENV, day)
    assert clock.today() == date.fromisoformat(day)
    assert clock.now().date() == date.fromisoformat(day)


@pytest.mark.parametrize("text", ["31/12/2026", "2026-02-30", "tomorrow"])
def test_a_day_that_is_not_a_day_is_a_plain_error(monkeypatch, text):
    monkeypatch.setenv(clock.ENV, text)
    with pytest.raises(clock.ClockError, match=r"SPENDLINE_TODAY=.* is not a day: write it as "
                                               r"YYYY-MM-DD\."):
        clock.today()


def test_unset_it_is_the_machines_day(monkeypatch):
    # the machine's clock stands in as a fixed moment: no test reads the real one
    monkeypatch.delenv(clock.ENV)
    monkeypatch.setattr(clock, "_wall", lambda: datetime(2027, 3, 1, 0, 0, 5))
    assert (clock.today(), clock.now()) == (date(2027, 3, 1), datetime(2027, 3, 1, 0, 0, 5))


def test_pinned_now_keeps_the_wall_clocks_time_of_day(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2028-02-29")
    monkeypatch.setattr(clock, "_wall", lambda: datetime(2026, 12, 4, 16, 42, 7))
    assert clock.now() == datetime(2028, 2, 29, 16, 42, 7)


def test_the_views_default_as_of_date_is_the_clocks(demo_db, monkeypatch):
    """No as-of date chosen: every view works at the clock's day, in SQL too."""
    store = Store(demo_db)
    for day in ("2026-03-31", "2026-09-30"):
        monkeypatch.setenv(clock.ENV, day)
        explicit = Filters(as_of=date.fromisoformat(day))
        for name in VIEWS:
            assert run_view(store, name) == run_view(store, name, explicit), (day, name)
    # and the day matters: invoices age between the two
    monkeypatch.setenv(clock.ENV, "2026-03-31")
    march = run_view(store, "aging").to_pylist()
    monkeypatch.setenv(clock.ENV, "2026-09-30")
    assert run_view(store, "aging").to_pylist() != march


def test_upload_times_come_from_the_clock(tmp_path, monkeypatch):
    monkeypatch.setenv(clock.ENV, "2028-02-29")
    store = Store(tmp_path / "s.duckdb")
    store.set_setting("fiscal_first_month", "4")
    [uploaded_at] = store.history()["uploaded_at"].tolist()
    assert uploaded_at.date() == date(2028, 2, 29)


# Ways to read the wall clock that ruff's DTZ rules do not see.
WALL_CLOCK_PY = re.compile(r"Timestamp\.(now|today|utcnow)\(|datetime64\(['\"](today|now)|"
                           r"time\.(localtime|gmtime|ctime)\(|\bdate\.fromtimestamp\(time")
WALL_CLOCK_SQL = re.compile(r"\b(current_date|current_timestamp|localtimestamp|(?<![.\w])now\(\)|"
                            r"(?<![.\w])today\(\)|get_current_timestamp)", re.IGNORECASE)
# The PostgreSQL migrations table records when a migration ran: a server log, not a figure.
SQL_EXCEPTIONS = {"spendline/stores/pg_migrate.py"}


def _sources(pattern: str) -> list:
    skip = (".venv", ".git", "bench")
    return [p for p in ROOT.rglob(pattern) if not set(p.relative_to(ROOT).parts) & set(skip)]


def test_nothing_else_reads_the_wall_clock():
    found = []
    for path in _sources("*.py"):
        name = str(path.relative_to(ROOT))
        if name in ("spendline/clock.py", "tests/test_clock.py"):
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {m.group(0)}" for m in WALL_CLOCK_PY.finditer(text)]
        if name not in SQL_EXCEPTIONS and ("sql" in name or "stores" in name):
            found += [f"{name}: {m.group(0)}" for m in WALL_CLOCK_SQL.finditer(text)]
    for path in _sources("*.sql"):
        text = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))  # comments aside
        found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in WALL_CLOCK_SQL.finditer(text)]
    assert found == []
