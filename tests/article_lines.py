"""Two article paragraphs the rule tests put a line between: a rule must take the line and leave them."""

from __future__ import annotations

BEFORE = "The council voted on Tuesday to close the old bridge to heavy traffic from next spring."
AFTER = "Work on a replacement is expected to start in 2025, the mayor said."


def between(line: str, *, blank: bool = False) -> str:
    """``line`` between :data:`BEFORE` and :data:`AFTER`, in one paragraph with them or (``blank``) its own."""
    sep = "\n\n" if blank else "\n"
    return f"{BEFORE}{sep}{line}{sep}{AFTER}"
