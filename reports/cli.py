"""`python -m spendline report finance|client|marketing --month YYYY-MM [--account X ...]
[--each-account] [--view NAME] --out FILE.html|FILE.pdf`: spendline/cli.py parses the options
and hands them here, importing this package only when a report is asked for (so `import` and
`export` stay light: no Plotly).

The file is what the Reports page makes for the same store, month, filters, number style and
clock: both call `make()`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date

from reports.errors import ReportError
from spendline import formats as fmt
from spendline.access import LOCAL, User, restrict
from spendline.views import Filters


@dataclass(frozen=True)
class Made:
    name: str  # the file name it would be saved under
    html: bytes
    meta: str


def make(store, kind: str, month: date, *, account: str | None = None,
         filters: Filters = Filters(), user: User = LOCAL,
         style: fmt.Style = fmt.Style()) -> Made:
    """One pack's HTML bytes, for the page and the command line alike. The user's account
    restriction narrows the filters (spendline.access.restrict), never widens them."""
    from reports import packs, render

    base = restrict(filters, user)
    if account and user.restricted and account not in user.accounts:
        raise ReportError(f"You may not make a pack for the account '{account}'.")
    pack = packs.build(store, kind, month, account=account, base=base, style=style)
    return Made(render.file_name(pack), render.render_bytes(pack, style),
                f"{pack.title} · {pack.subtitle} · {pack.meta}")


def run(args: argparse.Namespace, store, user: User = LOCAL) -> int:
    from reports import packs, pdf

    suffix = args.out.suffix.lower()
    if suffix not in (".html", ".pdf"):
        print(f"{args.out}: write the pack to a .html or .pdf file.", file=sys.stderr)
        return 1
    if suffix == ".pdf" and (why := pdf.available()):
        print(f"No PDF made: {why}", file=sys.stderr)
        return 1
    filters = Filters()
    if args.view:
        from spendline.saved_views import find_view

        try:
            filters = find_view(store, args.view, user.email).filters
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 1
    if args.pack == "client":
        accounts = list(dict.fromkeys(args.account))
        if args.each_account:
            accounts = packs.accounts(store, restrict(filters, user))
        if not accounts:
            print("A client pack is for an account: give --account X (repeat it for "
                  "several) or --each-account.", file=sys.stderr)
            return 1
    else:
        if args.account or args.each_account:
            print(f"The {args.pack} pack covers every account you may see; --account and "
                  "--each-account are for client packs.", file=sys.stderr)
            return 1
        accounts = [None]
    try:
        made = [make(store, args.pack, args.month, account=a, filters=filters, user=user)
                for a in accounts]
    except ReportError as exc:
        print(f"No pack made: {exc}", file=sys.stderr)
        return 1
    for one, account in zip(made, accounts, strict=True):
        out = args.out
        if len(made) > 1:
            from reports.render import slug
            out = out.with_name(f"{out.stem}_{slug(account)}{out.suffix}")
        out.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".pdf":
            out.write_bytes(pdf.html_to_pdf(one.html.decode("utf-8"), one.meta))
        else:
            out.write_bytes(one.html)
        print(f"Wrote {out}")
    return 0
