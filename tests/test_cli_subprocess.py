"""Real ``python -m cleantext`` processes: one run per command, plus -j 2 and a failing run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cli_helpers import ROOT, SITE_FOOTERS, read_jsonl, site_corpus, write_jsonl

import cleantext


def cli(*argv: str, stdin: bytes = b"", cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cleantext", *argv],
        input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False,
    )


def test_clean_pipe():
    page = "Storm hits coast.\n\nAdvertisement\n\nSign up for our free weekly newsletter"
    done = cli(stdin=page.encode())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == cleantext.clean(page) + "\n"
    assert done.stderr == b""


def test_version_and_help():
    assert cli("--version").stdout.decode().strip() == f"cleantext {cleantext.__version__}"
    assert b"examples:" in cli("--help").stdout


def test_fit_then_clean_in_parallel(tmp_path):
    records = site_corpus(60)
    src = write_jsonl(tmp_path / "sites.jsonl", records)
    model = tmp_path / "site.model"
    fitted = cli("fit", "--jsonl", "--group-by-domain", "url", str(src), "-o", str(model), "-j", "2")
    assert fitted.returncode == 0, fitted.stderr
    out = tmp_path / "clean.jsonl.gz"
    cleaned = cli("--jsonl", "--model", str(model), "--group-by-domain", "url", str(src), "-o", str(out),
                  "-j", "2", "--stats")
    assert cleaned.returncode == 0, cleaned.stderr
    assert b"learned" in cleaned.stderr  # the --stats table
    import gzip

    rows = read_jsonl(gzip.decompress(out.read_bytes()))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert not any(f in r["text"] for r in rows for f in SITE_FOOTERS.values())


def test_error_exit_code_and_single_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": \n')
    done = cli("--jsonl", str(bad))
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and f"{bad}:2: malformed JSON" in lines[0]


def test_sigterm_leaves_no_partial_output(tmp_path):
    """Killed mid-run (here: waiting on stdin), the -o target is not created and no temp file stays."""
    import signal
    import time

    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleantext", "--jsonl", "-o", str(out)],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    assert proc.stdin is not None
    proc.stdin.write(b'{"text": "Some text.\\n\\nAdvertisement"}\n' * 100)
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):  # the temp file is open
        assert time.monotonic() < deadline, "the output temp file never appeared"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert err.decode().strip() == "cleantext: terminated"
    assert list(tmp_path.iterdir()) == []
