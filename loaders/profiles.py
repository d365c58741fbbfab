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

from loaders import headers
from spendline import kinds
from spendline.kinds import KINDS

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
    targets = header_targets(profile)
    out = []
    for text in header_texts:
        target = targets.get(headers.normalize_header(text))
        out.append(text if target is None else target.partition("@")[0])
    return out + list(profile.constants)


def header_targets(profile: Profile) -> dict[str, str]:
    """The profile's header mappings keyed by the normalized header."""
    return {headers.normalize_header(h): t for h, t in profile.headers.items()}
