"""An ordered, bounded parallel map over chunks, with the job shipped to each worker once.

``ordered_map(job, chunks, jobs=N)`` yields ``job.run(chunk)`` for each chunk, in
input order, computed by ``N`` worker processes. The job (which may carry a
learned model) is pickled once per worker, when it starts; the chunks are all
that travel afterwards.

At most ``window`` chunks are in flight at a time, so memory stays bounded
whatever the size of the input. Chunk ``i`` goes to worker ``i % N`` and each
worker answers in the order it was asked, so the results come back in input
order with no reordering buffer.

Each worker has two pipes of its own and shares no lock with the others
(``multiprocessing.Pool`` did not survive its workers: one killed by the OOM
killer left the run waiting for its result for ever, and workers killed by a
SIGTERM sent to the whole process group while holding the pool's queue lock
left ``Pool.terminate()`` waiting on that lock). A worker that dies is noticed
(:class:`WorkerDied`), and on any exception, ``close()`` of the generator or a
signal the parent turns into one, the workers are stopped before it propagates.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import wait
from multiprocessing.reduction import ForkingPickler
from typing import Any, Protocol


class Job(Protocol):
    def run(self, chunk: Any) -> Any: ...


class WorkerDied(RuntimeError):
    """A worker process ended before it answered (killed: by the OOM killer, a signal; or crashed)."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker (the ``__cause__`` of the one re-raised here)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _ignore_terminal_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    if hasattr(signal, "SIGHUP"):
        # A closed terminal sends SIGHUP to the whole process group: the parent ends the run
        # (cli: Terminated) and stops the workers; under nohup the run goes on.
        signal.signal(signal.SIGHUP, signal.SIG_IGN)


def _worker_main(job: Job, tasks: Any, results: Any) -> None:
    """A worker: run each chunk that arrives, answer in order, stop when the task pipe closes."""
    _ignore_terminal_signals()
    while True:
        try:
            chunk = tasks.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", job.run(chunk))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the parent
            answer = ("error", (exc, traceback.format_exc()))
        try:
            results.send(answer)
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # noqa: BLE001 - the answer could not be pickled: say so instead
            results.send(("error", (RuntimeError(f"a worker's answer could not be sent back: {exc!r}"),
                                    traceback.format_exc())))


class _Workers:
    """``jobs`` worker processes, each with a task pipe and a result pipe of its own.

    Chunks are sent by a feeder thread: a chunk larger than a pipe's buffer blocks its sender until the
    worker reads it, and the worker reads it only once the parent has taken its previous answer, which
    the calling thread does meanwhile."""

    def __init__(self, job: Job, jobs: int) -> None:
        context = multiprocessing.get_context("spawn")  # workers start clean: no inherited threads or locks
        self.tasks: list[Any] = []
        self.results: list[Any] = []
        self.processes: list[Any] = []
        self.feed: queue.SimpleQueue[tuple[int, int, Any] | None] = queue.SimpleQueue()
        #: The chunk (its place in the input) that could not be sent, and why.
        self.feed_error: tuple[int, BaseException] | None = None
        try:
            for _ in range(jobs):
                task_recv, task_send = context.Pipe(duplex=False)
                result_recv, result_send = context.Pipe(duplex=False)
                process = context.Process(target=_worker_main, args=(job, task_recv, result_send), daemon=True)
                self.tasks.append(task_send)
                self.results.append(result_recv)
                process.start()
                self.processes.append(process)
                task_recv.close()  # the worker's ends: with these closed here, a dead worker reads as EOF
                result_send.close()
        except BaseException:
            self.stop()
            raise
        self.feeder = threading.Thread(target=self._send_chunks, name="cleantext-feeder", daemon=True)
        self.feeder.start()

    def _send_chunks(self) -> None:
        while (item := self.feed.get()) is not None:
            index, worker, chunk = item
            try:
                data = ForkingPickler.dumps(chunk)  # apart from sending: a chunk that cannot be pickled ...
            except BaseException as exc:  # noqa: BLE001 - ... is an error at its place in the output
                self.feed_error = (index, exc)
                return
            try:
                self.tasks[worker].send_bytes(data)
            except (BrokenPipeError, EOFError, OSError):
                pass  # the worker is gone: result() says so

    def submit(self, index: int, worker: int, chunk: Any) -> None:
        self.feed.put((index, worker, chunk))

    def result(self, index: int, worker: int) -> Any:
        """The answer to chunk ``index`` (``worker``'s next); its exception re-raised; :class:`WorkerDied` if
        the worker died first."""
        connection, process = self.results[worker], self.processes[worker]
        while True:
            failed = self.feed_error
            if failed is not None and failed[0] <= index:
                raise failed[1]
            ready = wait([connection, process.sentinel], timeout=1.0)
            if connection in ready or (ready and connection.poll()):
                try:
                    status, value = connection.recv()
                except EOFError:
                    break
                if status == "ok":
                    return value
                exc, text = value
                raise exc from RemoteTraceback(text)
            if ready:  # the process ended and left no answer
                break
        process.join(timeout=5)
        code = process.exitcode
        how = (f"killed by {signal.Signals(-code).name}" if code is not None and code < 0
               and -code in signal.valid_signals() else f"exit code {code}")
        hint = " (out of memory?)" if code == -getattr(signal, "SIGKILL", 9) else ""
        raise WorkerDied(f"worker process {process.pid} ended before it answered: {how}{hint}")

    def finish(self) -> None:
        """Every answer taken: let the workers end on their own."""
        self.feed.put(None)
        self.feeder.join(timeout=60)
        for connection in self.tasks:
            connection.close()
        for process in self.processes:
            process.join(timeout=60)
        self.stop()

    def stop(self) -> None:
        """Stop every worker now (no lock is shared with them: nothing to wait for) and close the pipes."""
        self.feed.put(None)
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
        # The feeder ends first (a write to a worker that is gone fails at once): closing a pipe it is writing
        # to pulled the handle from under its write (a TypeError traceback from the thread).
        feeder = getattr(self, "feeder", None)
        if feeder is not None:
            feeder.join(timeout=5)
            if feeder.is_alive():
                return  # still writing: the pipes are closed when they are collected
        for connection in (*self.tasks, *self.results):
            connection.close()


def ordered_map(job: Job, chunks: Iterable[Any], *, jobs: int, window: int | None = None) -> Iterator[Any]:
    """``job.run(chunk)`` for every chunk, in order; in ``jobs`` processes when ``jobs > 1``.

    An exception of ``job.run`` in a worker is raised here (its traceback as the ``__cause__``);
    a worker that dies first raises :class:`WorkerDied`.

    >>> class Double:
    ...     def run(self, chunk): return [2 * x for x in chunk]
    >>> list(ordered_map(Double(), [[1, 2], [3]], jobs=1))
    [[2, 4], [6]]
    """
    if jobs <= 1:
        for chunk in chunks:
            yield job.run(chunk)
        return
    window = max(window or 4 * jobs, 1)
    workers = _Workers(job, jobs)
    try:
        pending: deque[tuple[int, int]] = deque()
        for index, chunk in enumerate(chunks):
            worker = index % jobs
            workers.submit(index, worker, chunk)
            pending.append((index, worker))
            if len(pending) >= window:
                yield workers.result(*pending.popleft())
        while pending:
            yield workers.result(*pending.popleft())
    except BaseException:
        workers.stop()
        raise
    workers.finish()


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
