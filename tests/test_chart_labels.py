"""ROI bubble labels never overlap (issue 16): ui/chart_labels.place_labels, by hand."""

import pandas as pd

from ui import roi_charts, spend_charts
from ui.chart_labels import CHAR_PX, Box, _box, place_labels


def test_a_lone_label_goes_above_its_point():
    assert place_labels([(50, 50, 10)], ["Email"], (0, 100), (0, 100)) == ["top center"]


def test_two_points_at_one_place_take_above_and_below():
    # same spot: the second name cannot go above (taken), so it goes below
    assert place_labels([(50, 50, 10), (50, 50, 10)], ["Email", "Search"], (0, 100),
                        (0, 100)) == ["top center", "bottom center"]


def test_a_crowd_leaves_out_the_names_with_no_room():
    points = [(50, 50, 10)] * 6
    places = place_labels(points, ["Alpha", "Beta", "Gamma", "Delta", "Eps", "Zeta"],
                          (0, 100), (0, 100))
    assert places[:4] == ["top center", "bottom center", "middle right", "middle left"]
    assert places[4:] == [None, None]
    assert place_labels([(1, 1, 6)], [""], (0, 10), (0, 10)) == [None]


def test_placed_boxes_never_overlap():
    import random

    rng = random.Random(7)
    points = [(rng.uniform(0, 100), rng.uniform(0, 100), rng.uniform(6, 30)) for _ in range(15)]
    labels = [f"Campaign {i}" for i in range(15)]
    places = place_labels(points, labels, (0, 100), (0, 100))
    sx, sy = 560 / 100, 320 / 100
    boxes = [_box(p, x * sx, y * sy, d / 2, len(t) * CHAR_PX)
             for (x, y, d), t, p in zip(points, labels, places, strict=True) if p]
    assert boxes and all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert Box(0, 0, 10, 10).overlaps(Box(5, 5, 15, 15))
    assert not Box(0, 0, 10, 10).overlaps(Box(10, 0, 20, 10))


def test_roi_bubbles_of_about_the_same_spend_do_not_write_over_each_other():
    roi = pd.DataFrame({"channel": ["Email", "PR", "Content"], "actual": [100.0, 101.0, 102.0],
                        "revenue": [300.0, 301.0, 302.0], "customers": [4, 4, 4],
                        "roas": [3.0, 3.0, 3.0], "roi": [2.0, 2.0, 2.0]})
    fig = roi_charts.roi_bubble(roi)
    shown = {t.name: (t.text[0], t.textposition[0]) for t in fig.data if t.text}
    positions = [p for text, p in shown.values() if text]
    assert len(positions) == len(set(positions))  # three names, three different places


def test_treemap_hides_labels_that_do_not_fit():
    shares = pd.DataFrame({"channel": ["Email", "Email"], "platform": ["HubSpot", "Mailchimp"],
                           "category": ["Media", "Media"], "actual": [1000.0, 1.0]})
    fig = spend_charts.spend_treemap(shares)
    assert fig.layout.uniformtext.mode == "hide" and fig.layout.uniformtext.minsize == 10
