"""One open DuckDB database per store file and process, shared, and let go when idle.

Opening a store file costs tens of milliseconds (DuckDB loads the catalog: tables, twenty
views and their macros), and a page asks the store a dozen times per run. So the first use
opens the database and keeps it; each use takes a cursor of it (DuckDB: one connection per
process, a cursor per thread), and when nothing has used it for IDLE_SECONDS the database
is closed again, so that another process (the command line, a second app) can take the file:
DuckDB lets one process at a time hold it, and Store waits for it (LOCK_WAIT_SECONDS).

An app in constant use is never idle for IDLE_SECONDS, and an import waited out its whole
LOCK_WAIT_SECONDS (issue 17). So a process waiting for the file says so in a marker file
beside it (`<store>.wanted`, touched while it waits): a holder lets go as soon as no query of
its own runs, and opens the file again only once the marker is gone or stale. The import gets
in within a second or two; the app's pages wait for it (as for any other holder) meanwhile.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator

import duckdb

IDLE_SECONDS = 2.0
WANTED_FRESH_SECONDS = 2.0  # a waiter touches the marker every 0.2 s; older: it has gone
WANTED_WAIT_SECONDS = 30.0  # how long a holder stays out for one waiter at most

_lock = threading.Lock()
_open: dict[str, _Shared] = {}


class _Shared:
    """An open database, its users, and the thread that closes it once idle."""

    def __init__(self, path: str, connection: duckdb.DuckDBPyConnection):
        self.path, self.connection = path, connection
        self.users = 0
        self.last_used = time.monotonic()
        self.closed = threading.Event()
        # One watcher per open database (a timer per query cost a thread start each).
        self.watcher = threading.Thread(target=self._close_when_idle, daemon=True,
                                        name=f"close idle {path}")
        self.watcher.start()

    def _close_when_idle(self) -> None:
        while not self.closed.wait(IDLE_SECONDS / 4):
            wanted = is_wanted(self.path)  # (a stat, outside the lock)
            with _lock:
                idle = not self.users and (
                    wanted or time.monotonic() - self.last_used >= IDLE_SECONDS)
                if idle and _open.get(self.path) is self:
                    # Under the lock, so that close() at exit waits for it rather than the
                    # process ending inside DuckDB (which aborts the whole process).
                    del _open[self.path]
                    self._close()
                    return

    def _close(self) -> None:
        self.closed.set()
        self.connection.close()  # the last connection: DuckDB checkpoints, lets the file go


@contextlib.contextmanager
def cursor(path: str, open_database: Callable[[], duckdb.DuckDBPyConnection]
           ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the store at `path`, opening it with `open_database` when it is not;
    while another process waits for the file, it is let go and opened only after it."""
    if is_wanted(path):
        close(path)  # now, if no query of this process runs; else the watcher does it
        deadline = time.monotonic() + WANTED_WAIT_SECONDS
        while is_wanted(path) and time.monotonic() < deadline:
            time.sleep(0.1)
    with _lock:
        shared = _open.get(path)
        if shared is None:
            shared = _open[path] = _Shared(path, open_database())
        shared.users += 1
        con = shared.connection.cursor()
    try:
        yield con
    finally:
        con.close()
        with _lock:
            shared.users -= 1
            shared.last_used = time.monotonic()


def wanted_marker(path: str) -> str:
    return f"{path}.wanted"


def is_wanted(path: str) -> bool:
    """Whether another process waits for the file now (its marker is fresh)."""
    try:
        return time.time() - os.stat(wanted_marker(path)).st_mtime < WANTED_FRESH_SECONDS
    except OSError:
        return False


def is_open(path: str) -> bool:
    """Whether this process holds the store file at `path` open now."""
    with _lock:
        return path in _open


def close(path: str | None = None) -> None:
    """Close the shared database of one store file (or of all) now, if nothing uses it."""
    closed = []
    with _lock:
        for p in [path] if path is not None else list(_open):
            shared = _open.get(p)
            if shared is not None and not shared.users:
                del _open[p]
                shared._close()
                closed.append(shared)
    for shared in closed:  # its watcher lets go of it (at exit: before DuckDB is torn down)
        shared.watcher.join(timeout=IDLE_SECONDS)


atexit.register(close)  # a process ending closes its stores cleanly (checkpointed)
