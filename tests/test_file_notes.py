"""What a file holds beyond its cells (loaders/file_notes.py) is found in the parse worker, a
megabyte of sheet XML at a time, and said on the sheets it concerns."""

from pathlib import Path

from loaders import file_notes
from loaders.intake import UploadedFile, read_upload

FILES = Path(__file__).parent / "hostile" / "files"


def test_formulas_are_found_whatever_the_reading_window(monkeypatch):
    data = (FILES / "formulas_saved_as_zero.xlsx").read_bytes()
    whole = file_notes.scan("f.xlsx", data)
    assert whole.unsaved  # the corpus file has formulas saved as 0
    for size in (64, 97, 1000):  # windows that cut cells (and the XML) anywhere
        monkeypatch.setattr(file_notes, "_CHUNK", size)
        assert file_notes.scan("f.xlsx", data) == whole


def test_the_scan_happens_in_the_worker_not_in_the_server(monkeypatch):
    def not_here(*args, **kwargs):
        raise AssertionError("scanned in the server's process")

    monkeypatch.setattr(file_notes, "scan", not_here)
    data = (FILES / "hidden_sheets.xlsx").read_bytes()
    intake = read_upload([UploadedFile("hidden_sheets.xlsx", data)])
    notes = " ".join(intake.problem_table()["problem"])
    assert "hidden in the workbook: skipped" in notes


def test_the_fast_reader_finds_the_same_formulas_on_its_way(monkeypatch):
    """fastread feeds each sheet's XML to the formula scan as it unpacks it: the same counts
    and first cells as the scan's own unzipping, whatever the chunk size."""
    from loaders import fastread, worker
    from loaders.layout import find_header

    data = (FILES / "formulas_saved_as_zero.xlsx").read_bytes()
    expected = file_notes.unsaved_formulas("f.xlsx", data)
    assert expected
    for size in (64, 97, 1 << 20):
        monkeypatch.setattr(fastread, "_UNPACK", size)
        found = fastread.read(data, find_header, 30, fastread.Limits(1 << 30, 10**6, 10**8))
        assert found is not None and found[1] == expected
        assert worker.parse_here("f.xlsx", data, find_header, 30)[1].unsaved == expected
