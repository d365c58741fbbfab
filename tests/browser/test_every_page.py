"""Journey 4: every page of the navigation, reached through the sidebar on the demo data,
loads with no Streamlit exception box and no browser console error, its charts drawn. (Pages
opened by their own URL, as a shared link opens them, are in the meeting and upload
journeys.) The same tour
checks what a finance director would trip over: a channel in two colours, a KPI tile whose
figure is cut off. Each page is photographed at 1440x900 and 1024x768 (`make screenshots`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from spendline.store import Store
from tests.browser.harness import SMALL_VIEWPORT, VIEWPORT, new_app_page, save_screenshot
from ui.navigation import SECTIONS

# Every page of the app's navigation (open mode offers them all), by its path in the browser.
KNOWN_PAGES = {"/" if p.default else f"/{p.url_path}": p.title
               for specs in SECTIONS.values() for p in specs}

# Each chart's legend as [name, colour of its swatch].
LEGENDS = """() => [...document.querySelectorAll("[data-testid='stMain'] .js-plotly-plot")]
  .map(plot => [...plot.querySelectorAll("g.legend g.traces")].map(entry => {
    const swatch = entry.querySelector(".legendpoints path");
    return [entry.querySelector("text.legendtext")?.textContent,
            swatch ? getComputedStyle(swatch).fill : null];
  }))"""
# Bar and line traces whose every x or every y is empty: Plotly draws nothing for them.
BLANK_TRACES = """() => [...document.querySelectorAll("[data-testid='stMain'] .js-plotly-plot")]
  .flatMap(plot => (plot.data || [])
    .filter(t => ["bar", "scatter"].includes(t.type || "scatter"))
    .filter(t => [t.x, t.y].some(values => {
      const list = values && values.length !== undefined ? Array.from(values) : [];
      return list.length > 0 && list.every(v => v === null || v === undefined);
    }))
    .map(t => `${t.type || "scatter"} ${t.name || ""}`.trim()))"""
# KPI tiles whose label or figure does not fit (the browser cuts it with an ellipsis).
CUT_OFF_TILES = """() => [...document.querySelectorAll("[data-testid='stMetric']")]
  .flatMap(tile => [...tile.querySelectorAll(
      "[data-testid='stMetricLabel'] *, [data-testid='stMetricValue'] *")]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && e.innerText.trim())
    .map(e => e.innerText.trim()))"""


@dataclass
class Visit:
    path: str
    nav_title: str
    title: str = ""
    exceptions: list[str] = field(default_factory=list)
    empty_charts: int = 0
    legends: list[list[list[str]]] = field(default_factory=list)
    cut_off: list[str] = field(default_factory=list)
    blank_traces: list[str] = field(default_factory=list)
    cut_off_small: list[str] = field(default_factory=list)  # at 1024x768


@dataclass
class Tour:
    visits: list[Visit]
    problems: list[str]


@pytest.fixture(scope="module")
def tour(browser, demo_app, tmp_path_factory) -> Tour:
    """One walk through every page in the navigation, clicked in the sidebar as a person
    does, recorded for the tests below and photographed."""
    app = new_app_page(browser, demo_app, tmp_path_factory.mktemp("tour"), "/")
    try:
        pages = app.navigation()
        visits = []
        for number, (path, nav_title) in enumerate(pages.items(), start=1):
            if path != "/":
                app.go_to_page(nav_title)
            charts = app.page.get_by_test_id("stPlotlyChart").all()
            visits.append(Visit(
                path, nav_title, app.title(), app.exceptions(),
                sum(1 for c in charts if not c.locator(".js-plotly-plot .main-svg").count()),
                app.page.evaluate(LEGENDS), app.page.evaluate(CUT_OFF_TILES),
                app.page.evaluate(BLANK_TRACES)))
            app.page.set_viewport_size(SMALL_VIEWPORT)
            app.page.wait_for_timeout(600)
            visits[-1].cut_off_small = app.page.evaluate(CUT_OFF_TILES)
            app.page.set_viewport_size(VIEWPORT)
            app.page.wait_for_timeout(300)
            slug = re.sub(r"\W+", "_", nav_title.lower()).strip("_")
            save_screenshot(app, f"{number:02d}_{slug}")
        return Tour(visits, list(app.problems))
    finally:
        app.context.close()


def test_every_page_loads_cleanly(tour):
    assert {v.path: v.nav_title for v in tour.visits} == KNOWN_PAGES
    for visit in tour.visits:
        assert visit.title == visit.nav_title, visit.path
        assert visit.exceptions == [], f"{visit.path}: {visit.exceptions}"
        assert visit.empty_charts == 0, f"{visit.path}: {visit.empty_charts} empty charts"
    assert tour.problems == [], "the browser saw errors:\n" + "\n".join(tour.problems)


def test_a_channel_has_one_colour_on_every_chart(tour, reference_db):
    channels = set(Store(reference_db).query(
        "select distinct channel from ledger").column(0).to_pylist())
    colours: dict[str, set[tuple[str, str]]] = {}  # channel -> {(colour, page)}
    for visit in tour.visits:
        for legend in visit.legends:
            for name, colour in legend:
                if name in channels and colour:
                    colours.setdefault(name, set()).add((colour, visit.nav_title))
    assert colours.keys() == channels, "some channel is in no chart legend"
    mixed = {name: sorted(seen) for name, seen in colours.items()
             if len({colour for colour, _ in seen}) > 1}
    assert not mixed, f"a channel in different colours on different charts: {mixed}"


def test_no_kpi_tile_is_cut_off(tour):
    cut_off = {v.nav_title: v.cut_off for v in tour.visits if v.cut_off}
    assert not cut_off, f"tiles cut off at 1440x900: {cut_off}"


def test_the_overview_tiles_are_whole_on_a_small_laptop(tour):
    overview = next(v for v in tour.visits if v.path == "/")
    assert not overview.cut_off_small, f"Overview tiles cut off at 1024x768: " \
        f"{overview.cut_off_small}"


def test_no_chart_plots_nothing(tour):
    blank = {v.nav_title: v.blank_traces for v in tour.visits if v.blank_traces}
    assert not blank, f"traces with no x or no y values: {blank}"
