"""What the command line does to each input document or JSONL record.

A job is a small immutable object (the record format, the cleaning options,
the model) that is pickled and sent to each worker process *once*; workers
then receive only chunks of raw input items. Everything a job returns is plain
data (bytes, counts and messages), so results are identical whatever the number
of workers and the main process only writes them out and reports, in order.

An input item is a :class:`cleantext.inputs.Item`: the file name, the JSONL line
number (``None`` for a whole text file), the raw bytes, the folder group and the
index of the input file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from .domains import registrable_domain
from .html import extract_text
from .inputs import Item, decode, not_text, records_not_text
from .io import with_field
from .learn.params import group_name
from .pipeline import Pipeline, Result
from .report import explain_lines

__all__ = ["CleanJob", "FitJob", "FitPart", "Item", "NotText", "Outcome", "Parsed", "RecordError", "RecordFormat"]


class RecordError(ValueError):
    """One input record cannot be used (malformed JSON, missing field, ...)."""


class NotText(RecordError):
    """The input is not text at all (an image, an archive, a model file): skipped with a warning."""


class Parsed(NamedTuple):
    """What a record format finds in an item: the JSON object (if JSONL), the text, the group,
    and the encoding a text file was read in when it was not UTF-8 but detected."""

    record: dict[str, Any] | None
    text: str
    group: str | None
    detected: str | None = None
    #: An HTML page (of some bytes) the extractor found no text in: its output is empty, said in a note.
    no_text: bool = False
    #: The JSON text of the record as read (its line, decoded): the output is this with the field replaced.
    line: str | None = None


@dataclass(frozen=True)
class RecordFormat:
    """Where the text (and the group) of each input item is.

    >>> fmt = RecordFormat(jsonl=True, field="body", group_by_domain="url")
    >>> fmt.parse(("c.jsonl", 3, b'{"url": "https://www.bbc.co.uk/news/1", "body": "Hi"}')).group
    'bbc.co.uk'
    >>> fmt.parse(("c.jsonl", 4, b'{"url": "x"'))
    Traceback (most recent call last):
    ...
    cleantext.jobs.RecordError: c.jsonl:4: malformed JSON (Expecting ',' delimiter: column 12)
    """

    jsonl: bool = False
    field: str = "text"
    group_field: str | None = None
    group_by_domain: str | None = None
    group_by_dir: bool = False
    html: bool = False
    encoding: str | None = None  # forced with --encoding; else UTF-8, or detected for text files
    extractor: str = "trafilatura"  # for html
    comments: bool = False  # html: ask the extractor for the comment thread too

    @property
    def grouped(self) -> bool:
        """Whether records are grouped at all (so a record without a group is worth counting)."""
        return bool(self.group_field or self.group_by_domain or self.group_by_dir)

    def parse(self, item: Item) -> Parsed:
        """The record's text and group; :class:`RecordError` (or :class:`NotText`) says why not."""
        source, line, payload = item[:3]
        folder = item.group if isinstance(item, Item) and self.group_by_dir else None
        if not self.jsonl:
            kind = not_text(payload, self.encoding)
            if kind:
                raise NotText(f"{source}: not text ({kind})")
            if self.html:
                html = payload if self.encoding is None else payload.decode(self.encoding, "replace")
                text = self._extract(html, source)
                return Parsed(None, text, folder, no_text=not text.strip() and bool(payload.strip()))
            decoded = decode(payload, self.encoding)
            return Parsed(None, decoded.text, folder, decoded.encoding if decoded.detected else None)
        where = f"{source}:{line}"
        if line == 1 and (kind := records_not_text(payload)):
            raise NotText(f"{source}: not text ({kind})")
        record, json_text = _load_object(payload, where, self.encoding)
        value = _field(record, self.field, where)
        if not isinstance(value, str):
            raise RecordError(f"{where}: field {self.field!r} is {_kind(value)}, not a string")
        text = self._extract(value, where) if self.html else value
        no_text = self.html and not text.strip() and bool(value.strip())
        return Parsed(record, text, folder if self.group_by_dir else self._group(record, where), no_text=no_text,
                      line=json_text)

    def _extract(self, html: str | bytes, where: str) -> str:
        """The extractor's text of one page; a page it fails on is a bad record, not a crashed run."""
        try:
            return extract_text(html, extractor=self.extractor, comments=self.comments)
        except ImportError:
            raise
        except Exception as exc:  # noqa: BLE001 (any failure inside the extractor is per page)
            raise RecordError(f"{where}: HTML extraction failed: {type(exc).__name__}: {exc}") from None

    def _group(self, record: dict[str, Any], where: str) -> str | None:
        if self.group_by_domain is not None:
            url = _field(record, self.group_by_domain, where)
            if url is None:
                return None  # a record without its address: counted without a group
            if not isinstance(url, str):  # a wrong field, most likely: say so rather than drop the group
                raise RecordError(f"{where}: field {self.group_by_domain!r} is {_kind(url)}, not a URL string")
            return registrable_domain(url)
        if self.group_field is not None:
            # named as fit(groups=) and clean(group=) name it (learn.params.group_name: str(), and null or ""
            # is no group), so that a model fitted here serves the same column read with the Python API
            return group_name(_field(record, self.group_field, where))
        return None


