"""ROI charts: the bubble of spend against revenue, the lead-to-customer funnel.
Pure: DataFrame in, Plotly figure out (ui/charts.py: the colours and layout they share)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from spendline import formats as fmt
from ui import charts
from ui.chart_labels import place_labels


def roi_bubble(roi: pd.DataFrame, label: str = "channel", currency: str = "EUR", *,
               title: str = "") -> go.Figure:
    """Spend (x) against revenue (y), one bubble per row, area by customers, coloured by
    channel, with a dashed break-even line revenue = spend: above it pays back.

    Works for roi_by_channel and roi_by_campaign (label="campaign"). Bubbles are labelled
    when there are at most 15, else only the 10 largest spenders, each where its name
    overlaps no other (ui/chart_labels.py) or not at all; all show on hover.
    """
    if roi.empty:
        return charts.empty_figure()
    rows = pd.DataFrame({
        "label": [charts.label(v) for v in roi[label]],
        "channel": [charts.label(v) for v in roi["channel"]],
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
    fig = charts.new_figure()
    for channel in charts.channel_order(rows["channel"]):
        part = rows[rows["channel"] == channel]
        fig.add_scatter(
            x=charts.floats(part["actual"]), y=charts.floats(part["revenue"]), name=channel,
            mode="markers+text",
            textposition=[position[i] or "top center" for i in part.index],
            cliponaxis=False,  # a name by the plot's edge is drawn whole, not cut off
            text=[r.label if position[i] else "" for i, r in part.iterrows()],
            marker={"size": charts.floats(part["customers"]), "sizemode": "area",
                    "sizeref": sizeref, "sizemin": 6, "opacity": 0.8,
                    "color": charts.channel_color(channel), "line": {"color": "white", "width": 1}},
            **charts.hover([f"{r.label}" + (f" · {channel}" if label != "channel" else "")
                            + f"<br>Spend: {fmt.money(r.actual, currency)}"
                            f"<br>Revenue: {fmt.money(r.revenue, currency)}"
                            f"<br>Customers: {fmt.integer(r.customers)}"
                            f"<br>ROAS: {fmt.times(r.roas)} · ROI: {fmt.pct(r.roi)}"
                            for _, r in part.iterrows()]))
    fig.add_scatter(x=[0.0, edge], y=[0.0, edge], mode="lines", name="Break-even (revenue = spend)",
                    line={"color": charts.FIGURE_COLORS["break_even"], "dash": "dash",
                          "width": 1.5},
                    hoverinfo="skip")
    return charts.layout(fig, title=title,
                         xaxis={**charts.money_axis(currency, "Spend"),
                                "range": [low_x, edge * 1.1]},
                         yaxis={**charts.money_axis(currency, "Revenue"),
                                "range": [low_y, top * 1.15]})


def funnel(leads, opportunities, customers, *, title: str = "") -> go.Figure:
    """Leads → opportunities → customers, each stage with its conversion from the one before
    and (for customers) from leads. Counts may be int or Decimal; missing counts as 0."""
    counts = [fmt.to_decimal(v) or Decimal(0) for v in (leads, opportunities, customers)]
    if not any(counts):
        return charts.empty_figure("No leads, opportunities or customers for the current filters.")
    stages = ["Leads", "Opportunities", "Customers"]
    steps = [[], [(counts[1], counts[0], "leads")],
             [(counts[2], counts[1], "opportunities"), (counts[2], counts[0], "leads")]]
    texts = [" · ".join([fmt.integer(c)] + [f"{fmt.pct(charts.ratio(a, b))} of {what}"
                                            for a, b, what in step if b])
             for c, step in zip(counts, steps, strict=True)]
    # Conversions go in the stage labels: inside a narrow bar they would be cut off. As the
    # axis's tick text, not the trace's categories: those are escaped as uploaded text
    # (safe_text.figure), which showed the line breaks as a literal "<br>".
    labels = [stage if not step else stage + "<br>" + "<br>".join(
        f"{fmt.pct(charts.ratio(a, b))} of {what}" for a, b, what in step if b)
        for stage, step in zip(stages, steps, strict=True)]
    fig = charts.new_figure().add_funnel(
        y=stages, x=charts.floats(counts), text=[fmt.integer(c) for c in counts],
        textinfo="text", textposition="auto", constraintext="none",
        marker={"color": [charts.FIGURE_COLORS["committed"], charts.FIGURE_COLORS["actual"],
                          charts.FIGURE_COLORS["paid"]]},
        **charts.hover([f"{s}: {t}" for s, t in zip(stages, texts, strict=True)]))
    return charts.layout(fig, title=title, legend=False,
                         yaxis={"tickmode": "array", "tickvals": stages, "ticktext": labels})
