"""Drive ``cleantext.cli.main`` in-process with fake stdin/stdout/stderr, and build small corpora."""

from __future__ import annotations

import io
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleantext.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))

#: Boilerplate lines the built-in rules remove (category in the comment).
BOILERPLATE = [
    "Advertisement",  # ads
    "Sign up for our free weekly newsletter",  # newsletter
    "Read more:",  # read_more
    "Share this article",  # share
]

#: Article lines (a heading, a quote ending in a closing quote, a short paragraph).
ARTICLE = [
    "Council approves new budget for city schools",
    '"We will not back down," the mayor told reporters on Tuesday.',
    "The vote passed 7 to 2.",
]


class FakeStream(io.TextIOWrapper):
    """A text stream over bytes whose ``isatty()`` we choose."""

    def __init__(self, data: bytes = b"", *, tty: bool = False) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", errors="surrogateescape", newline="")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def value(self) -> bytes:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue()


@dataclass
class Run:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


def run(
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    stdin: bytes = b"",
    tty_out: bool = False,
    tty_err: bool = False,
) -> Run:
    """Run the CLI in this process and capture everything it writes."""
    out, err = FakeStream(tty=tty_out), FakeStream(tty=tty_err)
    monkeypatch.setattr(sys, "stdin", FakeStream(stdin))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main(list(argv))
    return Run(code, out.value(), err.value().decode("utf-8"))


def page(i: int, rng: random.Random) -> str:
    """One synthetic page: a seed article's opening, article lines and boilerplate, varied by ``i``."""
    seed = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8")
    body = seed[: rng.randint(200, 1500)]
    lines = [f"Story number {i}", *rng.sample(ARTICLE, 2), body]
    for line in rng.sample(BOILERPLATE, rng.randint(0, len(BOILERPLATE))):
        lines.insert(rng.randint(1, len(lines)), line)
    return "\n\n".join(lines)


def corpus(n: int, *, seed: int = 7) -> list[dict]:
    """``n`` JSONL records with ids, URLs on a few sites and nested metadata."""
    rng = random.Random(seed)
    sites = ["www.example.co.uk", "news.example.com", "blog.example.org"]
    return [
        {
            "id": i,
            "url": f"https://{sites[i % len(sites)]}/story/{i}",
            "text": page(i, rng),
            "meta": {"score": i / 7, "tags": ["a", None, True]},
        }
        for i in range(n)
    ]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


#: A line each site repeats under every article, which no built-in rule knows: only a model removes it.
SITE_FOOTERS = {
    "www.example.co.uk": "Example Gazette readers keep our reporters on the street every day",
    "news.example.com": "Example Herald is published by the Example Media Group of companies",
    "blog.example.org": "Example Notes is written by volunteers from our local history society",
}
_WORDS = ["river", "council", "budget", "school", "harbour", "train", "mayor", "storm", "market", "bridge", "library", "festival", "hospital", "farmer", "election", "museum", "factory", "island", "court", "village", "tower", "garden", "police", "ferry"]


def site_record(i: int, rng: random.Random) -> dict:
    """A page with its own story (random sentences) and its site's footer, plus a URL."""
    host = list(SITE_FOOTERS)[i % len(SITE_FOOTERS)]
    sentences = [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
        for _ in range(rng.randint(3, 6))
    ]
    text = "\n\n".join([f"Story {i}: " + " ".join(rng.sample(_WORDS, 4)), *sentences, SITE_FOOTERS[host]])
    return {"url": f"https://{host}/2024/{i}", "id": i, "text": text}


def site_corpus(n: int, *, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    return [site_record(i, rng) for i in range(n)]


#: The first bytes of a real PNG file (signature and the start of its IHDR chunk).
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def site_folders(root: Path, n: int = 60, *, seed: int = 3) -> dict[str, list[Path]]:
    """``root/<site>/<id>.txt``: the pages of :func:`site_corpus`, a folder per site; returns the files
    per folder (named by the site's host)."""
    files: dict[str, list[Path]] = {}
    for record in site_corpus(n, seed=seed):
        site = record["url"].split("/")[2]
        folder = root / site
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{record['id']:03d}.txt"
        path.write_text(record["text"], encoding="utf-8")
        files.setdefault(site, []).append(path)
    return files


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones too) by relative path, with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
