"""What the command line shows people and machines: explanations and end-of-run counts.

>>> from cleantext.removal import Removal
>>> r = Removal(6, 19, "lines", "ads", "ad marker", text="Advertisement")
>>> explain_lines([r], source="page.txt", line=None, text="Story\\nAdvertisement", form="text", color=False)
['page.txt:2: [ads] "Advertisement"  (lines, high: ad marker)\\n']
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .removal import Removal

#: ANSI styles for ``--explain`` on a terminal.
_DIM, _CATEGORY, _REMOVED, _KEPT, _RESET = "\x1b[2m", "\x1b[1;33m", "\x1b[31m", "\x1b[32m", "\x1b[0m"
_MAX_SHOWN = 160
#: Bad records reported in full at the end of a run, then how many more are located by file:line.
SHOWN_BAD = 5
SHOWN_PLACES = 20


#: Control characters (and the Unicode line and paragraph separators) as visible escapes: a file name
#: holding a newline or a terminal escape must not split a message or drive the terminal.
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROLS.update({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """``text`` with its control characters escaped, so that it prints as one line.

    >>> one_line("bad\\n\\x1b[2Jname.txt")
    'bad\\\\n\\\\x1b[2Jname.txt'
    """
    return text.translate(_CONTROLS)


def explain_lines(
    removals: Iterable[Removal],
    *,
    source: str,
    line: int | None,
    text: str,
    form: str,
    color: bool,
) -> list[str]:
    """One line per removal. ``line`` is the JSONL record's line; for a whole text
    file it is ``None`` and each removal gets the line of ``text`` where it starts."""
    out = []
    counted, lines_before = 0, 0  # removals come in order: count the newlines once, not from 0 for each
    for r in removals:
        if line is None:
            if r.start < counted:  # not in order (a caller's list): count again from the start
                counted, lines_before = 0, 0
            lines_before += text.count("\n", counted, r.start)
            counted = r.start
        where = line if line is not None else lines_before + 1
        if form == "jsonl":
            row = {"file": source, "line": where, **r.to_dict()}
            out.append(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            out.append(_human(r, f"{one_line(source)}:{where}:", color) + "\n")
    return out


def _human(r: Removal, where: str, color: bool) -> str:
    shown = json.dumps(_shorten(r.text), ensure_ascii=False)
    label = f"[{r.category}{', kept by the safety cap' if r.capped else ''}]"
    why = f"({r.filter}, {r.confidence}: {r.reason})"
    if not color:
        return f"{where} {label} {shown}  {why}"
    style = _KEPT if r.capped else _REMOVED
    return (
        f"{_DIM}{where}{_RESET} {_CATEGORY}{label}{_RESET} "
        f"{style}{shown}{_RESET}  {_DIM}{why}{_RESET}"
    )


def _shorten(text: str) -> str:
    """Long removals shown as their start and end (``--format jsonl`` has the full text)."""
    if len(text) <= _MAX_SHOWN:
        return text
    return text[: _MAX_SHOWN - 40] + " … " + text[-30:]


class RunStats:
    """Counts accumulated over a run, printed by ``--stats`` (and the bad-record summary)."""

    def __init__(self) -> None:
        self.records = 0
        self.chars_in = 0
        self.chars_out = 0
        self.removals: Counter[str] = Counter()
        self.removed_chars: Counter[str] = Counter()
        self.capped = 0
        self.ungrouped = 0
        self.bad = 0
        self.bad_shown: list[str] = []  # the first SHOWN_BAD messages in full
        self.bad_places: list[str] = []  # where the next ones were (file:line), up to SHOWN_PLACES
        self.skipped = 0  # inputs that are not text
        self.decoded: Counter[str] = Counter()  # text files read in a detected encoding, per encoding

    def add(self, outcome: Any, *, grouping: bool) -> None:
        """Count one good record (a :class:`cleantext.jobs.Outcome`)."""
        self.records += 1
        self.chars_in += outcome.chars_in
        self.chars_out += outcome.chars_out
        for category, count, chars in outcome.removed:
            self.removals[category] += count
            self.removed_chars[category] += chars
        self.capped += outcome.capped
        if grouping and not outcome.grouped:
            self.ungrouped += 1

    def add_bad(self, message: str, where: str = "") -> None:
        """Count a bad record; the first few are kept for :meth:`bad_summary`."""
        self.bad += 1
        if len(self.bad_shown) < SHOWN_BAD:
            self.bad_shown.append(message)
        elif len(self.bad_places) < SHOWN_PLACES and where:
            self.bad_places.append(where)

    def bad_summary(self, policy: str) -> str | None:
        """The lines that report bad records under ``--on-error skip|keep`` (None if there were none):
        the count, the first few messages in full, then where the next ones are.

        >>> stats = RunStats()
        >>> for n in range(1, 9):
        ...     stats.add_bad(f"c.jsonl:{n}: malformed JSON", f"c.jsonl:{n}")
        >>> print(stats.bad_summary("skip"))
        8 bad record(s) skipped:
          c.jsonl:1: malformed JSON
          c.jsonl:2: malformed JSON
          c.jsonl:3: malformed JSON
          c.jsonl:4: malformed JSON
          c.jsonl:5: malformed JSON
          3 more at c.jsonl:6, c.jsonl:7, c.jsonl:8
        """
        if not self.bad:
            return None
        done = "skipped" if policy == "skip" else "kept unchanged"
        lines = [f"{self.bad:,} bad record(s) {done}:", *(f"  {m}" for m in self.bad_shown)]
        rest = self.bad - len(self.bad_shown)
        if rest:
            places = ", ".join(self.bad_places)
            unnamed = rest - len(self.bad_places)
            lines.append(f"  {rest:,} more at {places}" + (f" and {unnamed:,} other(s)" if unnamed else ""))
        return "\n".join(lines)

    def table(self) -> str:
        """The ``--stats`` report: totals, then removals and characters per category."""
        share = 1 - self.chars_out / self.chars_in if self.chars_in else 0.0
        lines = [
            (
                f"cleantext: {self.records:,} records, {self.chars_in:,} characters in, "
                f"{self.chars_out:,} out ({share:.1%} removed)"
            ),
            f"  {'category':<12} {'removals':>10} {'characters':>12}",
        ]
        for category in sorted(self.removals, key=lambda c: (-self.removed_chars[c], c)):
            lines.append(
                f"  {category:<12} {self.removals[category]:>10,} {self.removed_chars[category]:>12,}"
            )
        if self.capped:
            lines.append(f"  {self.capped:,} low-confidence removal(s) held back by the safety cap")
        return "\n".join(lines + self._input_lines())

    def input_table(self, documents: int) -> str:
        """The ``fit --stats`` report: what was read (``documents`` used), and what was not.

        >>> stats = RunStats()
        >>> stats.skipped, stats.decoded["windows-1252"] = 1, 2
        >>> print(stats.input_table(40))
        cleantext: 40 documents read
          1 input(s) skipped: not text
          2 file(s) not UTF-8, read as windows-1252 (detected)
        """
        return "\n".join([f"cleantext: {documents:,} documents read", *self._input_lines()])

    def _input_lines(self) -> list[str]:
        lines = []
        if self.ungrouped:
            lines.append(f"  {self.ungrouped:,} record(s) had no group (null field or URL without a host)")
        if self.bad:
            lines.append(f"  {self.bad:,} bad record(s)")
        if self.skipped:
            lines.append(f"  {self.skipped:,} input(s) skipped: not text")
        for encoding, files in sorted(self.decoded.items()):
            lines.append(f"  {files:,} file(s) not UTF-8, read as {encoding} (detected)")
        return lines
