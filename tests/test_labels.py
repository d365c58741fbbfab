"""One table of labels: every SPEC §5 column and every column the pages show has words, a
name nobody listed still reads as words, and the app's own codes read as words too."""

import pytest

from spendline.labels import COLUMNS, column_label, value_label
from spendline.views import COLUMNS as VIEW_COLUMNS


@pytest.mark.parametrize("view", sorted(VIEW_COLUMNS))
def test_every_spec_column_has_its_words(view):
    missing = [c for c in VIEW_COLUMNS[view] if c not in COLUMNS]
    assert not missing


def test_the_names_the_issue_saw_read_as_words():
    assert column_label("variance_pct") == "Variance %"
    assert column_label("cost_per_opportunity") == "Cost per opportunity"
    assert column_label("rolled_back_at") == "Rolled back at"
    assert column_label("committed_pct") == "Committed % of budget"


def test_an_unknown_name_falls_back_on_words_with_acronyms_kept():
    assert column_label("media_cpl_target") == "Media CPL target"
    assert column_label("roi_pct") == "ROI %"
    assert column_label("weird__name_") == "Weird name"
    assert column_label("x") == "X"
    assert all("_" not in label for label in COLUMNS.values())


def test_codes_read_as_words_and_uploaded_names_stay_as_they_are():
    assert value_label("level", "budget_line") == "Budget line"
    assert value_label("kind", "fx_rates") == "FX rates"
    assert value_label("status", "invoiced") == "Invoiced"
    assert value_label("channel", "paid_search") == "paid_search"  # a name from the data
    assert value_label("level", None) is None
