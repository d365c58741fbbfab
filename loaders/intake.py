"""Uploaded files in, validated canonical frames and a problem table out (SPEC §1–2).

The same functions serve the Upload page, the command line and the tests: they take file
names and bytes, never a Streamlit object, and they never write to the store.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal

import numpy as np
import pandas as pd

from loaders import cells as C
from loaders import (
    date_values,
    headers,
    kinds,
    number_values,
    profiles,
    text_safety,
    values,
    word_values,
)
from loaders import rules as R
from loaders.file_notes import file_notes
from loaders.kinds import KINDS
from loaders.layout import (
    HEADER_SEARCH_ROWS,
    Table,
    find_header,
    is_blank,
    table_from_columns,
    year_in,
)
from loaders.problems import ERROR, WARNING, Problem, problem_frame
from loaders.read import FileRefused, SheetData
from loaders.schemas import failures
from loaders.upload_keys import duplicate_keys
from loaders.vocab import channel_key
from loaders.worker import read_sheets  # in a worker process: a bomb cannot hurt the server
from spendline import periods

SKIP = "skip"  # a kind override that leaves a sheet out
BY_HAND = ("pick its kind by hand (the Upload page; on the command line --kind KIND or "
           "--profile NAME|FILE)")

VENDOR_STATUS_WORDS = {
    "active": "active", "attivo": "active", "aktiivinen": "active", "启用": "active",
    "啟用": "active", "blocked": "blocked", "bloccato": "blocked", "estetty": "blocked",
    "停用": "blocked", "已停用": "blocked",
}


@dataclass
class Options:
    base_currency: str = "EUR"
    year: int | None = None  # for wide budgets whose month headers name no year
    kind_overrides: dict[tuple[str, str], str] = field(default_factory=dict)  # (file, sheet)
    header_mappings: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> map
    known_rates: set[tuple[str, pd.Timestamp]] = field(default_factory=set)
    # Channel names read as another channel (the Settings page): channel_key(alias) -> channel.
    channel_mapping: dict[str, str] = field(default_factory=dict)
    # Import profiles (SPEC §1.1): those applied by themselves to a sheet with their headers
    # (the user's own and shared ones), and those chosen for (file, sheet), None for any.
    profiles: list[profiles.Profile] = field(default_factory=list)
    chosen_profiles: dict[tuple[str | None, str | None], profiles.Profile] = field(
        default_factory=dict)
    fiscal_first_month: int = 1  # the store's: which budget sheets replace the same year


@dataclass
class SheetResult:
    file_name: str
    sheet: str
    kind: str | None
    table: Table | None
    mapping: dict[int, str]  # position -> canonical column
    frame: pd.DataFrame | None  # the stored columns plus source_row; None when not stored
    problems: list[Problem]
    # Channel names the mapping changed: (as written, as stored) -> rows.
    mapped_channels: dict[tuple[str, str], int] = field(default_factory=dict)
    profile: str | None = None  # the import profile applied, by name
    ignored: set[int] = field(default_factory=set)  # positions the profile ignores
    source_headers: list[str] | None = None  # the headers as read, when a profile changed them

    @property
    def signature(self) -> tuple[str, ...]:
        """The sheet's headers as a profile saved for it remembers them."""
        if self.table is None:
            return ()
        return profiles.signature(self.source_headers or self.table.headers)

    @property
    def note(self) -> str:
        """What the upload history says about this sheet beyond its rows."""
        parts = [f"profile '{self.profile}'"] if self.profile else []
        if self.mapped_channels:
            parts.append("channel names mapped: " + ", ".join(
                f"{old} → {new} ({_rows(n)})"
                for (old, new), n in sorted(self.mapped_channels.items())))
        return "; ".join(parts)

    @property
    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.problems)

    @property
    def unmapped_headers(self) -> list[str]:
        if self.table is None:
            return []
        return [h for i, h in enumerate(self.table.headers)
                if h and i not in self.mapping and i not in self.ignored]

    def preview(self, rows: int = 20) -> pd.DataFrame:
        """The first data rows under the user's own headers, as text."""
        if self.table is None:
            return pd.DataFrame()
        names = _unique_names(self.table.headers)
        data = [[_cell_text(c) for c in row] for row in self.table.head(rows)]
        frame = pd.DataFrame(data, columns=names)
        frame.insert(0, "row", self.table.row_numbers[:rows])
        return frame


