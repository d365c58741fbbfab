"""Charts of what the ad platforms report (media_rollup's rows), DataFrame in, Figure out.

Platform spend and the invoiced actual are drawn side by side, never stacked: they are two
views of the same money (SPEC §4 "Media")."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from spendline import formats as fmt
from ui import charts

BREAK_EVEN = 1.0  # media ROAS of 1: revenue equals platform spend


def _names(frame: pd.DataFrame, by: list[str]) -> list[str]:
    """`Google Ads · Paid Search`: a platform (or campaign) with its channel, since the same
    name may run on two channels (YouTube under Content and Influencer)."""
    return [" · ".join(charts.label(v) for v in values)
            for values in zip(*(frame[b] for b in by), strict=True)]


def spend_beside_invoiced(frame: pd.DataFrame, by: list[str], currency: str = "EUR", *,
                          title: str = "") -> go.Figure:
    """Per row of `frame` (media_rollup by platform or campaign): the platforms' reported
    spend beside the invoiced actual of the same rows, largest spend at the top; the hover
    gives both and the difference (invoiced − platform)."""
    if frame.empty:
        return charts.empty_figure()
    names = _names(frame, by)
    # spend a platform did not report stays empty (no bar, — in the hover), not 0
    spend = [fmt.to_decimal(v) for v in frame["platform_spend"]]
    actual = [fmt.to_decimal(v) or Decimal(0) for v in frame["actual"]]
    order = sorted(range(len(names)), key=lambda i: (-(spend[i] or 0), names[i].casefold()))
    names = [names[i] for i in order]
    spend, actual = [spend[i] for i in order], [actual[i] for i in order]
    hover = [f"{n}<br>Platform spend (media): {fmt.money(s, currency)}"
             f"<br>Invoiced actual (finance): {fmt.money(a, currency)}"
             f"<br>Invoiced − platform: "
             f"{fmt.money(None if s is None else a - s, currency, signed=True)}"
             for n, s, a in zip(names, spend, actual, strict=True)]
    fig = charts.new_figure()
    for values, name, color in ((spend, "Platform spend (media)", "platform_spend"),
                                (actual, "Invoiced actual (finance)", "actual")):
        fig.add_bar(y=names, x=charts.floats(values), name=name, orientation="h",
                    marker_color=charts.FIGURE_COLORS[color], hovertext=hover, hoverinfo="text")
    return charts.layout(fig, title=title, barmode="group",
                         height=max(charts.HEIGHT, 36 * len(names) + 120),
                         xaxis=charts.money_axis(currency, "Amount"),
                         yaxis={"type": "category", "autorange": "reversed"})


def media_roas(frame: pd.DataFrame, by: list[str], n: int = 15, *,
               title: str = "") -> go.Figure:
    """Media ROAS (revenue ÷ platform spend) per row of `frame`, the n highest at the top,
    with a dashed line at 1 (revenue = platform spend). Rows with an empty ROAS (no revenue
    or no platform spend reported) are left out."""
    rows = frame[[fmt.to_decimal(v) is not None for v in frame["media_roas"]]] \
        if not frame.empty else frame
    if rows.empty:
        return charts.empty_figure("No revenue over platform spend for the current filters.")
    names = _names(rows, by)
    roas = [fmt.to_decimal(v) for v in rows["media_roas"]]
    order = sorted(range(len(names)), key=lambda i: (-roas[i], names[i].casefold()))[:n]
    names, roas = [names[i] for i in order], [roas[i] for i in order]
    fig = charts.new_figure().add_bar(
        y=names, x=charts.floats(roas), orientation="h",
        marker_color=[charts.FIGURE_COLORS["under" if r >= 1 else "over"] for r in roas],
        text=[fmt.times(r) for r in roas], textposition="outside", cliponaxis=False,
        hovertext=[f"{nm}<br>Media ROAS: {fmt.times(r)} (revenue ÷ platform spend)"
                   for nm, r in zip(names, roas, strict=True)], hoverinfo="text")
    fig.add_vline(x=BREAK_EVEN, line={"color": charts.FIGURE_COLORS["break_even"], "dash": "dash"})
    return charts.layout(fig, title=title, legend=False,
                         height=max(charts.HEIGHT, 28 * len(names) + 120),
                         xaxis={"title": {"text": "Media ROAS (revenue ÷ platform spend)"},
                                "range": charts.with_room([*charts.floats(roas), BREAK_EVEN])},
                         yaxis={"type": "category", "autorange": "reversed"})
