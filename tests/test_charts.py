"""Chart builders and display formats: hand-made view frames in, figure data checked."""

import json
import math
import os
import subprocess
import sys
from decimal import Decimal as D
from decimal import InvalidOperation

import numpy as np
import pandas as pd
import pytest
from plotly.utils import PlotlyJSONEncoder

from spendline import formats as fmt
from ui import budget_charts, charts, roi_charts, spend_charts

BVA_COLUMNS = ["month", "channel", "budget", "forecast", "quoted", "committed", "actual",
               "paid", "variance", "variance_pct"]


def number(value):
    """Numeric text becomes a Decimal (as money and counts come out of the views)."""
    try:
        return D(value) if isinstance(value, str) else value
    except InvalidOperation:
        return value


def frame(columns, *rows):
    """A view frame as pages get it: text stays text, numbers become Decimal, None stays."""
    return pd.DataFrame([[number(v) for v in row] for row in rows], columns=columns)


# Months out of order; Podcasts is not a standard channel; March is after the as-of month.
BVA = frame(
    BVA_COLUMNS,
    ["2026-02", "Paid Search", "150.00", "140.00", "5.00", "130.00", "120.00", "100.00",
     "-30.00", "-0.2000"],
    ["2026-01", "Paid Search", "60.10", "60.10", "0.00", "70.00", "65.10", "65.10",
     "5.00", "0.0832"],
    ["2026-01", "Podcasts", "39.90", "45.00", "0.00", "50.00", "49.90", "40.00",
     "10.00", "0.2506"],
    ["2026-03", "Paid Search", "0.00", "20.00", "0.00", "0.00", "0.00", "0.00", "0.00", None],
)


def by_name(fig):
    return {trace.name: trace for trace in fig.data}


# -- format ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "args", "kwargs", "expected"), [
    (D("-1234.5"), (), {}, "−€1,234.50"),
    (D("1234.565"), (), {}, "€1,234.57"),          # half-up, not banker's rounding
    (D("1234567.891"), ("USD", 0), {}, "$1,234,568"),
    (12.3, ("GBP",), {}, "£12.30"),
    (D("8"), ("CNY",), {}, "¥8.00"),
    (D("12.3"), ("chf",), {}, "CHF 12.30"),
    (D("-0.004"), (), {}, "€0.00"),                 # no minus on a value that rounds to 0
    (D("9.5"), (), {"signed": True}, "+€9.50"),
    (None, (), {}, "—"),
    (float("nan"), (), {}, "—"),
])
def test_money(value, args, kwargs, expected):
    assert fmt.money(value, *args, **kwargs) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (D("1234567"), "€1.23M"), (456789, "€456.8K"), (999, "€999"), (D("999.6"), "€1.0K"),
    (999_960, "€1.00M"), (-1500, "−€1.5K"), (2.5e9, "€2.50B"), (D("0.2"), "€0"), (None, "—"),
])
def test_compact_money(value, expected):
    assert fmt.compact_money(value) == expected


def test_ratios_and_counts():
    assert [fmt.pct(D("-0.1805")), fmt.pct(D("0.0631")), fmt.pct(None)] == \
        ["−18.1%", "6.3%", "—"]
    assert fmt.pct(D("0.25"), signed=True) == "+25.0%"
    assert [fmt.times(D("3.2468")), fmt.times(D("0")), fmt.times(None)] == \
        ["3.25×", "0.00×", "—"]
    assert [fmt.integer(12345), fmt.integer(D("58259")), fmt.integer(np.int64(-5)),
            fmt.integer(None)] == ["12,345", "58,259", "−5", "—"]


def test_to_float_keeps_index_and_name():
    series = pd.Series([D("1.10"), None, D("-2")], index=[3, 5, 7], name="roi", dtype=object)
    out = fmt.to_float(series)
    assert out.dtype == "float64" and out.name == "roi" and out.index.tolist() == [3, 5, 7]
    assert out[3] == 1.1 and math.isnan(out[5]) and out[7] == -2.0


# -- colours --------------------------------------------------------------------------------

