"""Journey 2: a messy Italian workbook through the Upload page's file input. The bad version
shows the problem table and gives back the workbook with the bad cell marked; the fixed
version is stored, Forecast vs actual moves by exactly its amounts, and rolling the batch
back restores the figures to the cent. The journey writes, so it has its own app and store."""

import csv
import io
import re
import shutil
from decimal import Decimal

import openpyxl

from tests.browser.workbooks import CHANNEL, HEADER_ROW, MONTH, italian_ledger

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def forecast_figures(app) -> dict[str, bytes]:
    """The CSV files of Forecast vs actual's tables: variance by month and channel, landing."""
    app.go_to_page("Forecast vs actual")
    assert app.exceptions() == []
    return {"variance": app.csv_of("variance"), "landing": app.csv_of("landing")}


def figure(tables: dict[str, bytes], table: str, column: str, **where: str) -> Decimal:
    [row] = [r for r in rows(tables[table]) if all(r[k] == v for k, v in where.items())]
    return Decimal(row[column])


def upload(app, *ledgers) -> None:
    app.page.get_by_test_id("stFileUploader").first.locator("input[type='file']").set_input_files(
        [{"name": ledger.name, "mimeType": XLSX, "buffer": ledger.data} for ledger in ledgers])
    app.wait_idle()


def test_italian_workbook_problems_store_and_roll_back(demo_store_file, tmp_path, start_app,
                                                        open_app):
    store = tmp_path / "upload.duckdb"
    shutil.copy(demo_store_file, store)
    app = open_app(start_app(store), "/forecast")
    before = forecast_figures(app)

    # -- the bad workbook: the problem table, nothing to store, the marked workbook ------------
    bad, fixed = italian_ledger(bad=True), italian_ledger(bad=False)
    app.go_to_page("Upload")
    upload(app, bad)
    main = app.page.get_by_test_id("stMain")
    error = main.get_by_test_id("stAlertContentError")
    assert "1 problem found: nothing will be stored" in error.inner_text()
    assert main.get_by_role("button", name="Store", exact=True).count() == 0
    problems = rows(app.download(main.get_by_role("button", name="Problems as CSV")).read_bytes())
    assert [(p["row"], p["column"], p["value"], p["problem"]) for p in problems
            if p["level"] == "error"] == [(str(int(bad.bad_cell[1:])), "Imponibile",
                                           "circa 2.000", "not a number")]
    marked = app.download(main.get_by_role("button", name=f"{bad.name} with problems marked"))
    book = openpyxl.load_workbook(marked)
    cell = book["Fatture marzo"][bad.bad_cell]
    assert cell.value == "circa 2.000"
    assert cell.comment is not None and "not a number" in cell.comment.text
    assert book["Fatture marzo"].cell(HEADER_ROW, cell.column).value == "Imponibile"
    assert book.sheetnames[0] == "Problems"
    assert app.exceptions() == []

    # -- the fixed workbook: preview, Store ----------------------------------------------------
    main.get_by_role("button", name=f"Remove {bad.name}", exact=True).click()
    app.wait_idle()
    upload(app, fixed)
    assert main.get_by_test_id("stAlertContentError").count() == 0
    assert main.get_by_role("heading", name="What storing will do").count() == 1
    main.get_by_role("button", name="Store", exact=True).click()
    app.wait_idle()
    stored = main.get_by_test_id("stAlertContentSuccess").inner_text()
    batch = re.fullmatch(r"Stored as batch\(es\) (\d+)\.", stored.strip())
    assert batch, stored
    batch_id = batch.group(1)
    assert app.exceptions() == []

    # -- Forecast vs actual moves by exactly the workbook's amounts ----------------------------
    after = forecast_figures(app)
    where = {"month": MONTH, "channel": CHANNEL}
    for column in ("actual", "paid", "committed"):
        assert figure(after, "variance", column, **where) \
            == figure(before, "variance", column, **where) + fixed.total, column
    assert figure(after, "landing", "actual_to_date", channel=CHANNEL) \
        == figure(before, "landing", "actual_to_date", channel=CHANNEL) + fixed.total
    others = [r for r in rows(after["variance"]) if (r["month"], r["channel"]) != (MONTH, CHANNEL)]
    assert others == [r for r in rows(before["variance"])
                      if (r["month"], r["channel"]) != (MONTH, CHANNEL)]

    # -- roll the batch back: the figures are restored -----------------------------------------
    app.go_to_page("Upload")
    history = main.get_by_role("combobox", name="Roll back batch", exact=True)
    history.scroll_into_view_if_needed()
    history.click()
    # the choice names the batch: "Batch 7 · file, sheet · rows · stored … by …"
    app.page.get_by_role("option", name=re.compile(f"^Batch {batch_id} · ")).click()
    app.wait_idle()
    main.get_by_role("button", name="Roll back", exact=True).click()
    app.wait_idle()
    main.get_by_role("button", name="Yes, roll back", exact=True).click()  # it asks first
    app.wait_idle()
    assert main.get_by_test_id("stAlertContentSuccess").inner_text().strip() \
        == f"Batch {batch_id} rolled back."
    assert forecast_figures(app) == before
    assert app.exceptions() == []
