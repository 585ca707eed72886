"""Which format an output file gets: its extension decides, ``--format`` may only agree.

One table for every command that writes (query, export, network, search, describe),
so ``-o answer.csv`` means CSV everywhere and ``-o x.svg`` never gets HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aikg.errors import AikgError
from aikg.output import is_stream

__all__ = ["EXTENSIONS", "BINARYISH", "EXPORT_FORMAT_NAMES", "TABULAR_FORMATS", "GRAPH_FORMAT_NAMES", "output_format",
           "refuse_terminal"]

EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".md": "markdown",
    ".txt": "table",
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".html": "html",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".graphml": "graphml",
    ".gexf": "gexf",
}
BINARYISH = ("html", "svg", "png", "pdf", "graphml", "gexf")  # pages and pictures, not for reading on a terminal
# The formats of aikg export, named here so that the command line can offer them without importing rdflib.
EXPORT_FORMAT_NAMES = ("turtle", "nt", "nquads", "trig", "json-ld", "xml")
# The formats of a query's answer: a table of rows (SELECT, ASK), or a graph (CONSTRUCT, DESCRIBE).
TABULAR_FORMATS = ("table", "csv", "tsv", "json", "markdown")
GRAPH_FORMAT_NAMES = ("turtle", "nt", "json-ld", "xml")


def _to_file(output: str | None) -> bool:
    return bool(output) and output != "-"


def output_format(output: str | None, given: str | None, allowed: Sequence[str], default: str) -> str:
    """The format to write: the -o file's extension, else --format, else the command's default.

    A stream without an extension (``-o /dev/stdout``) takes --format or the default, as stdout does.

    An extension the command cannot write, an unknown extension without --format,
    or a --format that contradicts the extension is an error.
    """
    if not _to_file(output):
        return given or default
    suffix = Path(output).suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if implied is None:
        if given or is_stream(output):  # /dev/stdout, /dev/null, a FIFO: no extension to go by
            return given or default
        known = " ".join(ext for ext, fmt in EXTENSIONS.items() if fmt in allowed)
        raise AikgError(f"-o {output}: cannot tell the format from the extension {suffix or '(none)'!r}; "
                        f"use one of {known}, or give --format")
    if given and given != implied:
        raise AikgError(f"--format {given} contradicts -o {output} (a {suffix} file is {implied}); drop one of them")
    if implied not in allowed:
        raise AikgError(f"-o {output}: this command does not write {implied}; it writes {', '.join(allowed)}")
    return implied


def refuse_terminal(stream, fmt: str, output: str | None) -> None:
    """Refuse to pour a page or a picture onto a terminal: say to use -o instead."""
    if not _to_file(output) and fmt in BINARYISH and getattr(stream, "isatty", lambda: False)():
        extension = next(ext for ext, name in EXTENSIONS.items() if name == fmt)
        raise AikgError(f"not writing {fmt} to the terminal; write it to a file with -o (e.g. -o network{extension}) "
                        "or pipe it into another program")
