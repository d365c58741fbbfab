"""Intake benchmark: `python -m spendline import FILE --db NEW` against the plain baseline
`pandas.read_excel(FILE)` (openpyxl), as whole processes, on generated ledger workbooks;
and the in-app figure (imports paid): read_upload + Store.apply on 100k rows.

    .venv/bin/python bench/intake.py [--sizes 10000 100000 500000] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, PYTHON, ROOT, load_note, median, run_process, table

SIZES = (10_000, 100_000, 500_000)


def ledger(rows: int) -> Path:
    """The generated ledger workbook of this size (bench/out/, made once)."""
    path = OUT / f"ledger_{rows // 1000}k.xlsx"
    if not path.exists():
        print(f"generating {path.name} ...", flush=True)
        run_process([PYTHON, str(ROOT / "bench" / "make_ledger.py"), str(rows), str(path)])
    return path


def spendline_import(path: Path, work: Path, n: int):
    db = work / f"import_{path.stem}_{n}.duckdb"
    return run_process([PYTHON, "-m", "spendline", "import", str(path), "--db", str(db)])


def pandas_read(path: Path):
    return run_process([PYTHON, "-c", f"import pandas; pandas.read_excel({str(path)!r})"])


def whole_processes(sizes: list[int], runs: int) -> list[list]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="spendline-bench-") as tmp:
        for size in sizes:
            path = ledger(size)
            ours, theirs = [], []
            for n in range(runs):  # alternate, so that load from elsewhere hits both alike
                ours.append(spendline_import(path, Path(tmp), n))
                theirs.append(pandas_read(path))
                print(f"  {size:,} rows, run {n + 1}: import {ours[-1].seconds:.2f} s, "
                      f"read_excel {theirs[-1].seconds:.2f} s", flush=True)
            mine = median([r.seconds for r in ours])
            base = median([r.seconds for r in theirs])
            rows.append([f"{size:,}", mine, base, f"{base / mine:.1f}x",
                         max(r.peak_mb for r in ours), max(r.peak_mb for r in theirs)])
    return rows


def in_process(size: int, runs: int) -> list[float]:
    """read_upload + Store.apply with every import already paid, as in the running app."""
    from loaders.intake import UploadedFile, read_upload  # the app has these loaded
    from spendline.store import Store
    from spendline.uploads import batches, intake_options

    data = ledger(size).read_bytes()
    timings = []
    with tempfile.TemporaryDirectory(prefix="spendline-bench-") as tmp:
        for n in range(runs + 1):  # the first run warms caches (regexes, SQL text)
            store = Store(Path(tmp) / f"app_{n}.duckdb")
            options = intake_options(store)
            start = time.perf_counter()
            intake = read_upload([UploadedFile(f"ledger_{size // 1000}k.xlsx", data)], options)
            ids = store.apply(batches(intake))
            elapsed = time.perf_counter() - start
            assert ids, intake.problem_table().head().to_string()
            if n:
                timings.append(elapsed)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Intake ({load_note()})", flush=True)
    rows = whole_processes(args.sizes, args.runs)
    print(table(["ledger rows", "spendline import s", "pandas.read_excel s", "ratio",
                 "import peak MB", "read_excel peak MB"], rows,
                f"\nWhole processes, median of {args.runs} ({load_note()})"))
    timings = in_process(100_000, args.runs)
    print(table(["rows", "median s", "min s", "max s"],
                [["100,000", median(timings), min(timings), max(timings)]],
                f"\nIn the app (imports paid): read_upload + Store.apply ({load_note()})"))


if __name__ == "__main__":
    main()
