"""python -m spendline import FILE... [profile options] [--dry-run] | export VIEW [filters]
(SPEC §5) | history | rollback BATCH | reapply BATCH | remove-demo | report PACK --month
YYYY-MM --out FILE.

The command line's user is the local admin (spendline/permissions.py: a user name the users
table does not hold), so `rollback` follows the page's rules for an admin. The options are
read in cli_args.py, the import's profile options made into profiles in cli_profiles.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from loaders import worker
from loaders.intake import UploadedFile
from loaders.problems import COLUMNS, WARNING
from loaders.profiles import ProfileError
from spendline import cli_args, cli_profiles
from spendline.access import LOCAL as LOCAL_USER
from spendline.csv_out import table_csv
from spendline.store import StoreBusy, StoreUnavailable, open_store
from spendline.stores import PG_SCHEMES
from spendline.upload_preview import new_value_notes, preview_table, replacement_notes
from spendline.uploads import current_user, import_into
from spendline.views import Filters, run_view


def main(argv: list[str] | None = None) -> int:
    args = cli_args.parser().parse_args(argv)
    try:
        # Only an import makes a new store: the other commands read an existing one.
        if args.command != "import" and (missing := _existing(args.db)):
            return missing
        return COMMANDS[args.command](args)
    except (StoreBusy, StoreUnavailable) as exc:
        print(exc, file=sys.stderr)
        return 2
    except ProfileError as exc:
        print(f"Import profile: {exc}.", file=sys.stderr)
        return 1


def _existing(db: str | None) -> int:
    """2 (and why) when --db names a DuckDB file that is not there: reading a store must not
    create an empty one at a mistyped path (only an import makes a new store)."""
    if db is None or db.startswith(PG_SCHEMES) or Path(db).is_file():
        return 0
    print(f"There is no store at {db}: check the path (an import creates a new store; "
          "export and remove-demo read an existing one).", file=sys.stderr)
    return 2


def _import(args: argparse.Namespace) -> int:
    worker.warm()  # the file reader starts its interpreter while the files and store open
    files = []
    for path in args.files:
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 1
        files.append(UploadedFile(path.name, path.read_bytes()))
    scopes = cli_profiles.scopes(args.rules or [])
    user = current_user()
    previews = []
    made: dict = {}  # the profiles the files are read with, saved after as asked

    def choose(store) -> dict:
        made.update(cli_profiles.chosen(scopes, store, user))
        return made

    intake, ids = import_into(args.db, files, year=args.year, user=user, chosen=choose,
                              dry_run=args.dry_run, on_preview=previews.extend)
    problems = intake.problem_table()
    warnings = problems[problems["level"] == WARNING]
    errors = problems[problems["level"] != WARNING]
    for sheet in intake.sheets:
        if sheet.kind and sheet.frame is not None:
            used = f" (profile '{sheet.profile}')" if sheet.profile else ""
            print(f"{sheet.file_name} › {sheet.sheet}: {sheet.kind}, {len(sheet.frame)} rows"
                  f"{used}")
    if not warnings.empty:
        print("\nSkipped and noted:")
        print(_table(warnings))
    if not errors.empty:
        print("\nProblems (nothing was stored):", file=sys.stderr)
        print(_table(errors), file=sys.stderr)
        return 1
    if args.dry_run:
        print("\nWhat storing would do (--dry-run: nothing was stored):")
        print(preview_table(previews).to_string(index=False))
    for note in [*replacement_notes(previews), *(new_value_notes(previews)
                                                  if args.dry_run else [])]:
        print(note)
    if args.dry_run:
        return 0
    print(f"\nStored {len(ids)} batch(es): {', '.join(map(str, ids))}.")
    if any(scope.save for scope in scopes.values()):
        cli_profiles.save_asked(open_store(args.db), scopes, made, intake, user, args.shared)
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


def _report(args: argparse.Namespace) -> int:
    from reports.cli import run
    from spendline.access import get_user

    store = open_store(args.db)
    return run(args, store, get_user(store, current_user()) or LOCAL_USER)


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


HISTORY_COLUMNS = ["batch_id", "uploaded_at", "uploaded_by", "file_name", "sheet", "kind",
                   "rows", "added", "changed", "replaced", "rolled_back_at", "rolled_back_by",
                   "reapplied_at", "reapplied_by", "note"]


def _history(args: argparse.Namespace) -> int:
    history = open_store(args.db).history()
    if history.empty:
        print("Nothing uploaded yet.")
        return 0
    frame = history[HISTORY_COLUMNS].astype(object)
    print(frame.where(frame.notna(), "").to_string(index=False))
    return 0


def _rollback(args: argparse.Namespace) -> int:
    return _batch_action(args, "rollback", "rolled back", "Rolled back",
                         "the rows in force are what they were without it; the history keeps it.")


def _reapply(args: argparse.Namespace) -> int:
    return _batch_action(args, "reapply", "re-applied", "Re-applied",
                         "its rollback is undone; later uploads of the same rows still win.")


def _batch_action(args: argparse.Namespace, action: str, done: str, title: str,
                  after: str) -> int:
    """Roll back or re-apply one batch of the history as the command line's user."""
    from spendline.permissions import PermissionDenied

    store = open_store(args.db)
    try:
        getattr(store, action)(args.batch, user=current_user())
    except (KeyError, ValueError, PermissionDenied) as exc:
        print(f"Nothing was {done}: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    row = store.history().set_index("batch_id").loc[args.batch]
    where = " › ".join(t for t in (row["file_name"], row["sheet"]) if t)
    print(f"{title} batch {args.batch} ({where}, {row['kind']}, {row['rows']:,} rows): {after}")
    return 0


def _table(problems: pd.DataFrame) -> str:
    columns = [c for c in ["file", *COLUMNS] if c in problems and problems[c].notna().any()]
    return problems[columns].astype(object).fillna("").to_string(index=False)


COMMANDS = {"import": _import, "export": _export, "remove-demo": _remove_demo,
            "history": _history, "rollback": _rollback, "reapply": _reapply,
            "report": _report}