@dataclass
class UploadedFile:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Intake:
    files: list[UploadedFile]
    sheets: list[SheetResult]
    problems: list[Problem]  # every problem, file-level ones included

    @property
    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.problems)

    @property
    def stored_sheets(self) -> list[SheetResult]:
        return [s for s in self.sheets if s.frame is not None]

    def problem_table(self) -> pd.DataFrame:
        return problem_frame(self.problems)


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
    problems += _missing_rates(sheets, resolve())
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
        raw_sheets = read_sheets(upload.name, upload.data, find_header, HEADER_SEARCH_ROWS)
    except FileRefused as exc:
        return [], [Problem(upload.name, None, None, None, str(exc), ERROR, file=upload.name)]
    options = resolve()
    results = [_read_sheet(upload.name, raw, options) for raw in raw_sheets]
    file_notes(upload.name, upload.data, results, explicit=lambda sheet: (
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
    kind = override or (profile and profile.kind) or _guess_kind(hints, options.header_mappings)
    if kind is None:
        shown = ", ".join(h for h in table.headers if h)[:120]
        return SheetResult(file_name, raw.name, None, table, {}, None, [Problem(
            raw.name, None, None, None,
            f"Sheet '{raw.name}' is not a sheet Spendline knows (headers: {shown}); skipped. "
            f"If it is one, {BY_HAND}.", WARNING)])
    problems = list(table.skipped)
    if profile is not None:
        applied = profiles.apply(profile, table, kind)
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
        mapping = headers.map_headers(table.headers, kind, options.header_mappings.get(kind))
    problems.insert(0, _kind_note(raw.name, kind, table, mapping, options.header_mappings,
                                  chosen=profile.name if profile is not None and not override
                                  else override is not None))
    frame, parse_problems, where = _parse(raw.name, kind, table, mapping, options)
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
                             f"channel '{old}' stored as '{new}' ({_rows(n)}), as the "
                             "channel mapping in Settings says", WARNING)
                     for (old, new), n in sorted(mapped.items())]
    if frame is not None:
        # Every problem at once, but a cell that did not parse is not blamed twice.
        seen = {(p.row, p.column) for p in problems}
        bad_rows = {p.row for p in problems if p.level == ERROR}
        problems += [p for p in _rule_problems(raw.name, kind, frame, table, mapping, where)
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


PREPAYMENT = "paid date is before the invoice date: stored as a prepayment"


def payment_dates(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[int, str, str, str]]]:
    """SPEC §2.2's payment dates: a paid row without an invoice date takes its paid date; a
    paid date before the invoice date is a prepayment, stored. Returns the frame and a
    warning (row, column, value, message) for each."""
    notes = []
    undated = (frame["status"] == "paid") & frame["invoice_date"].isna() \
        & frame["paid_date"].notna()
    if undated.any():
        frame = frame.assign(invoice_date=frame["invoice_date"].where(~undated,
                                                                      frame["paid_date"]))
        rows = frame.loc[undated, "source_row"].astype(int).tolist()
        notes += [(row, "invoice_date", None, "a paid row without an invoice date: its paid "
                   "date is taken as the invoice date") for row in rows]
    early = frame["paid_date"] < frame["invoice_date"]
    notes += [(int(row), "paid_date", f"{paid:%Y-%m-%d}", PREPAYMENT)
              for row, paid in zip(frame.loc[early, "source_row"], frame.loc[early, "paid_date"],
                                   strict=True)]
    return frame, notes


# The results figures added together when rows share a key.
_SUMMED = ("impressions", "clicks", "leads", "opportunities", "customers", "revenue",
           "platform_spend")


