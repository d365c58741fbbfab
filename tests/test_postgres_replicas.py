"""Two app processes and command-line imports at once against one PostgreSQL store: every
read a replica makes sees one data version whole, in every view, and both replicas end on
the last import."""

import json
import subprocess
import sys
import textwrap
from decimal import Decimal as D

from spendline.config import ROOT
from spendline.stores.postgres import PostgresStore
from tests.stores import new_database
from tests.test_crash_and_concurrency import cli, ledger_csv

IMPORTS, ROWS, AMOUNT = 2, 200, D("1.25")

# A replica: reads the views the pages read, each read on one snapshot, until it has seen
# the last import; prints what every read saw.
REPLICA = textwrap.dedent("""
    import json, sys, time
    from spendline.stores.postgres import PostgresStore
    from spendline.views import Filters, run_view
    store = PostgresStore(sys.argv[1], poll=0.1)
    last, deadline, seen = int(sys.argv[2]), time.monotonic() + 90, []
    while time.monotonic() < deadline:
        t = store.queries({
            "version": "select value::integer from meta where key = 'data_version'",
            "batches": "select count(*) from batches",
            "rows": "select count(*) from spend",
            "bva": "select coalesce(sum(actual), 0) from budget_vs_actual",
            "roi": "select coalesce(sum(actual), 0) from roi_by_channel",
            "vendors": "select coalesce(sum(actual), 0) from spend_by_vendor",
            "aging": "select coalesce(sum(invoices), 0) from aging",
        })
        row = {k: str(v.column(0)[0].as_py()) for k, v in t.items()}
        if not seen:
            print("ready", flush=True)  # the parent starts the imports now
        seen.append(row)
        if int(row["version"]) >= last:
            break
        time.sleep(0.1)
    print(json.dumps(seen))
""")


def test_two_replicas_and_imports_at_once_see_whole_versions(request, tmp_path):
    url = new_database(request)
    PostgresStore(url).close()  # migrated before the processes start
    files = [ledger_csv(tmp_path / f"l{i}.csv", f"P{i}-", ROWS) for i in range(IMPORTS)]
    replicas = [subprocess.Popen([sys.executable, "-c", REPLICA, url, str(IMPORTS)], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    for replica in replicas:  # each has read the store before any import
        assert replica.stdout.readline().strip() == "ready", replica.stderr.read()
    for path in files:  # one import after the other, while both replicas read
        result = cli("import", str(path), "--db", url)
        out, err = result.communicate(timeout=120)
        assert result.returncode == 0, err
    for replica in replicas:
        out, err = replica.communicate(timeout=120)
        assert replica.returncode == 0, err
        seen = json.loads(out.strip().splitlines()[-1])
        assert int(seen[-1]["version"]) == IMPORTS  # it saw the last import
        for row in seen:  # and every read was one version, whole, in every view
            version = int(row["version"])
            money = str(AMOUNT * ROWS * version)
            assert (int(row["batches"]), int(row["rows"])) == (version, ROWS * version), row
            assert (row["bva"], row["roi"], row["vendors"]) == (money, money, money), row
            assert int(row["aging"]) == ROWS * version, row
        assert seen[0]["version"] == "0"  # it read before, while and after the imports
