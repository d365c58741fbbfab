"""Tables as people read them (issue 16): headers in words, every figure in the reader's
number style with its kind's decimals, money with its currency's sign (the row's own for a
document's amount), percents as percents, an em dash for nothing, and the cells still numbers
(so a column sorts by value). Checked on every page of the app, and on small tables."""

import re
from decimal import Decimal as D

import pandas as pd
import pyarrow as pa
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from spendline import column_kinds as ck
from spendline import formats as fmt
from spendline.config import ROOT
from ui import table_format
from ui.navigation import page_files

SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")
NUMBER = r"\d{1,3}(,\d{3})*(\.\d+)?"  # the default style, English
MONEY = re.compile(rf"^[−+]?(€|\$|£|¥|[A-Z]{{3}} ){NUMBER}$")
PERCENT = re.compile(rf"^[−+]?{NUMBER}%$")
# Italian numbers, the sign after: 1.234,56 €
IT_NUMBER = r"\d{1,3}(\.\d{3})*(,\d+)?"
IT_MONEY = re.compile(rf"^[−+]?{IT_NUMBER}\u00a0(€|\$|£|¥|[A-Z]{{3}})$")
IT_PERCENT = re.compile(rf"^[−+]?{IT_NUMBER}%$")
NOTHING = {"None", "nan", "NaN", "NaT", "<NA>"}


def display_values(element) -> pd.DataFrame | None:
    styler = element.proto.arrow_data.styler
    if not styler.display_values:
        return None
    return dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)


def labels(element) -> dict[str, str]:
    import json

    config = json.loads(element.proto.columns or "{}")
    return {name: c.get("label") for name, c in config.items() if name != "_index"}


def check_table(element, where: str, money=MONEY, percent=PERCENT) -> list[str]:
    """Every problem of one table on screen, in words, for the assertion message."""
    problems = []
    raw = element.value
    heads = labels(element)
    for name in raw.columns:
        label = heads.get(str(name)) or str(name)
        if SNAKE.match(label):
            problems.append(f"{where}: header {label!r}")
    shown = display_values(element)
    if shown is None:
        return problems + ([f"{where}: figures not written in the reader's style"]
                           if len(raw) else [])
    kinds = ck.kinds(raw)
    for name in shown.columns:
        cells = [str(v) for v in shown[name]]
        if bad := sorted(set(cells) & NOTHING):
            problems.append(f"{where}: {name} shows {bad}")
        written = [c for c in cells if c != fmt.MISSING]
        if kinds.get(name) == ck.MONEY and (odd := [c for c in written if not money.match(c)]):
            problems.append(f"{where}: money column {name} shows {odd[:3]}")
        if kinds.get(name) == ck.PERCENT and (odd := [c for c in written
                                                      if not percent.match(c)]):
            problems.append(f"{where}: percent column {name} shows {odd[:3]}")
    return problems


