"""One writer at a time: a lock file beside what is written (the warehouse, the releases folder) that
names its holder. The lock is the operating system's (flock), so a killed holder releases it at once;
within one process it is re-entrant, so nested steps of one run share it."""

from __future__ import annotations

import fcntl
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_WAIT = float(os.environ.get("PEAKWATCH_LOCK_WAIT", "60"))
_held: dict[Path, int] = {}  # lock files this process holds, with their nesting depth


class Busy(RuntimeError):
    """Another process holds the lock; the message names the file and the holder."""


@contextmanager
def exclusive(lock_file: Path, what: str, wait: float | None = None) -> Iterator[None]:
    """Hold `lock_file` while the block runs; wait up to `wait` seconds for another holder, then raise
    Busy naming it."""
    lock_file = Path(lock_file).absolute()
    if lock_file in _held:
        _held[lock_file] += 1
        try:
            yield
        finally:
            _held[lock_file] -= 1
        return
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a+", encoding="utf-8") as f:
        _acquire(f, lock_file, what, DEFAULT_WAIT if wait is None else wait)
        f.seek(0)
        f.truncate()
        f.write(
            f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%Y-%m-%d %H:%M:%S')}: "
            f"{' '.join(sys.argv)[:200]}\n"
        )
        f.flush()
        _held[lock_file] = 1
        try:
            yield
        finally:
            del _held[lock_file]
            f.truncate(0)
            fcntl.flock(f, fcntl.LOCK_UN)


def _acquire(f, lock_file: Path, what: str, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                f.seek(0)
                holder = f.read().strip() or "another process"
                raise Busy(f"{what} is busy: {lock_file} is held by {holder} (waited {wait:g} s)") from None
            time.sleep(0.1)
