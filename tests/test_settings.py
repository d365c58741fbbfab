"""Settings: approval thresholds, base currency, the fiscal year's first month and the channel
mapping, each change a batch in the history that a rollback undoes."""

from datetime import date
from decimal import Decimal as D

import pytest

from loaders.intake import UploadedFile, read_upload
from spendline.settings import SettingsError, required_level
from spendline.uploads import batches, import_files, intake_options
from spendline.views import Filters, run_view
from tests.helpers import xlsx
from tests.stores import backend_of, both_stores, open_test_store


@pytest.fixture
def store(request, tmp_path):
    """The DuckDB file; on PostgreSQL too for the tests marked both_stores."""
    return open_test_store(request, backend_of(request), tmp_path / "settings.duckdb")


def upload(store, **sheets) -> list[int]:
    intake, ids = import_files(store, [UploadedFile("upload.xlsx", xlsx(sheets))])
    assert ids, intake.problem_table().to_string()
    return ids


def value(store, sql, variables=None):
    return store.query(sql, variables=variables).column(0)[0].as_py()


def budget_sheet(year: int, amount: str, account: str = "Default") -> list[list]:
    """Twelve months of `year`, `amount` each, on Email."""
    return [["period", "channel", "amount", "account"],
            *[[f"{year}-{m:02d}", "Email", amount, account] for m in range(1, 13)]]


# -- thresholds --------------------------------------------------------------------------------
EDGE_LEDGER = [["document_id", "vendor", "channel", "status", "amount_net", "invoice_date"],
               ["A", "V", "Email", "invoiced", "999.99", "2026-01-05"],
               ["B", "V", "Email", "invoiced", "1000.00", "2026-01-05"],
               ["C", "V", "Email", "invoiced", "9999.99", "2026-01-05"],
               ["D", "V", "Email", "invoiced", "10000.00", "2026-01-05"]]


def required_levels(store) -> dict[str, str]:
    return {r["document_id"]: r["required_level"]
            for r in run_view(store, "approval_flags").to_pylist()}


@both_stores
def test_new_thresholds_move_the_approval_edges(store):
    upload(store, Ledger=EDGE_LEDGER)
    # defaults: finance from 5,000, executive from 25,000
    assert required_levels(store) == {"A": "manager", "B": "manager", "C": "finance",
                                      "D": "finance"}
    store.change_settings({"threshold_finance": "1000", "threshold_executive": "10000.00"})
    assert store.settings()["threshold_finance"] == "1000.00"
    # 999.99 < 1,000 manager; 1,000.00 exactly finance; 9,999.99 finance; 10,000.00 executive
    assert required_levels(store) == {"A": "manager", "B": "finance", "C": "finance",
                                      "D": "executive"}


@pytest.mark.parametrize("amount,level", [
    ("999.99", "manager"), ("1000.00", "finance"), ("9999.99", "finance"),
    ("10000.00", "executive"), ("-20000.00", "manager"),
])
def test_the_python_rule_agrees_with_the_view_at_the_edges(amount, level):
    thresholds = {"threshold_finance": "1000.00", "threshold_executive": "10000.00"}
    assert required_level(D(amount), thresholds) == level


@pytest.mark.parametrize("changes,message", [
    ({"threshold_finance": "30000"}, "must be below the executive threshold"),
    ({"threshold_finance": "0"}, "above 0"),
    ({"threshold_executive": "1000.005"}, "at most two decimals"),
    ({"fiscal_first_month": "13"}, "1 to 12"),
    ({"base_currency": "euro"}, "not a currency code"),
    ({"colour": "blue"}, "no setting 'colour'"),
])
def test_an_impossible_setting_is_refused_and_nothing_recorded(store, changes, message):
    before = store.settings()
    with pytest.raises(SettingsError, match=message):
        store.change_settings(changes)
    assert store.settings() == before
    assert store.history().empty


def test_a_change_to_the_same_values_records_nothing(store):
    assert store.change_settings({"base_currency": "eur", "threshold_finance": "5000"}) is None
    assert store.history().empty


# -- base currency -----------------------------------------------------------------------------
@both_stores
def test_base_currency_change_converts_at_the_rates_against_the_new_base(store):
    upload(store, Budget=[["period", "channel", "amount"], ["2026-01", "Email", "1000.00"]],
           FX=[["currency", "month", "rate"], ["EUR", "2026-01", "1.10"]])
    assert value(store, "select budget from budget_vs_actual") == D("1000.00")
    store.change_settings({"base_currency": "usd"})
    assert store.settings()["base_currency"] == "USD"
    # 1,000.00 EUR at 1.10 USD per EUR
    assert value(store, "select budget from budget_vs_actual") == D("1100.00")


