"""Each user's number format (issue 16): which numbers style (spendline.formats.STYLES) and
where the currency's sign goes, kept per user in the store (table user_preferences).

Outside Streamlit (a report, a scheduled job) the same style applies with
`with formats.using(preferences.style_for(store, email)): ...`.
"""

from __future__ import annotations

from spendline import formats as fmt


class PreferenceError(ValueError):
    """A number format the app does not offer."""


def style_for(store, email: str) -> fmt.Style:
    """The user's stored style; English with the sign before when they never chose one."""
    stored = store.preferences(email)
    if stored is None:
        return fmt.Style()
    return fmt.Style.of(stored["numbers"], stored["currency_position"])


def save_style(store, email: str, numbers: str, currency_position: str) -> fmt.Style:
    """Store a user's choice, refusing words the app does not offer."""
    if numbers not in fmt.STYLES:
        raise PreferenceError(f"Unknown number style {numbers!r}: choose one of "
                              f"{', '.join(fmt.STYLES)}.")
    if currency_position not in fmt.CURRENCY_POSITIONS:
        raise PreferenceError(f"The currency's sign goes before or after the figure, not "
                              f"{currency_position!r}.")
    store.save_preferences(email, numbers, currency_position)
    return fmt.Style.of(numbers, currency_position)


def example(style: fmt.Style) -> str:
    """How a figure reads in a style, for the choice itself: "€1,234.56" or "1.234,56 €"."""
    with fmt.using(style):
        return fmt.money("-1234.56")
