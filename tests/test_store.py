"""The store: merge by key, budget replacement, rollback, exact DECIMAL sums, atomic batches."""

from datetime import date, datetime
from decimal import Decimal as D

import pandas as pd
import pytest

from spendline import clock
from spendline.store import Batch, Store
from tests.stores import BACKENDS, open_test_store


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """The store contract: every test here runs on the DuckDB file and on PostgreSQL."""
    return open_test_store(request, request.param, tmp_path / "test.duckdb")


def ledger(*rows):
    """Ledger rows (document_id, status, amount, invoice_date) of vendor Acme on Email."""
    return pd.DataFrame([
        {"source_row": i + 2, "document_id": doc, "vendor": "Acme", "channel": "Email",
         "status": status, "amount_net": D(amount), "currency": "EUR",
         "category": "Unassigned", "account": "Default", "invoice_date": day,
         "paid_date": day if status == "paid" else None, "has_contract": True,
         "has_invoice": True, "has_receipt": True}
        for i, (doc, status, amount, day) in enumerate(rows)
    ])


def budget(*rows, version="budget", account="Default"):
    """Budget rows (month, channel, amount)."""
    return pd.DataFrame([
        {"source_row": i + 2, "month": pd.Timestamp(month), "channel": channel,
         "category": "Unassigned", "account": account, "amount": D(amount), "currency": "EUR",
         "version": version}
        for i, (month, channel, amount) in enumerate(rows)
    ])


def spend_batch(frame, name="ledger.xlsx"):
    return Batch(name, "sha", "Ledger", "spend", frame)


def budget_batch(frame, name="budget.xlsx"):
    return Batch(name, "sha", "Budget", "budget", frame)


def total(store, sql):
    return store.query(sql).column(0)[0].as_py()


def test_merge_by_key_replaces_changed_rows_and_adds_new_ones(store):
    store.apply([spend_batch(ledger(("A1", "invoiced", "100.10", date(2026, 1, 5)),
                                    ("A2", "invoiced", "200.20", date(2026, 1, 6))))])
    later = ledger(("A1", "paid", "100.10", date(2026, 1, 5)),
                   ("A3", "invoiced", "0.01", date(2026, 2, 1)))
    preview = store.preview([spend_batch(later)])[0]
    assert (preview.added, preview.changed, preview.unchanged) == (1, 1, 0)
    store.apply([spend_batch(later)])
    rows = store.query("select document_id, status from spend order by 1").to_pylist()
    assert rows == [{"document_id": "A1", "status": "paid"},
                    {"document_id": "A2", "status": "invoiced"},
                    {"document_id": "A3", "status": "invoiced"}]
    # 100.10 + 200.20 + 0.01, exactly
    assert total(store, "select sum(amount_net) from spend") == D("300.31")


def test_the_preview_lists_dimension_values_the_store_has_not_seen(store):
    store.apply([spend_batch(ledger(("A1", "invoiced", "100.00", date(2026, 1, 5))))])
    store.apply([budget_batch(budget(("2026-01-01", "Display", "50.00")))])
    incoming = ledger(("A2", "invoiced", "1.00", date(2026, 1, 6)),
                      ("A3", "invoiced", "2.00", date(2026, 1, 7)),
                      ("A4", "invoiced", "3.00", date(2026, 1, 8)))
    incoming["channel"] = ["Email", "Eventi", "Display"]  # Display: known from the budget
    incoming["vendor"] = ["Acme", "Zeta", "Beta"]
    [preview] = store.preview([spend_batch(incoming)])
    assert preview.new_values == {"channel": ["Eventi"], "vendor": ["Beta", "Zeta"]}
    # a rolled-back batch's values are no longer known
    [batch] = store.apply([spend_batch(incoming)])
    store.rollback(batch)
    [again] = store.preview([spend_batch(incoming)])
    assert again.new_values == {"channel": ["Eventi"], "vendor": ["Beta", "Zeta"]}


def test_unchanged_rows_are_counted_as_unchanged(store):
    frame = ledger(("A1", "invoiced", "5.00", date(2026, 1, 5)))
    store.apply([spend_batch(frame)])
    preview = store.preview([spend_batch(frame)])[0]
    assert (preview.added, preview.changed, preview.unchanged) == (0, 0, 1)


