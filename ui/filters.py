"""The global filters in the sidebar, carried in the URL so a copied link reproduces the view.

Every widget is bound to a query parameter (`bind="query-params"`): the widget key is the
parameter name, a value equal to the widget's default is left out of the URL, and
Streamlit keeps the parameters across page switches and reloads. Nothing here writes
`st.query_params` by hand (that loses them on a page switch, streamlit#7982); the Reset
button sets the widgets' session state back to their defaults, which also clears the URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import streamlit as st

from spendline import clock
from spendline.access import LOCAL, User, restrict
from spendline.periods import fiscal_months, fiscal_year_of
from spendline.stores import lookups
from spendline.views import Filters
from ui import state
from ui.safe_text import plain
from ui.state import get_store

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Query-parameter names; they are also the widgets' session-state keys.
FY, MONTH_RANGE, AS_OF, COMPARE = "fy", "months", "as_of", "compare"
# Multiselects: query parameter -> (label, Filters field, singular, plural).
DIMENSIONS = {
    "account": ("Account", "accounts", "account", "accounts"),
    "channel": ("Channel", "channels", "channel", "channels"),
    "platform": ("Platform", "platforms", "platform", "platforms"),
    "category": ("Category", "categories", "category", "categories"),
    "campaign": ("Campaign", "campaigns", "campaign", "campaigns"),
    "vendor": ("Vendor", "vendors", "vendor", "vendors"),
}
PARAMS = (FY, MONTH_RANGE, AS_OF, *DIMENSIONS, COMPARE)

# The views count ledger and budget rows without a campaign as this one (SPEC §4).

_FILTERS_KEY = "filters"
_COMPARE_KEY = "filters_compare"


# -- pure helpers -------------------------------------------------------------------------------
def month_label(month: date) -> str:
    """'Jan 2026'; independent of the server's locale."""
    return f"{MONTHS[month.month - 1]} {month.year}"


def day_label(day: date) -> str:
    """'23 Nov 2026'."""
    return f"{day.day} {month_label(day)}"


def default_fiscal_year(years: Sequence[int], today: date, first_month: int = 1) -> int:
    """Today's fiscal year when the store has it, else the newest one there is."""
    current = fiscal_year_of(today, first_month)
    return current if current in years or not years else max(years)


def to_filters(months: tuple[date, date], as_of: date | None = None,
               **chosen: Sequence[str]) -> Filters:
    """The widgets' values as `Filters`: months as first days of months, choices sorted
    (so the same choice in another order is the same filter, and the same cache key).
    `chosen` takes the Filters field names: accounts=, channels=, ..."""
    start, end = (m.replace(day=1) for m in months)
    if start > end:
        start, end = end, start
    return Filters(from_month=start, to_month=end, as_of=as_of,
                   **{name: tuple(sorted(values)) for name, values in chosen.items()})


def _month_range_label(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "all months"
    if end is None:
        return f"from {month_label(start)}"
    if start is None:
        return f"to {month_label(end)}"
    if start == end:
        return MONTHS[start.month - 1]
    if start.year == end.year:
        return f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]}"
    return f"{month_label(start)}–{month_label(end)}"


def filters_caption(filters: Filters, compare: date | None = None,
                    first_month: int = 1) -> str:
    """One line saying what is filtered, e.g.
    'FY2026 · Jan–Jun · 2 channels · as of 23 Nov 2026'."""
    parts = []
    start, end = filters.from_month, filters.to_month
    years = sorted({fiscal_year_of(m, first_month) for m in (start, end) if m is not None})
    if years:
        parts.append(f"FY{years[0]}" if len(years) == 1 else f"FY{years[0]}–FY{years[-1]}")
    parts.append(_month_range_label(start, end))
    for field, singular, plural in (spec[1:] for spec in DIMENSIONS.values()):
        values = getattr(filters, field)
        if len(values) == 1:
            parts.append(f"{singular}: {plain(values[0])}")  # a name from the data: no Markdown
        elif values:
            parts.append(f"{len(values)} {plural}")
    parts.append(f"as of {day_label(filters.as_of)}" if filters.as_of else "as of today")
    if compare is not None:
        parts.append(f"compared with {day_label(compare)} (on the Overview)")
    return " · ".join(parts)


# The pages that draw "Compare with" (by url path; the default page's is empty).
COMPARE_PAGES = ("overview", "")


def compare_notice(compare: date | None, url_path: str) -> None:
    """On a page that does not compare, say so when a compare date is set: the sidebar's
    "compared with …" must not read as if this page's figures were compared."""
    if compare is not None and url_path not in COMPARE_PAGES:
        st.caption(f"Compare with {day_label(compare)} is shown on the Overview only: the "
                   "figures on this page are as they stand now.")


