"""Saved views (issue 19): a name for a set of the sidebar's filters ("Q2 · Lumen Travel · Paid
Social"), the user's own or shared with the team.

A view is kept as the URL query parameters the sidebar writes (ui/filters.py binds every filter
widget to one: fy, months, account, channel, ...), so a saved view is a URL too: its
`query_string()` after the app's address opens the same filters, and `?view=NAME` opens the
saved view by name. The command line (`report --view NAME`) reads its Filters here, without
Streamlit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from spendline.views import Filters

# Query parameter -> Filters field (the sidebar's multiselects, ui/filters.DIMENSIONS).
DIMENSIONS = {"account": "accounts", "channel": "channels", "platform": "platforms",
              "category": "categories", "campaign": "campaigns", "vendor": "vendors"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class SavedViewError(ValueError):
    """A view that cannot be saved or found; the message is for the user."""


@dataclass(frozen=True)
class SavedView:
    name: str
    owner: str
    shared: bool = False
    # fy: "2026"; months: ["2026-04-01", "2026-06-01"]; account, channel, ...: lists of names
    params: dict = field(default_factory=dict)

    @property
    def filters(self) -> Filters:
        """The view's filters (months and dimensions; the as-of date stays the reader's)."""
        months = [date.fromisoformat(m) for m in self.params.get("months", [])][:2]
        return Filters(
            from_month=months[0] if months else None,
            to_month=months[-1] if months else None,
            **{field_: tuple(sorted(self.params.get(param, [])))
               for param, field_ in DIMENSIONS.items()})

    def query_string(self) -> str:
        """The URL query that opens these filters: fy=2026&months=Apr+2026&months=Jun+2026&
        channel=Email (as the sidebar writes them)."""
        pairs: list[tuple[str, str]] = []
        if "fy" in self.params:
            pairs.append(("fy", str(self.params["fy"])))
        for month in self.params.get("months", []):
            day = date.fromisoformat(month)
            pairs.append(("months", f"{MONTHS[day.month - 1]} {day.year}"))
        for param in DIMENSIONS:
            pairs.extend((param, value) for value in self.params.get(param, []))
        return urlencode(pairs)

    def describe(self) -> str:
        parts = [f"FY{self.params['fy']}"] if "fy" in self.params else []
        months = [date.fromisoformat(m) for m in self.params.get("months", [])]
        if months:
            parts.append("–".join(f"{MONTHS[m.month - 1]} {m.year}" for m in months))
        for param in DIMENSIONS:
            if self.params.get(param):
                parts.append(f"{param}: {', '.join(self.params[param])}")
        return " · ".join(parts) or "no filters"


def params_of(fiscal_year: int | None, filters: Filters) -> dict:
    """What to save for these sidebar filters (not the as-of or compare dates: a view is
    read as of the day it is opened)."""
    params: dict = {}
    if fiscal_year is not None:
        params["fy"] = str(fiscal_year)
    if filters.from_month and filters.to_month:
        params["months"] = [filters.from_month.isoformat(), filters.to_month.isoformat()]
    for param, field_ in DIMENSIONS.items():
        values = getattr(filters, field_)
        if values:
            params[param] = list(values)
    return params


def _view(row: dict) -> SavedView:
    return SavedView(row["name"], row["owner"], bool(row["shared"]), json.loads(row["params"]))


def usable(store, user: str) -> list[SavedView]:
    """The user's own views and those shared with the team, by name (own first)."""
    views = [_view(r) for r in store.saved_views()]
    return sorted((v for v in views if v.owner == user or v.shared),
                  key=lambda v: (v.name.casefold(), v.owner != user, v.owner))


def find_view(store, name: str, user: str) -> SavedView:
    """The user's own view of that name, else a shared one; KeyError saying which exist."""
    views = usable(store, user)
    for view in views:
        if view.name == name:
            return view
    known = ", ".join(f"'{v.name}'" for v in views) or "none"
    raise KeyError(f"There is no saved view '{name}' of yours or shared (saved views: "
                   f"{known}).")


def save_view(store, view: SavedView) -> SavedView:
    name = view.name.strip()
    if not name:
        raise SavedViewError("Give the view a name.")
    if len(name) > 120:
        raise SavedViewError("A view's name is at most 120 characters.")
    unknown = set(view.params) - {"fy", "months", *DIMENSIONS}
    if unknown:
        raise SavedViewError(f"A view keeps filters only, not {', '.join(sorted(unknown))}.")
    store.save_view(view.owner, name, view.shared, json.dumps(view.params, sort_keys=True))
    return SavedView(name, view.owner, view.shared, view.params)


def delete_view(store, name: str, user: str) -> None:
    """Delete the user's own view of that name (another's shared view is theirs to delete)."""
    store.delete_view(user, name)
