"""The parse worker's answers pickled (loaders.worker): protocol 5, the column buffers out
of band, and Arrow-backed columns in their chunks as read.

pandas pickles an Arrow-backed column by joining its chunks into one
(ArrowExtensionArray.__getstate__): a copy of every text column, into memory the worker has
just given back (0.1 s on a 100k-row ledger). Here the chunks go as they are, and the
parent's unpickling rebuilds the same column from them. This module, not loaders.worker,
holds the rebuilding function: the worker runs as __main__, which the parent cannot import.
"""

from __future__ import annotations

import copyreg
import io
import pickle

from pandas.arrays import ArrowExtensionArray, ArrowStringArray


def dumps(answer, buffers: list) -> bytes:
    """`answer` pickled; its out-of-band buffers appended to `buffers`."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5, buffer_callback=buffers.append)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(answer)
    return out.getvalue()


def _reduce(array):
    return arrow_array, (type(array), {**array.__dict__, "_cache": {}})


_DISPATCH = {**copyreg.dispatch_table, ArrowStringArray: _reduce, ArrowExtensionArray: _reduce}


def arrow_array(cls, state: dict):
    """An Arrow-backed pandas array from its state, its chunks as they came."""
    array = cls.__new__(cls)
    array.__setstate__(state)
    return array
