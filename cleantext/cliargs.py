"""The options every corpus command shares, and what they become.

``cleantext``, ``cleantext fit`` and ``cleantext report`` read their input the
same way: :func:`add_input_options` adds the flags (JSONL, field, grouping,
HTML, encoding, bad-record policy) and :func:`record_format` turns them into a
:class:`cleantext.jobs.RecordFormat`, checked now so that a mistake is one clear
line. A new input option goes here, once, for every command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from .config import CATEGORIES, LANGUAGES, MODES, Config
from .html import EXTRACTORS
from .inputs import check_encoding, wide
from .io import STDIO
from .jobs import RecordFormat
from .report import one_line
from .version import __version__


class CliError(Exception):
    """A failure to report as one line on stderr, with an exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name (control characters escaped: a file name
    with a newline or a terminal escape in it cannot split the line or drive the terminal)."""
    print(f"cleantext: {one_line(message)}", file=sys.stderr)


def add_input_options(parser: argparse.ArgumentParser, *, command: str = "clean") -> None:
    """How records are read and grouped. ``command`` is ``clean``, ``fit`` or ``report``."""
    records = parser.add_argument_group("input records")
    records.add_argument("--jsonl", action="store_true",
                         help="one JSON object per line, the text in --field"
                         + ("; only that field is cleaned, every other field and the record order "
                            "are kept" if command == "clean" else ""))
    records.add_argument("--field", metavar="NAME", help="the JSONL field holding the text (default: text)")
    group = records.add_mutually_exclusive_group()
    group.add_argument("--group-by-dir", action="store_true",
                       help="each file's group (site) is its folder: the first folder under the directory "
                       "given (DIR/<group>/...), or the folder a file named directly sits in"
                       + ("; needs --model" if command == "clean" else ""))
    group.add_argument("--group-field", metavar="NAME",
                       help="the JSONL field naming each record's group (site)"
                       + ("; needs --model" if command == "clean" else ""))
    group.add_argument("--group-by-domain", metavar="URL_FIELD",
                       help="group records by the registrable domain of this URL field "
                       "(news.bbc.co.uk -> bbc.co.uk)")
    records.add_argument("--encoding", metavar="NAME",
                         help="read input in this encoding (default: UTF-8; a text file that is not "
                         "valid UTF-8 is read in the encoding detected, with a note on stderr)")
    records.add_argument("--html", action="store_true",
                         help="the input is HTML: extract its text first (extra 'html' or 'resiliparse')")
    records.add_argument("--extractor", choices=EXTRACTORS, default=None,
                         help="with --html: trafilatura (default; the comment thread only when the "
                         "comments category is kept) or resiliparse (fast, keeps more boilerplate: "
                         "cleaned in page mode unless --mode says otherwise)")
    keep = {"clean": "keep writes them unchanged", "fit": "keep too (there is nothing to keep when fitting)",
            "report": "keep too"}[command]
    records.add_argument("--on-error", choices=("stop", "skip", "keep"), default="stop",
                         help="a bad JSONL record: stop with an error (default), or go on and report "
                         f"how many there were and where: skip drops them, {keep}")


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    """What to remove: model, categories, languages, mode."""
    rules = parser.add_argument_group("what to remove")
    rules.add_argument("--model", metavar="MODEL", help="also remove spans learned by `cleantext fit`")
    rules.add_argument("--category", action="append", type=_names, metavar="NAME[,NAME]",
                       help=f"remove only these categories (repeatable); known: {', '.join(CATEGORIES)}")
    rules.add_argument("--keep-category", action="append", type=_names, metavar="NAME[,NAME]",
                       help="never remove these categories (repeatable)")
    rules.add_argument("--lang", action="append", type=_names, metavar="CODE[,CODE]",
                       help=f"rule languages to apply (default: all of {', '.join(LANGUAGES)})")
    rules.add_argument("--mode", choices=MODES, default=None,
                       help="'article' for extracted article text (default, conservative), "
                       "'page' for whole-page text such as Common Crawl WET (the default with "
                       "--extractor resiliparse, whose text keeps menus and footers)")


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """-j, -q and --version, last in --help."""
    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                     help="worker processes (0: one per CPU; at most one per CPU); output is identical to -j 1")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar, notes or summary")
    run.add_argument("--version", action="version", version=f"cleantext {__version__}")


def _names(value: str) -> list[str]:
    return [name.strip().lower() for name in value.split(",") if name.strip()]


def config_options(args: argparse.Namespace) -> dict[str, Any]:
    """Config keywords from the rule options, validated now so that mistakes are one clear line."""
    mode = args.mode or ("page" if getattr(args, "extractor", None) == "resiliparse" else "article")
    options: dict[str, Any] = {"mode": mode}
    for flag, given in (("--category", args.category), ("--keep-category", args.keep_category), ("--lang", args.lang)):
        if given is not None and not _flat(given):  # `--category ''`: no name (removing nothing at all)
            raise CliError(f"{flag} needs at least one name")
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


def record_format(args: argparse.Namespace, options: dict[str, Any] | None = None) -> RecordFormat:
    """The :class:`RecordFormat` of the input options; ``options`` (Config keywords) decide
    whether an HTML extractor is asked for the comment thread (only when comments are kept)."""
    if not args.jsonl:
        for flag, value in (("--field", args.field), ("--group-field", args.group_field),
                            ("--group-by-domain", args.group_by_domain)):
            if value is not None:
                raise CliError(f"{flag} reads JSONL records; add --jsonl")
    if args.extractor and not args.html:
        raise CliError("--extractor chooses how --html input is read; add --html")
    if args.encoding:
        check_encoding(args.encoding)
        if args.jsonl and wide(args.encoding):
            raise CliError(f"--jsonl reads one record per line, split at newline bytes: --encoding {args.encoding} "
                           "writes them as two or four bytes; convert the file to UTF-8 first (JSON is UTF-8: "
                           f"iconv -f {args.encoding} -t utf-8)")
    extractor = args.extractor or "trafilatura"
    if args.html:
        from .html import require_extractor

        require_extractor(extractor)  # a missing extra is one clear line, before any input is read
    config = Config.from_options(**(options or {}))
    return RecordFormat(
        jsonl=args.jsonl,
        field=args.field or "text",
        group_field=args.group_field,
        group_by_domain=args.group_by_domain,
        group_by_dir=args.group_by_dir,
        html=args.html,
        encoding=args.encoding,
        extractor=extractor,
        comments=not config.removes("comments"),
    )


def jobs_count(args: argparse.Namespace) -> int:
    """Worker processes for ``-j`` (0: one per CPU), at most one per CPU: cleaning and fitting keep a core
    busy each, so more only adds processes (``-j 100000`` started that many and stalled the machine)."""
    if args.jobs < 0:
        raise CliError("--jobs must be 0 (one per CPU) or more")
    cpus = os.cpu_count() or 1
    if args.jobs > cpus and not getattr(args, "_jobs_noted", False):
        if not getattr(args, "quiet", False):
            say(f"-j {args.jobs}: using {cpus} worker process(es), one per CPU")
        args._jobs_noted = True  # once per run (the count is asked for each pass)
    return min(args.jobs, cpus) or cpus


def file_ids(files: Sequence[Any]) -> dict[tuple[int, int], str]:
    """The input files by (device, inode): what an output path must not be."""
    ids: dict[tuple[int, int], str] = {}
    for f in files:
        if f.path == STDIO:
            continue
        try:
            found = os.stat(f.path)
        except OSError:
            continue  # reading it will say what is wrong
        if found.st_ino:  # 0: a file system without file ids, where every file would look the same
            ids.setdefault((found.st_dev, found.st_ino), f.path)
    return ids


def same_as_input(path: str, inputs: dict[tuple[int, int], str]) -> str | None:
    """The input ``path`` is (one of ``inputs``, by :func:`file_ids`), if it is one. A symbolic link is not
    followed: an output written there replaces the link, not the file it points to."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return inputs.get((found.st_dev, found.st_ino)) if found.st_ino else None


def check_output_file(path: str, files: Sequence[Any]) -> None:
    """``-o PATH`` (of cleaning, ``fit`` and ``report``) names a file that is none of the inputs: the
    output is written whole at the end, so an input written over would be lost (and a folder would
    fail only then, after all the work)."""
    if os.path.isdir(path):
        raise CliError(f"-o {path}: is a directory (-o names one output file; -O DIR writes one per input)")
    same = same_as_input(path, file_ids(files))
    if same is not None:
        raise CliError(f"-o {path} is the input {same}: the output would replace it; write elsewhere "
                       "(then move it over the input if that is what you want)")


def os_error_line(exc: OSError) -> str:
    """An OSError as the command line says it: the file it names (an output's, by :func:`cleantext.io.naming`;
    of ``os.replace(temporary, output)``, the second) and why."""
    where = exc.filename2 or exc.filename
    return f"error: {where}: {exc.strerror}" if where and exc.strerror else f"error: {exc}"
