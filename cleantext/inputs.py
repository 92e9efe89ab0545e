"""Finding and reading input documents: files, folders and globs; text decoding; files that are not text.

These are the pieces every command that reads a corpus shares (``cleantext``,
``cleantext fit``, ``cleantext report``):

* :func:`expand_inputs` turns command-line arguments into :class:`InputFile` s,
  each with its path under the argument it came from (``-O`` writes there) and
  its folder group (``--group-by-dir``);
* :func:`read_items` streams them as :class:`Item` s (one per text file, one per
  JSONL line), which :class:`cleantext.jobs.RecordFormat` parses;
* :func:`decode` is the decoding policy for plain text files and :func:`not_text`
  says when a file is not text at all.

>>> not_text(b"\\x89PNG\\r\\n\\x1a\\n...")
'a PNG image'
>>> decode("café".encode("latin-1"))
Decoded(text='café', encoding='windows-1252', detected=True)
"""

from __future__ import annotations

import codecs
import glob
import os
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .io import HEAD_BYTES, STDIO, InputError, _read_or_fail, iter_lines, open_input

#: How much of a file is looked at to decide whether it is text (git and grep look at 8000 bytes).
SNIFF_BYTES = HEAD_BYTES

#: File signatures of common formats that are not text, and how a warning names them.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"CLEANTEXT-MODEL\n", "a cleantext model"),
)

#: Byte order marks of the UTF-16/32 encodings (whose text holds NUL bytes), longest first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Characters that only valid multi-byte UTF-8 sequences decode to (not ASCII, not U+FFFD).
_UTF8_LETTERS = re.compile("[^\x00-\x7f\ufffd]")
#: Never guessed without a byte order mark: on short text they "fit" anything.
_NO_BOM_UNICODE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]


class InputFile(NamedTuple):
    """One file to read, found from a command-line argument.

    ``rel`` is its path under the directory it was found in (a directory argument, the
    fixed part of a glob, or its own folder when named directly): ``-O DIR`` writes its
    output to ``DIR/rel``. ``folder`` is its group under ``--group-by-dir``: the first
    folder of ``rel``, or the name of the folder it sits in when ``rel`` has none.
    """

    path: str
    rel: str
    folder: str | None


class Item(NamedTuple):
    """One input record: the file (as shown in messages), the JSONL line (``None`` for a
    whole text file), the raw bytes, the group found from the file's folder, and the
    index of its :class:`InputFile`."""

    source: str
    line: int | None
    payload: bytes
    group: str | None = None
    index: int = 0


class Decoded(NamedTuple):
    """A text file's text, the codec it was read with, and whether that codec was detected."""

    text: str
    encoding: str
    detected: bool


# ----------------------------------------------------------------------------- finding files


def expand_inputs(inputs: Sequence[str]) -> list[InputFile]:
    """Files to read: files as given, directories walked (sorted, hidden names skipped), globs expanded.

    Every input is checked before anything is read or written, so a typo fails fast.
    """
    files: list[InputFile] = []
    for arg in inputs:
        if arg == STDIO:
            files.append(InputFile(STDIO, "<stdin>", None))
        elif os.path.isfile(arg):
            files.append(_found(arg, os.path.dirname(arg)))
        elif os.path.isdir(arg):
            files.extend(_found(path, arg) for path in _walk(arg))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputError(f"{arg}: no file matches this pattern")
            base = _fixed_prefix(arg)
            for match in matches:
                paths = _walk(match) if os.path.isdir(match) else [match]
                files.extend(_found(path, base) for path in paths if os.path.isfile(path))
        elif os.path.exists(arg):
            raise InputError(f"{arg}: not a regular file or directory")
        else:
            raise InputError(f"{arg}: no such file or directory")
    return files


def _found(path: str, base: str) -> InputFile:
    rel = os.path.relpath(path, base or ".")
    parts = rel.split(os.sep)
    folder = parts[0] if len(parts) > 1 else os.path.basename(os.path.abspath(base or "."))
    return InputFile(path, rel, folder)


def _fixed_prefix(pattern: str) -> str:
    """The directory part of a glob before its first wildcard: ``pages/**/*.txt`` -> ``pages``."""
    fixed: list[str] = []
    for part in pattern.split(os.sep)[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return os.sep.join(fixed) if fixed != [""] else os.sep


def _walk(directory: str) -> list[str]:
    found: list[str] = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(names) if not f.startswith("."))
    return found


# ----------------------------------------------------------------------------- reading


def read_items(files: Sequence[InputFile], *, jsonl: bool, group_by_dir: bool = False,
               encoding: str | None = None) -> Iterator[Item]:
    """Input items, streamed: one per text file, or one per non-blank JSONL line.

    A file that is not text is not read past its first 8 KB, which are its only item:
    that is enough for the parser to say what it is (``encoding``: the one forced, see :func:`not_text`).
    """
    for index, file in enumerate(files):
        source = "<stdin>" if file.path == STDIO else file.path
        group = file.folder if group_by_dir else None
        if not jsonl:
            yield Item(source, None, read_document(file.path, encoding), group, index)
            continue
        for lineno, line in iter_lines(file.path, stop_if=records_not_text):
            if line.strip():
                yield Item(source, lineno, line, group, index)


