"""What the data files given leave out: references to other files, and files with nothing in them.

A file validated alone (``aikg validate data/be/funding.ttl``) refers to actors and
programmes that other files define; SHACL then reports each such reference as a
violation. Naming the resources that no given file defines tells the user to
validate the folder instead. A file with no statement at all is worth a warning:
it "conforms" while holding nothing.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterable
from pathlib import Path

from aikg.errors import InputError
from aikg.sources import expand_paths, read_source
from aikg.store import GraphStore

__all__ = ["undefined_references", "Undefined", "empty_files"]

ID_SPACE = "https://w3id.org/aikg/id/"  # the project's own resources; vocabularies are never "undefined"

_UNDEFINED = f"""SELECT DISTINCT ?o WHERE {{
  ?s ?p ?o FILTER (isIRI(?o) && STRSTARTS(STR(?o), "{ID_SPACE}"))
  FILTER NOT EXISTS {{ ?o ?p2 ?o2 }}
}} ORDER BY ?o"""


_DEFINED = f"""SELECT DISTINCT ?s WHERE {{
  ?s ?p ?o FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{ID_SPACE}"))
}}"""


# A resource used but described by none of the files, and the described one its name is closest to.
# (A namedtuple, not typing.NamedTuple: the query path, which reads this module, never loads typing.)
Undefined = namedtuple("Undefined", ["iri", "closest"])


def undefined_references(store: GraphStore) -> list[Undefined]:
    """The project's resources that the store's files use but none of them describes, each with a
    "did you mean": a typo in an IRI (``aio:jrcc``) is the commonest way to make one."""
    from rdflib import URIRef  # only when something is undefined: the query path never loads rdflib

    from aikg.terms import did_you_mean

    missing = [row["o"].value for row in store.query(_UNDEFINED)]
    if not missing:
        return []
    defined = frozenset(URIRef(row["s"].value) for row in store.query(_DEFINED))
    return [Undefined(iri, _str_or_none(did_you_mean(URIRef(iri), defined, other_namespaces=False))) for iri in missing]


def _str_or_none(term) -> str | None:
    return None if term is None else str(term)


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
