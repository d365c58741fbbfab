"""The pieces the browser fixtures are made of: the app under `streamlit run`, Debian's
Chromium, fresh browser contexts and screenshots. conftest.py turns them into fixtures."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from spendline.config import ROOT
from tests.browser.app_page import AppPage

CHROMIUM = Path(os.environ.get("SPENDLINE_CHROMIUM") or "/usr/bin/chromium")
# No sandbox (CI runs as root); no background traffic to Google and co.: the machine's network
# is closed, and a test must not depend on anything outside it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-default-browser-check",
]
VIEWPORT = {"width": 1440, "height": 900}
SMALL_VIEWPORT = {"width": 1024, "height": 768}
START_TIMEOUT = 90  # seconds for `streamlit run` to answer /_stcore/health
SCREENSHOTS = Path(os.environ.get("SPENDLINE_SCREENSHOTS") or ROOT / "screenshots")

saved_screenshots: list[Path] = []


# -- the app -----------------------------------------------------------------------------------
@dataclass
class AppServer:
    url: str
    db: Path
    log: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        """Terminate, then kill if it has not gone in 15 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Loopback only: never through a proxy the environment may name.
_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _healthy(url: str) -> bool:
    try:
        with _http.open(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def launch_app(db: Path, workdir: Path) -> AppServer:
    """`streamlit run app.py` on a free loopback port against the store `db`, once it
    answers its health check."""
    port = _free_port()
    log = workdir / f"streamlit-{port}.log"
    # No secrets: the app runs in its open single-user mode whatever a developer keeps in
    # .streamlit/secrets.toml (a configured sign-in would need an identity provider).
    secrets = workdir / "no-secrets.toml"
    secrets.write_text("")
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        # Other people edit the working tree while tests run: no reruns on file changes.
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
        "--secrets.files", str(secrets),
    ]
    env = {**os.environ, "SPENDLINE_DB": str(db), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = AppServer(f"http://127.0.0.1:{port}", db, log, process)
    deadline = time.monotonic() + START_TIMEOUT
    while not _healthy(server.url):
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{server.log_text()}")
        if time.monotonic() > deadline:
            server.stop()
            pytest.fail(f"streamlit did not answer /_stcore/health in {START_TIMEOUT} s:\n"
                        f"{server.log_text()}")
        time.sleep(0.25)
    return server


# -- the browser -------------------------------------------------------------------------------
def chromium_or_fail() -> Path:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium is missing: the browser tests (tests/browser) need it at {CHROMIUM}. "
            "Install Debian's package: `sudo apt-get install -y chromium` (bash .ci/run does "
            "this in CI), or point SPENDLINE_CHROMIUM at another Chromium binary. Playwright's "
            "own browser download is not used.", pytrace=False)
    return CHROMIUM


def new_app_page(browser, server: AppServer, downloads: Path, path: str = "/") -> AppPage:
    """A fresh browser context (no session, cookies or storage shared with any other) on the
    app at 1440x900, opened at `path` and waited until idle."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = AppPage(context, server.url, downloads)
    page.goto(path)
    return page


# -- screenshots -------------------------------------------------------------------------------
def save_screenshot(app: AppPage, name: str) -> Path:
    """The page at 1440x900 as <folder>/<name>.png, the whole page (1440 wide) as
    <name>_full.png and the page at 1024x768 as <name>_1024.png. The first one of a run
    clears the page shots of earlier runs."""
    if not saved_screenshots and SCREENSHOTS.is_dir():
        for old in SCREENSHOTS.glob("[0-9][0-9]_*.png"):
            old.unlink()
    path = SCREENSHOTS / f"{name}.png"
    app.screenshot(path, full=True)
    saved_screenshots.append(path)
    # and at a small laptop's 1024x768 (<name>_1024.png), the window put back afterwards
    app.page.set_viewport_size(SMALL_VIEWPORT)
    app.page.wait_for_timeout(600)  # Plotly relayouts on resize
    small = SCREENSHOTS / f"{name}_1024.png"
    app.screenshot(small)
    saved_screenshots.append(small)
    app.page.set_viewport_size(VIEWPORT)
    app.page.wait_for_timeout(300)
    return path
