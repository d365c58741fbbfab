"""Give freed memory back to the operating system (glibc keeps it otherwise).

Reading a large workbook on worker threads leaves glibc with a few hundred MB freed but kept
in its per-thread arenas, and the resident size of the process stays there: the peak of a
500k-row import then counts memory nothing uses. malloc_trim(0) returns it. Elsewhere than
glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def give_back() -> None:
    """Return the heap's free memory to the operating system, where the C library can."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