def test_channel_colours():
    assert charts.channel_color("Paid Search") == charts.CHANNEL_COLORS["Paid Search"]
    assert charts.channel_color("paid search ") == charts.CHANNEL_COLORS["Paid Search"]
    assert charts.channel_color("Unallocated") == charts.UNALLOCATED_COLOR
    assert charts.channel_color(None) == charts.UNALLOCATED_COLOR
    assert len(set(charts.CHANNEL_COLORS.values())) == 8
    other = charts.channel_color("Podcasts")
    assert other in charts.OTHER_CHANNEL_COLORS
    assert other == charts.channel_color("Podcasts")


def test_other_channel_colour_is_the_same_in_another_process():
    code = "from ui.charts import channel_color; print(channel_color('Podcasts'))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.stdout.strip() == charts.channel_color("Podcasts")


def test_a_channel_has_one_colour_in_every_chart():
    spend = frame(["month", "channel", "actual"], ["2026-01", "Podcasts", "5.00"],
                  ["2026-01", "Paid Search", "7.00"])
    over_time = by_name(spend_charts.spend_over_time(spend))
    again = by_name(spend_charts.spend_over_time(spend))
    treemap = spend_charts.spend_treemap(spend.assign(platform="", category="Media")).data[0]
    colors = dict(zip(treemap.ids, treemap.marker.colors, strict=True))
    for channel in ("Podcasts", "Paid Search"):
        expected = charts.channel_color(channel)
        assert over_time[channel].marker.color == again[channel].marker.color == expected
        assert colors[channel] == expected


# -- budget charts ----------------------------------------------------------------------------

def test_burn_up_bars_per_month_and_cumulative_lines():
    fig = by_name(budget_charts.burn_up(BVA))
    assert [(t.type, t.legendgroup) for t in budget_charts.burn_up(BVA).data] == [
        ("bar", "budget"), ("scatter", "budget"), ("bar", "forecast"), ("scatter", "forecast"),
        ("bar", "actual"), ("scatter", "actual")]
    assert fig["Budget per month"].x == ("2026-01", "2026-02", "2026-03")
    assert fig["Budget per month"].y == (100.0, 150.0, 0.0)
    assert fig["Budget cumulative"].y == (100.0, 250.0, 250.0)
    assert fig["Forecast cumulative"].y == (105.1, 245.1, 265.1)
    assert fig["Forecast cumulative"].line.dash == "dash"
    # The running actual stops after the last month with any actual.
    assert fig["Actual per month"].y == (115.0, 120.0, 0.0)
    assert fig["Actual cumulative"].y == (115.0, 235.0, None)
    assert fig["Actual cumulative"].yaxis == "y2"
    assert fig["Budget cumulative"].hovertext[1] == "Budget to date: €250.00"


def test_shared_layout():
    fig = budget_charts.burn_up(BVA, currency="USD")
    assert fig.layout.separators == ".,"  # decimal point, thousands comma
    assert fig.layout.legend.orientation == "h"
    assert fig.layout.yaxis.title.text == "Per month (USD)"
    assert fig.layout.yaxis2.title.text == "Cumulative (USD)"
    assert fig.layout.xaxis.ticktext == ("Jan 2026", "Feb 2026", "Mar 2026")
    assert 380 <= fig.layout.height <= 420
    assert fig.data[0].hovertext[0] == "Budget in month: $100.00"


def test_variance_by_channel_red_over_green_under():
    bar = budget_charts.variance_by_channel(BVA).data[0]
    # Summed over months: Paid Search 5 − 30 + 0 = −25, Podcasts +10; overspend on top.
    assert bar.orientation == "h"
    assert bar.y == ("Paid Search", "Podcasts")
    assert bar.x == (-25.0, 10.0)
    assert list(bar.marker.color) == [charts.FIGURE_COLORS["under"],
                                      charts.FIGURE_COLORS["over"]]
    assert bar.text == ("−€25.00", "+€10.00")
    # The % is summed variance over summed budget: −25 / 210.10.
    assert "−11.9%" in bar.hovertext[0]


