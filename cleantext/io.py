"""Reading and writing corpora: plain, ``.gz`` and ``.zst`` files, stdin/stdout, atomic output.

Compression is chosen by the file name's extension, on input and on output.
Output to a path is *atomic*: it is written to a temporary file in the same
directory and renamed over the target only once complete, so a crash, a
Ctrl-C or a malformed record never leaves a truncated file behind.

>>> compression_of("shard-00.jsonl.zst"), compression_of("page.txt")
('zst', None)
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import re
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any, cast

#: Extensions recognised as compressed, and the name of their codec.
COMPRESSED = {".gz": "gz", ".zst": "zst"}

STDIO = "-"
#: The bytes :func:`iter_lines` shows ``stop_if`` before reading lines.
HEAD_BYTES = 8192


class InputError(Exception):
    """An input or output cannot be used (missing, unreadable, missing codec); the message says why."""


def compression_of(path: str) -> str | None:
    """The codec implied by ``path``'s extension (``'gz'``, ``'zst'``) or ``None``."""
    _, ext = os.path.splitext(path.lower())
    return COMPRESSED.get(ext)


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError:
        raise InputError(
            "reading or writing .zst files needs the 'zstandard' package: "
            "pip install 'cleantext-boilerplate[zstd]'"
        ) from None
    return zstandard


@contextmanager
def open_input(path: str) -> Iterator[IO[bytes]]:
    """Open ``path`` (or stdin for ``-``) for binary reading, decompressing by extension."""
    if path == STDIO:
        yield sys.stdin.buffer
        return
    codec = compression_of(path)
    try:
        raw = open(path, "rb")  # noqa: SIM115 (closed in the finally below)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    stream: IO[bytes]
    if codec == "gz":
        stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    elif codec == "zst":
        reader = _zstandard().ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        stream = io.BufferedReader(reader)
    else:
        stream = raw
    try:
        yield stream
    finally:
        stream.close()
        raw.close()


def read_bytes(path: str) -> bytes:
    """The whole (decompressed) content of ``path``."""
    with open_input(path) as stream:
        return _read_or_fail(path, stream.read)


def iter_lines(path: str, *, stop_if: Callable[[bytes], object] | None = None) -> Iterator[tuple[int, bytes]]:
    """``(line_number, line)`` for each line of ``path``, numbered from 1, streamed.

    With ``stop_if``, the first bytes of the stream (up to 8 KB, without consuming them)
    are shown to it first: when it says so, they are the only "line" yielded (a file
    that is not text is not read as lines).
    """
    with open_input(path) as stream:
        if stop_if is not None:
            peek = getattr(stream, "peek", None)
            head = _read_or_fail(path, lambda: peek(HEAD_BYTES))[:HEAD_BYTES] if peek else b""
            if head and stop_if(head):
                yield 1, head
                return
        lineno = 0
        while True:
            line = _read_or_fail(path, stream.readline)
            if not line:
                return
            lineno += 1
            yield lineno, line


def _read_or_fail(path: str, read: Any) -> bytes:
    """Call ``read()``, turning a corrupt archive or I/O failure into an InputError naming ``path``."""
    try:
        data: bytes = read()
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    except Exception as exc:  # zstandard.ZstdError does not derive from OSError
        if type(exc).__module__.startswith("zstandard"):
            raise InputError(f"{path}: cannot read: {exc}") from None
        raise
    return data


def input_size(path: str) -> int | None:
    """The size in bytes of an uncompressed regular file (for a progress percentage), else None."""
    if path == STDIO or compression_of(path):
        return None
    try:
        return os.stat(path).st_size
    except OSError:
        return None


@contextmanager
def open_output(path: str | None) -> Iterator[IO[bytes]]:
    """Binary output: stdout for ``None`` or ``-``, otherwise an atomic write to ``path``."""
    if path is None or path == STDIO:
        out: Any = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else _TextSink(sys.stdout)
        yield out
        out.flush()
        return
    with atomic_output(path) as out:
        yield out


