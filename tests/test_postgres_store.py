"""What only the PostgreSQL store has: migrations run once by whichever replica starts first,
snapshots of one committed state, exact money across the pull, pulls of what changed, polls
that bring another replica's import, and per-account restriction in the database."""

import threading
import time
import uuid
from datetime import date
from decimal import Decimal as D

import psycopg
import pytest

from spendline.store import Store
from spendline.stores import snapshot as snapshot_module
from spendline.stores.pg_migrate import MIGRATIONS, latest
from spendline.stores.postgres import PostgresStore
from spendline.views import Filters, run_view
from tests.stores import new_database
from tests.test_store import budget, budget_batch, ledger, spend_batch


@pytest.fixture
def url(request):
    return new_database(request)


# The two ways a snapshot comes over: ADBC, and psycopg's COPY where ADBC cannot be had.
both_pulls = pytest.mark.parametrize("pull", ["adbc", "copy"])


def opened(request, url, poll=0.0, **kwargs):
    store = PostgresStore(url, poll=poll, **kwargs)
    request.addfinalizer(store.close)
    return store


def ledger_of(account, *docs, amount="10.00"):
    return ledger(*[(doc, "invoiced", amount, date(2026, 1, 5)) for doc in docs]).assign(
        account=account)


def test_migrations_run_once_whichever_replica_starts_first(request, url):
    stores, errors = [], []

    def start():
        try:
            stores.append(opened(request, url))
        except Exception as exc:  # pragma: no cover - shown by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(stores) == 3
    with psycopg.connect(url) as conn:
        versions = [r[0] for r in conn.execute("select version from schema_migrations "
                                               "order by version")]
    # every migration file, once (their numbers, not a range: a branch may lack another's)
    assert versions == [int(p.name[:3]) for p in MIGRATIONS] and versions[-1] == latest()
    assert stores[0].settings()["data_version"] == "0"


@both_pulls
def test_money_is_exact_across_the_pull(request, url, pull):
    store = opened(request, url, pull=pull)
    # money is kept to six decimals: DECIMAL(18,6) holds up to 999,999,999,999.999999
    amounts = ["0.01", "0.000002", "999999999999.999999", "-1234567.89"]
    frame = ledger(*[(f"M{i}", "invoiced", a, date(2026, 1, 5)) for i, a in enumerate(amounts)])
    store.apply([spend_batch(frame)])
    replica = opened(request, url, pull=pull)
    table = replica.query("select amount_net from spend order by document_id")
    assert str(table.schema.field("amount_net").type) == "decimal128(18, 6)"
    assert table.column(0).to_pylist() == [D(a) for a in amounts]
    # 0.01 + 0.000002 + 999999999999.999999 - 1234567.89 = 999998765432.120001
    assert replica.query("select sum(amount_net) from spend").column(0)[0].as_py() == \
        D("999998765432.120001")


@both_pulls
def test_a_snapshot_taken_while_a_writer_commits_holds_one_version(request, url, pull, monkeypatch):
    """A writer commits a whole batch between the pull of `batches` and the pull of the
    ledger: the snapshot still holds the state before it, never half of it."""
    writer = opened(request, url, pull=pull)
    writer.apply([spend_batch(ledger_of("Default", "A1", "A2"))])
    reader = opened(request, url, poll=3600, pull=pull)  # pulls only when told to, below
    before = reader.data_version()
    writer.apply([spend_batch(ledger_of("Default", "B1", "B2", "B3"))])  # for reader to pull

    plain, armed, committed = snapshot_module._plain, [True], []

    def commit_in_the_middle(table):
        if "upload_id" in table.column_names and armed:  # the batches table, once
            armed.clear()  # (the writer's own pull after its commit passes through here)
            committed.append(writer.apply([spend_batch(ledger_of("Default", "C1"))]))
        return plain(table)

    monkeypatch.setattr(snapshot_module, "_plain", commit_in_the_middle)
    reader.refresh()
    assert committed  # the third batch was committed during the pull
    tables = reader.queries({
        "version": "select value::integer as v from meta where key = 'data_version'",
        "batches": "select count(*) as n from batches",
        "rows": "select count(*) as n from spend_rows",
        "docs": "select string_agg(document_id, ',' order by document_id) as d from spend",
    })
    assert tables["version"].column(0)[0].as_py() == before + 1
    assert tables["batches"].column(0)[0].as_py() == 2
    assert tables["rows"].column(0)[0].as_py() == 5
    assert tables["docs"].column(0)[0].as_py() == "A1,A2,B1,B2,B3"
    monkeypatch.setattr(snapshot_module, "_plain", plain)
    reader.refresh()  # and the next pull brings the whole third batch
    assert reader.query("select count(*) from spend").column(0)[0].as_py() == 6