@both_stores
def test_base_currency_change_is_refused_while_an_amount_would_have_no_rate(store):
    upload(store, Budget=[["period", "channel", "amount"], ["2026-01", "Email", "1000.00"],
                          ["2026-02", "Email", "1000.00"]],
           FX=[["currency", "month", "rate"], ["EUR", "2026-01", "1.10"]])
    with pytest.raises(SettingsError, match="no rate against USD for EUR 2026-02"):
        store.change_settings({"base_currency": "USD"})
    assert store.settings()["base_currency"] == "EUR"


def test_new_uploads_default_to_the_new_base_currency(store):
    upload(store, FX=[["currency", "month", "rate"], ["EUR", "2026-01", "1.10"]])
    store.change_settings({"base_currency": "USD"})
    upload(store, Budget=[["period", "channel", "amount"], ["2026-01", "Email", "5.00"]])
    assert value(store, "select currency from budget") == "USD"


# -- fiscal year -------------------------------------------------------------------------------
def landing_budgets(store) -> dict[int, D]:
    rows = run_view(store, "landing", Filters(as_of=date(2027, 12, 31))).to_pylist()
    return {r["fiscal_year"]: r["budget"] for r in rows}


@both_stores
def test_a_new_first_month_regroups_the_budget_without_changing_it(store):
    upload(store, Budget=budget_sheet(2025, "100.00"))
    upload(store, Budget=budget_sheet(2026, "200.00"))
    in_force = "select count(*) from budget_rows where current"
    assert landing_budgets(store) == {2025: D("1200.00"), 2026: D("2400.00")}
    store.change_settings({"fiscal_first_month": "4"})
    # FY2024 = Jan-Mar 2025: 3 x 100; FY2025 = Apr 2025-Mar 2026: 9 x 100 + 3 x 200;
    # FY2026 = Apr-Dec 2026: 9 x 200. The two uploads straddle FY2025, and both stay in force:
    # which rows an upload replaced was settled when it was stored.
    assert landing_budgets(store) == {2024: D("300.00"), 2025: D("1500.00"),
                                      2026: D("1800.00")}
    assert value(store, in_force) == 24
    assert value(store, "select sum(amount) from budget") == D("3600.00")
    assert value(store, "select count(*) from budget_rows where fiscal_year <> "
                        "year(month) - case when month(month) < 4 then 1 else 0 end") == 0


def test_after_the_change_an_upload_replaces_a_fiscal_year_of_the_new_kind(store):
    upload(store, Budget=budget_sheet(2026, "200.00"))
    store.change_settings({"fiscal_first_month": "4"})
    # a budget for FY2026 (Apr 2026-Mar 2027) replaces Apr-Dec 2026 and keeps Jan-Mar 2026,
    # which now belong to FY2025
    sheet = [["period", "channel", "amount"], ["2026-04", "Email", "50.00"]]
    [preview] = store.preview([_budget_batch(store, sheet)])
    assert (preview.replaced, preview.replaced_scopes) == (9, [(2026, "budget", "Default")])
    upload(store, Budget=sheet)
    assert landing_budgets(store) == {2025: D("600.00"), 2026: D("50.00")}


def _budget_batch(store, sheet):
    intake = read_upload([UploadedFile("b.xlsx", xlsx({"Budget": sheet}))],
                         intake_options(store))
    [batch] = batches(intake)
    return batch


@both_stores
def test_rolling_back_the_first_month_change_restores_the_calendar_year(store):
    upload(store, Budget=budget_sheet(2026, "200.00"))
    batch = store.change_settings({"fiscal_first_month": "4"})
    assert landing_budgets(store) == {2025: D("600.00"), 2026: D("1800.00")}
    store.rollback(batch)
    assert store.settings()["fiscal_first_month"] == "1"
    assert landing_budgets(store) == {2026: D("2400.00")}


# -- channel mapping ---------------------------------------------------------------------------
MAPPED_LEDGER = [["document_id", "vendor", "channel", "status", "amount_net", "invoice_date"],
                 ["1", "Meta", "FB", "invoiced", "10.00", "2026-01-05"],
                 ["2", "Meta", " facebook  ADS ", "invoiced", "20.00", "2026-01-05"],
                 ["3", "Meta", "Facebook", "invoiced", "40.00", "2026-01-05"],
                 ["4", "Mail", "Email", "invoiced", "5.00", "2026-01-05"]]