def test_committed_actual_paid_per_channel():
    fig = by_name(budget_charts.committed_actual_paid(BVA))
    assert list(fig) == ["Committed", "Actual", "Paid"]
    assert fig["Committed"].x == ("Paid Search", "Podcasts")
    assert fig["Committed"].y == (200.0, 50.0)
    assert fig["Actual"].y == (185.1, 49.9)
    assert fig["Paid"].y == (165.1, 40.0)
    assert fig["Paid"].marker.color == charts.FIGURE_COLORS["paid"]


def test_landing_by_channel():
    landing = frame(
        ["fiscal_year", "channel", "budget", "actual_to_date", "current_month_remaining",
         "forecast_after", "landing", "landing_vs_budget"],
        [2026, "Podcasts", "100.00", "80.00", "0.00", "40.00", "120.00", "20.00"],
        [2026, "Email", "300.00", "100.00", "20.00", "130.50", "250.50", "-49.50"],
    )
    fig = budget_charts.landing_by_channel(landing)
    traces = by_name(fig)
    assert traces["Budget"].x == ("Email", "Podcasts")       # standard channels first
    assert traces["Budget"].y == (300.0, 100.0)
    assert traces["Actual to date"].y == (100.0, 80.0)
    assert traces["Rest of this month"].y == (20.0, 0.0)
    assert traces["Rest of this month"].base == (100.0, 80.0)  # stacked on actual to date
    assert traces["Forecast after"].y == (130.5, 40.0)
    assert traces["Forecast after"].base == (120.0, 80.0)    # then on the month's rest
    assert [(a.x, a.y, a.text) for a in fig.layout.annotations] == [
        ("Email", 300.0, "−€50"), ("Podcasts", 120.0, "+€20")]


# -- spend charts -----------------------------------------------------------------------------

def test_spend_over_time_stacks_by_channel():
    spend = frame(["month", "channel", "actual"], ["2026-02", "Podcasts", "5.00"],
                  ["2026-01", "Paid Search", "7.00"], ["2026-01", "Paid Search", "3.25"],
                  ["2026-02", "Paid Search", "-1.00"])
    fig = spend_charts.spend_over_time(spend)
    traces = by_name(fig)
    assert fig.layout.barmode == "relative"
    assert list(traces) == ["Paid Search", "Podcasts"]
    assert traces["Paid Search"].x == ("2026-01", "2026-02")
    assert traces["Paid Search"].y == (10.25, -1.0)
    assert traces["Podcasts"].y == (0.0, 5.0)


def test_spend_over_time_by_platform_largest_first_blank_as_none():
    spend = frame(["month", "platform", "actual"], ["2026-01", "", "5.00"],
                  ["2026-01", "Meta Ads", "9.00"], ["2026-02", None, "1.00"])
    traces = by_name(spend_charts.spend_over_time(spend, by="platform"))
    assert list(traces) == ["Meta Ads", "(none)"]
    assert traces["(none)"].y == (5.0, 1.0)


def test_spend_treemap_ids_parents_values():
    spend = frame(
        ["channel", "platform", "category", "actual"],
        ["Paid Search", "Google Ads", "Media", "100.00"],
        ["Paid Search", "Google Ads", "Media", "20.00"],
        ["Paid Search", "", "Agency fees", "30.00"],
        ["Podcasts", None, "Media", "50.00"],
        ["Podcasts", "Spotify", "Media", "-80.00"],   # credit notes exceed spend
    )
    tree = spend_charts.spend_treemap(spend).data[0]
    nodes = {i: (p, v) for i, p, v in zip(tree.ids, tree.parents, tree.values, strict=True)}
    assert nodes == {
        "Paid Search": ("", 0.0),
        "Paid Search / (none)": ("Paid Search", 0.0),
        "Paid Search / (none) / Agency fees": ("Paid Search / (none)", 30.0),
        "Paid Search / Google Ads": ("Paid Search", 0.0),
        "Paid Search / Google Ads / Media": ("Paid Search / Google Ads", 120.0),
        "Podcasts": ("", 0.0),
        "Podcasts / (none)": ("Podcasts", 0.0),
        "Podcasts / (none) / Media": ("Podcasts / (none)", 50.0),
        "Podcasts / Spotify": ("Podcasts", 0.0),
        "Podcasts / Spotify / Media": ("Podcasts / Spotify", 0.0),   # clipped to 0
    }
    assert tree.branchvalues == "remainder"
    hover = dict(zip(tree.ids, tree.hovertext, strict=True))
    assert "Actual: −€30.00" in hover["Podcasts"]
    assert "credit notes exceed spend" in hover["Podcasts"]
    assert "Credit notes exceed spend" in hover["Podcasts / Spotify / Media"]
    assert "credit" not in hover["Paid Search"].lower()


