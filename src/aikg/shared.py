"""The rules of the shared folder (data/shared/): defined once, quoted by each report.

Places, international bodies and the AI Watch series are defined in the shared folder
(their class, names, homepage), which is loaded with every report that refers to
them. Two rules follow:

- A report's folder must not state again a triple of the shared folder, nor give a
  shared resource a class or a label of its own: one definition, so that answers
  never come back twice and two reports never disagree on what a body is called.
- A shared resource's definition is no report's words, so the rule that every fact
  carries a quote of its report is not asked of it in a country's validation; each
  report quotes the shared resources it names, in its own folder, with its own evidence.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from aikg.literals import LineReader
from aikg.prefixes import ALL_PREFIXES, shorten
from aikg.sources import is_shared, read_source

__all__ = ["restatements", "exempt", "DEFINING"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DEFINING = {RDF_TYPE: "rdf:type", "http://www.w3.org/2000/01/rdf-schema#label": "rdfs:label",
            "http://www.w3.org/2004/02/skos/core#prefLabel": "skos:prefLabel"}
QUOTE_PATH = "prov:qualifiedQuotation"


def _triples(path: Path) -> Iterable[tuple[int, ox.Quad]]:
    """Each triple of a Turtle file with the line it ends on."""
    reader = LineReader(io.BytesIO(read_source(path)))
    for quad in ox.parse(reader, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
        yield reader.line, quad


def _shared_triples(files: list[Path]) -> tuple[dict[tuple, Path], dict[str, Path]]:
    """The shared folder's triples between named things (file by triple) and the IRIs it defines (file by IRI)."""
    triples: dict[tuple, Path] = {}
    defined: dict[str, Path] = {}
    for path in files:
        for _line, quad in _triples(path):
            if isinstance(quad.subject, ox.NamedNode):
                triples.setdefault((quad.subject, quad.predicate, quad.object), path)
                if quad.predicate.value == RDF_TYPE:
                    defined.setdefault(quad.subject.value, path)
    return triples, defined


def restatements(group: list[Path]) -> list[tuple[Path, int, str, str, str]]:
    """What a report's files state of the shared folder's definitions again: (file, line, focus, path, message)."""
    from aikg.validate import _display

    shared = [p for p in group if is_shared(p)]
    if not shared:
        return []
    triples, defined = _shared_triples(shared)
    found = []
    for path in (p for p in group if not is_shared(p)):
        for line, quad in _triples(path):
            subject = quad.subject
            if not isinstance(subject, ox.NamedNode):
                continue
            where = defined.get(subject.value)
            restated = triples.get((subject, quad.predicate, quad.object))
            if restated is None and (where is None or quad.predicate.value not in DEFINING):
                continue
            name, predicate = shorten(subject.value, ALL_PREFIXES), shorten(quad.predicate.value, ALL_PREFIXES)
            home = _display(restated or where)
            message = (f"states again a triple of the shared folder ({home}); state it once, there"
                       if restated is not None else
                       f"gives a resource of the shared folder ({home}) a {DEFINING[quad.predicate.value]} of its own; "
                       "a report quotes and relates shared resources, their definition stays in the shared folder")
            found.append((path, line, name, predicate, message))
    return found


def exempt(group: list[Path]) -> set[str]:
    """The names (as validation prints them) of the shared resources a country's validation asks no quote of."""
    shared = [p for p in group if is_shared(p)]
    if not shared or len(shared) == len(group):
        return set()
    return {shorten(iri, ALL_PREFIXES) for iri in _shared_triples(shared)[1]}

