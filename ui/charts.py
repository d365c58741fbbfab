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
from itertools import accumulate

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import qualitative

from spendline import formats as fmt
from spendline.kinds import UNALLOCATED
from ui.chart_labels import place_labels

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
    others = sorted({_label(n, "").casefold() for n in names} - set(_CHANNEL_KEYS)
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
    key = _label(name, "").casefold()
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


def _label(value, empty: str = NONE_LABEL) -> str:
    """Text of a grouping key; missing or blank becomes `empty`."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return empty
    text = str(value).strip()
    return text or empty


def _sums(frame: pd.DataFrame, by: list[str], columns: list[str]) -> pd.DataFrame:
    """Exact Decimal sums of `columns` per group of `by` (a missing value counts as 0)."""
    data = {b: [_label(v) for v in frame[b]] for b in by}
    for c in columns:
        data[c] = [fmt.to_decimal(v) or Decimal(0) for v in frame[c]]
    grouped = pd.DataFrame(data).groupby(by, sort=False, as_index=False)
    return grouped[columns].agg(lambda s: sum(s, Decimal(0)))


def _floats(values) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return numerator / denominator if denominator else None


def _with_room(values: list[float], share: float = 0.3) -> list[float]:
    """An axis range with room beyond the longest bars for their outside labels (plotly does
    not count text in autorange)."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    pad = (hi - lo) * share or 1.0
    return [lo - pad if lo < 0 else lo, hi + pad if hi > 0 or lo == hi else hi]


def _month_label(month: str) -> str:
    try:
        return datetime.strptime(month, "%Y-%m").strftime("%b %Y")
    except ValueError:
        return month


def _money_axis(currency: str, what: str) -> dict:
    return {"title": {"text": f"{what} ({currency})"}, "tickformat": ",.0f", "rangemode": "tozero"}


def new_figure() -> go.Figure:
    """An empty figure, its properties checked only under the tests (CHECK_CHARTS)."""
    return go.Figure(_validate=CHECK_CHARTS)


def _layout(fig: go.Figure, *, title: str = "", height: int = HEIGHT, legend: bool = True,
            **layout) -> go.Figure:
    """The look shared by every chart: white, the reader's number marks (axes; the hover
    text is written by spendline.formats), legend on top, nothing clipped."""
    marks = fmt.current().numbers
    fig.update_layout(**{  # the plotly_white template: every figure starts with it (above)
        "separators": marks.decimal + marks.thousands, "height": height, "showlegend": legend,
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "margin": {"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02,
                   "yanchor": "bottom", "title": {"text": ""}},
        "font": {"size": 13}, "hoverlabel": {"bgcolor": "white"}, **layout})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _hover(texts: list[str]) -> dict:
    return {"hovertext": texts, "hoverinfo": "text"}


def empty_figure(message: str = NO_DATA) -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = new_figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 16, "color": "#6B7280"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, legend=False)


def burn_up(bva: pd.DataFrame, currency: str = "EUR", *, title: str = "") -> go.Figure:
    """Budget, forecast and actual from budget_vs_actual, summed over channels per month.

    Bars per month on the left axis; lines of the running totals on the right axis. The
    cumulative actual line stops at the last month with any actual, so the months after the
    as-of date do not draw a flat line that looks like a spending freeze.
    """
    if bva.empty:
        return empty_figure()
    sums = _sums(bva, ["month"], ["budget", "forecast", "actual"]).sort_values("month")
    months = sums["month"].tolist()
    labels = [_month_label(m) for m in months]
    fig = new_figure()
    for name in ("budget", "forecast", "actual"):
        values = sums[name].tolist()
        fig.add_bar(x=months, y=_floats(values), name=f"{name.title()} per month",
                    legendgroup=name, marker_color=FIGURE_COLORS[name], opacity=0.55,
                    **_hover([f"{name.title()} in month: {fmt.money(v, currency)}"
                              for v in values]))
        running: list[Decimal | None] = list(accumulate(values))
        if name == "actual":
            spent = [i for i, v in enumerate(values) if v != 0]
            last = spent[-1] if spent else -1
            running = [v if i <= last else None for i, v in enumerate(running)]
        fig.add_scatter(x=months, y=_floats(running), name=f"{name.title()} cumulative",
                        legendgroup=name, yaxis="y2", mode="lines+markers",
                        line={"color": FIGURE_COLORS[name], "width": 3,
                              "dash": "dash" if name == "forecast" else "solid"},
                        **_hover([f"{name.title()} to date: {fmt.money(v, currency)}"
                                  for v in running]))
    return _layout(
        fig, title=title, hovermode="x unified", barmode="group",
        xaxis={"type": "category", "tickvals": months, "ticktext": labels},
        yaxis=_money_axis(currency, "Per month"),
        yaxis2={**_money_axis(currency, "Cumulative"), "overlaying": "y", "side": "right",
                "showgrid": False, "tickmode": "auto"})


