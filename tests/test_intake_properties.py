"""Property: for any generated ledger sheet the loader either stores exactly the valid input
or rejects it with a problem naming every bad row, and never raises anything else."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.intake import UploadedFile
from spendline.store import Store
from spendline.uploads import import_files
from tests.helpers import xlsx

HEADER = ["document_id", "vendor", "channel", "status", "amount_net", "invoice_date",
          "paid_date"]

cents = st.integers(min_value=0, max_value=10**12)
valid_amount = st.one_of(
    cents.map(lambda c: f"{Decimal(c) / 100:.2f}"),  # 1234.56
    cents.map(lambda c: f"{Decimal(c) / 100:,.2f}".replace(",", " ")),  # 1 234.56
    cents.map(lambda c: f"{Decimal(c) / 100:,.2f}".replace(",", "_").replace(".", ",")
              .replace("_", ".") + " €"),  # 1.234,56 €
)
bad_amount = st.sampled_from(["abc", "12,34,5x", "1.2.3,4,5", "--5", "#REF!"])
day = st.integers(min_value=0, max_value=364).map(lambda d: date(2026, 1, 1) + timedelta(d))
name = st.text(alphabet="abcdefghijklmnopqrstuvwxyzàèéìòùäöå ", min_size=1, max_size=20) \
    .filter(lambda s: s.strip())


@st.composite
def ledger_row(draw, index: int):
    valid = draw(st.booleans())
    amount = draw(valid_amount)
    status = draw(st.sampled_from(["invoiced", "paid", "laskutettu", "pagato", "已付款"]))
    invoice_day = draw(day)
    row = {"document_id": f"D{index}", "vendor": draw(name), "channel": draw(name),
           "status": status, "amount_net": amount, "invoice_date": invoice_day.isoformat(),
           "paid_date": (invoice_day + timedelta(days=3)).isoformat()}
    if not valid:
        breaking = draw(st.sampled_from(["amount_net", "status", "invoice_date"]))
        row[breaking] = {"amount_net": draw(bad_amount), "status": "maybe",
                         "invoice_date": "2026-13-45"}[breaking]
    return valid, row


@st.composite
def ledger(draw):
    size = draw(st.integers(min_value=1, max_value=6))
    return [draw(ledger_row(i)) for i in range(size)]


def expected_amount(text: str) -> Decimal:
    digits = text.replace(" €", "").replace(" ", "")
    if "," in digits and digits.rfind(",") > digits.rfind("."):
        digits = digits.replace(".", "").replace(",", ".")
    return Decimal(digits.replace(",", "")).quantize(Decimal("0.01"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(rows=ledger())
def test_stores_exactly_the_valid_input_or_rejects_it(tmp_path_factory, rows):
    store = Store(tmp_path_factory.mktemp("prop") / "s.duckdb")
    data = xlsx({"Ledger": [HEADER, *[[r[c] for c in HEADER] for _, r in rows]]})
    intake, ids = import_files(store, [UploadedFile("ledger.xlsx", data)])
    bad_rows = {i + 2 for i, (valid, _) in enumerate(rows) if not valid}
    if not bad_rows:
        assert ids, intake.problem_table().to_string()
        stored = store.query("select document_id, vendor, amount_net from spend "
                             "order by source_row").to_pylist()
        assert stored == [{"document_id": r["document_id"], "vendor": r["vendor"].strip(),
                           "amount_net": expected_amount(r["amount_net"])} for _, r in rows]
    else:
        assert ids == []
        assert store.is_empty()
        problems = intake.problem_table()
        rows_named = problems.loc[problems["level"] == "error", "row"].dropna().astype(int)
        assert set(rows_named) == bad_rows
