"""No two channels in near-identical colours (issue 16): one channel → colour map, the
standard eight fixed, the store's other channels a distinct colour each."""

import itertools
import math

from ui import charts


def lab(colour: str) -> tuple[float, float, float]:
    """sRGB hex → CIELAB (D65)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_lab_by_hand():
    assert [round(v, 1) for v in lab("#FFFFFF")] == [100.0, 0.0, 0.0]
    assert [round(v, 1) for v in lab("#000000")] == [0.0, 0.0, 0.0]


def test_every_two_channel_colours_are_clearly_apart():
    colours = [*charts.CHANNEL_COLORS.values(), *charts.OTHER_CHANNEL_COLORS,
               charts.UNALLOCATED_COLOR]
    assert len(set(colours)) == len(colours)
    closest = min(math.dist(lab(a), lab(b)) for a, b in itertools.combinations(colours, 2))
    assert closest >= 20  # CIE76: 20 and more reads as a different colour at a glance
    # the eight channels most stores have, further apart still (PR's wine and Tol's purple,
    # 25.5 apart, looked alike side by side in the ROI bubbles)
    standard = list(charts.CHANNEL_COLORS.values())
    assert min(math.dist(lab(a), lab(b))
               for a, b in itertools.combinations(standard, 2)) >= 28


def test_the_stores_other_channels_each_get_their_own_colour():
    names = ["Email", "Podcasts", "Radio", "eventi", "TV", "Unallocated"]
    palette = charts.channel_palette(names)
    assert palette["email"] == charts.CHANNEL_COLORS["Email"]
    # alphabetical: eventi, podcasts, radio, tv take the extra colours in turn
    assert [palette[n] for n in ("eventi", "podcasts", "radio", "tv")] == list(
        charts.OTHER_CHANNEL_COLORS[:4])
    try:
        charts.use_channels(names)
        assert charts.channel_color("Radio") == charts.OTHER_CHANNEL_COLORS[2]
        assert charts.channel_color("radio ") == charts.OTHER_CHANNEL_COLORS[2]
        assert charts.channel_color("Unallocated") == charts.UNALLOCATED_COLOR
    finally:
        charts.use_channels([])
