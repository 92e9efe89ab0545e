"""Reading and writing corpora: plain, ``.gz`` and ``.zst`` files, stdin/stdout, atomic output.

Compression is chosen by the file name's extension, on input and on output.
Output to a path is *atomic*: it is written to a temporary file in the same
directory and renamed over the target only once complete, so a crash, a
Ctrl-C or a malformed record never leaves a truncated file behind.

>>> compression_of("shard-00.jsonl.zst"), compression_of("page.txt")
('zst', None)
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, cast

#: Extensions recognised as compressed, and the name of their codec.
COMPRESSED = {".gz": "gz", ".zst": "zst"}

STDIO = "-"


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


def iter_lines(path: str) -> Iterator[tuple[int, bytes]]:
    """``(line_number, line)`` for each line of ``path``, numbered from 1, streamed."""
    with open_input(path) as stream:
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
    directory = os.path.dirname(os.path.abspath(path))
    codec = compression_of(path)
    zstandard = _zstandard() if codec == "zst" else None
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    raw = os.fdopen(fd, "wb")
    stream: IO[bytes]
    if codec == "gz":  # mtime=0 and no file name: the same input gives the same bytes
        stream = cast(IO[bytes], gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0))
    elif zstandard is not None:
        stream = zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    else:
        stream = raw
    try:
        yield stream
        if stream is not raw:
            stream.close()  # writes the compressed trailer; leaves raw open
        raw.flush()
        os.fsync(raw.fileno())
        raw.close()
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        raw.close()
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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


def dump_record(record: dict[str, Any]) -> bytes:
    """One JSONL line: compact, UTF-8, key order kept (lone surrogates fall back to \\u escapes).

    >>> dump_record({"id": 1, "text": "café"})
    b'{"id":1,"text":"caf\\xc3\\xa9"}\\n'
    """
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    try:
        return line.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(record, separators=(",", ":")).encode("ascii") + b"\n"
