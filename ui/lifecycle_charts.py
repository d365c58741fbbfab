"""Chart builders and table helpers for the spend-lifecycle pages Invoices & payments and
Approvals & documents (the Vendors page's are in ui.vendor_charts). Pure: DataFrames in, a
plotly Figure or a DataFrame out, no Streamlit, so every one is tested on its own.

Money arrives from the views as Decimal; sums stay Decimal and become floats only for the
geometry, and every amount a reader sees is written from the exact value by spendline.formats (as in
ui.charts, whose shared look and helpers these builders reuse).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.compute as pc

from spendline import formats as fmt
from spendline.metrics import money
from ui import charts

STAGE_LABELS = {"quoted": "Quoted", "ordered": "Ordered, not yet invoiced",
                "invoiced": "Invoiced, unpaid", "paid": "Paid"}
STAGE_COLORS = {stage: charts.FIGURE_COLORS[figure] for stage, figure in (
    ("quoted", "quoted"), ("ordered", "committed"), ("invoiced", "actual"), ("paid", "paid"))}
STAGE_NOUNS = {"quoted": "quote", "ordered": "order", "invoiced": "invoice", "paid": "payment"}
MONTH_END_COLOR = "#D55E00"
OTHER_DAYS_COLOR = "#8A96A8"
LATER_COLOR = "#BBBBBB"


def _decimal(value) -> Decimal:
    return fmt.to_decimal(value) or Decimal(0)


def _count(n, noun: str) -> str:
    return f"{fmt.integer(n)} {noun}{'' if n == 1 else 's'}"


def _short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


# -- Invoices & payments ----------------------------------------------------------------------
def pipeline_bars(pipeline: pd.DataFrame, currency: str = "EUR", *,
                  title: str = "") -> go.Figure:
    """The pipeline view as stepped bars, quote → order → invoice → payment: each stage's
    amount (orders only their open part) labelled with its document count. The hover of the
    order stage also gives the orders' full amount."""
    if pipeline.empty or not any(pipeline["documents"]):
        return charts.empty_figure("No quotes, orders or invoices for the current filters.")
    stages = pipeline["stage"].tolist()
    amounts = [_decimal(v) for v in pipeline["amount"]]
    documents = [int(v) for v in pipeline["documents"]]
    full = [_decimal(v) for v in pipeline["amount_documents"]]
    hover = []
    for stage, amount, n, whole in zip(stages, amounts, documents, full, strict=True):
        text = (f"{STAGE_LABELS.get(stage, stage)}: {fmt.money(amount, currency)}"
                f"<br>{_count(n, STAGE_NOUNS.get(stage, 'document'))}")
        if stage == "ordered":
            text += (f"<br>Orders in full: {fmt.money(whole, currency)}, of which "
                     f"{fmt.money(whole - amount, currency)} already invoiced")
        hover.append(text)
    fig = charts.new_figure().add_bar(
        x=[STAGE_LABELS.get(s, s) for s in stages], y=charts.floats(amounts),
        marker_color=[STAGE_COLORS.get(s, LATER_COLOR) for s in stages],
        text=[f"{fmt.compact_money(a, currency)}<br>{_count(n, STAGE_NOUNS.get(s, 'document'))}"
              for s, a, n in zip(stages, amounts, documents, strict=True)],
        textposition="outside", cliponaxis=False, **charts.hover(hover))
    return charts.layout(fig, title=title, legend=False, xaxis={"type": "category"},
                         yaxis={**charts.money_axis(currency, "Amount"),
                                "range": charts.with_room(charts.floats(amounts), 0.2)})


def payments_due_bars(due: pd.DataFrame, currency: str = "EUR", *,
                      title: str = "") -> go.Figure:
    """The payments_due view as bars: overdue (red), then each week from the as-of date
    (labelled with its days), then later (grey); each bar with its amount and invoice count.
    Credit notes lower a bar, so a week of only credit notes goes below the axis."""
    if due.empty or not any(due["invoices"]):
        return charts.empty_figure("No open invoices for the current filters.")
    labels, colors = [], []
    for bucket, first, last in zip(due["bucket"], due["due_from"], due["due_to"], strict=True):
        if bucket == "overdue":
            labels.append("Overdue")
            colors.append(charts.AGING_COLORS["90+"])
        elif bucket == "later":
            labels.append(f"Later (from {_short_day(first)})")
            colors.append(LATER_COLOR)
        else:
            labels.append(f"{_short_day(first)}–{_short_day(last)}")
            colors.append(charts.FIGURE_COLORS["committed"])
    amounts = [_decimal(v) for v in due["amount"]]
    counts = [int(v) for v in due["invoices"]]
    fig = charts.new_figure().add_bar(
        x=labels, y=charts.floats(amounts), marker_color=colors,
        text=[f"{fmt.compact_money(a, currency)}<br>{_count(n, 'invoice')}"
              for a, n in zip(amounts, counts, strict=True)],
        textposition="outside", cliponaxis=False,
        **charts.hover([f"{lb}: {fmt.money(a, currency)}<br>{_count(n, 'invoice')}"
                        for lb, a, n in zip(labels, amounts, counts, strict=True)]))
    return charts.layout(fig, title=title, legend=False,
                         xaxis={"type": "category", "title": {"text": "Due"}},
                         yaxis={**charts.money_axis(currency, "To pay"), "rangemode": "normal",
                                "range": charts.with_room(charts.floats(amounts), 0.2)})


