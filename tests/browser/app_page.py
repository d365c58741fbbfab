"""One browser page on the running app, driven the way a person uses it.

Waiting: Streamlit reruns the script after every interaction, so after each step the page
waits until the app is idle: connected, the script not running, no skeleton placeholders,
and the same for two checks in a row (a click's rerun may start a moment after the click).

Watching: console errors, uncaught page errors, failed requests and HTTP errors are kept in
`problems`. Any request to a host other than 127.0.0.1 is aborted and kept there too: the app
must work without the network.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import BrowserContext, Locator, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
NOT_RUNNING = "[data-testid='stApp'][data-test-script-state='notRunning']"
SKELETON = "[data-testid='stSkeleton']"
EXCEPTION = "[data-testid='stException']"
LOCAL_HOSTS = {"127.0.0.1"}
# streamlit#7074 (open): a page opened on its own URL (/roi) makes the client look for the
# server under that path first (/roi/_stcore/health and /host-config, both 404) before it
# finds it at the root. Those two 404s, and the console lines about them, are not the app's.
BASE_PATH_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")
# The favicon (app.py's page_icon, a file) is a Streamlit media file that every script run
# drops and adds again; a run interrupted by a quick second interaction (two arrow keys on a
# slider) can leave it deleted for a moment, and the browser's fetch in that moment is a 404.
# Only a 404 of the favicon's own URL is let through; any other media 404 is a failure.
FAVICON = "() => document.querySelector(\"link[rel~='icon']\")?.href ?? null"

STEP_TIMEOUT_MS = 60_000  # one rerun, one download, one element to appear
IDLE_TIMEOUT_S = 90  # the first run of a fresh server loads the demo store
SETTLE_MS = 300
VIEWPORT_CORNER = (1435, 895)  # where the mouse rests for a screenshot
TITLE_TIMEOUT_MS = 30_000  # a page's title after a click in the navigation


class AppPage:
    def __init__(self, context: BrowserContext, base_url: str, downloads: Path):
        self.context = context
        self.base_url = base_url.rstrip("/")
        self.downloads = downloads
        self._seen: list[tuple[str | None, str]] = []  # (URL of a 404 or None, what)
        self._favicons: set[str] = set()
        context.set_default_timeout(STEP_TIMEOUT_MS)
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self._seen.append((None, f"page error: {error}")))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)
        self.page.on("websocket", self._websocket)

    # -- watching ------------------------------------------------------------------------------
    @property
    def problems(self) -> list[str]:
        """Everything wrong the browser saw, but for the two known 404s described above."""
        return [what for url, what in self._seen if url is None or url not in self._favicons]

    def _route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self._seen.append((None, f"request off the machine (aborted): {url}"))
            route.abort("blockedbyclient")

    def _console(self, message) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        if message.text.startswith("Failed to load resource: the server responded with a "
                                   "status of 404"):
            if not _base_path_probe(url):
                self._seen.append((url, f"console error: {message.text} ({url})"))
        else:
            self._seen.append((None, f"console error: {message.text} ({message.location})"))

    def _request_failed(self, request) -> None:
        if urlsplit(request.url).hostname in LOCAL_HOSTS:
            self._seen.append((None, f"request failed: {request.method} {request.url}: "
                                     f"{request.failure}"))

    def _response(self, response) -> None:
        if response.status == 404 and _base_path_probe(response.url):
            return
        if response.status >= 400:
            self._seen.append((response.url if response.status == 404 else None,
                               f"HTTP {response.status}: {response.request.method} "
                               f"{response.url}"))

    def _websocket(self, socket) -> None:
        if urlsplit(socket.url).hostname not in LOCAL_HOSTS:
            self._seen.append((None, f"websocket off the machine: {socket.url}"))

    # -- navigation and waiting ----------------------------------------------------------------
    def goto(self, path: str = "/") -> None:
        self.page.goto(self.base_url + path)
        self.wait_idle()
        self.page.locator("[data-testid='stMain'] h1").first.wait_for()
        if favicon := self.page.evaluate(FAVICON):
            self._favicons.add(favicon)

    def wait_idle(self) -> None:
        page = self.page
        deadline = time.monotonic() + IDLE_TIMEOUT_S
        quiet = 0
        while quiet < 2:
            left_ms = max(1000, (deadline - time.monotonic()) * 1000)
            if time.monotonic() > deadline:
                raise AssertionError(f"the app did not become idle in {IDLE_TIMEOUT_S} s")
            page.wait_for_selector(CONNECTED, timeout=left_ms)
            page.wait_for_selector(NOT_RUNNING, timeout=left_ms)
            page.wait_for_function(
                f"() => !document.querySelector(\"{SKELETON}\")", timeout=left_ms)
            page.wait_for_timeout(SETTLE_MS)
            idle = (page.locator(NOT_RUNNING).count() == 1
                    and page.locator(SKELETON).count() == 0)
            quiet = quiet + 1 if idle else 0

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    def query(self) -> dict[str, list[str]]:
        """The URL's query parameters."""
        return parse_qs(urlsplit(self.page.url).query)

    def title(self) -> str:
        return self.page.locator("[data-testid='stMain'] h1").first.inner_text().strip()

    def exceptions(self) -> list[str]:
        return [e.inner_text() for e in self.page.locator(EXCEPTION).all()]

    def expand_navigation(self) -> None:
        """Open the navigation's "View N more" (Streamlit folds long page lists)."""
        more = self.sidebar.get_by_test_id("stSidebarNavViewButton")
        if more.count() and "more" in more.inner_text():
            more.click()
            self.page.wait_for_function(
                "() => !document.querySelector(\"[data-testid='stSidebarNavViewButton']\")"
                "?.innerText.includes('more')")

    def navigation(self) -> dict[str, str]:
        """Every page in the navigation: path -> label."""
        self.expand_navigation()
        pages = {}
        for link in self.sidebar.get_by_test_id("stSidebarNavLink").all():
            path = "/" + link.get_attribute("href").split("/", 3)[-1].split("?")[0]
            pages[path] = link.get_by_test_id("stMarkdownContainer").inner_text().strip()
        return pages

    def go_to_page(self, title: str) -> None:
        """Click a page in the sidebar navigation (client-side, as a person does) and wait
        until it is the current page, its title (every page's st.title is its navigation
        label) is shown and the app is idle."""
        label = self.page.get_by_text(title, exact=True)
        link = self.sidebar.get_by_test_id("stSidebarNavLink").filter(has=label)
        if not link.count():
            self.expand_navigation()
        link.click()
        self.page.wait_for_function(
            "title => document.querySelector(\"[data-testid='stSidebarNavLink'][aria-current="
            "'page'] [data-testid='stMarkdownContainer']\")?.innerText.trim() === title",
            arg=title)
        try:
            self.page.wait_for_function(
                "title => [...document.querySelectorAll(\"[data-testid='stMain'] h1\")]"
                ".some(h => h.innerText.trim() === title)", arg=title, timeout=TITLE_TIMEOUT_MS)
        except PlaywrightTimeout:
            pass  # a page titled otherwise: the caller's assertion on title() says so
        self.wait_idle()

    # -- sidebar filters -----------------------------------------------------------------------
    @property
    def sidebar(self) -> Locator:
        return self.page.get_by_test_id("stSidebar")

    def _multiselect(self, label: str) -> Locator:
        # `has` is matched inside each multiselect, so it is built from the page, not sidebar
        box = self.page.get_by_role("combobox", name=label, exact=True)
        return self.sidebar.get_by_test_id("stMultiSelect").filter(has=box)

    def choose(self, label: str, *values: str) -> None:
        """Pick values in a sidebar multiselect, one after the other."""
        for value in values:
            box = self.sidebar.get_by_role("combobox", name=label, exact=True)
            box.click()
            box.fill(value)
            self.page.get_by_role("option", name=value, exact=True).click()
            self.page.keyboard.press("Escape")
            self.wait_idle()

    def chosen(self, label: str) -> list[str]:
        """The values shown as tags in a sidebar multiselect."""
        tags = self._multiselect(label).locator("[data-tag]")
        return [t.get_attribute("aria-label") for t in tags.all()]

    def _thumb(self, label: str, end: str) -> Locator:
        return self.sidebar.locator(f"input[type='range'][aria-label='{label} — {end}']")

    def slider_range(self, label: str) -> tuple[str, str]:
        return (self._thumb(label, "start").get_attribute("aria-valuetext"),
                self._thumb(label, "end").get_attribute("aria-valuetext"))

    def set_slider_range(self, label: str, start: str, end: str, options: list[str]) -> None:
        """Move a range slider's thumbs with the keyboard to the options `start` and `end`."""
        for which, target in (("start", start), ("end", end)):
            thumb = self._thumb(label, which)
            now = options.index(thumb.get_attribute("aria-valuetext"))
            steps = options.index(target) - now
            thumb.focus()
            for _ in range(abs(steps)):
                self.page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
            self.wait_idle()
        assert self.slider_range(label) == (start, end)

    def filters_caption(self) -> str:
        """The sidebar's one-line summary of the filters."""
        summary = self.sidebar.get_by_test_id("stCaptionContainer").filter(
            has_text=re.compile(r"^FY.* · as of "))
        return summary.inner_text().strip()

    # -- what the page shows -------------------------------------------------------------------
    def tiles(self) -> dict[str, dict[str, str | None]]:
        """KPI tiles: label -> value, delta text and the delta arrow ('up', 'down' or None)."""
        out = {}
        for metric in self.page.get_by_test_id("stMetric").all():
            label = metric.get_by_test_id("stMetricLabel").inner_text().strip()
            value = metric.get_by_test_id("stMetricValue").inner_text().strip()
            delta = metric.get_by_test_id("stMetricDelta")
            text = arrow = None
            if delta.count():
                text = delta.inner_text().strip()
                if delta.get_by_test_id("stMetricDeltaIcon-Up").count():
                    arrow = "up"
                elif delta.get_by_test_id("stMetricDeltaIcon-Down").count():
                    arrow = "down"
            out[label] = {"value": value, "delta": text, "arrow": arrow}
        return out

    def plotly_charts(self) -> Locator:
        return self.page.locator("[data-testid='stMain'] .js-plotly-plot")

    def element(self, key: str) -> Locator:
        """The element a widget key names (Streamlit adds the class st-key-<key>)."""
        return self.page.locator(f".st-key-{key}")

    def download(self, button: Locator) -> Path:
        """Click a download button and return the saved file."""
        with self.page.expect_download(timeout=STEP_TIMEOUT_MS) as info:
            button.click()
        download = info.value
        assert download.failure() is None, download.failure()
        self.downloads.mkdir(parents=True, exist_ok=True)
        target = self.downloads / download.suggested_filename
        download.save_as(target)
        return target

    def csv_of(self, key: str) -> bytes:
        """The bytes of the 'CSV' download under a table (ui.widgets.table's key)."""
        return self.download(self.element(f"csv_{key}").get_by_role("button")).read_bytes()

    # -- screenshots ---------------------------------------------------------------------------
    def screenshot(self, path: Path, *, full: bool = False) -> None:
        """The 1440x900 viewport; `full` also grows the window to the whole page's height
        (Streamlit scrolls inside stMain, so Playwright's full_page sees only the window)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.mouse.move(VIEWPORT_CORNER[0], VIEWPORT_CORNER[1])  # no hover highlight
        self.page.screenshot(path=path)
        if not full:
            return
        size = self.page.viewport_size
        height = self.page.evaluate(
            "() => Math.max(...[...document.querySelectorAll("
            "\"[data-testid='stMain'], [data-testid='stSidebarContent']\")]"
            ".map(e => e.scrollHeight))")
        self.page.set_viewport_size({"width": size["width"], "height": max(height, 900)})
        self.page.wait_for_timeout(600)  # Plotly relayouts on resize
        self.page.screenshot(path=path.with_name(f"{path.stem}_full{path.suffix}"))
        self.page.set_viewport_size(size)
        self.page.wait_for_timeout(300)


def _base_path_probe(url: str) -> bool:
    parts = urlsplit(url)
    return parts.hostname in LOCAL_HOSTS and bool(BASE_PATH_PROBE.match(parts.path))
