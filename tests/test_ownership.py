"""The module-name clash with PyPI's clean-text / cleantext projects is detected and explained."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from cleantext import ownership


def test_no_clash_in_this_environment():
    assert ownership.foreign_owners() == []


def test_clash_is_reported_plainly(tmp_path):
    dist = tmp_path / "clean_text-0.6.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: clean-text\nVersion: 0.6.0\n")
    code = textwrap.dedent(
        f"""
        import sys, warnings
        sys.path.insert(0, {str(tmp_path)!r})
        warnings.simplefilter("always")
        with warnings.catch_warnings(record=True) as caught:
            import cleantext
        print("\\n".join(str(w.message) for w in caught if w.category.__name__ == "ModuleClashWarning"))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "clean-text 0.6.0" in out
    assert "pip uninstall" in out
