"""Budget and landing charts (Overview, Forecast): burn-up, variance and landing by
channel, committed vs actual vs paid.
Pure: DataFrame in, Plotly figure out (ui/charts.py: the colours and layout they share)."""

from __future__ import annotations

from decimal import Decimal
from itertools import accumulate

import pandas as pd
import plotly.graph_objects as go

from spendline import formats as fmt
from ui import charts


def burn_up(bva: pd.DataFrame, currency: str = "EUR", *, title: str = "") -> go.Figure:
    """Budget, forecast and actual from budget_vs_actual, summed over channels per month.

    Bars per month on the left axis; lines of the running totals on the right axis. The
    cumulative actual line stops at the last month with any actual, so the months after the
    as-of date do not draw a flat line that looks like a spending freeze.
    """
    if bva.empty:
        return charts.empty_figure()
    sums = charts.sums(bva, ["month"], ["budget", "forecast", "actual"]).sort_values("month")
    months = sums["month"].tolist()
    fig = charts.new_figure()
    for name in ("budget", "forecast", "actual"):
        values = sums[name].tolist()
        fig.add_bar(x=months, y=charts.floats(values), name=f"{name.title()} per month",
                    legendgroup=name, marker_color=charts.FIGURE_COLORS[name], opacity=0.55,
                    **charts.hover([f"{name.title()} in month: {fmt.money(v, currency)}"
                                    for v in values]))
        running: list[Decimal | None] = list(accumulate(values))
        if name == "actual":
            spent = [i for i, v in enumerate(values) if v != 0]
            last = spent[-1] if spent else -1
            running = [v if i <= last else None for i, v in enumerate(running)]
        fig.add_scatter(x=months, y=charts.floats(running), name=f"{name.title()} cumulative",
                        legendgroup=name, yaxis="y2", mode="lines+markers",
                        line={"color": charts.FIGURE_COLORS[name], "width": 3,
                              "dash": "dash" if name == "forecast" else "solid"},
                        **charts.hover([f"{name.title()} to date: {fmt.money(v, currency)}"
                                        for v in running]))
    return charts.layout(
        fig, title=title, hovermode="x unified", barmode="group",
        xaxis=charts.month_axis(months),
        yaxis=charts.money_axis(currency, "Per month"),
        yaxis2={**charts.money_axis(currency, "Cumulative"), "overlaying": "y", "side": "right",
                "showgrid": False, "tickmode": "auto"})


def variance_by_channel(bva: pd.DataFrame, currency: str = "EUR", *,
                        title: str = "") -> go.Figure:
    """Variance (actual − budget) per channel summed over months: red over budget, green
    under; the biggest overspend at the top. The hover's % is the summed variance over the
    summed budget (empty when the budget is 0), not a sum of monthly percentages."""
    if bva.empty:
        return charts.empty_figure()
    sums = charts.sums(bva, ["channel"], ["variance", "budget"]).sort_values("variance")
    variance, budget = sums["variance"].tolist(), sums["budget"].tolist()
    over = [v > 0 for v in variance]
    fig = charts.new_figure().add_bar(
        y=sums["channel"].tolist(), x=charts.floats(variance), orientation="h",
        marker_color=[charts.FIGURE_COLORS["over" if o else "under"] for o in over],
        text=[fmt.money(v, currency, signed=True) for v in variance], textposition="outside",
        cliponaxis=False,
        **charts.hover([
            f"{c}<br>{'Over' if o else 'Under'} budget: {fmt.money(v, currency)}"
            f"<br>Budget: {fmt.money(b, currency)} · {fmt.pct(charts.ratio(v, b), signed=True)}"
            for c, v, b, o in zip(sums["channel"], variance, budget, over, strict=True)]))
    return charts.layout(fig, title=title, legend=False,
                         xaxis={**charts.money_axis(currency, "Actual − budget"),
                                "range": charts.with_room(charts.floats(variance)),
                                "zerolinecolor": "#555555"},
                         yaxis={"type": "category"})


def landing_by_channel(landing: pd.DataFrame, currency: str = "EUR", *,
                       title: str = "") -> go.Figure:
    """Per channel (summed over the fiscal years in the frame): a budget bar beside a landing
    bar stacked as actual to date + what is left of the as-of month's forecast + forecast
    after, with landing − budget written above."""
    if landing.empty:
        return charts.empty_figure()
    columns = ["budget", "actual_to_date", "current_month_remaining", "forecast_after",
               "landing", "landing_vs_budget"]
    sums = charts.sums(landing, ["channel"], columns).set_index("channel")
    sums = sums.loc[charts.channel_order(sums.index)]
    channels = sums.index.tolist()
    hover = [f"{c}<br>Landing: {fmt.money(r.landing, currency)}"
             f"<br>= actual to date {fmt.money(r.actual_to_date, currency)}"
             f" + rest of this month {fmt.money(r.current_month_remaining, currency)}"
             f" + forecast after {fmt.money(r.forecast_after, currency)}"
             f"<br>Budget: {fmt.money(r.budget, currency)}"
             f"<br>Landing vs budget: {fmt.money(r.landing_vs_budget, currency, signed=True)}"
             for c, r in sums.iterrows()]
    fig = charts.new_figure()
    under_after = sums["actual_to_date"] + sums["current_month_remaining"]
    for column, name, color, group, base, opacity in (
            ("budget", "Budget", "budget", "budget", None, 1.0),
            ("actual_to_date", "Actual to date", "actual", "landing", None, 1.0),
            ("current_month_remaining", "Rest of this month", "forecast", "landing",
             charts.floats(sums["actual_to_date"]), 0.55),
            ("forecast_after", "Forecast after", "forecast", "landing", charts.floats(under_after),
             1.0)):
        fig.add_bar(x=channels, y=charts.floats(sums[column]), base=base, offsetgroup=group,
                    name=name, marker_color=charts.FIGURE_COLORS[color], marker_opacity=opacity,
                    **charts.hover(hover))
    for c, r in sums.iterrows():
        fig.add_annotation(
            x=c, y=float(max(r.budget, r.landing, Decimal(0))), yanchor="bottom",
            showarrow=False, text=fmt.compact_money(r.landing_vs_budget, currency, signed=True),
            font={"color": charts.FIGURE_COLORS["over" if r.landing_vs_budget > 0 else "under"]})
    return charts.layout(fig, title=title, barmode="group", xaxis={"type": "category"},
                         yaxis=charts.money_axis(currency, "Budget and landing"))


def committed_actual_paid(bva: pd.DataFrame, currency: str = "EUR", *,
                          title: str = "") -> go.Figure:
    """Committed, actual and paid per channel, summed over months, as grouped bars."""
    if bva.empty:
        return charts.empty_figure()
    names = ["committed", "actual", "paid"]
    sums = charts.sums(bva, ["channel"], names).set_index("channel")
    sums = sums.loc[charts.channel_order(sums.index)]
    fig = charts.new_figure()
    for name in names:
        fig.add_bar(x=sums.index.tolist(), y=charts.floats(sums[name]), name=name.title(),
                    marker_color=charts.FIGURE_COLORS[name],
                    **charts.hover([f"{c}<br>{name.title()}: {fmt.money(v, currency)}"
                                    for c, v in sums[name].items()]))
    return charts.layout(fig, title=title, barmode="group", xaxis={"type": "category"},
                         yaxis=charts.money_axis(currency, "Amount"))
