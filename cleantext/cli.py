"""The command line: ``cleantext [OPTIONS] [FILE...]`` cleans, ``cleantext fit ... -o MODEL`` learns,
``cleantext report ...`` shows what would be removed (:mod:`cleantext.htmlreport`).

A thin layer over the library: this module parses arguments, turns them into
a job (:mod:`cleantext.jobs`), feeds it input items (:mod:`cleantext.inputs`)
through an ordered worker pool (:mod:`cleantext.parallel`) and reports. Every
failure the user can cause ends as one line on stderr and a non-zero exit code:
1 for a bad input record, 2 for a bad command line, a missing file or model, a
broken installation, 130 when interrupted, 143 when terminated (an ``-o`` file is
never left half-written; under ``-O`` the outputs already written are complete).

This module imports nothing from the package root at import time, so that it can
say plainly when another project's ``cleantext/__init__.py`` has replaced ours.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from .cliargs import (
    CliError,
    add_input_options,
    add_rule_options,
    add_run_options,
    check_output_file,
    config_options,
    file_ids,
    jobs_count,
    os_error_line,
    record_format,
    same_as_input,
    say,
)
from .html import MissingExtra
from .inputs import InputFile, expand_inputs, read_items
from .io import STDIO, InputError, OutputTree, input_size, open_output
from .jobs import CleanJob, FitJob, Outcome, RecordFormat
from .ownership import replaced_by_another_project
from .parallel import WorkerDied, chunked, ordered_map
from .progress import Progress
from .report import RunStats

__all__ = ["CliError", "build_fit_parser", "build_parser", "expand_inputs", "main"]

#: Items per chunk sent to a worker: large enough to amortise pickling, small enough to stream.
CLEAN_CHUNK = 64
#: Fitting returns one Stats per chunk, merged into the total in the parent at a cost that grows
#: with the total (bounded by LearnParams.max_items): large chunks keep the merges few.
FIT_CHUNK = 5000
#: Warnings (skipped files) and notes (detected encodings) shown one by one; then only counted.
SHOWN_NOTICES = 20

USAGE = """%(prog)s [OPTIONS] [FILE...]
       %(prog)s fit [OPTIONS] INPUT... -o MODEL
       %(prog)s report [OPTIONS] [FILE...] -o REPORT.html"""

CLEAN_EXAMPLES = """\
examples:
  cleantext < page.txt > clean.txt              clean stdin to stdout
  cleantext a.txt b.txt -o clean.txt            clean files (a blank line between documents; atomic)
  cleantext pages/ -O clean/                    one output per input: clean/<same path>
  cleantext pages/ -O clean/ --resume           finish an interrupted run
  cleantext --explain page.txt                  show each removal with its category and reason
  cleantext --jsonl --field text corpus.jsonl.zst -o clean.jsonl.zst -j 4 --stats
  cleantext --jsonl --model site.model --group-by-domain url corpus.jsonl -o clean.jsonl
  cleantext --model site.model --group-by-dir sites/ -O clean/    a folder per site
  cleantext --html page.html                    extract with trafilatura, then clean
  cleantext --html --extractor resiliparse --mode page pages/ -O clean/
  cleantext --explain --format jsonl --jsonl corpus.jsonl > removals.jsonl

