"""Reading a pack's HTML back: its tables as rows of text per column, and a figure's text as
the exact Decimal it stands for (in the number style it was written in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

from spendline import formats as fmt


@dataclass
class ParsedTable:
    key: str
    rows: list[dict[str, str]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    total: dict[str, str] | None = None


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[ParsedTable] = []
        self._row: dict | None = None
        self._total = False
        self._cell: str | None = None
        self._text: list[str] = []
        self.sections: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self.tables.append(ParsedTable(attrs["data-table"]))
        elif tag == "section" and "data-section" in attrs:
            self.sections.append(attrs["data-section"])
        elif tag == "tr" and self.tables:
            self._row = {}
            self._total = "total" in (attrs.get("class") or "")
        elif tag == "td" and self._row is not None and "data-col" in attrs:
            self._cell = attrs["data-col"]
            if "data-kind" in attrs:
                self.tables[-1].kinds[self._cell] = attrs["data-kind"]
            self._text = []

    def handle_data(self, data):
        if self._cell is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row[self._cell] = "".join(self._text).strip()
            self._cell = None
        elif tag == "tr" and self._row:
            if self._total:
                self.tables[-1].total = self._row
            else:
                self.tables[-1].rows.append(self._row)
            self._row = None


def tables(html: str | bytes) -> dict[str, ParsedTable]:
    parser = _Tables()
    parser.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    return {t.key: t for t in parser.tables}


def sections(html: str | bytes) -> list[str]:
    parser = _Tables()
    parser.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    return parser.sections


def number(text: str, style: fmt.Style = fmt.Style()) -> Decimal | None:
    """'€1,234.56', '−€3.00', '1.234,56 €', '12.3%', '2.50×', '1,234' -> the Decimal."""
    text = text.strip()
    if text in ("", fmt.MISSING):
        return None
    numbers = style.numbers
    negative = text.startswith(fmt.MINUS)
    for mark in ("€", "%", "×", "+", fmt.MINUS, " "):
        text = text.replace(mark, "")
    text = text.strip().replace("\u00a0", "").replace(numbers.thousands, "")
    text = text.replace(numbers.decimal, ".")
    value = Decimal(text)
    return -value if negative else value