def variance_by_channel(bva: pd.DataFrame, currency: str = "EUR", *,
                        title: str = "") -> go.Figure:
    """Variance (actual − budget) per channel summed over months: red over budget, green
    under; the biggest overspend at the top. The hover's % is the summed variance over the
    summed budget (empty when the budget is 0), not a sum of monthly percentages."""
    if bva.empty:
        return empty_figure()
    sums = _sums(bva, ["channel"], ["variance", "budget"]).sort_values("variance")
    variance, budget = sums["variance"].tolist(), sums["budget"].tolist()
    over = [v > 0 for v in variance]
    fig = new_figure().add_bar(
        y=sums["channel"].tolist(), x=_floats(variance), orientation="h",
        marker_color=[FIGURE_COLORS["over" if o else "under"] for o in over],
        text=[fmt.money(v, currency, signed=True) for v in variance], textposition="outside",
        cliponaxis=False,
        **_hover([f"{c}<br>{'Over' if o else 'Under'} budget: {fmt.money(v, currency)}"
                  f"<br>Budget: {fmt.money(b, currency)} · {fmt.pct(_ratio(v, b), signed=True)}"
                  for c, v, b, o in zip(sums["channel"], variance, budget, over, strict=True)]))
    return _layout(fig, title=title, legend=False,
                   xaxis={**_money_axis(currency, "Actual − budget"),
                          "range": _with_room(_floats(variance)), "zerolinecolor": "#555555"},
                   yaxis={"type": "category"})


def landing_by_channel(landing: pd.DataFrame, currency: str = "EUR", *,
                       title: str = "") -> go.Figure:
    """Per channel (summed over the fiscal years in the frame): a budget bar beside a landing
    bar stacked as actual to date + what is left of the as-of month's forecast + forecast
    after, with landing − budget written above."""
    if landing.empty:
        return empty_figure()
    columns = ["budget", "actual_to_date", "current_month_remaining", "forecast_after",
               "landing", "landing_vs_budget"]
    sums = _sums(landing, ["channel"], columns).set_index("channel")
    sums = sums.loc[channel_order(sums.index)]
    channels = sums.index.tolist()
    hover = [f"{c}<br>Landing: {fmt.money(r.landing, currency)}"
             f"<br>= actual to date {fmt.money(r.actual_to_date, currency)}"
             f" + rest of this month {fmt.money(r.current_month_remaining, currency)}"
             f" + forecast after {fmt.money(r.forecast_after, currency)}"
             f"<br>Budget: {fmt.money(r.budget, currency)}"
             f"<br>Landing vs budget: {fmt.money(r.landing_vs_budget, currency, signed=True)}"
             for c, r in sums.iterrows()]
    fig = new_figure()
    under_after = sums["actual_to_date"] + sums["current_month_remaining"]
    for column, name, color, group, base, opacity in (
            ("budget", "Budget", "budget", "budget", None, 1.0),
            ("actual_to_date", "Actual to date", "actual", "landing", None, 1.0),
            ("current_month_remaining", "Rest of this month", "forecast", "landing",
             _floats(sums["actual_to_date"]), 0.55),
            ("forecast_after", "Forecast after", "forecast", "landing", _floats(under_after),
             1.0)):
        fig.add_bar(x=channels, y=_floats(sums[column]), base=base, offsetgroup=group,
                    name=name, marker_color=FIGURE_COLORS[color], marker_opacity=opacity,
                    **_hover(hover))
    for c, r in sums.iterrows():
        fig.add_annotation(
            x=c, y=float(max(r.budget, r.landing, Decimal(0))), yanchor="bottom",
            showarrow=False, text=fmt.compact_money(r.landing_vs_budget, currency, signed=True),
            font={"color": FIGURE_COLORS["over" if r.landing_vs_budget > 0 else "under"]})
    return _layout(fig, title=title, barmode="group", xaxis={"type": "category"},
                   yaxis=_money_axis(currency, "Budget and landing"))