learn a model from a corpus first with: cleantext fit --help
look at what is removed, as a web page: cleantext report --help
"""

FIT_EXAMPLES = """\
examples:
  cleantext fit --group-by-dir sites/ -o site.model           a folder per site: sites/<site>/*.txt
  cleantext fit articles/ -o site.model                       every file under a directory, no groups
  cleantext fit 'pages/**/*.txt' -o site.model                a (quoted) glob
  cleantext fit --jsonl --field text --group-by-domain url corpus.jsonl.gz -o site.model -j 4
  cleantext fit --jsonl --group-field site corpus.jsonl -o site.model --param min_docs=5
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        replaced = replaced_by_another_project()
        if replaced:
            raise CliError(replaced)
        with _terminate_cleanly():
            if args[:1] == ["fit"]:
                return run_fit(build_fit_parser().parse_args(args[1:]))
            if args[:1] == ["report"]:
                return run_report(args[1:])
            return run_clean(build_parser().parse_args(args))
    except CliError as exc:
        say(f"error: {exc}")
        return exc.code
    except (InputError, MissingExtra) as exc:
        say(f"error: {exc}")
        return 2
    except ImportError as exc:  # a module of ours overwritten by another project's, say so
        replaced = replaced_by_another_project()
        if not replaced:
            raise
        say(f"error: {replaced} ({exc})")
        return 2
    except WorkerDied as exc:  # the OOM killer, say: the output was not written (-O: the files finished are)
        say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except Terminated as exc:
        say("terminated" if exc.signum == signal.SIGTERM else f"terminated by {signal.Signals(exc.signum).name}")
        return 128 + exc.signum
    except BrokenPipeError:  # e.g. `cleantext big.jsonl | head`: stop quietly, like other tools
        _silence_stdout()
        return 141
    except OSError as exc:  # writing failed (a full disk, a path made a folder meanwhile): outputs are atomic
        say(os_error_line(exc))
        return 1


