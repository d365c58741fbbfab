"""What makes text safe in a spreadsheet a user opens, for every file Spendline writes (CSV,
Excel exports, the marked-up problem workbook, the accruals journal)."""

from __future__ import annotations

import re

# Text starting with one of these is run as a formula by a spreadsheet (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
SHEET_TITLE_MAX = 31  # Excel's limit
_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")


def safe_text(value: object) -> object:
    """Text a spreadsheet would evaluate gets a leading '; a carriage return inside text
    becomes a line feed (Python's csv module quotes a field for \\n but not for a lone \\r,
    which would break the row); anything else is unchanged."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def sheet_title(name: object, used: set[str]) -> str:
    """A valid Excel sheet title for `name`, distinct (ignoring case) from those in `used`,
    which it joins: at most 31 characters, none of []:*?/\\ (each becomes _), not
    "History" (reserved by Excel), " (2)", " (3)"... added to tell apart the same names."""
    title = _BAD_TITLE_CHARS.sub("_", str(name)).strip().strip("'").strip()
    title = title[:SHEET_TITLE_MAX].strip()
    if not title or title.casefold() == "history":
        title = (title + " sheet").strip() if title else "Sheet"
    base, n = title, 2
    while title.casefold() in used:
        tail = f" ({n})"
        title = base[: SHEET_TITLE_MAX - len(tail)].rstrip() + tail
        n += 1
    used.add(title.casefold())
    return title