def test_rollback_restores_the_earlier_state_exactly(store):
    store.apply([spend_batch(ledger(("A1", "invoiced", "100.10", date(2026, 1, 5))))])
    before = store.query("select * exclude (batch_id) from spend").to_pylist()
    [second] = store.apply([spend_batch(ledger(("A1", "paid", "99.99", date(2026, 1, 5)),
                                               ("A2", "invoiced", "1.00", date(2026, 1, 9))))])
    assert total(store, "select sum(amount_net) from spend") == D("100.99")
    store.rollback(second)
    assert store.query("select * exclude (batch_id) from spend").to_pylist() == before
    history = store.history()
    assert history.loc[history["batch_id"] == second, "rolled_back_at"].notna().all()


def test_rolling_back_a_middle_batch_keeps_later_changes(store):
    [first] = store.apply([spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))])
    [middle] = store.apply([spend_batch(ledger(("A2", "invoiced", "2.00", date(2026, 1, 5))))])
    store.apply([spend_batch(ledger(("A1", "paid", "1.00", date(2026, 1, 5))))])
    store.rollback(middle)
    rows = store.query("select document_id, status, batch_id from spend").to_pylist()
    assert [(r["document_id"], r["status"]) for r in rows] == [("A1", "paid")]
    assert first not in [r["batch_id"] for r in rows]


def test_rollback_twice_is_refused(store):
    [batch] = store.apply([spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))])
    store.rollback(batch)
    with pytest.raises(ValueError, match="already rolled back"):
        store.rollback(batch)


def test_budget_replaces_its_fiscal_year_version_and_account(store):
    store.apply([budget_batch(budget(("2026-01-01", "Email", "1000.00"),
                                     ("2026-02-01", "Email", "1000.00"),
                                     ("2025-12-01", "Email", "7.00")))])
    store.apply([budget_batch(budget(("2026-01-01", "Email", "10.00"), account="Other"))])
    new = budget(("2026-03-01", "PR", "500.50"))
    preview = store.preview([budget_batch(new)])[0]
    # The two 2026 rows of Default are replaced; 2025 and account Other are untouched.
    assert preview.replaced == 2
    assert preview.replaced_scopes == [(2026, "budget", "Default")]
    store.apply([budget_batch(new)])
    rows = store.query("select month, channel, amount, account from budget order by all")
    assert rows.to_pylist() == [
        {"month": date(2025, 12, 1), "channel": "Email", "amount": D("7.00"),
         "account": "Default"},
        {"month": date(2026, 1, 1), "channel": "Email", "amount": D("10.00"), "account": "Other"},
        {"month": date(2026, 3, 1), "channel": "PR", "amount": D("500.50"),
         "account": "Default"},
    ]


def test_budget_versions_are_replaced_apart(store):
    store.apply([budget_batch(budget(("2026-01-01", "Email", "100.00")))])
    store.apply([budget_batch(budget(("2026-01-01", "Email", "80.00"), version="forecast"))])
    rows = store.query("select version, amount from budget order by 1").to_pylist()
    assert rows == [{"version": "budget", "amount": D("100.00")},
                    {"version": "forecast", "amount": D("80.00")}]


def test_budget_rollback_brings_back_the_replaced_rows(store):
    store.apply([budget_batch(budget(("2026-01-01", "Email", "1000.00")))])
    [replacing] = store.apply([budget_batch(budget(("2026-01-01", "Email", "1.00")))])
    store.rollback(replacing)
    assert total(store, "select sum(amount) from budget") == D("1000.00")


def test_a_failing_batch_stores_nothing(store):
    good = spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))
    bad = spend_batch(ledger(("A2", "invoiced", "1.00", date(2026, 1, 5))).assign(vendor=None))
    version = store.data_version()
    with pytest.raises(Exception, match=r"(?i)not.null"):
        store.apply([good, bad])
    assert total(store, "select count(*) from spend_rows") == 0
    assert store.history().empty
    assert store.data_version() == version


def test_data_version_moves_with_every_change(store):
    start = store.data_version()
    [batch] = store.apply([spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))])
    store.rollback(batch)
    assert store.data_version() == start + 2


def test_money_sums_stay_exact_over_many_rows(store):
    rows = [(f"D{i}", "invoiced", "0.10", date(2026, 1, 5)) for i in range(1000)]
    store.apply([spend_batch(ledger(*rows))])
    # 1000 x 0.10 is 100.00 exactly; as floats it would drift.
    assert total(store, "select sum(amount_net) from spend") == D("100.00")


