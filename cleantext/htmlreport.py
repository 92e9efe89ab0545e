"""An HTML page showing what cleantext removes from a corpus: ``cleantext report``.

One self-contained page (inline CSS, a few lines of JavaScript, nothing fetched):
counts per category and per filter over every document read, each group's most
frequent learned spans, and a deterministic sample of documents with every
removal of :func:`cleantext.explain` highlighted by category. Each highlight is a
``<mark>`` with ``data-start``/``data-end`` (offsets into ``cleantext.normalize(text)``),
``data-category``, ``data-filter``, ``data-confidence`` and ``data-capped``; its
title (shown on hover) says the filter, category, confidence and reason.

>>> page = build_report(["Storm hits coast.\\nAdvertisement"], names=["a.txt"])
>>> 'data-start="18" data-end="31" data-category="ads" data-filter="lines"' in page
True
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import html
import sys
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import tee
from typing import Any, NamedTuple

from .cliargs import (
    CliError,
    add_input_options,
    add_rule_options,
    check_output_file,
    config_options,
    os_error_line,
    record_format,
    say,
)
from .compose import default_pipeline
from .config import CATEGORIES
from .document import count_words
from .inputs import InputFile, expand_inputs, read_items
from .io import STDIO, InputError, open_output
from .jobs import NotText, RecordError, RecordFormat
from .learn import Model, ModelError, load_model
from .learn.params import group_name
from .pipeline import Pipeline
from .removal import Removal

#: Learned spans shown per group, and groups shown.
SPANS_PER_GROUP = 8
GROUPS_SHOWN = 50
#: Distinct learned span texts counted per group before the rarest are dropped (bounded memory).
_SPAN_TEXTS_KEPT = 2000

#: Highlight colours (background, accent), one per category in :data:`CATEGORIES` order, then reused.
PALETTE = (
    ("#fde2e4", "#c2185b"), ("#e3f2fd", "#1565c0"), ("#fff3cd", "#a06b00"), ("#e0f7fa", "#00838f"),
    ("#f3e5f5", "#7b1fa2"), ("#ffe0b2", "#d84315"), ("#efebe9", "#5d4037"), ("#e8eaf6", "#283593"),
    ("#f9fbe7", "#827717"), ("#e0f2f1", "#00796b"), ("#eceff1", "#455a64"), ("#e1f5fe", "#0277bd"),
    ("#f5f5f5", "#616161"), ("#dcedc8", "#33691e"), ("#fce4ec", "#880e4f"), ("#fff8e1", "#ff6f00"),
)


@dataclass
class Tally:
    """Removals of one category or filter: how many, words cut, documents touched, held by the cap."""

    removals: int = 0
    words: int = 0
    documents: int = 0
    capped: int = 0


@dataclass
class GroupTally:
    """One group: its documents, words, words cut, and how many documents each learned span text was cut from."""

    documents: int = 0
    words: int = 0
    removed: int = 0
    learned: Counter[str] = field(default_factory=Counter)


class Sampled(NamedTuple):
    """A document of the sample: where it is in the input, and what explain() said about it."""

    index: int
    name: str
    group: str | None
    text: str  # cleantext.normalize(text): the removals' offsets refer to it
    removals: list[Removal]
    words: int


@dataclass
class Corpus:
    """What the report shows, collected in one pass over the documents."""

    documents: int = 0
    words: int = 0
    removed: int = 0
    touched: int = 0
    categories: dict[str, Tally] = field(default_factory=dict)
    filters: dict[str, Tally] = field(default_factory=dict)
    groups: dict[str, GroupTally] = field(default_factory=dict)
    sample: list[Sampled] = field(default_factory=list)


def build_report(texts: Iterable[str], *, names: Iterable[str] | None = None,
                 groups: Iterable[Hashable | None] | None = None, model: Model | None = None,
                 sample: int = 50, seed: int = 0, **options: Any) -> str:
    """The report page for ``texts`` (streamed once), as a string.

    ``names`` label the documents (default ``#1``, ``#2``...); ``groups`` (one per
    text) pick each text's learned spans in ``model`` and group the counts.
    ``sample`` documents are shown in full, chosen by a hash of ``seed`` and their
    position and name: the same input gives the same page. ``options`` are the
    fields of :class:`~cleantext.config.Config`, as for ``clean()``.
    """
    default_pipeline(model=model, **options)  # bad options fail before any text is read
    corpus = collect(texts, names=names, groups=groups, model=model, sample=sample, seed=seed, options=options)
    return render(corpus, model=model)


def collect(texts: Iterable[str], *, names: Iterable[str] | None, groups: Iterable[Hashable | None] | None,
            model: Model | None, sample: int, seed: int, options: dict[str, Any]) -> Corpus:
    """Explain every text, count, and keep the sample (the ``sample`` smallest hash keys)."""
    corpus = Corpus()
    pipelines: dict[Hashable | None, Pipeline] = {}
    heap: list[tuple[int, int, Sampled]] = []  # (-key, -index, doc): the largest key on top
    name_iter = iter(names) if names is not None else None
    group_iter = iter(groups) if groups is not None else None
    for index, text in enumerate(texts):
        name = str(_next(name_iter, "names", index, f"#{index + 1}"))
        raw_group = _next(group_iter, "groups", index, None)
        group = group_name(raw_group)
        key = group if model is not None else None  # by name, as the model looks it up (a list is a group too)
        pipeline = pipelines.get(key)
        if pipeline is None:
            if len(pipelines) >= 1024:  # bounded: a corpus of many sites
                pipelines.clear()
            pipeline = pipelines[key] = default_pipeline(model=model, group=key, **options)
        result = pipeline.run(text)
        words = count_words(result.normalized)
        _count(corpus, group, words, result.removals)
        digest = hashlib.blake2b(f"{seed}\0{index}\0{name}".encode("utf-8", "surrogatepass"), digest_size=8)
        doc = Sampled(index, name, group, result.normalized, result.removals, words)
        entry = (-int.from_bytes(digest.digest(), "big"), -index, doc)
        if len(heap) < sample:
            heapq.heappush(heap, entry)
        elif sample and entry > heap[0]:
            heapq.heapreplace(heap, entry)
    corpus.sample = sorted((doc for _, _, doc in heap), key=lambda d: d.index)
    return corpus


def _next(values: Iterator[Any] | None, what: str, index: int, default: Any) -> Any:
    """The next of a parallel iterable (``default`` without one); running out early is an error."""
    if values is None:
        return default
    value = next(values, _MISSING)
    if value is _MISSING:
        raise ValueError(f"build_report(): {what} ran out after {index} texts; give one per text")
    return value if value is not None or what == "groups" else default


_MISSING: Any = object()


def _count(corpus: Corpus, group: str | None, words: int, removals: list[Removal]) -> None:
    """Add one document's removals to the corpus, category, filter and group tallies."""
    corpus.documents += 1
    corpus.words += words
    tally_of_group = corpus.groups.setdefault(group if group is not None else "", GroupTally())
    tally_of_group.documents += 1
    tally_of_group.words += words
    touched: set[int] = set()  # the tallies this document counts for (once each)
    learned: set[str] = set()
    removed = 0
    for r in removals:
        n = count_words(r.text)
        for tally in (corpus.categories.setdefault(r.category, Tally()), corpus.filters.setdefault(r.filter, Tally())):
            tally.removals += 1
            if r.capped:
                tally.capped += 1
                continue
            tally.words += n
            if id(tally) not in touched:
                touched.add(id(tally))
                tally.documents += 1
        if r.applied:
            removed += n
            if r.filter == "learned":
                learned.add(" ".join(r.text.split()))
    corpus.removed += removed
    corpus.touched += bool(removed)
    tally_of_group.removed += removed
    tally_of_group.learned.update(learned)
    if len(tally_of_group.learned) > 2 * _SPAN_TEXTS_KEPT:
        tally_of_group.learned = Counter(dict(tally_of_group.learned.most_common(_SPAN_TEXTS_KEPT)))


