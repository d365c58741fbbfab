"""Making a pack: which kinds there are, its header (scope, data version, when made) and its
sections (reports.pack_sections). No SQL of its own, no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd

from reports.errors import ReportError
from reports.pack_pieces import frame_of
from reports.pack_sections import client, finance, marketing
from reports.period import MONTHS, day_label, month_label, pack_as_of
from reports.tables import Section
from spendline import clock
from spendline import formats as fmt
from spendline.periods import fiscal_months, fiscal_year_of
from spendline.views import Filters, run_totals

PACKS = ("finance", "client", "marketing")
TITLES = {"finance": "Finance pack", "client": "Client pack", "marketing": "Marketing pack"}


@dataclass
class Pack:
    kind: str
    title: str
    subtitle: str
    month: date
    as_of: date
    filters_text: str
    data_version: str
    made_at: datetime
    currency: str
    sections: list[Section]

    @property
    def meta(self) -> str:
        """The line every page and section carries."""
        return (f"{self.filters_text} · as of {day_label(self.as_of)} · data: "
                f"{self.data_version} · made {self.made_at:%Y-%m-%d %H:%M}")



def data_version(store) -> str:
    """'batch 5 of 2026-12-04 20:22': the newest batch of the upload history."""
    history = store.history()
    if history.empty:
        return "nothing uploaded"
    row = history.iloc[0]
    return f"batch {int(row['batch_id'])} of {pd.Timestamp(row['uploaded_at']):%Y-%m-%d %H:%M}"


def filters_text(filters: Filters, accounts_label: str = "every account") -> str:
    parts = [f"{accounts_label if not filters.accounts else ', '.join(filters.accounts)}"]
    for name, values in (("channel", filters.channels), ("platform", filters.platforms),
                         ("category", filters.categories), ("campaign", filters.campaigns),
                         ("vendor", filters.vendors)):
        if values:
            parts.append(f"{name}{'s' if len(values) > 1 else ''} {', '.join(values)}")
    return " · ".join(parts)



def build(store, kind: str, month: date, *, account: str | None = None,
          base: Filters = Filters(), style: fmt.Style = fmt.Style(),
          today: date | None = None, made_at: datetime | None = None) -> Pack:
    """One pack, its numbers written in `style` when rendered (reports.render)."""
    if kind not in PACKS:
        raise ReportError(f"There is no '{kind}' pack: choose {', '.join(PACKS)}.")
    settings = store.settings()
    currency = settings["base_currency"]
    month = month.replace(day=1)
    as_of = pack_as_of(month, today)
    with fmt.using(style):  # the words (movers, notes) carry numbers too
        if kind == "client":
            if not account:
                raise ReportError("A client pack is for one account: name it.")
            sections = client(store, month, account, base, currency, today)
            shown = replace(base, accounts=(account,))
            subtitle = f"{account} · {month_label(month)}"
        else:
            sections = (finance if kind == "finance" else marketing)(store, month, base,
                                                                      currency, today)
            shown = base
            subtitle = month_label(month)
    months = fiscal_months(fiscal_year_of(month, int(settings["fiscal_first_month"])),
                           int(settings["fiscal_first_month"]))
    scope = (f"{filters_text(shown)} · fiscal year {months[0]:%Y}, "
             f"{MONTHS[months[0].month - 1]} {months[0].year}–{MONTHS[month.month - 1]} "
             f"{month.year}")
    return Pack(kind, TITLES[kind], subtitle, month, as_of, scope,
                data_version(store), made_at or clock.now(), currency, sections)


def accounts(store, base: Filters = Filters()) -> list[str]:
    """The accounts a pack may be made for (narrowed to a restricted user's by `base`)."""
    names = frame_of(run_totals(store, base, ("account",)))["account"].dropna().tolist()
    return sorted(a for a in names if not base.accounts or a in base.accounts)

