"""The command line's import stays light: it loads neither Streamlit, Plotly nor openpyxl,
which only the app and its downloads need; each would cost a noticeable part of a second
before any work is done. (Pandera it needs: every sheet is validated by its models.)"""

import subprocess
import sys

from spendline.config import ROOT
from tests.helpers import SPEND_HEADER, xlsx

HEAVY = ("streamlit", "plotly", "openpyxl")
PROBE = """
import sys
from spendline.cli import main
code = main(["import", sys.argv[1], "--db", sys.argv[2]])
print(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[3].split(","))))
sys.exit(code)
"""


def test_import_loads_no_heavy_module(tmp_path):
    book = tmp_path / "ledger.xlsx"
    book.write_bytes(xlsx({"L": [[*SPEND_HEADER[:6], "invoice_date"],
                                 ["A", "V", "Email", "invoiced", 5, "EUR", "2026-01-01"]]}))
    done = subprocess.run([sys.executable, "-c", PROBE, str(book), str(tmp_path / "s.duckdb"),
                           ",".join(HEAVY)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
