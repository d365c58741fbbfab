"""Journey 1: a new user opens the app on the demo data. The Overview's KPI tiles show the
store's figures (worked out through spendline and again through the CLI export, from a
second copy of the demo store), their arrows point the way the figures moved, and the charts
are drawn. Figures are compared as numbers, to the precision the tile shows."""

from decimal import Decimal

import pytest

from spendline import clock
from tests.browser.expected import (
    overview_tiles,
    overview_tiles_from_cli,
    shown_figure,
    shows,
)
from tests.browser.harness import new_app_page

CHANNELS = {"Content", "Display", "Email", "Events", "Influencer", "PR", "Paid Search",
            "Paid Social"}
CENTS = Decimal("0.05")  # the CLI's rows are rounded to the cent before they are added up


@pytest.fixture(scope="module")
def overview(browser, demo_app, tmp_path_factory):
    """The Overview as a new user sees it on the demo data (the app was started on an empty
    store and loaded the demo on its first session). Opened once for this module's tests."""
    app = new_app_page(browser, demo_app, tmp_path_factory.mktemp("overview"), "/")
    yield app
    app.context.close()


def test_a_new_user_sees_the_demo_figures_on_the_overview(overview, reference_db):
    today = clock.today()
    app = overview
    assert app.title() == "Overview"
    assert app.exceptions() == []
    caption = app.page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").filter(
        has_text="as of").first
    assert f"as of {today:%d %b %Y}" in caption.inner_text()

    shown = app.tiles()
    expected = overview_tiles(reference_db, today)
    assert shown.keys() == expected.keys()
    wrong = {label: (shown[label]["value"], shown[label]["delta"], figures)
             for label, figures in expected.items()
             if not (shows(shown[label]["value"], figures["value"])
                     and shows(shown[label]["delta"], figures["delta"]))}
    assert not wrong, f"tile: (value shown, change shown, expected): {wrong}"

    from_cli = overview_tiles_from_cli(reference_db, today)
    for label, exact in from_cli.items():
        value, half = shown_figure(shown[label]["value"])
        assert abs(value - exact) <= half + CENTS, (label, shown[label]["value"], exact)

    charts = app.page.get_by_test_id("stPlotlyChart")
    assert charts.count() >= 2
    for chart in charts.all():
        plot = chart.locator(".js-plotly-plot")
        assert plot.count() == 1
        assert plot.locator("g.trace").count() > 0, "a chart without data"
        box = plot.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 300
    legends = [{t.text_content().strip()
                for t in chart.locator("g.legend g.traces text.legendtext").all()}
               for chart in charts.all()]
    assert CHANNELS in legends, "no chart of spend by channel"
    assert app.problems == [], "the browser saw errors:\n" + "\n".join(app.problems)


def test_the_tile_arrows_point_the_way_the_figures_moved(overview, reference_db):
    """Streamlit reads a fall from a leading ASCII '-' only: a change written with U+2212
    once showed as a rise, in the colour of a rise; no change must show no arrow."""
    app = overview
    expected = overview_tiles(reference_db, clock.today())
    wrong = {}
    for label, tile in app.tiles().items():
        change = expected[label]["delta"]
        arrow = None if not change else "up" if change > 0 else "down"
        if tile["arrow"] != arrow:
            wrong[label] = (tile["delta"], tile["arrow"], arrow)
    assert not wrong, f"(change, arrow shown, arrow expected): {wrong}"
