"""Near-duplicate documents: a bottom-k MinHash signature over word shingles.

Syndicated copies of one story (the same wire text inside two outlets'
templates) must count once when deciding whether a span is boilerplate. A
signature is the ``SIGNATURE_SIZE`` smallest hashes (CRC-32: stable and fast)
of the document's word 5-shingles, a bottom-k sketch (Cohen & Kaplan 2007),
packed into bytes so that many fit in memory. Two signatures estimate the
Jaccard similarity of the shingle sets. Word shingles weigh a span by its
length, so a long story outweighs its short template lines; span keys as
shingles were tried and made same-site pages look alike (docs/learning.md).
"""

from __future__ import annotations

import heapq
import struct
import zlib
from itertools import accumulate

import regex

from ..analysis.chars import EXPANDS, WORD_CHARS, WORD_CODES, CodeTable, word_lines

#: Hashes kept per document: the estimate's standard error is about sqrt(J(1-J)/k), ~0.09 at J=0.5.
SIGNATURE_SIZE = 32
#: Words per shingle.
SHINGLE_WORDS = 5

_WORD_RE = regex.compile(r"\w+")


def signature(text: str) -> bytes:
    """The bottom-k signature of ``text`` (sorted 32-bit shingle hashes, packed big-endian).

    A shingle's hash is the CRC-32 of its words joined by single spaces (UTF-8).
    The words are encoded and joined once and each shingle is a slice of that,
    hashed without a Python-level loop: this runs on every document fitted.

    >>> len(signature("one two three four five six")) // 4
    2
    >>> signature("") == b""
    True
    >>> signature("One two, three four five six") == _signature_plain("one two three four five six")
    True
    """
    # The words as UTF-8, split as bytes: word_lines leaves word characters (none is whitespace, and \w
    # never matches a surrogate), spaces and newlines, and no UTF-8 sequence holds an ASCII byte.
    words = word_lines(text.casefold()).encode("utf-8", "surrogatepass").split()
    if not words:
        return b""
    joined = b" ".join(words)
    if len(words) <= SHINGLE_WORDS:
        hashes = {zlib.crc32(joined)}
    else:
        # each word's offset in joined, and the end + 1
        starts = list(accumulate(map((1).__add__, map(len, words)), initial=0))
        ends = map((-1).__add__, starts[SHINGLE_WORDS:])
        hashes = set(map(zlib.crc32, map(joined.__getitem__, map(slice, starts, ends))))
    smallest = heapq.nsmallest(SIGNATURE_SIZE, hashes)  # a pass over the hashes, no sort of them all
    return struct.pack(f">{len(smallest)}I", *smallest)


