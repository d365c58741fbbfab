"""The command-line import works while the dashboard is running: the app holds no lock on
the store while idle, and picks the new batch up on its next run."""

import shutil
import subprocess
import sys
from decimal import Decimal

from spendline.config import ROOT
from spendline.store import Store


def test_cli_import_while_the_app_is_open(demo_store_file, tmp_path, start_app, open_app):
    db = tmp_path / "running.duckdb"
    shutil.copy(demo_store_file, db)
    server = start_app(db)
    app = open_app(server, "/")
    app.wait_idle()
    assert app.title() == "Overview"

    ledger = tmp_path / "late.csv"
    ledger.write_text("document_id,vendor,channel,status,amount_net,invoice_date\n"
                      "LATE-1,Late Vendor,Email,invoiced,123.45,2026-11-02\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "spendline", "import", str(ledger),
                           "--db", str(db)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Stored 1 batch(es)" in done.stdout

    # The running app still works on the same file and sees the new batch.
    app.go_to_page("Stored data")
    app.wait_idle()
    assert not app.exceptions()
    server.stop()
    stored = Store(db).query("select amount_net from spend where document_id = 'LATE-1'")
    assert stored.column(0)[0].as_py() == Decimal("123.45")