def read_document(path: str, encoding: str | None = None) -> bytes:
    """A text file's (decompressed) bytes; only its first bytes when they show it is not text."""
    with open_input(path) as stream:
        head = _read_or_fail(path, lambda: stream.read(SNIFF_BYTES))
        if len(head) < SNIFF_BYTES or not_text(head, encoding):
            return head
        return head + _read_or_fail(path, stream.read)


# ----------------------------------------------------------------------------- text or not


def not_text(data: bytes, encoding: str | None = None) -> str | None:
    """What ``data`` is when it is not text (by signature, or NUL bytes in its first 8 KB), else None.
    NUL bytes are text in an ``encoding`` that writes them for ASCII (UTF-16, UTF-32: ``--encoding``).

    >>> not_text(b"%PDF-1.7"), not_text(b"plain\\x00bytes"), not_text("text".encode("utf-16"))
    ('a PDF document', 'binary data (NUL bytes)', None)
    >>> not_text("text".encode("utf-16-le")), not_text("text".encode("utf-16-le"), "utf-16-le")
    ('binary data (NUL bytes)', None)
    """
    kind = _signature(data)
    if kind:
        return kind
    head = data[:SNIFF_BYTES]
    if b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS) and not wide(encoding):
        return "binary data (NUL bytes)"
    return None


def records_not_text(head: bytes) -> str | None:
    """:func:`not_text` for a JSONL file: by signature, or NUL bytes in its *first line* (a file with no
    line end in its first 8 KB is one line). A NUL in a later line is that record's error, with its
    line number: the file's other records are not lost.

    >>> records_not_text(b'{"text": "a"}\\n{"text": "b\\x00"}\\n'), records_not_text(b"\\x00\\x01\\x02")
    (None, 'binary data (NUL bytes)')
    """
    kind = _signature(head)  # on the whole head: a PNG's own signature holds a line end
    if kind:
        return kind
    end = head.find(b"\n")
    first = head if end < 0 else head[: end + 1]
    if b"\x00" in head and not first.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{"):
        return not_text(head)  # NUL bytes, and no JSON object to start with: binary, not a bad record a line
    return not_text(first)


def _signature(data: bytes) -> str | None:
    """What a file that starts with ``data`` is, by its signature (:data:`SIGNATURES`), or None."""
    return next((kind for signature, kind in SIGNATURES if data.startswith(signature)), None)


def wide(encoding: str | None) -> bool:
    """Whether ``encoding`` writes NUL bytes for ASCII text (UTF-16, UTF-32), so lines cannot be split at
    newline bytes before decoding.

    >>> wide("utf-16"), wide("UTF-32-LE"), wide("cp1252"), wide(None), wide("undefined")
    (True, True, False, False, False)
    """
    if encoding is None:
        return False
    try:
        return b"\x00" in "\n".encode(encoding)
    except (LookupError, UnicodeError):  # an encoding that cannot write a newline: decoding will say so
        return False


def check_encoding(name: str) -> str:
    """``name`` if Python knows the codec, else a :class:`InputError` (for ``--encoding``)."""
    try:
        b"a".decode(name)  # also refuses codecs that are not text encodings (rot13, hex, zlib)
    except UnicodeError:  # a known codec (one byte may be too short for it, as for UTF-16)
        pass
    except LookupError:
        raise InputError(f"--encoding: unknown encoding {name!r} (e.g. utf-8, latin-1, cp1252, shift_jis)") from None
    return name


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """The text of a plain text file: ``encoding`` when given, else UTF-8 when valid, else detected.

    Bytes that are mostly valid UTF-8 (more characters from valid multi-byte sequences than
    invalid sequences: a file cut in the middle of a character, a stray byte) stay UTF-8,
    the invalid bytes replaced. Detection (charset-normalizer) prefers windows-1252 whenever it reads the bytes as
    cleanly as the best guess: it is the commonest legacy encoding of Western pages (the
    HTML standard's default), and on short text several code pages tie. A byte that
    cannot be decoded becomes U+FFFD: decoding never raises.

    >>> decode(b"caf\\xc3\\xa9")
    Decoded(text='café', encoding='utf-8', detected=False)
    >>> decode(b"caf\\xe9", "latin-1")
    Decoded(text='café', encoding='latin-1', detected=False)
    """
    if encoding is not None:
        return Decoded(data.decode(encoding, "replace"), encoding, False)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, "replace"), codec, False)
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    if len(_UTF8_LETTERS.findall(text)) > invalid:  # UTF-8 with a few bad bytes (a cut file), not a legacy encoding
        return Decoded(text, "utf-8 (invalid bytes replaced)", True)
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data, cp_exclusion=_NO_BOM_UNICODE).best()
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or mess_ratio(western) <= best.chaos):
        return Decoded(western, "windows-1252", True)
    if best is None:
        return Decoded(data.decode("utf-8", "replace"), "utf-8 (invalid bytes replaced)", True)
    return Decoded(str(best), best.encoding, True)