def test_the_store_as_it_stood_at_an_earlier_moment(store):
    store.apply([spend_batch(ledger(("A1", "invoiced", "100.00", date(2026, 1, 5))))])
    after_first = clock.now()
    [second] = store.apply([spend_batch(ledger(("A1", "paid", "100.00", date(2026, 1, 5)),
                                               ("A2", "invoiced", "7.00", date(2026, 1, 9))))])
    after_second = clock.now()
    store.rollback(second)
    sql = "select document_id, status from spend order by 1"

    def at(moment):
        return [tuple(r.values()) for r in store.query(sql, variables={"as_at": moment})
                .to_pylist()]

    assert at(after_first) == [("A1", "invoiced")]
    # before the rollback, the second batch was in force
    assert at(after_second) == [("A1", "paid"), ("A2", "invoiced")]
    assert at(clock.now()) == [("A1", "invoiced")]
    assert at(datetime(2000, 1, 1)) == []


def test_budget_as_it_stood_before_a_replacement(store):
    store.apply([budget_batch(budget(("2026-01-01", "Email", "1000.00")))])
    before = clock.now()
    store.apply([budget_batch(budget(("2026-01-01", "Email", "1.00")))])
    sql = "select sum(amount) from budget"
    assert store.query(sql, variables={"as_at": before}).column(0)[0].as_py() == D("1000.00")
    assert store.query(sql).column(0)[0].as_py() == D("1.00")


def test_an_older_store_is_copied_aside_before_migrating(tmp_path):
    from spendline.store import SCHEMA_VERSION

    path = tmp_path / "old.duckdb"
    store = Store(path)
    store.apply([spend_batch(ledger(("A1", "invoiced", "1.00", date(2026, 1, 5))))])
    assert Store(path).backup is None  # same version: nothing to back up
    with store.connect() as con:
        con.execute("update meta set value = '0' where key = 'schema_version'")
    migrated = Store(path)
    assert migrated.backup is not None and migrated.backup.name.startswith("old.duckdb.bak-v0-")
    assert migrated.settings()["schema_version"] == SCHEMA_VERSION
    # the copy is a working store holding the data as it was
    copy = Store(migrated.backup)
    assert copy.query("select count(*) from spend").column(0)[0].as_py() == 1


def test_results_without_a_platform_merge_by_key(store):
    """The key (date, campaign, channel, platform) holds when the platform is empty."""
    def results(leads, platform=None):
        return Batch("r.xlsx", "sha", "Results", "results", pd.DataFrame([{
            "source_row": 2, "date": pd.Timestamp("2026-01-01"), "campaign": "Spring",
            "channel": "Email", "platform": platform, "account": "Default", "leads": leads,
            "revenue": D("1.00"), "currency": "EUR"}]))

    store.apply([results(5), results(7, platform="")])
    store.apply([results(9)])
    rows = store.query("select platform, leads from results order by platform nulls first")
    assert rows.to_pylist() == [{"platform": None, "leads": 9}, {"platform": "", "leads": 7}]
    store.rollback(int(store.history()["batch_id"].max()))
    rows = store.query("select platform, leads from results order by platform nulls first")
    assert rows.to_pylist() == [{"platform": None, "leads": 5}, {"platform": "", "leads": 7}]


