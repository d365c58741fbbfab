"""A small corpus of real-shaped exports for the intake tests (SPEC §1, §1.1, §2).

    python tests/corpus/make_corpus.py OUT_DIR      # or: write_corpus(folder) -> {name: path}

Deterministic: every value is written out below (no randomness, nothing downloaded, no
third-party file); CSV files come out byte for byte the same, workbooks with the same cell
values (and fixed document properties; the zip's own timestamps are openpyxl's). Each
writer's docstring says the file's layout and the figures an import should give; the same
figures, worked by hand, are constants in tests/corpus/expected.py.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl

# Fixed document properties: openpyxl would otherwise stamp the time of writing.
PROPERTIES_TIME = datetime(2026, 1, 1, 9, 0, 0)
MONTHS_IT = ("Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic")


def _csv(rows: list[list], delimiter: str = ",", lineterminator: str = "\r\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=lineterminator).writerows(rows)
    return out.getvalue()


def _save(book: openpyxl.Workbook, path: Path) -> None:
    book.properties.creator = "Spendline corpus"
    book.properties.created = book.properties.modified = PROPERTIES_TIME
    book.save(path)


# -- 1 ------------------------------------------------------------------------------------------
GOOGLE_ADS_ROWS = [
    # Day, Campaign, Ad group, Ad, Currency code, Cost, Impr., Clicks, Conversions, Conv. value
    ["2024-11-11", "Brand - IT", "Brand exact", "Brand RSA 1", "EUR", "1.429999948", "120", "14",
     "1.00", "45.00"],
    ["2024-11-11", "Brand - IT", "Brand exact", "Brand RSA 2", "EUR", "2.150000031", "95", "9",
     "0.00", "0.00"],
    ["2024-11-11", "Generic - Running shoes", "Shoes broad", "Shoes RSA A", "EUR",
     "10.489999948", "1,840", "52", "2.00", "179.80"],
    ["2024-11-11", "Generic - Running shoes", "Shoes broad", "Shoes RSA B", "EUR", "7.260000031",
     "960", "31", "1.00", "44.95"],
    ["2024-11-12", "Brand - IT", "Brand exact", "Brand RSA 1", "EUR", "1.869999948", "130", "16",
     "1.00", "45.00"],
    ["2024-11-12", "Brand - IT", "Brand exact", "Brand RSA 2", "EUR", "2.040000031", "88", "7",
     "1.00", "52.50"],
    ["2024-11-12", "Generic - Running shoes", "Shoes broad", "Shoes RSA A", "EUR",
     "12.309999948", "2,010", "61", "3.00", "269.70"],
    ["2024-11-12", "Generic - Running shoes", "Shoes broad", "Shoes RSA B", "EUR", "6.580000031",
     "870", "27", "0.00", "0.00"],
    ["2024-11-13", "Brand - IT", "Brand exact", "Brand RSA 1", "EUR", "1.619999948", "110", "12",
     "0.00", "0.00"],
    ["2024-11-13", "Brand - IT", "Brand exact", "Brand RSA 2", "EUR", "2.390000031", "101", "11",
     "2.00", "97.50"],
    ["2024-11-13", "Generic - Running shoes", "Shoes broad", "Shoes RSA A", "EUR", "9.949999948",
     "1,725", "49", "1.00", "134.85"],
    ["2024-11-13", "Generic - Running shoes", "Shoes broad", "Shoes RSA B", "EUR", "8.120000031",
     "1,015", "35", "1.00", "89.90"],
]


def google_ads_by_ad(path: Path) -> None:
    """Google Ads "Ad report" downloaded as CSV (UTF-8, comma, CRLF).

    Row 1 the report's name (`Ad report`), row 2 its date range (`November 11, 2024 -
    November 13, 2024`), row 3 the header: `Day, Campaign, Ad group, Ad, Currency code, Cost,
    Impr., Clicks, Conversions, Conv. value`. Then 12 rows, one per day (11-13 Nov 2024,
    ISO dates), campaign (`Brand - IT`, `Generic - Running shoes`) and ad (two per
    campaign): so two rows share each (day, campaign) key and are added together on import.
    Cost carries Google's float noise: an ad's cost is either `x.xx9999948` (its cents less
    0.000000052) or `x.xx0000031` (its cents plus 0.000000031). Impressions of 1,000 or more
    are written with a thousands comma, quoted (`"1,840"`). No channel, no platform column
    (the profile sets them). The last row is `Total` followed by empty text cells and the
    sums of Cost, Impr., Clicks, Conversions, Conv. value (the totals row to skip).

    Expected (tests/corpus/expected.py GOOGLE_ADS): 12 data rows, 6 keys; cost exactly
    66.209999874 in the file, 66.21 to the cent (each key to the cent: its two ads' cents);
    9,064 impressions, 324 clicks, 13 conversions, 959.20 conversion value.
    """
    header = ["Day", "Campaign", "Ad group", "Ad", "Currency code", "Cost", "Impr.", "Clicks",
              "Conversions", "Conv. value"]
    total = ["Total", "", "", "", "", "66.209999874", "9,064", "324", "13.00", "959.20"]
    text = ("Ad report\r\nNovember 11, 2024 - November 13, 2024\r\n"
            + _csv([header, *GOOGLE_ADS_ROWS, total]))
    path.write_bytes(text.encode("utf-8"))


# -- 2 ------------------------------------------------------------------------------------------
META_DAYS = ["11/10/2024", "11/11/2024", "11/12/2024", "11/13/2024", "11/14/2024", "11/15/2024",
             "11/16/2024"]
META_CAMPAIGNS = {
    # campaign: (Amount spent (USD), Impressions, Link clicks, Results) per day, in day order
    "Black Friday - Prospecting": (
        ["48.20", "51.75", "49.90", "55.10", "60.35", "72.80", "80.15"],
        [5200, 5480, 5310, 5900, 6420, 7750, 8600],
        [61, 66, 58, 72, 80, 97, 110],
        [2, 3, 2, 3, 4, 6, 7]),
    "Retargeting - Cart": (
        ["12.40", "13.05", "11.90", "14.60", "15.25", "18.70", "21.35"],
        [1450, 1520, 1390, 1700, 1780, 2150, 2480],
        [33, 35, 30, 38, 41, 50, 57],
        [3, 3, 2, 4, 4, 6, 8]),
}


def meta_us_dates(path: Path) -> None:
    """Meta Ads Manager export (CSV, UTF-8 with a byte-order mark, comma, CRLF).

    Header on row 1: `Reporting starts, Campaign name, Amount spent (USD), Impressions,
    Link clicks, Results`. 14 rows: 7 days (10-16 November 2024) x 2 campaigns, by day then
    campaign. Dates are US month/day/year: 11/10, 11/11 and 11/12/2024 could be read either
    way, 11/13 to 11/16/2024 only month first, so the column reads month first (SPEC §1):
    11/10/2024 is 10 November. Amounts in USD (the unit in the header), two decimals. No
    channel, no platform, no revenue (empty, not 0), no totals row.

    Expected (META): 14 rows; spend 525.50 USD (Prospecting 418.25, Retargeting 107.25);
    57,130 impressions, 828 link clicks, 57 results; dates 2024-11-10..2024-11-16.
    """
    rows = [["Reporting starts", "Campaign name", "Amount spent (USD)", "Impressions",
             "Link clicks", "Results"]]
    for i, day in enumerate(META_DAYS):
        for campaign, (spent, impressions, clicks, results) in META_CAMPAIGNS.items():
            rows.append([day, campaign, spent[i], impressions[i], clicks[i], results[i]])
    path.write_bytes(_csv(rows).encode("utf-8-sig"))


# -- 3 ------------------------------------------------------------------------------------------
AP_LEDGER_ROWS = [
    # InvoiceNo, VendorID, VendorName, InvoiceDate, DueDate, Amount (EUR), PaidAmount,
    # PaymentDate, Status
    ["INV-24117", 10023, "Studio Nord Srl", date(2026, 1, 8), date(2026, 2, 7), 1830.00,
     1830.00, date(2026, 2, 5), "Paid"],
    ["INV-24118", 10023, "Studio Nord Srl", date(2026, 1, 22), date(2026, 2, 21), 2450.50,
     2450.50, date(2026, 3, 4), "Paid Late"],
    ["00451", 10041, "Tipografia Rossi", date(2026, 1, 15), date(2026, 2, 14), 615.00, 615.00,
     date(2026, 2, 10), "Paid"],
    ["00467", 10041, "Tipografia Rossi", date(2026, 2, 12), date(2026, 3, 14), 980.40, 400.00,
     None, "Partially Paid"],
    ["MB-2026-07", 10057, "MediaBuy Italia SpA", date(2026, 2, 1), date(2026, 3, 3), 12000.00,
     12000.00, date(2026, 3, 2), "Paid"],
    ["MB-2026-11", 10057, "MediaBuy Italia SpA", date(2026, 3, 1), date(2026, 3, 31), 9500.00,
     5000.00, None, "Partially Paid"],
    ["MB-2026-15", 10057, "MediaBuy Italia SpA", date(2026, 4, 1), date(2026, 5, 1), 8750.00,
     0.00, None, "Open"],
    ["EV-118", 10062, "Eventi & Co", date(2026, 2, 20), date(2026, 3, 22), 4200.00, 4200.00,
     date(2026, 4, 15), "Paid Late"],
    ["EV-131", 10062, "Eventi & Co", date(2026, 3, 18), date(2026, 4, 17), 3125.75, 0.00, None,
     "Open"],
    ["F-9901", 10078, "Foto Bianchi", date(2026, 3, 5), date(2026, 4, 4), 540.00, 540.00,
     date(2026, 4, 1), "Paid"],
    ["F-9917", 10078, "Foto Bianchi", date(2026, 3, 26), date(2026, 4, 25), 760.25, 300.25,
     None, "Partially Paid"],
    ["INV-24160", 10023, "Studio Nord Srl", date(2026, 4, 2), date(2026, 5, 2), 1299.90, 0.00,
     None, "Open"],
]


def ap_ledger_camelcase(path: Path) -> None:
    """Accounts-payable ledger from an ERP (one sheet, `AP Ledger`).

    Header on row 1 in CamelCase: `InvoiceNo, VendorID, VendorName, InvoiceDate, DueDate,
    Amount (EUR), PaidAmount, PaymentDate, Status`; 12 invoices below, no title, no totals.
    The first data row holds three dates (invoice, due, payment): the header is row 1, not
    row 2. InvoiceNo is text (`00451` keeps its zeros); VendorID a number (10023). Dates are
    Excel dates. Status words: `Open` (nothing paid), `Paid`, `Paid Late` (paid after the
    due date) and `Partially Paid` (PaidAmount below Amount, no PaymentDate yet); PaidAmount
    is 0.00 on open invoices. No channel (the profile sets one), no currency column (EUR
    from the header).

    Expected (AP_LEDGER): 12 rows, 5 vendors; Amount 46,051.80 (Paid 14,985.00, Paid Late
    6,650.50, Partially Paid 11,240.65, Open 13,175.65); PaidAmount 27,335.75, which is SPEC
    §4's `paid` once Paid and Paid Late map to paid and Open and Partially Paid to invoiced;
    still to pay 18,716.05.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "AP Ledger"
    sheet.append(["InvoiceNo", "VendorID", "VendorName", "InvoiceDate", "DueDate",
                  "Amount (EUR)", "PaidAmount", "PaymentDate", "Status"])
    for row in AP_LEDGER_ROWS:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    _save(book, path)


# -- 4 ------------------------------------------------------------------------------------------
PAYMENTS_ROWS = [
    # Data pagamento, Fornitore, N. fattura, Importo
    ["05/01/2026", "Studio Nord Srl", "INV-24090", "1.830,00"],
    ["15/01/2026", "Tipografia Rossi", "00433", "615,00"],
    ["30/01/2026", "MediaBuy Italia SpA", "MB-2026-02", "12.000,00"],
    ["02/02/2026", "Caffè Creativo Srl", "CC/2026/004", "2.347,80"],
    ["13/02/2026", "Foto Bianchi", "F-9870", "540,00"],
    ["27/02/2026", "Eventi & Co", "EV-102", "4.200,00"],
    ["10/03/2026", "Studio Nord Srl", "INV-24101", "1.299,90"],
    ["31/03/2026", "MediaBuy Italia SpA", "MB-2026-06", "9.500,00"],
    ["31/03/2026", "Caffè Creativo Srl", "CC/2026/009", "785,15"],
    ["08/04/2026", "Tipografia Rossi", "00440", "1.024,37"],
]


def payments_export(path: Path) -> None:
    """Payments made, exported from an Italian bank or ERP as "CSV (separato da ;)" by
    Italian Excel: Windows-1252 (`Caffè` is one byte 0xE8), semicolons, CRLF.

    Header on row 1: `Data pagamento;Fornitore;N. fattura;Importo`; 10 payments below. Dates
    day first (`31/03/2026`; 05/01/2026 is 5 January, as the unambiguous dates of the column
    show); amounts Italian text (`12.000,00`, `615,00`). No status (all paid: the profile's
    constant), no invoice date (it takes the payment date, with a warning), no channel, no
    totals row. `00433` and `00440` keep their zeros.

    Expected (PAYMENTS): 10 rows; 34,142.22 paid (January 14,445.00, February 7,087.80,
    March 11,585.05, April 1,024.37).
    """
    header = ["Data pagamento", "Fornitore", "N. fattura", "Importo"]
    path.write_bytes(_csv([header, *PAYMENTS_ROWS], delimiter=";").encode("cp1252"))


# -- 5 ------------------------------------------------------------------------------------------
MMM_WEEKS = [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26),
             date(2026, 2, 2), date(2026, 2, 9), date(2026, 2, 16), date(2026, 2, 23)]
MMM_COLUMNS = {
    "tv_S": [22000, 0, 18500, 0, 25000, 12500, 0, 30000],
    "search_S": [4120.50, 3980.25, 4410.00, 4275.75, 4630.40, 4502.10, 4388.60, 4910.90],
    "social_S": [2500, 2750, 3100, 2900, 3300, 3650, 3200, 3800],
    "ooh_S": [0, 0, 8000, 8000, 8000, 0, 0, 12000],
    "competitor_sales_B": [8120400, 7985100, 8240900, 8011750, 8432600, 8301200, 8190450,
                           8655300],
    "revenue": [185000.00, 171250.50, 198400.00, 176900.25, 210300.75, 192100.00, 181450.50,
                225600.00],
}


def weekly_mmm(path: Path) -> None:
    """Weekly marketing-mix input (the layout of Robyn's simulated weekly data), one sheet
    `data`.

    Header on row 1: `date, tv_S, search_S, social_S, ooh_S, competitor_sales_B, revenue`;
    8 weeks below, `date` the Monday starting the week (5 January to 23 February 2026, Excel
    dates). `*_S` is the week's spend per channel (wide by channel: a profile maps `tv_S` to
    `platform_spend@TV` and so on; 0 where a channel was dark); `revenue` is the whole
    week's, not a channel's; `competitor_sales_B` is to be ignored. No totals row.

    Expected (MMM): 8 weeks; spend TV 108,000.00, Search 35,218.50, Social 25,200.00, OOH
    36,000.00 (all 204,418.50); January (4 weeks) 40,500.00 / 16,786.50 / 11,250.00 /
    16,000.00, February 67,500.00 / 18,432.00 / 13,950.00 / 20,000.00; revenue 1,541,002.00
    (January 731,550.75, February 809,451.25).
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    names = ["tv_S", "search_S", "social_S", "ooh_S", "competitor_sales_B", "revenue"]
    sheet.append(["date", *names])
    for i, week in enumerate(MMM_WEEKS):
        sheet.append([week, *(MMM_COLUMNS[name][i] for name in names)])
        sheet.cell(row=i + 2, column=1).number_format = "yyyy-mm-dd"
    _save(book, path)


# -- 6 ------------------------------------------------------------------------------------------
def _every_month(value) -> list:
    return [value] * 12


BUDGET_LINES = [
    # Canale, Voce di costo, Gen..Dic (None: empty cell; text: typed as Italian text)
    ["Paid Search", "Media", *_every_month(5000.00)],
    ["Paid Social", "Media", *[3500.00] * 10, 6000.00, 6000.00],
    ["Eventi", "Allestimento", None, None, 12500.00, None, None, None, None, None, "18.750,50",
     None, None, None],
    ["Eventi", "Catering", None, None, 2345.60, None, None, None, None, None, 3120.40, None,
     None, None],
    ["Content", "Produzione", *_every_month("1.234,56")],
    ["PR", "Agenzia", *[2000.00] * 6, *[2500.00] * 6],
    ["Email", "Software", *_every_month("450,00")],
]
BUDGET_TOTALS = [12184.56, 12184.56, 27030.16, 12184.56, 12184.56, 12184.56, 12684.56,
                 12684.56, 34555.46, 12684.56, 15184.56, 15184.56]


def budget_wide_it(path: Path) -> None:
    """Wide Italian marketing budget, one sheet `Budget 2026`.

    A1 holds the title `Budget marketing 2026` (the year of the month columns), row 2 is
    empty, row 3 the header `Canale, Voce di costo, Gen, Feb, Mar, Apr, Mag, Giu, Lug, Ago,
    Set, Ott, Nov, Dic`. Rows 4-10 are 7 budget lines; most amounts are numbers, but the
    Content and Email lines and Eventi/Allestimento's September are Italian text
    (`1.234,56`, `450,00`, `18.750,50`), and Eventi's months without an event are empty.
    `Eventi` is Italian for the Events channel (a value mapping). Row 11 is `Totale`, column
    B empty, the sum of each month below every month (numbers, not formulas).

    Expected (BUDGET_WIDE): 7 lines, 64 filled month cells; 2026 total 190,931.22; per
    month 12,184.56 (Jan, Feb, Apr, May, Jun), 27,030.16 (Mar), 12,684.56 (Jul, Aug, Oct),
    34,555.46 (Sep), 15,184.56 (Nov, Dec); per channel Paid Search 60,000.00, Paid Social
    47,000.00, Eventi 36,716.50, Content 14,814.72, PR 27,000.00, Email 5,400.00.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Budget 2026"
    sheet.append(["Budget marketing 2026"])
    sheet.append([])
    sheet.append(["Canale", "Voce di costo", *MONTHS_IT])
    for line in BUDGET_LINES:
        sheet.append(line)
    sheet.append(["Totale", None, *BUDGET_TOTALS])
    for cells in sheet.iter_rows(min_row=4):
        for cell in cells:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    _save(book, path)


# -- 7 ------------------------------------------------------------------------------------------
RESULTS_FI_ROWS = [
    # Päivämäärä, Kampanja, Kanava, Liidit, Liikevaihto
    [date(2026, 3, 2), "Kevätkampanja", "Hakumainonta", 14, 2450.00],
    [date(2026, 3, 2), "Kevätkampanja", "Sosiaalinen media", 9, 1320.50],
    [date(2026, 3, 2), "Uutiskirje maaliskuu", "Sähköposti", 5, 640.00],
    [date(2026, 3, 9), "Kevätkampanja", "Hakumainonta", 17, 2980.75],
    [date(2026, 3, 9), "Kevätkampanja", "Sosiaalinen media", 11, 1475.25],
    # A channel that is really called "Yhteensä" ("total"): a data row, not the totals row.
    [date(2026, 3, 9), "Messut Helsinki", "Yhteensä", 23, 5100.00],
    [date(2026, 3, 16), "Kevätkampanja", "Hakumainonta", 12, 2105.40],
    [date(2026, 3, 16), "Kevätkampanja", "Sosiaalinen media", 8, 1190.60],
    [date(2026, 3, 16), "Uutiskirje maaliskuu", "Sähköposti", 4, 515.00],
    [date(2026, 3, 23), "Kevätkampanja", "Hakumainonta", 15, 2640.10],
]


def results_fi(path: Path) -> None:
    """Finnish campaign results, one sheet `Tulokset`.

    Header on row 1: `Päivämäärä, Kampanja, Kanava, Liidit, Liikevaihto` (date, campaign,
    channel, leads, revenue); 10 weekly rows (Mondays 2 to 23 March 2026, Excel dates shown
    as d.m.yyyy). Row 7 is the trade fair `Messut Helsinki` on a channel literally called
    `Yhteensä` (23 leads, 5,100.00): data, since its first cell is a date. Row 12 is the
    totals row: `Yhteensä` in A, B and C empty, the sums 118 and 20,417.60 under Liidit
    and Liikevaihto.

    Expected (RESULTS_FI): 10 rows, 118 leads, 20,417.60 revenue; channel Yhteensä 23 /
    5,100.00, Hakumainonta 58 / 10,176.25, Sosiaalinen media 28 / 3,986.35, Sähköposti
    9 / 1,155.00.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tulokset"
    sheet.append(["Päivämäärä", "Kampanja", "Kanava", "Liidit", "Liikevaihto"])
    for row in RESULTS_FI_ROWS:
        sheet.append(row)
    sheet.append(["Yhteensä", None, None, 118, 20417.60])
    for cells in sheet.iter_rows(min_row=2):
        cells[0].number_format = "d.m.yyyy"
        cells[4].number_format = "#,##0.00"
    _save(book, path)


WRITERS: dict[str, Callable[[Path], None]] = {
    "google_ads_by_ad.csv": google_ads_by_ad,
    "meta_us_dates.csv": meta_us_dates,
    "ap_ledger_camelcase.xlsx": ap_ledger_camelcase,
    "payments_export.csv": payments_export,
    "weekly_mmm.xlsx": weekly_mmm,
    "budget_wide_it.xlsx": budget_wide_it,
    "results_fi.xlsx": results_fi,
}


def write_corpus(folder: str | Path) -> dict[str, Path]:
    """Write every corpus file into `folder` (made if missing); name -> path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, write in WRITERS.items():
        write(folder / name)
        paths[name] = folder / name
    return paths


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python tests/corpus/make_corpus.py OUT_DIR", file=sys.stderr)
        return 2
    for path in write_corpus(args[0]).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