class Outcome(NamedTuple):
    """The result of one item: bytes to write and what to count.

    On a bad record ``error`` says why and ``output`` is the record unchanged
    (written only under ``--on-error keep``).
    """

    output: bytes
    nbytes: int
    chars_in: int = 0
    chars_out: int = 0
    removed: tuple[tuple[str, int, int], ...] = ()  # (category, removals, characters) applied
    capped: int = 0
    error: str | None = None
    grouped: bool = False
    index: int = 0  # the input file (for -O)
    where: str = ""  # the file, and the line of a JSONL record
    detected: str | None = None  # the encoding a text file was read in, when detected
    skipped: str | None = None  # why the input was skipped (not text)
    no_text: bool = False  # an HTML page the extractor found no text in


@dataclass(frozen=True)
class CleanJob:
    """Clean (or explain) items: the job the ``cleantext`` command ships to its workers."""

    format: RecordFormat
    options: Mapping[str, Any] = field(default_factory=dict)
    model: Any = None
    explain: str | None = None  # None, "text" or "jsonl"
    color: bool = False

    def run(self, chunk: Sequence[Item]) -> list[Outcome]:
        return [self.one(item) for item in chunk]

    def one(self, item: Item) -> Outcome:
        source, line, payload = item[:3]
        index = item.index if isinstance(item, Item) else 0
        where = source if line is None else f"{source}:{line}"
        try:
            parsed = self.format.parse(item)
        except NotText as exc:
            return Outcome(b"", len(payload), index=index, where=where, skipped=str(exc))
        except RecordError as exc:
            passthrough = b"" if self.explain else _as_line(payload)
            return Outcome(passthrough, len(payload), error=str(exc), index=index, where=where)
        result = self.result(parsed.text, parsed.group)
        return Outcome(
            output=self._output(parsed, result, source, line),
            nbytes=len(payload),
            chars_in=len(parsed.text),
            chars_out=len(result.text),
            removed=_tally(result),
            capped=sum(1 for r in result.removals if r.capped),
            grouped=parsed.group is not None,
            index=index,
            where=where,
            detected=parsed.detected,
            no_text=parsed.no_text,
        )

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the settings only; each process builds its own pipeline."""
        return {k: v for k, v in self.__dict__.items() if k != "pipeline"}

    @cached_property
    def pipeline(self) -> Pipeline:
        """The built-in pipeline for ``options``, looked up once per process."""
        from .compose import default_pipeline

        return default_pipeline(**self.options)

    def result(self, text: str, group: str | None) -> Result:
        """Run the pipeline: the built-in rules, plus the model's spans for the record's group."""
        if self.model is None:
            return self.pipeline.run(text)
        from .compose import default_pipeline

        # The same pipeline as cleantext.clean(text, model=, group=); one run gives text and removals.
        return default_pipeline(model=self.model, group=group, **self.options).run(text)

    def _output(self, parsed: Parsed, result: Result, source: str, line: int | None) -> bytes:
        if self.explain:
            lines = explain_lines(
                result.removals, source=source, line=line, text=result.normalized,
                form=self.explain, color=self.color,
            )
            return "".join(lines).encode("utf-8", "replace")
        if parsed.record is None:
            return _encode(result.text + "\n")
        assert parsed.line is not None
        return with_field(parsed.line, self.format.field, result.text)  # every other field as written


def _tally(result: Result) -> tuple[tuple[str, int, int], ...]:
    count: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for r in result.removals:
        if r.applied:
            count[r.category] += 1
            chars[r.category] += r.length
    return tuple((cat, count[cat], chars[cat]) for cat in sorted(count))


def _load_object(payload: bytes, where: str, encoding: str | None = None) -> tuple[dict[str, Any], str]:
    """The JSON object of one JSONL line, and its text (decoded, without a BOM or the line's end)."""
    try:
        # (the line's own end goes: a record cut short would be reported past it, on "line 2")
        text = payload.decode(encoding or "utf-8").lstrip("\ufeff").rstrip("\r\n")
        record = json.loads(text)
    except UnicodeDecodeError as exc:
        name = encoding or "UTF-8"
        raise RecordError(f"{where}: not valid {name} ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{where}: malformed JSON ({exc.msg}: column {exc.pos + 1})") from None
    except (ValueError, RecursionError) as exc:  # past the parser's limits: a 5,000-digit number, deep nesting
        raise RecordError(f"{where}: JSON beyond the parser's limits ({type(exc).__name__}: {exc})") from None
    if not isinstance(record, dict):
        raise RecordError(f"{where}: expected a JSON object, found {_kind(record)}")
    return record, text


def _field(record: dict[str, Any], name: str, where: str) -> Any:
    if name not in record:
        known = ", ".join(repr(k) for k in list(record)[:10]) or "none"
        raise RecordError(f"{where}: no field {name!r} (fields: {known})")
    return record[name]


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "replace")