# The tables of the previous release (schema version 2) that this one changes: money
# DECIMAL(18,2), no paid_amount, results leads and revenue required.
PREVIOUS_SCHEMA = """
create table meta (key varchar primary key, value varchar not null);
create sequence batch_ids start 2;
create table batches (
    batch_id integer primary key, upload_id varchar not null, file_name varchar not null,
    sha256 varchar not null, sheet varchar not null, kind varchar not null,
    rows integer not null, added integer not null, changed integer not null,
    replaced integer not null, uploaded_at timestamp not null, uploaded_by varchar not null,
    rolled_back_at timestamp, rolled_back_by varchar, note varchar);
create table budget_rows (
    batch_id integer not null, source_row integer not null,
    current boolean not null default true, month date not null,
    fiscal_year integer not null, channel varchar not null, platform varchar,
    category varchar not null, campaign varchar, account varchar not null,
    amount decimal(18, 2) not null, currency varchar not null, version varchar not null,
    budget_line varchar);
create table spend_rows (
    batch_id integer not null, source_row integer not null,
    current boolean not null default true, document_id varchar not null,
    vendor varchar not null, channel varchar not null, status varchar not null,
    amount_net decimal(18, 2) not null, vat_amount decimal(18, 2), vat_rate decimal(18, 6),
    currency varchar not null, platform varchar, category varchar not null, campaign varchar,
    account varchar not null, budget_line varchar, description varchar, po_number varchar,
    quote_date date, order_date date, invoice_date date, due_date date, paid_date date,
    has_contract boolean not null, has_invoice boolean not null, has_receipt boolean not null,
    approved_by varchar, approval_level varchar);
create table results_rows (
    batch_id integer not null, source_row integer not null,
    current boolean not null default true, date date not null, campaign varchar not null,
    channel varchar not null, platform varchar, account varchar not null,
    impressions bigint, clicks bigint, leads bigint not null, opportunities bigint,
    customers bigint, revenue decimal(18, 2) not null, platform_spend decimal(18, 2),
    currency varchar not null);
insert into meta values ('schema_version', '2'), ('data_version', '1');
insert into batches values (1, 'u', 'old.xlsx', 'sha', 'Ledger', 'spend', 2, 2, 0, 0,
    timestamp '2026-01-31 10:00:00', 'anna', null, null, null);
insert into spend_rows values
    (1, 2, true, 'A1', 'Acme', 'Email', 'invoiced', 1234.56, 271.60, 0.22, 'EUR', null,
     'Unassigned', null, 'Default', null, null, null, null, null, date '2026-01-05',
     date '2026-01-20', null, false, false, false, null, null),
    (1, 3, true, 'A2', 'Acme', 'Email', 'paid', 100.01, null, null, 'EUR', null,
     'Unassigned', null, 'Default', null, null, null, null, null, date '2026-01-06', null,
     date '2026-01-10', false, false, false, null, null);
insert into results_rows values
    (1, 2, true, date '2026-01-05', 'Spring', 'Email', null, 'Default', null, null, 10,
     null, null, 250.50, 99.99, 'EUR');
"""


def test_a_store_of_the_previous_schema_opens_with_its_data_intact(tmp_path):
    import duckdb

    from spendline.views import Filters, run_view

    path = tmp_path / "previous.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(PREVIOUS_SCHEMA)
    store = Store(path)
    assert store.backup is not None  # copied aside before the migration
    types = {(r["table_name"], r["column_name"]): r["data_type"] for r in store.query(
        "select table_name, column_name, data_type from information_schema.columns "
        "where column_name in ('amount', 'amount_net', 'vat_amount', 'paid_amount', "
        "'revenue', 'platform_spend') and table_name in "
        "('budget_rows', 'spend_rows', 'results_rows')").to_pylist()}
    assert set(types.values()) == {"DECIMAL(18,6)"} and len(types) == 6
    assert store.query("select document_id, amount_net, vat_amount, paid_amount from spend "
                       "order by document_id").to_pylist() == [
        {"document_id": "A1", "amount_net": D("1234.56"), "vat_amount": D("271.60"),
         "paid_amount": None},
        {"document_id": "A2", "amount_net": D("100.01"), "vat_amount": None,
         "paid_amount": None}]
    # actual 1234.56 + 100.01 = 1334.57; paid = the paid row in full, 100.01
    [vendor] = run_view(store, "spend_by_vendor").to_pylist()
    assert (vendor["actual"], vendor["paid"], vendor["unpaid"]) == (
        D("1334.57"), D("100.01"), D("1234.56"))
    [channel] = run_view(store, "roi_by_channel", Filters()).to_pylist()
    assert (channel["leads"], channel["revenue"]) == (10, D("250.50"))
    # and it takes the new rows: results without leads or revenue, sub-cent money
    store.apply([Batch("r.xlsx", "sha2", "Results", "results", pd.DataFrame([{
        "source_row": 2, "date": pd.Timestamp("2026-01-06"), "campaign": "Spring",
        "channel": "Email", "platform": None, "account": "Default",
        "platform_spend": D("0.123456"), "currency": "EUR"}]))])
    assert store.query("select leads, revenue, platform_spend from results "
                       "where date = date '2026-01-06'").to_pylist() == [
        {"leads": None, "revenue": None, "platform_spend": D("0.123456")}]
