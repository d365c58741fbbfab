"""Table helpers and the chart of the Vendors page: a vendor's card, the archive searched and
its blocked vendors marked, the template for vendors the archive lacks, one vendor's spend by
month. Pure: DataFrames in, a DataFrame, text or a plotly Figure out, no Streamlit."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from spendline import formats as fmt
from spendline.kinds import VENDORS
from spendline.metrics import group_totals
from ui import charts
from ui.safe_text import plain

BLOCKED = "BLOCKED"  # text, not an emoji: it shows in every browser and font
SEARCHED = ("vendor", "services", "city", "notes")


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def vendor_card(archive: pd.DataFrame, vendor: str) -> list[str] | None:
    """Markdown lines describing one archived vendor (category, status, rating, services and
    place; contact; notes), or None when the archive lacks it. Every uploaded value is
    escaped (ui/safe_text.py): a note's [link](http://x) or ![](http://x/img.png) shows as
    the text it is."""
    rows = archive[archive["vendor"] == vendor]
    if rows.empty:
        return None
    r = rows.iloc[0]
    status = BLOCKED if r["status"] == "blocked" else plain(_text(r["status"]))
    rating = _text(r["rating"])
    stars = "★" * int(float(rating)) if rating else "—"
    lines = [" · ".join([f"**{plain(_text(r['category']))}**", status, f"rating {stars}",
                         *(plain(t) for t in map(_text, (r["services"], r["city"],
                                                         r["country"])) if t)])]
    contact = [plain(t) for t in map(_text, (r["contact"], r["email"], r["phone"],
                                             r["website"])) if t]
    if contact:
        lines.append(" · ".join(contact))
    if _text(r["notes"]):
        lines.append(f"Notes: {plain(_text(r['notes']))}")
    return lines


def search_vendors(archive: pd.DataFrame, text: str) -> pd.DataFrame:
    """Archive rows whose name, services, city or notes contain `text`, ignoring case and
    surrounding spaces; all rows for an empty search."""
    needle = (text or "").strip().casefold()
    if not needle:
        return archive
    mask = [any(needle in _text(row[c]).casefold() for c in SEARCHED)
            for _, row in archive[list(SEARCHED)].iterrows()]
    return archive[mask]


def mark_blocked(archive: pd.DataFrame) -> pd.DataFrame:
    """The archive with a first column `blocked` holding BLOCKED for blocked vendors, so they
    stand out."""
    out = archive.copy()
    out.insert(0, "blocked", [BLOCKED if s == "blocked" else "" for s in out["status"]])
    return out


def vendor_template(gaps: pd.DataFrame) -> pd.DataFrame:
    """The vendors template (spendline.kinds.VENDORS columns, in order) with one row per vendor
    missing from the archive, only the name filled in: the user completes the rest
    (category is required) and uploads it."""
    out = pd.DataFrame({name: [None] * len(gaps) for name in VENDORS.names})
    out["vendor"] = list(gaps["vendor"])
    return out


def vendor_monthly(breakdown: pd.DataFrame, vendor: str) -> pd.DataFrame:
    """One vendor's committed, actual and paid per month (YYYY-MM) from the breakdown view,
    summed exactly and rounded to the cent once."""
    rows = breakdown[breakdown["vendor"] == vendor]
    if rows.empty:
        return pd.DataFrame(columns=["month", "committed", "actual", "paid"])
    rows = rows.assign(month=[f"{m:%Y-%m}" for m in rows["month"]])
    return group_totals(rows, ["month"], ["committed", "actual", "paid"])


def vendor_spend_bars(monthly: pd.DataFrame, currency: str = "EUR", *,
                      title: str = "") -> go.Figure:
    """One vendor's committed, actual and paid per month as grouped bars (vendor_monthly)."""
    if monthly.empty:
        return charts.empty_figure("No spend with this vendor for the current filters.")
    months = monthly["month"].tolist()
    fig = charts.new_figure()
    for name in ("committed", "actual", "paid"):
        values = [fmt.to_decimal(v) or Decimal(0) for v in monthly[name]]
        fig.add_bar(x=months, y=charts.floats(values), name=name.title(),
                    marker_color=charts.FIGURE_COLORS[name],
                    **charts.month_hover(months, values, name.title(), currency))
    return charts.layout(fig, title=title, barmode="group", xaxis=charts.month_axis(months),
                         yaxis={**charts.money_axis(currency, "Amount"), "rangemode": "normal"})