def signatures(texts: list[str]) -> list[bytes]:
    """:func:`signature` of each text, computed together with whole-array operations: the words of
    all texts folded and split at once, every shingle's CRC-32 computed byte by byte across all
    shingles (a numpy table-driven CRC, the same values as ``zlib.crc32``), the bottom-k of each
    text taken from one sort.

    >>> ts = ["One two, three four five six", "", "Straße und Weg", "a b c d e f g h"]
    >>> signatures(ts) == [signature(t) for t in ts]
    True
    """
    import numpy as np

    if len(texts) < 2 or sum(map(len, texts)) < _ARRAY_TEXT_CHARS:
        return [signature(text) for text in texts]
    codes = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    mapped = _FOLDED_WORD_CODES(codes)
    if (mapped == EXPANDS).any():  # a character that folds to several (ß -> ss): fold the texts first
        folded = [text.casefold() for text in texts]
        codes = np.frombuffer("\n".join(folded).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        mapped = WORD_CODES(codes)
    else:
        folded = texts
    # 0 between texts (no word character is 0); every text's words then end in a space
    mapped[np.cumsum([len(text) + 1 for text in folded[:-1]], dtype=np.intp) - 1] = 0
    raw = np.frombuffer(mapped.tobytes().decode("utf-32-le").encode("utf-8") + b" ", dtype=np.uint8)
    word = (raw != 32) & (raw != 10) & (raw != 0)  # what bytes.split() splits off
    edges = np.flatnonzero(np.diff(word.view(np.int8), prepend=np.int8(0)))
    starts, ends = edges[0::2], edges[1::2]
    out = [b""] * len(texts)
    if len(starts) == 0:
        return out
    doc = np.searchsorted(np.flatnonzero(raw == 0), starts)
    sizes = ends - starts
    # the words of all texts joined by single spaces (bytes.join of each text's words, end to end)
    keep = word.copy()
    keep[ends] = True
    joined = raw[keep]
    at = np.cumsum(sizes + 1) - (sizes + 1)  # each word's offset in joined
    joined[at + sizes] = 32
    counts = np.bincount(doc, minlength=len(texts))
    first = np.cumsum(counts) - counts
    # shingles: SHINGLE_WORDS words of one text; a text of fewer words is one shingle
    head = np.arange(max(0, len(starts) - SHINGLE_WORDS + 1))
    head = head[doc[head] == doc[head + SHINGLE_WORDS - 1]]
    few = np.flatnonzero((counts > 0) & (counts < SHINGLE_WORDS))
    last = np.concatenate([head + SHINGLE_WORDS - 1, first[few] + counts[few] - 1])
    begin = at[np.concatenate([head, first[few]])]
    lengths = at[last] + sizes[last] - begin
    owner = np.concatenate([doc[head], few])
    hashes = np.empty(len(lengths), dtype=np.uint32)
    if len(head):  # shingles of SHINGLE_WORDS words: from the CRCs of their words
        hashes[: len(head)] = _shingle_crc32s(joined, at, sizes, head)
    if len(few):  # a text of fewer words: its words, byte by byte
        hashes[len(head) :] = _crc32s(joined, begin[len(head) :], np.minimum(lengths[len(head) :], _ARRAY_SHINGLE_BYTES))
    long = np.flatnonzero(lengths > _ARRAY_SHINGLE_BYTES)  # the array CRCs only reach this far: zlib's
    if len(long):
        data = joined.tobytes()
        hashes[long] = [zlib.crc32(data[a : a + n]) for a, n in zip(begin[long].tolist(), lengths[long].tolist())]
    # per text, its distinct hashes ascending: one sort of (text, hash), duplicates dropped
    keyed = np.sort(owner.astype(np.uint64) << np.uint64(32) | hashes.astype(np.uint64))
    keyed = keyed[np.concatenate(([True], keyed[1:] != keyed[:-1]))]
    text_of = (keyed >> np.uint64(32)).astype(np.intp)
    rank = np.arange(len(keyed)) - np.searchsorted(text_of, np.arange(len(texts)))[text_of]
    chosen = rank < SIGNATURE_SIZE
    packed = (keyed[chosen] & np.uint64(0xFFFFFFFF)).astype(">u4").tobytes()
    taken = np.bincount(text_of[chosen], minlength=len(texts)).tolist()
    offset = 0
    for i, n in enumerate(taken):
        out[i] = packed[offset : offset + 4 * n]
        offset += 4 * n
    return out


#: :func:`signatures` of texts shorter than this together are computed one by one; shingles longer
#: than this many bytes are hashed with ``zlib.crc32`` (the array CRC loops once per byte of the longest).
_ARRAY_TEXT_CHARS = 2000
_ARRAY_SHINGLE_BYTES = 256
#: Shingles hashed together: sorted by length chunk by chunk (the bytes a chunk reads stay in cache).
_CRC_CHUNK = 1 << 14
#: Strings longer than this (bytes) are hashed with ``zlib.crc32`` (few words are; the loop is per byte).
_LOOP_BYTES = 24


def _folded_word_code(code: int) -> int:
    """A character's case fold as :data:`~cleantext.analysis.chars.WORD_CHARS` maps it; ``EXPANDS``
    if it folds to several characters."""
    folded = chr(code).casefold()
    return WORD_CHARS[ord(folded)] if len(folded) == 1 else EXPANDS


_FOLDED_WORD_CODES = CodeTable(_folded_word_code)


def _tables():  # type: ignore[no-untyped-def]
    """The CRC-32 byte table; the table of :func:`_shifted` (``n`` zero bytes after a register, per byte
    of the register, ``n`` up to ``_ARRAY_SHINGLE_BYTES``); the register of ``0xFFFFFFFF`` so shifted."""
    import numpy as np

    global _CRC_TABLES
    if _CRC_TABLES is None:
        table = np.arange(256, dtype=np.uint32)
        for _ in range(8):
            table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1).astype(np.uint32)
        row = (np.arange(256, dtype=np.uint32)[None, :] << (np.uint32(8) * np.arange(4, dtype=np.uint32))[:, None]).ravel()
        rows, ones, one = [], [], 0xFFFFFFFF
        for _ in range(_ARRAY_SHINGLE_BYTES + 1):
            rows.append(row)
            ones.append(one)
            row = table[row & 0xFF] ^ (row >> 8)
            one = int(table[one & 0xFF]) ^ (one >> 8)
        _CRC_TABLES = table, np.concatenate(rows), np.array(ones, dtype=np.uint32)
    return _CRC_TABLES