def test_a_replica_sees_a_new_import_within_one_poll_interval(request, url):
    poll = 0.5
    writer = opened(request, url)
    replica = opened(request, url, poll=poll)
    assert replica.query("select count(*) from spend").column(0)[0].as_py() == 0
    writer.apply([spend_batch(ledger_of("Default", "N1"))])
    committed = time.monotonic()
    while replica.query("select count(*) from spend").column(0)[0].as_py() == 0:
        assert time.monotonic() - committed < poll + 0.5, "not seen within one poll interval"
        time.sleep(0.05)
    assert replica.data_version() == writer.data_version()
    assert [r["actual"] for r in run_view(replica, "budget_vs_actual").to_pylist()] == \
        [D("10.00")]


def test_a_write_is_seen_at_once_by_the_replica_that_made_it(request, url):
    store = opened(request, url, poll=3600)  # no poll: its own write brings the snapshot
    store.apply([spend_batch(ledger_of("Default", "S1"))])
    assert store.query("select count(*) from spend").column(0)[0].as_py() == 1


def test_only_the_tables_a_write_changed_are_pulled_again(request, url):
    store = opened(request, url)
    store.apply([spend_batch(ledger_of("Default", "A1"))])
    store.data_version()  # a read pulls the write
    assert "spend_rows" in store.last_pull.tables
    store.apply([budget_batch(budget(("2026-01-01", "Email", "100.00")))])
    store.data_version()
    assert "budget_rows" in store.last_pull.tables
    assert "spend_rows" not in store.last_pull.tables
    store.change_settings({"threshold_finance": "6000"})
    store.data_version()
    assert "settings_rows" in store.last_pull.tables
    assert not {"spend_rows", "results_rows"} & set(store.last_pull.tables)


def test_two_stores_writing_at_once_are_applied_one_after_the_other(request, url):
    first, second = opened(request, url), opened(request, url)
    errors = []

    def write(store, prefix):
        try:
            for i in range(3):
                store.apply([spend_batch(ledger_of("Default", f"{prefix}{i}"))])
        except Exception as exc:  # pragma: no cover - shown by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, p)) for s, p in
               ((first, "X"), (second, "Y"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert first.query("select count(*) from spend").column(0)[0].as_py() == 6
    assert first.data_version() == 6


# -- per-account restriction in PostgreSQL ------------------------------------------------------
@pytest.fixture
def agency_role(request, url):
    """A login role granted account 'A' only, as a replica serving one agency would use."""
    role = f"agency_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"create role {role} login")

    def drop():
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"drop owned by {role}")
            conn.execute(f"drop role {role}")

    request.addfinalizer(drop)
    return role


@both_pulls
def test_a_restricted_roles_snapshot_holds_only_its_accounts(request, url, pull, agency_role):
    owner = opened(request, url, pull=pull)
    owner.apply([
        spend_batch(ledger_of("A", "A1", "A2")),
        spend_batch(ledger_of("B", "B1", amount="999.00")),
        budget_batch(budget(("2026-01-01", "Email", "100.00"), account="A")),
        budget_batch(budget(("2026-01-01", "Email", "5000.00"), account="B")),
    ])
    owner.save_user("a.viewer@example.com", "viewer", ["A"])
    owner.save_user("b.viewer@example.com", "viewer", ["B"])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"grant select on all tables in schema public to {agency_role}")
        conn.execute("insert into account_grants values (%s, 'A')", (agency_role,))
    host = url.split("@", 1)[1]
    agency = opened(request, f"postgresql://{agency_role}@{host}", pull=pull)

    with agency.snapshot.cursor() as con:  # what this replica holds at all
        held = {t: {r[0] for r in con.execute(f"select distinct account from {t}").fetchall()}
                for t in ("spend_rows", "budget_rows", "budget_scopes")}
        users = {r[0] for r in con.execute("select email from users").fetchall()}
    assert held == {"spend_rows": {"A"}, "budget_rows": {"A"}, "budget_scopes": {"A"}}
    assert users == {"a.viewer@example.com"}
    [row] = run_view(agency, "budget_vs_actual", Filters()).to_pylist()
    assert (row["budget"], row["actual"]) == (D("100.00"), D("20.00"))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        agency.apply([spend_batch(ledger_of("A", "A9"))])