@contextmanager
def atomic_output(path: str) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path``; rename it over ``path`` only on success.

    The file is compressed by ``path``'s extension. On any exception the
    temporary file is removed and ``path`` is left as it was.
    """
    file: AtomicFile | None = None
    try:
        with signals_held():  # Ctrl-C or SIGTERM while the temporary file is made: handled once it is named
            file = AtomicFile(path)
        try:
            yield file.stream
        except OSError as exc:  # writing failed (a full disk): name the output
            raise naming(exc, path) from exc
        file.commit()
    except BaseException:
        if file is not None:
            file.abort()
        raise


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends; they are then handled as they would have been.

    The signals are caught by Python-level handlers that only note them, not blocked with
    ``pthread_sigmask``: a mask is per thread, and a native thread that does not block them
    (numpy's BLAS pool, started at import) lets the kernel deliver them there, after which
    the interpreter runs the handler in the main thread anyway, inside the block.
    """
    caught: list[int] = []

    def note(signum: int, frame: Any) -> None:
        caught.append(signum)

    try:
        previous = {signum: signal.signal(signum, note) for signum in _HELD
                    if signal.getsignal(signum) is not signal.SIG_IGN}  # ignored (nohup): left ignored
    except ValueError:  # not the main thread: signals are the main thread's business
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if caught:
            _deliver(caught[0], previous[caught[0]])


#: What :func:`signals_held` holds (SIGHUP where the platform has it).
_HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _deliver(signum: int, handler: Any) -> None:
    """Act on a signal held by :func:`signals_held` as its own handler would have."""
    if callable(handler):
        handler(signum, None)  # e.g. KeyboardInterrupt from Python's default SIGINT handler
    elif handler == signal.SIG_DFL:
        signal.raise_signal(signum)


class AtomicFile:
    """A file written under a temporary name (``.NAME.XXXX.tmp`` beside it) and renamed over
    ``path`` by :meth:`commit`, so that ``path``, when present, is always complete."""

    def __init__(self, path: str) -> None:
        self.path = path
        directory = os.path.dirname(os.path.abspath(path))
        codec = compression_of(path)
        zstandard = _zstandard() if codec == "zst" else None
        try:
            fd, self.tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
        except OSError as exc:
            raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        self._raw = os.fdopen(fd, "wb")
        if codec == "gz":  # mtime=0 and no file name: the same input gives the same bytes
            self.stream = cast(IO[bytes], gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0))
        elif zstandard is not None:
            self.stream = zstandard.ZstdCompressor().stream_writer(self._raw, closefd=False)
        else:
            self.stream = self._raw

    def commit(self) -> None:
        """Finish the file (compressed trailer, fsync) and rename it to ``path``; a failure names ``path``."""
        try:
            if self.stream is not self._raw:
                self.stream.close()  # writes the compressed trailer; leaves raw open
            self._raw.flush()
            os.fsync(self._raw.fileno())
            self._raw.close()
            os.chmod(self.tmp, _mode_for(self.path))
            os.replace(self.tmp, self.path)
        except OSError as exc:
            raise naming(exc, self.path) from exc

    def abort(self) -> None:
        """Drop the temporary file; ``path`` stays as it was."""
        self._raw.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def naming(exc: OSError, path: str) -> OSError:
    """``exc`` as an error of writing ``path``: a full disk fails in write, flush or close, which name no file
    (and a chmod names the temporary one). A closed pipe stays what it is (the command line is quiet on it)."""
    if isinstance(exc, BrokenPipeError) or exc.filename2 == path or (exc.filename == path and exc.filename2 is None):
        return exc
    return OSError(exc.errno, exc.strerror or str(exc), path)


def remove_leftovers(path: str) -> None:
    """Remove the temporary files an interrupted (killed) writer of ``path`` left beside it."""
    folder, name = os.path.split(os.path.abspath(path))
    for leftover in glob.glob(os.path.join(glob.escape(folder), f".{glob.escape(name)}.*.tmp")):
        try:
            os.unlink(leftover)
        except OSError:
            pass