def _as_line(payload: bytes) -> bytes:
    return payload if payload.endswith(b"\n") else payload + b"\n"


class FitPart(NamedTuple):
    """The statistics of one chunk, merged in order by the parent."""

    stats: Any  # cleantext.learn.Stats
    documents: int
    nbytes: int
    errors: tuple[tuple[str, str], ...]  # (file:line, message) of each bad record
    ungrouped: int
    detected: tuple[tuple[str, str], ...] = ()  # (file, encoding) of text files read in a detected encoding
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class FitJob:
    """Collect learning statistics per chunk: the job ``cleantext fit`` ships to its workers."""

    format: RecordFormat
    params: Mapping[str, Any] = field(default_factory=dict)

    def new_stats(self) -> Any:
        from .learn import LearnParams, Stats

        return Stats(LearnParams.from_options(**self.params))

    def run(self, chunk: Sequence[Item]) -> FitPart:
        stats = self.new_stats()
        errors: list[tuple[str, str]] = []
        detected: list[tuple[str, str]] = []
        skipped: list[str] = []
        documents = ungrouped = 0
        for item in chunk:
            try:
                parsed = self.format.parse(item)
            except NotText as exc:
                skipped.append(str(exc))
                continue
            except RecordError as exc:
                errors.append((f"{item[0]}:{item[1]}", str(exc)))
                continue
            stats.add(parsed.text, group=parsed.group)
            documents += 1
            ungrouped += parsed.group is None
            if parsed.detected:
                detected.append((item[0], parsed.detected))
        nbytes = sum(len(i[2]) for i in chunk)
        return FitPart(stats, documents, nbytes, tuple(errors), ungrouped, tuple(detected), tuple(skipped))
