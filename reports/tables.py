"""Tables of a pack: rows of exact values, a totals row added up from the very same values,
and the cells written in the reader's number style (spendline.formats) at render time.

A table's rows are what a view gives (money already rounded to the cent by the view, or by
`cents` here for the breakdown's unrounded sums), so its totals row is the exact sum of the
cents shown above it: every table adds up, to the cent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from spendline import formats as fmt
from spendline.metrics import money

SUMMED = ("money", "int")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # text, money (summed in the totals row), unit (money per something, a ratio: not
    # summed), int, pct, times, day
    kind: str = "text"


@dataclass
class Table:
    """One table of a pack. `key` names it in the HTML (data-table) for the tests."""

    key: str
    columns: list[Column]
    rows: list[dict]
    totals: dict | None = None
    caption: str = ""
    empty: str = "Nothing matches these filters."
    currency: str = "EUR"

    def cell(self, column: Column, value) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return fmt.MISSING if column.kind not in ("text", "day") else ""
        if column.kind in ("money", "unit"):
            return fmt.money(value, self.currency)
        if column.kind == "int":
            return fmt.integer(value)
        if column.kind == "pct":
            return fmt.pct(value)
        if column.kind == "times":
            return fmt.times(value)
        if column.kind == "day":
            return f"{value:%Y-%m-%d}" if isinstance(value, date | datetime) else str(value)
        return str(value)

    def body(self) -> list[list[tuple[str, str, str]]]:
        """Per row, per column: (key, kind, text)."""
        return [[(c.key, c.kind, self.cell(c, row.get(c.key))) for c in self.columns]
                for row in self.rows]

    def total_cells(self) -> list[tuple[str, str, str]] | None:
        if self.totals is None:
            return None
        # A total has no day, and nothing where a column does not add up.
        return [(c.key, c.kind, "" if self.totals.get(c.key) is None
                 else self.cell(c, self.totals[c.key])) for c in self.columns]


def cents(value) -> Decimal | None:
    """An unrounded Decimal sum rounded to the cent, as the views round (half up)."""
    return money(fmt.to_decimal(value)) if value is not None else None


def add_up(rows: Iterable[dict], columns: list[Column], label: str = "Total",
           ratios: dict[str, Callable[[dict], object]] | None = None) -> dict:
    """The totals row: money and count columns summed exactly from the rows' own values, the
    first text column labelled, ratio columns worked out from the totals by `ratios`."""
    rows = list(rows)
    out: dict = {}
    for column in columns:
        if column.kind == "money":
            out[column.key] = sum((fmt.to_decimal(r.get(column.key)) or Decimal(0)
                                   for r in rows), Decimal("0.00"))
        elif column.kind == "int":
            out[column.key] = sum(int(r.get(column.key) or 0) for r in rows)
    first_text = next((c.key for c in columns if c.kind == "text"), None)
    if first_text:
        out[first_text] = label
    for key, work_out in (ratios or {}).items():
        out[key] = work_out(out)
    return out


def top_with_rest(rows: list[dict], columns: list[Column], by: str, n: int,
                  noun: str) -> tuple[list[dict], int]:
    """The `n` rows largest by `by`, then one row adding up the others ("Other 294
    invoices"), so the table still adds up to the whole. Returns (rows, how many in all)."""
    ordered = sorted(rows, key=lambda r: fmt.to_decimal(r.get(by)) or Decimal(0), reverse=True)
    if len(ordered) <= n + 1:
        return ordered, len(ordered)
    rest = ordered[n:]
    other = add_up(rest, columns, label=f"Other {len(rest):,} {noun}")
    return [*ordered[:n], other], len(ordered)


@dataclass
class Tile:
    """A headline figure: now, at the previous month end, and the change."""

    label: str
    now: object
    before: object = None
    kind: str = "money"
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[tuple[str, object]] = field(default_factory=list)  # (title, go.Figure)
    tiles: list[Tile] = field(default_factory=list)
