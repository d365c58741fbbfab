"""A pack's PDF: its HTML printed by Debian's Chromium (the browser the browser tests drive)
through Playwright's `page.pdf`, offline: every request the page would make is refused.

Chromium lays out the same HTML the page previews, runs plotly.js for the charts, repeats table
headers on each page and keeps rows whole (the template's print CSS); the header of every PDF
page carries the pack's filters, as-of date, data version and when it was made, the footer the
page number. Without Chromium (or Playwright) `PdfUnavailable` says so; the HTML still works.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("SPENDLINE_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-gpu",
                 "--disable-dev-shm-usage", "--no-first-run", "--disable-default-apps",
                 "--disable-extensions", "--no-default-browser-check"]
TIMEOUT_MS = 60_000


class PdfUnavailable(RuntimeError):
    """No PDF engine here; the message says what to install."""


def available() -> str | None:
    """None when a PDF can be made here, else why not (for the page and the command line)."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (f"PDF needs Chromium at {CHROMIUM} (Debian: `sudo apt-get install -y "
                "chromium`, or set SPENDLINE_CHROMIUM). The HTML file holds the same pack.")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("PDF needs the Python package playwright (requirements-dev.txt). The HTML file "
                "holds the same pack.")
    return None


def _header(meta: str) -> str:
    return ('<div style="font-size:7px;color:#6b7280;width:100%;padding:0 12mm;'
            f'font-family:sans-serif">{html.escape(meta)}</div>')


FOOTER = ('<div style="font-size:8px;color:#6b7280;width:100%;text-align:center;'
          'font-family:sans-serif">Page <span class="pageNumber"></span> of '
          '<span class="totalPages"></span></div>')


def html_to_pdf(page_html: str, meta: str = "") -> bytes:
    """The HTML printed on A4 by Chromium, `meta` in every page's header."""
    why = available()
    if why:
        raise PdfUnavailable(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True)
            context.route("**/*", lambda route: route.abort())  # nothing leaves the machine
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.set_content(page_html, wait_until="load")
            page.emulate_media(media="print")
            # Every chart drawn (plotly.js makes one .main-svg per plot, synchronously).
            page.wait_for_function(
                "Array.from(document.querySelectorAll('.plotly-graph-div'))"
                ".every(d => d.querySelector('.main-svg'))")
            return page.pdf(format="A4", print_background=True, display_header_footer=True,
                            header_template=_header(meta), footer_template=FOOTER,
                            margin={"top": "16mm", "bottom": "16mm", "left": "12mm",
                                    "right": "12mm"})
        finally:
            browser.close()
