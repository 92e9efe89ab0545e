"""A one-line progress display on stderr: records, MB and MB/s (a percentage when the size is known).

It draws only when its stream is a terminal, so logs and pipes stay clean,
and redraws at most a few times a second so it costs nothing measurable.
"""

from __future__ import annotations

import time
from typing import IO

MB = 1_000_000


class Progress:
    """Count records and bytes; redraw ``\\r``-style on ``stream`` when ``enabled``.

    >>> import io
    >>> p = Progress(io.StringIO(), enabled=True, total_bytes=4 * MB, interval=0)
    >>> p.advance(records=10, nbytes=2 * MB)
    >>> p.line(elapsed=2.0)
    '10 records  2.0 MB  1.0 MB/s  50%'
    """

    def __init__(
        self,
        stream: IO[str],
        *,
        enabled: bool,
        total_bytes: int | None = None,
        interval: float = 0.2,
    ) -> None:
        self.stream = stream
        self.enabled = enabled
        self.total_bytes = total_bytes
        self.interval = interval
        self.records = 0
        self.nbytes = 0
        self._start = time.monotonic()
        self._last_draw = float("-inf")
        self._width = 0

    def advance(self, *, records: int, nbytes: int) -> None:
        self.records += records
        self.nbytes += nbytes
        if self.enabled:
            now = time.monotonic()
            if now - self._last_draw >= self.interval:
                self._last_draw = now
                self._draw(self.line(now - self._start))

    def line(self, elapsed: float) -> str:
        """The text shown after ``elapsed`` seconds."""
        rate = self.nbytes / MB / elapsed if elapsed > 0 else 0.0
        text = f"{self.records:,} records  {self.nbytes / MB:.1f} MB  {rate:.1f} MB/s"
        if self.total_bytes:
            text += f"  {min(100, 100 * self.nbytes // self.total_bytes)}%"
        return text

    def close(self) -> None:
        """Erase the line, so what follows on stderr starts clean."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()

    def _draw(self, text: str) -> None:
        padded = text.ljust(self._width)
        self._width = len(text)
        self.stream.write("\r" + padded)
        self.stream.flush()
