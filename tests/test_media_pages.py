"""The Media performance page and the ROI page's cost basis, through AppTest on the demo data,
and the media charts as pure functions."""

from datetime import date
from decimal import Decimal as D

import pandas as pd

from spendline import formats as fmt
from spendline.csv_out import table_csv
from spendline.store import Store
from spendline.views import Filters, run_other, run_view
from tests.test_pages import TODAY, open_page, tiles
from ui import media_charts
from ui.downloads import view_csv_bytes
from ui.empty import NOTHING_MATCHES

YEAR = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1), as_of=TODAY)
PLATFORM = "Platform spend (media)"


def rollup(db, level: str, filters: Filters = YEAR) -> list[dict]:
    rows = run_other(Store(db), "media_rollup", filters).to_pylist()
    return [r for r in rows if r["level"] == level]


def test_media_tiles_are_the_stores_figures_and_never_added(demo_db):
    at = open_page("pages/media.py", {"fy": "2026"})
    [total] = rollup(demo_db, "total")
    assert tiles(at) == {
        "Platform spend (media)": fmt.compact_money(total["platform_spend"]),
        "Invoiced actual (finance)": fmt.compact_money(total["actual"]),
        "Media ROAS": fmt.times(total["media_roas"]),
        "Media CPL": fmt.money(total["media_cpl"]),
    }
    assert total["platform_spend"] != total["actual"]


def test_media_tables_are_the_views_and_the_csv_is_the_exports(demo_db):
    at = open_page("pages/media.py", {"fy": "2026", "channel": ["Email", "Display"]})
    filters = Filters(**{**YEAR.__dict__, "channels": ("Display", "Email")})
    by_platform, by_campaign, performance = (d.value for d in at.dataframe)
    assert set(by_platform["channel"]) == {"Display", "Email"}
    assert list(by_platform["platform_spend"]) == [
        r["platform_spend"] for r in rollup(demo_db, "platform", filters)]
    assert len(by_campaign) == len(rollup(demo_db, "campaign", filters))
    view = run_view(Store(demo_db), "media_performance", filters)
    assert list(performance.columns) == view.column_names
    assert len(performance) == view.num_rows
    # the page's download is the command line's export, with a BOM for Excel
    assert view_csv_bytes(view) == table_csv(view).encode("utf-8-sig")


def test_nothing_matching_says_so_rather_than_zeros(demo_db):
    # Email runs on HubSpot and Mailchimp, never on Website
    at = open_page("pages/media.py", {"fy": "2026", "channel": "Email", "platform": "Website"})
    [info] = [i.value for i in at.info]
    assert info.startswith(NOTHING_MATCHES)
    assert not at.metric
    assert not at.dataframe


def test_roi_reads_invoiced_cost_by_default_and_says_so(demo_db):
    at = open_page("pages/roi.py", {"fy": "2026"})
    assert at.radio(key="basis").value == "Invoiced cost (finance)"
    assert "By channel, on invoiced cost (finance)" in [s.value for s in at.subheader]
    assert list(at.dataframe[0].value.columns)[-3:] == ["roas", "roi", "lead_to_customer"]
    captions = " ".join(c.value for c in at.caption)
    assert ("Invoiced cost includes fees, production and agency work the platforms never "
            "see") in captions


def test_roi_on_platform_spend_shows_the_media_figures(demo_db):
    at = open_page("pages/roi.py", {"fy": "2026"})
    at.radio(key="basis").set_value(PLATFORM).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == [
        "Media ROAS by channel, on platform spend (media)", "Funnel",
        "By channel, on platform spend (media)", "By campaign, on platform spend (media)"]
    by_channel = at.dataframe[0].value
    assert list(by_channel.columns) == ["channel", "platform_spend", "leads", "revenue",
                                        "media_cpl", "media_roas"]
    expected = {r["channel"]: r["media_roas"] for r in rollup(demo_db, "channel")}
    assert dict(zip(by_channel["channel"], by_channel["media_roas"], strict=True)) == expected
    # the invoiced figures stay those of roi_by_channel, unchanged (SPEC §5)
    invoiced = {r["channel"]: r["roas"] for r in run_view(Store(demo_db), "roi_by_channel",
                                                          YEAR).to_pylist()}
    assert invoiced != expected


def test_the_cost_basis_comes_from_the_link(demo_db):
    at = open_page("pages/roi.py", {"fy": "2026", "basis": PLATFORM})
    assert at.radio(key="basis").value == PLATFORM


MEDIA = pd.DataFrame({
    "channel": ["Paid Search", "Paid Social", "Content"],
    "platform": ["Google Ads", "Meta", "Website"],
    "platform_spend": [D("1250.67"), D("800.00"), None],
    "media_roas": [D("2.7985"), D("0.5000"), None],
    "actual": [D("1200.00"), D("890.00"), D("53.70")],
})


def test_spend_beside_invoiced_draws_both_never_stacked():
    fig = media_charts.spend_beside_invoiced(MEDIA, ["platform", "channel"])
    assert fig.layout.barmode == "group"
    spend, actual = fig.data
    assert spend.name == "Platform spend (media)" and actual.name == "Invoiced actual (finance)"
    assert list(spend.y) == ["Google Ads · Paid Search", "Meta · Paid Social",
                             "Website · Content"]
    assert list(spend.x) == [1250.67, 800.0, None]  # Website reports no spend: no bar
    assert list(actual.x) == [1200.0, 890.0, 53.7]
    assert spend.hovertext[0].endswith("Invoiced − platform: −€50.67")
    assert spend.hovertext[2].endswith("Platform spend (media): —<br>Invoiced actual "
                                       "(finance): €53.70<br>Invoiced − platform: —")


def test_media_roas_leaves_out_empty_ratios():
    fig = media_charts.media_roas(MEDIA, ["channel"])
    [bars] = fig.data
    assert list(bars.y) == ["Paid Search", "Paid Social"]
    assert list(bars.text) == ["2.80×", "0.50×"]
    empty = media_charts.media_roas(MEDIA.iloc[2:], ["channel"])
    assert not empty.data
    assert empty.layout.annotations[0].text == (
        "No revenue over platform spend for the current filters.")
