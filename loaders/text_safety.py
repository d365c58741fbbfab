"""Names that look alike must not become separate vendors, channels or accounts (issue 17 §3).

For the dimension columns (vendor, channel, account, platform, campaign, category):
- a name holding a control, format or direction character (NUL, a zero-width space, a
  right-to-left override: invisible on screen, different to the store) is an error;
- a name in Unicode compatibility forms (full-width `Ａｃｍｅ`, ligatures) is stored in its
  NFKC form (`Acme`), with a warning saying so;
- a name mixing Latin, Cyrillic or Greek letters (`Аcme` with a Cyrillic А) is stored, with
  a warning: it is most likely a look-alike of another name. Latin beside Chinese is common
  (`TikTok 抖音`) and not warned about.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from loaders.problems import WARNING, Problem

NAME_COLUMNS = ("vendor", "channel", "account", "platform", "campaign", "category")
# Control, format (zero-width, bidi), surrogate, private-use, line and paragraph separators.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _char(c: str) -> str:
    return f"U+{ord(c):04X} {unicodedata.name(c, 'CONTROL CHARACTER')}"


def _invisible(name: str) -> list[str]:
    return [c for c in name if unicodedata.category(c) in _INVISIBLE]


def _scripts(name: str) -> list[str]:
    found = []
    for c in name:
        if c.isalpha():
            script = unicodedata.name(c, "").split(" ", 1)[0]
            if script in _LOOKALIKE_SCRIPTS and script not in found:
                found.append(script)
    return found


def check_names(frame: pd.DataFrame, where) -> tuple[pd.DataFrame, list[Problem]]:
    """The frame with names in NFKC form, and a problem for each name cell that needs one
    (`where`: intake's locator, which turns a row position into the user's row and cell)."""
    problems: list[Problem] = []
    for column in NAME_COLUMNS:
        if column not in frame:
            continue
        values = frame[column]
        replace: dict[str, str] = {}
        for name in values.dropna().unique():
            if not isinstance(name, str) or (name.isascii() and name.isprintable()):
                continue  # the common case, at once
            rows = [int(i) for i in (values == name).to_numpy().nonzero()[0]]
            bad = _invisible(name)
            if bad:
                shown = ", ".join(dict.fromkeys(map(_char, bad)))
                problems += [where.problem(
                    column, i, f"the name holds an invisible character ({shown}): names may "
                    "not hold control, zero-width or text-direction characters; type it "
                    "again") for i in rows]
                continue
            normal = unicodedata.normalize("NFKC", name)
            if normal != name:
                replace[name] = normal
                problems.append(where.problem(
                    column, rows[0], f"stored as '{normal}' (written in Unicode compatibility "
                    f"forms, such as full-width letters){_more(rows)}", level=WARNING))
            scripts = _scripts(normal)
            if len(scripts) > 1:
                problems.append(where.problem(
                    column, rows[0], f"the name mixes {' and '.join(s.title() for s in scripts)}"
                    f" letters: a look-alike of another name? Check it{_more(rows)}",
                    level=WARNING))
        if replace:
            frame[column] = values.replace(replace)
    return frame, problems


def _more(rows: list[int]) -> str:
    return f" ({len(rows):,} rows)" if len(rows) > 1 else ""
