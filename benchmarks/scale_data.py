"""The N-report synthetic graph: N renamed copies of ``data/be``, for the scale benchmark.

Copy ``c001`` of the Belgian report lives in ``DIR/c001/``: every IRI the report
mints (``https://w3id.org/aikg/id/be/...``) moves under ``https://w3id.org/aikg/id/c001/``;
the places and international bodies it refers to stay shared (defined once in
``data/shared/``, as real reports refer to the EU, the OECD or the JRC); every
label (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``) gets `` (c001)``
appended, and the report's text is copied beside the Turtle so that
``aikg:sourceText`` and the quote check resolve. Quotes, numbers and dates stay
as they are. Copies therefore share no IRI they mint, no blank node and no triple
of their own; the ontology, code lists and the shared folder are common to all.

Run on its own to look at the files: ``python benchmarks/scale_data.py 3 /tmp/data-3``.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

__all__ = ["SOURCE_DIR", "ID_BASE", "copy_name", "rename_iri", "write_copies", "source_prefixes"]

SOURCE_DIR = Path(__file__).resolve().parents[1] / "data" / "be"
ID_BASE = "https://w3id.org/aikg/id/"

# Where each namespace of data/be goes inside a copy. A namespace missing here
# stops the generator, so a new kind of IRI in data/be cannot leak into every copy.
_MOVES = {"be/": "", "place/": None, "org/": None}  # None: a shared resource (data/shared/), left as it is

_LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
}

_PREFIX = re.compile(r"^@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.", re.MULTILINE)


def copy_name(index: int) -> str:
    """The folder and IRI segment of the index-th copy (1-based): c001, c002, ..."""
    return f"c{index:03d}"


def rename_iri(iri: str, copy: str) -> str:
    """The IRI ``iri`` of data/be takes in ``copy``; IRIs minted elsewhere stay."""
    if not iri.startswith(ID_BASE):
        return iri
    rest = iri[len(ID_BASE):]
    for old, new in _MOVES.items():
        if rest.startswith(old):
            return iri if new is None else f"{ID_BASE}{copy}/{new}{rest[len(old):]}"
    raise ValueError(f"{iri}: no rule of scale_data._MOVES says where this namespace goes in a copy")


def _rename_term(term, copy: str, blanks: dict[str, ox.BlankNode]):
    if isinstance(term, ox.NamedNode):
        return ox.NamedNode(rename_iri(term.value, copy))
    if isinstance(term, ox.BlankNode):
        # Fresh blank nodes per copy and file, so no two copies can share one.
        return blanks.setdefault(term.value, ox.BlankNode())
    return term


_RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"


def _rename_triple(triple: ox.Triple, copy: str, blanks: dict[str, ox.BlankNode], labels: frozenset = frozenset()) -> ox.Triple:
    obj = triple.object
    # A label, or a statement about a label (an editorial note that a label is ours), gets the copy's suffix.
    renamed = triple.predicate.value in _LABELS or (triple.predicate.value == _RDF_OBJECT and obj in labels)
    if renamed and isinstance(obj, ox.Literal):
        obj = ox.Literal(f"{obj.value} ({copy})", language=obj.language) if obj.language else ox.Literal(
            f"{obj.value} ({copy})", datatype=obj.datatype)
    else:
        obj = _rename_term(obj, copy, blanks)
    return ox.Triple(_rename_term(triple.subject, copy, blanks), triple.predicate, obj)


def source_prefixes(path: Path) -> dict[str, str]:
    """The ``@prefix`` declarations of a Turtle file, name to namespace."""
    return dict(_PREFIX.findall(path.read_text(encoding="utf-8")))


def _copy_prefixes(path: Path, copy: str) -> dict[str, str]:
    """The file's prefixes, those of renamed namespaces named after the copy (beo: -> c001beo:)."""
    prefixes = {}
    for name, namespace in source_prefixes(path).items():
        moved = rename_iri(namespace, copy)
        prefixes[f"{copy}{name}" if moved != namespace else name] = moved
    return prefixes


def _triples(path: Path) -> Iterator[ox.Triple]:
    for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
        yield quad.triple


def write_copy(index: int, out: Path, source: Path = SOURCE_DIR) -> Path:
    """Write the index-th copy of ``source`` into ``out/cNNN/``; returns that folder."""
    copy = copy_name(index)
    folder = out / copy
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.suffix == ".ttl":
            blanks: dict[str, ox.BlankNode] = {}
            original = list(_triples(path))
            labels = frozenset(t.object for t in original if t.predicate.value in _LABELS)
            triples = [_rename_triple(t, copy, blanks, labels) for t in original]
            ox.serialize(triples, folder / path.name, format=ox.RdfFormat.TURTLE, prefixes=_copy_prefixes(path, copy))
        elif path.is_file():
            shutil.copyfile(path, folder / path.name)
    return folder


def write_copies(count: int, out: Path, source: Path = SOURCE_DIR) -> list[Path]:
    """Write ``count`` copies into ``out`` (which may exist); returns their folders."""
    return [write_copy(index, out, source) for index in range(1, count + 1)]


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} COUNT OUT_DIR")
    for made in write_copies(int(sys.argv[1]), Path(sys.argv[2])):
        print(made)
