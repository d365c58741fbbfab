"""Import profiles (SPEC §1.1): the rules that make a sheet fit when it does not on its own.

A profile names the sheet's kind, maps their headers to canonical columns (to "" to ignore a
column, to `column@CHANNEL` for a sheet wide by channel), gives constant values for columns
the sheet lacks or leaves blank, and maps their words to canonical values. It is applied to
the table as read, before any value is parsed, so the Pandera rules judge the result.

Pure logic: no Streamlit, no SQL. The store keeps profiles as the JSON of `to_json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from loaders import headers, kinds
from loaders.kinds import KINDS
from loaders.layout import Table
from loaders.values import is_empty

FORMAT = "spendline import profile"
VERSION = 1
# Column types whose words a value mapping may change: closed sets and dimensions.
MAPPABLE = (kinds.TEXT, kinds.STATUS, kinds.VERSION, kinds.CURRENCY, kinds.BOOL)


class ProfileError(ValueError):
    """A rule or profile file that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class Profile:
    """An import profile. `headers`: their header as written -> canonical column, "" (ignore)
    or "column@CHANNEL"; `constants`: canonical column -> value; `values`: canonical column
    -> {their word -> canonical value}; `signature`: the normalized headers it was saved for
    (empty: applied only when chosen)."""

    name: str
    kind: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    signature: tuple[str, ...] = ()
    owner: str = ""
    shared: bool = False

    def merged(self, other: Profile) -> Profile:
        """This profile with `other`'s rules on top (a later rule wins)."""
        values = {c: dict(m) for c, m in self.values.items()}
        for column, words in other.values.items():
            values.setdefault(column, {}).update(words)
        return replace(self, kind=other.kind or self.kind,
                       headers={**self.headers, **other.headers},
                       constants={**self.constants, **other.constants}, values=values)

    @property
    def is_empty(self) -> bool:
        return not (self.kind or self.headers or self.constants or self.values)

    def rules(self) -> list[str]:
        """The rules in the command line's words, one a line (`--map Cost=platform_spend`):
        how the page shows and edits a profile."""
        lines = [f"--kind {self.kind}"] if self.kind else []
        lines += [f"--map {h}={t}" for h, t in self.headers.items()]
        lines += [f"--set {c}={v}" for c, v in self.constants.items()]
        lines += [f"--value {c}:{w}={v}" for c, m in self.values.items() for w, v in m.items()]
        return lines


# -- rules as the command line writes them ----------------------------------------------------
def parse_map(text: str) -> tuple[str, str]:
    """`THEIR HEADER=column` (or `=` to ignore, `=column@CHANNEL`) -> (header, target). The
    last "=" splits: a canonical column never holds one, a header may."""
    header, sep, target = text.rpartition("=")
    if not sep or not header.strip():
        raise ProfileError(f"'{text}' is not a header mapping: write THEIR HEADER=column, "
                           "or THEIR HEADER= to ignore the column")
    return header.strip(), target.strip()


def parse_set(text: str) -> tuple[str, str]:
    """`column=VALUE` -> (column, value)."""
    column, sep, value = text.partition("=")
    if not sep or not column.strip() or not value.strip():
        raise ProfileError(f"'{text}' is not a constant value: write column=VALUE")
    return column.strip(), value.strip()


def parse_value(text: str) -> tuple[str, str, str]:
    """`column:THEIR WORD=value` -> (column, word, value)."""
    column, sep, rest = text.partition(":")
    word, sep2, value = rest.rpartition("=")
    if not sep or not sep2 or not column.strip() or not word.strip() or not value.strip():
        raise ProfileError(f"'{text}' is not a value mapping: write column:THEIR WORD=value")
    return column.strip(), word.strip(), value.strip()


def with_rule(profile: Profile, flag: str, text: str) -> Profile:
    """The profile with one rule added: `flag` is kind, map, set or value."""
    flag = flag.lstrip("-")
    if flag == "kind":
        kind = text.strip()
        if kind not in KINDS:
            raise ProfileError(f"'{kind}' is not a sheet kind: use one of {', '.join(KINDS)}")
        return replace(profile, kind=kind)
    if flag == "map":
        header, target = parse_map(text)
        return replace(profile, headers={**profile.headers, header: target})
    if flag == "set":
        column, value = parse_set(text)
        return replace(profile, constants={**profile.constants, column: value})
    if flag == "value":
        column, word, value = parse_value(text)
        values = {c: dict(m) for c, m in profile.values.items()}
        values.setdefault(column, {})[word] = value
        return replace(profile, values=values)
    raise ProfileError(f"'--{flag}' is not a profile rule (--kind, --map, --set, --value)")


