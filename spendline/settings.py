"""The app's settings (SPEC §4): what each may be, checked before the store records a change.

Values are kept as text in the store's `meta` table. Money thresholds are in base currency
with two decimals; the fiscal year's first month is 1–12; the base currency an ISO 4217 code.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from spendline.config import DEFAULT_SETTINGS

SETTING_KEYS = tuple(DEFAULT_SETTINGS)  # base_currency, fiscal_first_month, thresholds
LEVELS = ("manager", "finance", "executive")

LABELS = {
    "base_currency": "base currency",
    "fiscal_first_month": "fiscal year's first month",
    "threshold_finance": "finance approves from",
    "threshold_executive": "an executive approves from",
}

_CURRENCY = re.compile(r"^[A-Z]{3}$")


class SettingsError(ValueError):
    """A settings change that cannot be made; the message is for the user."""


def normalized(key: str, value: object) -> str:
    """The stored text of a setting's value, or SettingsError saying what is wrong."""
    text = str(value).strip()
    if key == "base_currency":
        code = text.upper()
        if not _CURRENCY.match(code):
            raise SettingsError(f"'{text}' is not a currency code like EUR or USD.")
        return code
    if key == "fiscal_first_month":
        if not text.isdigit() or not 1 <= int(text) <= 12:
            raise SettingsError(f"The fiscal year's first month must be 1 to 12, not '{text}'.")
        return str(int(text))
    if key in ("threshold_finance", "threshold_executive"):
        try:
            amount = Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise SettingsError(f"'{text}' is not an amount.") from None
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise SettingsError(f"An approval threshold must be above 0 with at most two "
                                f"decimals, not '{text}'.")
        return str(amount.quantize(Decimal("0.01")))
    raise SettingsError(f"There is no setting '{key}'.")


def changed_values(current: dict[str, str], wanted: dict[str, object]) -> dict[str, str]:
    """The settings that `wanted` really changes, normalized, checked as a whole: the finance
    threshold must stay below the executive one."""
    changes = {}
    for key, value in wanted.items():
        text = normalized(key, value)
        if text != current.get(key):
            changes[key] = text
    after = {**current, **changes}
    if Decimal(after["threshold_finance"]) >= Decimal(after["threshold_executive"]):
        raise SettingsError(
            f"The finance threshold ({after['threshold_finance']}) must be below the executive "
            f"threshold ({after['threshold_executive']}).")
    return changes


def required_level(amount: Decimal, settings: dict[str, str]) -> str:
    """The approval level an amount in base currency needs (SPEC §4; the same rule as the
    approval_flags view): below the finance threshold a manager, below the executive one
    finance, from it an executive; a negative amount (a credit) a manager."""
    if amount < Decimal(settings["threshold_finance"]):
        return "manager"
    if amount < Decimal(settings["threshold_executive"]):
        return "finance"
    return "executive"


def level_covers(given: str | None, required: str) -> bool:
    """Whether an approval at level `given` (any case) is enough for `required`."""
    given = (given or "").strip().casefold()
    return given in LEVELS and LEVELS.index(given) >= LEVELS.index(required)


def describe(key: str, before: str, after: str) -> str:
    """One change as the history shows it: 'fiscal year's first month: 1 → 4'."""
    return f"{LABELS.get(key, key)}: {before} → {after}"
