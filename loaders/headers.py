"""Header aliases in English, Italian, Finnish and Chinese, and sheet kind detection (SPEC §1-2).

A header matches a canonical column of a kind when its normalized form (see
`normalize_header`), or that form without accents, is one of the column's aliases. Matching
is exact: "asiakkaat" (customers) must never be taken for "asiakas" (the client), so there is
no prefix or fuzzy matching. An import profile's header rules (`extra`) win over the table.
"""

from __future__ import annotations

import math
import re
import unicodedata

from loaders import date_values, header_aliases, vocab
from spendline.kinds import KINDS

__all__ = [
    "ALIASES",
    "detect_kind",
    "header_currency",
    "header_row_score",
    "is_month_header",
    "kind_scores",
    "label",
    "map_headers",
    "match_header",
    "normalize_header",
]

# -- the alias table (loaders/header_aliases.py) --------------------------------------------
def _aliases(kind: str, column: str) -> tuple[str, ...]:
    found = (column, column.replace("_", " "), *header_aliases.SHARED.get(column, ()),
             *header_aliases.BY_KIND[kind].get(column, ()))
    return tuple(dict.fromkeys(found))


ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    kind.name: {column: _aliases(kind.name, column) for column in kind.names}
    for kind in KINDS.values()
}

_LABELS = {
    "document_id": "Document ID",
    "amount_net": "Amount (net)",
    "vat_amount": "VAT amount",
    "vat_rate": "VAT rate",
    "po_number": "PO number",
    "email": "Email",
    "rate": "FX rate",
    "variance_pct": "Variance %",
    "cpl": "CPL",
    "cac": "CAC",
    "roas": "ROAS",
    "roi": "ROI",
    "amount_base": "Amount (base currency)",
}


def label(canonical: str) -> str:
    """The English display label of a canonical column ("amount_net" -> "Amount (net)")."""
    return _LABELS.get(canonical) or canonical.replace("_", " ").capitalize()


# -- normalization -----------------------------------------------------------------------------
# "#" and "%" are kept as words: "Invoice #" is a number, "Invoice" a yes/no column, and
# "ALV %" a rate where "ALV" is an amount.
_SEPARATORS = re.compile(
    r"[\s_\-/\\.,:;()\[\]{}*!?\"'`|+=<>~^°§&@·•"
    "\u2010\u2011\u2013\u2014"  # hyphens and dashes
    "\u00b4\u2018\u2019\u201c\u201d"  # typographic quotes
    "\u3001\u3002\u3010\u3011\u300a\u300b\u3008\u3009\u300c\u300d\u300e\u300f"
    "\u3014\u3015"  # CJK punctuation and brackets that NFKC leaves alone
    "]+"
)
_SIGNS = re.compile(r"([#%])")
# A trailing currency standing apart as a unit: "Amount (EUR)", "Importo €", "金额(元)".
# "k€" and "万元" change the magnitude, so they stay.
_CURRENCY_UNIT = re.compile(
    r"(?:\s+in)?\s+(?:€|\$|£|¥|元|euro|euros|eur|usd|gbp|chf|sek|nok|dkk|cny|rmb|hkd|twd|ntd"
    r"|jpy|人民币|人民幣)$"
)
# A currency code in brackets at the end is a unit too: "Amount (PLN)", "Spend [USD]";
# written in capitals, so that "Spend (all)" keeps its word.
_BRACKETED_CODE = re.compile(r"\s*[(\[]\s*([A-Za-z]{3})\s*[)\]]\s*$")
_UNIT_CODES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "CNY", "元": "CNY", "euro": "EUR",
               "euros": "EUR", "rmb": "CNY", "ntd": "TWD", "人民币": "CNY", "人民幣": "CNY"}
# Words joined by case ("InvoiceDate", "VendorID", "VATAmount") split where a lower-case
# letter meets a capital, and where an acronym meets a capitalised word.
_CAMEL = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])|(?<=[A-ZÀ-ÖØ-Þ])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
_CJK = "\u2e80-\u9fff\uf900-\ufaff"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


# Characters that make two headers look alike but differ: zero-width marks (pasted from web
# pages and PDFs) are dropped, Cyrillic and Greek letters that look Latin become Latin, so
# "Vеndor" with a Cyrillic е is still the vendor column. Only Latin-looking headers are
# affected: a header that is Cyrillic or Greek text keeps mostly non-Latin letters anyway.
_INVISIBLE_AND_LOOKALIKES = str.maketrans({
    **dict.fromkeys(["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff",
                     "\u00ad"]),
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "ο": "o", "α": "a", "ν": "v", "Ο": "O", "Α": "A", "Β": "B",
    "Ε": "E", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ρ": "P", "Τ": "T", "Χ": "X",
})