# ----------------------------------------------------------------------------- rendering


def render(corpus: Corpus, *, model: Model | None = None, title: str = "cleantext report") -> str:
    """The page for a collected corpus."""
    colours = _colours(corpus)
    body = [
        f"<header><h1>{_e(title)}</h1><p class=lede>{_summary(corpus, model)}</p></header>",
        _legend(colours),
        "<div class=two><section><h2>By category</h2>", _table(corpus.categories, corpus.words, colours, "category"),
        "</section><section><h2>By filter</h2>", _table(corpus.filters, corpus.words, None, "filter"),
        "</section></div>",
        _groups(corpus, model),
        _documents(corpus, colours),
    ]
    css = CSS + "".join(".k{}{{--bg:{};--ac:{}}}".format(i, *PALETTE[i % len(PALETTE)])
                        for i in sorted(colours.values()))
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
            f"<title>{_e(title)}</title><style>{css}</style></head>\n<body>\n"
            + "\n".join(body) + f"\n<script>{SCRIPT}</script>\n</body></html>\n")


def _colours(corpus: Corpus) -> dict[str, int]:
    """Category -> palette index: the shipped categories keep their place, others follow, sorted."""
    seen = set(corpus.categories)
    extra = sorted(seen - set(CATEGORIES))
    order = [*CATEGORIES, *extra]
    return {c: i for i, c in enumerate(order) if c in seen}


