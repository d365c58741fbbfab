"""Uploaded text is shown as text, never as Markdown or HTML (issue 17 §4): a vendor note's
link or image, a name with Markdown or HTML in it, reads as written wherever it appears; and
every file a user can download is built by a builder that escapes formulas."""

import ast
import re
from pathlib import Path

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from loaders.intake import UploadedFile
from spendline.config import ROOT
from spendline.store import Store
from spendline.uploads import import_files
from tests.helpers import xlsx
from ui import safe_text, widgets
from ui.safe_text import plain

NOTE = "[Update bank details here](http://x) ![](http://x/img.png) <img src=http://x/i.png>"
VENDOR = "Evil [Co](http://x) <b>Ltd</b>"
# Markdown that would make a link or an image: "](" not preceded by a backslash.
LIVE_MARKDOWN = re.compile(r"(?<!\\)\]\(")
LIVE_HTML = re.compile(r"(?<!\\)<[a-zA-Z/]")


def upload_hostile_vendor(db) -> None:
    sheets = {
        "Vendors": [["vendor", "category", "status", "notes", "website"],
                    [VENDOR, "agency", "blocked", NOTE, "http://x/<script>"]],
        "Ledger": [["document_id", "vendor", "channel", "status", "amount_net",
                    "invoice_date"],
                   ["EV-1", VENDOR, "Email", "invoiced", "10.00", "2026-03-02"]]}
    _, ids = import_files(Store(db), [UploadedFile("evil.xlsx", xlsx(sheets))])
    assert ids


def shown_texts(at: AppTest) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success")
            for e in getattr(at, kind)]


def test_a_vendor_note_with_a_link_and_an_image_is_shown_as_text(demo_db):
    upload_hostile_vendor(demo_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["fy"] = "2026"
    at.run()
    at.switch_page("pages/vendors.py").run()
    at.selectbox(key="vendor_page").set_value(VENDOR).run()
    assert not at.exception
    texts = shown_texts(at)
    # the card: every uploaded value escaped, so Streamlit draws no link and fetches no image
    card = next(t for t in texts if t.startswith("**agency**"))
    assert card.endswith(f"Notes: {plain(NOTE)}")
    assert plain("http://x/<script>") in card
    # the blocked-vendor alert names it as text
    assert "Blocked vendors with documents under these filters: " \
        f"{plain(VENDOR + ' (1 documents)')}." in [e.value for e in at.error]
    assert not [t for t in texts if LIVE_MARKDOWN.search(t) or LIVE_HTML.search(t)]


def test_plain_escapes_every_markdown_and_directive_character():
    assert plain("[a](http://x) ![](y) **b** `c` :red[d] :material/home: $x$ <i>") == (
        r"\[a\]\(http\://x\) \!\[\]\(y\) \*\*b\*\* \`c\` \:red\[d\] \:material/home\: "
        r"\$x\$ \<i\>")


def test_chart_labels_are_escaped_for_plotly():
    fig = go.Figure(go.Bar(x=[VENDOR, "Plain"], y=[1, 2], name="<a href='http://x'>n</a>",
                           customdata=[[VENDOR], ["Plain"]]))
    safe = safe_text.figure(fig)
    assert list(safe.data[0].x) == ["Evil [Co](http://x) &lt;b&gt;Ltd&lt;/b&gt;", "Plain"]
    assert safe.data[0].name == "&lt;a href='http://x'&gt;n&lt;/a&gt;"
    assert safe.data[0].customdata[0][0] == "Evil [Co](http://x) &lt;b&gt;Ltd&lt;/b&gt;"
    assert list(safe.data[0].y) == [1, 2]


def test_chart_line_breaks_stay_line_breaks():
    fig = go.Figure(go.Bar(x=["A"], y=[1], text=["€281.4K<br>431 invoices"],
                           hovertext=["<b>Acme</b><br>Over budget: €5"]))
    safe = safe_text.figure(fig)
    assert list(safe.data[0].text) == ["€281.4K<br>431 invoices"]
    assert list(safe.data[0].hovertext) == ["&lt;b&gt;Acme&lt;/b&gt;<br>Over budget: €5"]


# The builders that escape formulas (ui/downloads.py, ui/exports.py, the accruals journal:
# tests/test_accruals_views.py reads it back) and the files that are not tables of uploaded
# text: the templates, the user's own workbook marked, a profile's JSON.
# The monthly packs (made.html, and the PDF printed from it): Jinja2 escapes their text and
# their charts go through safe_text.figure (tests/test_reports.py reads a hostile name back).
SAFE_BUILDERS = ("csv_bytes", "view_csv_bytes", "export_workbook", "template_workbook",
                 "highlighted", "to_json", "profile_file", "journal_workbook", "made.html",
                 "stored_pdf")


def test_every_download_button_is_fed_by_an_escaping_builder():
    calls = []
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "app.py"]:
        source = Path(path).read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == \
                    "download_button":
                data = next((k.value for k in node.keywords if k.arg == "data"),
                            node.args[1] if len(node.args) > 1 else None)
                calls.append((path.name, ast.get_source_segment(source, data)))
    assert len(calls) >= 10
    unsafe = [(name, text) for name, text in calls
              if not any(builder in (text or "") for builder in SAFE_BUILDERS)]
    assert unsafe == []


def test_the_chart_helper_escapes_every_chart():
    assert "safe_text.figure(fig)" in Path(widgets.__file__).read_text()
