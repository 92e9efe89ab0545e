"""Check every shipped rule pattern alone and write the list of checked rule files.

    python scripts/check_rules.py           # check, and rewrite cleantext/languages/checked.txt
    python scripts/check_rules.py --check   # check, and exit 1 if checked.txt is not current

Loading a rule file compiles each of its patterns alone only to name the rule a syntax
error or a capturing group is in (``cleantext.rules._check``). For the shipped files that
is done here, once, when they change: a file whose SHA-256 is in ``checked.txt`` is
loaded without it (``cleantext.rules.shipped_checked``). Run this after editing a rule
file; ``tests/test_rules_cache.py`` fails while the list is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HEADER = (
    "# SHA-256 of each shipped rule file whose patterns each compile alone with no capturing group.\n"
    "# Written by `python scripts/check_rules.py` (run it after editing a rule file); a file whose\n"
    "# bytes are listed here is loaded without compiling its patterns one by one (cleantext/rules.py).\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the list is stale")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from cleantext import languages, rules

    wanted = HEADER + "".join(f"{line}\n" for line in rules.checked_lines())
    target = Path(str(languages.root().joinpath(rules.CHECKED_FILE)))
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if current != wanted:
            print(f"{target} is stale: run python scripts/check_rules.py", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        target.write_text(wanted, encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
