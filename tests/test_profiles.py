"""loaders/profiles.py: the rule syntax, the JSON file, matching a sheet's headers, and the
rules applied to a sheet before it is parsed (through the intake, figures by hand)."""

from datetime import date
from decimal import Decimal as D

import pandas as pd
import pytest

from loaders.profiles import (
    Profile,
    ProfileError,
    from_json,
    from_rules,
    matching,
    parse_map,
    parse_set,
    parse_value,
    signature,
    to_json,
)
from tests.helpers import SPEND_HEADER, csv_bytes, only_frame, problems, read

WEEKLY = csv_bytes([["date", "tv_S", "search_S"], ["2026-03-02", "100.50", "20"],
                    ["2026-03-09", "", "30"]])
WEEKLY_RULES = ("--kind results\n--map tv_S=platform_spend@TV\n"
                "--map search_S=platform_spend@Search\n--set campaign=Media mix")


def with_profile(name: str, data: bytes, profile: Profile):
    return read(name, data, chosen_profiles={(None, None): profile})


def notes(intake) -> list[str]:
    return [p[3] for p in problems(intake, "warning")]


# -- rule syntax ------------------------------------------------------------------------------
def test_parse_map_splits_on_the_last_equals_sign():
    assert parse_map("a=b=platform_spend") == ("a=b", "platform_spend")


def test_parse_map_to_nothing_ignores_the_column():
    assert parse_map("Notes=") == ("Notes", "")


def test_parse_set():
    assert parse_set("channel=Paid Search") == ("channel", "Paid Search")


def test_parse_value():
    assert parse_value("status:Paid Late=paid") == ("status", "Paid Late", "paid")


@pytest.mark.parametrize("text", ["no equals", "=x"])
def test_a_bad_map_rule_is_refused_with_the_syntax(text):
    with pytest.raises(ProfileError, match="write THEIR HEADER=column"):
        parse_map(text)


def test_a_bad_value_rule_is_refused_with_the_syntax():
    with pytest.raises(ProfileError, match="write column:THEIR WORD=value"):
        parse_value("status=paid")


def test_an_unknown_kind_is_refused():
    with pytest.raises(ProfileError, match="'ledger' is not a sheet kind"):
        from_rules("x", "--kind ledger")


def test_rules_round_trip_through_their_text():
    profile = from_rules("p", "--kind spend\n--map Trans No=document_id\n--map Notes=\n"
                         "--set status=paid\n--value status:Paid Late=paid")
    assert from_rules("p", "\n".join(profile.rules())) == profile


def test_a_rule_line_that_is_not_a_rule_names_its_line():
    with pytest.raises(ProfileError, match="line 2: '--nope' is not a profile rule"):
        from_rules("p", "--kind spend\n--nope x")


# -- the JSON file ------------------------------------------------------------------------------
def test_json_round_trip():
    profile = Profile("Ads", "results", {"Cost": "platform_spend"}, {"channel": "Paid Search"},
                      {"channel": {"Eventi": "Events"}}, ("day", "cost"), "ann", True)
    assert from_json(to_json(profile), owner="ann") == profile


def test_a_file_that_is_not_a_profile_is_refused():
    with pytest.raises(ProfileError, match="not a Spendline import profile"):
        from_json(b'{"name": "x"}')


# -- matching ---------------------------------------------------------------------------------
def test_signature_is_the_normalized_headers_in_order():
    assert signature(["Invoice Date", "", "AMOUNT (EUR)"]) == ("invoice date", "amount")


def test_a_profile_matches_only_the_same_headers():
    saved = Profile("p", signature=("date", "tv s"))
    assert (matching([saved], ["Date", "TV_S"]), matching([saved], ["Date", "TV_S", "x"])) == (
        saved, None)


# -- applied through the intake ------------------------------------------------------------------
def test_a_sheet_wide_by_channel_is_read_as_rows_per_date_and_channel():
    frame = only_frame(with_profile("w.csv", WEEKLY, from_rules("Weekly", WEEKLY_RULES)))
    rows = frame[["date", "channel", "campaign", "platform_spend"]].astype(object)
    assert rows.values.tolist() == [
        [pd.Timestamp("2026-03-02"), "TV", "Media mix", D("100.50")],
        [pd.Timestamp("2026-03-02"), "Search", "Media mix", D("20.00")],
        [pd.Timestamp("2026-03-09"), "Search", "Media mix", D("30.00")]]