def committed_actual_paid(bva: pd.DataFrame, currency: str = "EUR", *,
                          title: str = "") -> go.Figure:
    """Committed, actual and paid per channel, summed over months, as grouped bars."""
    if bva.empty:
        return empty_figure()
    names = ["committed", "actual", "paid"]
    sums = _sums(bva, ["channel"], names).set_index("channel")
    sums = sums.loc[channel_order(sums.index)]
    fig = new_figure()
    for name in names:
        fig.add_bar(x=sums.index.tolist(), y=_floats(sums[name]), name=name.title(),
                    marker_color=FIGURE_COLORS[name],
                    **_hover([f"{c}<br>{name.title()}: {fmt.money(v, currency)}"
                              for c, v in sums[name].items()]))
    return _layout(fig, title=title, barmode="group", xaxis={"type": "category"},
                   yaxis=_money_axis(currency, "Amount"))


def spend_over_time(frame: pd.DataFrame, by: str = "channel", currency: str = "EUR", *,
                    title: str = "") -> go.Figure:
    """Stacked monthly bars of `actual` split by the `by` column (month, by, actual).

    By channel: channel colours and channel order. By anything else: the largest group first,
    colours from a colour-blind-safe palette in that order. A blank group is "(none)". Bars
    stack relatively, so a negative month (credit notes) goes below the axis.
    """
    if frame.empty:
        return empty_figure()
    sums = _sums(frame, ["month", by], ["actual"])
    months = sorted(set(sums["month"]))
    if by == "channel":
        groups = channel_order(sums[by])
    else:
        totals = _sums(sums, [by], ["actual"]).set_index(by)["actual"].to_dict()
        groups = sorted(totals, key=lambda g: (-totals[g], g.casefold()))
    cells = {(m, g): v for m, g, v in zip(sums["month"], sums[by], sums["actual"], strict=True)}
    fig = new_figure()
    for i, group in enumerate(groups):
        values = [cells.get((m, group), Decimal(0)) for m in months]
        color = channel_color(group) if by == "channel" else GROUP_COLORS[i % len(GROUP_COLORS)]
        fig.add_bar(x=months, y=_floats(values), name=group, marker_color=color,
                    **_hover([f"{_month_label(m)} · {group}<br>Actual: {fmt.money(v, currency)}"
                              for m, v in zip(months, values, strict=True)]))
    return _layout(fig, title=title, barmode="relative",
                   xaxis={"type": "category", "tickvals": months,
                          "ticktext": [_month_label(m) for m in months]},
                   yaxis={**_money_axis(currency, "Actual"), "rangemode": "normal"})