# -- options, cached per store and data version ------------------------------------------------
@dataclass(frozen=True)
class Options:
    first_month: int
    fiscal_years: tuple[int, ...]  # newest first
    values: dict[str, tuple[str, ...]]  # query parameter -> choices


@st.cache_data(show_spinner=False, max_entries=16)
def _options(path: str, data_version: int, accounts: tuple[str, ...], first_month: int,
             _store) -> Options:
    """Everything the filters offer (within `accounts` when the user is restricted). Keyed
    by store path and data version: a new upload, a rollback or a settings change bumps the
    version and so refreshes the choices."""
    store = _store
    values = {param: lookups.filter_values(store, param, accounts) for param in lookups.SOURCES}
    return Options(first_month, lookups.fiscal_years(store), values)


def options(store, user: User = LOCAL) -> Options:
    # the settings this page run read (ui.state), not a read of its own
    return _options(str(store.path), store.data_version(), user.accounts, state.first_month(),
                    store)


# -- widgets ------------------------------------------------------------------------------------
def _defaults(opts: Options, today: date) -> dict[str, object]:
    years = opts.fiscal_years or (fiscal_year_of(today, opts.first_month),)
    fy = default_fiscal_year(years, today, opts.first_month)
    months = fiscal_months(fy, opts.first_month)
    return {FY: fy, MONTH_RANGE: (months[0], months[-1]), AS_OF: today,
            **{key: [] for key in DIMENSIONS}, COMPARE: None}


def _reset(opts: Options) -> None:
    # Setting a bound widget's state to its default also removes its query parameter.
    for key, value in _defaults(opts, clock.today()).items():
        st.session_state[key] = value


def _fiscal_year_changed(first_month: int) -> None:
    # The month range belongs to a fiscal year: a new year starts on its full range.
    months = fiscal_months(st.session_state[FY], first_month)
    st.session_state[MONTH_RANGE] = (months[0], months[-1])


def sidebar(store, user: User = LOCAL) -> Filters:
    """Draw the global filters in the sidebar and return them as `Filters`.

    Call once per run, in app.py before `pages.run()`; pages then read `current()` and
    `current_compare()`."""
    opts = options(store, user)
    today = clock.today()
    defaults = _defaults(opts, today)
    years = list(opts.fiscal_years) or [defaults[FY]]
    from ui import saved_views  # it uses this module's names

    saved_views.apply_from_url(store, user, opts)  # ?view=NAME, before the widgets are drawn
    with st.sidebar:
        st.header("Filters")
        fy = st.selectbox("Fiscal year", years, index=years.index(defaults[FY]), key=FY,
                          bind="query-params", on_change=_fiscal_year_changed,
                          args=(opts.first_month,))
        months = fiscal_months(fy, opts.first_month)
        month_range = st.select_slider("Months", months, value=(months[0], months[-1]),
                                       format_func=month_label, key=MONTH_RANGE,
                                       bind="query-params")
        as_of = st.date_input("As of", value=today, key=AS_OF, bind="query-params",
                              help="Landing and invoice ageing are worked out at this date.")
        chosen = {}
        for param, (label, field, _, plural) in DIMENSIONS.items():
            chosen[field] = st.multiselect(label, opts.values[param], key=param,
                                           bind="query-params", placeholder=f"All {plural}")
        compare = st.date_input("Compare with", value=None, key=COMPARE, bind="query-params",
                                help="The Overview shows its figures also as they stood on "
                                "this date, and the ledger documents changed since.")
        filters = to_filters(month_range, as_of, **chosen)
        st.caption(filters_caption(filters, compare, opts.first_month))
        st.button("Reset filters", key="filters_reset", on_click=_reset, args=(opts,),
                  icon=":material/filter_alt_off:", width="stretch")
        saved_views.box(store, user, opts, filters, fy)
    # Every view runs with these filters: a restricted user's accounts are enforced here.
    filters = restrict(filters, user)
    st.session_state[_FILTERS_KEY] = filters
    st.session_state[_COMPARE_KEY] = compare
    return filters


def current() -> Filters:
    """The filters of this run, for pages. A page run on its own (not through app.py, as
    in a page's AppTest) draws the sidebar itself."""
    if _FILTERS_KEY not in st.session_state:
        sidebar(get_store(), st.session_state.get("user", LOCAL))
    return st.session_state[_FILTERS_KEY]


def current_compare() -> date | None:
    """The 'Compare with' date, or None when none is set."""
    current()
    return st.session_state[_COMPARE_KEY]
