"""LineShapes counts what LineFeatures.of counts, line by line, where the joined scans can slip: lines
whose case-folded text is longer (the copyright cues are found in the folded text), lines without words
between lines with words (the per-line sums of the word bits)."""

from __future__ import annotations

import pytest

from cleantext.config import LANGUAGES
from cleantext.filters.page_features import LineFeatures, LineShapes, is_comment_byline, stopwords

FOLDS_LONGER = ["Straße und Fluß", "\ufb01nal o\ufb03ce", "İstanbul"]  # ß -> ss, ﬁ -> fi, İ -> i̇
NOTICES = ["© 2024 Example", "Alle Rechte vorbehalten.", "Copyright 2020 Example"]


@pytest.mark.parametrize("lines", [
    [*FOLDS_LONGER, *NOTICES],
    [NOTICES[0], *FOLDS_LONGER, NOTICES[1], "...", "—", NOTICES[2]],
    ["...", "Der Hund und die Katze.", "", "—", "2024 | News", "...", "Alex said:"],
    ["—", "..."],
    [*FOLDS_LONGER * 3, "©", "x", "(c) 2024", "y"],  # a short notice: a cue read at unfolded offsets misses it
])
def test_shapes_equal_the_per_line_features(lines: list[str]) -> None:
    language, columns = LineShapes(LANGUAGES).page(lines)
    assert [columns.line(i) for i in range(len(lines))] == [LineFeatures.of(t, stopwords(language)) for t in lines]
    assert columns.comment_byline.tolist() == [is_comment_byline(t) for t in lines]
