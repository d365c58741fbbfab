"""Cold start: from `streamlit run app.py` (headless, loopback, on a copy of a demo store) to
the first page rendered in a browser (playwright + /usr/bin/chromium): the health check
answering, then the app connected, the first page's title shown, its script done
(`[data-test-script-state='notRunning']`) and no skeleton left. Without chromium, only the
time until the health check answers.

    .venv/bin/python bench/cold_start.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, PYTHON, ROOT, load_note, median, table

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
NOT_RUNNING = "[data-testid='stApp'][data-test-script-state='notRunning']"
TITLE = "h1:has-text('Overview')"  # the first page's own content, not just the frame


def demo_store() -> Path:
    """The demo data in a store, made once, its ledger facts made (as after a first use)."""
    from spendline import connections
    from spendline.demo import load_demo_if_empty
    from spendline.store import Store

    path = OUT / "demo.duckdb"
    if not path.exists():
        store = Store(path)
        load_demo_if_empty(store)
        store.query("select 1")
        connections.close()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(port: int, deadline: float) -> None:
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError("the server never answered its health check")


def one_start(store: Path, browser) -> tuple[float, float | None]:
    """(seconds to the health check, seconds to the first page rendered or None)."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="spendline-cold-") as tmp:
        copy = Path(tmp) / "store.duckdb"
        shutil.copy(store, copy)
        env = {**os.environ, "SPENDLINE_DB": str(copy)}
        start = time.monotonic()
        server = subprocess.Popen(
            [PYTHON, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_health(port, start + 60)
            healthy = time.monotonic() - start
            rendered = None
            if browser is not None:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
                for selector in (CONNECTED, TITLE, NOT_RUNNING):
                    page.wait_for_selector(selector, state="attached", timeout=60_000)
                page.wait_for_function(
                    "() => !document.querySelector(\"[data-testid='stSkeleton']\")",
                    timeout=60_000)
                rendered = time.monotonic() - start
                page.close()
            return healthy, rendered
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    store = demo_store()
    runs = []
    if Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:  # the browser starts first: not part of the figure
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            runs = [one_start(store, browser) for _ in range(args.runs)]
            browser.close()
    else:
        print(f"{CHROMIUM} is missing: timing until the health check answers only.")
        runs = [one_start(store, None) for _ in range(args.runs)]
    rows = [["health check answers", median([h for h, _ in runs]),
             min(h for h, _ in runs), max(h for h, _ in runs)]]
    if runs[0][1] is not None:
        rows.append(["first page rendered", median([r for _, r in runs]),
                     min(r for _, r in runs), max(r for _, r in runs)])
    print(table(["from `streamlit run`", "median s", "min s", "max s"], rows,
                f"Cold start, demo store, {args.runs} runs ({load_note()})"))


if __name__ == "__main__":
    main()
