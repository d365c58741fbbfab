"""A CSV's rows as the user saved them: its encoding (loaders.encoding), its delimiter, and the
row and cell limits."""

from __future__ import annotations

import csv
import io

from loaders import encoding
from loaders.limits import MAX_ROWS, FileRefused, check_rows


def decode_text(data: bytes) -> str:
    """Decode a CSV the way the user saved it: UTF-8 (with or without BOM), Windows-1252 or
    GBK, told apart by loaders.encoding; FileRefused when it is none of them."""
    return encoding.decode(data)


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon (Italian Excel) or tab, whichever splits the first lines most evenly."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts or max(counts) < 2:
            continue
        # Prefer the delimiter that gives many columns consistently across lines.
        score = sum(1 for c in counts if c == max(counts)) * max(counts)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(data: bytes, filename: str = "The CSV file") -> list[list]:
    """The rows; FileRefused past the row limit (counted to the end, to name it) or for a
    cell longer than csv's field limit (131,072 characters: no spreadsheet cell is)."""
    text = decode_text(data)
    try:
        delimiter = sniff_delimiter(text)
    except csv.Error:  # a giant cell in the first lines: the reader below names its line
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list] = []
    try:
        for row in reader:
            if len(rows) < MAX_ROWS:
                rows.append(row)
            elif reader.line_num and len(rows) == MAX_ROWS:
                extra = 1 + sum(1 for _ in reader)
                check_rows(filename, MAX_ROWS + extra)
    except csv.Error as exc:
        if "field larger than field limit" not in str(exc):
            raise FileRefused(f"{filename} cannot be read as CSV (line {reader.line_num}): "
                              "save it again as CSV and upload the new file.") from exc
        raise FileRefused(f"Line {reader.line_num} of {filename} has a cell longer than "
                          f"{csv.field_size_limit():,} characters, the limit (a spreadsheet "
                          "cell holds at most 32,767): check that the file is a table saved "
                          "as CSV.") from exc
    return rows