# ----------------------------------------------------------------------------- parsers


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``cleantext [OPTIONS] [FILE...]``."""
    parser = argparse.ArgumentParser(
        prog="cleantext",
        usage=USAGE,
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
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="PATH",
                       help="write everything here (atomically; .gz/.zst compress) instead of stdout; "
                       "several text documents are separated by a blank line")
    where.add_argument("-O", "--output-dir", metavar="DIR",
                       help="one output per input, at the same relative path under DIR "
                       "(each written atomically)")
    parser.add_argument("--resume", action="store_true",
                        help="with -O: skip the inputs whose output is already there (complete, "
                        "as outputs are written atomically) and do the rest")
    add_input_options(parser, command="clean")
    add_rule_options(parser)
    shown = parser.add_argument_group("what to show")
    shown.add_argument("--explain", action="store_true",
                       help="print each removal (category, filter, reason) instead of the cleaned text")
    shown.add_argument("--format", choices=("text", "jsonl"), default=None,
                       help="--explain output: 'text' for people (coloured on a terminal), 'jsonl' for machines")
    shown.add_argument("--stats", action="store_true",
                       help="print records, characters, removals per category, skipped inputs and "
                       "detected encodings on stderr at the end")
    add_run_options(parser)
    return parser


def build_fit_parser() -> argparse.ArgumentParser:
    """The parser of ``cleantext fit [OPTIONS] INPUT... -o MODEL``."""
    parser = argparse.ArgumentParser(
        prog="cleantext fit",
        description="Learn the boilerplate a corpus repeats (per site with --group-by-dir, --group-field "
        "or --group-by-domain) and save it as a model for `cleantext --model`.",
        epilog=FIT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="text files (one document each), directories, quoted globs, or with "
                        "--jsonl JSONL files; '-' is stdin; .gz/.zst by extension")
    parser.add_argument("-o", "--output", metavar="MODEL", required=True, help="where to save the model (atomically; - : stdout)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a learning parameter (cleantext.learn.LearnParams field; repeatable)")
    add_input_options(parser, command="fit")
    parser.add_argument("--stats", action="store_true",
                        help="print bad records, skipped inputs and detected encodings on stderr at the end")
    add_run_options(parser)
    return parser


# ----------------------------------------------------------------------------- report


def run_report(argv: list[str]) -> int:
    """``cleantext report ...``: handed to :func:`cleantext.htmlreport.main` (its own options)."""
    try:
        from .htmlreport import main as report_main
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.htmlreport":
            raise
        raise CliError("this build has no report command (cleantext.htmlreport is missing)") from None
    return int(report_main(argv))


# ----------------------------------------------------------------------------- cleaning


def run_clean(args: argparse.Namespace) -> int:
    """``cleantext [OPTIONS] [FILE...]``."""
    options = config_options(args)
    fmt = record_format(args, options)
    if args.format and not args.explain:
        raise CliError("--format chooses the --explain output; add --explain")
    for flag, given in (("--group-field", args.group_field), ("--group-by-dir", args.group_by_dir)):
        if given and not args.model:
            raise CliError(f"{flag} picks each record's group in the model; add --model")
    if args.resume and not args.output_dir:
        raise CliError("--resume finishes an interrupted -O DIR run; add -O DIR")
    model = _load_model(args.model) if args.model else None
    files = expand_inputs(args.files or [STDIO])
    job = CleanJob(
        fmt, options, model,
        explain=(args.format or "text") if args.explain else None,
        color=args.explain and args.output in (None, STDIO) and _wants_color(sys.stdout),
    )
    run = _Run(args, fmt)
    if args.output not in (None, STDIO):
        check_output_file(args.output, files)
    if args.output_dir:
        files = _outputs_to_do(args, files)
        tree = OutputTree(args.output_dir, [f.rel for f in files])
        try:
            run.clean(job, files, tree.write, tree.skip)
            tree.finish()
        except BaseException as exc:
            tree.abort()
            if isinstance(exc, (KeyboardInterrupt, Terminated)):
                say("the outputs finished so far are complete: rerun with --resume to do the rest")
            raise
    else:
        separate = not (fmt.jsonl or args.explain)  # documents of plain text: a blank line between
        with open_output(args.output) as out:
            run.clean(job, files, _Joined(out, separate=separate).write, lambda index: None)
    run.finish()
    return 0


class _Joined:
    """All documents into one stream; with ``separate``, a blank line between two documents."""

    def __init__(self, out: IO[bytes], *, separate: bool) -> None:
        self.out = out
        self.separate = separate
        self.written = False

    def write(self, index: int, data: bytes) -> None:
        if self.separate and self.written:
            self.out.write(b"\n")
        self.out.write(data)
        self.written = True


def _outputs_to_do(args: argparse.Namespace, files: list[InputFile]) -> list[InputFile]:
    """The inputs whose ``-O`` output is still to write (all of them without ``--resume``), checked: no
    two inputs share an output, and no output is an input (its own or another's: the other would be
    read after it was written over, or lost) or a folder."""
    if any(f.path == STDIO for f in files):
        raise CliError("-O writes one output per input file; stdin has no file name (use -o)")
    inputs = file_ids(files)
    seen: dict[str, str] = {}
    for f in files:
        target = os.path.normpath(os.path.join(args.output_dir, f.rel))
        if target in seen:
            raise CliError(f"-O: {seen[target]} and {f.path} would both be written to {target}; "
                           "give their common folder instead")
        seen[target] = f.path
        if not os.path.lexists(target):
            continue
        if os.path.isdir(target):
            raise CliError(f"-O: the output of {f.path} would be {target}, which is a directory; "
                           "choose another folder")
        same = same_as_input(target, inputs)
        if same is not None:
            which = "" if same == f.path else f" (the output of {f.path})"
            raise CliError(f"-O {args.output_dir} would overwrite the input {same}{which}; choose a folder "
                           "outside the inputs")
    if not args.resume:
        return files
    todo = [f for f in files if not os.path.exists(os.path.join(args.output_dir, f.rel))]
    if not args.quiet and len(todo) < len(files):
        say(f"resuming: {len(files) - len(todo):,} of {len(files):,} output(s) already complete")
    return todo


class _Run:
    """One run's reading loop and reporting: bad records, skipped inputs, detected encodings, stats."""

    def __init__(self, args: argparse.Namespace, fmt: RecordFormat) -> None:
        self.args = args
        self.fmt = fmt
        self.stats = RunStats()
        self.progress: Progress | None = None
        self.notices = 0

    def clean(self, job: CleanJob, files: Sequence[InputFile], write: Callable[[int, bytes], None],
              skip: Callable[[int], None]) -> None:
        policy = self.args.on_error
        self.progress = _progress(self.args, files)
        try:
            items = read_items(files, jsonl=self.fmt.jsonl, group_by_dir=self.fmt.group_by_dir,
                               encoding=self.fmt.encoding)
            for outcomes in ordered_map(job, chunked(items, size=CLEAN_CHUNK), jobs=jobs_count(self.args)):
                for outcome in outcomes:
                    self.one(outcome, write, skip, policy)
                self.progress.advance(records=len(outcomes), nbytes=sum(o.nbytes for o in outcomes))
        finally:
            self.progress.close()

    def one(self, outcome: Outcome, write: Callable[[int, bytes], None], skip: Callable[[int], None],
            policy: str) -> None:
        if outcome.skipped:
            self.skipped(outcome.skipped, policy)
            skip(outcome.index)
        elif outcome.error:
            self.bad(outcome.error, outcome.where, policy)
            if policy == "keep":
                write(outcome.index, outcome.output)
        else:
            if outcome.detected:
                self.detected(outcome.where, outcome.detected)
            if outcome.no_text and not self.args.quiet:
                self.notice(f"note: {outcome.where}: the HTML extractor found no text in this page (empty output)")
            write(outcome.index, outcome.output)
            self.stats.add(outcome, grouping=self.fmt.grouped)

    def bad(self, message: str, where: str, policy: str) -> None:
        if policy == "stop":
            raise CliError(f"{message} (use --on-error skip or keep to go past bad records)", code=1)
        self.stats.add_bad(message, where)

    def skipped(self, message: str, policy: str) -> None:
        """An input that is not text: skipped with a warning (a JSONL file: a bad record, by --on-error)."""
        if self.fmt.jsonl and policy == "stop":
            raise CliError(f"{message} (use --on-error skip to go past it)", code=1)
        self.stats.skipped += 1
        self.notice(f"warning: skipped {message}")

    def detected(self, source: str, encoding: str) -> None:
        self.stats.decoded[encoding] += 1
        if not self.args.quiet:
            self.notice(f"note: {source}: not UTF-8, read as {encoding} (detected; --encoding forces one)")

    def notice(self, message: str) -> None:
        self.notices += 1
        if self.notices <= SHOWN_NOTICES:
            line = f"cleantext: {message}"
            if self.progress is not None:
                self.progress.write(line)
            else:
                print(line, file=sys.stderr)

    def finish(self, *, policy: str | None = None, documents: int | None = None) -> None:
        """The end-of-run report: bad records (always), what was not shown, and --stats
        (of what was read only, when fitting: ``documents``)."""
        policy = policy or self.args.on_error
        if policy == "keep" and getattr(self.args, "explain", False):
            policy = "skip"  # --explain writes removals, not records: a bad record has none to list
        summary = self.stats.bad_summary(policy)
        if summary:
            for line in summary.splitlines():
                say(line)
        if self.notices > SHOWN_NOTICES:
            say(f"... {self.notices - SHOWN_NOTICES:,} more warning(s) and note(s) not shown "
                "(skipped inputs and detected encodings: see --stats)")
        if getattr(self.args, "stats", False):
            table = self.stats.table() if documents is None else self.stats.input_table(documents)
            print(table, file=sys.stderr)


