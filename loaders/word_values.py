"""The closed word sets in the cells of a sheet (yes/no, statuses, versions, currencies) and
the labels of totals rows, in the four languages."""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders import vocab
from loaders.number_values import CURRENCIES
from loaders.values import Parsed, Result, fold, is_number, parse_each
from spendline.kinds import STATUSES, VERSIONS


def _lookup(aliases: dict) -> dict[str, object]:
    return {fold(str(word)): key for key, words in aliases.items() for word in (key, *words)}


_BOOLS = _lookup(vocab.BOOL_WORDS)
_STATUSES = _lookup(vocab.STATUS_ALIASES)
_VERSIONS = _lookup(vocab.VERSION_ALIASES)
_TOTALS = {fold(label) for label in vocab.TOTAL_LABELS}
_TOTAL_STARTS = tuple(fold(p) + (" " if p.endswith(" ") else "") for p in vocab.TOTAL_PREFIXES)
_TOTAL_ENDS = tuple(" " + fold(s) for s in vocab.TOTAL_SUFFIXES)


def _word_one(v: object, table: dict, what: str, expected: tuple[str, ...] = ()) -> Result:
    if isinstance(v, str) and (hit := table.get(fold(v))) is not None:
        return hit, None, None
    shown = v.strip() if isinstance(v, str) else str(v)
    hint = f" (expected {', '.join(expected[:-1])} or {expected[-1]})" if expected else ""
    return None, f"unknown {what} '{shown}'{hint}", None


def _bool_one(v: object) -> Result:
    if isinstance(v, (bool, np.bool_)) or (is_number(v) and v in (0, 1)):
        return bool(v), None, None
    return _word_one(v, _BOOLS, "yes/no value", ("yes", "no"))


def parse_bool(raw: pd.Series) -> Parsed:
    """Yes/no cells as True/False: yes/no, sì/no, kyllä/ei, 是/否, 有/无, x, ✓/✗, 1/0, bools."""
    return parse_each(raw, _bool_one)


def parse_status(raw: pd.Series) -> Parsed:
    """Document statuses as one of kinds.STATUSES, from aliases in four languages."""
    return parse_each(raw, lambda v: _word_one(v, _STATUSES, "status", STATUSES))


def parse_version(raw: pd.Series) -> Parsed:
    """Budget versions as "budget" or "forecast" (plan, piano, budjetti, 预算; previsione…)."""
    return parse_each(raw, lambda v: _word_one(v, _VERSIONS, "version", VERSIONS))


def parse_currency(raw: pd.Series) -> Parsed:
    """ISO 4217 codes, upper-cased and checked; symbols and words (€, $, £, ¥, 元, RMB, euro)."""
    return parse_each(raw, lambda v: _word_one(v, CURRENCIES, "currency"))


def is_total_label(value: object) -> bool:
    """True if a cell reads as the label of a totals row (Total, Totale:, Yhteensä, 合计…),
    also with what it adds up after a colon, as Google Ads writes them (Total: Account)."""
    if not isinstance(value, str):
        return False
    text = fold(value).rstrip(":").strip()  # NFKD makes the fullwidth colon ASCII
    return (text in _TOTALS or text.startswith(_TOTAL_STARTS) or text.endswith(_TOTAL_ENDS)
            or text.split(":", 1)[0].strip() in _TOTALS)


def is_currency_code(value: object) -> bool:
    """A cell naming a currency (EUR, €, RMB…): what a totals row may say beside its sums."""
    return isinstance(value, str) and fold(value).strip() in CURRENCIES