def test_spend_treemap_with_only_credit_notes_says_so():
    spend = frame(["channel", "platform", "category", "actual"], ["Email", "", "", "-5.00"])
    fig = spend_charts.spend_treemap(spend)
    assert not fig.data
    assert "credit notes exceed spend" in fig.layout.annotations[0].text


def test_top_n_sums_per_label_largest_at_top():
    vendors = frame(["vendor", "actual"], ["Acme", "10.00"], ["Bolt", "30.00"],
                    ["Acme", "25.00"], ["Cato", "5.00"], ["A" * 50, "1.00"])
    fig = spend_charts.top_n(vendors, "vendor", "actual", n=3, title="Top vendors")
    bar = fig.data[0]
    assert bar.y == ("Acme", "Bolt", "Cato")
    assert bar.x == (35.0, 30.0, 5.0)
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.title.text == "Top vendors"
    assert bar.text[0] == "€35.00"
    counts = spend_charts.top_n(vendors.assign(documents=[1, 2, 3, 4, 5]), "vendor", "documents",
                          kind="integer").data[0]
    assert counts.y[0] == "A" * 50 and counts.text[0] == "5"
    long = spend_charts.top_n(vendors, "vendor", "actual", n=5).layout.yaxis.ticktext
    assert long[-1] == "A" * 39 + "…"


def test_reconciliation_per_platform():
    recon = frame(["month", "channel", "platform", "actual", "platform_spend", "difference"],
                  ["2026-01", "Display", "DV360", "100.00", "90.00", "10.00"],
                  ["2026-02", "Display", "DV360", "50.00", "55.00", "-5.00"],
                  ["2026-01", "Content", "", "20.00", "0.00", "20.00"])
    traces = by_name(spend_charts.reconciliation(recon))
    assert traces["Actual (ledger)"].y == ("DV360", "(none)")
    assert traces["Actual (ledger)"].x == (150.0, 20.0)
    assert traces["Platform spend"].x == (145.0, 0.0)
    assert "Difference: +€5.00" in traces["Platform spend"].hovertext[0]


# -- results charts ---------------------------------------------------------------------------

ROI_COLUMNS = ["campaign", "channel", "actual", "leads", "opportunities", "customers",
               "revenue", "cpl", "cost_per_opportunity", "cac", "roas", "roi",
               "lead_to_customer"]


def test_roi_bubble_by_campaign():
    roi = frame(
        ROI_COLUMNS,
        ["Spring", "Paid Search", "100.00", "50", "10", "4", "300.00", "2.00", "10.00",
         "25.00", "3.0000", "2.0000", "0.0800"],
        ["Unallocated", "Paid Search", "40.00", "0", "0", "0", "0.00", None, None, None,
         "0.0000", "-1.0000", None],
        ["Pod launch", "Podcasts", "60.00", "20", "5", "2", "30.00", "3.00", "12.00",
         "30.00", "0.5000", "-0.5000", "0.1000"],
    )
    fig = roi_charts.roi_bubble(roi, label="campaign")
    traces = by_name(fig)
    assert list(traces) == ["Paid Search", "Podcasts", "Break-even (revenue = spend)"]
    assert traces["Paid Search"].x == (100.0, 40.0)
    assert traces["Paid Search"].y == (300.0, 0.0)
    assert traces["Paid Search"].marker.size == (4.0, 0.0)
    assert traces["Paid Search"].text == ("Spring", "Unallocated")
    assert traces["Podcasts"].marker.color == charts.channel_color("Podcasts")
    line = traces["Break-even (revenue = spend)"]
    assert line.x == line.y == (0.0, 105.0) and line.line.dash == "dash"
    assert "ROAS: 0.00× · ROI: −100.0%" in traces["Paid Search"].hovertext[1]
    assert fig.layout.xaxis.title.text == "Spend (EUR)"


