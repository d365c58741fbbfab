"""Chart builders for the Accounts, Scorecard and Budget adjustments pages: a view's DataFrame
in, a plotly Figure out, no Streamlit (the conventions of ui.charts: exact Decimal figures,
floats only for the geometry, every amount a reader sees written through spendline.formats)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from spendline import formats as fmt
from spendline.planning import ALL_CHANNELS
from ui import charts

# The figures of account_summary and the colours they share with the dashboard's charts.
ACCOUNT_FIGURES = {"budget": ("Budget", "budget"), "committed": ("Committed", "committed"),
                   "actual_to_date": ("Actual to date", "actual"),
                   "landing": ("Landing", "forecast")}

# How the scorecard's figures read: money, a count or a ratio shown as a percentage.
SCORECARD_FIGURES = {"revenue": "money", "actual": "money", "customers": "count",
                     "opportunities": "count", "leads": "count", "cac": "money",
                     "roi": "percent", "lead_to_customer": "percent"}


def _text(value, kind: str, currency: str) -> str:
    if kind == "money":
        return fmt.money(value, currency)
    if kind == "percent":
        return fmt.pct(value)
    return fmt.integer(value)


def _float(value) -> float | None:
    exact = fmt.to_decimal(value)
    return None if exact is None else float(exact)


def grouped_bars(frame: pd.DataFrame, label: str, currency: str = "EUR", *,
                 figures: tuple[str, ...] = tuple(ACCOUNT_FIGURES), title: str = "") -> go.Figure:
    """Side by side per `label` (account or channel): budget, committed, actual to date and
    landing as grouped bars, in the order of the frame."""
    if frame.empty:
        return charts.empty_figure()
    names = [str(v) for v in frame[label]]
    if label == "channel":
        order = charts.channel_order(names)
        frame = frame.assign(_o=[order.index(n) for n in names]).sort_values("_o")
        names = [str(v) for v in frame[label]]
    fig = charts.new_figure()
    for figure in figures:
        text, color = ACCOUNT_FIGURES[figure]
        values = list(frame[figure])
        fig.add_bar(x=names, y=[_float(v) for v in values], name=text,
                    marker_color=charts.FIGURE_COLORS[color], hovertext=[
                        f"{n}<br>{text}: {fmt.money(v, currency)}"
                        for n, v in zip(names, values)], hoverinfo="text")
    return charts.layout(fig, title=title, barmode="group", xaxis={"type": "category"},
                         yaxis=charts.money_axis(currency, "Amount"))


def quarter_label(fiscal_year: int, quarter: str) -> str:
    return f"FY{fiscal_year} {quarter}"


def quarter_trend(scorecard: pd.DataFrame, figure: str, currency: str = "EUR", *,
                  title: str = "", running: tuple[int, str] | None = None) -> go.Figure:
    """One line per channel over the quarters of the scorecard view; 'All channels' alone
    when the frame has no single channel. The `running` quarter (fiscal year, quarter), not
    over yet, is labelled "to date" so that its part of a quarter is not read as a drop."""
    if scorecard.empty:
        return charts.empty_figure()
    kind = SCORECARD_FIGURES[figure]

    def label(year: int, quarter: str) -> str:
        text = quarter_label(year, quarter)
        return f"{text} (to date)" if (year, quarter) == running else text

    frame = scorecard.assign(period=[label(y, q) for y, q in
                                     zip(scorecard["fiscal_year"], scorecard["quarter"])])
    periods = list(dict.fromkeys(frame["period"]))
    channels = ([c for c in charts.channel_order(frame["channel"]) if c != ALL_CHANNELS]
                or [ALL_CHANNELS])
    fig = charts.new_figure()
    for channel in channels:
        rows = frame[frame["channel"] == channel].set_index("period")
        values = [rows[figure].get(p) for p in periods]
        fig.add_scatter(
            x=periods, y=[_float(v) for v in values], name=channel, mode="lines+markers",
            line={"color": charts.channel_color(channel)}, connectgaps=False, hoverinfo="text",
            hovertext=[f"{channel}, {p}<br>{figure.replace('_', ' ')}: "
                       f"{_text(v, kind, currency)}" for p, v in zip(periods, values)])
    axis = {"title": {"text": figure.replace("_", " ").capitalize()}}
    if kind == "money":
        axis = charts.money_axis(currency,
                                 figure.upper() if figure == "cac" else figure.capitalize())
    elif kind == "percent":
        axis["tickformat"] = ".0%"
    return charts.layout(fig, title=title, xaxis={"type": "category"}, yaxis=axis)


def budget_used(alerts: pd.DataFrame, *, title: str = "") -> go.Figure:
    """Committed as a share of budget per alerted line, with the 90% and 100% marks."""
    frame = alerts[alerts["committed_pct"].notna()]
    if frame.empty:
        return charts.empty_figure("No line has reached 90% of its budget.")
    # A line without a budget_line code is named by its channel (pandas gives NaN, not None).
    names = [r.budget_line if isinstance(r.budget_line, str) and r.budget_line else r.channel
             for r in frame.itertuples()]
    shares = [Decimal(v) for v in frame["committed_pct"]]
    fig = charts.new_figure()
    fig.add_bar(y=names, x=[float(v) for v in shares], orientation="h",
                marker_color=[charts.FIGURE_COLORS["over" if v >= 1 else "committed"]
                              for v in shares],
                hoverinfo="text", hovertext=[f"{n}<br>committed {fmt.pct(v)} of budget"
                                             for n, v in zip(names, shares)])
    for mark in (0.9, 1.0):
        fig.add_vline(x=mark, line_dash="dot", line_color=charts.FIGURE_COLORS["break_even"])
    return charts.layout(fig, title=title, legend=False, height=max(300, 28 * len(names) + 120),
                         xaxis={"tickformat": ".0%", "title": {"text": "Committed ÷ budget"}},
                         yaxis={"type": "category", "autorange": "reversed"})
