"""An ordered, bounded parallel map over chunks, with the job shipped to each worker once.

``ordered_map(job, chunks, jobs=N)`` yields ``job.run(chunk)`` for each chunk, in
input order, computed by ``N`` worker processes. The job (which may carry a
learned model) is pickled once per worker through the pool initializer; the
chunks are all that travel afterwards.

At most ``window`` chunks are in flight at a time. ``Pool.imap`` would read the
whole input ahead in a feeder thread when workers are slower than the reader,
so memory would grow with the corpus; submitting chunk by chunk with
``apply_async`` and collecting in order keeps it bounded, with the same ordered
results.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, Protocol


class Job(Protocol):
    def run(self, chunk: Any) -> Any: ...


# The job of *this worker process*, set once by the pool initializer. It lives
# only in worker processes (the parent calls job.run directly).
_worker_job: Job | None = None


def _init_worker(job: Job) -> None:
    global _worker_job
    _worker_job = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    if hasattr(signal, "SIGHUP"):
        # A closed terminal sends SIGHUP to the whole process group: a worker killed by it while holding the
        # pool's queue lock left the parent's Pool.terminate() waiting on that lock for ever. The parent ends
        # the run (cli: Terminated) and terminates the workers.
        signal.signal(signal.SIGHUP, signal.SIG_IGN)


def _tracker_outlives_the_terminal() -> None:
    """Start multiprocessing's resource tracker with SIGHUP ignored (an ignored signal stays ignored across
    exec). It ignores SIGINT and SIGTERM but not SIGHUP: killed by a closed terminal's SIGHUP, it was started
    again for the pool's last semaphores and printed a KeyError traceback for each."""
    if not hasattr(signal, "SIGHUP"):
        return
    from multiprocessing import resource_tracker

    try:
        previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    except ValueError:  # not the main thread
        return
    try:
        resource_tracker.ensure_running()
    finally:
        signal.signal(signal.SIGHUP, previous)


def _run_chunk(chunk: Any) -> Any:
    assert _worker_job is not None, "worker used before its initializer ran"
    return _worker_job.run(chunk)


def ordered_map(job: Job, chunks: Iterable[Any], *, jobs: int, window: int | None = None) -> Iterator[Any]:
    """``job.run(chunk)`` for every chunk, in order; in ``jobs`` processes when ``jobs > 1``.

    >>> class Double:
    ...     def run(self, chunk): return [2 * x for x in chunk]
    >>> list(ordered_map(Double(), [[1, 2], [3]], jobs=1))
    [[2, 4], [6]]
    """
    if jobs <= 1:
        for chunk in chunks:
            yield job.run(chunk)
        return
    window = window or 4 * jobs
    _tracker_outlives_the_terminal()
    # spawn: workers start clean (no inherited threads or locks) on every platform.
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(job,)) as pool:
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_run_chunk, (chunk,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def chunked(items: Iterable[Any], *, size: int, max_bytes: int = 8_000_000) -> Iterator[list[Any]]:
    """Group ``(source, line, payload)`` items into lists of at most ``size`` items or about ``max_bytes``.

    >>> [len(c) for c in chunked([("f", i, b"x") for i in range(5)], size=2)]
    [2, 2, 1]
    """
    chunk: list[Any] = []
    nbytes = 0
    for item in items:
        chunk.append(item)
        nbytes += len(item[2])
        if len(chunk) >= size or nbytes >= max_bytes:
            yield chunk
            chunk, nbytes = [], 0
    if chunk:
        yield chunk
