"""The layouts real exports have (SPEC §1): totals rows with sums, headers as systems write
them, the header row above data rows of dates, the kind each sheet was read as and why,
dates written either way round, and one bad cell reported once."""

from datetime import date, datetime
from decimal import Decimal as D

import pandas as pd

from loaders.layout import find_header
from loaders.profiles import Profile
from tests.helpers import csv_bytes, only_frame, problems, read, xlsx

T = pd.Timestamp
MESI = ["Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic"]


def rows_skipped(intake) -> list[tuple]:
    """The warnings that name a row (blank and totals rows), without the sheet notes."""
    return [p for p in problems(intake, "warning") if p[0] is not None]


def notes(intake) -> list[str]:
    """The sheet-level notes (no row): which kind each sheet was read as, and why."""
    return [p[3] for p in problems(intake, "warning") if p[0] is None]


# -- totals rows -------------------------------------------------------------------------------
def test_wide_italian_budget_with_a_totale_under_every_month():
    data = xlsx({"Budget 2026": [
        ["Budget marketing 2026"],
        ["Canale", *MESI],
        ["Email", *[100] * 12],
        ["Eventi", *[50] * 12],
        ["Totale", *[150] * 12],
    ]})
    intake = read("budget.xlsx", data)
    frame = only_frame(intake)
    assert sorted(set(frame["channel"])) == ["Email", "Eventi"]
    assert len(frame) == 24
    assert frame["amount"].sum() == D("1800.00")  # 12 × (100 + 50), the Totale row left out
    assert rows_skipped(intake) == [(5, None, "Totale", "totals row skipped")]


def test_finnish_results_sheet_with_a_yhteensa_row_carrying_sums():
    data = xlsx({"Tulokset": [
        ["Päivämäärä", "Kampanja", "Kanava", "Klikkaukset", "Liidit", "Liikevaihto"],
        ["2026-03-02", "Kevät", "Email", 900, 120, "2 400,00"],
        ["2026-03-09", "Kevät", "Email", 100, 30, "600,00"],
        ["Yhteensä", None, None, 1000, 150, "3 000,00"],
    ]})
    intake = read("tulokset.xlsx", data)
    frame = only_frame(intake)
    assert frame["leads"].tolist() == [120, 30]
    assert frame["revenue"].tolist() == [D("2400.00"), D("600.00")]
    assert rows_skipped(intake) == [(4, None, "Yhteensä", "totals row skipped")]


def test_a_totals_row_in_a_csv_of_text_sums_is_skipped():
    rows = [["Canale", "Gen", "Feb", "Mar"], ["Email", "1.000,00", "2.000,00", "3.000,00"],
            ["Totale:", "1.000,00", "2.000,00", "3.000,00"]]
    intake = read("budget 2026.csv", csv_bytes(rows, ";"))
    assert only_frame(intake)["channel"].tolist() == ["Email"] * 3
    assert rows_skipped(intake) == [(3, None, "Totale:", "totals row skipped")]


def test_a_yhteensa_channel_in_a_data_row_stays_data():
    data = xlsx({"Tulokset": [
        ["Kanava", "Päivämäärä", "Kampanja", "Liidit", "Liikevaihto"],
        ["Yhteensä", "2026-03-02", "Kevät", 12, 240],
        ["Email", "2026-03-02", "Kevät", 3, 60],
    ]})
    intake = read("tulokset.xlsx", data)
    assert only_frame(intake)["channel"].tolist() == ["Yhteensä", "Email"]
    assert rows_skipped(intake) == []


# -- headers -----------------------------------------------------------------------------------
def test_camel_snake_kebab_headers_and_a_currency_unit():
    data = xlsx({"Export": [
        ["InvoiceNo", "VendorID", "channel", "STATUS", "Amount (USD)", "invoice_date",
         "DUE-DATE"],
        ["INV-7", "V-001", "Search", "invoiced", 250, "2026-03-02", "2026-04-01"],
    ]})
    intake = read("export.xlsx", data, known_rates={("USD", T("2026-03-01"))})
    frame = only_frame(intake)
    assert frame[["document_id", "vendor", "channel", "status", "currency"]].values.tolist() \
        == [["INV-7", "V-001", "Search", "invoiced", "USD"]]  # the header's unit: USD
    assert frame["amount_net"].tolist() == [D("250.00")]
    assert frame["due_date"].tolist() == [T("2026-04-01")]