def _is_model_file(path: str) -> bool:
    """Whether ``path`` is a file that starts as a cleantext model does."""
    from .learn.model import MAGIC

    try:
        with open(path, "rb") as file:
            return file.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _load_model(path: str) -> Any:
    from .learn import ModelError, load_model

    if os.path.isdir(path):
        raise CliError(f"{path}: is a directory, not a model file")
    if not os.path.exists(path):
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
    fmt = record_format(args)
    job = _fit_job(fmt, args)
    to_stdout = args.output == STDIO  # `-o -`: the model's bytes to stdout (e.g. piped to an upload)
    folder = os.path.dirname(os.path.abspath(args.output))
    if not to_stdout and not os.path.isdir(folder):
        raise CliError(f"{args.output}: no such directory {folder!r} for the model")
    files = expand_inputs(args.inputs)
    if to_stdout and any(f.path == STDIO for f in files):
        raise CliError("fit -o - writes the model to stdout: read the inputs from files, not stdin")
    if not to_stdout and not _is_model_file(args.output):  # a model among the inputs is skipped: refit over it
        check_output_file(args.output, files)
    started = time.monotonic()
    run = _Run(args, fmt)
    total, documents, ungrouped = _collect(job, files, run)
    if total is None or not documents:
        raise CliError("no documents to fit on (inputs are empty, not text, or every record was bad)")
    from .learn.stats import pruned_warning

    pruned = pruned_warning(total, remedy="raise it with --param max_items=N")
    model = total.finalize()
    try:
        if to_stdout:
            with open_output(STDIO) as out:
                out.write(model.to_bytes())
        else:
            model.save(args.output)
    except BrokenPipeError:  # `-o -` into a pipe closed early: quiet, as cleaning is (141)
        raise
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write the model: {exc.strerror or exc}") from None
    run.stats.ungrouped = ungrouped if fmt.grouped else 0
    run.finish(policy="skip", documents=documents)  # when fitting, a kept record is left out too
    warning = _grouping_warning(fmt, files, documents, ungrouped)
    if warning:
        say(f"warning: {warning}")
    if pruned:
        say(f"warning: {pruned}")
    if not args.quiet:
        say(_fit_summary(model, documents, ungrouped if fmt.grouped else 0,
                         time.monotonic() - started, args.output))
    return 0