def add_up_results(frame: pd.DataFrame) -> tuple[pd.DataFrame, str, list[tuple[int, str, str]]]:
    """Rows that share the key (date, campaign, channel, platform) added together into one
    row at the first one's place (an export broken down by ad, age or country, SPEC §2.3).
    A figure stays empty only where every row of the key lacks it. Returns the frame, the
    report's note ("" when no rows shared a key) and the keys that cannot be added up (rows
    of another account or currency: (first row, column, the values))."""
    key = list(KINDS["results"].key)
    groups = frame.groupby(key, dropna=False, sort=False)
    sizes = groups.size()
    if len(sizes) == len(frame):
        return frame, "", []
    conflicts = []
    for column in ("account", "currency"):
        differ = groups[column].nunique(dropna=False)
        for group_key in differ.index[differ.to_numpy() > 1]:
            rows = frame.loc[groups.indices[group_key]]
            conflicts.append((int(rows["source_row"].iloc[0]), column,
                              ", ".join(sorted(map(str, rows[column].unique())))))
    out = frame.loc[groups.head(1).index].reset_index(drop=True)
    sums = groups[list(_SUMMED)].sum(min_count=1).reset_index(drop=True)  # first-seen order
    for column in _SUMMED:
        out[column] = sums[column].astype(frame[column].dtype)
    added = sizes[sizes > 1]
    note = (f"{_rows(int(added.sum()))} with the same date, campaign, channel and platform "
            f"added together into {_rows(len(added))} (an export broken down by ad, age or "
            "country)")
    return out, note, conflicts


def map_channels(frame: pd.DataFrame, mapping: dict[str, str]
                 ) -> tuple[pd.DataFrame, dict[tuple[str, str], int]]:
    """The frame with each channel the mapping names replaced (once: a mapped name is not
    looked up again), and how many rows each (as written, as stored) pair had."""
    # Each distinct name looked up once, not each row (channel_key normalizes Unicode).
    lookup = {c: mapping.get(channel_key(c)) for c in frame["channel"].dropna().unique()}
    targets = frame["channel"].map(lookup)
    changed = targets.notna() & (targets != frame["channel"])
    counts = frame.loc[changed].groupby(["channel", targets[changed]]).size()
    out = frame.assign(channel=frame["channel"].where(~changed, targets))
    return out, {(str(old), str(new)): int(n) for (old, new), n in counts.items()}


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def _header(table: Table, position: dict[str, int], column: str) -> str:
    pos = position.get(column)
    return table.headers[pos] if pos is not None else headers.label(column)


# How the report names a kind: "read as a vendors sheet", "could also be a spend ledger".
_KIND_NAMES = {"budget": "a budget", "spend": "a spend ledger",
               "results": "a campaign results sheet", "vendors": "a vendors sheet",
               "fx_rates": "an FX rates sheet"}


def _kind_note(sheet: str, kind: str, table: Table, mapping: dict[int, str],
               mappings: dict[str, dict[str, str]], chosen: bool | str) -> Problem:
    """The note that says which kind a sheet was read as and the headers that decided it,
    and which other kind it could be when one fits about as well: a sheet read as the wrong
    kind shows it before its errors are read."""
    deciding = [f"{table.headers[pos]} → {name}" for pos, name in sorted(mapping.items())]
    months = [h for h, cell in zip(table.headers, table.header_cells, strict=True)
              if not is_blank(cell) and date_values.month_header(cell) is not None]
    if kind == "budget" and "period" not in mapping.values() and months:
        deciding.append(f"{months[0]} … {months[-1]} → month columns")
    text = f"Sheet '{sheet}' read as {_KIND_NAMES[kind]}"
    # chosen: True when the user picked the kind, a profile's name when its profile did
    text += (f", as profile '{chosen}' says" if isinstance(chosen, str)
             else ", as you chose" if chosen else "")
    text += ": " + (", ".join(deciding) or "no header it knows")
    if not chosen:
        text += "".join(f"; could also be {alternative}"
                        for alternative in _alternatives(kind, table.headers, mappings))
    return Problem(sheet, None, None, None, text + ".", WARNING)


