"""media_performance (SPEC §5) and the pages' media_rollup, on a tiny ad-platform export whose
every figure is worked out by hand below, on both stores.

Store (base currency EUR; USD at 0.90 in January, 0.80 in February 2026):
  results, Spring Sale (an export from two platforms; Meta's February in USD):
    2026-01-05 Paid Search / Google Ads  spend 1,000.333333  impr 10,000  clicks 400
               leads 20  revenue 3,000.00
    2026-01-20 Paid Search / Google Ads  spend   250.333333  impr  5,000  clicks 100
               leads  5  revenue   500.00
    2026-01-10 Paid Social / Meta        spend   400.00      impr 20,000  clicks   0
               no leads, no revenue (the sheet's cells are empty)
    2026-02-03 Paid Social / Meta        spend   500 USD     impr 10,000  clicks 200
               leads 10  revenue 1,000 USD
  ledger (vendor, doc, status, amount, month, platform, campaign):
    Google  G1 invoiced 1,200.00  Jan  Google Ads  Spring Sale  below the reported 1,250.67
    Google  G2 quoted   5,000.00  Jan  Google Ads  Spring Sale  a quote: no actual
    Google  G3 invoiced   300.00  Feb  Google Ads  Spring Sale  no results that month
    Meta    M1 paid       450.00  Jan  Meta        Spring Sale  above the reported 400.00
    Meta    M2 invoiced    99.00  Jan  Meta        (none)       names no campaign: matches none
    Meta    M3 invoiced   550 USD Feb  Meta        Spring Sale  = 440.00, above 400.00
    Studio  S1 invoiced   300.00  Jan  (none)      Spring Sale  names no platform: matches none
"""

from datetime import date
from decimal import Decimal as D

import pytest

from spendline import cli
from spendline.views import COLUMNS, Filters, run_other, run_view
from tests.helpers import xlsx
from tests.stores import BACKENDS, store_holding

LEDGER = [
    ["document_id", "vendor", "channel", "platform", "campaign", "status", "amount_net",
     "currency", "quote_date", "invoice_date", "paid_date"],
    ["G1", "Google", "Paid Search", "Google Ads", "Spring Sale", "invoiced", "1200.00", "EUR",
     None, "2026-01-31", None],
    ["G2", "Google", "Paid Search", "Google Ads", "Spring Sale", "quoted", "5000.00", "EUR",
     "2026-01-02", None, None],
    ["G3", "Google", "Paid Search", "Google Ads", "Spring Sale", "invoiced", "300.00", "EUR",
     None, "2026-02-28", None],
    ["M1", "Meta", "Paid Social", "Meta", "Spring Sale", "paid", "450.00", "EUR", None,
     "2026-01-31", "2026-02-05"],
    ["M2", "Meta", "Paid Social", "Meta", None, "invoiced", "99.00", "EUR", None,
     "2026-01-31", None],
    ["M3", "Meta", "Paid Social", "Meta", "Spring Sale", "invoiced", "550", "USD", None,
     "2026-02-28", None],
    ["S1", "Studio", "Paid Social", None, "Spring Sale", "invoiced", "300.00", "EUR", None,
     "2026-01-15", None],
]
RESULTS = [
    ["date", "campaign", "channel", "platform", "impressions", "clicks", "leads", "revenue",
     "platform_spend", "currency"],
    ["2026-01-05", "Spring Sale", "Paid Search", "Google Ads", 10000, 400, 20, "3000.00",
     "1000.333333", "EUR"],
    ["2026-01-20", "Spring Sale", "Paid Search", "Google Ads", 5000, 100, 5, "500.00",
     "250.333333", "EUR"],
    ["2026-01-10", "Spring Sale", "Paid Social", "Meta", 20000, 0, None, None, "400.00", "EUR"],
    ["2026-02-03", "Spring Sale", "Paid Social", "Meta", 10000, 200, 10, "1000", "500", "USD"],
]
FX = [["currency", "month", "rate"], ["USD", "2026-01", "0.90"], ["USD", "2026-02", "0.80"]]
AS_OF = date(2026, 2, 15)