def spend_treemap(frame: pd.DataFrame, currency: str = "EUR", *, title: str = "") -> go.Figure:
    """Actual spend as a treemap channel → platform → category (blank parts are "(none)").

    Node ids are the path joined by " / ". Only leaves carry a size (branchvalues
    "remainder", parents 0), so a parent is exactly the sum of its tiles. A leaf whose credit
    notes exceed its spend is sized 0 and its parents' hover says so; the hover amounts are
    the real (net) sums.
    """
    if frame.empty:
        return empty_figure()
    sums = _sums(frame, ["channel", "platform", "category"], ["actual"])
    sums = sums[[v != 0 for v in sums["actual"]]]
    nodes: dict[str, dict] = {}
    for path, actual in zip(zip(sums["channel"], sums["platform"], sums["category"],
                                strict=True), sums["actual"], strict=True):
        for depth in range(1, 4):
            node = nodes.setdefault(" / ".join(path[:depth]), {
                "label": path[depth - 1], "parent": " / ".join(path[:depth - 1]),
                "channel": path[0], "path": " › ".join(path[:depth]), "leaf": depth == 3,
                "actual": Decimal(0), "negative": 0})
            node["actual"] += actual
            node["negative"] += actual < 0
    if not any(n["leaf"] and n["actual"] > 0 for n in nodes.values()):
        return empty_figure("No positive spend to show: credit notes exceed spend.")
    order = {c: i for i, c in enumerate(channel_order({n["channel"] for n in nodes.values()}))}
    ids = sorted(nodes, key=lambda i: (order[nodes[i]["channel"]], i.casefold()))
    rows = [nodes[i] for i in ids]
    hover = []
    for n in rows:
        text = f"{n['path']}<br>Actual: {fmt.money(n['actual'], currency)}"
        if n["leaf"] and n["negative"]:
            text += "<br>Credit notes exceed spend: drawn with no area"
        elif n["negative"]:
            text += f"<br>Includes {n['negative']} part(s) where credit notes exceed spend"
        hover.append(text)
    fig = new_figure().add_treemap(
        ids=ids, labels=[n["label"] for n in rows], parents=[n["parent"] for n in rows],
        values=[float(max(n["actual"], Decimal(0))) if n["leaf"] else 0.0 for n in rows],
        branchvalues="remainder", sort=True,
        marker={"colors": [channel_color(n["channel"]) for n in rows],
                "line": {"color": "white", "width": 1}},
        text=[fmt.compact_money(n["actual"], currency) for n in rows],
        texttemplate="%{label}<br>%{text}", **_hover(hover))
    # A label that does not fit its box at 10 px is hidden, not shrunk to an unreadable size
    # or spilt over its neighbours; the box names itself on hover.
    return _layout(fig, title=title, legend=False, uniformtext={"minsize": 10, "mode": "hide"},
                   margin={"l": 10, "r": 10, "t": 60 if title else 10, "b": 10})


def top_n(frame: pd.DataFrame, label: str, value: str, n: int = 10, title: str = "", *,
          currency: str = "EUR", kind: str = "money") -> go.Figure:
    """The n largest `value`s by `label` as horizontal bars, largest at the top.

    Rows sharing a label are summed, so pass additive columns (money, counts), not ratios.
    `kind` is "money" (formatted in `currency`) or "integer" (counts such as documents,
    leads). Ties are broken by label. Long labels are cut to 40 characters on the axis.
    """
    if frame.empty:
        return empty_figure()
    sums = _sums(frame, [label], [value])
    sums = sums.assign(_key=[s.casefold() for s in sums[label]]).sort_values(
        [value, "_key"], ascending=[False, True]).head(n)
    labels, values = sums[label].tolist(), sums[value].tolist()
    shown = fmt.integer if kind == "integer" else lambda v: fmt.money(v, currency)
    name = value.replace("_", " ").capitalize()
    color = [channel_color(c) for c in labels] if label == "channel" else FIGURE_COLORS["actual"]
    fig = new_figure().add_bar(
        y=labels, x=_floats(values), orientation="h", marker_color=color,
        text=[shown(v) for v in values], textposition="outside", cliponaxis=False,
        **_hover([f"{lb}<br>{name}: {shown(v)}" for lb, v in zip(labels, values, strict=True)]))
    axis = (_money_axis(currency, name) if kind == "money"
            else {"title": {"text": name}, "tickformat": ",d"})
    return _layout(fig, title=title, legend=False, height=max(HEIGHT, 28 * len(labels) + 120),
                   xaxis={**axis, "range": _with_room(_floats(values))},
                   yaxis={"type": "category", "autorange": "reversed", "tickvals": labels,
                          "ticktext": [lb if len(lb) <= 40 else lb[:39] + "…"
                                       for lb in labels]})