def _alternatives(kind: str, header_texts: list[str], mappings: dict[str, dict[str, str]]
                  ) -> list[str]:
    """Other kinds the headers fit about as well: one that qualifies with at most one
    column fewer matched, or one that matches more headers but lacks a required column."""
    scores = headers.kind_scores(header_texts, mappings)
    fits = {k: headers.map_headers(header_texts, k, mappings.get(k)) for k in KINDS}
    fit = {k: math.ceil(scores[k]) if scores[k] > 0 else len(fits[k]) for k in KINDS}
    found = []
    for other in KINDS:
        if other == kind:
            continue
        if scores[other] > 0 and fit[other] >= fit[kind] - 1:
            found.append(_KIND_NAMES[other])
        elif scores[other] == 0 and fit[other] > fit[kind]:
            lacking = [headers.label(c) for c in KINDS[other].required
                       if c not in fits[other].values()]
            found.append(f"{_KIND_NAMES[other]}, but it has no "
                         + " or ".join(f"'{c}'" for c in lacking) + " column")
    return found


def _guess_kind(header_texts: list[str], mappings: dict[str, dict[str, str]]) -> str | None:
    """The kind the headers fit; failing that, the kind most of them belong to, so that a
    sheet missing one required column is told so instead of being skipped as unknown."""
    kind = headers.detect_kind(header_texts, mappings)
    if kind:
        return kind
    matched = {k: len(headers.map_headers(header_texts, k, mappings.get(k))) for k in KINDS}
    best = max(matched, key=matched.get)
    runner_up = max(v for k, v in matched.items() if k != best)
    return best if matched[best] >= 3 and matched[best] > runner_up else None


def _parse(sheet: str, kind: str, table: Table, mapping: dict[int, str], options: Options):
    """Parse every mapped column; returns the frame (RangeIndex, `source_row` = Excel row)."""
    spec = KINDS[kind]
    cells = table.cells
    source_row = pd.Series(table.row_numbers, dtype="int64")
    position = {name: pos for pos, name in mapping.items()}
    raw = {name: cells[pos] for name, pos in position.items()}
    col_of: dict[str, int | pd.Series] = {name: pos + 1 for name, pos in position.items()}
    header_of = {name: table.headers[pos] for name, pos in position.items()}

    if kind == "budget" and "period" not in raw:
        wide = _melt_wide_budget(sheet, table, cells, raw, options)
        if isinstance(wide, Problem):
            return None, [wide], None
        raw, source_row, col_of["amount"] = wide
        col_of["period"] = col_of["amount"]
        # each amount's own month header, as the user wrote it
        month = np.array(table.headers, dtype=object)[col_of["amount"].to_numpy() - 1]
        header_of["period"] = header_of["amount"] = pd.Series(month)

    missing = [c for c in spec.required if c not in raw]
    if missing:
        found = ", ".join(h for h in table.headers if h)
        return None, [
            Problem(sheet, table.header_row, headers.label(name), None,
                    f"required column '{headers.label(name)}' is missing (headers found: {found})")
            for name in missing
        ], None

    problems: list[Problem] = []
    where = _Locator(sheet, source_row, col_of, header_of, raw)
    numeric = [raw[c.name] for c in spec.columns
               if c.name in raw and c.type in NUMERIC and C.has_text(raw[c.name])]
    hint = (number_values.guess_decimal_comma(pd.concat(numeric, ignore_index=True))
            if numeric else None)
    parsed: dict[str, pd.Series] = {}
    for column in spec.columns:
        if column.name not in raw:
            parsed[column.name] = pd.Series([column.default] * len(source_row), dtype=object)
            continue
        result = _parse_column(column, raw[column.name], hint)
        errors = result.errors
        problems += [where.problem(column.name, i, errors[i]) for i in errors.index[errors.notna()]]
        if column.required:
            empty = values.is_empty(raw[column.name])
            problems += [where.problem(column.name, i, "is empty but required", value=False)
                         for i in empty.index[empty]]
        if column.type == kinds.MONEY and result.rounded is not None and result.rounded.any():
            problems.append(_rounded_warning(where, column.name, result.rounded))
        parsed[column.name] = _with_default(result.values, column.default)
        if column.type == kinds.PERIOD:
            parsed["_months"] = result.months
        if column.type == kinds.MONEY and result.currency is not None:
            # A cell's own currency (€ 12), else its header's unit (Amount (USD)): the
            # currency of a row whose currency column (if any) is empty.
            currency = result.currency
            header = header_of.get(column.name)  # a wide budget's months: no one header
            if isinstance(header, str) and (unit := headers.header_currency(header)):
                currency = currency.where(currency.notna(), unit)
            known = parsed.get("_cell_currency")
            parsed["_cell_currency"] = currency if known is None else known.where(
                known.notna(), currency)
    frame = _assemble(kind, parsed, options)
    frame.insert(0, "source_row", source_row.to_numpy())
    return frame, problems, where


