"""The intake pipeline on good and bad sheets of every kind and every messy case of SPEC §1."""

import csv
import io
from datetime import datetime
from decimal import Decimal as D

import pandas as pd
import pytest

from loaders.intake import SKIP, Options, UploadedFile, read_upload
from loaders.profiles import Profile
from tests.helpers import SPEND_HEADER, csv_bytes, only_frame, problems, read, xlsx

T = pd.Timestamp


def skipped(intake) -> list[tuple]:
    """The warnings that name a row (blank and totals rows), without the sheet notes."""
    return [p for p in problems(intake, "warning") if p[0] is not None]


# -- spend ledger ----------------------------------------------------------------------------
def test_clean_english_ledger_is_read_exactly():
    # the quote needs a date to be placed in a month
    data = xlsx({"Ledger": [
        [*SPEND_HEADER, "quote_date"],
        ["INV-1", "Acme", "Email", "paid", 1234.56, "EUR", datetime(2026, 3, 1),
         datetime(2026, 3, 31), datetime(2026, 3, 20), None],
        [457, "Acme", "Email", "quoted", 10, None, None, None, None, datetime(2026, 2, 2)],
    ]})
    frame = only_frame(read("ledger.xlsx", data))
    assert frame["document_id"].tolist() == ["INV-1", "457"]  # a typed number keeps no ".0"
    assert frame["amount_net"].tolist() == [D("1234.56"), D("10.00")]
    assert frame["currency"].tolist() == ["EUR", "EUR"]  # the base currency by default
    assert frame["category"].tolist() == ["Unassigned", "Unassigned"]
    assert frame["account"].tolist() == ["Default", "Default"]
    assert frame["has_contract"].tolist() == [False, False]
    assert frame["source_row"].tolist() == [2, 3]
    assert frame["paid_date"].tolist()[0] == T("2026-03-20")


def test_title_block_blank_rows_and_totals_row_are_skipped_and_named():
    data = xlsx({"Spese": [
        ["Registro spese marketing 2026"],
        [],
        ["N. documento", "Fornitore", "Canale", "Stato", "Imponibile", "Data fattura"],
        ["F-1", "Rossi", "Email", "fatturato", "1.234,56", "31/03/2026"],
        [],
        ["F-2", "Rossi", "Email", "fatturato", "10,00", "01/04/2026"],
        ["Totale", None, None, None, "1.244,56", None],
    ]})
    intake = read("spese.xlsx", data)
    frame = only_frame(intake)
    assert frame["amount_net"].tolist() == [D("1234.56"), D("10.00")]
    assert frame["invoice_date"].tolist() == [T("2026-03-31"), T("2026-04-01")]
    assert frame["source_row"].tolist() == [4, 6]
    assert [(row, problem) for row, _, _, problem in skipped(intake)] == [
        (5, "blank row skipped"), (7, "totals row skipped")]


