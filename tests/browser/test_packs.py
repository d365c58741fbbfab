"""The monthly packs in Debian's Chromium: each pack's HTML (the demo data, November 2026)
opens offline with no console error, every chart drawn by the inlined plotly.js; the first
pages as printed are photographed (`make screenshots`: screenshots/pack_<kind>.png)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from reports import packs, render
from spendline.store import Store
from tests.browser.harness import SCREENSHOTS


@pytest.mark.parametrize("kind,account", [("finance", None), ("client", "Lumen Travel"),
                                          ("marketing", None)])
def test_packs_print_cleanly(browser, reference_db, kind, account):
    pack = packs.build(Store(reference_db), kind, date(2026, 11, 1), account=account,
                       made_at=datetime(2026, 12, 4, 9, 30))
    context = browser.new_context(viewport={"width": 820, "height": 1160}, offline=True)
    requests, errors = [], []
    context.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.set_content(render.render(pack), wait_until="load")
        page.emulate_media(media="print")
        charts = page.locator(".plotly-graph-div")
        assert charts.count() == sum(len(s.charts) for s in pack.sections)
        assert page.locator(".plotly-graph-div .main-svg").count() >= charts.count()
        assert (requests, errors) == ([], [])
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"pack_{kind}.png",
                        clip={"x": 0, "y": 0, "width": 820, "height": 2320}, full_page=True)
    finally:
        context.close()