def reconciliation(recon: pd.DataFrame, currency: str = "EUR", *,
                   title: str = "") -> go.Figure:
    """Ledger actual beside the platforms' reported spend per platform (summed over months and
    channels), largest actual at the top; the hover gives the difference (actual − platform).
    Ledger rows without a platform show as "(none)"."""
    if recon.empty:
        return empty_figure()
    sums = _sums(recon, ["platform"], ["actual", "platform_spend", "difference"])
    sums = sums.sort_values("actual", ascending=False)
    platforms = sums["platform"].tolist()
    hover = [f"{p}<br>Actual (ledger): {fmt.money(a, currency)}"
             f"<br>Platform spend: {fmt.money(s, currency)}"
             f"<br>Difference: {fmt.money(d, currency, signed=True)}"
             for p, a, s, d in zip(platforms, sums["actual"], sums["platform_spend"],
                                   sums["difference"], strict=True)]
    fig = new_figure()
    for column, name in (("actual", "Actual (ledger)"), ("platform_spend", "Platform spend")):
        fig.add_bar(y=platforms, x=_floats(sums[column]), name=name, orientation="h",
                    marker_color=FIGURE_COLORS[column], **_hover(hover))
    return _layout(fig, title=title, barmode="group",
                   height=max(HEIGHT, 36 * len(platforms) + 120),
                   xaxis=_money_axis(currency, "Amount"),
                   yaxis={"type": "category", "autorange": "reversed"})


def roi_bubble(roi: pd.DataFrame, label: str = "channel", currency: str = "EUR", *,
               title: str = "") -> go.Figure:
    """Spend (x) against revenue (y), one bubble per row, area by customers, coloured by
    channel, with a dashed break-even line revenue = spend: above it pays back.

    Works for roi_by_channel and roi_by_campaign (label="campaign"). Bubbles are labelled
    when there are at most 15, else only the 10 largest spenders, each where its name
    overlaps no other (ui/chart_labels.py) or not at all; all show on hover.
    """
    if roi.empty:
        return empty_figure()
    rows = pd.DataFrame({
        "label": [_label(v) for v in roi[label]], "channel": [_label(v) for v in roi["channel"]],
        **{c: [fmt.to_decimal(v) or Decimal(0) for v in roi[c]]
           for c in ("actual", "revenue", "customers")},
        **{c: [fmt.to_decimal(v) for v in roi[c]] for c in ("roas", "roi")}})
    labelled = set(rows.index if len(rows) <= 15
                   else rows.sort_values("actual", ascending=False).index[:10])
    biggest = max(float(max(rows["customers"])), 1.0)
    sizeref = 2 * biggest / 45 ** 2
    edge = max(float(max(rows["actual"])), 1.0) * 1.05
    # Room around the bubbles for their names (a credit-note channel may spend below zero).
    top = max(float(max(rows["revenue"])), edge)
    low_x, low_y = (min(0.0, float(min(rows[c]))) * 1.1 for c in ("actual", "revenue"))
    # Names where they overlap no other name or bubble, the biggest spenders placed first;
    # a name with no free place is left to the hover.
    order = list(rows.sort_values(["actual", "revenue"], ascending=False).index)
    places = place_labels(
        [(float(rows.loc[i, "actual"]), float(rows.loc[i, "revenue"]),
          max(6.0, (max(float(rows.loc[i, "customers"]), 0.0) / sizeref) ** 0.5))
         for i in order],
        [rows.loc[i, "label"] if i in labelled else "" for i in order],
        (low_x, edge * 1.1), (low_y, top * 1.15))
    position = dict(zip(order, places, strict=True))
    fig = new_figure()
    for channel in channel_order(rows["channel"]):
        part = rows[rows["channel"] == channel]
        fig.add_scatter(
            x=_floats(part["actual"]), y=_floats(part["revenue"]), name=channel,
            mode="markers+text",
            textposition=[position[i] or "top center" for i in part.index],
            cliponaxis=False,  # a name by the plot's edge is drawn whole, not cut off
            text=[r.label if position[i] else "" for i, r in part.iterrows()],
            marker={"size": _floats(part["customers"]), "sizemode": "area",
                    "sizeref": sizeref, "sizemin": 6, "opacity": 0.8,
                    "color": channel_color(channel), "line": {"color": "white", "width": 1}},
            **_hover([f"{r.label}" + (f" · {channel}" if label != "channel" else "")
                      + f"<br>Spend: {fmt.money(r.actual, currency)}"
                      f"<br>Revenue: {fmt.money(r.revenue, currency)}"
                      f"<br>Customers: {fmt.integer(r.customers)}"
                      f"<br>ROAS: {fmt.times(r.roas)} · ROI: {fmt.pct(r.roi)}"
                      for _, r in part.iterrows()]))
    fig.add_scatter(x=[0.0, edge], y=[0.0, edge], mode="lines", name="Break-even (revenue = spend)",
                    line={"color": FIGURE_COLORS["break_even"], "dash": "dash", "width": 1.5},
                    hoverinfo="skip")
    return _layout(fig, title=title,
                   xaxis={**_money_axis(currency, "Spend"), "range": [low_x, edge * 1.1]},
                   yaxis={**_money_axis(currency, "Revenue"), "range": [low_y, top * 1.15]})


