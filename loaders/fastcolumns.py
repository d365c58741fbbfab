"""Pieces of a sheet read by fastexcel (loaders.fastread) joined into the typed columns the
loaders take (see loaders.cells): text as Arrow-backed str, numbers as float64, dates as
datetime64, anything else as the Python objects python-calamine would hand over."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_FIRST_DAY = pd.Timestamp("1900-01-02")  # earlier "dates" are times of day to python-calamine


class MixedTypes(ValueError):
    """A column whose pieces have different types: only the slow path keeps every cell."""


@dataclass
class Piece:
    """Rows `start`..`end` (0-based sheet rows) of a sheet, by sheet column position."""

    start: int
    end: int | None  # None: no cell at or below `start` in this piece
    columns: dict[int, pa.Array] = field(default_factory=dict)


def frame_of(pieces: list[Piece], first: int) -> tuple[pd.DataFrame, int, int]:
    """The sheet's rows from `first` on as typed columns, pieces joined and the rows between
    pieces (rows without any cell) blank; and the sheet's last row index and last column
    index as python-calamine counts them (its total_height and total_width)."""
    segments: list[tuple[int, dict[int, pa.Array]]] = []
    expected = first
    for piece in pieces:
        if piece.end is None or piece.end < piece.start:
            continue
        if piece.start > expected:
            segments.append((piece.start - expected, {}))  # rows with no cell at all
        segments.append((piece.end - piece.start + 1, piece.columns))
        expected = piece.end + 1
    height = expected - 1
    positions = sorted({j for _, columns in segments for j in columns})
    rows = sum(n for n, _ in segments)
    frame = pd.DataFrame({j: _series(_joined(segments, j)) for j in positions},
                         index=pd.RangeIndex(rows))
    return frame, height, max(positions, default=0)


def _joined(segments: list[tuple[int, dict[int, pa.Array]]], position: int
            ) -> pa.ChunkedArray:
    kinds = {c[position].type for _, c in segments
             if position in c and not pa.types.is_null(c[position].type)}
    if len(kinds) > 1:
        raise MixedTypes(f"column {position} has types {kinds}")
    kind = kinds.pop() if kinds else pa.null()
    parts = []
    for size, columns in segments:
        array = columns.get(position)
        if array is None or pa.types.is_null(array.type):
            array = pa.nulls(size, kind)
        parts += array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    # chunks, not one array: joining them would copy every piece (all the text of a sheet)
    return pa.chunked_array(parts, type=kind)


def _series(array: pa.ChunkedArray) -> pd.Series:
    """An Arrow column as the typed Series the loaders take."""
    kind = array.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return pd.Series(pd.arrays.ArrowStringArray(array.cast(pa.large_string()))).astype("str")
    if pa.types.is_floating(kind):
        return pd.Series(array.to_numpy(zero_copy_only=False), dtype="float64")
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
        stamps = array.cast(pa.timestamp("us"))
        earliest = pc.min(stamps).as_py()
        if earliest is not None and pd.Timestamp(earliest) < _FIRST_DAY:
            raise MixedTypes("times of day")  # python-calamine reads these as datetime.time
        return pd.Series(stamps.to_numpy(zero_copy_only=False)).astype("datetime64[us]")
    if pa.types.is_boolean(kind) and array.null_count == 0:
        return pd.Series(array.to_numpy(zero_copy_only=False), dtype=bool)
    if pa.types.is_boolean(kind) or pa.types.is_integer(kind) or pa.types.is_null(kind):
        values = np.empty(len(array), dtype=object)
        values[:] = array.to_pylist()  # ints and bools as python-calamine hands them over
        return pd.Series(values, dtype=object)
    raise MixedTypes(f"a {kind} column")  # durations: the slow path's timedelta cells
