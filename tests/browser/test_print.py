"""A page printed from the browser (issue 16): the print style sheet drops the sidebar,
header, toolbar and buttons, lets the page flow over several sheets, and prints every table
whole (the plain copy of ui/print_view.py) instead of its scrolling canvas."""

from __future__ import annotations

from tests.browser.harness import SCREENSHOTS, new_app_page

VISIBLE = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => { const box = e.getBoundingClientRect(); const style = getComputedStyle(e);
                 return style.display !== 'none' && style.visibility !== 'hidden'
                        && box.width > 0 && box.height > 0; }).length"""


def test_a_printed_page_has_no_sidebar_or_buttons_and_whole_tables(browser, demo_app,
                                                                   tmp_path):
    app = new_app_page(browser, demo_app, tmp_path, "/channel_spend")
    try:
        page = app.page
        count = lambda selector: page.evaluate(VISIBLE, selector)  # noqa: E731
        # on screen: the sidebar, buttons and the scrolling tables; the print copies hidden
        assert count("[data-testid='stSidebar']") == 1
        assert count("[data-testid='stDataFrame']") > 0
        assert count(".spendline-print") == 0
        page.emulate_media(media="print")
        page.wait_for_timeout(300)
        for gone in ("[data-testid='stSidebar']", "[data-testid='stHeader']",
                     "[data-testid='stToolbar']", "button", "[data-testid='stDataFrame']"):
            assert count(gone) == 0, gone
        tables = page.locator(".spendline-print table").all()
        assert tables and all(t.is_visible() for t in tables)
        # whole: every row, not the dozen a scrolling canvas of 320 px shows
        assert page.locator("[data-testid='stElementContainer']:has(.spendline-print)"
                            ).count() == len(tables)
        rows = [t.locator("tbody tr").count() for t in tables]
        assert max(rows) > 12
        # the page is no longer a window that scrolls: it flows on
        assert page.evaluate("() => getComputedStyle(document.querySelector("
                             "\"[data-testid='stMain']\")).overflow") == "visible"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "print_channel_spend.png"), full_page=True)
    finally:
        app.context.close()
