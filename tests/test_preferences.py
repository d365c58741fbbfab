"""Each user's number format: stored per user on both engines, read back as a Style, refused
when it is not one the app offers, and chosen in the sidebar for every page that follows."""

import pytest
from streamlit.testing.v1 import AppTest

from spendline import formats as fmt
from spendline import preferences
from spendline.config import ROOT
from tests.stores import BACKENDS, open_test_store


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    return open_test_store(request, request.param, tmp_path / "test.duckdb")


def test_a_user_without_a_choice_reads_english_with_the_sign_before(store):
    assert store.preferences("ann@example.com") is None
    assert preferences.style_for(store, "ann@example.com") == fmt.Style()


def test_a_choice_round_trips_per_user(store):
    preferences.save_style(store, "ann@example.com", "it", "after")
    preferences.save_style(store, "bob@example.com", "fi", "before")
    preferences.save_style(store, "ann@example.com", "it", "before")  # replaces Ann's
    assert store.preferences("ann@example.com") == {"numbers": "it",
                                                    "currency_position": "before"}
    assert preferences.style_for(store, "ann@example.com") == fmt.Style.of("it", "before")
    assert preferences.style_for(store, "bob@example.com") == fmt.Style.of("fi", "before")
    with fmt.using(preferences.style_for(store, "bob@example.com")):
        assert fmt.money("-1234.5") == "\u2212€1\u00a0234,50"


@pytest.mark.parametrize("numbers, position", [("de", "before"), ("en", "left")])
def test_a_style_the_app_does_not_offer_is_refused(store, numbers, position):
    with pytest.raises(preferences.PreferenceError):
        preferences.save_style(store, "ann@example.com", numbers, position)
    assert store.preferences("ann@example.com") is None


def test_the_sidebar_choice_is_stored_and_every_table_follows_it(demo_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    at.selectbox(key="pref_numbers").set_value("it").run()
    at.selectbox(key="pref_currency").set_value("after").run()
    assert not at.exception
    from spendline.store import Store
    assert Store(demo_db).preferences("local") == {"numbers": "it", "currency_position": "after"}
    at.switch_page("pages/forecast.py").run()
    shown = display_values(at.dataframe[0])
    assert shown["budget"].str.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}\u00a0€").all()
    # A new session of the same user starts in the stored style.
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert again.selectbox(key="pref_numbers").value == "it"


def display_values(element):
    from streamlit import dataframe_util

    styler = element.proto.arrow_data.styler
    return dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)
