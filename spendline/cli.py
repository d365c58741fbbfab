"""python -m spendline import FILE... [profile options] [--dry-run] | export VIEW [filters]
(SPEC §5) | history | rollback BATCH | reapply BATCH | remove-demo | report PACK --month
YYYY-MM --out FILE.

The command line's user is the local admin (spendline/permissions.py: a user name the users
table does not hold), so `rollback` follows the page's rules for an admin."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from loaders import worker
from loaders.intake import UploadedFile
from loaders.problems import COLUMNS, WARNING
from loaders.profiles import Profile, ProfileError, from_json, with_rule
from spendline.access import LOCAL as LOCAL_USER
from spendline.csv_out import table_csv
from spendline.store import StoreBusy, StoreUnavailable, open_store
from spendline.stores import PG_SCHEMES
from spendline.upload_preview import new_value_notes, preview_table, replacement_notes
from spendline.uploads import current_user, find_profile, for_sheet, import_into, save_profile
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
    _profile_options(imp)
    imp.add_argument("--dry-run", action="store_true",
                     help="check the files and print what storing them would do (added, "
                          "changed, unchanged, replaced), storing nothing")
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
    his = commands.add_parser("history", help="print the upload history, newest first")
    his.add_argument("--db", default=None, help=DB_HELP)
    rol = commands.add_parser("rollback", help="roll back one batch of the history")
    rol.add_argument("batch", type=int)
    rol.add_argument("--db", default=None, help=DB_HELP)
    rea = commands.add_parser("reapply", help="re-apply a rolled-back batch (undo its "
                              "rollback)")
    rea.add_argument("batch", type=int)
    rea.add_argument("--db", default=None, help=DB_HELP)
    _report_parser(commands)
    args = parser.parse_args(argv)
    try:
        if args.command == "import":
            return _import(args)
        if args.command == "export":
            return _existing(args.db) or _export(args)
        if args.command == "remove-demo":
            return _existing(args.db) or _remove_demo(args)
        if args.command == "history":
            return _existing(args.db) or _history(args)
        if args.command == "rollback":
            return _existing(args.db) or _rollback(args)
        if args.command == "reapply":
            return _existing(args.db) or _reapply(args)
        if args.command == "report":
            return _existing(args.db) or _report(args)
    except (StoreBusy, StoreUnavailable) as exc:
        print(exc, file=sys.stderr)
        return 2
    except ProfileError as exc:
        print(f"Import profile: {exc}.", file=sys.stderr)
        return 1
    return 2


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
    scopes = _scopes(args.rules or [])
    user = current_user()
    previews = []
    intake, ids = import_into(args.db, files, year=args.year, user=user,
                              chosen=lambda store: _chosen(scopes, store, user),
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
    _save_profiles(args, scopes, intake, user)
    return 0


# -- import profiles (SPEC §1.1) -------------------------------------------------------------
RULES = ("kind", "map", "set", "value")


class _InOrder(argparse.Action):
    """Keeps every profile option in the order given: --sheet scopes the ones after it."""

    def __call__(self, parser, namespace, value, option_string=None):
        namespace.rules = [*(namespace.rules or []), (self.dest, value)]


def _profile_options(imp: argparse.ArgumentParser) -> None:
    imp.set_defaults(rules=None)
    helps = {
        "sheet": ("NAME", "the sheet the profile options after it are for (default: every "
                          "sheet of the files)"),
        "kind": ("KIND", "the sheet's kind: budget, spend, results, vendors or fx_rates"),
        "map": ("'HEADER=column'", "read their header as a column; 'HEADER=' ignores it, "
                                   "'tv_S=platform_spend@TV' is TV's figure"),
        "set": ("column=VALUE", "a value for every row where the sheet gives none"),
        "value": ("'column:WORD=value'", "read their word as a canonical value"),
        "profile": ("NAME|FILE", "apply a saved profile, or one exported as .json"),
        "save_profile": ("NAME", "save these rules as a profile for the next import of "
                                 "sheets with the same headers"),
    }
    for dest, (metavar, text) in helps.items():
        imp.add_argument(f"--{dest.replace('_', '-')}", dest=dest, action=_InOrder,
                         metavar=metavar, help=text + " (may be repeated)")
    imp.add_argument("--shared", action="store_true",
                     help="save profiles shared with every user (default: yours only)")


@dataclass
class _Scope:
    """The profile options for one sheet (None: every sheet), in order."""

    steps: list[tuple[str, str]] = field(default_factory=list)
    save: list[str] = field(default_factory=list)

    def name(self) -> str:
        names = [v for f, v in self.steps if f == "profile"] + self.save
        return Path(names[0]).stem if names else "command line"


def _scopes(rules: list[tuple[str, str]]) -> dict[str | None, _Scope]:
    """The options by sheet; a malformed rule is refused here, before anything is read."""
    scopes: dict[str | None, _Scope] = {}
    sheet = None
    for flag, value in rules:
        if flag == "sheet":
            sheet = value
            scopes.setdefault(sheet, _Scope())
            continue
        scope = scopes.setdefault(sheet, _Scope())
        if flag == "save_profile":
            scope.save.append(value)
            continue
        if flag in RULES:
            with_rule(Profile(""), flag, value)  # ProfileError now, not after reading
        scope.steps.append((flag, value))
    return scopes


def _chosen(scopes: dict[str | None, _Scope], store, user: str) -> dict:
    """(file, sheet) -> the profile each scope's options make, saved ones looked up."""
    chosen = {}
    for sheet, scope in scopes.items():
        profile = Profile(scope.name())
        for flag, value in scope.steps:
            if flag == "profile":
                profile = profile.merged(_load_profile(store, value, user))
            else:
                profile = with_rule(profile, flag, value)
        if not profile.is_empty:
            chosen[(None, sheet)] = profile
    return chosen