def test_the_channel_mapping_is_applied_on_intake_and_named_in_the_history(store):
    store.change_settings(channel_mapping={"FB": "Paid Social", "Facebook Ads": "Paid Social"})
    assert store.channel_mapping() == {"FB": "Paid Social", "Facebook Ads": "Paid Social"}
    intake, [batch] = import_files(store, [UploadedFile("l.xlsx", xlsx({"L": MAPPED_LEDGER}))])
    channels = store.query("select channel, sum(amount_net) as a from spend group by 1 "
                           "order by 1").to_pylist()
    # "FB" and "facebook ads" (any case and spacing) become Paid Social; "Facebook" is no alias
    assert channels == [{"channel": "Email", "a": D("5.00")},
                        {"channel": "Facebook", "a": D("40.00")},
                        {"channel": "Paid Social", "a": D("30.00")}]
    notes = intake.problem_table().query("level == 'warning'")["problem"].tolist()
    assert notes == [
        "Sheet 'L' read as a spend ledger: document_id → document_id, vendor → vendor, "
        "channel → channel, status → status, amount_net → amount_net, "
        "invoice_date → invoice_date.",
        "channel 'FB' stored as 'Paid Social' (1 row), as the channel mapping in Settings says",
        "channel 'facebook  ADS' stored as 'Paid Social' (1 row), as the channel mapping in "
        "Settings says"]
    history = store.history().set_index("batch_id")
    assert history.loc[batch, "note"] == ("channel names mapped: FB → Paid Social (1 row), "
                                          "facebook  ADS → Paid Social (1 row)")
    [settings_batch] = history.index[history["kind"] == "settings"]
    assert history.loc[settings_batch, "note"] == (
        "channel 'FB' → 'Paid Social'; channel 'Facebook Ads' → 'Paid Social'")


def test_the_mapping_applies_to_budgets_and_results_too(store):
    store.change_settings(channel_mapping={"Social": "Paid Social"})
    upload(store, Budget=[["period", "channel", "amount"], ["2026-01", "social", "9.00"]],
           Results=[["date", "campaign", "channel", "leads", "revenue"],
                    ["2026-01-02", "X", "SOCIAL", 3, "0"]])
    assert value(store, "select channel from budget") == "Paid Social"
    assert value(store, "select channel from results") == "Paid Social"


def test_an_alias_is_mapped_once_not_in_a_chain(store):
    store.change_settings(channel_mapping={"FB": "Facebook", "Facebook": "Paid Social"})
    upload(store, Ledger=MAPPED_LEDGER[:2])
    assert value(store, "select channel from spend") == "Facebook"


@both_stores
def test_removing_an_alias_and_rolling_back_the_removal(store):
    store.change_settings(channel_mapping={"FB": "Paid Social"})
    removal = store.change_settings(channel_mapping={"fb": None})
    assert store.channel_mapping() == {}
    assert store.history().set_index("batch_id").loc[removal, "note"] == (
        "channel 'fb' no longer mapped (was 'Paid Social')")
    store.rollback(removal)
    assert store.channel_mapping() == {"FB": "Paid Social"}


@pytest.mark.parametrize("mapping,message", [
    ({"": "Paid Social"}, "cannot be empty"),
    ({"FB": " "}, "Say which channel"),
    ({"Email": "email"}, "mapped to itself"),
])
def test_an_impossible_alias_is_refused(store, mapping, message):
    with pytest.raises(SettingsError, match=message):
        store.change_settings(channel_mapping=mapping)
    assert store.channel_mapping() == {}


# -- history and rollback ----------------------------------------------------------------------
def test_a_settings_change_is_a_batch_in_the_history(store):
    version = store.data_version()
    batch = store.change_settings({"threshold_finance": "6000", "fiscal_first_month": 7},
                                  user="anna")
    row = store.history().set_index("batch_id").loc[batch]
    assert (row["kind"], row["file_name"], row["uploaded_by"], row["rows"]) == (
        "settings", "Settings", "anna", 2)
    assert row["note"] == ("finance approves from: 5000.00 → 6000.00; "
                           "fiscal year's first month: 1 → 7")
    assert store.data_version() == version + 1


def test_rollback_of_a_settings_change_restores_the_old_values(store):
    before = store.settings()
    batch = store.change_settings({"threshold_finance": "1000", "threshold_executive": "2000",
                                   "base_currency": "USD"})
    store.rollback(batch)
    after = store.settings()
    assert {k: after[k] for k in before if k != "data_version"} == {
        k: v for k, v in before.items() if k != "data_version"}


@both_stores
def test_rolling_back_an_older_change_keeps_a_later_change_of_the_same_setting(store):
    first = store.change_settings({"threshold_finance": "1000"})
    store.change_settings({"threshold_finance": "2000"})
    store.rollback(first)
    assert store.settings()["threshold_finance"] == "2000.00"
    latest = int(store.history()["batch_id"].max())
    store.rollback(latest)
    # neither change in force: the value before the first one
    assert store.settings()["threshold_finance"] == "5000.00"


def test_set_setting_goes_through_the_history(store):
    store.set_setting("threshold_executive", "30000")
    assert store.settings()["threshold_executive"] == "30000.00"
    assert store.history()["kind"].tolist() == ["settings"]
