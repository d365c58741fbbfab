"""Nothing lost: a process killed in the middle of storing leaves the earlier state exactly;
two processes importing at once both land whole, one after the other, or one is refused
with a plain message; never a mix."""

import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal as D

from spendline.config import ROOT
from spendline.store import Store

HEADER = "document_id,vendor,channel,status,amount_net,invoice_date\n"


def ledger_csv(path, prefix: str, rows: int, amount: str = "1.25"):
    lines = [f"{prefix}{i},Vendor {i % 50},Email,invoiced,{amount},2026-03-{1 + i % 28:02d}\n"
             for i in range(rows)]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "spendline", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def totals(db) -> tuple:
    store = Store(db)
    row = store.query("select count(*), sum(amount_net) from spend").to_pylist()[0]
    return tuple(row.values()), len(store.history()), store.data_version()


# The child stores a large batch and stops, for ever, inside the transaction: just after the
# rows are written and `current` derived, before COMMIT. The parent then kills it.
CHILD = textwrap.dedent("""
    import sys, time
    from spendline.stores import duckdb_file as store
    real = store.derive_current
    def derive_then_hang(con, kind):
        real(con, kind)
        print("IN_TRANSACTION", flush=True)
        time.sleep(600)
    store.derive_current = derive_then_hang
    from spendline.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def test_sigkill_in_the_middle_of_an_import_leaves_the_earlier_state(tmp_path):
    db = tmp_path / "s.duckdb"
    first = ledger_csv(tmp_path / "first.csv", "A", 100)
    assert cli("import", str(first), "--db", str(db)).wait(60) == 0
    before = totals(db)
    assert before[0] == (100, D("125.00"))

    big = ledger_csv(tmp_path / "big.csv", "B", 30_000, amount="9.99")
    child = subprocess.Popen([sys.executable, "-c", CHILD, "import", str(big), "--db", str(db)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "IN_TRANSACTION"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(30)
    assert child.returncode == -signal.SIGKILL

    # The store opens, holds exactly what it held, and the history shows no half batch.
    assert totals(db) == before
    assert Store(db).query("select count(*) from spend_rows where batch_id > 1"
                           ).column(0)[0].as_py() == 0


def test_two_imports_at_once_never_mix(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db)  # created up front, so both processes race for the same file
    one = ledger_csv(tmp_path / "one.csv", "X", 20_000, amount="1.00")
    two = ledger_csv(tmp_path / "two.csv", "Y", 20_000, amount="2.00")
    a = cli("import", str(one), "--db", str(db))
    b = cli("import", str(two), "--db", str(db))
    results = [(p.wait(180), *p.communicate()) for p in (a, b)]
    store = Store(db)
    rows = store.query("select left(document_id, 1) as p, sum(amount_net) as total "
                       "from spend group by 1").to_pylist()
    by_prefix = {r["p"]: r["total"] for r in rows}
    for prefix, amount, (code, _out, err) in zip("XY", ("20000.00", "40000.00"), results):
        if code == 0:
            assert by_prefix[prefix] == D(amount)  # the whole batch, nothing less
        else:
            assert "in use by another program" in err
            assert prefix not in by_prefix
    assert any(code == 0 for code, *_ in results)
    assert len(store.history()) == sum(code == 0 for code, *_ in results)