def from_rules(name: str, text: str, **fields) -> Profile:
    """A profile from rule lines as `Profile.rules` writes them (the page's editor). Blank
    lines are skipped; anything else that is not a rule is refused with its line number."""
    profile = Profile(name, **fields)
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        flag, _, rest = line.partition(" ")
        try:
            profile = with_rule(profile, flag, rest)
        except ProfileError as exc:
            raise ProfileError(f"line {number}: {exc}") from None
    return profile


# -- the small JSON file ----------------------------------------------------------------------
def to_json(profile: Profile) -> str:
    """The profile as a small JSON document (the export file and the store's copy)."""
    return json.dumps({
        "format": FORMAT, "version": VERSION, "name": profile.name, "kind": profile.kind,
        "headers": profile.headers, "constants": profile.constants, "values": profile.values,
        "signature": list(profile.signature), "shared": profile.shared,
    }, ensure_ascii=False, indent=1)


def from_json(text: str | bytes, owner: str = "") -> Profile:
    """A profile from `to_json`'s text; ProfileError when it is not one."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise ProfileError("the file is not a Spendline import profile (not JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProfileError("the file is not a Spendline import profile")
    try:
        name = str(data["name"]).strip()
        profile = Profile(
            name=name, kind=data.get("kind") or None,
            headers={str(k): str(v) for k, v in dict(data.get("headers") or {}).items()},
            constants={str(k): str(v) for k, v in dict(data.get("constants") or {}).items()},
            values={str(c): {str(w): str(v) for w, v in dict(m).items()}
                    for c, m in dict(data.get("values") or {}).items()},
            signature=tuple(str(h) for h in data.get("signature") or ()),
            owner=owner, shared=bool(data.get("shared", False)))
    except (KeyError, TypeError, ValueError):
        raise ProfileError("the profile file is damaged (a part is missing or of the wrong "
                           "shape)") from None
    if not name:
        raise ProfileError("the profile file names no profile")
    if profile.kind is not None and profile.kind not in KINDS:
        raise ProfileError(f"the profile's kind '{profile.kind}' is not a sheet kind")
    return profile


# -- matching a sheet ---------------------------------------------------------------------------
def signature(header_texts: list) -> tuple[str, ...]:
    """A sheet's headers as a profile remembers them: normalized, in order, blanks left out."""
    return tuple(key for key in map(headers.normalize_header, header_texts) if key)


def chosen(choices: dict[tuple[str | None, str | None], Profile], file_name: str,
           sheet: str) -> Profile | None:
    """The profile chosen for a sheet: by (file, sheet), then by sheet, file, or for every
    sheet (None stands for any)."""
    for key in ((file_name, sheet), (None, sheet), (file_name, None), (None, None)):
        if key in choices:
            return choices[key]
    return None


def matching(profiles: list[Profile], header_texts: list) -> Profile | None:
    """The first profile saved for exactly these headers, or None."""
    sig = signature(header_texts)
    return next((p for p in profiles if p.signature and p.signature == sig), None)


def kind_hints(profile: Profile, header_texts: list[str]) -> list[str]:
    """Headers to detect the kind with when the profile names none: the sheet's own, those it
    maps written as their canonical names, ignored ones blanked, and its constants' columns."""
    targets = _header_targets(profile)
    out = []
    for text in header_texts:
        target = targets.get(headers.normalize_header(text))
        out.append(text if target is None else target.partition("@")[0])
    return out + list(profile.constants)


# -- applying ---------------------------------------------------------------------------------
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
    targets = _header_targets(profile)
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
            notes += [f"{column}: {word} → {value} ({_rows(n)})"
                      for (word, value), n in changed.items()]
    headers_out = list(table.headers)
    for column, value in profile.constants.items():
        if column in position:
            empty = is_empty(cells[position[column]])
            if empty.any():
                cells[position[column]] = cells[position[column]].astype(object).where(
                    ~empty, value)
                notes.append(f"{column} = {value} (constant, {_rows(int(empty.sum()))} "
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


def _header_targets(profile: Profile) -> dict[str, str]:
    return {headers.normalize_header(h): t for h, t in profile.headers.items()}


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


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"