def invoice_day_bars(days: pd.DataFrame, currency: str = "EUR", *,
                     title: str = "") -> go.Figure:
    """Invoices per day of the month (1–31, the invoice_days view), each bar split into the
    invoices in the last 5 days of their own month and the rest, so a cluster at month end
    stands out although day 27 is month end only in 31-day months."""
    if days.empty or not any(days["invoices"]):
        return charts.empty_figure("No invoices for the current filters.")
    day = [int(d) for d in days["day"]]
    total = [int(n) for n in days["invoices"]]
    end = [int(n) for n in days["invoices_month_end"]]
    amount = [_decimal(v) for v in days["amount"]]
    end_amount = [_decimal(v) for v in days["amount_month_end"]]
    fig = charts.new_figure()
    for name, counts, amounts, color in (
            ("Other days", [t - e for t, e in zip(total, end, strict=True)],
             [a - e for a, e in zip(amount, end_amount, strict=True)], OTHER_DAYS_COLOR),
            ("Last 5 days of the month", end, end_amount, MONTH_END_COLOR)):
        fig.add_bar(x=day, y=counts, name=name, marker_color=color,
                    **charts.hover([f"Day {d} · {name.lower()}<br>{_count(n, 'invoice')}, "
                                    f"{fmt.money(m, currency)}"
                                    for d, n, m in zip(day, counts, amounts, strict=True)]))
    return charts.layout(fig, title=title, barmode="stack",
                         xaxis={"title": {"text": "Day of the month (invoice date)"},
                                "tickmode": "linear", "dtick": 1, "range": [0.5, 31.5]},
                         yaxis={"title": {"text": "Invoices"}, "tickformat": ",d"})


# -- Approvals & documents --------------------------------------------------------------------
def _reason_parts(text) -> list[str]:
    """The reasons in a '; '-joined reason text, one per document: 'paid without contract,
    receipt' gives 'paid without contract' and 'paid without receipt' (so for 'missing')."""
    if text is None or text is pd.NA or (isinstance(text, float) and text != text):
        return []
    parts = []
    for part in (p.strip() for p in str(text).split(";")):
        for prefix in ("paid without ", "missing "):
            if part.startswith(prefix):
                parts += [prefix + d.strip() for d in part[len(prefix):].split(",")]
                break
        else:
            if part:
                parts.append(part)
    return parts


def reason_counts(frame: pd.DataFrame, column: str = "reason",
                  amount: str | None = None) -> pd.DataFrame:
    """Rows per reason (a row with two reasons, or missing two documents, counts under both),
    most rows first: (reason, rows), and with `amount` the exact sum of that column per
    reason, rounded to the cent once."""
    counts: dict[str, list] = {}
    if amount:  # each distinct reason text once, with its rows and their exact sum
        groups = frame.groupby(column, sort=False, dropna=True)[amount]
        rows = ((text, len(values), sum(map(_decimal, values), Decimal(0)))
                for text, values in groups)
    else:  # each distinct reason text once, with its number of rows (50k flags: a few texts)
        texts = frame[column].value_counts(dropna=True)
        rows = zip(texts.index, texts.to_list(), [Decimal(0)] * len(texts), strict=True)
    for text, n, value in rows:
        for part in _reason_parts(text):
            entry = counts.setdefault(part, [0, Decimal(0)])
            entry[0] += int(n)
            entry[1] += value
    rows = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))
    out = pd.DataFrame({"reason": [r for r, _ in rows], "rows": [v[0] for _, v in rows]})
    if amount:
        out["amount"] = [money(v[1]) for _, v in rows]
    return out


def split_readiness(readiness: pa.Table) -> tuple[pa.Table, pa.Table]:
    """payment_readiness as (ready to pay, waiting), in Arrow: at a million ledger rows it
    holds tens of thousands of open invoices, too many to turn into Python Decimals. Ready
    ones lose the empty waiting_for column; amounts are rounded to the cent (half away from
    zero, as money() rounds) for the screen and the CSV."""
    cents = pc.round(readiness["amount"], 2, round_mode="half_towards_infinity")
    rounded = readiness.set_column(readiness.schema.get_field_index("amount"), "amount",
                                   cents.cast(pa.decimal128(18, 2)))
    waits = pc.is_valid(rounded["waiting_for"])
    return rounded.filter(pc.invert(waits)).drop_columns("waiting_for"), rounded.filter(waits)


def exact_total(readiness: pa.Table, keep: pa.ChunkedArray | None = None) -> Decimal:
    """The exact sum of an Arrow amount column (rows where `keep`), rounded once."""
    amounts = readiness["amount"] if keep is None else readiness["amount"].filter(keep)
    return money(pc.sum(amounts).as_py() or Decimal(0))


def thresholds(settings: dict[str, str]) -> tuple[Decimal, Decimal]:
    """The amounts (base currency) from which finance and an executive approve (SPEC §4)."""
    return Decimal(settings["threshold_finance"]), Decimal(settings["threshold_executive"])


# -- Invoice timing ---------------------------------------------------------------------------
def month_end_advice(vendors: pd.DataFrame, currency: str = "EUR", limit: int = 5) -> list[str]:
    """Plain-text lines for the vendors of month_end_vendors that send the most invoices in
    the last 5 days of their month (the view's order), with their share by count and by
    amount: 'Late Co: 2 of 4 invoices (50.0%), €30.00 of €100.00 (30.0%)'. Shown as text,
    never Markdown: vendor names are uploaded text."""
    return [f"{r.vendor}: {fmt.integer(r.invoices_month_end)} of "
            f"{fmt.count(r.invoices, 'invoice')} "
            f"({fmt.pct(r.share)}), {fmt.money(r.amount_month_end, currency)} of "
            f"{fmt.money(r.amount, currency)} ({fmt.pct(r.share_of_amount)})"
            for r in vendors.head(limit).itertuples()]
