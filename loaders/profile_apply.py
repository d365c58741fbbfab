"""An import profile applied to a sheet's table as read, before any value is parsed (so the
Pandera rules judge the result): headers renamed or ignored, a sheet wide by channel made
long, constants filled in, words mapped; with the report of what it did and the rules that
do not fit the sheet's kind."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from loaders import headers
from loaders.layout import Table
from loaders.problems import rows_text
from loaders.profiles import MAPPABLE, Profile, header_targets
from loaders.values import is_empty
from spendline import kinds
from spendline.kinds import KINDS


@dataclass
class Applied:
    """A table with a profile applied: the table the parsers read, position -> canonical
    column, the rules that changed something (in plain words) and problems with the rules."""

    table: Table
    mapping: dict[int, str]
    notes: list[str]
    errors: list[str]
    ignored: set[int]  # positions of columns the profile ignores

    def report(self, name: str) -> str:
        rules = ", ".join(self.notes) if self.notes else "no rule matched this sheet"
        return f"profile '{name}' applied: {rules}"


def apply(profile: Profile, table: Table, kind: str) -> Applied:
    """The profile's rules on a table of `kind`: columns wide by channel become rows, then
    headers are matched (the profile's mappings first), their words mapped, and the constants
    filled in. Nothing is parsed here: the intake parses and validates what comes out."""
    spec = KINDS[kind]
    errors = _rule_errors(profile, spec)
    notes: list[str] = []
    targets = header_targets(profile)
    keys = [headers.normalize_header(h) for h in table.headers]
    ignored = {i for i, k in enumerate(keys) if k in targets and targets[k] == ""}
    by_channel = {i: targets[k] for i, k in enumerate(keys)
                  if "@" in targets.get(k, "") and not errors}
    if by_channel:
        table, wide_notes = _melt_channels(table, by_channel)
        notes += wide_notes
        keys = [headers.normalize_header(h) for h in table.headers]
        # positions moved with the melt: the ignored columns are found again
        ignored = {i for i, k in enumerate(keys) if k in targets and targets[k] == ""}
    extra = {k: ("" if "@" in t else t) for k, t in targets.items()}
    # The profile's own mappings first: a header that the alias table gives the same column
    # then stays unmapped, rather than taking it from the one the user chose.
    mapping: dict[int, str] = {}
    if by_channel:
        # The melted figures and the channel sit last, under their canonical names: mapped
        # as they are (the header they came from may share a figure's name, `revenue`).
        n = len({t.partition("@")[0] for t in by_channel.values()})
        first = len(table.headers) - n - 1
        mapping = {pos: table.headers[pos] for pos in range(first, first + n)}
        mapping[len(table.headers) - 1] = "channel"
    for i, key in enumerate(keys):
        if i not in mapping and extra.get(key) and extra[key] not in mapping.values():
            mapping[i] = extra[key]
    for i, column in headers.map_headers(table.headers, kind, extra).items():
        if i not in mapping and column not in mapping.values():
            mapping[i] = column
    if by_channel:
        errors += _whole_row_figures(table, mapping, by_channel)
    notes += [f"{table.headers[i]} → {mapping[i]}" for i, k in enumerate(keys)
              if i in mapping and targets.get(k)]
    notes += [f"{table.headers[i]} ignored" for i in sorted(ignored)]
    if errors:
        return Applied(table, mapping, notes, errors, ignored)
    cells = table.cells.copy()
    position = {name: pos for pos, name in mapping.items()}
    for column, words in profile.values.items():
        if column in position:
            cells[position[column]], changed = _map_words(cells[position[column]], words)
            notes += [f"{column}: {word} → {value} ({rows_text(n)})"
                      for (word, value), n in changed.items()]
    headers_out = list(table.headers)
    for column, value in profile.constants.items():
        if column in position:
            empty = is_empty(cells[position[column]])
            if empty.any():
                cells[position[column]] = cells[position[column]].astype(object).where(
                    ~empty, value)
                notes.append(f"{column} = {value} (constant, {rows_text(int(empty.sum()))} "
                             "left blank)")
        else:
            pos = len(headers_out)
            headers_out.append(f"{column} (profile)")
            cells[pos] = pd.Series([value] * len(cells), index=cells.index, dtype=object)
            mapping[pos] = column
            notes.append(f"{column} = {value} (constant)")
    out = replace(table, cells=cells, headers=headers_out,
                  header_cells=[*table.header_cells, *headers_out[len(table.header_cells):]])
    return Applied(out, mapping, notes, errors, ignored)


def _rule_errors(profile: Profile, spec: kinds.Kind) -> list[str]:
    """Rules that name a column the kind does not have, or map words of a figure."""
    errors = []
    where = f"not a column of a {spec.label.lower()} sheet"
    for header, target in profile.headers.items():
        column, at, channel = target.partition("@")
        if target and column not in spec.names:
            errors.append(f"'{header}' is mapped to '{column}', {where}")
        elif at and (not channel.strip() or "channel" not in spec.names):
            errors.append(f"'{header}' is mapped to '{target}': write column@CHANNEL, for a "
                          "sheet with a channel column")
        elif at and column == "channel":
            errors.append(f"'{header}' is mapped to '{target}': a channel column cannot "
                          "itself be a channel's figure")
    for column in profile.constants:
        if column not in spec.names:
            errors.append(f"constant '{column}' is {where}")
    for column in profile.values:
        if column not in spec.names:
            errors.append(f"value mapping '{column}' is {where}")
        elif spec.column(column).type not in MAPPABLE:
            errors.append(f"value mapping '{column}': only words (statuses, channels and "
                          "other names) can be mapped, not figures or dates")
    return errors


def _value_key(value: object) -> str | None:
    return " ".join(value.casefold().split()) if isinstance(value, str) else None


def _map_words(series: pd.Series, words: dict[str, str]
               ) -> tuple[pd.Series, dict[tuple[str, str], int]]:
    """Their words replaced (ignoring case and spacing), each distinct cell looked up once;
    how many cells each (word, value) rule changed."""
    lookup = {_value_key(w): (w, v) for w, v in words.items()}
    codes, uniques = pd.factorize(series.astype(object))
    found = [lookup.get(_value_key(u)) for u in uniques]
    if not any(found):
        return series, {}
    new = np.array([f[1] if f else u for f, u in zip(found, uniques, strict=True)] + [None],
                   dtype=object)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    changed: dict[tuple[str, str], int] = {}
    for f, n in zip(found, counts.tolist(), strict=True):
        if f and n:
            changed[f] = changed.get(f, 0) + n
    return pd.Series(new[codes], index=series.index, dtype=object), changed


CHANNEL_HEADER = "channel (profile)"


def _melt_channels(table: Table, by_channel: dict[int, str]) -> tuple[Table, list[str]]:
    """A sheet wide by channel (`tv_S` → platform_spend@TV) as one row per data row and
    channel that has a figure: the other columns repeated, the channel's figures under their
    column, its name in a channel column. Rows keep their Excel row numbers (a problem names
    the row the user sees); the channel columns themselves go."""
    groups: dict[str, dict[str, int]] = {}
    for pos, target in by_channel.items():
        column, _, channel = target.partition("@")
        groups.setdefault(channel.strip(), {})[column] = pos
    figures = list(dict.fromkeys(c for g in groups.values() for c in g))
    kept = [i for i in range(len(table.headers)) if i not in by_channel]
    cells = table.cells
    pieces = []
    for order, (channel, columns) in enumerate(groups.items()):
        filled = np.zeros(len(cells), bool)
        for pos in columns.values():
            filled |= ~is_empty(cells[pos]).to_numpy()
        piece = {new: cells[old].to_numpy(dtype=object)[filled] for new, old in enumerate(kept)}
        for k, column in enumerate(figures):
            pos = columns.get(column)
            piece[len(kept) + k] = (cells[pos].to_numpy(dtype=object)[filled] if pos is not None
                                    else np.full(filled.sum(), None, dtype=object))
        piece[len(kept) + len(figures)] = np.full(filled.sum(), channel, dtype=object)
        piece["_row"] = table.row_numbers[filled]
        piece["_order"] = np.full(filled.sum(), order)
        pieces.append(pd.DataFrame(piece))
    long = pd.concat(pieces, ignore_index=True).sort_values(["_row", "_order"], kind="stable")
    long = long.reset_index(drop=True)
    row_numbers = long.pop("_row").to_numpy(np.int64)
    long = long.drop(columns="_order")
    names = [table.headers[i] for i in kept] + figures + [CHANNEL_HEADER]
    out = replace(table, cells=long, row_numbers=row_numbers, headers=names,
                  header_cells=[table.header_cells[i] if i < len(table.header_cells) else
                                table.headers[i] for i in kept] + figures + [CHANNEL_HEADER])
    notes = [f"{table.headers[pos]} → {by_channel[pos].partition('@')[0]} for "
             f"{by_channel[pos].partition('@')[2].strip()}" for pos in sorted(by_channel)]
    return out, notes


# A results sheet's figures (SPEC §2.3): the ones a row wide by channel could hold.
RESULT_FIGURES = ("impressions", "clicks", "leads", "opportunities", "customers", "revenue",
                  "platform_spend")


def _whole_row_figures(table: Table, mapping: dict[int, str],
                       by_channel: dict[int, str]) -> list[str]:
    """A figure column not split by channel (a week's revenue beside its spend per channel)
    would be repeated on every channel's row and counted once per channel: refused, with
    the two ways out."""
    melted = {t.partition("@")[0] for t in by_channel.values()}
    kept = len(table.headers) - len(melted) - 1  # melted: kept columns, figures, channel
    return [f"'{table.headers[i]}' holds {column} for the whole row, not for one channel: in a "
            f"sheet wide by channel it would count once per channel. Give it a channel "
            f"('{table.headers[i]}={column}@CHANNEL') or ignore it ('{table.headers[i]}=')"
            for i, column in sorted(mapping.items()) if i < kept and column in RESULT_FIGURES]