def test_a_currency_column_wins_over_the_headers_unit():
    data = xlsx({"R": [
        ["Date", "Campaign", "Channel", "Leads", "Revenue [USD]", "Currency"],
        ["2026-03-02", "Spring", "Email", 3, 60, "EUR"],
        ["2026-03-02", "Autumn", "Email", 3, 60, None],
    ]})
    frame = only_frame(read("r.xlsx", data, known_rates={("USD", T("2026-03-01"))}))
    assert frame["currency"].tolist() == ["EUR", "USD"]


def test_a_first_data_row_of_three_dates_is_not_the_header_row():
    header = ["Trans No", "Vendor Name", "Medium", "Doc Date", "Due", "Pay Date", "Net"]
    first = ["T-1", "Acme", "Email", date(2026, 3, 2), date(2026, 4, 1), date(2026, 4, 15),
             100.0]
    # the dates read like month headers and "Email" like a header: the row once won
    assert find_header("AP", [["Accounts payable export"], header, first]).index == 1


def test_month_end_dates_under_a_title_still_head_a_wide_budget():
    header = ["Channel", date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    top = [["Media plan"], header, ["Email", 1.0, 2.0, 3.0]]
    assert find_header("Plan", top).index == 1


def test_an_ap_ledger_whose_first_data_row_holds_three_dates_is_read_under_its_header():
    data = xlsx({"AP": [
        ["Accounts payable export"],
        ["Trans No", "Doc Type", "Vendor Name", "Medium", "Stage", "Doc Date", "Due",
         "Pay Date", "Net"],
        ["T-1", "Invoice", "Acme", "Email", "paid", datetime(2026, 3, 2),
         datetime(2026, 4, 1), datetime(2026, 3, 20), 100.0],
    ]})
    profile = Profile("AP", headers={"Trans No": "document_id", "Medium": "channel",
                                     "Doc Date": "invoice_date", "Pay Date": "paid_date"})
    intake = read("ap.xlsx", data, chosen_profiles={(None, None): profile})
    [sheet] = intake.sheets
    assert sheet.table.header_row == 2
    frame = only_frame(intake)
    assert frame[["source_row", "document_id", "vendor", "status"]].values.tolist() == [
        [3, "T-1", "Acme", "paid"]]
    assert frame["paid_date"].tolist() == [T("2026-03-20")]


# -- which kind, and why -----------------------------------------------------------------------
def test_the_report_names_the_kind_and_the_headers_that_decided_it():
    data = xlsx({"Export": [
        ["Invoice No", "Supplier", "Channel", "Status", "Net amount", "Invoice date"],
        ["A-1", "Acme", "Email", "invoiced", 10, "2026-03-02"],
    ]})
    assert notes(read("export.xlsx", data)) == [
        "Sheet 'Export' read as a spend ledger: Invoice No → document_id, "
        "Supplier → vendor, Channel → channel, Status → status, Net amount → amount_net, "
        "Invoice date → invoice_date."]


def test_an_invoice_export_read_as_vendors_says_so_and_what_else_it_could_be():
    data = xlsx({"Export": [
        ["Supplier", "Category", "Invoice No", "Amount", "Invoice Date", "Status"],
        ["Acme", "media", "A-1", 10, "2026-03-02", "paid"],
    ]})
    assert notes(read("export.xlsx", data)) == [
        "Sheet 'Export' read as a vendors sheet: Supplier → vendor, Category → category, "
        "Status → status; could also be a spend ledger, but it has no 'Channel' column."]


def test_two_kinds_that_fit_about_as_well_are_both_named():
    data = xlsx({"Rates": [["Month", "Currency", "Rate", "Channel", "Amount"],
                           ["2026-03", "EUR", 1, "Email", 5]]})
    assert notes(read("rates.xlsx", data)) == [
        "Sheet 'Rates' read as a budget: Month → period, Currency → currency, "
        "Channel → channel, Amount → amount; could also be an FX rates sheet."]


def test_a_kind_the_user_chose_is_named_as_chosen():
    data = xlsx({"Export": [["Supplier", "Category", "Channel"], ["Acme", "media", "Email"]]})
    intake = read("export.xlsx", data, kind_overrides={("export.xlsx", "Export"): "vendors"})
    assert notes(intake) == [
        "Sheet 'Export' read as a vendors sheet, as you chose: Supplier → vendor, "
        "Category → category."]


# -- dates -------------------------------------------------------------------------------------
LEDGER = ["Invoice No", "Supplier", "Channel", "Status", "Net amount", "Invoice date"]


def test_a_us_dated_column_is_read_month_first():
    data = xlsx({"L": [LEDGER,
                       ["A-1", "Acme", "Email", "invoiced", 10, "11/16/2024"],
                       ["A-2", "Acme", "Email", "invoiced", 10, "03/04/2024"]]})
    frame = only_frame(read("l.xlsx", data))
    assert frame["invoice_date"].tolist() == [T("2024-11-16"), T("2024-03-04")]


def test_a_date_that_reads_only_month_first_is_read_so_in_a_day_first_column():
    data = xlsx({"L": [LEDGER,
                       ["A-1", "Acme", "Email", "invoiced", 10, "31/01/2024"],
                       ["A-2", "Acme", "Email", "invoiced", 10, "11/16/2024"]]})
    frame = only_frame(read("l.xlsx", data))
    assert frame["invoice_date"].tolist() == [T("2024-01-31"), T("2024-11-16")]


def test_a_column_of_both_orders_flags_its_ambiguous_dates_naming_both_readings():
    data = xlsx({"L": [LEDGER,
                       ["A-1", "Acme", "Email", "invoiced", 10, "13/02/2026"],
                       ["A-2", "Acme", "Email", "invoiced", 10, "02/13/2026"],
                       ["A-3", "Acme", "Email", "invoiced", 10, "01/02/2026"]]})
    assert problems(read("l.xlsx", data)) == [
        (4, "Invoice date", "01/02/2026",
         "ambiguous date: 2026-02-01 read day first, 2026-01-02 month first "
         "(the column has dates written both ways)")]


# -- one bad cell, one problem -----------------------------------------------------------------
def test_a_bad_month_cell_of_a_wide_budget_is_named_by_its_month_once():
    data = xlsx({"Budget 2026": [["Canale", "Gen", "Feb", "Mar"],
                                 ["Email", 100, "abc", -5]]})
    assert problems(read("b.xlsx", data)) == [
        (2, "Feb", "abc", "not a number"),
        (2, "Mar", "-5.00", "must not be negative")]


def test_a_bad_period_is_reported_once_under_the_users_header():
    data = xlsx({"B": [["Periodo", "Canale", "Importo"], ["xyz", "Email", 5]]})
    assert problems(read("b.xlsx", data)) == [
        (2, "Periodo", "xyz", "not a month, quarter or year")]


def test_an_unknown_status_is_not_blamed_again_through_the_rules_that_read_it():
    data = xlsx({"L": [LEDGER, ["A-1", "Acme", "Email", "what?", -5, "2026-03-02"]]})
    assert problems(read("l.xlsx", data)) == [
        (2, "Status", "what?",
         "unknown status 'what?' (expected quoted, ordered, invoiced, paid or cancelled)")]


def test_a_wide_row_without_its_channel_is_reported_once_not_once_per_month():
    data = xlsx({"Budget 2026": [["Canale", "Gen", "Feb", "Mar"],
                                 ["Email", 1, 2, 3], [None, 1, 2, 3]]})
    assert problems(read("b.xlsx", data)) == [(3, "Canale", None, "is empty but required")]