def _rounded_warning(where: _Locator, column: str, rounded: pd.Series) -> Problem:
    """One warning per column, at its first rounded cell: an ad export may have thousands."""
    first = int(np.flatnonzero(rounded.to_numpy(bool))[0])
    n = int(rounded.sum())
    return where.problem(column, first, f"{_rows(n)} with more than six decimals rounded to "
                         "six (half away from zero); money is kept to six decimals",
                         level=WARNING)


class _Locator:
    """Turns a frame position and a canonical column back into the user's row and cell."""

    def __init__(self, sheet, source_row, col_of, header_of, raw):
        self.sheet, self.source_row, self.col_of = sheet, source_row, col_of
        self.header_of, self.raw = header_of, raw
        self.bad: set[tuple[int, str]] = set()  # (position, column) of cells in error

    def problem(self, column: str, i: int, message: str, value: bool = True,
                level: str = ERROR) -> Problem:
        col = self.col_of.get(column)
        col = int(col.iloc[i]) if isinstance(col, pd.Series) else col
        header = self.header_of.get(column, headers.label(column))
        header = header.iloc[i] if isinstance(header, pd.Series) else header
        cell = self.raw[column].iloc[i] if value and column in self.raw else None
        if isinstance(cell, pd.Timestamp):  # a typed date column: the cell as it was read
            cell = C.python_cells(pd.DatetimeIndex([cell]))[0]
        if level == ERROR:
            self.bad.add((i, column))
        return Problem(self.sheet, int(self.source_row.iloc[i]), header,
                       None if cell is None else _cell_text(cell), message, level, col)


def _with_default(series: pd.Series, default: object) -> pd.Series:
    if default is None:
        return series
    if C.is_text(series):
        return series.fillna(default)
    return series.astype(object).where(series.notna(), default)


NUMERIC = (kinds.MONEY, kinds.RATE, kinds.INTEGER)


def _parse_column(column: kinds.Column, series: pd.Series, hint: bool | None):
    kind = column.type
    if kind == kinds.TEXT:
        return values.parse_text(series)
    if kind == kinds.MONEY:
        return number_values.parse_money(series, decimal_comma=hint)
    if kind == kinds.RATE:
        result = number_values.parse_decimal(series, decimal_comma=hint)
        # A VAT rate typed as 22 means 22 %.
        if column.name == "vat_rate":
            result.values = _percent_as_fraction(result.values)
        return result
    if kind == kinds.INTEGER:
        return number_values.parse_integer(series, decimal_comma=hint)
    if kind == kinds.DATE:
        return date_values.parse_date(series)
    if kind == kinds.MONTH:
        return date_values.parse_month(series)
    if kind == kinds.PERIOD:
        result, months = date_values.parse_period(series)
        result.months = months
        return result
    if kind == kinds.BOOL:
        return word_values.parse_bool(series)
    if kind == kinds.STATUS:
        return word_values.parse_status(series)
    if kind == kinds.VERSION:
        return word_values.parse_version(series)
    if kind == kinds.CURRENCY:
        return word_values.parse_currency(series)
    raise AssertionError(f"no parser for column type {kind}")