def normalize_header(value: object) -> str:
    """A header as it is looked up: NFKC, casefolded, punctuation to spaces, one space between
    words, a trailing currency unit dropped, no spaces between Chinese characters. Accents
    are kept ("päivämäärä"); lookups also try the form without them."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_INVISIBLE_AND_LOOKALIKES)
    text = _bracketed_code(_CAMEL.sub(" ", text))[0].casefold()
    text = _SIGNS.sub(r" \1 ", text)
    text = " ".join(_SEPARATORS.sub(" ", text).split())
    text = _CURRENCY_UNIT.sub("", text)
    return _CJK_GAP.sub("", text)


def _bracketed_code(text: str) -> tuple[str, str | None]:
    """(text without a trailing bracketed ISO currency code, the code)."""
    if ((m := _BRACKETED_CODE.search(text)) and m[1].upper() in vocab.ISO_CURRENCIES
            and (m[1].isupper() or _CURRENCY_UNIT.fullmatch(" " + m[1].casefold()))):
        return text[:m.start()], m[1].upper()
    return text, None


def header_currency(value: object) -> str | None:
    """The currency a header names as its unit ("Amount (EUR)" → EUR, "Importo €" → EUR,
    "Spend [USD]" → USD, "金额(元)" → CNY), or None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text, code = _bracketed_code(unicodedata.normalize("NFKC", str(value)).strip())
    if code:
        return code
    words = " ".join(_SEPARATORS.sub(" ", text.casefold()).split())
    if not (m := _CURRENCY_UNIT.search(words)) or m.start() == 0:
        return None  # a header that is only a currency is not a unit
    unit = m[0].split()[-1]
    return _UNIT_CODES.get(unit) or (unit.upper() if unit.upper() in vocab.ISO_CURRENCIES
                                     else None)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _build_index(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    exact = {normalize_header(a): column for column, aliases in columns.items() for a in aliases}
    plain = {_strip_accents(key): column for key, column in exact.items()}
    return {**plain, **exact}  # a form typed with accents wins over an accent-stripped one


_INDEX: dict[str, dict[str, str]] = {kind: _build_index(cols) for kind, cols in ALIASES.items()}
_ANY_KIND = frozenset(key for index in _INDEX.values() for key in index)


# -- matching ----------------------------------------------------------------------------------
def match_header(header: object, kind: str, extra: dict[str, str] | None = None) -> str | None:
    """The canonical column of `kind` that `header` names, or None.

    `extra` maps user headers to canonical names (an import profile's); its keys are
    normalized here, it wins over the alias table, and a key mapped to "" or None keeps the
    header unmapped."""
    key = normalize_header(header)
    if not key:
        return None
    plain = _strip_accents(key)
    if extra:
        user = {normalize_header(k): v for k, v in extra.items()}
        for form in (key, plain):
            if form in user:
                canonical = user[form]
                if not canonical:
                    return None
                if canonical in KINDS[kind].names:
                    return canonical
    index = _INDEX[kind]
    return index.get(key) or index.get(plain)


def map_headers(headers: list, kind: str, extra: dict[str, str] | None = None) -> dict[int, str]:
    """Header position -> canonical column for the headers that match. When two headers name
    the same column the first keeps it and the later one stays unmapped."""
    mapping: dict[int, str] = {}
    for position, header in enumerate(headers):
        canonical = match_header(header, kind, extra)
        if canonical and canonical not in mapping.values():
            mapping[position] = canonical
    return mapping


def header_row_score(cells: list) -> int:
    """How many cells name a column of any kind (to find the header row under a title).
    Month headers are not counted here."""
    keys = [normalize_header(cell) for cell in cells]
    return sum(1 for key in keys if key and (key in _ANY_KIND or _strip_accents(key) in _ANY_KIND))


# -- wide budget months ------------------------------------------------------------------------
def is_month_header(value: object) -> bool:
    """Whether a header names a month, as the columns of a wide budget do (the one reading
    of month headers: loaders.date_values.month_header)."""
    return bool(normalize_header(value)) and date_values.month_header(value) is not None


# -- kind detection ----------------------------------------------------------------------------
WIDE_BUDGET_MIN_MONTHS = 3


def kind_scores(headers: list) -> dict[str, float]:
    """Kind -> score. A kind that does not qualify (a required column missing) scores 0.0;
    one that does scores its matched columns minus a fraction (< 1) for the headers left
    unmatched, so more matched columns win and fewer unmatched headers break ties.

    A budget also qualifies in the wide form: `channel` matched and at least three month
    headers, which then stand for `period` and `amount`."""
    present = [i for i, header in enumerate(headers) if normalize_header(header)]
    scores: dict[str, float] = {}
    for name, kind in KINDS.items():
        mapping = map_headers(headers, name)
        matched = set(mapping.values())
        unmatched = [i for i in present if i not in mapping]
        qualifies = set(kind.required) <= matched
        if name == "budget" and not qualifies and "channel" in matched:
            months = [i for i in unmatched if is_month_header(headers[i])]
            if len(months) >= WIDE_BUDGET_MIN_MONTHS:
                qualifies = True
                matched |= {"period", "amount"}
                unmatched = [i for i in unmatched if i not in months]
        scores[name] = len(matched) - len(unmatched) / (len(headers) + 1) if qualifies else 0.0
    return scores


def detect_kind(headers: list) -> str | None:
    """The kind a sheet with these headers holds (see kind_scores), or None when no kind
    has all its required columns."""
    scores = kind_scores(headers)
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] > 0 else None