# month, channel, platform, campaign, platform_spend, impressions, clicks, leads, revenue,
# cpc, cpm, ctr, media_cpl, media_roas, actual
GOOGLE_JAN = (
    "2026-01", "Paid Search", "Google Ads", "Spring Sale",
    # spend 1,000.333333 + 250.333333 = 1,250.666666, shown to the cent
    D("1250.67"), 15000, 500, 25, D("3500.00"),
    # cpc 1,250.666666 / 500 = 2.5013; cpm 1,250.666666 / 15,000 × 1,000 = 83.3778;
    # ctr 500 / 15,000 = 0.03333; cpl 1,250.666666 / 25 = 50.0267;
    # roas 3,500 / 1,250.666666 = 2.79850 (divided from the exact sum, not from 1,250.67)
    D("2.50"), D("83.38"), D("0.0333"), D("50.03"), D("2.7985"),
    # G1 only: the quote G2 has no actual, G3 is February's
    D("1200.00"))
META_JAN = (
    "2026-01", "Paid Social", "Meta", "Spring Sale",
    D("400.00"), 20000, 0, None, None,
    # no clicks: cpc empty, ctr 0 / 20,000 = 0; cpm 400 / 20,000 × 1,000 = 20;
    # no leads and no revenue in the sheet: empty, and so are cpl and roas
    None, D("20.00"), D("0.0000"), None, None,
    # M1 450.00; M2 (no campaign) and S1 (no platform) are not matched
    D("450.00"))
META_FEB = (
    "2026-02", "Paid Social", "Meta", "Spring Sale",
    # 500 USD and 1,000 USD at February's 0.80
    D("400.00"), 10000, 200, 10, D("800.00"),
    # cpc 400 / 200; cpm 400 / 10,000 × 1,000; ctr 200 / 10,000; cpl 400 / 10; roas 800 / 400
    D("2.00"), D("40.00"), D("0.0200"), D("40.00"), D("2.0000"),
    # M3: 550 USD at 0.80
    D("440.00"))


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """The same hand-worked figures on the DuckDB file and on PostgreSQL."""
    return store_holding(request, tmp_path_factory,
                         {"Ledger": LEDGER, "Results": RESULTS, "FX": FX}, "media")


def rows(store, **filters):
    table = run_view(store, "media_performance", Filters(**{"as_of": AS_OF, **filters}))
    assert table.column_names == COLUMNS["media_performance"]
    return [tuple(r.values()) for r in table.to_pylist()]


def test_media_performance(store):
    assert rows(store) == [GOOGLE_JAN, META_JAN, META_FEB]


def test_media_performance_columns_are_the_spec_columns():
    assert COLUMNS["media_performance"] == [
        "month", "channel", "platform", "campaign", "platform_spend", "impressions", "clicks",
        "leads", "revenue", "cpc", "cpm", "ctr", "media_cpl", "media_roas", "actual"]


def test_the_global_filters_apply(store):
    assert rows(store, platforms=("Meta",)) == [META_JAN, META_FEB]
    assert rows(store, from_month=date(2026, 2, 1), to_month=date(2026, 2, 1)) == [META_FEB]
    assert rows(store, campaigns=("Other",)) == []


def test_a_vendor_filter_narrows_the_invoices_not_what_the_platforms_report(store):
    # results have no vendor (README "Filters on dimensions a source lacks")
    got = rows(store, vendors=("Meta",))
    assert [(r[2], r[4], r[-1]) for r in got] == [
        ("Google Ads", D("1250.67"), D("0.00")), ("Meta", D("400.00"), D("450.00")),
        ("Meta", D("400.00"), D("440.00"))]


def rollup(store, level, **filters):
    frame = run_other(store, "media_rollup", Filters(**{"as_of": AS_OF, **filters}))
    return [r for r in frame.to_pylist() if r["level"] == level]


