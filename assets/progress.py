"""A progress line for long runs, shared by the command line and the batch step."""

from __future__ import annotations

import sys
import time


class Progress:
    """A progress line on stderr for long runs (done of total, rate, time left); silent when stderr is not
    a terminal (or `shown` is false), so scripts and logs get only the summary."""

    def __init__(self, total: int, minimum: int = 20, shown: bool = True, label: str = "processing"):
        self.total, self.done, self.started, self.label = total, 0, time.monotonic(), label
        self.shown = shown and total >= minimum and sys.stderr.isatty()

    def step(self, n: int = 1) -> None:
        self.done += n
        if not self.shown:
            return
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = f", {(self.total - self.done) / rate:.0f} s left" if rate else ""
        end = "\n" if self.done >= self.total else ""
        print(
            f"\r{self.label + ':':<13} {self.done} of {self.total} reports ({rate:.1f}/s{left})  ",
            end=end,
            file=sys.stderr,
        )
