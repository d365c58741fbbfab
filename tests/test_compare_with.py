"""'Compare with' says what it compares (issue 16): on the Overview, what the comparison
covers, and plainly when nothing was stored at that date; on other pages, that they do not
compare."""

from datetime import date, datetime

import pandas as pd
from streamlit.testing.v1 import AppTest

from spendline import clock
from spendline.changes import comparison_note, first_upload
from tests.test_pages import open_page

TODAY = clock.today()


def app_at(query: dict, page: str | None = None) -> AppTest:
    return open_page(page or "pages/overview.py", query)


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_the_note_says_when_nothing_was_stored_then():
    history = pd.DataFrame({"uploaded_at": [datetime(2026, 3, 2, 9), datetime(2026, 5, 1)]})
    assert first_upload(history) == datetime(2026, 3, 2, 9)
    before = comparison_note(date(2026, 3, 1), history)
    assert before.startswith("Nothing was stored on 1 Mar 2026 (the first upload was on "
                             "2 Mar 2026)")
    assert "every document counts as new" in before
    # On the day of the first upload the store held it at the end of that day.
    assert comparison_note(date(2026, 3, 2), history).startswith("The figures under these "
                                                                  "filters now")
    assert "nothing has been uploaded" in comparison_note(
        date(2026, 3, 1), pd.DataFrame({"uploaded_at": []}))


def test_overview_before_the_first_upload_says_nothing_was_stored(demo_db):
    text = captions(app_at({"fy": "2026", "compare": "2020-01-01"}))
    # the demo store was loaded "today", the suite's pinned day
    assert (f"Nothing was stored on 1 Jan 2020 (the first upload was on {TODAY.day} "
            f"{TODAY:%b %Y})") in text
    assert "Compare with" not in text  # the Overview does compare


def test_overview_after_the_first_upload_says_what_it_compares(demo_db):
    text = captions(app_at({"fy": "2026", "compare": f"{TODAY:%Y-%m-%d}"}))
    assert f"as the store held at the end of {TODAY.day} {TODAY:%b %Y}" in text
    assert "0 ledger documents changed since then." in text


def test_other_pages_say_they_do_not_compare(demo_db):
    for page in ("pages/roi.py", "pages/invoices.py", "pages/data.py"):
        text = captions(app_at({"fy": "2026", "compare": "2026-11-01"}, page))
        assert ("Compare with 1 Nov 2026 is shown on the Overview only: the figures on this "
                "page are as they stand now.") in text, page
    # without a compare date, no word of it
    assert "Compare with" not in captions(app_at({"fy": "2026"}, "pages/roi.py"))