@both_pulls
def test_an_import_pulls_only_the_rows_it_changed_and_matches_a_full_pull(request, url, pull):
    store = opened(request, url, pull=pull)
    store.apply([spend_batch(ledger_of("Default", "A1", "A2", "A3"))])
    store.data_version()
    # A2 paid now (the old A2 goes out of force), A4 new: four rows changed, not five.
    store.apply([spend_batch(ledger(("A2", "paid", "10.00", date(2026, 1, 5)),
                                    ("A4", "invoiced", "10.00", date(2026, 1, 5))))])
    store.data_version()
    assert "spend_rows" in store.last_pull.partial
    rollback = int(store.history()["batch_id"].max())
    store.rollback(rollback)
    store.data_version()
    assert "spend_rows" in store.last_pull.partial
    every = "select * exclude (current), current from spend_rows order by batch_id, source_row"
    fresh = opened(request, url, pull=pull)  # a full pull of the same state
    assert store.query(every).equals(fresh.query(every))
    assert store.query("select document_id, status from spend order by 1").to_pylist() == [
        {"document_id": d, "status": "invoiced"} for d in ("A1", "A2", "A3")]


def test_a_store_of_the_previous_schema_is_migrated_with_its_data_intact(request, url):
    from spendline.stores.pg_migrate import MIGRATIONS

    # the store as the previous release left it: migrations 001-003, money numeric(18,2)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("create table schema_migrations (version integer primary key, "
                     "name text not null, applied_at timestamptz not null default now())")
        for path in MIGRATIONS[:3]:
            conn.execute(path.read_text(encoding="utf-8"))
            conn.execute("insert into schema_migrations (version, name) values (%s, %s)",
                         (int(path.name[:3]), path.stem))
        conn.execute("insert into meta values ('data_version', '1'), "
                     "('fiscal_first_month', '1'), ('base_currency', 'EUR')")
        conn.execute("insert into batches values (1, 'u', 'old.xlsx', 'sha', 'Ledger', 'spend',"
                     " 2, 2, 0, 0, '2026-01-31 10:00', 'anna', null, null, null)")
        conn.execute("""
            insert into spend_rows (batch_id, source_row, current, document_id, vendor, channel,
                status, amount_net, vat_amount, currency, category, account, invoice_date,
                paid_date, has_contract, has_invoice, has_receipt, changed_in)
            values (1, 2, true, 'A1', 'Acme', 'Email', 'invoiced', 1234.56, 271.60, 'EUR',
                    'Unassigned', 'Default', '2026-01-05', null, false, false, false, 1),
                   (1, 3, true, 'A2', 'Acme', 'Email', 'paid', 100.01, null, 'EUR',
                    'Unassigned', 'Default', '2026-01-06', '2026-01-10', false, false, false, 1)
        """)
        conn.execute("insert into table_versions values ('spend_rows', 1), ('batches', 1), "
                     "('meta', 1)")
    store = opened(request, url)
    with psycopg.connect(url) as conn:
        assert conn.execute("select max(version) from schema_migrations").fetchone()[0] == latest()
        assert conn.execute(
            "select string_agg(distinct format_type(atttypid, atttypmod), ',') "
            "from pg_attribute where attrelid in ('spend_rows'::regclass, "
            "'results_rows'::regclass, 'budget_rows'::regclass) and attname in ('amount', "
            "'amount_net', 'vat_amount', 'paid_amount', 'revenue', 'platform_spend')"
        ).fetchone()[0] == "numeric(18,6)"
    # actual 1234.56 + 100.01 = 1334.57; paid = the paid row in full, 100.01
    [vendor] = run_view(store, "spend_by_vendor", Filters()).to_pylist()
    assert (vendor["actual"], vendor["paid"], vendor["unpaid"]) == (
        D("1334.57"), D("100.01"), D("1234.56"))
    assert store.query("select amount_net, paid_amount from spend order by document_id"
                       ).to_pylist() == [{"amount_net": D("1234.56"), "paid_amount": None},
                                         {"amount_net": D("100.01"), "paid_amount": None}]