def _load_profile(store, name: str, user: str) -> Profile:
    path = Path(name)
    if path.suffix.lower() == ".json":
        if not path.is_file():
            raise ProfileError(f"{name}: no such file")
        return from_json(path.read_bytes(), owner=user)
    return find_profile(store, name, user)


def _save_profiles(args, scopes: dict[str | None, _Scope], intake, user: str) -> None:
    wanted = [(sheet, scope) for sheet, scope in scopes.items() if scope.save]
    if not wanted:
        return
    store = open_store(args.db)
    made = _chosen(scopes, store, user)
    for sheet, scope in wanted:
        for name in scope.save:
            profile = made.get((None, sheet))
            if profile is None:
                print(f"Profile '{name}' not saved: it has no rules.", file=sys.stderr)
                continue
            profile = for_sheet(replace(profile, name=name, shared=args.shared), intake,
                                None, sheet)
            save_profile(store, profile, user)
            print(f"Saved profile '{name}'" + (" (shared)" if args.shared else "")
                  + ": " + "; ".join(profile.rules()))


def _export(args: argparse.Namespace) -> int:
    filters = Filters(
        from_month=args.from_month, to_month=args.to_month, as_of=args.as_of,
        channels=tuple(args.channel), accounts=tuple(args.account),
        platforms=tuple(args.platform), categories=tuple(args.category),
        campaigns=tuple(args.campaign), vendors=tuple(args.vendor),
    )
    sys.stdout.write(table_csv(run_view(open_store(args.db), args.view, filters)))
    return 0


def _report_parser(commands) -> None:
    """The report command's options. The packs live in reports/ (they draw with the chart
    builders of ui/), imported only when a report is made: the other commands stay light."""
    rep = commands.add_parser("report", help="make a monthly pack (finance, client or "
                              "marketing) as HTML or PDF; see README, Monthly packs")
    rep.add_argument("pack", choices=("finance", "client", "marketing"))
    rep.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    rep.add_argument("--account", action="append", default=[], metavar="X",
                     help="a client pack for this account (repeat: one pack each)")
    rep.add_argument("--each-account", action="store_true",
                     help="one client pack per account: FILE_<account>.html")
    rep.add_argument("--view", default=None, metavar="NAME",
                     help="the filters of this saved view (yours or shared)")
    rep.add_argument("--out", type=Path, required=True, help="FILE.html or FILE.pdf")
    rep.add_argument("--db", default=None, help=DB_HELP)


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