def test_a_google_ads_daily_report_goes_in_as_google_writes_it():
    """The Campaigns view by Day as Google Ads downloads it: the report's name and date range
    above the header, `--` where it has no figure, and three totals rows, each labelled
    "Total: what it adds up" beside `--` and the currency. With the profile a user sets once
    (channel and platform, Conversions left out: Google's are fractional, leads are not)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([
        ["Campaign report"],
        ["September 1, 2026 - September 3, 2026"],
        ["Day", "Campaign", "Campaign ID", "Currency code", "Cost", "Impr.", "Clicks",
         "Conversions"],
        ["2026-09-01", "Spring Roofs & Gutters", "12345678901", "CAD", "12.34", "1,234", "7",
         "1.00"],
        ["2026-09-02", "Spring Roofs & Gutters", "12345678901", "CAD", "1,020.50", "10,500",
         "88", "2.50"],
        ["2026-09-01", "Brand - Search", "22222222222", "CAD", "3.10", "40", "--", "0.00"],
        ["Total: Account", "--", "--", "CAD", "1,035.94", "11,774", "95", "3.50"],
        ["Total: Search", "--", "--", "CAD", "1,035.94", "11,774", "95", "3.50"],
        ["Total: Campaigns", "--", "--", "CAD", "1,035.94", "11,774", "95", "3.50"],
    ])
    data = out.getvalue().encode()
    profile = Profile("Google Ads", "results", {"Conversions": ""},
                      {"channel": "Paid Search", "platform": "Google Ads"})
    intake = read("Campaign report.csv", data, chosen_profiles={(None, None): profile},
                  known_rates={("CAD", T("2026-09-01"))})
    frame = only_frame(intake)
    assert frame["platform_spend"].tolist() == [D("12.34"), D("1020.50"), D("3.10")]
    assert frame["impressions"].tolist() == [1234, 10500, 40]
    assert frame["clicks"].tolist()[:2] == [7, 88] and pd.isna(frame["clicks"].iloc[2])
    assert sum(frame["platform_spend"]) == D("1035.94")  # the report's own total, once
    assert [(row, value, problem) for row, _, value, problem in skipped(intake)] == [
        (7, "Total: Account", "totals row skipped"), (8, "Total: Search", "totals row skipped"),
        (9, "Total: Campaigns", "totals row skipped")]


@pytest.mark.parametrize("label", ["Total", "TOTALE", "Yhteensä", "合计", "總計"])
def test_totals_row_in_every_language(label):
    data = xlsx({"S": [[*SPEND_HEADER[:6], "invoice_date"],
                       ["A", "V", "Email", "invoiced", 5, "EUR", datetime(2026, 1, 1)],
                       [label, None, None, None, 5, None, None]]})
    intake = read("s.xlsx", data)
    assert len(only_frame(intake)) == 1
    assert skipped(intake) == [(3, None, label, "totals row skipped")]


def test_finnish_ledger_with_space_thousands_and_dotted_dates():
    data = xlsx({"Kulut": [
        ["Laskun numero", "Toimittaja", "Kanava", "Tila", "Summa (veroton)", "Valuutta",
         "Laskun päivämäärä", "Eräpäivä", "Maksupäivä", "Sopimus"],
        ["0042", "Oy Ab", "Display", "maksettu", "1 234,50", "EUR", "31.01.2026",
         "28.02.2026", "15.02.2026", "kyllä"],
    ]})
    frame = only_frame(read("kulut.xlsx", data))
    assert frame.loc[0, "document_id"] == "0042"  # leading zeros kept
    assert frame.loc[0, "status"] == "paid"
    assert frame.loc[0, "amount_net"] == D("1234.50")
    assert frame.loc[0, "due_date"] == T("2026-02-28")
    assert bool(frame.loc[0, "has_contract"]) is True


@pytest.mark.parametrize("headers,status", [
    (["发票号", "供应商", "渠道", "状态", "金额", "发票日期", "付款日期"], "已付款"),
    (["發票號碼", "供應商", "渠道", "狀態", "金額", "發票日期", "付款日期"], "已付款"),
])
def test_chinese_ledger_simplified_and_traditional(headers, status):
    data = xlsx({"台账": [headers, ["FP-9", "上海广告", "Paid Social", status, "¥1,200.00",
                                    "2026年3月5日", "2026年3月20日"]]})
    frame = only_frame(read("zh.xlsx", data, known_rates={("CNY", T("2026-03-01"))}))
    assert frame.loc[0, "status"] == "paid"
    assert frame.loc[0, "amount_net"] == D("1200.00")
    assert frame.loc[0, "currency"] == "CNY"  # from the ¥ in the amount
    assert frame.loc[0, "invoice_date"] == T("2026-03-05")


def test_bad_ledger_cells_are_reported_by_row_column_and_value():
    data = xlsx({"Ledger": [
        ["Title"],
        ["Invoice number", "Supplier", "Channel", "Status", "Net amount", "Invoice date",
         "Due date", "Paid date"],
        ["A1", "V", "Email", "paid", "abc", "2026-01-10", "2026-02-10", None],
        ["A2", "V", "Email", "quoted", -5, "2026-01-10", None, None],
        ["A3", "V", "Email", "invoiced", 7, "2026-01-10", "2026-01-01", None],
        ["A3", "V", "Email", "what?", 7, "2026-01-10", None, None],
    ]})
    intake = read("bad.xlsx", data)
    assert intake.stored_sheets == []
    # every problem at once: cells that do not parse and the rules of SPEC §2.2
    assert problems(intake) == [
        (3, "Net amount", "abc", "not a number"),
        (3, "Paid date", None, "paid rows need a paid date"),
        (4, "Net amount", "-5.00",
         "a negative amount (credit note) is only allowed on invoiced or paid rows"),
        (5, "Due date", "2026-01-01", "due date is before the invoice date"),
        (5, "Invoice number", "A3", "vendor 'V', document 'A3' appears twice in this upload "
         "(rows 5 and 6); the key must be unique"),
        (6, "Status", "what?",
         "unknown status 'what?' (expected quoted, ordered, invoiced, paid or cancelled)"),
        (6, "Invoice number", "A3", "vendor 'V', document 'A3' appears twice in this upload "
         "(rows 5 and 6); the key must be unique"),
    ]


def test_credit_note_is_allowed_on_invoiced_rows():
    data = xlsx({"L": [[*SPEND_HEADER[:5], "invoice_date"],
                       ["CN-1", "V", "Email", "invoiced", "-250,00", "2026-05-02"]]})
    assert only_frame(read("l.xlsx", data))["amount_net"].tolist() == [D("-250.00")]


def test_missing_required_column_names_it_and_the_headers_found():
    data = xlsx({"L": [["document_id", "vendor", "status", "amount_net"],
                       ["A", "V", "paid", 1]]})
    [(row, column, _, problem)] = problems(read("l.xlsx", data))
    assert (row, column) == (1, "Channel")
    assert "required column 'Channel' is missing" in problem
    assert "document_id, vendor, status, amount_net" in problem


def test_required_cell_left_empty():
    data = xlsx({"L": [[*SPEND_HEADER[:5], "invoice_date"],
                       ["A", None, "Email", "invoiced", 1, "2026-01-01"]]})
    assert problems(read("l.xlsx", data)) == [(2, "vendor", None, "is empty but required")]


def test_foreign_money_needs_a_rate_for_its_month():
    header = [*SPEND_HEADER[:6], "invoice_date"]
    data = xlsx({"L": [header, ["A", "V", "Email", "invoiced", 100, "USD", "2026-03-15"]]})
    [(row, column, value, problem)] = problems(read("l.xlsx", data))
    assert (row, column, value) == (2, "currency", "USD")
    assert problem.startswith("no USD rate for 2026-03")
    with_rates = xlsx({
        "L": [header, ["A", "V", "Email", "invoiced", 100, "USD", "2026-03-15"]],
        "FX": [["currency", "month", "rate"], ["USD", "2026-03", 0.92]],
    })
    intake = read("l.xlsx", with_rates)
    assert not intake.has_errors
    assert {s.kind for s in intake.stored_sheets} == {"spend", "fx_rates"}


# -- CSV -------------------------------------------------------------------------------------
ROWS = [["Numero fattura", "Fornitore", "Canale", "Stato", "Importo netto", "Data fattura"],
        ["F-1", "Caffè Società", "Email", "pagato", "€ 1.200,00", "31/03/2026"]]


@pytest.mark.parametrize("encoding,delimiter", [
    ("utf-8", ";"), ("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8", ","),
])
def test_csv_encodings_and_delimiters_are_detected(encoding, delimiter):
    rows = [r[:] for r in ROWS]
    rows[1][3] = "fatturato"
    if delimiter == ",":
        rows[1][4] = '"€ 1.200,00"'
    frame = only_frame(read("fatture.csv", csv_bytes(rows, delimiter, encoding)))
    assert frame.loc[0, "vendor"] == "Caffè Società"
    assert frame.loc[0, "amount_net"] == D("1200.00")


def test_gbk_csv_with_chinese_headers():
    rows = [["发票号", "供应商", "渠道", "状态", "金额", "发票日期"],
            ["FP-1", "北京创意", "Display", "已开票", '"1,234.50"', "2026-02-01"]]
    frame = only_frame(read("zh.csv", csv_bytes(rows, ",", "gbk")))
    assert frame.loc[0, "vendor"] == "北京创意"
    assert frame.loc[0, "amount_net"] == D("1234.50")


# -- budget ----------------------------------------------------------------------------------
def test_quarter_is_spread_with_the_cents_left_over_in_its_last_month():
    data = xlsx({"Budget": [["period", "channel", "amount"],
                            ["2026-Q2", "Email", "10000.01"],
                            ["2026", "PR", 1200]]})
    frame = only_frame(read("b.xlsx", data))
    email = frame[frame["channel"] == "Email"]
    # 10,000.01 / 3 = 3,333.33 rounded down; the last month takes 3,333.35
    assert email["month"].tolist() == [T("2026-04-01"), T("2026-05-01"), T("2026-06-01")]
    assert email["amount"].tolist() == [D("3333.33"), D("3333.33"), D("3333.35")]
    pr = frame[frame["channel"] == "PR"]
    assert len(pr) == 12 and set(pr["amount"]) == {D("100.00")}
    assert frame["version"].unique().tolist() == ["budget"]


@pytest.mark.parametrize("months,title,sheet", [
    (["Jan", "Feb", "Mar"], "Media plan 2026", "Plan"),
    (["Gen", "Feb", "Mar"], "Piano media", "Budget 2026"),
    (["Tammi", "Helmi", "Maalis"], "Mediasuunnitelma 2026", "Budjetti"),
    (["1月", "2月", "3月"], "2026年预算", "预算"),
])
def test_wide_budget_in_every_language(months, title, sheet):
    data = xlsx({sheet: [[title], [], ["Channel", *months], ["Email", 100, "1.000,50", None],
                         ["PR", 1, 2, 3]]})
    frame = only_frame(read("wide.xlsx", data))
    email = frame[frame["channel"] == "Email"]
    assert email["month"].tolist() == [T("2026-01-01"), T("2026-02-01")]
    assert email["amount"].tolist() == [D("100.00"), D("1000.50")]
    assert len(frame) == 5


def test_wide_budget_with_real_date_headers():
    data = xlsx({"B": [["channel", datetime(2027, 1, 1), datetime(2027, 2, 1),
                        datetime(2027, 3, 1)], ["Email", 1, 2, 3]]})
    frame = only_frame(read("wide.xlsx", data))
    assert frame["month"].tolist() == [T("2027-01-01"), T("2027-02-01"), T("2027-03-01")]


def test_wide_budget_without_a_year_asks_for_one():
    data = xlsx({"B": [["channel", "Jan", "Feb", "Mar"], ["Email", 1, 2, 3]]})
    [(_, column, _, problem)] = problems(read("wide.xlsx", data))
    assert column == "month columns"
    assert "name no year" in problem
    frame = only_frame(read("wide.xlsx", data, year=2025))
    assert frame["month"].min() == T("2025-01-01")


def test_negative_budget_amount_is_an_error():
    data = xlsx({"B": [["period", "channel", "amount"], ["2026-01", "Email", -1]]})
    assert problems(read("b.xlsx", data)) == [(2, "amount", "-1.00", "must not be negative")]


# -- results, vendors, fx ----------------------------------------------------------------------
def test_results_in_finnish_tell_customers_from_client():
    data = xlsx({"Tulokset": [
        ["Päivämäärä", "Kampanja", "Kanava", "Asiakas", "Liidit", "Asiakkaat", "Liikevaihto"],
        ["2026-03-02", "Kevät", "Email", "Aurora", 120, 4, "2 400,00"],
    ]})
    frame = only_frame(read("tulokset.xlsx", data))
    assert frame.loc[0, "account"] == "Aurora"
    assert frame.loc[0, "customers"] == 4
    assert frame.loc[0, "leads"] == 120
    assert frame.loc[0, "revenue"] == D("2400.00")


def test_results_rows_of_one_key_are_added_together_with_a_note():
    # an export broken down by age: rows 2, 3 and 5 share date, campaign, channel, platform
    data = xlsx({"R": [
        ["date", "campaign", "channel", "platform", "leads", "revenue", "clicks"],
        ["2026-03-02", "Spring", "Email", "Mailchimp", 1, 10, None],
        ["2026-03-02", "Spring", "Email", "Mailchimp", 2, None, None],
        ["2026-03-03", "Spring", "Email", "Mailchimp", 4, 40, None],
        ["2026-03-02", "Spring", "Email", "Mailchimp", 3, "0.5", None],
    ]})
    intake = read("r.xlsx", data)
    frame = only_frame(intake)
    # leads 1 + 2 + 3 = 6; revenue 10 + (empty) + 0.5 = 10.5; clicks empty in every row
    assert frame[["source_row", "leads", "revenue", "clicks"]].astype(object).where(
        frame[["source_row", "leads", "revenue", "clicks"]].notna(), None
    ).values.tolist() == [[2, 6, D("10.5"), None], [4, 4, D("40"), None]]
    assert problems(intake, "warning") == [(None, None, None,
        "Sheet 'R' read as a campaign results sheet: date → date, campaign → campaign, "
        "channel → channel, platform → platform, leads → leads, revenue → revenue, "
        "clicks → clicks."), (None, None, None,
        "3 rows with the same date, campaign, channel and platform added together into 1 row "
        "(an export broken down by ad, age or country)")]


def test_results_of_one_key_in_two_currencies_cannot_be_added():
    data = xlsx({"R": [["date", "campaign", "channel", "revenue", "currency"],
                       ["2026-03-02", "Spring", "Email", 10, "EUR"],
                       ["2026-03-02", "Spring", "Email", 10, "USD"]]})
    assert problems(read("r.xlsx", data)) == [(2, "currency", "EUR, USD",
        "rows with the same date, campaign, channel and platform have different currency "
        "values (EUR, USD): they cannot be added together")]


def test_results_without_revenue_or_leads_keep_them_empty():
    data = xlsx({"Ads": [["Day", "Campaign", "Channel", "Cost", "Impressions"],
                         ["2026-03-02", "Spring", "Paid Social", "1.429999948", 1000]]})
    frame = only_frame(read("ads.xlsx", data))
    assert frame[["leads", "revenue"]].isna().values.tolist() == [[True, True]]
    assert frame["platform_spend"].tolist() == [D("1.430000")]


def test_a_results_row_needs_a_figure():
    data = xlsx({"R": [["date", "campaign", "channel", "leads", "clicks"],
                       ["2026-03-02", "Spring", "Email", None, None],
                       ["2026-03-03", "Spring", "Email", 0, None]]})
    assert problems(read("r.xlsx", data)) == [(2, "leads", None,
        "the row has none of platform spend, impressions, clicks, leads or revenue")]


def test_vendor_rating_status_and_duplicates():
    data = xlsx({"Fornitori": [
        ["Fornitore", "Categoria", "Valutazione", "Stato"],
        ["Rossi", "agency", 6, "attivo"],
        ["Bianchi", "print", 3, "sospeso"],
        ["Rossi", "print", 2, "active"],
    ]})
    found = problems(read("f.xlsx", data))
    assert (2, "Valutazione", "6", "rating must be a whole number from 1 to 5") in found
    assert (3, "Stato", "sospeso", "status must be active or blocked") in found
    assert [f[0] for f in found if "twice" in f[3]] == [2, 4]


def test_fx_rates_sheet():
    data = xlsx({"FX": [["Valuta", "Mese", "Tasso di cambio"], ["USD", "marzo 2026", "0,921234"]]})
    frame = only_frame(read("fx.xlsx", data))
    assert frame.loc[0, "month"] == T("2026-03-01")
    assert frame.loc[0, "rate"] == D("0.921234")


# -- workbooks and files ---------------------------------------------------------------------
def test_several_sheets_and_an_unknown_one():
    data = xlsx({
        "Notes": [["Note", "Author"], ["check Q2", "Anna"]],
        "Budget": [["period", "channel", "amount"], ["2026-01", "Email", 5]],
        "FX": [["currency", "month", "rate"], ["USD", "2026-01", 0.9]],
    })
    intake = read("book.xlsx", data)
    assert {s.kind for s in intake.stored_sheets} == {"budget", "fx_rates"}
    notes = [note for _, _, _, note in problems(intake, "warning")]
    assert notes == [
        "Sheet 'Budget' read as a budget: period → period, channel → channel, "
        "amount → amount.",
        "Sheet 'FX' read as an FX rates sheet: currency → currency, month → month, "
        "rate → rate.",
        "Sheet 'Notes' is not a sheet Spendline knows (headers: Note, Author); skipped. "
        "If it is one, pick its kind by hand (the Upload page; on the command line --kind "
        "KIND or --profile NAME|FILE).",
    ]


def test_the_user_can_pick_a_kind_or_leave_a_sheet_out():
    data = xlsx({"FX": [["currency", "month", "rate"], ["USD", "2026-01", 0.9]]})
    intake = read_upload([UploadedFile("b.xlsx", data)],
                         Options(kind_overrides={("b.xlsx", "FX"): SKIP}))
    assert intake.stored_sheets == []
    assert problems(intake, "warning")[0][3] == "Sheet 'FX' left out by you."


def test_a_profiles_header_mapping_is_used():
    data = xlsx({"L": [["document_id", "vendor", "channel", "status", "Costo lordo",
                        "invoice_date"], ["A", "V", "Email", "invoiced", 3, "2026-01-01"]]})
    assert problems(read("l.xlsx", data))[0][1] == "Amount (net)"
    mapped = read("l.xlsx", data, chosen_profiles={
        (None, None): Profile("L", headers={"Costo lordo": "amount_net"})})
    assert only_frame(mapped)["amount_net"].tolist() == [D("3.00")]


@pytest.mark.parametrize("name,data,message", [
    ("notes.xlsx", b"this is not a workbook", "is not a real .xlsx workbook"),
    ("report.pdf", b"%PDF-1.4", "is not a file Spendline reads"),
    ("empty.csv", b"", "is empty"),
    ("broken.xlsx", b"PK\x03\x04garbage", "is damaged"),
])
def test_files_that_are_not_spreadsheets_are_refused_plainly(name, data, message):
    [(_, _, _, problem)] = problems(read(name, data))
    assert message in problem


def test_a_workbook_with_no_known_sheet_is_refused():
    data = xlsx({"Notes": [["Note"], ["hello"]]})
    found = problems(read("notes.xlsx", data))
    assert found[0][3].startswith("notes.xlsx has no sheet Spendline recognises")


def test_an_empty_workbook_is_refused():
    found = problems(read("empty.xlsx", xlsx({"Sheet1": []})))
    assert found[0][3] == "empty.xlsx holds no data (the workbook is empty)."


def test_multi_file_upload_names_the_file_of_each_problem():
    good = xlsx({"FX": [["currency", "month", "rate"], ["USD", "2026-01", 0.9]]})
    bad = xlsx({"FX": [["currency", "month", "rate"], ["USD", "2026-01", "x"]]})
    intake = read_upload([UploadedFile("good.xlsx", good), UploadedFile("bad.xlsx", bad)])
    table = intake.problem_table()
    assert table[table["level"] == "error"]["file"].tolist() == ["bad.xlsx"]


def test_a_data_row_that_merely_holds_a_total_word_is_data():
    # found by the property test: a channel called "yhteensa" is not a totals row
    data = xlsx({"L": [[*SPEND_HEADER[:5], "invoice_date"],
                       ["A", "V", "Yhteensä", "invoiced", 5, "2026-01-01"],
                       ["Total Brand Push", "V", "Email", "invoiced", 6, "2026-01-02"],
                       ["Totale", None, None, None, 11, None]]})
    intake = read("l.xlsx", data)
    assert only_frame(intake)["channel"].tolist() == ["Yhteensä", "Email"]
    assert skipped(intake) == [(4, None, "Totale", "totals row skipped")]


# -- payments as they happen (SPEC §2.2) -------------------------------------------------------
PAY_HEADER = ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date",
              "paid_date"]


def test_a_prepayment_is_stored_with_a_warning_that_names_the_row():
    data = xlsx({"L": [PAY_HEADER,
                       ["P-1", "V", "Email", "paid", 100, "2026-03-10", "2026-03-01"]]})
    intake = read("l.xlsx", data)
    assert only_frame(intake)["paid_date"].tolist() == [T("2026-03-01")]
    assert skipped(intake) == [
        (2, "paid_date", "2026-03-01",
         "paid date is before the invoice date: stored as a prepayment")]


def test_a_paid_row_without_an_invoice_date_takes_its_paid_date():
    data = xlsx({"Payments": [PAY_HEADER,
                              ["P-2", "V", "Email", "paid", 100, None, "2026-03-05"]]})
    intake = read("p.xlsx", data)
    assert only_frame(intake)["invoice_date"].tolist() == [T("2026-03-05")]
    assert skipped(intake) == [
        (2, "invoice_date", None,
         "a paid row without an invoice date: its paid date is taken as the invoice date")]


@pytest.mark.parametrize("header", ["Paid amount", "Importo pagato", "Maksettu summa",
                                    "已付金额", "Paid"])
def test_paid_amount_is_read_under_its_aliases(header):
    data = xlsx({"L": [[*PAY_HEADER[:6], header],
                       ["I-1", "V", "Email", "invoiced", 100, "2026-03-10", "40.5"]]})
    assert only_frame(read("l.xlsx", data))["paid_amount"].tolist() == [D("40.5")]


def test_a_paid_amount_beyond_the_amount_or_on_an_order_is_an_error():
    data = xlsx({"L": [[*PAY_HEADER[:6], "order_date", "paid_amount"],
                       ["I-1", "V", "Email", "invoiced", 100, "2026-03-10", None, 120],
                       ["C-1", "V", "Email", "invoiced", -50, "2026-03-10", None, 10],
                       ["O-1", "V", "Email", "ordered", 100, None, "2026-03-01", 10]]})
    assert problems(read("l.xlsx", data)) == [
        (2, "paid_amount", "120.00",
         "the paid amount must have the sign of the amount and not be larger than it"),
        (3, "paid_amount", "10.00",
         "the paid amount must have the sign of the amount and not be larger than it"),
        (4, "paid_amount", "10.00",
         "a paid amount is only for invoiced or paid rows (partly or wholly paid)"),
    ]
