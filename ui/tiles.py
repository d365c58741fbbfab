"""KPI tiles whose change arrow and colour follow the sign of the change itself.

Streamlit reads a delta's direction from a leading ASCII '-', so a change written with
spendline.formats's U+2212 minus would show a fall as a rise; these tiles pass the direction and
colour explicitly."""

from __future__ import annotations

from spendline import formats as fmt


def trend_tile(column, label: str, value_text: str, change, change_text: str, *,
               inverse: bool = False, help: str | None = None) -> None:
    """A tile with `value_text` and, when `change` is known, `change_text` with an arrow up
    for a rise and down for a fall, green when good (a rise, or a fall with `inverse`)."""
    exact = fmt.to_decimal(change)
    if exact is None:
        column.metric(label, value_text, help=help, border=True)
        return
    arrow = "off" if exact == 0 else ("up" if exact > 0 else "down")
    good = (exact > 0) != inverse
    color = "gray" if exact == 0 else ("green" if good else "red")
    column.metric(label, value_text, change_text, delta_color=color, delta_arrow=arrow,
                  help=help, border=True)
