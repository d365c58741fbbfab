"""Uploaded text on screen: shown as text, never as Markdown or HTML (issue 17 §4).

st.markdown, st.caption, st.info/warning/error/success and st.metric's label all read their
text as Markdown: a vendor note `[Update bank details here](http://x)` would become a link,
`![](http://x/img.png)` an image the browser fetches. Every text that can carry an uploaded
value (names, notes, sheet and file names) goes through `plain` before such a call, or is
shown with st.text / in a table."""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")


def plain(text: object) -> str:
    """Text with every Markdown (and Streamlit directive) character escaped: it shows as it
    reads, with no link, image, emoji, icon, colour or formula made of it."""
    return _MARKDOWN.sub(r"\\\1", str(text))


# Plotly draws a subset of HTML in every text it shows (axis ticks, legends, hover, labels):
# `<a href=...>` in a channel or vendor name would be a link. Escaped, it reads as written.
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_TRACE_TEXT = ("x", "y", "labels", "parents", "text", "hovertext", "customdata")


def _escaped(value):
    if isinstance(value, str):
        # Our own line breaks (hover and labels of two lines) stay: a <br> is no link, no
        # image and runs nothing, whoever wrote it.
        return value.translate(_HTML).replace("&lt;br&gt;", "<br>")
    if isinstance(value, (list, tuple, np.ndarray)):
        array = np.asarray(value, dtype=object)
        if not any(isinstance(v, str) for v in array.ravel()):
            return value
        return np.vectorize(_escaped, otypes=[object])(array)
    return value


def figure(fig: go.Figure) -> go.Figure:
    """The chart with the uploaded text of its traces (categories, labels, legend names)
    escaped for Plotly's HTML; what it shows is unchanged."""
    for trace in fig.data:
        for name in (*_TRACE_TEXT, "name"):
            try:
                value = trace[name]
            except (KeyError, ValueError):  # a property this kind of trace does not have
                continue
            if value is not None:
                trace[name] = _escaped(value)
    return fig
