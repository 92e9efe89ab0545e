"""Real ``python -m cleantext`` processes: one run per command, plus -j 2 and a failing run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("signame, code, said", [("SIGTERM", 143, "terminated"), ("SIGHUP", 129, "terminated by SIGHUP")])
def test_sigterm_leaves_no_partial_output(tmp_path, signame, code, said):
    """Killed mid-run (here: waiting on stdin), the -o target is not created and no temp file stays. SIGHUP
    (the terminal closed) too: it left the temporary file behind."""
    import signal
    import time

    if not hasattr(signal, signame):
        pytest.skip(f"no {signame} on this platform")

    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleantext", "--jsonl", "-o", str(out)],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
        preexec_fn=_signal_defaults,  # a test run started under nohup would pass SIGHUP on ignored
    )
    assert proc.stdin is not None
    proc.stdin.write(b'{"text": "Some text.\\n\\nAdvertisement"}\n' * 100)
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):  # the temp file is open
        assert time.monotonic() < deadline, "the output temp file never appeared"
        time.sleep(0.05)
    proc.send_signal(getattr(signal, signame))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert err.decode().strip() == f"cleantext: {said}"
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------- folders, encodings, resume


def test_fit_by_folder_then_clean_into_a_folder(tmp_path):
    """The issue's scenario as a user types it: a folder per site, a PNG among the pages."""
    from cli_helpers import PNG, site_folders, tree

    root = tmp_path / "sites"
    files = site_folders(root, 45)
    (root / "blog.example.org" / "header.png").write_bytes(PNG + bytes(range(256)))
    model, out = tmp_path / "m.model", tmp_path / "out"
    fitted = cli("fit", "--group-by-dir", str(root), "-o", str(model))
    assert fitted.returncode == 0, fitted.stderr
    cleaned = cli("--model", str(model), "--group-by-dir", "-O", str(out), str(root), "-j", "2")
    assert cleaned.returncode == 0, cleaned.stderr
    png = root / "blog.example.org" / "header.png"
    assert cleaned.stderr.decode() == f"cleantext: warning: skipped {png}: not text (a PNG image)\n"
    written = tree(out)
    assert len(written) == 45
    for site, paths in files.items():
        for path in paths:
            after = written[f"{site}/{path.name}"].decode()
            assert SITE_FOOTERS[site] not in after and path.read_text().split("\n\n")[1] in after


def test_latin1_file(tmp_path):
    src = tmp_path / "latin.txt"
    src.write_bytes("Le café est ouvert.\n\nAdvertisement".encode("latin-1"))
    detected = cli(str(src))
    assert detected.returncode == 0 and detected.stdout.decode() == "Le café est ouvert.\n"
    assert b"read as windows-1252" in detected.stderr
    forced = cli("--encoding", "latin-1", str(src))
    assert forced.stdout.decode() == "Le café est ouvert.\n" and forced.stderr == b""


def _many_pages(src: Path, n: int = 200) -> None:
    """``n`` pages of about 20 KB in four folders: a few seconds of work, long enough to interrupt."""
    import random

    from cli_helpers import page

    rng = random.Random(1)
    for i in range(n):
        folder = src / f"site{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:03d}.txt").write_text("\n\n".join(page(i * 7 + k, rng) for k in range(20)))


def _interrupt(src: Path, out: Path, signum: int) -> subprocess.Popen:
    """Start cleaning ``src`` into ``out``; once five outputs are written, send ``signum``."""
    import time

    import signal

    def default_signals() -> None:
        # A disposition of SIG_IGN is inherited through exec, and Python then installs no
        # KeyboardInterrupt handler: an earlier test (Ray's runtime, worker pools) may have left
        # the pytest process ignoring SIGINT, which the run under test must not inherit.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    proc = subprocess.Popen([sys.executable, "-m", "cleantext", str(src), "-O", str(out)], cwd=ROOT,
                            stderr=subprocess.PIPE, preexec_fn=default_signals)
    deadline = time.monotonic() + 120
    while len(list(out.rglob("*.txt"))) < 5:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signum)
    proc.wait(timeout=60)
    return proc