def test_funnel_values_and_conversions():
    fig = roi_charts.funnel(D("200"), D("50"), 10)
    stage = fig.data[0]
    assert stage.type == "funnel"
    assert stage.y == ("Leads", "Opportunities", "Customers")
    # the conversions in the axis's labels, which uploaded-text escaping leaves alone
    assert fig.layout.yaxis.ticktext == ("Leads", "Opportunities<br>25.0% of leads",
                                         "Customers<br>20.0% of opportunities<br>5.0% of leads")
    from ui.safe_text import figure as escaped
    assert escaped(fig).layout.yaxis.ticktext[1] == "Opportunities<br>25.0% of leads"
    assert stage.x == (200.0, 50.0, 10.0)
    assert stage.text == ("200", "50", "10")


def test_funnel_without_counts_is_empty():
    assert not roi_charts.funnel(None, 0, D("0")).data


def test_aging_bars_in_bucket_order():
    aging = frame(["bucket", "invoices", "amount"], ["90+", 3, "900.00"],
                  ["not due", 1, "100.50"], ["31-60", 2, "-20.00"])
    bar = spend_charts.aging_bars(aging).data[0]
    assert bar.x == ("not due", "1-30", "31-60", "61-90", "90+")
    assert bar.y == (100.5, 0.0, -20.0, 0.0, 900.0)
    assert list(bar.marker.color) == list(charts.AGING_COLORS.values())
    assert bar.text[0] == "€101<br>1 invoice"   # compact: whole euros below 1K, half-up
    assert bar.text[4] == "€900<br>3 invoices"
    assert bar.hovertext[2] == "31-60: −€20.00<br>2 invoices"


# -- empty frames ---------------------------------------------------------------------------

@pytest.mark.parametrize("build", [
    lambda: budget_charts.burn_up(BVA.iloc[:0]),
    lambda: budget_charts.variance_by_channel(BVA.iloc[:0]),
    lambda: budget_charts.committed_actual_paid(BVA.iloc[:0]),
    lambda: budget_charts.landing_by_channel(pd.DataFrame(columns=["channel", "budget"])),
    lambda: spend_charts.spend_over_time(pd.DataFrame(columns=["month", "channel", "actual"])),
    lambda: spend_charts.spend_treemap(pd.DataFrame(columns=["channel", "platform", "category"])),
    lambda: spend_charts.top_n(pd.DataFrame(columns=["vendor", "actual"]), "vendor", "actual"),
    lambda: spend_charts.reconciliation(pd.DataFrame(columns=["platform", "actual"])),
    lambda: roi_charts.roi_bubble(pd.DataFrame(columns=ROI_COLUMNS)),
    lambda: spend_charts.aging_bars(pd.DataFrame(columns=["bucket", "invoices", "amount"])),
])
def test_empty_frame_gives_empty_figure(build):
    fig = build()
    assert not fig.data
    assert [a.text for a in fig.layout.annotations] == [charts.NO_DATA]
    assert fig.layout.xaxis.visible is False


@pytest.mark.parametrize("build", [
    lambda: budget_charts.burn_up(BVA),
    lambda: budget_charts.variance_by_channel(BVA),
    lambda: roi_charts.funnel(D(50), 10, D(4)),
    lambda: charts.empty_figure(),
])
def test_the_app_draws_the_same_figure_without_plotlys_property_checks(monkeypatch, build):
    def as_json(fig):
        return json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder))

    checked = build()
    monkeypatch.setattr(charts, "CHECK_CHARTS", False)
    unchecked = build()
    assert checked._validate and not unchecked._validate
    assert as_json(unchecked) == as_json(checked)
