"""Chart builders: a view's DataFrame (SPEC §5 columns) in, a plotly Figure out, no Streamlit.

Money arrives as Decimal in object columns. Every builder sums in Decimal, turns the sums into
floats only for the geometry, and writes every amount a reader sees (hover, bar labels) from
the exact sum through spendline.formats, so a chart never disagrees with the table by a cent.
Every builder returns `empty_figure` for an empty frame; `title=""` leaves the title to the page.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import qualitative

from spendline import formats as fmt
from spendline.kinds import UNALLOCATED

HEIGHT = 400
# Every figure starts with this template, made part of it when the figure is created; naming
# it in update_layout instead copies and validates the whole template again (13 ms a chart).
pio.templates.default = "plotly_white"
# Plotly checks every property of a figure as it is set: two thirds of a chart's cost. The
# tests build every chart with the check on (SPENDLINE_CHECK_CHARTS=1, tests/conftest.py), so
# a misspelt property fails there; the app leaves it off.
CHECK_CHARTS = os.environ.get("SPENDLINE_CHECK_CHARTS") == "1"
NO_DATA = "No data for the current filters."
NONE_LABEL = "(none)"

# Paul Tol's "muted" scheme, readable with the common colour-vision deficiencies (but one).
CHANNEL_COLORS = {
    "Paid Search": "#332288", "Paid Social": "#88CCEE", "Display": "#44AA99",
    "Events": "#DDCC77", "Content": "#117733", "Email": "#CC6677", "PR": "#882255",
    "Influencer": "#DB6D00",  # not Tol's purple #AA4499: too near PR's wine
}
# Channels beyond those eight take these in turn (by name, in the store's channel list), so
# no two channels share or nearly share a colour: every pair of colours here and above is
# at least 20 apart in CIELAB (tests/test_channel_colours.py). Beyond them, a hashed pick.
OTHER_CHANNEL_COLORS = ("#0077BB", "#B66DFF", "#004949", "#FFB000", "#E7298A", "#A6761D",
                        "#CC3311", "#7F3C8D", "#666666", "#6DB6FF")
UNALLOCATED_COLOR = "#BBBBBB"
# Colours of other groupings (platform, category...), in order of size.
GROUP_COLORS = tuple(qualitative.Safe)

FIGURE_COLORS = {
    "budget": "#8A96A8", "forecast": "#8EC1E6", "quoted": "#D9A441", "committed": "#5E81AC",
    "actual": "#1F4E79", "paid": "#2E8B57", "platform_spend": "#E69F00",
    "over": "#D55E00", "under": "#009E73", "break_even": "#7F7F7F",
}
AGING_COLORS = {"not due": "#1A9850", "1-30": "#91CF60", "31-60": "#F2C14E",
                "61-90": "#FC8D59", "90+": "#D73027"}
_CHANNEL_KEYS = {name.casefold(): color for name, color in CHANNEL_COLORS.items()}


def channel_palette(names) -> dict[str, str]:
    """The one channel → colour map for a store's channels (casefolded names): the eight
    standard channels their own colour, the others OTHER_CHANNEL_COLORS in turn, in
    alphabetical order. The same names give the same map in every process."""
    others = sorted({label(n, "").casefold() for n in names} - set(_CHANNEL_KEYS)
                    - {"", UNALLOCATED.casefold(), NONE_LABEL})
    return {**_CHANNEL_KEYS, **dict(zip(others, OTHER_CHANNEL_COLORS, strict=False))}


_palette: dict[str, str] = dict(_CHANNEL_KEYS)


def use_channels(names) -> None:
    """Set this process's channel map from every channel the store knows (app.py, once per
    run), so that a channel keeps its colour on every chart whatever the filters show."""
    global _palette
    _palette = channel_palette(names)


def channel_color(name) -> str:
    """A channel's colour: fixed for the 8 standard channels (any case), grey for Unallocated
    or no channel, the channel map's (use_channels) for the store's other channels, and for
    a name the map lacks a pick by SHA-256 of the name, the same in every process."""
    key = label(name, "").casefold()
    if key in ("", UNALLOCATED.casefold(), NONE_LABEL):
        return UNALLOCATED_COLOR
    if key in _palette:
        return _palette[key]
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return OTHER_CHANNEL_COLORS[int.from_bytes(digest[:4], "big") % len(OTHER_CHANNEL_COLORS)]


def channel_order(names) -> list[str]:
    """Standard channels in palette order, then others alphabetically, Unallocated last."""
    standard = list(CHANNEL_COLORS)
    return sorted(set(names), key=lambda n: (
        n in (UNALLOCATED, NONE_LABEL), standard.index(n) if n in standard else len(standard),
        n.casefold()))


def label(value, empty: str = NONE_LABEL) -> str:
    """Text of a grouping key; missing or blank becomes `empty`."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return empty
    text = str(value).strip()
    return text or empty