def funnel(leads, opportunities, customers, *, title: str = "") -> go.Figure:
    """Leads → opportunities → customers, each stage with its conversion from the one before
    and (for customers) from leads. Counts may be int or Decimal; missing counts as 0."""
    counts = [fmt.to_decimal(v) or Decimal(0) for v in (leads, opportunities, customers)]
    if not any(counts):
        return empty_figure("No leads, opportunities or customers for the current filters.")
    stages = ["Leads", "Opportunities", "Customers"]
    steps = [[], [(counts[1], counts[0], "leads")],
             [(counts[2], counts[1], "opportunities"), (counts[2], counts[0], "leads")]]
    texts = [" · ".join([fmt.integer(c)] + [f"{fmt.pct(_ratio(a, b))} of {what}"
                                            for a, b, what in step if b])
             for c, step in zip(counts, steps, strict=True)]
    # Conversions go in the stage labels: inside a narrow bar they would be cut off. As the
    # axis's tick text, not the trace's categories: those are escaped as uploaded text
    # (safe_text.figure), which showed the line breaks as a literal "<br>".
    labels = [stage if not step else stage + "<br>" + "<br>".join(
        f"{fmt.pct(_ratio(a, b))} of {what}" for a, b, what in step if b)
        for stage, step in zip(stages, steps, strict=True)]
    fig = new_figure().add_funnel(
        y=stages, x=_floats(counts), text=[fmt.integer(c) for c in counts],
        textinfo="text", textposition="auto", constraintext="none",
        marker={"color": [FIGURE_COLORS["committed"], FIGURE_COLORS["actual"],
                          FIGURE_COLORS["paid"]]},
        **_hover([f"{s}: {t}" for s, t in zip(stages, texts, strict=True)]))
    return _layout(fig, title=title, legend=False,
                   yaxis={"tickmode": "array", "tickvals": stages, "ticktext": labels})


def aging_bars(aging: pd.DataFrame, currency: str = "EUR", *, title: str = "") -> go.Figure:
    """Open invoice amounts per aging bucket, always all five buckets in order (0 when a
    bucket is absent; an unknown bucket goes last in grey), green (not due) to red (90+),
    each bar labelled with its amount and invoice count."""
    if aging.empty:
        return empty_figure()
    sums = _sums(aging, ["bucket"], ["amount", "invoices"]).set_index("bucket")
    buckets = list(AGING_COLORS) + sorted(set(sums.index) - set(AGING_COLORS))
    amounts = [sums["amount"].get(b, Decimal(0)) for b in buckets]
    counts = [sums["invoices"].get(b, Decimal(0)) for b in buckets]
    invoices = [f"{fmt.integer(c)} invoice{'' if c == 1 else 's'}" for c in counts]
    pairs = list(zip(buckets, amounts, invoices, strict=True))
    fig = new_figure().add_bar(
        x=buckets, y=_floats(amounts), marker_color=[AGING_COLORS.get(b, "#999999")
                                                     for b in buckets],
        text=[f"{fmt.compact_money(a, currency)}<br>{i}" for _, a, i in pairs],
        textposition="outside", cliponaxis=False,
        **_hover([f"{b}: {fmt.money(a, currency)}<br>{i}" for b, a, i in pairs]))
    return _layout(fig, title=title, legend=False,
                   xaxis={"type": "category", "title": {"text": "Days overdue"}},
                   yaxis={**_money_axis(currency, "Open amount"),
                          "range": _with_room(_floats(amounts), 0.15)})
