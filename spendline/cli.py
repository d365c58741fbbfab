"""python -m spendline import FILE... | export VIEW [filters] (SPEC §5) | remove-demo."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from loaders.intake import UploadedFile
from loaders.problems import COLUMNS, WARNING
from spendline.csv_out import table_csv
from spendline.store import StoreBusy, open_store
from spendline.uploads import import_into
from spendline.views import VIEWS, Filters, run_view

DB_HELP = ("store: a DuckDB file or a postgresql:// URL (default: the app's, SPENDLINE_DB_URL "
           "or SPENDLINE_DB)")

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spendline")
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="validate and store spreadsheets")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--db", default=None, help=DB_HELP)
    imp.add_argument("--year", type=int, default=None,
                     help="year of a wide budget whose month columns name none")
    exp = commands.add_parser("export", help="write a view as CSV to standard output")
    exp.add_argument("view", choices=VIEWS)
    exp.add_argument("--db", default=None, help=DB_HELP)
    exp.add_argument("--as-of", type=_day, default=None, help="YYYY-MM-DD (default: today)")
    exp.add_argument("--from", dest="from_month", type=_month, default=None, help="YYYY-MM")
    exp.add_argument("--to", dest="to_month", type=_month, default=None, help="YYYY-MM")
    for name in ("channel", "account", "platform", "category", "campaign", "vendor"):
        exp.add_argument(f"--{name}", action="append", default=[], metavar="X",
                         help=f"keep this {name} (repeat for several)")
    rem = commands.add_parser("remove-demo", help="roll back the demo data (the history "
                              "keeps it); your own uploads stay")
    rem.add_argument("--db", default=None, help=DB_HELP)
    args = parser.parse_args(argv)
    try:
        if args.command == "import":
            return _import(args)
        if args.command == "export":
            return _export(args)
        if args.command == "remove-demo":
            return _remove_demo(args)
    except StoreBusy as exc:
        print(exc, file=sys.stderr)
        return 2
    return 2


def _import(args: argparse.Namespace) -> int:
    files = []
    for path in args.files:
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 1
        files.append(UploadedFile(path.name, path.read_bytes()))
    intake, ids = import_into(args.db, files, year=args.year)
    problems = intake.problem_table()
    warnings = problems[problems["level"] == WARNING]
    errors = problems[problems["level"] != WARNING]
    for sheet in intake.sheets:
        if sheet.kind and sheet.frame is not None:
            print(f"{sheet.file_name} › {sheet.sheet}: {sheet.kind}, {len(sheet.frame)} rows")
    if not warnings.empty:
        print("\nSkipped and noted:")
        print(_table(warnings))
    if not errors.empty:
        print("\nProblems (nothing was stored):", file=sys.stderr)
        print(_table(errors), file=sys.stderr)
        return 1
    print(f"\nStored {len(ids)} batch(es): {', '.join(map(str, ids))}.")
    return 0


def _export(args: argparse.Namespace) -> int:
    filters = Filters(
        from_month=args.from_month, to_month=args.to_month, as_of=args.as_of,
        channels=tuple(args.channel), accounts=tuple(args.account),
        platforms=tuple(args.platform), categories=tuple(args.category),
        campaigns=tuple(args.campaign), vendors=tuple(args.vendor),
    )
    sys.stdout.write(table_csv(run_view(open_store(args.db), args.view, filters)))
    return 0


def _remove_demo(args: argparse.Namespace) -> int:
    from spendline.demo import demo_batches, remove_demo
    from spendline.uploads import current_user

    store = open_store(args.db)
    names = {b["batch_id"]: b["file_name"] for b in demo_batches(store)}
    try:
        ids = remove_demo(store, user=current_user())
    except (KeyError, ValueError) as exc:  # rolled back meanwhile by someone else
        print(f"Nothing was removed: {exc}", file=sys.stderr)
        return 1
    if not ids:
        print("No demo data in force: nothing to remove.")
        return 0
    print(f"Removed the demo data: rolled back batch(es) "
          f"{', '.join(f'{i} ({names[i]})' for i in ids)}.\n"
          "The upload history keeps them; your own uploads stay, and the demo is not "
          "loaded again.")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from exc


def _month(text: str) -> date:
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a month like 2026-03") from exc


def _table(problems: pd.DataFrame) -> str:
    columns = [c for c in ["file", *COLUMNS] if c in problems and problems[c].notna().any()]
    return problems[columns].astype(object).fillna("").to_string(index=False)
