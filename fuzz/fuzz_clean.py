"""Coverage-guided fuzzing of clean() and explain() with atheris, checking the guarantees.

Not only "no crash": for every input this checks that ``clean`` never raises and
returns valid UTF-8, is idempotent, never adds a word, that ``explain`` spans are
disjoint, sorted, in bounds and carry their text, and that cutting the applied
spans reproduces ``clean`` exactly. A violated check raises, which atheris
reports as a finding (the input is saved as ``crash-*``).

Short run (what ``tests/test_fuzz.py`` does)::

    python fuzz/fuzz_clean.py -max_total_time=25 -artifact_prefix=/tmp/ /tmp/corpus fixtures/seeds

Long run (hours; keep the corpus between runs, use both cores)::

    mkdir -p fuzz/corpus && python fuzz/fuzz_clean.py -max_total_time=14400 -jobs=2 -workers=2 \\
        -max_len=20000 -artifact_prefix=fuzz/ fuzz/corpus fixtures/seeds
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

with atheris.instrument_imports():
    import regex

    import cleantext
    from cleantext.normalize import cut

_WORDS = regex.compile(r"\w+")


def text_from(data: bytes) -> str:
    """Bytes to a str, several ways: UTF-8 (as pages arrive), any code points (lone surrogates too)."""
    if not data:
        return ""
    mode, rest = data[0] % 4, data[1:]
    if mode == 0:
        return rest.decode("utf-8", "replace")
    if mode == 1:
        return rest.decode("utf-8", "surrogateescape")  # lone surrogates U+DC80..U+DCFF
    if mode == 2:
        return rest.decode("latin-1")  # C1 controls, mojibake material
    provider = atheris.FuzzedDataProvider(rest)
    return provider.ConsumeUnicode(len(rest))  # any code point, surrogates included


def check(text: str) -> None:
    """Raise AssertionError if any guarantee fails for ``text``."""
    result = cleantext.default_pipeline().run(text)
    cleaned, normalized = result.text, result.normalized
    cleaned.encode("utf-8")
    assert cleaned == cleantext.clean(text), "clean() is not deterministic"
    assert cleantext.clean(cleaned) == cleaned, "clean() is not idempotent"
    words, source = _WORDS.findall(cleaned), iter(_WORDS.findall(normalized))
    assert all(word in source for word in words), "clean() added or reordered a word"
    end = 0
    for r in result.removals:
        assert end <= r.start < r.end <= len(normalized), f"bad span {r}"
        assert normalized[r.start : r.end] == r.text, f"span text differs: {r}"
        end = r.end
    applied = [(r.start, r.end) for r in result.removals if r.applied]
    assert cut(normalized, applied) == cleaned, "explain() spans do not reproduce clean()"


def test_one_input(data: bytes) -> None:
    check(text_from(data))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