def _summary(corpus: Corpus, model: Model | None) -> str:
    share = corpus.removed / corpus.words if corpus.words else 0.0
    parts = [
        f"<b>{corpus.documents:,}</b> documents, <b>{corpus.words:,}</b> words;",
        f"<b>{corpus.removed:,}</b> words removed (<b>{share:.1%}</b>) from <b>{corpus.touched:,}</b> documents.",
        f"{len(corpus.sample):,} documents shown below (a sample chosen by hash, the same for the same input).",
    ]
    if model is None:
        parts.append("Rules only: no learned model.")
    else:
        spans = sum(len(s) for s in model.scopes.values())
        parts.append(f"Model: {spans:,} learned spans from {model.docs:,} documents in "
                     f"{len(model.group_docs):,} groups.")
    return " ".join(parts)


def _legend(colours: dict[str, int]) -> str:
    chips = "".join(f"<span class='chip k{i}'>{_e(c)}</span>" for c, i in colours.items())
    return ("<nav class=bar><span class=chips>" + (chips or "nothing removed")
            + "</span><label><input type=checkbox id=view> hide removals</label>"
            "<label><input type=checkbox id=only> only documents with removals</label></nav>")


def _table(tallies: dict[str, Tally], total_words: int, colours: dict[str, int] | None, head: str) -> str:
    if not tallies:
        return "<p class=none>No removals.</p>"
    rows = []
    top = max(t.words for t in tallies.values()) or 1
    for name, t in sorted(tallies.items(), key=lambda kv: (-kv[1].words, -kv[1].removals, kv[0])):
        label = f"<span class='chip k{colours[name]}'>{_e(name)}</span>" if colours else f"<code>{_e(name)}</code>"
        share = t.words / total_words if total_words else 0.0
        bar = f"<span class=bar-fill style='width:{100 * t.words / top:.1f}%'></span>"
        rows.append(f"<tr><td>{label}</td><td class=n>{t.removals:,}</td><td class='n w'>{bar}"
                    f"<span>{t.words:,}</span></td><td class=n>{share:.2%}</td><td class=n>{t.documents:,}</td>"
                    f"<td class=n>{t.capped:,}</td></tr>")
    return (f"<table><thead><tr><th>{_e(head)}</th><th>removals</th><th>words cut</th>"
            "<th title='share of all the words read'>share</th><th title='documents it cut from'>docs</th>"
            "<th title='removals the safety cap kept in the text'>capped</th></tr>"
            "</thead><tbody>" + "".join(rows) + "</tbody></table>")


def _groups(corpus: Corpus, model: Model | None) -> str:
    out = ["<section><h2>Groups and their most frequent learned spans</h2>"]
    if model is None:
        out.append("<p class=none>No model: learned spans are shown with <code>--model</code> "
                   "(learn one with <code>cleantext fit</code>).</p>")
    ranked = sorted(corpus.groups.items(), key=lambda kv: (-kv[1].documents, kv[0]))
    rows = []
    for name, g in ranked[:GROUPS_SHOWN]:
        spans = "".join(f"<li><span class=count>{n:,}&times;</span> <q title='{_e(text)}'>{_e(_short(text))}</q></li>"
                        for text, n in sorted(g.learned.items(), key=lambda kv: (-kv[1], kv[0]))[:SPANS_PER_GROUP])
        share = g.removed / g.words if g.words else 0.0
        label = _e(name) if name else "<i>(no group)</i>"
        rows.append(f"<tr><td>{label}</td><td class=n>{g.documents:,}</td><td class=n>{g.removed:,} "
                    f"({share:.1%})</td><td><ol class=spans>{spans}</ol></td></tr>")
    out.append("<table class=groups><thead><tr><th>group</th><th>documents</th><th>words removed</th>"
               "<th>most frequent learned spans (documents they were cut from)</th></tr></thead><tbody>"
               + "".join(rows) + "</tbody></table>")
    if len(ranked) > GROUPS_SHOWN:
        out.append(f"<p class=none>and {len(ranked) - GROUPS_SHOWN:,} smaller groups.</p>")
    out.append("</section>")
    return "\n".join(out)


