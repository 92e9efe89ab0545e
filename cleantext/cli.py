"""The command line: ``cleantext [OPTIONS] [FILE...]`` cleans, ``cleantext fit ... -o MODEL`` learns.

A thin layer over the library: this module parses arguments, turns them into
a job (:mod:`cleantext.jobs`), feeds it input items (:mod:`cleantext.io`) through
an ordered worker pool (:mod:`cleantext.parallel`) and reports. Every failure the
user can cause ends as one line on stderr and a non-zero exit code:
1 for a bad input record, 2 for a bad command line, a missing file or model,
130 when interrupted, 143 when terminated (an ``-o`` file is never left half-written).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from .version import __version__
from .config import CATEGORIES, LANGUAGES, MODES, Config
from .html import MissingExtra, require_trafilatura
from .io import STDIO, InputError, input_size, iter_lines, open_output, read_bytes
from .jobs import CleanJob, FitJob, Item, RecordFormat
from .parallel import chunked, ordered_map
from .progress import Progress
from .report import RunStats

#: Items per chunk sent to a worker: large enough to amortise pickling, small enough to stream.
CLEAN_CHUNK = 64
#: Fitting returns one Stats per chunk, merged into the total in the parent at a cost that grows
#: with the total (bounded by LearnParams.max_items): large chunks keep the merges few.
FIT_CHUNK = 5000

CLEAN_EXAMPLES = """\
examples:
  cleantext < page.txt > clean.txt              clean stdin to stdout
  cleantext a.txt b.txt -o clean.txt            clean files (output written atomically)
  cleantext --explain page.txt                  show each removal with its category and reason
  cleantext --jsonl --field text corpus.jsonl.zst -o clean.jsonl.zst -j 4 --stats
  cleantext --jsonl --model site.model --group-by-domain url corpus.jsonl -o clean.jsonl
  cleantext --html page.html                    extract with trafilatura, then clean
  cleantext --explain --format jsonl --jsonl corpus.jsonl > removals.jsonl

learn a model from a corpus first with: cleantext fit --help
"""

FIT_EXAMPLES = """\
examples:
  cleantext fit articles/ -o site.model                       every file under a directory
  cleantext fit 'pages/**/*.txt' -o site.model                a (quoted) glob
  cleantext fit --jsonl --field text --group-by-domain url corpus.jsonl.gz -o site.model -j 4
  cleantext fit --jsonl --group-field site corpus.jsonl -o site.model --param min_docs=5
