"""The monthly packs (issue 19): their figures read back from the HTML equal the views, every
table adds up, a client pack holds nothing of another account, the command line writes the
page's bytes, and the packs import no Streamlit.

A small store worked out by hand (fiscal year = calendar year, packs for January 2026, so
as of 31 Jan 2026; no forecast rows, so the forecast is the budget):
  budget   Acme Email Jan 1,000.00 · Acme Search Jan 2,000.00 · Bolt Email Jan 500.00
  ledger   E1 Acme Email, Acme Mailer Ltd, invoiced 600.00 on 10 Jan, due 20 Jan
           (11 days overdue at 31 Jan)
           S1 Acme Search, Acme Mailer Ltd, ordered 1,000.00 on 5 Jan (open)
           B1 Bolt Email, Bolt Printer Oy, invoiced 250.00 on 5 Jan, due 10 Jan (21 days)
  results  Acme Email Jan: 10 leads, 2 customers, revenue 1,500.00
           Bolt Email Jan:  5 leads, 1 customer, revenue 777.77
Acme's client pack: budget 3,000.00, actual to date 600.00, landing = 600 + what is left of
January's forecast per channel (Email 1,000 − 600 = 400; Search 2,000 − 0 = 2,000) = 3,000.00,
0.00 against the budget; ROI (1,500 − 600) ÷ 600 = 150.0%, ROAS 2.50×, CPL 60.00, CAC 300.00;
one invoice 1-30 days overdue, 600.00.
Finance pack, January: forecast 3,500.00 against actual 850.00: 2,650.00 under forecast;
the movers Paid Search (2,000.00 under), then Email (650.00 under).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from loaders.intake import UploadedFile
from reports import packs, render
from reports.cli import make
from reports.errors import ReportError
from reports.period import pack_as_of
from spendline import accruals, clock
from spendline import formats as fmt
from spendline.access import User
from spendline.cli import main
from spendline.config import ROOT
from spendline.store import Store
from spendline.uploads import import_files
from spendline.views import Filters, run_view
from tests.helpers import xlsx
from tests.report_html import number, sections, tables

BUDGET = [["period", "account", "channel", "amount"],
          ["2026-01", "Acme", "Email", "1000.00"],
          ["2026-01", "Acme", "Paid Search", "2000.00"],
          ["2026-01", "Bolt", "Email", "500.00"]]
LEDGER = [["document_id", "vendor", "account", "channel", "status", "amount_net", "order_date",
           "invoice_date", "due_date", "paid_date"],
          ["E1", "Acme Mailer Ltd", "Acme", "Email", "invoiced", "600.00", None, "2026-01-10",
           "2026-01-20", None],
          ["S1", "Acme Mailer Ltd", "Acme", "Paid Search", "ordered", "1000.00", "2026-01-05",
           None, None, None],
          ["B1", "Bolt Printer Oy", "Bolt", "Email", "invoiced", "250.00", None, "2026-01-05",
           "2026-01-10", None]]
RESULTS = [["date", "campaign", "account", "channel", "leads", "customers", "revenue"],
           ["2026-01-10", "Winter", "Acme", "Email", 10, 2, "1500.00"],
           ["2026-01-12", "Bolt winter", "Bolt", "Email", 5, 1, "777.77"]]
JANUARY = date(2026, 1, 1)
NOVEMBER = date(2026, 11, 1)
MADE = datetime(2026, 12, 4, 9, 30)
TODAY = date(2026, 12, 4)  # the packs' today, whatever day the suite pins


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("packs") / "small.duckdb")
    data = xlsx({"Budget": BUDGET, "Ledger": LEDGER, "Results": RESULTS})
    intake, ids = import_files(store, [UploadedFile("fixture.xlsx", data)])
    assert ids, intake.problem_table().to_string()
    return store


@pytest.fixture(scope="module")
def demo(demo_store_file, tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("packs_demo") / "demo.duckdb"
    path.write_bytes(Path(demo_store_file).read_bytes())
    return Store(path)


def html(store, kind, month, account=None, style=fmt.Style(), **options) -> bytes:
    pack = packs.build(store, kind, month, account=account, style=style, made_at=MADE,
                       today=TODAY, **options)
    return render.render_bytes(pack, style)


def figures(table, column, style=fmt.Style()) -> list[D | None]:
    return [number(r[column], style) for r in table.rows]


# -- the small store, by hand ---------------------------------------------------------------
def test_client_pack_by_hand(small):
    page = html(small, "client", JANUARY, "Acme")
    read = tables(page)
    landing = read["landing"]
    assert {r["channel"] for r in landing.rows} == {"Email", "Paid Search"}
    assert number(landing.total["budget"]) == D("3000.00")
    assert number(landing.total["actual_to_date"]) == D("600.00")
    assert number(landing.total["landing"]) == D("3000.00")
    assert number(landing.total["landing_vs_budget"]) == D("0.00")
    roi = read["roi_by_channel"]
    assert [r["channel"] for r in roi.rows] == ["Email", "Paid Search"] or \
        [r["channel"] for r in roi.rows] == ["Email"]
    email = next(r for r in roi.rows if r["channel"] == "Email")
    assert (email["roi"], email["roas"], email["cpl"], email["cac"]) == (
        "150.0%", "2.50×", "€60.00", "€300.00")
    assert roi.total["roi"] == "150.0%"
    aging = {r["bucket"]: r for r in read["aging"].rows}
    assert (aging["1-30"]["invoices"], aging["1-30"]["amount"]) == ("1", "€600.00")
    assert number(read["aging"].total["amount"]) == D("600.00")
    text = page.decode("utf-8")
    assert "as of 31 Jan 2026" in text and "made 2026-12-04 09:30" in text
    version = packs.data_version(small)  # the newest batch and when it was uploaded
    assert re.fullmatch(r"batch \d+ of \d{4}-\d\d-\d\d \d\d:\d\d", version)
    assert f"data: {version}" in text


def test_client_pack_holds_nothing_of_another_account(small):
    page = html(small, "client", JANUARY, "Acme").decode("utf-8")
    for other in ("Bolt", "Bolt Printer Oy", "Bolt winter", "€250.00", "€500.00", "777.77",
                  "€850.00", "€3,500.00", "€1,100.00"):
        assert other not in page, other


def test_finance_pack_by_hand(small):
    page = html(small, "finance", JANUARY)
    fva = tables(page)["forecast_vs_actual"]
    assert number(fva.total["forecast"]) == D("3500.00")
    assert number(fva.total["actual"]) == D("850.00")
    assert number(fva.total["vs_forecast"]) == D("-2650.00")
    text = page.decode("utf-8")
    assert ("actual spend was €850.00 against a forecast of €3,500.00: €2,650.00 under "
            "forecast") in text
    search = text.index("Paid Search: €2,000.00 under forecast")
    assert search < text.index("Email: €650.00 under forecast")
    assert "No budget adjustment was approved in January 2026." in text


def test_a_restricted_user_makes_packs_of_their_accounts_only(small):
    bolt = User("b@example.com", "viewer", ("Bolt",))
    with pytest.raises(ReportError, match="Acme"):
        make(small, "client", JANUARY, account="Acme", user=bolt)
    finance = make(small, "finance", JANUARY, user=bolt).html.decode("utf-8")
    assert "Acme" not in finance and "Bolt" in finance


def test_numbers_in_the_readers_style(small):
    italian = fmt.Style.of("it", "after")
    page = html(small, "client", JANUARY, "Acme", style=italian)
    landing = tables(page)["landing"]
    assert landing.total["budget"] == "3.000,00\u00a0€"
    assert number(landing.total["budget"], italian) == D("3000.00")


# -- the demo data ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_pages(demo) -> dict[str, bytes]:
    return {"finance": html(demo, "finance", NOVEMBER),
            "marketing": html(demo, "marketing", NOVEMBER),
            "client": html(demo, "client", NOVEMBER, "Lumen Travel")}


def test_every_table_adds_up(demo_pages):
    for kind, page in demo_pages.items():
        for table in tables(page).values():
            if table.total is None:
                continue
            for column, kind_of in table.kinds.items():
                if kind_of not in ("money", "int") or column in ("days_overdue",):
                    continue
                rows = [v for v in figures(table, column) if v is not None]
                assert sum(rows, D(0)) == number(table.total[column]), (kind, table.key, column)


def test_finance_pack_equals_the_views(demo, demo_pages):
    read = tables(demo_pages["finance"])
    as_of = date(2026, 11, 30)
    month = Filters(from_month=NOVEMBER, to_month=NOVEMBER, as_of=as_of)
    bva = {r["channel"]: r for r in run_view(demo, "budget_vs_actual", month).to_pylist()}
    for row in read["forecast_vs_actual"].rows:
        view = bva[row["channel"]]
        for column in ("budget", "forecast", "actual", "variance"):
            assert number(row[column]) == view[column], (row["channel"], column)
    year = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1), as_of=as_of)
    landing = run_view(demo, "landing", year).to_pylist()
    assert [number(r["landing"]) for r in read["landing"].rows] == [r["landing"]
                                                                    for r in landing]
    to_date = Filters(from_month=date(2026, 1, 1), to_month=NOVEMBER, as_of=as_of)
    lines = run_view(demo, "accruals", to_date)
    assert number(read["accruals_by_channel"].total["to_accrue"]) == accruals.total(lines)
    aging = run_view(demo, "aging", to_date).to_pylist()
    assert figures(read["aging"], "amount") == [r["amount"] for r in aging]
    flags = run_view(demo, "approval_flags", to_date).to_pylist()
    assert number(read["flags"].total["amount_base"]) == sum(r["amount_base"] for r in flags)
    roi = run_view(demo, "roi_by_channel", to_date).to_pylist()
    assert figures(read["roi_by_channel"], "revenue") == [r["revenue"] for r in roi]
    assert sections(demo_pages["finance"]) == ["headline", "forecast", "landing", "accruals",
                                               "invoices", "flags", "adjustments", "roi"]


def test_demo_client_packs_hold_no_other_account(demo):
    names = packs.accounts(demo)
    assert names == ["Aurora Foods", "Lumen Travel", "Northwind Retail"]
    year = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1),
                   as_of=date(2026, 11, 30))
    budgets = {a: fmt.money(sum(r["budget"] for r in run_view(
        demo, "landing", Filters(**{**year.__dict__, "accounts": (a,)})).to_pylist()))
        for a in names}
    page = html(demo, "client", NOVEMBER, "Lumen Travel").decode("utf-8")
    assert budgets["Lumen Travel"] in page
    for other in ("Aurora Foods", "Northwind Retail"):
        assert other not in page
        assert budgets[other] not in page


def test_same_inputs_same_bytes_and_chart_ids_fixed(demo, demo_pages):
    again = html(demo, "finance", NOVEMBER)
    assert again == demo_pages["finance"]
    text = again.decode("utf-8")
    assert 'id="finance-forecast-chart-1"' in text
    # nothing fetched: plotly.js inline, no <script src>, <link> or <img> from anywhere
    assert text.count("<script") == text.count("<script>") + text.count(
        '<script type="text/javascript">')
    assert "<link" not in text and "<img" not in text and "@import" not in text


def test_command_line_writes_the_pages_bytes(demo, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(clock, "_wall", lambda: MADE)
    made = make(demo, "client", NOVEMBER, account="Lumen Travel")
    out = tmp_path / "pack.html"
    assert main(["report", "client", "--month", "2026-11", "--account", "Lumen Travel",
                 "--db", str(demo.path), "--out", str(out)]) == 0
    assert out.read_bytes() == made.html
    assert made.name == "client_pack_2026-11_lumen-travel.html"
    each = tmp_path / "each" / "client.html"
    assert main(["report", "client", "--month", "2026-11", "--each-account",
                 "--db", str(demo.path), "--out", str(each)]) == 0
    assert sorted(p.name for p in each.parent.iterdir()) == [
        "client_aurora-foods.html", "client_lumen-travel.html", "client_northwind-retail.html"]
    assert (each.parent / "client_lumen-travel.html").read_bytes() == made.html
    assert main(["report", "client", "--month", "2026-11", "--db", str(demo.path),
                 "--out", str(out)]) == 1
    assert "--each-account" in capsys.readouterr().err


def test_packs_import_no_streamlit():
    probe = ("import sys, reports.cli, reports.packs, reports.render, reports.pdf; "
             "print('streamlit' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


# -- PDF ---------------------------------------------------------------------------------------
def _pdf_or_skip():
    from reports import pdf

    why = pdf.available()
    if why and not os.environ.get("CI"):
        pytest.skip(why)
    return pdf


def test_finance_pack_pdf(demo_pages):
    pdf = _pdf_or_skip()
    from pypdf import PdfReader

    data = pdf.html_to_pdf(demo_pages["finance"].decode("utf-8"), "Finance pack · meta")
    reader = PdfReader(io.BytesIO(data))
    assert 6 <= len(reader.pages) <= 12
    first = reader.pages[0].extract_text()
    assert "Finance pack" in first and "November 2026" in first
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last
    text = "".join(p.extract_text() for p in reader.pages)
    total = tables(demo_pages["finance"])["forecast_vs_actual"].total["actual"]
    assert total in text
    client = PdfReader(io.BytesIO(pdf.html_to_pdf(demo_pages["client"].decode("utf-8"))))
    assert 4 <= len(client.pages) <= 10
    assert "Aurora Foods" not in "".join(p.extract_text() for p in client.pages)


# -- the Reports page ---------------------------------------------------------------------------
def test_the_page_makes_the_command_lines_bytes(demo_db, monkeypatch):
    from tests.test_lifecycle_pages import YEAR, open_page

    monkeypatch.setattr(clock, "_wall", lambda: MADE)
    # A click reaches the page only without the navigation's rerun (tests/test_accounts_pages
    # `clicks` says why).
    monkeypatch.setattr("ui.navigation.ensure_app_navigation", lambda: None)
    at = open_page("pages/reports.py", YEAR)
    assert at.title[0].value == "Reports"
    at.radio(key="report_kind").set_value("client").run()
    at.selectbox(key="report_month").set_value(NOVEMBER).run()
    at.selectbox(key="report_account").set_value("Lumen Travel").run()
    at.button(key="report_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    page_bytes = at.session_state["report_html"]
    out = demo_db.parent / "cli.html"
    assert main(["report", "client", "--month", "2026-11", "--account", "Lumen Travel",
                 "--db", str(demo_db), "--out", str(out)]) == 0
    assert out.read_bytes() == page_bytes
    assert {b.label for b in at.get("download_button")} >= {"Download HTML"}


def test_a_restricted_user_is_offered_their_accounts_only(demo_db):
    from spendline.access import set_user
    from tests.test_access import signed_in

    set_user(Store(demo_db), "client@lumen.example", "viewer", ("Lumen Travel",))
    at = signed_in("client@lumen.example", "pages/reports.py", {"fy": "2026"})
    at.radio(key="report_kind").set_value("client").run()
    assert at.selectbox(key="report_account").options == ["Lumen Travel"]


def test_a_running_month_is_as_of_today(small):
    pack = packs.build(small, "finance", date(2026, 12, 1), made_at=MADE, today=TODAY)
    assert (pack.as_of, pack_as_of(JANUARY, TODAY)) == (TODAY, date(2026, 1, 31))
    assert "as of 4 Dec 2026" in render.render(pack)


def test_uploaded_text_shows_as_text(tmp_path):
    """Names are escaped in the tables (Jinja2) and in the charts (ui.safe_text.figure), as on
    the pages: a tag or a Markdown link in a name is shown as written, never run."""
    account, platform = "Acme <b>Corp</b>", "<i>Ads</i>"
    store = Store(tmp_path / "hostile.duckdb")
    ledger = [["document_id", "vendor", "account", "channel", "platform", "status",
               "amount_net", "invoice_date", "due_date"],
              ["E1", "<script>alert(1)</script>", account, "Email", platform, "invoiced",
               "600.00", "2026-01-10", "2026-01-20"]]
    results = [["date", "campaign", "account", "channel", "platform", "leads", "revenue",
                "platform_spend"],
               ["2026-01-10", "[x](http://x)", account, "Email", platform, 10, "1500.00",
                "500.00"]]
    intake, ids = import_files(store, [UploadedFile("f.xlsx", xlsx({"Ledger": ledger,
                                                                    "Results": results}))])
    assert ids, intake.problem_table().to_string()
    for kind in ("finance", "marketing", "client"):
        body = html(store, kind, JANUARY, account if kind == "client" else None).decode()
        body = body.split("</head>")[1]  # after plotly.js
        assert "<script>alert" not in body and "<b>Corp" not in body and "<i>Ads" not in body
    body = html(store, "marketing", JANUARY).decode().split("</head>")[1]
    charts = re.findall(r"<script>(.*?)</script>", body, flags=re.S)
    assert charts and any("&lt;i&gt;Ads" in c for c in charts)  # escaped for Plotly's HTML
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html(store, "finance", JANUARY).decode()