def _documents(corpus: Corpus, colours: dict[str, int]) -> str:
    out = ["<section id=docs><h2>Sampled documents</h2>"]
    for doc in corpus.sample:
        removed = sum(count_words(r.text) for r in doc.removals if r.applied)
        counts = Counter(r.category for r in doc.removals)
        chips = "".join(f"<span class='chip k{colours[c]}'>{_e(c)} {n}</span>" for c, n in sorted(counts.items()))
        group = f" <span class=group>{_e(doc.group)}</span>" if doc.group else ""
        out.append(
            f"<article data-index={doc.index} data-removals={len(doc.removals)}>"
            f"<h3><span class=name>{_e(doc.name)}</span>{group}<span class=meta>{doc.words:,} words, "
            f"{removed:,} removed {chips}</span></h3><pre class=text>{_pre(_highlight(doc, colours))}</pre></article>")
    out.append("</section>")
    return "\n".join(out)


def _highlight(doc: Sampled, colours: dict[str, int]) -> str:
    """The text with each removal in a <mark>; removals are disjoint and in document order."""
    out, pos = [], 0
    for r in doc.removals:
        out.append(_e(doc.text[pos:r.start]))
        tip = f"{r.category} · {r.filter} · {r.confidence} confidence\n{r.reason}"
        capped = " capped" if r.capped else ""
        out.append(f'<mark class="rm k{colours[r.category]}{capped}" data-start="{r.start}" data-end="{r.end}" '
                   f'data-category="{_e(r.category)}" data-filter="{_e(r.filter)}" '
                   f'data-confidence="{_e(r.confidence)}" data-capped="{str(r.capped).lower()}" '
                   f'title="{_e(tip)}">{_e(doc.text[r.start:r.end])}</mark>')
        pos = r.end
    out.append(_e(doc.text[pos:]))
    return "".join(out)


