"""Numbers as the reader writes them: 1,234.56, 1.234,56 or 1 234,56, the currency's sign
before or after, and a real minus sign (U+2212).

The reader's style (NumberStyle) is set once per page run or report with `use(style)` or
`using(style)`; every function here writes in it (English, €1,234.56, when none was set).

Money arrives from the views as `Decimal` (None for an empty ratio); every function here rounds
the exact value half-up, so a figure on screen agrees with the CSV download to the cent.
Floats and ints are accepted too (through their shortest repr). Missing values (None, NaN,
pd.NA) show as an em dash.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

MISSING = "—"
MINUS = "\u2212"
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CNY": "¥"}



@dataclass(frozen=True)
class NumberStyle:
    """How one reader writes numbers. `key` is what a user's preference stores."""

    key: str
    label: str
    thousands: str
    decimal: str

    @property
    def csv_delimiter(self) -> str:
        """Excel in a comma-decimal locale splits CSV columns on semicolons."""
        return ";" if self.decimal == "," else ","


# The styles a user may choose (issue 16): English, Italian/German, Finnish/French.
# U+00A0 (no-break space) groups thousands in "1 234,56", so a figure never wraps.
STYLES = {style.key: style for style in (
    NumberStyle("en", "1,234.56", ",", "."),
    NumberStyle("it", "1.234,56", ".", ","),
    NumberStyle("fi", "1\u00a0234,56", "\u00a0", ","),
)}
DEFAULT_STYLE = STYLES["en"]
CURRENCY_POSITIONS = ("before", "after")


@dataclass(frozen=True)
class Style:
    """A reader's numbers and where the currency's sign goes (€1,234.56 or 1.234,56 €)."""

    numbers: NumberStyle = DEFAULT_STYLE
    currency_after: bool = False

    @classmethod
    def of(cls, numbers: str = "en", currency: str = "before") -> Style:
        """From stored preference words; unknown words fall back to English, sign before."""
        return cls(STYLES.get(numbers, DEFAULT_STYLE), currency == "after")


_current: contextvars.ContextVar[Style] = contextvars.ContextVar("number_style",
                                                                 default=Style())


def current() -> Style:
    return _current.get()


def use(style: Style) -> None:
    """Set the style for the rest of this page run (Streamlit runs each page in one context)."""
    _current.set(style)


@contextlib.contextmanager
def using(style: Style):
    """The style for a block (a report, a test), restored after it."""
    token = _current.set(style)
    try:
        yield style
    finally:
        _current.reset(token)


def grouped(value: Decimal, decimals: int) -> str:
    """A non-negative rounded value with the reader's thousands and decimal marks."""
    text = f"{value:,.{decimals}f}"
    numbers = current().numbers
    if numbers is DEFAULT_STYLE:
        return text
    return text.translate({ord(","): numbers.thousands, ord("."): numbers.decimal})


def _with_currency(sign: str, text: str, currency: str) -> str:
    prefix = symbol(currency)
    if current().currency_after and prefix:
        return f"{sign}{text}\u00a0{prefix.strip()}"
    return f"{sign}{prefix}{text}"


# Compact units for KPI tiles, largest first: (size, suffix, decimals).
_COMPACT_UNITS = ((Decimal(10) ** 9, "B", 2), (Decimal(10) ** 6, "M", 2), (Decimal(1000), "K", 1))