def _percent_as_fraction(rates: pd.Series) -> pd.Series:
    """Rates over 1 divided by 100, once per distinct value (Decimals, None where empty)."""
    codes, uniques = pd.factorize(rates)
    fractions = [v / 100 if v > 1 else v for v in uniques.tolist()]
    return pd.Series(np.array([*fractions, None], dtype=object)[codes], index=rates.index,
                     dtype=object)


def _assemble(kind: str, parsed: dict[str, pd.Series], options: Options) -> pd.DataFrame:
    """The stored columns of a kind, with defaults and canonical words filled in. Each column
    gets its stored type before the frame is made: a frame made of object columns first
    copies them all into one block, only to convert them one by one after."""
    spec = KINDS[kind]
    frame = pd.DataFrame({c.name: _stored(c, parsed[c.name].reset_index(drop=True))
                          for c in spec.columns})
    if "currency" in frame:
        cell = parsed.get("_cell_currency")
        currency = frame["currency"]
        if cell is not None:
            currency = currency.where(currency.notna(), cell.reset_index(drop=True))
        frame["currency"] = _stored(spec.column("currency"),
                                    currency.where(currency.notna(), options.base_currency))
    if kind == "vendors":
        status = frame["status"].astype(object).map(
            lambda v: VENDOR_STATUS_WORDS.get(str(v).strip().casefold(), v))
        frame["status"] = _stored(spec.column("status"), status)
    if kind == "budget":
        frame = frame.rename(columns={"period": "month"})
        frame["_months"] = parsed["_months"].reset_index(drop=True)
    return frame


def _stored(column: kinds.Column, series: pd.Series) -> pd.Series:
    """A parsed column in the type the frame keeps for its kind of column."""
    if column.type in (kinds.TEXT, kinds.STATUS, kinds.VERSION, kinds.CURRENCY):
        if C.is_text(series):  # already text (NaN where empty): no copy
            return series
        return series.astype("str").where(series.notna(), None)
    if column.type in (kinds.DATE, kinds.MONTH, kinds.PERIOD):
        return series if series.dtype == "datetime64[us]" else pd.to_datetime(series)
    if column.type == kinds.INTEGER:
        return series.astype("Int64")
    if column.type == kinds.MONEY:
        return number_values.as_money(series)
    if column.type == kinds.BOOL:
        return series.astype(bool)
    return series


def _melt_wide_budget(sheet: str, table: Table, cells: pd.DataFrame, raw: dict, options: Options):
    """A wide budget (one column per month) as long rows: one per line and non-empty month."""
    months = {}
    for pos, cell in enumerate(table.header_cells):
        found = None if is_blank(cell) else date_values.month_header(cell)
        if found is not None:
            months[pos] = found
    if len(months) < 1 or "channel" not in raw:
        return Problem(sheet, table.header_row, "period", None,
                       "a budget needs a period column or one column per month")
    year = year_in(table.title_text) or options.year
    if any(y is None for _, y in months.values()) and year is None:
        return Problem(sheet, table.header_row, "month columns", None,
                       "the month columns name no year, and neither does the title or the "
                       "sheet name: add the year to the title (for example 'Budget 2026') "
                       "or give it (--year on the command line)")
    pieces = []
    for pos, (month, month_year) in months.items():
        filled = ~values.is_empty(cells[pos])
        piece = pd.DataFrame({name: series[filled] for name, series in raw.items()})
        piece["amount"] = cells[pos][filled]
        piece["period"] = pd.Timestamp(year=month_year or year, month=month, day=1)
        piece["_row"] = pd.Series(table.row_numbers, index=cells.index)[filled]
        piece["_col"] = pos + 1
        pieces.append(piece)
    long = pd.concat(pieces).sort_values(["_row", "_col"], kind="stable").reset_index(drop=True)
    long_raw = {name: long[name].astype(object) for name in [*raw, "amount", "period"]}
    return long_raw, long["_row"].astype("int64"), long["_col"].astype("int64")