def _e(text: str) -> str:
    """Escaped for HTML text and quoted attributes; lone surrogates (from file names) become U+FFFD."""
    return html.escape(text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"), quote=True)


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


CSS = """
:root{color-scheme:light;--ink:#1f2328;--mute:#656d76;--line:#d0d7de;--paper:#fff;--wash:#f6f8fa}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px 28px 60px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",
Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);background:var(--paper)}
h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;
border-bottom:1px solid var(--line)}
h3{font-size:14px;margin:0;padding:8px 12px;background:var(--wash);border-bottom:1px solid var(--line);
display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.lede{color:var(--mute);margin:0}.lede b{color:var(--ink)}
.two{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:0 32px}
.two>section{min-width:0}
.bar{position:sticky;top:0;z-index:2;display:flex;gap:16px;align-items:center;flex-wrap:wrap;padding:10px 0;
background:var(--paper);border-bottom:1px solid var(--line)}
.chips{display:flex;gap:6px;flex-wrap:wrap;flex:1}
.chip{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:var(--bg);
color:var(--ac);border:1px solid var(--ac);white-space:nowrap}
label{font-size:13px;color:var(--mute);cursor:pointer;white-space:nowrap}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--mute);font-size:11.5px;text-transform:uppercase;letter-spacing:.03em;
white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.w{position:relative;width:30%}
.bar-fill{position:absolute;left:0;top:6px;bottom:6px;background:#ddf4ff;border-radius:2px;z-index:0}
td.w span:last-child{position:relative}
.groups td:first-child{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:13px}
ol.spans{margin:0;padding:0;list-style:none}ol.spans li{margin:1px 0}
.count{display:inline-block;min-width:3.5em;color:var(--mute);font-variant-numeric:tabular-nums}
q{quotes:none;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px}
.none{color:var(--mute)}
article{border:1px solid var(--line);border-radius:6px;margin:14px 0;overflow:hidden}
.name{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.group{color:#0969da}.meta{margin-left:auto;color:var(--mute);font-weight:400;display:flex;gap:6px;
align-items:center;flex-wrap:wrap}
pre.text{margin:0;padding:12px 14px;white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 Georgia,
"DejaVu Serif",serif}
mark.rm{background:var(--bg);color:inherit;border-bottom:2px solid var(--ac);border-radius:2px;padding:0 1px;
cursor:help}
mark.rm.capped{background:none;border-bottom:2px dashed var(--ac)}
body.cleaned mark.rm:not(.capped){display:none}
body.only article[data-removals="0"]{display:none}
"""

SCRIPT = """
for (const [id, cls] of [["view", "cleaned"], ["only", "only"]]) {
  const box = document.getElementById(id);
  box.addEventListener("change", () => document.body.classList.toggle(cls, box.checked));
}
"""


# ----------------------------------------------------------------------------- command line


def build_parser() -> argparse.ArgumentParser:
    """``cleantext report``'s options: its own, then the input and rule options every command shares."""
    parser = argparse.ArgumentParser(
        prog="cleantext report",
        description="Write one self-contained HTML page showing what cleantext removes from a sample of "
                    "the inputs: every removal highlighted by category, counts per category and filter, "
                    "and each group's most frequent learned spans.")
    parser.add_argument("inputs", nargs="*", metavar="FILE", help="text files, folders or globs (default: stdin)")
    parser.add_argument("-o", "--output", required=True, metavar="HTML", help="the report to write (atomically; - : stdout)")
    parser.add_argument("--sample", type=int, default=50, metavar="N", help="documents shown in full (default 50)")
    parser.add_argument("--seed", type=int, default=0, help="another seed picks another sample")
    parser.add_argument("-q", "--quiet", action="store_true", help="no notes on stderr")
    add_input_options(parser, command="report")
    add_rule_options(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``cleantext report``: 0 on success, 1 on a bad record (``--on-error stop``), 2 on a usage or input error."""
    args = build_parser().parse_args(argv)
    try:
        if args.sample < 0:
            raise CliError("--sample must be 0 or more")
        options = config_options(args)
        fmt = record_format(args, options)
        model = load_model(args.model) if args.model else None
        reader = _Reader(fmt, args.on_error, quiet=args.quiet)
        files = expand_inputs(args.inputs or [STDIO])
        if args.output != STDIO:  # `-o -`: the page to stdout
            check_output_file(args.output, files)
        docs = reader.documents(files)
        # consumed in step: streamed, one document at a time (a third copy, never read when there are no
        # groups, held every document)
        if fmt.grouped:
            names, texts, groups = tee(docs, 3)
        else:
            (names, texts), groups = tee(docs, 2), None
        page = build_report((d[1] for d in texts), names=(d[0] for d in names),
                            groups=(d[2] for d in groups) if groups is not None else None,
                            model=model, sample=args.sample, seed=args.seed, **options)
        with open_output(args.output) as out:
            out.write(page.encode("utf-8"))
    except CliError as exc:
        say(f"error: {exc}")
        return exc.code
    except BrokenPipeError:  # `-o -` into a pipe closed early: the command line stops quietly (141)
        raise
    except OSError as exc:  # an input that cannot be read, or the report that cannot be written
        say(os_error_line(exc))
        return 2
    except (InputError, ModelError) as exc:
        say(f"error: {exc}")
        return 2
    reader.summary()
    if not args.quiet:
        say(f"report: {args.output}")
    return 0


class _Reader:
    """``(name, text, group)`` of each input record, with the command line's policy for bad ones:
    files that are not text are skipped with a warning; other bad records stop the run or,
    with ``--on-error skip|keep``, are counted and reported at the end."""

    def __init__(self, fmt: RecordFormat, on_error: str, *, quiet: bool) -> None:
        self.fmt, self.on_error, self.quiet = fmt, on_error, quiet
        self.bad: list[str] = []

    def documents(self, files: Sequence[InputFile]) -> Iterator[tuple[str, str, str | None]]:
        for item in read_items(files, jsonl=self.fmt.jsonl, group_by_dir=self.fmt.group_by_dir,
                               encoding=self.fmt.encoding):
            name = item.source if item.line is None else f"{item.source}:{item.line}"
            try:
                parsed = self.fmt.parse(item)
            except NotText as exc:
                say(f"warning: skipped {exc}")
                continue
            except RecordError as exc:
                if self.on_error == "stop":
                    raise CliError(f"{exc} (use --on-error skip to go past bad records)", code=1) from None
                self.bad.append(str(exc))
                continue
            if parsed.detected and not self.quiet:
                say(f"note: {item.source}: not UTF-8, read as {parsed.detected} (detected; --encoding forces one)")
            yield name, parsed.text, parsed.group

    def summary(self) -> None:
        if self.bad:
            shown = "; ".join(self.bad[:5]) + (f"; and {len(self.bad) - 5} more" if len(self.bad) > 5 else "")
            say(f"report: {len(self.bad)} bad record(s) left out: {shown}")


def _pre(body: str) -> str:
    """``body`` as the content of a ``<pre>``: HTML drops a newline right after ``<pre>``, so a text that
    starts with one gets another (else the page showed it one line up, its offsets one character off)."""
    return "\n" + body if body.startswith("\n") else body


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