def _grouping_warning(fmt: RecordFormat, files: Sequence[InputFile], documents: int, ungrouped: int) -> str | None:
    """Per-site learning needs groups: say so when inputs that look like several sites were fitted
    with none (text files from several folders, or several JSONL files)."""
    several = len({os.path.dirname(f.path) for f in files}) > 1 if not fmt.jsonl else len(files) > 1
    if not fmt.grouped and several:
        how = "--group-field or --group-by-domain" if fmt.jsonl else "--group-by-dir (a folder per site)"
        return (f"{len(files):,} inputs fitted without groups: the model holds only what the whole corpus "
                f"repeats; to learn each site's own boilerplate, group them with {how}")
    if fmt.grouped and ungrouped == documents:
        return "no document had a group: the model holds only what the whole corpus repeats"
    return None


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
    return job


def _collect(job: FitJob, files: Sequence[InputFile], run: _Run) -> tuple[Any, int, int]:
    """Statistics of every chunk, merged in input order: (total Stats, documents, without a group)."""
    total: Any = None
    documents = ungrouped = 0
    args = run.args
    policy = args.on_error
    jobs = jobs_count(args)
    run.progress = _progress(args, files)
    try:
        items = read_items(files, jsonl=job.format.jsonl, group_by_dir=job.format.group_by_dir,
                           encoding=job.format.encoding)
        # A small window: each chunk's Stats waits in memory until the parent merges it.
        for part in ordered_map(job, chunked(items, size=FIT_CHUNK), jobs=jobs, window=2 * jobs):
            for where, message in part.errors:
                run.bad(message, where, policy)
            for message in part.skipped:
                run.skipped(message, policy)
            for source, encoding in part.detected:
                run.detected(source, encoding)
            total = part.stats if total is None else total.update(part.stats)  # in place: no copy per chunk
            documents += part.documents
            ungrouped += part.ungrouped
            run.progress.advance(records=part.documents + len(part.errors), nbytes=part.nbytes)
    finally:
        run.progress.close()
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


def _progress(args: argparse.Namespace, files: Sequence[InputFile]) -> Progress:
    sizes = [input_size(f.path) for f in files]
    total = sum(s for s in sizes if s is not None) if all(s is not None for s in sizes) else None
    enabled = not args.quiet and bool(getattr(sys.stderr, "isatty", lambda: False)())
    return Progress(sys.stderr, enabled=enabled, total_bytes=total)


class Terminated(BaseException):
    """SIGTERM (or SIGHUP: the terminal closed) arrived: unwind like Ctrl-C, so that a partial -o file is
    removed. ``signum`` gives the exit code, 128 + the signal's number."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signum)
        self.signum = int(signum)


#: The signals that end a run as Terminated (SIGHUP left `.NAME.XXXX.tmp` files behind under -o).
_TERMINATING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise Terminated(signum)

    try:
        # A signal already ignored stays ignored: `nohup cleantext ...` must outlive its terminal.
        previous = {signum: signal.signal(signum, stop) for signum in _TERMINATING
                    if signal.getsignal(signum) is not signal.SIG_IGN}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
