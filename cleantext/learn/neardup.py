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

from ..analysis.chars import word_lines

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
