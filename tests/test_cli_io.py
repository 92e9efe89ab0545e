"""The pieces under the CLI: compressed and atomic I/O, registrable domains, ordered workers, progress."""

from __future__ import annotations

import gzip
import io
import os
import stat

import pytest

from cleantext import io as ctio
from cleantext.domains import MULTI_PART_SUFFIXES, registrable_domain
from cleantext.parallel import RemoteTraceback, WorkerDied, chunked, ordered_map
from cleantext.progress import MB, Progress

# ----------------------------------------------------------------------------- io


def test_atomic_output_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    with pytest.raises(RuntimeError), ctio.atomic_output(str(target)) as out:
        out.write(b"half")
        raise RuntimeError("crash in the middle")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]
    with ctio.atomic_output(str(target)) as out:
        out.write(b"new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640  # permissions kept


def test_new_file_gets_umask_permissions(tmp_path):
    with ctio.atomic_output(str(tmp_path / "new.txt")) as out:
        out.write(b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o666 & ~umask


def test_gzip_output_is_deterministic(tmp_path):
    blobs = []
    for name in ("a.jsonl.gz", "b.jsonl.gz"):
        with ctio.atomic_output(str(tmp_path / name)) as out:
            out.write(b'{"text":"x"}\n' * 100)
        blobs.append((tmp_path / name).read_bytes())
    assert blobs[0] == blobs[1]  # no timestamp, no file name in the header
    assert gzip.decompress(blobs[0]) == b'{"text":"x"}\n' * 100


def test_zst_reads_every_frame(tmp_path):
    zstandard = pytest.importorskip("zstandard")
    cctx = zstandard.ZstdCompressor()
    path = tmp_path / "two-frames.jsonl.zst"
    path.write_bytes(cctx.compress(b"1\n2\n") + cctx.compress(b"3\n"))  # as `cat a.zst b.zst` makes
    assert list(ctio.iter_lines(str(path))) == [(1, b"1\n"), (2, b"2\n"), (3, b"3\n")]


def test_corrupt_archive_is_an_input_error(tmp_path):
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"a": 1}\n' * 1000)[:-30])
    with pytest.raises(ctio.InputError, match="broken.jsonl.gz: cannot read"):
        list(ctio.iter_lines(str(path)))


def test_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(ctio.InputError, match="No such file"):
        ctio.read_bytes(str(tmp_path / "nope.txt"))


def test_with_field_keeps_lone_surrogates_as_escapes():
    line = ctio.with_field('{"text": "x", "n": "\\ud800"}', "text", "a\ud800b é")
    assert line == b'{"text": "a\\ud800b \\u00e9", "n": "\\ud800"}\n'


def test_with_field_replaces_only_top_level_members():
    line = '{ "a" : {"text": "inner"} ,"text":"old","list":[{"text":1}], "s": "text" }'
    assert ctio.with_field(line, "text", "new") == (
        b'{ "a" : {"text": "inner"} ,"text":"new","list":[{"text":1}], "s": "text" }\n')
    assert ctio.with_field("{}", "text", "new") == b"{}\n"


# ----------------------------------------------------------------------------- domains


@pytest.mark.parametrize(
    "url, domain",
    [
        ("https://www.bbc.co.uk/news/world-1", "bbc.co.uk"),
        ("https://bbc.co.uk", "bbc.co.uk"),
        ("http://www.smh.com.au/national/x.html", "smh.com.au"),
        ("https://edition.cnn.com/2024/01/01/x", "cnn.com"),
        ("https://a.b.c.example.org/path?q=1#frag", "example.org"),
        ("HTTPS://WWW.LeMonde.FR/", "lemonde.fr"),
        ("www.spiegel.de/politik", "spiegel.de"),
        ("//cdn.example.net/x", "example.net"),
        ("https://user:pw@shop.example.com:8443/x", "example.com"),
        ("https://alice.substack.com/p/post", "alice.substack.com"),
        ("https://www.ox.ac.uk/news", "ox.ac.uk"),
        ("https://news.yahoo.co.jp/a", "yahoo.co.jp"),
        ("https://example.com./", "example.com"),
        ("http://localhost:8000/", "localhost"),
        ("http://[2001:db8::1]/x", "2001:db8::1"),
        ("http://192.168.0.1/x", "192.168.0.1"),
        ("", None),
        ("   ", None),
        ("https://", None),
        ("mailto:someone@example.com", None),
    ],
)
def test_registrable_domain(url, domain):
    assert registrable_domain(url) == domain


def test_suffix_list_is_small_and_multi_part():
    assert "co.uk" in MULTI_PART_SUFFIXES and "com.au" in MULTI_PART_SUFFIXES
    assert all(s.count(".") == 1 for s in MULTI_PART_SUFFIXES)
    assert len(MULTI_PART_SUFFIXES) < 300


# ----------------------------------------------------------------------------- parallel


class Squares:
    """A job that records how often it was pickled (once per worker, never per chunk)."""

    pickled = 0

    def __getstate__(self):
        type(self).pickled += 1
        return {}

    def run(self, chunk):
        return [(x * x, os.getpid()) for x in chunk]


def test_ordered_map_keeps_order_and_ships_the_job_once_per_worker():
    Squares.pickled = 0
    chunks = [list(range(i, i + 5)) for i in range(0, 200, 5)]  # 40 chunks
    results = list(ordered_map(Squares(), chunks, jobs=2, window=3))
    assert [v for chunk in results for v, _ in chunk] == [x * x for x in range(200)]
    assert Squares.pickled == 2  # the pool initializer, once per worker
    assert len({pid for chunk in results for _, pid in chunk} - {os.getpid()}) >= 1
    assert list(ordered_map(Squares(), chunks[:2], jobs=1)) == [
        [(x * x, os.getpid()) for x in c] for c in chunks[:2]
    ]


def test_ordered_map_reads_input_lazily():
    """At most `window` chunks are taken from the input ahead of the consumer."""
    taken = []

    def source():
        for i in range(100):
            taken.append(i)
            yield [i]

    results = ordered_map(Squares(), source(), jobs=2, window=4)
    next(results)
    assert len(taken) <= 5
    results.close()


class Slow:
    """A job that takes a moment per chunk and says which process ran it; chunk [-1] raises."""

    def run(self, chunk):
        import time

        if chunk == [-1]:
            raise ValueError("a bad chunk")
        time.sleep(0.05)
        return os.getpid()


def test_ordered_map_raises_a_workers_exception_with_its_traceback():
    with pytest.raises(ValueError, match="a bad chunk") as caught:
        list(ordered_map(Slow(), [[1], [2], [-1], [3]], jobs=2))
    assert isinstance(caught.value.__cause__, RemoteTraceback)
    assert "raise ValueError" in str(caught.value.__cause__)


class Unpicklable:
    def __init__(self, error):
        self.error = error

    def __reduce__(self):
        raise self.error("cannot be pickled")


class Echo:
    def run(self, chunk):
        return chunk


@pytest.mark.parametrize("error", [TypeError, OSError])
def test_a_chunk_that_cannot_be_sent_is_an_error_at_its_place(error):
    """A chunk whose pickling failed lost the results before it (raised at the first pending one), and an
    OSError from pickling was taken for a dead worker: the run waited for ever."""
    got = []
    with pytest.raises(error, match="cannot be pickled"):
        for result in ordered_map(Echo(), ([i] if i != 3 else [Unpicklable(error)] for i in range(8)), jobs=2):
            got.append(result[0])
    assert got == [0, 1, 2]


def test_ordered_map_notices_a_worker_that_dies():
    """A worker killed (as by the OOM killer) ended the run with an error; with multiprocessing.Pool the
    parent waited for its answer for ever."""
    import signal

    results = ordered_map(Slow(), ([i] for i in range(200)), jobs=2, window=4)
    victim = next(results)
    os.kill(victim, getattr(signal, "SIGKILL", signal.SIGTERM))
    with pytest.raises(WorkerDied, match=f"worker process {victim} ended before it answered: killed by SIG"):
        for _ in results:
            pass


def test_ordered_map_stops_its_workers_when_the_consumer_stops():
    results = ordered_map(Slow(), ([i] for i in range(200)), jobs=2, window=4)
    pids = {next(results), next(results)}
    results.close()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # reaped: not even a zombie is left


def test_chunked_respects_count_and_bytes():
    items = [("f", i, b"x" * 10) for i in range(10)]
    assert [len(c) for c in chunked(items, size=4)] == [4, 4, 2]
    assert [len(c) for c in chunked(items, size=100, max_bytes=25)] == [3, 3, 3, 1]


# ----------------------------------------------------------------------------- progress


def test_progress_draws_only_when_enabled():
    quiet = io.StringIO()
    p = Progress(quiet, enabled=False, interval=0)
    p.advance(records=5, nbytes=MB)
    p.write("a message")
    p.close()
    assert quiet.getvalue() == "a message\n" and p.records == 5 and p.nbytes == MB
    loud = io.StringIO()
    p = Progress(loud, enabled=True, total_bytes=2 * MB, interval=0)
    p.advance(records=5, nbytes=MB)
    p.write("a message")
    p.close()
    drawn = loud.getvalue()
    assert "50%" in drawn and "5 records" in drawn and "1.00M/2.00M" in drawn
    assert "\ra message\n" in drawn.replace(" ", "") or "a message\n" in drawn  # above the bar
    assert drawn.endswith("\r")  # the bar is erased at the end

