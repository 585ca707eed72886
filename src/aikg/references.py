"""What the data files given leave out: references to other files, and files with nothing in them.

A file validated alone (``aikg validate data/be/funding.ttl``) refers to actors and
programmes that other files define; SHACL then reports each such reference as a
violation. Naming the resources that no given file defines tells the user to
validate the folder instead. A file with no statement at all is worth a warning:
it "conforms" while holding nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from aikg.errors import InputError
from aikg.sources import expand_paths, read_source

__all__ = ["undefined_references", "empty_files"]

ID_SPACE = "https://w3id.org/aikg/id/"  # the project's own resources; vocabularies are never "undefined"

_UNDEFINED = f"""SELECT DISTINCT ?o WHERE {{
  ?s ?p ?o FILTER (isIRI(?o) && STRSTARTS(STR(?o), "{ID_SPACE}"))
  FILTER NOT EXISTS {{ ?o ?p2 ?o2 }}
}} ORDER BY ?o"""


def undefined_references(paths: Iterable[str | Path]) -> list[str]:
    """IRIs of the project's resources that the given files use but none of them describes."""
    from aikg.store import open_store

    store = open_store(list(paths), named_graphs=False)
    return [row["o"].value for row in store.query(_UNDEFINED)]


# The start of a line that holds more than a comment or a prefix/base directive: searching
# stops at the first one, near the top of any file with data, so no file is read through twice.
_STATEMENT_LINE = re.compile(rb"^[ \t]*(?!#|@?prefix\b|@?base\b)\S", re.I | re.M)
HEAD = 1 << 13  # bytes read first; only a file with no statement in them is read whole


def empty_files(paths: Iterable[str | Path]) -> list[Path]:
    """Turtle files with no statement at all (only comments and prefix lines, or nothing)."""
    empty = []
    for path in expand_paths(paths):
        try:
            data = read_source(path, HEAD)
            if not _STATEMENT_LINE.search(data) and len(data) == HEAD:
                data = read_source(path)
        except InputError:
            continue  # unreadable files are reported by the command that reads them
        if not _STATEMENT_LINE.search(data):
            empty.append(path)
    return empty