# What only one store keeps: PostgreSQL's migration record, its per-role grants, the versions
# and `changed_in` marks its pulls read; DuckDB's ledger_facts (facts.py, rebuilt from rows).
PG_ONLY = {"schema_migrations", "account_grants", "table_versions"}
DUCKDB_ONLY = {"ledger_facts"}
PG_TYPES = {"integer": "INTEGER", "bigint": "BIGINT", "text": "VARCHAR", "boolean": "BOOLEAN",
            "date": "DATE", "timestamp without time zone": "TIMESTAMP", "_text": "VARCHAR[]"}


def pg_columns(url) -> dict:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select c.table_name, column_name, data_type, udt_name, numeric_precision, "
            "numeric_scale, is_nullable from information_schema.columns c "
            "join information_schema.tables t using (table_schema, table_name) "
            "where table_schema = 'public' and table_type = 'BASE TABLE'").fetchall()
    out: dict = {}
    for table, column, kind, udt, precision, scale, nullable in rows:
        if table in PG_ONLY or column == "changed_in":
            continue
        kind = (f"DECIMAL({precision},{scale})" if kind == "numeric"
                else PG_TYPES[udt if kind == "ARRAY" else kind])
        out.setdefault(table, {})[column] = (kind, nullable)
    return out


def duckdb_columns() -> dict:
    rows = Store(":memory:").query(
        "select c.table_name, column_name, data_type, is_nullable "
        "from information_schema.columns c "
        "join information_schema.tables t using (table_schema, table_name) "
        "where table_schema = 'main' and table_type = 'BASE TABLE'").to_pylist()
    out: dict = {}
    for r in rows:
        if r["table_name"] not in DUCKDB_ONLY:
            out.setdefault(r["table_name"], {})[r["column_name"]] = (r["data_type"],
                                                                     r["is_nullable"])
    return out


def test_both_stores_keep_the_same_tables(request, url):
    """The tables are declared twice (sql/README.md says why): DuckDB's schema.sql and
    PostgreSQL's migrations. Same tables, columns, types and nullability, or one has drifted."""
    opened(request, url)
    pg, duck = pg_columns(url), duckdb_columns()
    assert sorted(pg) == sorted(duck)
    assert {t: pg[t] for t in pg if pg[t] != duck[t]} == {t: duck[t] for t in pg
                                                            if pg[t] != duck[t]}
    assert duck["spend_rows"]["amount_net"] == ("DECIMAL(18,6)", "NO")  # the test reads types
