"""Check that every quote in the data occurs in the text of the report it cites, in the section it cites.

A report names its text file with ``aikg:sourceText``, relative to the folder of
the Turtle file that declares it. The name comes from the data, which may be
someone else's: it must lead to a regular file inside that folder (no absolute
path, no ``..`` or link out of it, no device, FIFO or folder), of at most
MAX_SOURCE_TEXT_BYTES, in UTF-8. Anything else is refused before a byte is read.
Quotes are compared after collapsing runs of whitespace, so line breaks of the
text do not matter. Sections are found from the report's own headings (split_sections):
a section's heading must be a line of the text.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

import pyoxigraph
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from aikg.errors import AikgError, ExitStatus
from aikg.vocab import AIKG

__all__ = [
    "MAX_SOURCE_TEXT_BYTES",
    "QuoteProblem",
    "SourceTextError",
    "collapse_whitespace",
    "check_quotes",
    "section_headings",
    "split_sections",
    "declared_source_texts",
    "read_source_text",
    "read_text_file",
]

MAX_SOURCE_TEXT_BYTES = 8 * 1024 * 1024  # the Belgian report's text is 20 KB


class SourceTextError(AikgError):
    """A report's text file that the data names but aikg refuses to read: the data does not conform."""

    exit_status = ExitStatus.FAILED


@dataclass(frozen=True)
class QuoteProblem:
    """A quote not in its report's text or section (``quotation`` is the quotation), a section whose
    heading is not in the text (``quotation`` is the section), or a report whose text is refused."""

    quotation: Node
    report: Node
    message: str
    path: str = "prov:value"
    declared_in: Path | None = None  # for a refused text: the Turtle file that names it


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


def read_source_text(source: Node, declared_in: Path | None, read: dict[str, str] | None = None) -> str:
    """The text of the file that ``aikg:sourceText source``, declared in the Turtle file ``declared_in``, names.

    Raises SourceTextError, saying why, for anything but a bounded UTF-8 regular
    file inside the folder of ``declared_in``. ``read`` collects the path and SHA-256
    of the bytes read, so that a cached verdict can be checked against them.
    """
    if not isinstance(source, Literal):
        raise SourceTextError(f"aikg:sourceText must be a file name (a string), not {source}")
    name = str(source)
    if declared_in is None:
        raise SourceTextError(f"aikg:sourceText {name!r} is not declared in a data file, so it has no folder")
    if "\x00" in name or PurePath(name).is_absolute():
        raise SourceTextError(f"aikg:sourceText {name!r} must be a file name relative to the folder of {declared_in.name}")
    folder = declared_in.parent.resolve()
    path = (folder / name).resolve()
    if path != folder and folder not in path.parents:
        raise SourceTextError(f"aikg:sourceText {name!r} leads outside the folder of {declared_in.name}")
    try:
        data = read_text_file(path, repr(name))
    except SourceTextError:
        if read is not None:
            read[str(path)] = ""  # unreadable: a verdict kept for it holds while it stays so
        raise
    if read is not None:
        read[str(path)] = hashlib.sha256(data).hexdigest()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceTextError(f"the report's text file {name!r} is not UTF-8 text (byte {error.start + 1})") from None


