"""The one clock: every "today" and "now" in Spendline comes from here.

`SPENDLINE_TODAY=YYYY-MM-DD` sets the day for the app and the command line, so that a demo,
a screenshot or a bug report can be replayed on any day; the tests set it for the whole
suite (tests/conftest.py). With it set, `now()` is that day at the wall clock's time of day,
so upload times still follow one another within a run.

This module is the only place allowed to read the wall clock (ruff's DTZ rules, see
pyproject.toml).
"""

from __future__ import annotations

import os
from datetime import date, datetime

ENV = "SPENDLINE_TODAY"


class ClockError(ValueError):
    """SPENDLINE_TODAY is set to something that is not a day."""


def _pinned() -> date | None:
    text = os.environ.get(ENV, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ClockError(f"{ENV}={text!r} is not a day: write it as YYYY-MM-DD.") from None


def _wall() -> datetime:
    """The machine's local time: the one read of the wall clock (tests replace it)."""
    return datetime.now()  # noqa: DTZ005 - the one clock


def today() -> date:
    """Today's date: SPENDLINE_TODAY when set, else the machine's local date."""
    pinned = _pinned()
    return pinned if pinned is not None else _wall().date()


def now() -> datetime:
    """The current local time (naive, as the store keeps it), on `today()`'s day."""
    wall = _wall()
    pinned = _pinned()
    return wall if pinned is None else datetime.combine(pinned, wall.time())
