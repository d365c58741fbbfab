"""Every figure on a page follows the filters, or says it covers the whole fiscal year
(issue 16): the Overview's tiles are the filtered views' totals, worked out here from the
SPEC §5 views' own rows, not through the page's code (spendline.metrics)."""

from datetime import date
from decimal import Decimal

import pandas as pd
from streamlit.testing.v1 import AppTest

from spendline import clock
from spendline import formats as fmt
from spendline.config import ROOT
from spendline.store import Store
from spendline.views import Filters, run_view

TODAY = clock.today()  # 2026-12-04, pinned in tests/conftest.py
Q2 = {"fy": "2026", "months": ["Apr 2026", "Jun 2026"]}


def overview(query: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def add(values) -> Decimal:
    return sum((Decimal(v) for v in values if v is not None and not pd.isna(v)), Decimal(0))


def test_overview_tiles_are_the_filtered_views_totals(demo_db):
    at = overview(Q2)
    shown = {m.label: m.value for m in at.metric}
    store = Store(demo_db)
    q2 = Filters(from_month=date(2026, 4, 1), to_month=date(2026, 6, 1), as_of=TODAY)
    year = Filters(from_month=date(2026, 1, 1), to_month=date(2026, 12, 1), as_of=TODAY)
    bva = run_view(store, "budget_vs_actual", q2).to_pandas()
    # Apr-Jun are all before the as-of month: every month's actual and paid is "to date".
    assert set(pd.to_datetime(bva["month"]).dt.month) == {4, 5, 6}
    roi = run_view(store, "roi_by_channel", q2).to_pandas()
    actual, leads = add(bva["actual"]), int(roi["leads"].sum())
    assert shown["Budget"] == fmt.compact_money(add(bva["budget"]))
    assert shown["Committed"] == fmt.compact_money(add(bva["committed"]))
    assert shown["Actual to date"] == fmt.compact_money(actual)
    assert shown["Paid"] == fmt.compact_money(add(bva["paid"]))
    assert shown["ROI"] == fmt.pct((add(roi["revenue"]) - actual) / actual)
    assert shown["Cost per lead"] == fmt.money(actual / leads)
    # Landing is the whole year's, and the page says so.
    landing = run_view(store, "landing", year).to_pandas()
    assert shown["Landing vs budget"] == fmt.compact_money(
        add(landing["landing_vs_budget"]))
    assert any("a landing is where the whole fiscal year ends" in i.value for i in at.info)
    # The whole year's budget differs: the tiles did follow the months.
    whole = run_view(store, "budget_vs_actual", year).to_pandas()
    assert fmt.compact_money(add(whole["budget"])) != shown["Budget"]


def test_whole_year_overview_has_no_months_note(demo_db):
    at = overview({"fy": "2026"})
    assert not any("whole fiscal year" in i.value for i in at.info)


def test_pages_with_whole_year_figures_say_so_under_a_month_filter(demo_db):
    for page, what in (("pages/forecast.py", "The landing covers the whole fiscal year"),
                       ("pages/accounts.py", "Every figure on this page covers the whole")):
        at = overview(Q2)
        at.switch_page(page).run()
        assert not at.exception, page
        assert any(what in i.value and "not only Apr 2026–Jun 2026" in i.value
                   for i in at.info), page
