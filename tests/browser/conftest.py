"""Real-browser fixtures: the app under `streamlit run`, Debian's Chromium through Playwright.

- `demo_app` (session): the app on a fresh, empty store, so it loads the demo data on its
  first start, exactly as a new user sees it. The journeys that only read share it.
- `start_app` (factory): another app instance on a store of the test's choosing (the upload
  journey writes, so it gets its own copy of the demo store).
- `reference_db` (session): a second copy of the demo store, built in this process and never
  opened by any app: expected figures and the CLI export are computed from it. DuckDB lets one
  process hold a database file at a time, so the test process never touches an app's store.
- `browser` (session): `/usr/bin/chromium` (or `$SPENDLINE_CHROMIUM`), headless, kept off the
  network. There is no fallback to a downloaded browser: a missing Chromium fails the tests.
- `open_app` (factory): a fresh browser context and page on an app, at 1440x900, recording
  console errors, page errors and failed requests; any request that leaves 127.0.0.1 is
  aborted and recorded as a failure. The fixture fails the test on any of them at teardown.

Screenshots go to `$SPENDLINE_SCREENSHOTS` or `screenshots/` at the repository root (git
ignores it); the folder is printed at the end of the run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import harness
from tests.browser.app_page import AppPage
from tests.browser.harness import AppServer, launch_app, new_app_page


@pytest.fixture(scope="session")
def reference_db(demo_store_file, tmp_path_factory) -> Path:
    """The demo store, built in this process (tests/conftest.py), copied for these tests."""
    path = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    shutil.copy(demo_store_file, path)
    return path


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory) -> Iterator[AppServer]:
    """The app on an empty store: it loads the shipped demo data on first start."""
    workdir = tmp_path_factory.mktemp("demo_app")
    server = launch_app(workdir / "spendline.duckdb", workdir)
    yield server
    server.stop()


@pytest.fixture
def start_app(tmp_path) -> Iterator:
    """`start_app(db)`: another app instance on a store file; stopped after the test."""
    servers: list[AppServer] = []

    def start(db: Path) -> AppServer:
        server = launch_app(db, tmp_path)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    chromium = harness.chromium_or_fail()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), headless=True,
                                              args=harness.CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session", autouse=True)
def _no_stale_failure_pictures() -> None:
    for old in (harness.SCREENSHOTS / "failed").glob("*.png"):
        old.unlink()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def open_app(request, browser, tmp_path) -> Iterator:
    """`open_app(server, path="/")`: a fresh browser context on the app, for one test. Fails
    the test at teardown on any console error, page error or failed request seen in any of
    the pages it opened. When the test fails, each page is photographed under
    <screenshots>/failed/ as it was at the end."""
    pages: list[AppPage] = []

    def open_(server: AppServer, path: str = "/") -> AppPage:
        page = new_app_page(browser, server, tmp_path / f"downloads{len(pages)}", path)
        pages.append(page)
        return page

    yield open_
    if request.node.stash.get(_CALL_FAILED, False):
        for number, page in enumerate(pages):
            path = harness.SCREENSHOTS / "failed" / f"{request.node.name}_{number}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            page.page.screenshot(path=path)
            print(f"failed test's page {number} ({page.url}): {path}")
    problems = [p for page in pages for p in page.problems]
    for page in pages:
        page.context.close()
    assert not problems, "the browser saw errors:\n" + "\n".join(problems)


def pytest_terminal_summary(terminalreporter) -> None:
    if harness.saved_screenshots:
        terminalreporter.write_line(
            f"browser tests: {len(harness.saved_screenshots)} shots in {harness.SCREENSHOTS} "
            "(NN_page.png: the 1440x900 window; NN_page_full.png: the whole page; "
            "NN_page_1024.png: a 1024x768 window)")