def test_resume_after_kill_9_is_byte_identical(tmp_path):
    """SIGKILL a real run half-way (no handler runs), then --resume: the same bytes as one clean run."""
    import signal

    from cli_helpers import tree

    src, full, killed = tmp_path / "in", tmp_path / "full", tmp_path / "killed"
    _many_pages(src)
    assert cli(str(src), "-O", str(full)).returncode == 0
    proc = _interrupt(src, killed, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    partial, complete = tree(killed), tree(full)
    assert 5 <= len([p for p in partial if p.endswith(".txt")]) < 200
    assert all(complete[rel] == data for rel, data in partial.items() if not rel.split("/")[-1].startswith("."))
    resumed = cli(str(src), "-O", str(killed), "--resume", "-j", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert b"resuming: " in resumed.stderr
    assert tree(killed) == complete  # every output, byte for byte, and no temporary file left


def test_ctrl_c_under_output_dir_keeps_complete_outputs(tmp_path):
    """SIGINT: exit 130, no temporary file, every output present is complete, and a hint to resume."""
    import signal

    from cli_helpers import tree

    src, out = tmp_path / "in", tmp_path / "out"
    _many_pages(src, 120)
    proc = _interrupt(src, out, signal.SIGINT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.returncode == 130, err
    assert err.endswith("rerun with --resume to do the rest\ncleantext: interrupted\n")
    written = tree(out)
    assert written and not any(rel.split("/")[-1].startswith(".") for rel in written)
    resumed = cli(str(src), "-O", str(out), "--resume")
    assert resumed.returncode == 0
    again = tmp_path / "again"
    assert cli(str(src), "-O", str(again)).returncode == 0
    assert tree(out) == tree(again)


# ----------------------------------------------------------------------------- installation, commands


def test_a_package_root_replaced_by_clean_text(tmp_path):
    """`pip install clean-text` after us overwrites cleantext/__init__.py: the command says so plainly.

    Simulated with a copy of the package (symlinks) whose __init__.py is another project's.
    """
    import os

    package = tmp_path / "site" / "cleantext"
    package.mkdir(parents=True)
    source = Path(cleantext.__file__).parent
    for entry in source.iterdir():
        if entry.name not in ("__init__.py", "__pycache__"):
            (package / entry.name).symlink_to(entry)
    (package / "__init__.py").write_text("from .clean import *\n")  # what clean-text's root does
    (package / "clean.py").write_text("def clean(text, **kwargs):\n    return text\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    entry_point = "import sys\nfrom cleantext.cli import main\nsys.exit(main())\n"  # as pip writes it
    for argv in ([sys.executable, "-c", entry_point, "--version"], [sys.executable, "-m", "cleantext", "x.txt"]):
        done = subprocess.run(argv, capture_output=True, cwd=tmp_path, env=env, timeout=120, check=False)
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert err.startswith("cleantext: error: the installed 'cleantext' module is not cleantext-boilerplate's")
        assert str(package / "__init__.py") in err and "pip install cleantext-boilerplate" in err
        assert "Traceback" not in err and err.count("\n") == 1


def test_usage_names_every_command_and_report_is_routed():
    usage = cli("--help").stdout.decode()
    assert "usage: cleantext [OPTIONS] [FILE...]\n       cleantext fit [OPTIONS]" in usage
    assert "cleantext report" in usage
    report = cli("report", "--help")
    assert report.returncode == 0, report.stderr
    assert b"report" in report.stdout


def _signal_defaults() -> None:
    """In the child before exec: SIGHUP and SIGTERM as a terminal's process has them (not inherited ignored)."""
    import signal

    for name in ("SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _waiting_run(tmp_path, *extra, **popen):
    """cleantext reading JSONL from a stdin left open, writing -o; returned once its temporary file exists."""
    import time

    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "cleantext", "--jsonl", *extra, "-o", str(out)],
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, **popen)
    assert proc.stdin is not None
    proc.stdin.write(b'{"text": "Some text.\\n\\nAdvertisement"}\n' * 3000)
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline, "the output temp file never appeared"
        time.sleep(0.05)
    return proc, out


def test_a_closed_terminal_ends_a_parallel_run_cleanly(tmp_path):
    """SIGHUP to the whole process group (a closed terminal), -j 2: workers killed by it while holding the
    pool's lock left the parent waiting for ever, and multiprocessing's resource tracker printed tracebacks.
    Now the parent alone ends the run: exit 129, one line, no temporary file."""
    import os
    import signal

    if not hasattr(signal, "SIGHUP"):
        pytest.skip("no SIGHUP on this platform")
    proc, _ = _waiting_run(tmp_path, "-j", "2", start_new_session=True, preexec_fn=_signal_defaults)
    os.killpg(proc.pid, signal.SIGHUP)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("the run hung after SIGHUP") from None
    assert proc.returncode == 129 and err.decode() == "cleantext: terminated by SIGHUP\n"
    assert list(tmp_path.iterdir()) == []


def test_sigterm_to_the_whole_group_ends_a_parallel_run_cleanly(tmp_path):
    """SIGTERM to the whole process group (systemd's stop, Slurm's scancel, `kill -- -PGID`) while -j 2
    workers are busy: with multiprocessing.Pool the parent sometimes waited for ever (one run in three on the
    2026-12-01 machine: a worker killed inside the pool's queue, the pool starting new workers meanwhile).
    The workers now share no lock: exit 143, one line, no temporary file."""
    import os
    import signal

    import threading
    import time

    proc, _ = _waiting_run(tmp_path, "-j", "2", start_new_session=True, preexec_fn=_signal_defaults)
    assert proc.stdin is not None and proc.stderr is not None

    def feed() -> None:  # keep the workers busy: the old hang needed a worker inside the pool's queue
        record = b'{"text": "' + b"The council met on Tuesday and voted on the budget. " * 40 + b'\\n\\nAdvertisement"}\n'
        try:
            while True:
                proc.stdin.write(record * 200)
        except (BrokenPipeError, ValueError, OSError):
            pass

    threading.Thread(target=feed, daemon=True).start()
    time.sleep(1.5)
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("the run hung after SIGTERM to its process group") from None
    assert proc.returncode == 143 and proc.stderr.read().decode() == "cleantext: terminated\n"
    assert list(tmp_path.iterdir()) == []


def test_a_killed_worker_ends_the_run_with_an_error(tmp_path):
    """A worker killed by the OOM killer: the run waited for its answer for ever. Now: exit 1, the worker
    named, no output and no temporary file."""
    import os
    import signal

    children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    if not children.exists():
        pytest.skip("needs Linux's /proc/PID/task/PID/children")
    proc, out = _waiting_run(tmp_path, "-j", "2", start_new_session=True)
    pids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    workers = [int(p) for p in pids if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
    assert len(workers) == 2, pids
    os.kill(workers[0], signal.SIGKILL)
    try:
        _, err = proc.communicate(b'{"text": "More text.\\n\\nAdvertisement"}\n' * 3000, timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("the run hung after a worker was killed") from None
    assert proc.returncode == 1, err.decode()
    assert err.decode() == (f"cleantext: error: worker process {workers[0]} ended before it answered: "
                            "killed by SIGKILL (out of memory?)\n")
    assert list(tmp_path.iterdir()) == [] and not out.exists()


def test_nohup_outlives_the_terminal(tmp_path):
    """Under nohup (SIGHUP ignored before the start) a closed terminal does not end the run."""
    import signal

    if not hasattr(signal, "SIGHUP"):
        pytest.skip("no SIGHUP on this platform")
    proc, out = _waiting_run(tmp_path, preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    proc.send_signal(signal.SIGHUP)
    _, err = proc.communicate(timeout=120)  # closes stdin: the run finishes
    assert proc.returncode == 0, err.decode()
    assert len(read_jsonl(out.read_bytes())) == 3000


def test_report_to_a_closed_pipe_is_quiet(tmp_path):
    """`cleantext report ... -o - | head -c1` was 'error: [Errno 32] Broken pipe', exit 2; as for cleaning,
    a reader that stops early ends the run quietly (141)."""
    src = tmp_path / "page.txt"
    src.write_text("Storm hits the coast. Homes were damaged.\nAdvertisement\n" * 400, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "cleantext", "report", str(src), "-o", "-", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the page is written: its write meets a closed pipe
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141 and err == b""
