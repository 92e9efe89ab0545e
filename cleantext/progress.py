"""Progress on stderr through tqdm: bytes read, MB/s and records (a percentage when the size is known).

tqdm is what terminals, notebooks and log collectors already handle (it redraws
at most a few times a second and adapts to the terminal's width). The bar is
drawn only when it is enabled (the CLI enables it when stderr is a terminal and
``-q`` is not given), so logs and pipes stay clean; :meth:`Progress.write` prints
a message above the bar without breaking it.
"""

from __future__ import annotations

from typing import IO

from tqdm import tqdm

MB = 1_000_000


class Progress:
    """Count records and bytes; draw a tqdm bar on ``stream`` when ``enabled``.

    >>> import io
    >>> p = Progress(io.StringIO(), enabled=False, total_bytes=4 * MB)
    >>> p.advance(records=10, nbytes=2 * MB)
    >>> p.records, p.nbytes
    (10, 2000000)
    """

    def __init__(self, stream: IO[str], *, enabled: bool, total_bytes: int | None = None,
                 interval: float = 0.2) -> None:
        self.stream = stream
        self.enabled = enabled
        self.records = 0
        self.nbytes = 0
        self._bar = tqdm(
            total=total_bytes or None, unit="B", unit_scale=True, unit_divisor=1000, file=stream,
            disable=not enabled, mininterval=interval, dynamic_ncols=True, leave=False,
            desc="cleantext",
        )

    def advance(self, *, records: int, nbytes: int) -> None:
        self.records += records
        self.nbytes += nbytes
        if self.enabled:
            self._bar.set_postfix_str(f"{self.records:,} records", refresh=False)
            self._bar.update(nbytes)

    def write(self, message: str) -> None:
        """A line on the stream, above the bar when one is drawn."""
        if self.enabled:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream)

    def close(self) -> None:
        """Erase the bar, so what follows on the stream starts clean."""
        self._bar.close()
