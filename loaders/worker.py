"""Parse uploads in a worker process that a hostile file can kill without hurting the server.

Reading a spreadsheet allocates by what the file says, not by its size: a 5.6 KB workbook
whose one cell sits at XFD999999 made the readers ask for 524 GB, and Rust aborts the whole
process when an allocation fails (the app's server, every session with it). loaders.read
refuses what it can see coming (parts' sizes, the used range, row and cell limits); this
module is the backstop for what it cannot: the bytes -> sheets step runs in a child Python
process with an address-space limit (RLIMIT_AS) and a time limit, and a child that dies
(MemoryError, abort, killed, too slow) becomes a plain FileRefused for that file.

The child is a plain subprocess (`python -m loaders.worker`), not multiprocessing: nothing
depends on the server's __main__, and requests and answers are pickles over its pipes. The
sheets are Arrow-backed frames: an answer is pickled with its column buffers out of band
(protocol 5), which go down the pipe as they are and become the parent's columns without a
copy; pickling them in band cost 0.1 s on a 100k-row ledger. One worker is kept warm
between uploads, so a small file pays no interpreter start; a worker that read a large file
is retired (its freed memory would stay with it) and a fresh one started in the background.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.limits import FileRefused

if TYPE_CHECKING:  # this module stays light: the command line starts a worker first thing
    import pandas as pd

    from loaders.file_notes import FileFacts
    from loaders.read import Locate, RawSheet, SheetData

ROOT = Path(__file__).resolve().parent.parent
# Settings (environment): the child's address space and the time one file may take.
MEMORY_MB = int(os.environ.get("SPENDLINE_PARSE_MEMORY_MB", "2048"))
TIME_SECONDS = float(os.environ.get("SPENDLINE_PARSE_SECONDS", "60"))
# A worker that read a file this large is retired (and a fresh one started). Below, it is
# kept: it gives its freed heap back after each file, and a fresh start would compete
# with the server for the CPU while it validates and stores the upload.
KEEP_BELOW = 64 << 20
_HEADER = struct.Struct("<Q")
_PIPE_BYTES = 1 << 20  # /proc/sys/fs/pipe-max-size, as a rule


class _Died(Exception):
    """The worker ended without an answer."""


class _Worker:
    def __init__(self, memory_mb: int):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
               "MALLOC_ARENA_MAX": "2",  # fewer glibc arenas: less address space per thread
               "SPENDLINE_PARSE_MEMORY_MB": str(memory_mb)}
        self.memory_mb = memory_mb
        self.proc = subprocess.Popen([sys.executable, "-m", "loaders.worker"], cwd=ROOT,
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        for pipe in (self.proc.stdin, self.proc.stdout):
            # Pipes of 1 MB, not 64 KB: a 100k-row answer crosses in 16 times fewer turns.
            with contextlib.suppress(OSError, AttributeError):
                fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def ask(self, request: tuple, seconds: float):
        deadline = time.monotonic() + seconds
        payload = pickle.dumps(request, protocol=5)
        try:
            self.proc.stdin.write(_HEADER.pack(len(payload)))
            self.proc.stdin.write(payload)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _Died from exc
        del payload
        # The answer: a count of chunks, then each chunk's size and bytes; the first chunk
        # is the pickle, the rest its out-of-band buffers.
        count = self._size(deadline)
        chunks = [self._read(self._size(deadline), deadline) for _ in range(count)]
        return pickle.loads(chunks[0], buffers=chunks[1:])

    def _size(self, deadline: float) -> int:
        return _HEADER.unpack(self._read(_HEADER.size, deadline))[0]

    def _read(self, size: int, deadline: float) -> bytearray:
        out = bytearray(size)
        view, got, fd = memoryview(out), 0, self.proc.stdout.fileno()
        while got < size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            n = os.readv(fd, [view[got:]])
            if not n:
                raise _Died
            got += n
        return out

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


_lock = threading.Lock()
_idle: list[_Worker] = []


def warm() -> None:
    """Start a worker now (it imports its readers meanwhile), unless one is waiting. One
    that cannot be started here is said plainly when a file is read (_run)."""
    with _lock:
        if not any(w.alive() and w.memory_mb == MEMORY_MB for w in _idle):
            with contextlib.suppress(OSError):
                _idle.append(_Worker(MEMORY_MB))


def _take() -> _Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.alive() and worker.memory_mb == MEMORY_MB:
                return worker
            worker.stop()
    return _Worker(MEMORY_MB)


def _give_back(worker: _Worker, keep: bool) -> None:
    if keep and worker.alive():
        with _lock:
            if len(_idle) < 2:
                _idle.append(worker)
                return
    worker.stop()
    warm()  # the next upload finds one ready


def shutdown() -> None:
    with _lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        worker.stop()


def _run(filename: str, request: tuple, size: int):
    try:
        worker = _take()
    except OSError as exc:  # no process may be started here (permissions, limits)
        raise FileRefused(f"{filename} was not read: Spendline could not start its file "
                          f"reader ({exc.strerror}).") from exc
    keep = False
    try:
        status, value = worker.ask(request, TIME_SECONDS)
        keep = size < KEEP_BELOW
    except TimeoutError:
        raise FileRefused(
            f"{filename} took longer than {TIME_SECONDS:.0f} s to read, the limit: it is too "
            "large or not a genuine workbook. Split it into smaller files.") from None
    except (_Died, EOFError, pickle.UnpicklingError, struct.error):
        raise FileRefused(
            f"{filename} needs more memory to read than the {MEMORY_MB:,} MB Spendline allows "
            "for one file: it is too large or not a genuine workbook (a decompression bomb). "
            "Split it into smaller files.") from None
    finally:
        _give_back(worker, keep)
    if status == "refused":
        raise FileRefused(value)
    if status == "error":
        raise FileRefused(f"{filename} cannot be read as a spreadsheet ({value}): save it "
                          "again from Excel and upload the new file.")
    return value


def parse_upload(filename: str, data: bytes, locate: Locate, top_rows: int
                 ) -> tuple[list[SheetData], FileFacts]:
    """In the worker: loaders.read.read_sheets (the same sheets, or FileRefused) and, side by
    side with it, what the file holds beyond its cells (loaders.file_notes.scan)."""
    return _run(filename, ("parse_here", filename, data, locate, top_rows), len(data))


def read_file(filename: str, data: bytes) -> list[RawSheet]:
    """loaders.read.read_file in the worker: the raw cells, as read."""
    return _run(filename, ("read_file", filename, data), len(data))


def highlight(filename: str, data: bytes, problems: pd.DataFrame) -> bytes:
    """The user's file as .xlsx with each problem marked (loaders.highlight), made in the
    worker: openpyxl holds a whole workbook in memory, hundreds of bytes a cell."""
    return _run(filename, ("highlight", filename, data, problems), len(data))


atexit.register(shutdown)  # no worker outlives the server


# -- the child ----------------------------------------------------------------------------
def parse_here(filename: str, data: bytes, locate: Locate, top_rows: int
               ) -> tuple[list[SheetData], FileFacts]:
    """What parse_upload asks the worker for, done in this process (the worker; tests)."""
    import dataclasses
    from concurrent.futures import ThreadPoolExecutor

    from loaders import file_notes, read

    # Beside the parse: the scan mostly unzips, and zlib lets go of the GIL. The fast path
    # finds the formulas itself as it unzips each sheet; the slow one leaves them to the scan.
    with ThreadPoolExecutor(2, thread_name_prefix="scan") as pool:
        facts = pool.submit(file_notes.scan, filename, data, formulas=False)
        fast = read.fast_sheets(filename, data, locate, top_rows)
        if fast is not None:
            sheets, unsaved = fast
            return sheets, dataclasses.replace(facts.result(), unsaved=unsaved)
        unsaved = pool.submit(file_notes.unsaved_formulas, filename, data)
        sheets = read.read_sheets(filename, data, locate, top_rows)
        return sheets, dataclasses.replace(facts.result(), unsaved=unsaved.result())


def _highlight(filename: str, data: bytes, problems: pd.DataFrame) -> bytes:
    from loaders import highlight, read

    raw = None
    if not filename.lower().endswith((".xlsx", ".xlsm")):
        raw = {sheet.name: sheet.rows for sheet in read.read_file(filename, data)}
    return highlight.highlight_workbook(filename, data, problems, raw)


def _serve() -> None:
    import resource

    limit = int(os.environ.get("SPENDLINE_PARSE_MEMORY_MB", MEMORY_MB)) << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Answers go to a private copy of stdout; anything a library prints goes to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    from loaders import answer_pickle, memory, read  # loaded before the first request

    tasks = {"parse_here": parse_here, "read_file": read.read_file,
             "highlight": _highlight}
    while True:
        head = inp.read(_HEADER.size)
        if len(head) < _HEADER.size:
            return  # the server closed the pipe
        request = pickle.loads(inp.read(_HEADER.unpack(head)[0]))
        try:
            answer = ("ok", tasks[request[0]](*request[1:]))
        except read.FileRefused as exc:
            answer = ("refused", str(exc))
        except MemoryError:
            os._exit(3)  # the parent words it: no memory left to say anything with
        except Exception as exc:  # an odd file: a plain refusal, not the server's traceback
            answer = ("error", type(exc).__name__)
        del request
        buffers: list[pickle.PickleBuffer] = []
        payload = answer_pickle.dumps(answer, buffers)
        chunks = [memoryview(payload), *(buffer.raw() for buffer in buffers)]
        out.write(_HEADER.pack(len(chunks)))
        for chunk in chunks:
            out.write(_HEADER.pack(chunk.nbytes))
            out.write(chunk)
        out.flush()
        del answer, payload, buffers, chunks
        memory.give_back()  # after the answer is sent: the parent is not kept waiting


if __name__ == "__main__":
    _serve()
