"""Which text encoding a CSV file is in (SPEC §1: UTF-8 with or without a byte-order mark,
Windows-1252 or GBK; issue 17 §3).

UTF-8 is tried first: it is strict, so text that decodes as UTF-8 is UTF-8. Otherwise the
candidates are Windows-1252 and GBK (read as GB18030, its superset), and the rule is that the
text must decode cleanly and round-trip (encoded again, it gives the very same bytes).
Windows-1252 bytes often pass that for GBK too (`Müller` reads as `M黮ler`), so between two
that pass charset-normalizer chooses, limited to these two: left to pick from every code page
it answers cp1250 for a Finnish `Åbo` (read as `Ĺbo`), cp1006 for a lone `Müller`.
"""

from __future__ import annotations

import hashlib

import charset_normalizer

from loaders.limits import FileRefused

UTF8_BOM = b"\xef\xbb\xbf"
# The encodings read, by the names Python and charset-normalizer give them, and as the
# report names them.
CANDIDATES = {"cp1252": "Windows-1252", "gb18030": "GBK"}


def decode(data: bytes) -> str:
    """The text of a CSV file; FileRefused when it is in none of the encodings read."""
    return data.decode(encoding_of(data))


def label(data: bytes) -> str:
    """The encoding as the report names it: 'UTF-8', 'Windows-1252' or 'GBK'."""
    name = encoding_of(data)
    return CANDIDATES.get(name, "UTF-8")


# The reader and the report both ask: found once per file, by its digest (not its bytes,
# which a cache would keep in memory).
_FOUND: dict[str, str] = {}


def encoding_of(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _FOUND:
        if len(_FOUND) > 64:
            _FOUND.clear()
        _FOUND[digest] = _detect(data)
    return _FOUND[digest]


def _detect(data: bytes) -> str:
    if data.startswith(UTF8_BOM):
        return _utf8(data, "utf-8-sig")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    clean = [name for name in CANDIDATES if _round_trips(data, name)]
    if len(clean) == 1:
        return clean[0]
    if clean:
        best = charset_normalizer.from_bytes(data, cp_isolation=clean).best()
        if best is not None and best.encoding in clean:
            return best.encoding
    raise FileRefused("The file is not text in UTF-8, Windows-1252 or GBK (or mixes them): "
                      "save it from Excel as 'CSV UTF-8' and upload it again.")


def _utf8(data: bytes, name: str) -> str:
    try:
        data.decode(name)
    except UnicodeDecodeError as exc:
        raise FileRefused(f"The file starts as UTF-8 but byte {exc.start + 1:,} is not UTF-8: "
                          "save it from Excel as 'CSV UTF-8' and upload it again.") from exc
    return name


def _round_trips(data: bytes, name: str) -> bool:
    try:
        return data.decode(name).encode(name) == data
    except (UnicodeDecodeError, UnicodeEncodeError):
        return False
