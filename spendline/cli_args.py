"""The command line's arguments: every command's options, and the import's profile options
kept in the order given (spendline/cli.py runs the commands)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from spendline.views import VIEWS

DB_HELP = ("store: a DuckDB file or a postgresql:// URL (default: the app's, SPENDLINE_DB_URL "
           "or SPENDLINE_DB)")


def parser() -> argparse.ArgumentParser:
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
    for name, text in (("rollback", "roll back one batch of the history"),
                       ("reapply", "re-apply a rolled-back batch (undo its rollback)")):
        one = commands.add_parser(name, help=text)
        one.add_argument("batch", type=int)
        one.add_argument("--db", default=None, help=DB_HELP)
    _report_options(commands)
    return parser


class _InOrder(argparse.Action):
    """Keeps every profile option in the order given: --sheet scopes the ones after it."""

    def __call__(self, parser, namespace, value, option_string=None):
        namespace.rules = [*(namespace.rules or []), (self.dest, value)]


def _profile_options(imp: argparse.ArgumentParser) -> None:
    """The import's profile options (SPEC §1.1), read by spendline/cli_profiles.py."""
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


def _report_options(commands) -> None:
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
