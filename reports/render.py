"""A pack as one self-contained HTML file: Jinja2 template, Plotly's bundled JS inlined once,
every chart in a div of fixed id, nothing fetched from the network.

The same pack (store, month, filters, style, clock) gives the same bytes: no random ids, and
no time but the pack's `made_at` (spendline.clock.now()).
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import jinja2
import plotly.io as pio
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from reports.packs import Pack
from reports.period import day_label
from spendline import formats as fmt
from ui import safe_text

TEMPLATES = Path(__file__).parent / "templates"
CHART_WIDTH, CHART_HEIGHT = 700, 340  # px: fits an A4 page's text width at 96 dpi
CHART_CONFIG = {"displayModeBar": False, "responsive": False, "staticPlot": False}


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals["day_label"] = day_label
    return env


@functools.cache
def plotly_js() -> Markup:
    """plotly.js as shipped inside the plotly package (no CDN)."""
    return Markup(get_plotlyjs())


def chart_html(fig, div_id: str) -> Markup:
    """The chart's div and script; uploaded text in its traces (names, categories, labels)
    escaped for Plotly's HTML first, as every chart of the pages is (ui.safe_text)."""
    fig = safe_text.figure(fig)
    numbers = fmt.current().numbers  # axis ticks in the reader's marks too
    fig.update_layout(width=CHART_WIDTH, height=CHART_HEIGHT,
                      separators=numbers.decimal + numbers.thousands)
    return Markup(pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=div_id,
                              config=CHART_CONFIG))


def _tile_change(tile, currency: str) -> str:
    if tile.before is None or tile.now is None:
        return fmt.MISSING
    change = fmt.to_decimal(tile.now) - fmt.to_decimal(tile.before)
    if tile.kind == "pct":  # a change of a percentage, in percentage points
        points = (change * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        sign = "+" if points > 0 else fmt.MINUS if points < 0 else ""
        return f"{sign}{fmt.grouped(abs(points), 1)} pp"
    return fmt.money(change, currency, signed=True)


def _tile_value(tile, which: str, currency: str) -> str:
    value = getattr(tile, which)
    if tile.kind == "pct":
        return fmt.pct(value)
    return fmt.money(value, currency)


def render(pack: Pack, style: fmt.Style = fmt.Style()) -> str:
    """The pack as HTML text, its numbers in `style`."""
    with fmt.using(style):
        sections = []
        for s_index, section in enumerate(pack.sections, start=1):
            tiles = [{"label": t.label, "now": _tile_value(t, "now", pack.currency),
                      "before": _tile_value(t, "before", pack.currency),
                      "change": _tile_change(t, pack.currency), "note": t.note}
                     for t in section.tiles]
            figures = [{"title": title, "html": chart_html(fig, f"{pack.kind}-{section.key}-"
                                                                f"chart-{c_index}")}
                       for c_index, (title, fig) in enumerate(section.charts, start=1)]
            sections.append({"key": section.key, "number": s_index, "title": section.title,
                             "paragraphs": section.paragraphs, "tiles": tiles,
                             "tables": section.tables, "charts": figures})
        return _environment().get_template("pack.html.j2").render(
            pack=pack, sections=sections, plotly_js=plotly_js(),
            style_label=style.numbers.label + (" €" if style.currency_after else ""))


def render_bytes(pack: Pack, style: fmt.Style = fmt.Style()) -> bytes:
    return render(pack, style).encode("utf-8")


def file_name(pack: Pack, suffix: str = ".html") -> str:
    """'finance_pack_2026-11.html', 'client_pack_2026-11_lumen-travel.html'."""
    stem = f"{pack.kind}_pack_{pack.month:%Y-%m}"
    if pack.kind == "client" and pack.sections:
        stem += "_" + slug(pack.subtitle.split(" · ")[0])
    return stem + suffix


def slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in out.split("-") if part) or "account"