_CRC_TABLES = None


def _shifted(register, n):  # type: ignore[no-untyped-def]
    """The CRC registers ``register`` after ``n`` (an array, at most ``_ARRAY_SHINGLE_BYTES``) zero bytes
    each: linear in the register, so a table lookup per byte of it."""
    import numpy as np

    _, shift, _ = _tables()
    base = n.astype(np.intp) * 1024
    return (shift[base + (register & 0xFF)] ^ shift[base + 256 + ((register >> 8) & 0xFF)]
            ^ shift[base + 512 + ((register >> 16) & 0xFF)] ^ shift[base + 768 + (register >> 24)])


def _shingle_crc32s(joined, at, sizes, head):  # type: ignore[no-untyped-def]
    """``zlib.crc32`` of the shingles of ``SHINGLE_WORDS`` words starting at the words ``head`` (words
    at offsets ``at``, ``sizes`` bytes, each followed by one space in ``joined``), from each word's CRC
    register: the register of a string is linear in what precedes it (``R(A + B) = shift(R(A), len(B))
    ^ R(B)`` from a zero register), so pairs, then fours, then the shingle combine by table lookups.
    Exact for shingles of at most ``_ARRAY_SHINGLE_BYTES`` bytes (the caller hashes longer ones)."""
    import numpy as np

    table, _, ones = _tables()
    top = _ARRAY_SHINGLE_BYTES
    size = np.minimum(sizes, top)
    word = _crc32s(joined, at, size, 0, 0)  # each word's register from zero
    spaced = table[(word ^ 32) & 0xFF] ^ (word >> 8)  # ... and of the word and its space
    pair = _shifted(spaced[:-1], np.minimum(size[1:] + 1, top)) ^ spaced[1:]  # words j, j + 1 and their spaces
    pair_size = size[:-1] + size[1:] + 2
    four = _shifted(pair[:-2], np.minimum(pair_size[2:], top)) ^ pair[2:]
    last = head + SHINGLE_WORDS - 1
    register = _shifted(four[head], size[last]) ^ word[last]
    total = np.minimum(pair_size[head] + pair_size[head + 2] + size[last], top)
    return ones[total] ^ register ^ np.uint32(0xFFFFFFFF)  # zlib: register from 0xFFFFFFFF, inverted


