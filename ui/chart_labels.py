"""Where a scatter's point labels go so that no two overlap (the ROI bubbles, issue 16).

Plotly places a text beside its point wherever it is told, over any other text. Here each
label, the largest points first, takes the first of four places around its point (above,
below, right, left) whose box, worked out in pixels on the chart's axes, overlaps no label
placed before it and no other point; a label with no free place is left out (its point
still names itself on hover)."""

from __future__ import annotations

from dataclasses import dataclass

CHAR_PX = 7.2  # a character of the 13 px chart font, on average
LINE_PX = 16
GAP_PX = 3
PLACES = ("top center", "bottom center", "middle right", "middle left")


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    def overlaps(self, other: Box) -> bool:
        return not (self.right <= other.left or other.right <= self.left
                    or self.top <= other.bottom or other.top <= self.bottom)


def _box(place: str, x: float, y: float, radius: float, width: float) -> Box:
    if place == "top center":
        return Box(x - width / 2, y + radius + GAP_PX, x + width / 2,
                   y + radius + GAP_PX + LINE_PX)
    if place == "bottom center":
        return Box(x - width / 2, y - radius - GAP_PX - LINE_PX, x + width / 2,
                   y - radius - GAP_PX)
    if place == "middle right":
        return Box(x + radius + GAP_PX, y - LINE_PX / 2, x + radius + GAP_PX + width,
                   y + LINE_PX / 2)
    return Box(x - radius - GAP_PX - width, y - LINE_PX / 2, x - radius - GAP_PX,
               y + LINE_PX / 2)


def place_labels(points: list[tuple[float, float, float]], labels: list[str],
                 x_range: tuple[float, float], y_range: tuple[float, float],
                 size_px: tuple[float, float] = (560, 320)) -> list[str | None]:
    """For each point (x, y, diameter in px) and its label: a Plotly textposition, or None
    when the label would overlap another label or point wherever it went. An empty label
    takes no place. Points are placed in the order given (put the most important first)."""
    width, height = size_px
    (x0, x1), (y0, y1) = x_range, y_range
    sx = width / ((x1 - x0) or 1)
    sy = height / ((y1 - y0) or 1)
    pixels = [((x - x0) * sx, (y - y0) * sy, d / 2) for x, y, d in points]
    taken = [Box(px - r, py - r, px + r, py + r) for px, py, r in pixels]
    out: list[str | None] = []
    for i, ((px, py, r), label) in enumerate(zip(pixels, labels, strict=True)):
        if not label:
            out.append(None)
            continue
        own = taken[i]
        for place in PLACES:
            box = _box(place, px, py, r, len(label) * CHAR_PX)
            inside = box.left >= -40 and box.right <= width + 40 and box.bottom >= -20 \
                and box.top <= height + 20  # a little past the axes: cliponaxis is off
            if inside and not any(box.overlaps(t) for t in taken if t is not own):
                taken.append(box)
                out.append(place)
                break
        else:
            out.append(None)
    return out
