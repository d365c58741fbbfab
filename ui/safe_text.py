"""Uploaded text on screen: shown as text, never as Markdown or HTML (issue 17 §4).

st.markdown, st.caption, st.info/warning/error/success and st.metric's label all read their
text as Markdown: a vendor note `[Update bank details here](http://x)` would become a link,
`![](http://x/img.png)` an image the browser fetches. Every text that can carry an uploaded
value (names, notes, sheet and file names) goes through `plain` before such a call, or is
shown with st.text / in a table."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")


def plain(text: object) -> str:
    """Text with every Markdown (and Streamlit directive) character escaped: it shows as it
    reads, with no link, image, emoji, icon, colour or formula made of it."""
    return _MARKDOWN.sub(r"\\\1", str(text))
