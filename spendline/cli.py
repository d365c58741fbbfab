"""python -m spendline import FILE... | export VIEW (SPEC §5)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from loaders.intake import UploadedFile
from loaders.problems import COLUMNS, WARNING
from spendline.config import db_path
from spendline.store import Store, StoreBusy
from spendline.uploads import import_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spendline")
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="validate and store spreadsheets")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--db", type=Path, default=None, help="store file (default: the app's)")
    imp.add_argument("--year", type=int, default=None,
                     help="year of a wide budget whose month columns name none")
    args = parser.parse_args(argv)
    try:
        if args.command == "import":
            return _import(args)
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
    store = Store(args.db or db_path())
    intake, ids = import_files(store, files, year=args.year)
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


def _table(problems: pd.DataFrame) -> str:
    columns = [c for c in ["file", *COLUMNS] if c in problems and problems[c].notna().any()]
    return problems[columns].astype(object).fillna("").to_string(index=False)
