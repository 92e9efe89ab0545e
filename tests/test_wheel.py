"""The wheel ships the library only: no benchmark harness, no development tools (issue 13)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_has_the_package_and_no_benchmark_or_tool_module(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    modules = [n for n in names if n.endswith(".py")]
    assert "cleantext/__init__.py" in modules
    assert "cleantext/page_data/line_model.npz" in names
    assert {"cleantext/languages/order.txt", "cleantext/languages/checked.txt", "cleantext/languages/common.toml", "cleantext/languages/en/rules.toml",
            "cleantext/languages/en/stopwords.txt", "cleantext/languages/en/words.toml"} <= set(names)
    top = {n.split("/")[0] for n in modules}
    assert top == {"cleantext"}, top
    # the regex syntax reader is the library's (the matcher's gates are read with it); its audit is not
    assert "cleantext/analysis/regex_syntax.py" in modules
    development = [n for n in modules if any(part in n for part in ("bench", "reliability", "backtracking",
                                                                      "page_train", "rule_mining"))]
    assert development == []
