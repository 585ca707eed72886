"""Turtle files read once, strictly, remembering the file and line of every triple.

Validation must say where each problem is. rdflib's parser keeps no positions and
names blank nodes its own way, so the files are parsed by Oxigraph (strict, with the
line and column of a syntax error), fed one line at a time so that the line on which
each triple ends is known, and the triples are handed to rdflib (for pySHACL) and to an
Oxigraph store (for the check queries) under the same blank node names.
"""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef

from aikg.literals import LineReader
from aikg.parse_limits import term_too_long
from aikg.sources import read_source, turtle_error

__all__ = ["Where", "TripleLines", "read_turtle", "to_rdflib"]

Where = tuple[Path, int]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class TripleLines:
    """Where each triple, subject and object was first read: a problem is placed on the triple it is about."""

    def __init__(self) -> None:
        self.triples: dict[tuple[Node, Node, Node], Where] = {}
        self._pairs: dict[tuple[Node, Node], Where] = {}
        self._links: dict[tuple[Node, Node], tuple[Where, Node]] = {}
        self._subjects: dict[Node, Where] = {}
        self._objects: dict[Node, Where] = {}

    def add(self, triple: tuple[Node, Node, Node], where: Where) -> None:
        subject, predicate, obj = triple
        self.triples.setdefault(triple, where)
        self._pairs.setdefault((subject, predicate), where)
        self._links.setdefault((subject, obj), (where, predicate))
        self._subjects.setdefault(subject, where)
        self._objects.setdefault(obj, where)

    def where(self, focus: Node | None, path: Node | None = None, value: Node | None = None) -> Where | None:
        """The triple ``focus path value`` if stated, else the first with that subject and predicate
        (or object), else the first about ``focus``, else the first that mentions it."""
        link = self._links.get((focus, value))
        for found in (self.triples.get((focus, path, value)), self._pairs.get((focus, path)),
                      link[0] if link else None, self._subjects.get(focus), self._objects.get(focus)):
            if found is not None:
                return found
        return None

    def predicate_between(self, subject: Node, obj: Node) -> Node | None:
        """The predicate of the first triple that links ``subject`` to ``obj``."""
        link = self._links.get((subject, obj))
        return link[1] if link else None


def read_turtle(path: Path, graph: Graph, lines: TripleLines, store: ox.Store | None = None,
                graph_name: ox.NamedNode | ox.DefaultGraph | None = None) -> dict[str, str]:
    """Add a Turtle file's triples to ``graph`` (and ``store``), their lines to ``lines``; return its prefixes.

    Raises aikg.errors.InputError with the file, line and column of a syntax error.
    """
    data = read_source(path)
    reader = LineReader(io.BytesIO(data))
    parser = ox.parse(reader, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    terms: dict[object, Node] = {}
    quads = []
    try:
        for quad in parser:
            triple = (_term(quad.subject, terms), _term(quad.predicate, terms), _term(quad.object, terms))
            graph.add(triple)
            lines.add(triple, (path, reader.line))
            if store is not None:
                quads.append(ox.Quad(quad.subject, quad.predicate, quad.object, graph_name))
    except SyntaxError as error:
        raise turtle_error(path, error) from None
    except MemoryError as error:  # a term longer than the parser's buffer, not a lack of memory
        raise term_too_long(path, data, error) from None
    if store is not None:
        store.extend(quads)
    return parser.prefixes


def _term(term, cache: dict[object, Node]) -> Node:
    found = cache.get(term)
    if found is None:
        found = cache[term] = to_rdflib(term)
    return found


def to_rdflib(term) -> Node:
    """An Oxigraph term as rdflib's parser would have made it (a plain string has no datatype)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype in (XSD_STRING, LANG_STRING) else Literal(term.value, datatype=URIRef(datatype))