def test_the_total_adds_the_exact_sums_and_divides_them(store):
    [total] = rollup(store, "total")
    # spend 1,250.666666 + 400 + 400 = 2,050.666666; revenue 3,500 + 800 (Meta's January
    # has none); leads 25 + 10; clicks 500 + 0 + 200; impressions 15,000 + 20,000 + 10,000
    assert total == {
        "level": "total", "channel": None, "platform": None, "campaign": None,
        "platform_spend": D("2050.67"), "impressions": 45000, "clicks": 700, "leads": 35,
        "revenue": D("4300.00"),
        # every row has spend, clicks and impressions: 2,050.666666 / 700 = 2.9295;
        # × 1,000 / 45,000 = 45.5704; 700 / 45,000 = 0.01556
        "cpc": D("2.93"), "cpm": D("45.57"), "ctr": D("0.0156"),
        # only rows with both figures: Meta's January has spend but no leads and no revenue,
        # so CPL = (1,250.666666 + 400) / (25 + 10) = 47.1619 and
        # ROAS = (3,500 + 800) / (1,250.666666 + 400) = 2.60501
        "media_cpl": D("47.16"), "media_roas": D("2.6050"),
        # 1,200 + 450 + 440: beside the spend, never added to it
        "actual": D("2090.00")}


def test_by_platform_and_by_campaign(store):
    assert [(r["channel"], r["platform"], r["platform_spend"], r["media_roas"], r["actual"])
            for r in rollup(store, "platform")] == [
        ("Paid Search", "Google Ads", D("1250.67"), D("2.7985"), D("1200.00")),
        # 800 / 400: January reports spend without revenue, so it is not divided
        ("Paid Social", "Meta", D("800.00"), D("2.0000"), D("890.00"))]
    assert [(r["campaign"], r["channel"], r["media_cpl"]) for r in rollup(store, "campaign")] == [
        ("Spring Sale", "Paid Search", D("50.03")),
        # 400 / 10: February only, January has spend but no leads
        ("Spring Sale", "Paid Social", D("40.00"))]


def test_nothing_matches_means_no_rows_not_zeros(store):
    assert run_other(store, "media_rollup", Filters(channels=("Nope",))).num_rows == 0


def test_roi_by_campaign_keeps_its_invoiced_definition(store):
    # SPEC §5 roi_by_* are on invoiced cost: every ledger row of the campaign, S1 included
    table = run_view(store, "roi_by_campaign", Filters(as_of=AS_OF))
    got = {(r["campaign"], r["channel"]): (r["actual"], r["roas"]) for r in table.to_pylist()}
    # Paid Social: 450 + 440 + 300 (S1) = 1,190; revenue 800; 800 / 1,190 = 0.67227
    assert got[("Spring Sale", "Paid Social")] == (D("1190.00"), D("0.6723"))
    # Paid Search: 1,200 + 300 (G3 in February) = 1,500; 3,500 / 1,500
    assert got[("Spring Sale", "Paid Search")] == (D("1500.00"), D("2.3333"))
    # M2 names no campaign; no results there: revenue 0, so ROAS 0 / 99
    assert got[("Unallocated", "Paid Social")] == (D("99.00"), D("0.0000"))


def test_export_writes_the_spec_columns(tmp_path, capsys):
    db = tmp_path / "media.duckdb"
    (tmp_path / "media.xlsx").write_bytes(xlsx({"Ledger": LEDGER, "Results": RESULTS,
                                                 "FX": FX}))
    assert cli.main(["import", str(tmp_path / "media.xlsx"), "--db", str(db)]) == 0
    capsys.readouterr()
    assert cli.main(["export", "media_performance", "--db", str(db), "--as-of",
                     "2026-02-15"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "month,channel,platform,campaign,platform_spend,impressions,clicks,leads,revenue,"
        "cpc,cpm,ctr,media_cpl,media_roas,actual",
        "2026-01,Paid Search,Google Ads,Spring Sale,1250.67,15000,500,25,3500.00,2.50,83.38,"
        "0.0333,50.03,2.7985,1200.00",
        "2026-01,Paid Social,Meta,Spring Sale,400.00,20000,0,,,,20.00,0.0000,,,450.00",
        "2026-02,Paid Social,Meta,Spring Sale,400.00,10000,200,10,800.00,2.00,40.00,0.0200,"
        "40.00,2.0000,440.00"]