def _crc32s(data, begin, lengths, start=0xFFFFFFFF, invert=0xFFFFFFFF):  # type: ignore[no-untyped-def]
    """``zlib.crc32(data[b : b + n])`` for each ``b``, ``n`` of ``begin``, ``lengths`` (``data`` a
    uint8 array), all at once: the table-driven CRC-32, one byte of every string per step (``start``
    and ``invert`` 0: the registers from zero, not inverted)."""
    import numpy as np

    table, _, ones = _tables()
    n = len(lengths)
    out = np.empty(n, dtype=np.uint32)
    long = np.flatnonzero(lengths > _LOOP_BYTES)
    if len(long):  # the few long strings with zlib (the loop below runs once per byte of the longest)
        raw = data.tobytes()
        size = lengths[long]
        found = np.array([zlib.crc32(raw[b : b + m]) for b, m in zip(begin[long].tolist(), size.tolist())],
                         dtype=np.uint32)
        found ^= np.uint32(0xFFFFFFFF)  # zlib's register, inverted back: the register from 0xFFFFFFFF
        if start == 0:  # from zero instead: less what 0xFFFFFFFF becomes over the string's length
            found ^= ones[np.minimum(size, _ARRAY_SHINGLE_BYTES)]
        out[long] = found ^ np.uint32(invert)
        short = np.flatnonzero(lengths <= _LOOP_BYTES)
        out[short] = _crc32s(data, begin[short], lengths[short], start, invert)
        return out
    data = data.astype(np.uint32)
    size = min(n, _CRC_CHUNK)
    index, byte, looked = (np.empty(size, dtype=np.intp), np.empty(size, dtype=np.uint32),
                           np.empty(size, dtype=np.uint32))
    for lo in range(0, n, _CRC_CHUNK):
        hi = min(n, lo + _CRC_CHUNK)
        order = np.argsort((0xFFFF - lengths[lo:hi]).astype(np.uint16), kind="stable")  # longest first
        size_ = lengths[lo:hi][order]
        pos = begin[lo:hi][order].astype(np.intp)
        crc = np.full(hi - lo, start, dtype=np.uint32)
        # the strings still running at step j: a prefix, as they are sorted longest first
        running = np.searchsorted(-size_, -np.arange(int(size_[0]) if len(size_) else 0), side="left").tolist()
        for j, k in enumerate(running):
            c, i, b, t = crc[:k], index[:k], byte[:k], looked[:k]
            np.add(pos[:k], j, out=i)
            np.take(data, i, out=b)
            np.bitwise_xor(b, c, out=b)
            np.bitwise_and(b, 0xFF, out=b)
            np.take(table, b, out=t)
            np.right_shift(c, 8, out=c)
            np.bitwise_xor(c, t, out=c)
        out[lo + order] = crc ^ np.uint32(invert)
    return out


def _signature_plain(text: str) -> bytes:
    """:func:`signature` written plainly (the definition; tests check that both agree)."""
    words = _WORD_RE.findall(text.casefold())
    if not words:
        return b""
    n = max(1, len(words) - SHINGLE_WORDS + 1)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(n)}
    smallest = heapq.nsmallest(SIGNATURE_SIZE, {zlib.crc32(s.encode("utf-8", "surrogatepass")) for s in shingles})
    return struct.pack(f">{len(smallest)}I", *smallest)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the documents behind two signatures.

    >>> s = signature("the night was not entirely calm there were many drone attacks")
    >>> similarity(s, s)
    1.0
    >>> similarity(s, signature("support the moscow times with a monthly contribution today"))
    0.0
    """
    if not a or not b:
        return 0.0
    sa, sb = set(_unpack(a)), _unpack(b)
    union = sorted(sa.union(sb))[:SIGNATURE_SIZE]
    return len(sa.intersection(sb).intersection(union)) / len(union)


def _unpack(sig: bytes) -> tuple[int, ...]:
    return struct.unpack(f">{len(sig) // 4}I", sig)


def count_clusters(signatures: list[bytes], threshold: float,
                   memo: dict[tuple[bytes, bytes], bool] | None = None) -> int:
    """How many distinct stories a list of documents holds: greedy clustering in the given order.

    Each document joins the first earlier representative it is a near duplicate
    of (estimated Jaccard >= ``threshold``) or becomes a representative itself.
    ``memo`` (one dict per finalisation, same threshold) remembers each pair's
    answer: a site's template lines share the same sampled documents, so the
    same pairs come up for many spans.

    >>> a = signature("the night was not entirely calm there were a large number of drone attacks today")
    >>> b = signature("support the moscow times we are facing unprecedented challenges please help")
    >>> count_clusters([a, a, b], 0.5)
    2
    """
    memo = {} if memo is None else memo
    representatives: list[bytes] = []
    for sig in signatures:
        for rep in representatives:
            same = memo.get((sig, rep))
            if same is None:
                same = memo[sig, rep] = similarity(sig, rep) >= threshold
            if same:
                break
        else:
            representatives.append(sig)
    return len(representatives)
