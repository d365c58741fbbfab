"""One key, one place in an upload (SPEC §2.2; issue 17 §3): the same key in two sheets or two
files of one upload is an error naming the whole key and both places, never a later row that
silently wins (each sheet is a batch, and the later batch replaces the earlier's row).

Within one sheet the kinds' own rules apply (a ledger key twice is an error there; results
rows of one key are added together). For budgets the "key" is what an upload replaces: the
fiscal year of a version and account; two sheets of one upload with the same one would have
the later replace the earlier whole.
"""

from __future__ import annotations

import pandas as pd

from loaders.problems import ERROR, Problem
from spendline.kinds import KINDS
from spendline.periods import fiscal_years

KEYED = ("spend", "results", "vendors", "fx_rates", "budget")
BUDGET_SCOPE = ["fiscal_year", "version", "account"]


def _key(kind: str) -> list[str]:
    return BUDGET_SCOPE if kind == "budget" else list(KINDS[kind].key)


def _shown(column: str, value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return f"{column} (empty)"
    if isinstance(value, pd.Timestamp):
        value = value.strftime("%Y-%m" if column == "month" else "%Y-%m-%d")
    if column == "fiscal_year":
        return f"FY{value}"
    return f"{column} '{value}'"


def _plain(values) -> tuple:
    """A key as a dict key: empty cells (NaN, NaT, None) all as None."""
    return tuple(None if not isinstance(v, str) and pd.isna(v) else v for v in values)


def _place(sheet, row: int) -> str:
    return f"{sheet.file_name} › {sheet.sheet} row {row}"


def duplicate_keys(sheets: list, first_month: int = 1) -> list[Problem]:
    """An error on the later row of every key that two stored sheets of the upload share;
    those sheets are not stored (their frame becomes None)."""
    problems: list[Problem] = []
    for kind in KEYED:
        found = [s for s in sheets if s.kind == kind and s.frame is not None]
        if len(found) < 2:
            continue
        key = _key(kind)
        parts = []
        for number, sheet in enumerate(found):
            frame = sheet.frame
            if kind == "budget":
                frame = frame.assign(fiscal_year=fiscal_years(frame["month"], first_month))
            # one row per key and sheet: a sheet's own repeats are its kind's business
            parts.append(frame[[*key, "source_row"]].drop_duplicates(key)
                         .assign(_sheet=number))
        rows = pd.concat(parts, ignore_index=True)
        repeated = rows.duplicated(key, keep="first")
        if not repeated.any():
            continue
        first = {_plain(values): (number, row) for *values, row, number in
                 rows[~repeated][[*key, "source_row", "_sheet"]].itertuples(index=False)}
        bad = set()
        for *values, row, number in rows[repeated][[*key, "source_row", "_sheet"]].itertuples(
                index=False):
            earlier_sheet, earlier_row = first[_plain(values)]
            one, other = found[earlier_sheet], found[number]
            what = ", ".join(_shown(k, v) for k, v in zip(key, values, strict=True))
            text = (f"{'the budget of ' if kind == 'budget' else 'the key '}{what} is in both "
                    f"{_place(one, int(earlier_row))} and "
                    f"{_place(other, int(row))}: ")
            text += ("an upload replaces a fiscal year of a version and account once, so the "
                     "later sheet would replace the earlier; put these rows in one sheet"
                     if kind == "budget" else
                     "one upload may hold a key once (the later row would replace the "
                     "earlier); keep one of them")
            problems.append(Problem(other.sheet, int(row), None, None, text, ERROR,
                                    file=other.file_name))
            bad |= {id(one), id(other)}
        for sheet in found:
            if id(sheet) in bad:
                sheet.frame = None
    return problems