class OutputTree:
    """``-O DIR``: one output per input, at the same relative path under ``root``, each atomic.

    Outputs are written in input order: :meth:`write` appends to output ``index``,
    committing the previous one when the index moves on (and creating an empty output
    for any input in between that had no records); :meth:`skip` marks an input that gets
    no output at all. A present output is therefore a complete one, which is what
    ``--resume`` relies on.
    """

    def __init__(self, root: str, rels: Sequence[str]) -> None:
        self.root = root
        self.paths = [os.path.join(root, rel) for rel in rels]
        self._current = -1
        self._file: AtomicFile | None = None
        self._skipped: set[int] = set()

    def write(self, index: int, data: bytes) -> None:
        self._move_to(index)
        if data:
            assert self._file is not None
            try:
                self._file.stream.write(data)
            except OSError as exc:  # a full disk: name the output
                raise naming(exc, self._file.path) from exc

    def skip(self, index: int) -> None:
        self._move_to(index)
        self._abort_current()
        self._skipped.add(index)

    def finish(self) -> None:
        """Commit the last output and create the empty ones of inputs that had no records."""
        self._move_to(len(self.paths))

    def abort(self) -> None:
        """Drop the output being written (the complete ones stay)."""
        self._abort_current()

    def _move_to(self, index: int) -> None:
        if index == self._current:
            return
        if self._file is not None:
            self._file.commit()
            self._file = None
        for between in range(self._current + 1, index):
            if between not in self._skipped:
                with signals_held():
                    self._open(between).commit()
        self._current = index
        if index < len(self.paths):
            with signals_held():  # so that abort() knows every temporary file it must remove
                self._file = self._open(index)

    def _open(self, index: int) -> AtomicFile:
        path = self.paths[index]
        try:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        except OSError as exc:
            raise InputError(f"{path}: cannot create its folder: {exc.strerror or exc}") from None
        remove_leftovers(path)
        return AtomicFile(path)

    def _abort_current(self) -> None:
        if self._file is not None:
            self._file.abort()
            self._file = None


def _mode_for(path: str) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class _TextSink(io.RawIOBase):
    """Bytes to a text stream (stdout replaced by a StringIO, as in some test runners)."""

    def __init__(self, text_stream: IO[str]) -> None:
        self._text = text_stream

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._text.write(bytes(data).decode("utf-8", "surrogateescape"))
        return len(data)

    def flush(self) -> None:
        self._text.flush()


def with_field(line: str, key: str, value: str) -> bytes:
    """The JSON object ``line`` (valid JSON) with every top-level ``key``'s value replaced by the string
    ``value``, as one UTF-8 JSONL line; every other byte of the record is kept as it was written
    (numbers such as ``1e400`` or ``1.10``, key order, duplicate keys, escapes, spacing), which
    parsing and dumping again would not keep.

    >>> with_field('{"id": 1.10, "text": "caf\\\\u00e9 Ad", "n": 1e400}', "text", "café")
    b'{"id": 1.10, "text": "caf\\xc3\\xa9", "n": 1e400}\\n'
    """
    new = json.dumps(value, ensure_ascii=False)
    try:
        new.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: as \u escapes
        new = json.dumps(value)
    out: list[str] = []
    done = 0
    for name, start, end in _top_level_values(line):
        if name == key:
            out += (line[done:start], new)
            done = end
    out.append(line[done:])
    return "".join(out).encode("utf-8") + b"\n"


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _top_level_values(line: str) -> Iterator[tuple[str, int, int]]:
    """``(key, start, end)`` of each member's value of the JSON object ``line`` (valid JSON), in order."""
    space = _JSON_SPACE.match
    at = space(line, space(line, 0).end() + 1).end()  # past "{"
    while line[at] != "}":
        key, at = json.decoder.scanstring(line, at + 1)  # type: ignore[attr-defined]
        start = space(line, space(line, at).end() + 1).end()  # past ":"
        _, end = _DECODER.raw_decode(line, start)
        yield key, start, end
        at = space(line, end).end()
        if line[at] == ",":
            at = space(line, at + 1).end()