"""


class CliError(Exception):
    """A failure to report as one line on stderr, with an exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        with _terminate_cleanly():
            if args[:1] == ["fit"]:
                return run_fit(build_fit_parser().parse_args(args[1:]))
            return run_clean(build_parser().parse_args(args))
    except CliError as exc:
        _say(f"error: {exc}")
        return exc.code
    except (InputError, MissingExtra) as exc:
        _say(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except Terminated:
        _say("terminated")
        return 143
    except BrokenPipeError:  # e.g. `cleantext big.jsonl | head`: stop quietly, like other tools
        _silence_stdout()
        return 141


# ----------------------------------------------------------------------------- parsers


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``cleantext [OPTIONS] [FILE...]``."""
    parser = argparse.ArgumentParser(
        prog="cleantext",
        description="Strip boilerplate (donation appeals, newsletter prompts, read-more blocks, "
        "share prompts, ads markers, cookie and paywall notices, ...) from text, keeping the article.",
        epilog=CLEAN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="*", metavar="FILE",
        help="text (or --jsonl) files, directories or quoted globs; '-' or none: stdin. "
        ".gz and .zst are decompressed by extension",
    )
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write here (atomically; .gz/.zst compress) instead of stdout")
    _add_input_options(parser, learning=False)
    rules = parser.add_argument_group("what to remove")
    rules.add_argument("--model", metavar="MODEL", help="also remove spans learned by `cleantext fit`")
    rules.add_argument("--category", action="append", type=_names, metavar="NAME[,NAME]",
                       help=f"remove only these categories (repeatable); known: {', '.join(CATEGORIES)}")
    rules.add_argument("--keep-category", action="append", type=_names, metavar="NAME[,NAME]",
                       help="never remove these categories (repeatable)")
    rules.add_argument("--lang", action="append", type=_names, metavar="CODE[,CODE]",
                       help=f"rule languages to apply (default: all of {', '.join(LANGUAGES)})")
    rules.add_argument("--mode", choices=MODES, default="article",
                       help="'article' for extracted article text (default, conservative), "
                       "'page' for whole-page text such as Common Crawl WET")
    shown = parser.add_argument_group("what to show")
    shown.add_argument("--explain", action="store_true",
                       help="print each removal (category, filter, reason) instead of the cleaned text")
    shown.add_argument("--format", choices=("text", "jsonl"), default=None,
                       help="--explain output: 'text' for people (coloured on a terminal), 'jsonl' for machines")
    shown.add_argument("--stats", action="store_true",
                       help="print records, characters and removals per category on stderr at the end")
    _add_run_options(parser)
    return parser


def build_fit_parser() -> argparse.ArgumentParser:
    """The parser of ``cleantext fit [OPTIONS] INPUT... -o MODEL``."""
    parser = argparse.ArgumentParser(
        prog="cleantext fit",
        description="Learn the boilerplate a corpus repeats (per site with --group-field or "
        "--group-by-domain) and save it as a model for `cleantext --model`.",
        epilog=FIT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="text files (one document each), directories, quoted globs, or with "
                        "--jsonl JSONL files; '-' is stdin; .gz/.zst by extension")
    parser.add_argument("-o", "--output", metavar="MODEL", required=True, help="where to save the model")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a learning parameter (cleantext.learn.LearnParams field; repeatable)")
    _add_input_options(parser, learning=True)
    _add_run_options(parser)
    return parser


def _add_input_options(parser: argparse.ArgumentParser, *, learning: bool) -> None:
    """The options both commands share: how records are read and grouped."""
    records = parser.add_argument_group("input records")
    records.add_argument("--jsonl", action="store_true",
                         help="one JSON object per line, the text in --field"
                         + ("" if learning else "; only that field is cleaned, every other field "
                            "and the record order are kept"))
    records.add_argument("--field", metavar="NAME", help="the JSONL field holding the text (default: text)")
    group = records.add_mutually_exclusive_group()
    group.add_argument("--group-field", metavar="NAME",
                       help="the JSONL field naming each record's group (site)"
                       + ("" if learning else "; needs --model"))
    group.add_argument("--group-by-domain", metavar="URL_FIELD",
                       help="group records by the registrable domain of this URL field "
                       "(news.bbc.co.uk -> bbc.co.uk)")
    records.add_argument("--html", action="store_true",
                         help="the input is HTML: extract the text with trafilatura first (extra 'html')")
    records.add_argument("--on-error", choices=("stop", "skip", "keep"), default="stop",
                         help="a bad JSONL record: stop with an error (default), or go on and report "
                         "how many there were: skip drops them, "
                         + ("keep too (there is nothing to keep when fitting)" if learning
                            else "keep writes them unchanged"))


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    """-j, -q and --version, last in --help."""
    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                     help="worker processes (0: one per CPU); output is identical to -j 1")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    run.add_argument("--version", action="version", version=f"cleantext {__version__}")


def _names(value: str) -> list[str]:
    return [name.strip().lower() for name in value.split(",") if name.strip()]


# ----------------------------------------------------------------------------- cleaning


def run_clean(args: argparse.Namespace) -> int:
    """``cleantext [OPTIONS] [FILE...]``."""
    fmt = _record_format(args)
    if args.format and not args.explain:
        raise CliError("--format chooses the --explain output; add --explain")
    if args.group_field and not args.model:
        raise CliError("--group-field picks each record's group in the model; add --model")
    options = _config_options(args)
    model = _load_model(args.model) if args.model else None
    if args.html:
        require_trafilatura()
    paths = expand_inputs(args.files or [STDIO])
    jobs = _jobs(args)
    job = CleanJob(
        fmt, options, model,
        explain=(args.format or "text") if args.explain else None,
        color=args.explain and args.output in (None, STDIO) and _wants_color(sys.stdout),
    )
    stats = RunStats()
    progress = _progress(args, paths)
    grouping = bool(args.group_field or args.group_by_domain)
    try:
        with open_output(args.output) as out:
            chunks = chunked(read_items(paths, jsonl=fmt.jsonl), size=CLEAN_CHUNK)
            for outcomes in ordered_map(job, chunks, jobs=jobs):
                for outcome in outcomes:
                    if outcome.error:
                        _bad_record(outcome.error, args.on_error, stats)
                        if args.on_error == "keep":
                            out.write(outcome.output)
                        continue
                    out.write(outcome.output)
                    stats.add(outcome, grouping=grouping)
                progress.advance(records=len(outcomes), nbytes=sum(o.nbytes for o in outcomes))
    finally:
        progress.close()
    _final_report(args, stats, policy=args.on_error)
    return 0


def read_items(paths: Sequence[str], *, jsonl: bool) -> Iterator[Item]:
    """Input items, streamed: one per text file, or one per non-blank JSONL line."""
    for path in paths:
        source = "<stdin>" if path == STDIO else path
        if not jsonl:
            yield (source, None, read_bytes(path))
            continue
        for lineno, line in iter_lines(path):
            if line.strip():
                yield (source, lineno, line)


def _bad_record(message: str, policy: str, stats: RunStats) -> None:
    if policy == "stop":
        raise CliError(f"{message} (use --on-error skip or keep to go past bad records)", code=1)
    stats.add_bad(message)


def _final_report(args: argparse.Namespace, stats: RunStats, *, policy: str) -> None:
    summary = stats.bad_summary(policy)
    if summary:
        _say(summary)
    if getattr(args, "stats", False):
        print(stats.table(), file=sys.stderr)


def _config_options(args: argparse.Namespace) -> dict[str, Any]:
    """Config keywords from the options, validated now so that mistakes are one clear line."""
    options: dict[str, Any] = {"mode": args.mode}
    if args.category:
        options["categories"] = frozenset(_flat(args.category))
    if args.keep_category:
        options["keep_categories"] = frozenset(_flat(args.keep_category))
    if args.lang:
        options["languages"] = tuple(_flat(args.lang))
    try:
        Config.from_options(**options)
    except (TypeError, ValueError) as exc:
        raise CliError(str(exc)) from None
    return options


def _flat(lists: list[list[str]]) -> list[str]:
    return [name for names in lists for name in names]


def _load_model(path: str) -> Any:
    from .learn import ModelError, load_model

    if not os.path.isfile(path):
        raise CliError(f"{path}: no such model file")
    try:
        return load_model(path)
    except ModelError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{path}: cannot read the model: {exc.strerror or exc}") from None


def _wants_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


# ----------------------------------------------------------------------------- fitting


def run_fit(args: argparse.Namespace) -> int:
    """``cleantext fit [OPTIONS] INPUT... -o MODEL``."""
    fmt = _record_format(args)
    job = _fit_job(fmt, args)
    folder = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(folder):
        raise CliError(f"{args.output}: no such directory {folder!r} for the model")
    paths = expand_inputs(args.inputs)
    jobs = _jobs(args)
    started = time.monotonic()
    stats = RunStats()
    total, documents, ungrouped = _collect(job, paths, args, stats, jobs)
    if total is None or not documents:
        raise CliError("no documents to fit on (inputs are empty or every record was bad)")
    model = total.finalize()
    try:
        model.save(args.output)
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write the model: {exc.strerror or exc}") from None
    _final_report(args, stats, policy="skip")  # when fitting, a kept record is left out too
    if not args.quiet:
        _say(_fit_summary(model, documents, ungrouped if fmt.group_field or fmt.group_by_domain else 0,
                          time.monotonic() - started, args.output))
    return 0


def _fit_summary(model: Any, documents: int, ungrouped: int, seconds: float, path: str) -> str:
    """One line: what was read, what was learned (from ``Model.info()``), where it went."""
    info = model.info()
    spans = sum(info["learned_spans"].values())
    missing = f", {ungrouped:,} of them without a group" if ungrouped else ""
    return (f"fitted on {documents:,} documents{missing} in {info['groups']:,} group(s) in {seconds:.1f} s: "
            f"{spans:,} learned spans -> {path}")


def _fit_job(fmt: RecordFormat, args: argparse.Namespace) -> FitJob:
    job = FitJob(fmt, _params(args.param))
    try:
        job.new_stats()  # checks the parameters now, before any input is read
    except (TypeError, ValueError) as exc:
        raise CliError(f"--param: {exc}") from None
    except ImportError as exc:
        raise CliError(f"this build has no learning API ({exc})") from None
    if args.html:
        require_trafilatura()
    return job


def _collect(
    job: FitJob, paths: Sequence[str], args: argparse.Namespace, stats: RunStats, jobs: int
) -> tuple[Any, int, int]:
    """Statistics of every chunk, merged in input order: (total Stats, documents, without a group)."""
    total: Any = None
    documents = ungrouped = 0
    progress = _progress(args, paths)
    try:
        chunks = chunked(read_items(paths, jsonl=job.format.jsonl), size=FIT_CHUNK)
        # A small window: each chunk's Stats waits in memory until the parent merges it.
        for part in ordered_map(job, chunks, jobs=jobs, window=2 * jobs):
            for message in part.errors:
                _bad_record(message, args.on_error, stats)
            total = part.stats if total is None else total.update(part.stats)  # in place: no copy per chunk
            documents += part.documents
            ungrouped += part.ungrouped
            progress.advance(records=part.documents + len(part.errors), nbytes=part.nbytes)
    finally:
        progress.close()
    return total, documents, ungrouped


def _params(pairs: list[str]) -> dict[str, Any]:
    """``NAME=VALUE`` pairs; values are read as JSON when they can be (numbers, true, null).

    >>> _params(["min_docs=3", "share=0.2", "name=abc"])
    {'min_docs': 3, 'share': 0.2, 'name': 'abc'}
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise CliError(f"--param expects NAME=VALUE, not {pair!r}")
        try:
            params[name.strip()] = json.loads(value)
        except json.JSONDecodeError:
            params[name.strip()] = value
    return params


# ----------------------------------------------------------------------------- shared


def _record_format(args: argparse.Namespace) -> RecordFormat:
    if not args.jsonl:
        for flag, value in (("--field", args.field), ("--group-field", args.group_field),
                            ("--group-by-domain", args.group_by_domain)):
            if value is not None:
                raise CliError(f"{flag} reads JSONL records; add --jsonl")
    return RecordFormat(
        jsonl=args.jsonl,
        field=args.field or "text",
        group_field=args.group_field,
        group_by_domain=args.group_by_domain,
        html=args.html,
    )


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Files to read: files as given, directories walked (sorted, hidden names skipped), globs expanded.

    Every input is checked before anything is read or written, so a typo fails fast.
    """
    paths: list[str] = []
    for arg in inputs:
        if arg == STDIO or os.path.isfile(arg):
            paths.append(arg)
        elif os.path.isdir(arg):
            paths.extend(_walk(arg))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputError(f"{arg}: no file matches this pattern")
            paths.extend(expand_inputs(matches))
        elif os.path.exists(arg):
            raise InputError(f"{arg}: not a regular file or directory")
        else:
            raise InputError(f"{arg}: no such file or directory")
    return paths


def _walk(directory: str) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return found


def _jobs(args: argparse.Namespace) -> int:
    if args.jobs < 0:
        raise CliError("--jobs must be 0 (one per CPU) or more")
    return args.jobs or os.cpu_count() or 1


def _progress(args: argparse.Namespace, paths: Sequence[str]) -> Progress:
    sizes = [input_size(p) for p in paths]
    total = sum(s for s in sizes if s is not None) if all(s is not None for s in sizes) else None
    enabled = not args.quiet and bool(getattr(sys.stderr, "isatty", lambda: False)())
    return Progress(sys.stderr, enabled=enabled, total_bytes=total)


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so that a partial -o file is removed."""


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _say(message: str) -> None:
    print(f"cleantext: {message}", file=sys.stderr)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
