"""Line analysis: compiled scans of whole documents that tell which lines rules may hit.

:class:`~cleantext.analysis.automaton.LiteralSet` finds many literals at once, in
one line or over a whole document (Aho-Corasick through ``ahocorasick-rs`` when it
is installed, else a trie-shaped ``re`` pattern: same answers, tested both ways).
The rule matcher (:mod:`cleantext.filters.matcher`) builds its gates on it, so that
only lines holding a rule's literal are judged one by one.
:class:`~cleantext.analysis.chars.SpaceOut` splits text into the words of a pattern with
one ``str.translate`` (the learner's keys, page mode's line features).
"""

from __future__ import annotations

from .automaton import LiteralSet, compiled

__all__ = ["LiteralSet", "compiled"]
