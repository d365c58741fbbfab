"""Which kind a sheet is read as, and the note that says why: the headers that decided it,
and the other kinds it could be."""

from __future__ import annotations

import math

from loaders import date_values, headers
from loaders.layout import Table, is_blank
from loaders.problems import WARNING, Problem
from spendline.kinds import KINDS

BY_HAND = ("pick its kind by hand (the Upload page; on the command line --kind KIND or "
           "--profile NAME|FILE)")

# How the report names a kind: "read as a vendors sheet", "could also be a spend ledger".
KIND_NAMES = {"budget": "a budget", "spend": "a spend ledger",
              "results": "a campaign results sheet", "vendors": "a vendors sheet",
              "fx_rates": "an FX rates sheet"}


def kind_note(sheet: str, kind: str, table: Table, mapping: dict[int, str],
              chosen: bool | str) -> Problem:
    """The note that says which kind a sheet was read as and the headers that decided it,
    and which other kind it could be when one fits about as well: a sheet read as the wrong
    kind shows it before its errors are read."""
    deciding = [f"{table.headers[pos]} → {name}" for pos, name in sorted(mapping.items())]
    months = [h for h, cell in zip(table.headers, table.header_cells, strict=True)
              if not is_blank(cell) and date_values.month_header(cell) is not None]
    if kind == "budget" and "period" not in mapping.values() and months:
        deciding.append(f"{months[0]} … {months[-1]} → month columns")
    text = f"Sheet '{sheet}' read as {KIND_NAMES[kind]}"
    # chosen: True when the user picked the kind, a profile's name when its profile did
    text += (f", as profile '{chosen}' says" if isinstance(chosen, str)
             else ", as you chose" if chosen else "")
    text += ": " + (", ".join(deciding) or "no header it knows")
    if not chosen:
        text += "".join(f"; could also be {alternative}"
                        for alternative in alternatives(kind, table.headers))
    return Problem(sheet, None, None, None, text + ".", WARNING)


def alternatives(kind: str, header_texts: list[str]) -> list[str]:
    """Other kinds the headers fit about as well: one that qualifies with at most one
    column fewer matched, or one that matches more headers but lacks a required column."""
    scores = headers.kind_scores(header_texts)
    fits = {k: headers.map_headers(header_texts, k) for k in KINDS}
    fit = {k: math.ceil(scores[k]) if scores[k] > 0 else len(fits[k]) for k in KINDS}
    found = []
    for other in KINDS:
        if other == kind:
            continue
        if scores[other] > 0 and fit[other] >= fit[kind] - 1:
            found.append(KIND_NAMES[other])
        elif scores[other] == 0 and fit[other] > fit[kind]:
            lacking = [headers.label(c) for c in KINDS[other].required
                       if c not in fits[other].values()]
            found.append(f"{KIND_NAMES[other]}, but it has no "
                         + " or ".join(f"'{c}'" for c in lacking) + " column")
    return found


def guess_kind(header_texts: list[str]) -> str | None:
    """The kind the headers fit; failing that, the kind most of them belong to, so that a
    sheet missing one required column is told so instead of being skipped as unknown."""
    kind = headers.detect_kind(header_texts)
    if kind:
        return kind
    matched = {k: len(headers.map_headers(header_texts, k)) for k in KINDS}
    best = max(matched, key=matched.get)
    runner_up = max(v for k, v in matched.items() if k != best)
    return best if matched[best] >= 3 and matched[best] > runner_up else None
