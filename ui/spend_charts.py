"""Spend charts (Channel spend, Vendors, Invoices, Media): spend over time, the treemap,
top N, platform reconciliation, invoice aging.
Pure: DataFrame in, Plotly figure out (ui/charts.py: the colours and layout they share)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from spendline import formats as fmt
from ui import charts


def spend_over_time(frame: pd.DataFrame, by: str = "channel", currency: str = "EUR", *,
                    title: str = "") -> go.Figure:
    """Stacked monthly bars of `actual` split by the `by` column (month, by, actual).

    By channel: channel colours and channel order. By anything else: the largest group first,
    colours from a colour-blind-safe palette in that order. A blank group is "(none)". Bars
    stack relatively, so a negative month (credit notes) goes below the axis.
    """
    if frame.empty:
        return charts.empty_figure()
    sums = charts.sums(frame, ["month", by], ["actual"])
    months = sorted(set(sums["month"]))
    if by == "channel":
        groups = charts.channel_order(sums[by])
    else:
        totals = charts.sums(sums, [by], ["actual"]).set_index(by)["actual"].to_dict()
        groups = sorted(totals, key=lambda g: (-totals[g], g.casefold()))
    cells = {(m, g): v for m, g, v in zip(sums["month"], sums[by], sums["actual"], strict=True)}
    fig = charts.new_figure()
    for i, group in enumerate(groups):
        values = [cells.get((m, group), Decimal(0)) for m in months]
        color = (charts.channel_color(group) if by == "channel"
                 else charts.GROUP_COLORS[i % len(charts.GROUP_COLORS)])
        fig.add_bar(x=months, y=charts.floats(values), name=group, marker_color=color,
                    **charts.month_hover(months, values, "Actual", currency, group))
    return charts.layout(fig, title=title, barmode="relative", xaxis=charts.month_axis(months),
                         yaxis={**charts.money_axis(currency, "Actual"), "rangemode": "normal"})


def spend_treemap(frame: pd.DataFrame, currency: str = "EUR", *, title: str = "") -> go.Figure:
    """Actual spend as a treemap channel → platform → category (blank parts are "(none)").

    Node ids are the path joined by " / ". Only leaves carry a size (branchvalues
    "remainder", parents 0), so a parent is exactly the sum of its tiles. A leaf whose credit
    notes exceed its spend is sized 0 and its parents' hover says so; the hover amounts are
    the real (net) sums.
    """
    if frame.empty:
        return charts.empty_figure()
    sums = charts.sums(frame, ["channel", "platform", "category"], ["actual"])
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
        return charts.empty_figure("No positive spend to show: credit notes exceed spend.")
    channels = charts.channel_order({n["channel"] for n in nodes.values()})
    order = {c: i for i, c in enumerate(channels)}
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
    fig = charts.new_figure().add_treemap(
        ids=ids, labels=[n["label"] for n in rows], parents=[n["parent"] for n in rows],
        values=[float(max(n["actual"], Decimal(0))) if n["leaf"] else 0.0 for n in rows],
        branchvalues="remainder", sort=True,
        marker={"colors": [charts.channel_color(n["channel"]) for n in rows],
                "line": {"color": "white", "width": 1}},
        text=[fmt.compact_money(n["actual"], currency) for n in rows],
        texttemplate="%{label}<br>%{text}", **charts.hover(hover))
    # A label that does not fit its box at 10 px is hidden, not shrunk to an unreadable size
    # or spilt over its neighbours; the box names itself on hover.
    return charts.layout(fig, title=title, legend=False,
                         uniformtext={"minsize": 10, "mode": "hide"},
                         margin={"l": 10, "r": 10, "t": 60 if title else 10, "b": 10})


def top_n(frame: pd.DataFrame, label: str, value: str, n: int = 10, title: str = "", *,
          currency: str = "EUR", kind: str = "money") -> go.Figure:
    """The n largest `value`s by `label` as horizontal bars, largest at the top.

    Rows sharing a label are summed, so pass additive columns (money, counts), not ratios.
    `kind` is "money" (formatted in `currency`) or "integer" (counts such as documents,
    leads). Ties are broken by label. Long labels are cut to 40 characters on the axis.
    """
    if frame.empty:
        return charts.empty_figure()
    sums = charts.sums(frame, [label], [value])
    sums = sums.assign(_key=[s.casefold() for s in sums[label]]).sort_values(
        [value, "_key"], ascending=[False, True]).head(n)
    labels, values = sums[label].tolist(), sums[value].tolist()
    shown = fmt.integer if kind == "integer" else lambda v: fmt.money(v, currency)
    name = value.replace("_", " ").capitalize()
    color = ([charts.channel_color(c) for c in labels] if label == "channel"
             else charts.FIGURE_COLORS["actual"])
    fig = charts.new_figure().add_bar(
        y=labels, x=charts.floats(values), orientation="h", marker_color=color,
        text=[shown(v) for v in values], textposition="outside", cliponaxis=False,
        **charts.hover([f"{lb}<br>{name}: {shown(v)}"
                        for lb, v in zip(labels, values, strict=True)]))
    axis = (charts.money_axis(currency, name) if kind == "money"
            else {"title": {"text": name}, "tickformat": ",d"})
    return charts.layout(fig, title=title, legend=False,
                         height=max(charts.HEIGHT, 28 * len(labels) + 120),
                         xaxis={**axis, "range": charts.with_room(charts.floats(values))},
                         yaxis={"type": "category", "autorange": "reversed", "tickvals": labels,
                                "ticktext": [lb if len(lb) <= 40 else lb[:39] + "…"
                                             for lb in labels]})


def reconciliation(recon: pd.DataFrame, currency: str = "EUR", *,
                   title: str = "") -> go.Figure:
    """Ledger actual beside the platforms' reported spend per platform (summed over months and
    channels), largest actual at the top; the hover gives the difference (actual − platform).
    Ledger rows without a platform show as "(none)"."""
    if recon.empty:
        return charts.empty_figure()
    sums = charts.sums(recon, ["platform"], ["actual", "platform_spend", "difference"])
    sums = sums.sort_values("actual", ascending=False)
    platforms = sums["platform"].tolist()
    hover = [f"{p}<br>Actual (ledger): {fmt.money(a, currency)}"
             f"<br>Platform spend: {fmt.money(s, currency)}"
             f"<br>Difference: {fmt.money(d, currency, signed=True)}"
             for p, a, s, d in zip(platforms, sums["actual"], sums["platform_spend"],
                                   sums["difference"], strict=True)]
    fig = charts.new_figure()
    for column, name in (("actual", "Actual (ledger)"), ("platform_spend", "Platform spend")):
        fig.add_bar(y=platforms, x=charts.floats(sums[column]), name=name, orientation="h",
                    marker_color=charts.FIGURE_COLORS[column], **charts.hover(hover))
    return charts.layout(fig, title=title, barmode="group",
                         height=max(charts.HEIGHT, 36 * len(platforms) + 120),
                         xaxis=charts.money_axis(currency, "Amount"),
                         yaxis={"type": "category", "autorange": "reversed"})


def aging_bars(aging: pd.DataFrame, currency: str = "EUR", *, title: str = "") -> go.Figure:
    """Open invoice amounts per aging bucket, always all five buckets in order (0 when a
    bucket is absent; an unknown bucket goes last in grey), green (not due) to red (90+),
    each bar labelled with its amount and invoice count."""
    if aging.empty:
        return charts.empty_figure()
    sums = charts.sums(aging, ["bucket"], ["amount", "invoices"]).set_index("bucket")
    buckets = list(charts.AGING_COLORS) + sorted(set(sums.index) - set(charts.AGING_COLORS))
    amounts = [sums["amount"].get(b, Decimal(0)) for b in buckets]
    counts = [sums["invoices"].get(b, Decimal(0)) for b in buckets]
    invoices = [f"{fmt.integer(c)} invoice{'' if c == 1 else 's'}" for c in counts]
    pairs = list(zip(buckets, amounts, invoices, strict=True))
    fig = charts.new_figure().add_bar(
        x=buckets, y=charts.floats(amounts), marker_color=[charts.AGING_COLORS.get(b, "#999999")
                                                           for b in buckets],
        text=[f"{fmt.compact_money(a, currency)}<br>{i}" for _, a, i in pairs],
        textposition="outside", cliponaxis=False,
        **charts.hover([f"{b}: {fmt.money(a, currency)}<br>{i}" for b, a, i in pairs]))
    return charts.layout(fig, title=title, legend=False,
                         xaxis={"type": "category", "title": {"text": "Days overdue"}},
                         yaxis={**charts.money_axis(currency, "Open amount"),
                                "range": charts.with_room(charts.floats(amounts), 0.15)})