def sums(frame: pd.DataFrame, by: list[str], columns: list[str]) -> pd.DataFrame:
    """Exact Decimal sums of `columns` per group of `by` (a missing value counts as 0)."""
    data = {b: [label(v) for v in frame[b]] for b in by}
    for c in columns:
        data[c] = [fmt.to_decimal(v) or Decimal(0) for v in frame[c]]
    grouped = pd.DataFrame(data).groupby(by, sort=False, as_index=False)
    return grouped[columns].agg(lambda s: sum(s, Decimal(0)))


def floats(values) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return numerator / denominator if denominator else None


def with_room(values: list[float], share: float = 0.3) -> list[float]:
    """An axis range with room beyond the longest bars for their outside labels (plotly does
    not count text in autorange)."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    pad = (hi - lo) * share or 1.0
    return [lo - pad if lo < 0 else lo, hi + pad if hi > 0 or lo == hi else hi]


def month_label(month: str) -> str:
    try:
        return datetime.strptime(month, "%Y-%m").strftime("%b %Y")
    except ValueError:
        return month


def month_axis(months: list[str]) -> dict:
    """A category axis of 'YYYY-MM' months, each labelled as a reader says it (Mar 2026)."""
    return {"type": "category", "tickvals": months, "ticktext": [month_label(m) for m in months]}


def month_hover(months: list[str], values: list, name: str, currency: str,
                group: str = "") -> dict:
    """The hover of a bar per month: the month (and its group), then `name`: the amount."""
    head = f" · {group}" if group else ""
    return hover([f"{month_label(m)}{head}<br>{name}: {fmt.money(v, currency)}"
                  for m, v in zip(months, values, strict=True)])


def money_axis(currency: str, what: str) -> dict:
    return {"title": {"text": f"{what} ({currency})"}, "tickformat": ",.0f", "rangemode": "tozero"}


def new_figure() -> go.Figure:
    """An empty figure, its properties checked only under the tests (CHECK_CHARTS)."""
    return go.Figure(_validate=CHECK_CHARTS)


def layout(fig: go.Figure, *, title: str = "", height: int = HEIGHT, legend: bool = True,
            **extra) -> go.Figure:
    """The look shared by every chart: white, the reader's number marks (axes; the hover
    text is written by spendline.formats), legend on top, nothing clipped."""
    marks = fmt.current().numbers
    fig.update_layout(**{  # the plotly_white template: every figure starts with it (above)
        "separators": marks.decimal + marks.thousands, "height": height, "showlegend": legend,
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "margin": {"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02,
                   "yanchor": "bottom", "title": {"text": ""}},
        "font": {"size": 13}, "hoverlabel": {"bgcolor": "white"}, **extra})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def hover(texts: list[str]) -> dict:
    return {"hovertext": texts, "hoverinfo": "text"}


def empty_figure(message: str = NO_DATA) -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = new_figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 16, "color": "#6B7280"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return layout(fig, legend=False)


