"""Journey 3: in a meeting. Someone sets channel, account and month filters in the sidebar,
moves to another page (the filters stay, in the widgets and in the URL), sends the link to a
colleague, who opens it in a fresh browser and sees the same view, and the tables' CSV files
are exactly what the command line exports for the same filters."""

from urllib.parse import urlsplit

from spendline import clock
from tests.browser.expected import (
    cli_export,
    default_year_months,
    month_labels,
    overview_tiles,
    shows,
)

CHANNEL, ACCOUNT = "Email", "Northwind Retail"


def test_filters_survive_page_switches_and_links_and_match_the_cli(demo_app, open_app,
                                                                   reference_db):
    today = clock.today()
    months = default_year_months(reference_db, today)
    labels = month_labels(months)
    start, end = months[2], months[5]  # the third to the sixth month of the fiscal year
    view = {"channel": [CHANNEL], "account": [ACCOUNT],
            "months": [labels[2], labels[5]]}

    # -- set the filters on the Overview -------------------------------------------------------
    app = open_app(demo_app, "/")
    before = app.tiles()
    app.choose("Channel", CHANNEL)
    app.choose("Account", ACCOUNT)
    app.set_slider_range("Months", labels[2], labels[5], labels)
    assert app.exceptions() == []
    assert app.query() == view
    tiles = app.tiles()
    assert tiles != before
    expected = overview_tiles(reference_db, today, (start, end), channels=[CHANNEL],
                              accounts=[ACCOUNT])  # the chosen months (issue 16)
    wrong = {label: (tiles[label]["value"], figures["value"])
             for label, figures in expected.items()
             if not shows(tiles[label]["value"], figures["value"])}
    assert not wrong, f"tile: (shown, expected): {wrong}"
    caption = app.filters_caption()
    assert f"channel: {CHANNEL}" in caption and f"account: {ACCOUNT}" in caption

    # -- another page: the filters stay --------------------------------------------------------
    app.go_to_page("ROI")
    assert app.path == "/roi"
    assert app.query() == view
    assert app.chosen("Channel") == [CHANNEL]
    assert app.chosen("Account") == [ACCOUNT]
    assert app.slider_range("Months") == (labels[2], labels[5])
    assert app.filters_caption() == caption
    assert app.exceptions() == []
    by_channel, by_campaign = app.csv_of("roi_channel"), app.csv_of("roi_campaign")

    # -- the link, in a colleague's fresh browser ----------------------------------------------
    link = urlsplit(app.url)
    colleague = open_app(demo_app, f"{link.path}?{link.query}")
    assert colleague.title() == "ROI"
    assert colleague.query() == view
    assert colleague.chosen("Channel") == [CHANNEL]
    assert colleague.chosen("Account") == [ACCOUNT]
    assert colleague.slider_range("Months") == (labels[2], labels[5])
    assert colleague.filters_caption() == caption
    assert colleague.csv_of("roi_channel") == by_channel
    assert colleague.csv_of("roi_campaign") == by_campaign

    # -- the same tables from the command line -------------------------------------------------
    def cli(view_name: str) -> str:
        return cli_export(reference_db, view_name, as_of=today, from_month=start, to_month=end,
                          channel=[CHANNEL], account=[ACCOUNT])

    assert by_channel.decode("utf-8-sig") == cli("roi_by_channel")
    assert by_campaign.decode("utf-8-sig") == cli("roi_by_campaign")
    assert by_channel.decode("utf-8-sig").count("\n") == 2  # the header and Email

    # the colleague moves on to Forecast vs actual: still the same view, the same numbers
    colleague.go_to_page("Forecast vs actual")
    assert colleague.query() == view
    assert colleague.chosen("Channel") == [CHANNEL]
    variance = colleague.csv_of("variance").decode("utf-8-sig")
    assert variance == cli("budget_vs_actual")
    assert [line.split(",")[0] for line in variance.splitlines()[1:]] == [
        f"{m:%Y-%m}" for m in months[2:6]]
    assert colleague.exceptions() == []