def read_text_file(path: Path, shown: str) -> bytes:
    """The bytes of a report's text: a regular file (not a link, FIFO or device) of bounded size."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; the checks below refuse it.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise SourceTextError(f"the report's text file {shown} cannot be read: {error.strerror}") from None
    try:
        return _read_regular_file(descriptor, shown)
    finally:
        os.close(descriptor)


def _read_regular_file(descriptor: int, shown: str) -> bytes:
    """The bytes of an open regular file of at most MAX_SOURCE_TEXT_BYTES; anything else is refused."""
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        raise SourceTextError(f"the report's text file {shown} is {_kind(info.st_mode)}, not a regular file")
    too_large = f"the report's text file {shown} is larger than {MAX_SOURCE_TEXT_BYTES // 2**20} MiB"
    if info.st_size > MAX_SOURCE_TEXT_BYTES:
        raise SourceTextError(too_large)
    chunks, size = [], 0
    while chunk := os.read(descriptor, min(1 << 20, MAX_SOURCE_TEXT_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_SOURCE_TEXT_BYTES:  # the file grew while being read
            raise SourceTextError(too_large)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def declared_source_texts(files: Iterable[Path]) -> dict[tuple[Node, Node], Path]:
    """For each ``report aikg:sourceText name`` triple of the files (IRI reports), the file that states it."""
    declared: dict[tuple[Node, Node], Path] = {}
    predicate = pyoxigraph.NamedNode(str(AIKG.sourceText))
    for path in files:
        for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            if quad.predicate == predicate and isinstance(quad.subject, pyoxigraph.NamedNode):
                source = quad.object
                name = Literal(source.value) if isinstance(source, pyoxigraph.Literal) else URIRef(source.value)
                declared.setdefault((URIRef(quad.subject.value), name), path)
    return declared


def check_quotes(graph: Graph, declared_in: Mapping[tuple[Node, Node], Path],
                 read: dict[str, str] | None = None) -> list[QuoteProblem]:
    """Quotes not found in their report's text or not in the section they cite, sections whose
    heading is no line of their report's text, and reports whose text cannot be read.

    ``declared_in`` maps each ``(report, sourceText)`` pair to the Turtle file that states it;
    ``read`` collects the texts read (see read_source_text).
    """
    texts: dict[Node, str | None] = {}
    sections: dict[Node, dict[Node, str]] = {}
    problems: list[QuoteProblem] = []
    for report, source in graph.subject_objects(AIKG.sourceText):
        declared = declared_in.get((report, source))
        try:
            text = read_source_text(source, declared, read)
        except SourceTextError as error:
            texts[report] = None
            problems.append(QuoteProblem(report, report, str(error), "aikg:sourceText", declared))
            continue
        texts[report] = collapse_whitespace(text)
        sections[report] = _sections_of(graph, report, text, problems)
    found: dict[tuple[Node, str], bool] = {}
    for quotation, report in graph.subject_objects(PROV.entity):
        text = texts.get(report)
        if text is None:
            continue
        cited = set(graph.objects(quotation, PROV.atLocation))
        for value in graph.objects(quotation, PROV.value):
            quote = collapse_whitespace(str(value)) if isinstance(value, Literal) else ""
            if (report, quote) not in found:
                found[report, quote] = quote in text
            if not found[report, quote]:
                problems.append(QuoteProblem(quotation, report, f"quote not found in the report's text: \"{_shorten(quote)}\""))
                continue
            for section in cited:
                problem = _misplaced(graph, quote, section, sections[report])
                if problem:
                    problems.append(QuoteProblem(quotation, report, problem, "prov:atLocation"))
    return problems


def _sections_of(graph: Graph, report: Node, text: str, problems: list[QuoteProblem]) -> dict[Node, str | None]:
    """The text of each section of the report; a section whose heading is on no line of the text
    is a problem (its quotes then belong to no section) and maps to None."""
    headings = section_headings(graph, report)
    cut: dict[Node, str | None] = dict(split_sections(text, headings))
    lines = None
    for section, heading in headings.items():
        if section in cut:
            continue
        if lines is None:
            lines = sorted({collapse_whitespace(line) for line in text.splitlines() if line.strip()})
        near = _nearest(heading, lines) if heading else None
        hint = f"; did you mean \"{near}\"?" if near else ""
        message = (f"the section's heading \"{_shorten(heading)}\" is no line of its report's text{hint}"
                   if heading else "the section has no dct:title, so its heading cannot be found in the report's text")
        problems.append(QuoteProblem(section, report, message, "dct:title"))
        cut[section] = None  # its quotes are not reported again
    return cut


def _misplaced(graph: Graph, quote: str, section: Node, sections: Mapping[Node, str | None]) -> str:
    """Why a quote found in its report's text is not where it says it is ("" when it is)."""
    if section not in sections:
        return f"cites {_name(graph, section)}, which is not a section of the report it quotes"
    own = sections[section]
    if own is None or quote in own:
        return ""  # a section without a heading is reported once, on the section
    holding = [_name(graph, other) for other, words in sections.items() if words and quote in words]
    where = f"; it is in {', '.join(holding)}" if holding else "; it is in no single section"
    return f"quote not in the section it cites, {_name(graph, section)}{where}: \"{_shorten(quote)}\""


def _nearest(heading: str, lines: list[str]) -> str | None:
    from rapidfuzz import fuzz, process  # only when a heading is missing

    found = process.extractOne(heading, lines, scorer=fuzz.ratio, score_cutoff=80)
    return found[0] if found else None


def _name(graph: Graph, node: Node) -> str:
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # a term rdflib cannot prefix
        return str(node)


def section_headings(graph: Graph, report: Node) -> dict[Node, str]:
    """Each section of ``report`` (``dct:hasPart``, or an aikg:Section ``dct:isPartOf`` it) and its heading
    as the text prints it ("" for a section without a title).

    The heading is the section's number and title ("1 Human capital"), or its title alone
    for an unnumbered section or subsection ("Flanders", "Background information").
    """
    headings: dict[Node, str] = {}
    parts = {*graph.objects(report, DCTERMS.hasPart),
             *(s for s in graph.subjects(DCTERMS.isPartOf, report) if (s, RDF.type, AIKG.Section) in graph)}
    for section in sorted(parts):
        title = graph.value(section, DCTERMS.title)
        if title is None:
            headings[section] = ""
            continue
        number = graph.value(section, AIKG.sectionNumber)
        headings[section] = collapse_whitespace(f"{number} {title}" if number is not None else str(title))
    return headings


def split_sections(text: str, headings: Mapping[Node, str]) -> dict[Node, str]:
    """The report's text cut at its section headings: each section's own text, whitespace collapsed.

    A heading is a line of the text that reads exactly as the section's heading; a section's text
    runs from its heading to the next heading of any section (a subsection's text is its own, not
    its parent's). A section whose heading is on no line of the text is left out, so a quote that
    cites it is found in no section. Why: a quote must occur in the section it cites, not merely
    somewhere in the report.
    """
    lines = text.splitlines()
    starts: list[tuple[int, Node]] = []
    for section, heading in headings.items():
        if not heading:
            continue
        line = next((number for number, line in enumerate(lines) if collapse_whitespace(line) == heading), None)
        if line is not None:
            starts.append((line, section))
    starts.sort(key=lambda start: start[0])
    ends = [line for line, _ in starts[1:]] + [len(lines)]
    return {section: collapse_whitespace("\n".join(lines[start:end])) for (start, section), end in zip(starts, ends)}


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
