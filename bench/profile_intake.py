"""Where an upload's time goes: 100k ledger rows read, validated and stored in process
(imports paid, as in the running app), timed per stage, median of three runs; then one run
under pyinstrument, its call tree written to bench/out/intake_profile.txt.

    .venv/bin/python bench/profile_intake.py [--rows 100000]

The stages are the pipeline's own functions, timed by wrapping them (a stage called inside
another is counted once, in the inner one):
- Excel parse: loaders.worker.parse_upload (zip, XML, cells into typed Arrow columns, in the
  parse worker);
- layout: the header, blank and totals rows (loaders.layout.table_from_columns);
- values: localized numbers, money, dates, yes/no, statuses into typed columns;
- Pandera: the SPEC §2 rules (loaders.schemas.failures);
- store: Store.apply (preview, batch rows, merge by key, commit).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, load_note, median, table
from bench.intake import ledger

STAGES = {  # (module, function) -> stage
    ("loaders.intake", "parse_upload"): "Excel parse (worker)",
    ("loaders.intake", "table_from_columns"): "layout",
    ("loaders.intake", "parse_sheet"): "values",
    ("loaders.sheet_checks", "failures"): "Pandera",
    ("spendline.store", "Store.apply"): "store",
}


def _timed(spent: dict[str, float], stage: str, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - start
    return wrapper


def stage_times(path: Path, runs: int) -> tuple[list[dict[str, float]], list[float]]:
    import importlib

    from loaders.intake import UploadedFile, read_upload
    from spendline.store import Store
    from spendline.uploads import batches, intake_options

    spent: dict[str, float] = defaultdict(float)
    for (module_name, name), stage in STAGES.items():
        module = importlib.import_module(module_name)
        owner, attribute = (module, name) if "." not in name else (
            getattr(module, name.split(".")[0]), name.split(".")[1])
        setattr(owner, attribute, _timed(spent, stage, getattr(owner, attribute)))
    data = path.read_bytes()
    per_run, totals = [], []
    with tempfile.TemporaryDirectory(prefix="spendline-profile-") as tmp:
        for n in range(runs + 1):  # the first run warms caches
            store = Store(Path(tmp) / f"profile_{n}.duckdb")
            options = intake_options(store)
            spent.clear()
            start = time.perf_counter()
            intake = read_upload([UploadedFile(path.name, data)], options)
            assert store.apply(batches(intake)), intake.problem_table().head().to_string()
            if n:
                totals.append(time.perf_counter() - start)
                per_run.append(dict(spent))
    return per_run, totals


def profile_once(path: Path) -> Path:
    from pyinstrument import Profiler

    from loaders.intake import UploadedFile, read_upload
    from spendline.store import Store
    from spendline.uploads import batches, intake_options

    data = path.read_bytes()
    with tempfile.TemporaryDirectory(prefix="spendline-profile-") as tmp:
        store = Store(Path(tmp) / "pyinstrument.duckdb")
        options = intake_options(store)
        profiler = Profiler()
        profiler.start()
        store.apply(batches(read_upload([UploadedFile(path.name, data)], options)))
        profiler.stop()
    out = OUT / "intake_profile.txt"
    out.write_text(profiler.output_text(unicode=False, color=False))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = ledger(args.rows)
    per_run, totals = stage_times(path, args.runs)
    total = median(totals)
    rows = [[stage, median([r.get(stage, 0.0) for r in per_run]) * 1000,
             f"{median([r.get(stage, 0.0) for r in per_run]) / total:.0%}"]
            for stage in dict.fromkeys(STAGES.values())]
    accounted = sum(r[1] for r in rows) / 1000
    rows.append(["other (sheet kind, problems, frames)", (total - accounted) * 1000,
                 f"{(total - accounted) / total:.0%}"])
    rows.append(["whole upload", total * 1000, "100%"])
    print(table(["stage", "median ms", "share"], rows,
                f"Where the time goes: {args.rows:,} ledger rows in process, median of "
                f"{args.runs} ({load_note()})"))
    print(f"\npyinstrument call tree: {profile_once(path)}")


if __name__ == "__main__":
    main()
