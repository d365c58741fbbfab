"""Uploaded files in, validated canonical frames and a problem table out (SPEC §1–2).

The same functions serve the Upload page, the command line and the tests: they take file
names and bytes, never a Streamlit object, and they never write to the store. What they
take and give (Options, UploadedFile, SheetResult, Intake) lives in intake_types.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from loaders import headers, profile_apply, profiles, text_safety
from loaders.column_parse import parse_sheet
from loaders.file_notes import file_notes
from loaders.intake_types import Intake, Options, SheetResult, UploadedFile
from loaders.kind_notes import BY_HAND, guess_kind, kind_note
from loaders.layout import (
    HEADER_SEARCH_ROWS,
    Table,
    find_header,
    table_from_columns,
)
from loaders.problems import ERROR, WARNING, Problem, rows_text
from loaders.read import FileRefused, SheetData
from loaders.sheet_checks import (
    UNDATED,
    add_up_results,
    map_channels,
    payment_dates,
    rule_problems,
    spread_budget,
)
from loaders.upload_keys import duplicate_keys
from loaders.worker import parse_upload  # in a worker process: a bomb cannot hurt the server
from spendline import periods
from spendline.kinds import KINDS

# The intake's interface: the types are imported from here by the pages and the upload flow.
__all__ = ["SKIP", "Intake", "Options", "SheetResult", "UploadedFile", "missing_rates",
           "read_upload"]

SKIP = "skip"  # a kind override that leaves a sheet out


def read_upload(files: list[UploadedFile],
                options: Options | Callable[[], Options] | None = None) -> Intake:
    """Read, recognise, parse and validate every sheet of every file. `options` may be a
    function that gives them: it is called once, when the first file has been read (the
    command line opens the store meanwhile)."""
    resolve = _once(options)
    sheets: list[SheetResult] = []
    problems: list[Problem] = []
    for upload in files:
        file_sheets, file_problems = _read_one_file(upload, resolve)
        sheets += file_sheets
        problems += file_problems
    problems += missing_rates(sheets, resolve())
    problems += duplicate_keys(sheets, resolve().fiscal_first_month)
    return Intake(files, sheets, problems)


def _once(options: Options | Callable[[], Options] | None) -> Callable[[], Options]:
    got: list[Options] = []

    def resolve() -> Options:
        if not got:
            got.append(options() if callable(options) else options or Options())
        return got[0]
    return resolve


def _read_one_file(upload: UploadedFile, resolve: Callable[[], Options]):
    try:
        raw_sheets, facts = parse_upload(upload.name, upload.data, find_header,
                                         HEADER_SEARCH_ROWS)
    except FileRefused as exc:
        return [], [Problem(upload.name, None, None, None, str(exc), ERROR, file=upload.name)]
    options = resolve()
    results = [_read_sheet(upload.name, raw, options) for raw in raw_sheets]
    file_notes(facts, results, explicit=lambda sheet: (
        (upload.name, sheet) in options.kind_overrides
        or any(k in options.chosen_profiles for k in ((upload.name, sheet), (None, sheet)))))
    problems = [replace(p, file=upload.name) for r in results for p in r.problems]
    if not any(r.table is not None for r in results):
        problems.append(Problem(upload.name, None, None, None,
                                f"{upload.name} holds no data (the workbook is empty).", ERROR,
                                file=upload.name))
    elif not any(r.kind for r in results) and any(r.table and not r.table.n_rows
                                                  for r in results):
        problems.append(Problem(upload.name, None, None, None,
                                f"{upload.name} has headers but no rows to store.", ERROR,
                                file=upload.name))
    elif not any(r.kind for r in results):
        known = ", ".join(k.label.lower() for k in KINDS.values())
        problems.append(Problem(upload.name, None, None, None,
                                f"{upload.name} has no sheet Spendline recognises ({known}). "
                                f"Check the header row, or {BY_HAND}.",
                                ERROR, file=upload.name))
    return results, problems


# -- one sheet -----------------------------------------------------------------------------------
def _read_sheet(file_name: str, raw: SheetData, options: Options) -> SheetResult:
    override = options.kind_overrides.get((file_name, raw.name))
    table = None if raw.header is None else table_from_columns(raw.name, raw.header, raw.data,
                                                               raw.first_row)
    if table is None:
        return SheetResult(file_name, raw.name, None, None, {}, None, [
            Problem(raw.name, None, None, None, f"Sheet '{raw.name}' is empty; skipped.", WARNING)
        ])
    if override == SKIP:
        return SheetResult(file_name, raw.name, None, table, {}, None, [
            Problem(raw.name, None, None, None, f"Sheet '{raw.name}' left out by you.", WARNING)
        ])
    if not table.n_rows:
        return SheetResult(file_name, raw.name, None, table, {}, None, [Problem(
            raw.name, table.header_row, None, None,
            f"Sheet '{raw.name}' has headers but no data rows; skipped.", WARNING)])
    profile = (profiles.chosen(options.chosen_profiles, file_name, raw.name)
               or profiles.matching(options.profiles, table.headers))
    hints = table.headers if profile is None else profiles.kind_hints(profile, table.headers)
    kind = override or (profile and profile.kind) or guess_kind(hints)
    if kind is None:
        shown = ", ".join(h for h in table.headers if h)[:120]
        return SheetResult(file_name, raw.name, None, table, {}, None, [Problem(
            raw.name, None, None, None,
            f"Sheet '{raw.name}' is not a sheet Spendline knows (headers: {shown}); skipped. "
            f"If it is one, {BY_HAND}.", WARNING)])
    problems = list(table.skipped)
    if profile is not None:
        applied = profile_apply.apply(profile, table, kind)
        source_headers = table.headers
        table, mapping = applied.table, applied.mapping
        problems.append(Problem(raw.name, None, None, None, applied.report(profile.name),
                                WARNING))
        problems += [Problem(raw.name, None, None, None, f"profile '{profile.name}': {e}")
                     for e in applied.errors]
        if applied.errors:
            return SheetResult(file_name, raw.name, kind, table, mapping, None, problems,
                               profile=profile.name, ignored=applied.ignored,
                               source_headers=source_headers)
    else:
        mapping = headers.map_headers(table.headers, kind)
    problems.insert(0, kind_note(raw.name, kind, table, mapping,
                                  chosen=profile.name if profile is not None and not override
                                  else override is not None))
    frame, parse_problems, where = parse_sheet(raw.name, kind, table, mapping, options)
    problems += parse_problems
    if frame is not None:  # look-alike and invisible characters in names
        frame, name_problems = text_safety.check_names(frame, where)
        problems += name_problems
    if frame is not None and kind == "spend":
        frame, date_notes = payment_dates(frame)
        position = {name: pos for pos, name in mapping.items()}
        problems += [Problem(raw.name, row, _header(table, position, column), value, message,
                             WARNING, _col(position, column)) for row, column, value, message
                     in date_notes]
    mapped: dict[tuple[str, str], int] = {}
    if frame is not None and "channel" in frame and options.channel_mapping:
        frame, mapped = map_channels(frame, options.channel_mapping)
        position = {name: pos for pos, name in mapping.items()}
        problems += [Problem(raw.name, None, _header(table, position, "channel"), old,
                             f"channel '{old}' stored as '{new}' ({rows_text(n)}), as the "
                             "channel mapping in Settings says", WARNING)
                     for (old, new), n in sorted(mapped.items())]
    if frame is not None:
        # Every problem at once, but a cell that did not parse is not blamed twice.
        seen = {(p.row, p.column) for p in problems}
        bad_rows = {p.row for p in problems if p.level == ERROR}
        problems += [p for p in rule_problems(raw.name, kind, frame, table, mapping, where)
                     if (p.row, p.column) not in seen
                     and not (p.problem == UNDATED and p.row in bad_rows)]
    if frame is not None and kind == "results" and not any(p.level == ERROR for p in problems):
        frame, added, conflicts = add_up_results(frame)
        position = {name: pos for pos, name in mapping.items()}
        problems += [Problem(raw.name, None, None, None, added, WARNING)] if added else []
        problems += [Problem(raw.name, row, _header(table, position, column), value,
                             f"rows with the same date, campaign, channel and platform have "
                             f"different {column} values ({value}): they cannot be added "
                             "together", ERROR, _col(position, column))
                     for row, column, value in conflicts]
    problems = list(dict.fromkeys(problems))  # a wide row's empty channel: once, not per month
    if any(p.level == ERROR for p in problems):
        frame = None
    elif kind == "budget":
        frame = spread_budget(frame)
    elif frame is not None and frame["source_row"].duplicated().any():
        # A sheet wide by channel gives several rows per Excel row; stored rows need their
        # own numbers (the store knows a row by batch and source_row): their order read.
        frame["source_row"] = np.arange(1, len(frame) + 1, dtype=np.int64)
    return SheetResult(file_name, raw.name, kind, table, mapping, frame, problems, mapped,
                       profile.name if profile else None,
                       applied.ignored if profile else set(),
                       source_headers if profile else None)


def _col(position: dict[str, int], column: str) -> int | None:
    pos = position.get(column)
    return None if pos is None else pos + 1


def _header(table: Table, position: dict[str, int], column: str) -> str:
    pos = position.get(column)
    return table.headers[pos] if pos is not None else headers.label(column)


def missing_rates(sheets: list[SheetResult], options: Options) -> list[Problem]:
    """Money in another currency needs a rate for its month, stored or in this upload."""
    rates = set(options.known_rates)
    for s in sheets:
        if s.kind == "fx_rates" and s.frame is not None:
            rates |= {(c, pd.Timestamp(m)) for c, m in zip(s.frame["currency"], s.frame["month"])}
    problems = []
    for s in sheets:
        if s.frame is None or s.kind not in ("budget", "spend", "results"):
            continue
        frame = s.frame
        month = {"budget": lambda f: pd.to_datetime(f["month"]),
                 "spend": periods.ledger_month,
                 "results": lambda f: periods.month_of(f["date"]),
                 }[s.kind](frame)
        foreign = frame.assign(_month=month)[frame["currency"] != options.base_currency]
        foreign = foreign[foreign["_month"].notna()]
        for (currency, m), group in foreign.groupby(["currency", "_month"]):
            if (currency, pd.Timestamp(m)) in rates:
                continue
            problems.append(Problem(
                s.sheet, int(group["source_row"].iloc[0]), "currency", currency,
                f"no {currency} rate for {pd.Timestamp(m):%Y-%m} ({len(group)} rows): upload an "
                f"fx rates sheet with {currency} for that month", file=s.file_name))
        if any(p.sheet == s.sheet for p in problems):
            s.frame = None
    return problems