def _rule_problems(sheet: str, kind: str, frame: pd.DataFrame, table: Table,
                   mapping: dict[int, str], where: _Locator) -> list[Problem]:
    """Pandera's verdict on the parsed frame, in the user's rows and headers. A rule broken
    only because a cell it reads did not parse (or was empty) is left out: that cell is
    reported already, once."""
    position = {name: pos for pos, name in mapping.items()}
    problems, bad = [], set(where.bad)
    for index, column, message in failures(kind, frame):
        value = frame.loc[index, column] if column in frame else None
        if kind == "budget" and column == "month":
            column = "period"  # the frame's name for it; the sheet's column is the period
        reads = KINDS[kind].key if message == _TWICE else _READS.get(message, (column,))
        if any((index, c) in bad for c in reads):
            continue
        problems.append(replace(where.problem(column, index, message, value=False),
                                value=None if _missing(value) else _cell_text(value)))
    if kind == "spend":
        problems += _undated_ledger_rows(sheet, frame, table, position)
    return problems


# The columns a rule across columns reads (loaders.rules), by its message; a rule on one
# column reads that column.
_READS = {R.CHECK_MESSAGES[check][1]: columns for check, columns in {
    "negative_only_for_credit_notes": ("amount_net", "status"),
    "invoice_date_required": ("status", "invoice_date"),
    "paid_date_required": ("status", "paid_date"),
    "due_after_invoice": ("due_date", "invoice_date"),
    "paid_amount_status": ("paid_amount", "status"),
    "paid_amount_within": ("paid_amount", "amount_net"),
    "results_figure": ("platform_spend", "impressions", "clicks", "leads", "revenue"),
}.items()}
_TWICE = R.CHECK_MESSAGES["unique_key"][1]


UNDATED = "the row has no date to place it in a month (quote, order or invoice date)"


def _undated_ledger_rows(sheet, frame, table, position) -> list[Problem]:
    """A ledger row must have a date that places it in a month (SPEC §4)."""
    month = frame["invoice_date"].fillna(frame["order_date"]).fillna(frame["quote_date"])
    undated = frame.index[month.isna() & (frame["status"] != "cancelled")]
    # named in a date column the sheet has; a row-level problem when it has none
    column = next((c for c in ("quote_date", "order_date", "invoice_date") if c in position),
                  None)
    pos = position.get(column)
    return [Problem(sheet, int(frame.loc[i, "source_row"]),
                    table.headers[pos] if pos is not None else None, None, UNDATED,
                    ERROR, None if pos is None else pos + 1) for i in undated]


CENT = Decimal("0.01")


def spread_budget(frame: pd.DataFrame) -> pd.DataFrame:
    """Quarter and year lines spread over their months: each month gets amount ÷ n rounded
    down to the cent, the last month the cents left over (SPEC §2.1)."""
    rows = []
    for record in frame.to_dict("records"):
        n = int(record.pop("_months") or 1)
        amount: Decimal = record["amount"]
        start = pd.Timestamp(record["month"])
        share = (amount / n).quantize(CENT, rounding=ROUND_DOWN)
        for k in range(n):
            rows.append({**record, "month": start + pd.DateOffset(months=k),
                         "amount": share if k < n - 1 else amount - share * (n - 1)})
    return pd.DataFrame(rows, columns=[c for c in frame.columns if c != "_months"])


def _missing_rates(sheets: list[SheetResult], options: Options) -> list[Problem]:
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


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, dict)) and pd.isna(value))


def _cell_text(cell: object) -> str:
    if _missing(cell) or (isinstance(cell, str) and not cell.strip()):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, pd.Timestamp):
        return cell.strftime("%Y-%m-%d")
    if isinstance(cell, Decimal):  # money kept to six decimals, shown as typed: -5.00, 1.429999
        whole, _, frac = format(cell, "f").partition(".")
        return f"{whole}.{frac.rstrip('0').ljust(2, '0')}"
    return str(cell)


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
