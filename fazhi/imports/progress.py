"""A text progress bar for the command line (the web page polls the job row instead)."""

from __future__ import annotations

import time
from typing import Any


class ProgressBar:
    def __init__(self, out: Any, width: int = 30) -> None:
        self.out, self.width, self.last, self.phase = out, width, 0.0, ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase == self.phase and now - self.last < 0.2 and done < total:
            return
        if self.phase and phase != self.phase:
            self.out.write("\n")
        self.phase, self.last = phase, now
        if not total:
            self.out.write(f"\r{phase} {done} 行")
        else:
            filled = int(self.width * min(done, total) / total)
            self.out.write(f"\r{phase} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}")
        self.out.flush()