def test_rows_read_wide_by_channel_get_their_own_stored_numbers():
    frame = only_frame(with_profile("w.csv", WEEKLY, from_rules("Weekly", WEEKLY_RULES)))
    assert frame["source_row"].tolist() == [1, 2, 3]


def test_a_problem_in_a_channel_column_names_the_excel_row():
    data = csv_bytes([["date", "tv_S", "search_S"], ["2026-03-02", "lots", "20"]])
    intake = with_profile("w.csv", data, from_rules("Weekly", WEEKLY_RULES))
    assert problems(intake) == [(2, "platform_spend", "lots", "not a number")]


PAYMENT_HEADER = ["Trans No", "Supplier", "Net", "Invoice date", "Paid on", "State", "Notes"]
PAYMENTS = csv_bytes([PAYMENT_HEADER,
                      ["T-1", "Acme", "100", "2026-03-01", "2026-03-05", "Paid Late", "x"],
                      ["T-2", "", "50", "2026-03-01", "2026-03-06", "", "y"]])
PAYMENT_RULES = ("--kind spend\n--map Trans No=document_id\n--map Notes=\n"
                 "--set channel=Events\n--set vendor=(not named)\n--set status=paid\n"
                 "--value status:Paid Late=paid")


def test_constants_fill_a_missing_column_and_the_blanks_of_one_the_sheet_has():
    frame = only_frame(with_profile("p.csv", PAYMENTS, from_rules("Pay", PAYMENT_RULES)))
    assert frame[["document_id", "vendor", "channel", "status"]].values.tolist() == [
        ["T-1", "Acme", "Events", "paid"], ["T-2", "(not named)", "Events", "paid"]]


def test_a_value_mapping_is_applied_before_the_status_is_parsed():
    intake = with_profile("p.csv", PAYMENTS, from_rules("Pay", PAYMENT_RULES.replace(
        "--set status=paid\n", "")))
    assert problems(intake) == [(3, "State", None, "is empty but required")]


def test_an_ignored_column_is_not_read():
    data = csv_bytes([[*SPEND_HEADER, "description"],
                      ["D1", "Acme", "Email", "paid", "10", "EUR", "2026-03-01", "2026-03-31",
                       "2026-03-05", "secret"]])
    frame = only_frame(with_profile("s.csv", data, from_rules("p", "--map description=")))
    assert frame["description"].isna().tolist() == [True]


def test_the_report_names_every_rule_applied():
    intake = with_profile("p.csv", PAYMENTS, from_rules("Pay", PAYMENT_RULES))
    assert notes(intake) == [
        "Sheet 'p' read as a spend ledger, as profile 'Pay' says: Trans No → document_id, "
        "Supplier → vendor, Net → amount_net, Invoice date → invoice_date, Paid on → "
        "paid_date, State → status, channel (profile) → channel.",
        "profile 'Pay' applied: Trans No → document_id, Notes ignored, status: Paid Late → "
        "paid (1 row), channel = Events (constant), vendor = (not named) (constant, 1 row "
        "left blank), status = paid (constant, 1 row left blank)"]


def test_a_rule_naming_a_column_the_kind_lacks_is_an_error_and_nothing_is_stored():
    intake = with_profile("p.csv", PAYMENTS, from_rules("Pay", PAYMENT_RULES + "\n--set leads=3"))
    assert (problems(intake), intake.stored_sheets) == (
        [(None, None, None, "profile 'Pay': constant 'leads' is not a column of a spend "
                            "ledger sheet")], [])


def test_a_saved_profile_applies_by_itself_to_a_sheet_with_its_headers():
    saved = from_rules("Pay", PAYMENT_RULES)
    saved = Profile(**{**saved.__dict__, "signature": signature(PAYMENT_HEADER)})
    frame = only_frame(read("p.csv", PAYMENTS, profiles=[saved]))
    assert frame["paid_date"].tolist() == [pd.Timestamp(date(2026, 3, 5)),
                                           pd.Timestamp(date(2026, 3, 6))]


def test_the_unknown_sheet_message_points_to_the_command_line():
    intake = read("n.csv", csv_bytes([["foo", "bar"], ["1", "2"]]))
    assert "--kind KIND or --profile NAME|FILE" in problems(intake)[0][3]
