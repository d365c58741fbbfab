"""What the intake (loaders/intake.py) takes and gives: its options, the uploaded files, and
per sheet and per upload the result: the canonical frame, the mapping, the problems."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from loaders import profiles
from loaders.column_parse import cell_text
from loaders.layout import Table
from loaders.problems import ERROR, Problem, problem_frame, rows_text


@dataclass
class Options:
    base_currency: str = "EUR"
    year: int | None = None  # for wide budgets whose month headers name no year
    kind_overrides: dict[tuple[str, str], str] = field(default_factory=dict)  # (file, sheet)
    known_rates: set[tuple[str, pd.Timestamp]] = field(default_factory=set)
    # Channel names read as another channel (the Settings page): channel_key(alias) -> channel.
    channel_mapping: dict[str, str] = field(default_factory=dict)
    # Import profiles (SPEC §1.1): those applied by themselves to a sheet with their headers
    # (the user's own and shared ones), and those chosen for (file, sheet), None for any.
    profiles: list[profiles.Profile] = field(default_factory=list)
    chosen_profiles: dict[tuple[str | None, str | None], profiles.Profile] = field(
        default_factory=dict)
    fiscal_first_month: int = 1  # the store's: which budget sheets replace the same year


@dataclass
class SheetResult:
    file_name: str
    sheet: str
    kind: str | None
    table: Table | None
    mapping: dict[int, str]  # position -> canonical column
    frame: pd.DataFrame | None  # the stored columns plus source_row; None when not stored
    problems: list[Problem]
    # Channel names the mapping changed: (as written, as stored) -> rows.
    mapped_channels: dict[tuple[str, str], int] = field(default_factory=dict)
    profile: str | None = None  # the import profile applied, by name
    ignored: set[int] = field(default_factory=set)  # positions the profile ignores
    source_headers: list[str] | None = None  # the headers as read, when a profile changed them

    @property
    def signature(self) -> tuple[str, ...]:
        """The sheet's headers as a profile saved for it remembers them."""
        if self.table is None:
            return ()
        return profiles.signature(self.source_headers or self.table.headers)

    @property
    def note(self) -> str:
        """What the upload history says about this sheet beyond its rows."""
        parts = [f"profile '{self.profile}'"] if self.profile else []
        if self.mapped_channels:
            parts.append("channel names mapped: " + ", ".join(
                f"{old} → {new} ({rows_text(n)})"
                for (old, new), n in sorted(self.mapped_channels.items())))
        return "; ".join(parts)

    @property
    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.problems)

    @property
    def unmapped_headers(self) -> list[str]:
        if self.table is None:
            return []
        return [h for i, h in enumerate(self.table.headers)
                if h and i not in self.mapping and i not in self.ignored]

    def preview(self, rows: int = 20) -> pd.DataFrame:
        """The first data rows under the user's own headers, as text."""
        if self.table is None:
            return pd.DataFrame()
        names = _unique_names(self.table.headers)
        data = [[cell_text(c) for c in row] for row in self.table.head(rows)]
        frame = pd.DataFrame(data, columns=names)
        frame.insert(0, "row", self.table.row_numbers[:rows])
        return frame


@dataclass
class UploadedFile:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Intake:
    files: list[UploadedFile]
    sheets: list[SheetResult]
    problems: list[Problem]  # every problem, file-level ones included

    @property
    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.problems)

    @property
    def stored_sheets(self) -> list[SheetResult]:
        return [s for s in self.sheets if s.frame is not None]

    def problem_table(self) -> pd.DataFrame:
        return problem_frame(self.problems)


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