def open_app(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", page_files())
def test_every_table_on_every_page_is_in_words_and_in_the_readers_style(demo_db, page):
    at = open_app(page)
    problems = [p for i, df in enumerate(at.dataframe)
                for p in check_table(df, f"{page} table {i}")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", page_files())
def test_every_page_follows_an_italian_readers_choice(demo_db, page):
    from spendline.store import Store

    Store(demo_db).save_preferences("local", "it", "after")
    at = open_app(page)
    problems = [p for i, df in enumerate(at.dataframe)
                for p in check_table(df, f"{page} table {i}", IT_MONEY, IT_PERCENT)]
    assert not problems, "\n".join(problems)


def test_a_cny_invoice_shows_yuan_beside_its_amount_in_euros(demo_db):
    at = open_app("pages/vendors.py")
    at.selectbox(key="vendor_page").set_value(
        "Shenzhen Hongtu Exhibition Center Co., Ltd.").run()
    documents = next(df for df in at.dataframe if "document_amount" in df.value.columns)
    assert not check_table(documents, "vendor documents")
    shown = display_values(documents)
    raw = documents.value
    cny = raw.index[raw["currency"] == "CNY"][0]
    assert shown.loc[cny, "document_amount"].startswith("¥")
    assert shown.loc[cny, "amount"].startswith("€")
    assert labels(documents)["document_amount"] == "Amount (document currency)"


def test_the_compare_with_table_gives_each_document_its_own_currency(demo_db):
    at = open_app("pages/overview.py", {"fy": "2026", "compare": "2026-01-01"})
    changes = next(df for df in at.dataframe if "amount_now" in df.value.columns)
    assert not check_table(changes, "changes")
    shown, raw = display_values(changes), changes.value
    for i in raw.index[raw["currency"].isin(["CNY", "USD"])][:20]:
        sign = {"CNY": "¥", "USD": "$"}[raw.loc[i, "currency"]]
        assert shown.loc[i, "amount_now"].lstrip("−+").startswith(sign)


# -- one table, cell by cell --------------------------------------------------------------------
TABLE = pa.table({
    "month": ["2026-01", "2026-02"],
    "level": ["budget_line", "channel"],
    "budget": pa.array([D("1234.50"), D("-2.00")], pa.decimal128(18, 2)),
    "committed_pct": pa.array([D("1.8728"), None], pa.decimal128(18, 4)),
    "roas": pa.array([D("3.2468"), None], pa.decimal128(18, 4)),
    "leads": pa.array([D("35441"), D("0")], pa.decimal128(38, 0)),
    "fiscal_year": pa.array([2026, 2026], pa.int32()),
    "roi_change": pa.array([D("0.0241"), D("-0.0005")], pa.decimal128(18, 4)),
})


def written(table, style=fmt.Style(), **kwargs) -> pd.DataFrame:
    with fmt.using(style):
        styler = table_format.styled(table, "EUR", **kwargs)
        styler._compute()
        return pd.DataFrame([[cell["display_value"] for cell in row[1:]]
                             for row in styler._translate(False, False)["body"]],
                            columns=list(styler.data.columns))


def test_each_kind_of_figure_has_one_format():
    shown = written(TABLE)
    assert shown.to_dict("records") == [
        {"month": "Jan 2026", "level": "Budget line", "budget": "€1,234.50",
         "committed_pct": "187.3%", "roas": "3.25×", "leads": "35,441",
         "fiscal_year": "2026", "roi_change": "+2.4\u00a0pp"},
        {"month": "Feb 2026", "level": "Channel", "budget": "−€2.00", "committed_pct": "—",
         "roas": "—", "leads": "0", "fiscal_year": "2026", "roi_change": "−0.1\u00a0pp"}]


def test_the_readers_style_writes_every_figure():
    shown = written(TABLE, fmt.Style.of("it", "after"))
    assert shown.loc[0, "budget"] == "1.234,50\u00a0€"
    assert shown.loc[0, "committed_pct"] == "187,3%"
    assert shown.loc[0, "leads"] == "35.441"
    assert shown.loc[1, "budget"] == "−2,00\u00a0€"


def test_money_in_a_row_currency_takes_that_currencys_sign():
    frame = pd.DataFrame({"document_amount": [D("15738.51"), D("10.00")],
                          "amount": [D("2019.38"), D("10.00")], "currency": ["CNY", "CHF"]})
    shown = written(frame)
    assert shown["document_amount"].tolist() == ["¥15,738.51", "CHF 10.00"]
    assert shown["amount"].tolist() == ["€2,019.38", "€10.00"]  # base, beside a document's
    rows = pd.DataFrame({"amount": [D("6708.09")], "currency": ["CNY"]})
    assert written(rows)["amount"].tolist() == ["¥6,708.09"]  # a row's own amount


def test_the_cells_stay_numbers_and_the_headers_are_words():
    styler = table_format.styled(TABLE, "EUR")
    assert styler.data["budget"].tolist() == [D("1234.50"), D("-2.00")]  # sorts by value
    config = table_format.column_config(TABLE.column_names)
    assert {n: c["label"] for n, c in config.items()}["committed_pct"] \
        == "Committed % of budget"
    assert all("type_config" not in c or "format" not in c["type_config"]
               for c in config.values())  # a format would hide the Styler's text


def test_a_long_table_draws_its_first_rows_and_says_the_csv_has_them_all(demo_db):
    def script():
        import pyarrow as pa

        from ui import widgets

        widgets.table(pa.table({"n": list(range(2_500))}), key="long", file_name="long",
                      max_rows=2_000)
        widgets.table(pa.table({"n": [1, 2]}), key="short", file_name="short", caption="Two.")

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    assert not at.exception
    long, short = at.dataframe
    assert len(long.value) == 2_000 and len(short.value) == 2
    captions = [c.value for c in at.caption]
    assert "The first 2,000 of 2,500 rows; the CSV has every row." in captions
    assert "Two." in captions


def test_the_check_catches_a_table_drawn_without_words_or_style():
    def script():
        from decimal import Decimal as D

        import pyarrow as pa
        import streamlit as st

        st.dataframe(pa.table({"variance_pct": pa.array([D("0.1")], pa.decimal128(18, 4))}))

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    problems = check_table(at.dataframe[0], "raw")
    assert problems == ["raw: header 'variance_pct'",
                        "raw: figures not written in the reader's style"]