def to_decimal(value) -> Decimal | None:
    """The exact value of a Decimal, int, float or numeric text; None when missing or not finite."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float) or (hasattr(value, "dtype") and value.dtype.kind == "f"):
        value = float(value)
        # repr gives the shortest text that round-trips: 0.1 stays 0.1, not 0.1000000000000000055.
        return Decimal(repr(value)) if math.isfinite(value) else None
    if hasattr(value, "dtype") and value.dtype.kind in "iu":
        return Decimal(int(value))
    result = Decimal(value) if isinstance(value, int) else Decimal(str(value).strip())
    return result if result.is_finite() else None


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _sign(value: Decimal, signed: bool) -> str:
    """Sign of an already rounded value: none for zero, so -0.001 shows as 0.00."""
    if value < 0:
        return MINUS
    return "+" if signed and value > 0 else ""


def symbol(currency: str = "EUR") -> str:
    """The prefix for a currency: "€" for EUR, else the code and a space ("CHF ")."""
    code = (currency or "").strip().upper()
    return CURRENCY_SYMBOLS.get(code, f"{code} " if code else "")


def money(value, currency: str = "EUR", decimals: int = 2, *, signed: bool = False) -> str:
    """€1,234.56; −€1,234.56 (U+2212 minus before the symbol); signed=True gives +€1,234.56."""
    exact = to_decimal(value)
    if exact is None:
        return MISSING
    rounded = _round(exact, decimals)
    return _with_currency(_sign(rounded, signed), grouped(abs(rounded), decimals), currency)


def compact_money(value, currency: str = "EUR", *, signed: bool = False) -> str:
    """For KPI tiles: €999, €456.8K, €1.23M, €4.56B (rounded half-up, 999.96K becomes €1.00M)."""
    exact = to_decimal(value)
    if exact is None:
        return MISSING
    size = abs(exact)
    text = grouped(_round(size, 0), 0)
    if _round(size, 0) >= 1000:
        for unit, suffix, decimals in reversed(_COMPACT_UNITS):
            scaled = _round(size / unit, decimals)
            text = f"{grouped(scaled, decimals)}{suffix}"
            if scaled < 1000:
                break
    sign = "" if text == "0" else _sign(exact, signed)
    return _with_currency(sign, text, currency)


def _written(value, decimals: int, *, scale: int = 1, signed: bool = False,
             suffix: str = "") -> str:
    """The exact value times `scale`, rounded half-up once, in the reader's style."""
    exact = to_decimal(value)
    if exact is None:
        return MISSING
    rounded = _round(exact * scale, decimals)
    return f"{_sign(rounded, signed)}{grouped(abs(rounded), decimals)}{suffix}"


def pct(value, decimals: int = 1, *, signed: bool = False) -> str:
    """A fraction as a percentage: Decimal("-0.1805") -> "−18.1%"."""
    return _written(value, decimals, scale=100, signed=signed, suffix="%")


def times(value, decimals: int = 2) -> str:
    """A multiple such as ROAS: Decimal("3.2468") -> "3.25×"."""
    return _written(value, decimals, suffix="×")


def integer(value) -> str:
    """A count: 12345 -> "12,345" (a Decimal count is rounded half-up)."""
    return _written(value, 0)


def to_float(series: pd.Series) -> pd.Series:
    """A Decimal/None column as float64 with NaN, for plotting only (never for text on screen)."""
    values = [to_decimal(v) for v in series]
    return pd.Series([math.nan if v is None else float(v) for v in values],
                     index=series.index, name=series.name, dtype="float64")


def points(value, decimals: int = 1, *, signed: bool = True) -> str:
    """A change of a percentage, in percentage points: Decimal("0.0241") -> "+2.4 pp"."""
    return _written(value, decimals, scale=100, signed=signed, suffix="\u00a0pp")


def number(value, decimals: int | None = None, *, signed: bool = False) -> str:
    """A plain figure (a rate, a factor): `decimals` places, or as many as it has (at most
    six, trailing zeros dropped): Decimal("1.083200") -> "1.0832"."""
    exact = to_decimal(value)
    if exact is None:
        return MISSING
    if decimals is None:
        exact = _round(exact, 6).normalize()
        decimals = max(0, -exact.as_tuple().exponent)
    rounded = _round(exact, decimals)
    return f"{_sign(rounded, signed)}{grouped(abs(rounded), decimals)}"


def count(value, noun: str, plural: str | None = None) -> str:
    """A count with its noun, singular for one: "1 overdue invoice", "1,234 overdue invoices"."""
    exact = to_decimal(value)
    if exact is None:
        return f"{MISSING} {plural or noun + 's'}"
    return f"{integer(exact)} {noun if abs(exact) == 1 else plural or noun + 's'}"
