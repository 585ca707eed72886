"""Write the whole graph as linked data that loads right in any store, the same bytes every time.

What is published: the ontology, code lists and data, one named graph per source file,
each with the standard types and properties that the ontology's alignments imply for
its triples (see :mod:`aikg.alignment`); and the VoID/DCAT description of the dataset
(graph ``.../graph/void``, see :mod:`aikg.catalog`).

TriG and N-Quads keep the named graphs and, unless ``union_default_graph`` is off,
repeat every triple in the default graph, so the shipped queries answer in stores
whose default graph is not the union of the named graphs (Oxigraph, Fuseki).
Turtle, N-Triples, RDF/XML and JSON-LD hold one graph.

Output is deterministic: blank nodes get their RDF Dataset Canonicalization labels
(RDFC-1.0, within their graph, numbered on across the graphs in name order), and
statements are written sorted. pyoxigraph parses and writes every
format but JSON-LD, which pyld frames (see :mod:`aikg.framing`).

One exporter: ``SortedLines`` holds the dataset as sorted statement strings and writes
every dump, the catalogue record, each named graph that ``aikg push`` sends and the
description that the server's VoID page shows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from aikg import cache
from aikg.alignment import Alignments
from aikg.blank_nodes import MAX_LINKED, oversized_groups
from aikg.catalog import DUMP_FORMATS, DumpFormat, describe_dataset, described, namespace
from aikg.errors import InputError
from aikg.parse_limits import term_too_long
from aikg.prefixes import PREFIXES, REPORT_PREFIXES
from aikg.sources import GRAPH_BASE, Source, sources, turtle_error

__all__ = ["EXPORT_FORMATS", "ExportFormat", "DESCRIPTION_GRAPH", "CATALOG_FILE", "WRITE_PREFIXES", "export",
           "read_dataset", "Dumps", "SortedLines"]

ExportFormat = DumpFormat
EXPORT_FORMATS = DUMP_FORMATS
CATALOG_FILE = "catalog.ttl"
DESCRIPTION_GRAPH = GRAPH_BASE + "void"
WRITE_PREFIXES = {**REPORT_PREFIXES, **PREFIXES,
                  "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                  "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                  "void": "http://rdfs.org/ns/void#", "dcat": "http://www.w3.org/ns/dcat#",
                  "vcard": "http://www.w3.org/2006/vcard/ns#", "sd": "http://www.w3.org/ns/sparql-service-description#"}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML}


def export(fmt: str, paths: Iterable[str | Path] | None = None, *, union_default_graph: bool = True) -> bytes:
    """The ontology, code lists and data (default: the project's) in ``fmt``."""
    return Dumps(paths, union_default_graph=union_default_graph).dump(fmt)


def read_dataset(paths: Iterable[str | Path] | None = None, *, union_default_graph: bool = True) -> SortedLines:
    """The published dataset (default: the project's), for a caller that wants its graphs or its
    description rather than a dump (aikg push, the server's VoID page)."""
    return SortedLines(sources(paths), union_default_graph=union_default_graph)


class Dumps:
    """Every format of one dataset, each made once per content and kept in the cache (aikg.cache):
    framing JSON-LD with pyld takes seconds, reading a kept dump milliseconds."""

    def __init__(self, paths: Iterable[str | Path] | None = None, *, union_default_graph: bool = True):
        self.union = union_default_graph
        self.found = sources(paths)  # read once: for the cache key and for the dumps
        self.entry = cache.entry_for(self.found)
        self._lines: SortedLines | None = None

    def dump(self, fmt: str) -> bytes:
        part = f"dump-{fmt}-{'union' if self.union else 'named'}"
        kept = self.entry.read_bytes(part) if self.entry is not None else None
        if kept is not None:
            return kept
        data = self._sorted().serialize(fmt)
        if self.entry is not None:
            self.entry.write_bytes(part, data)
        return data

    def catalog(self, byte_sizes: Mapping[str, int], *, sparql_endpoint: str | None = None) -> bytes:
        """The catalogue record: the dataset's description with each dump's byte size (and the
        SPARQL endpoint that serves it, if given), as Turtle, for a catalogue to harvest. Made from
        the dataset made once for the dumps; kept in the cache for these byte sizes."""
        sizes = ",".join(f"{name}={size}" for name, size in sorted(byte_sizes.items())) + f";{sparql_endpoint or ''}"
        part = f"catalog-{'union' if self.union else 'named'}-{hashlib.sha256(sizes.encode()).hexdigest()[:16]}"
        kept = self.entry.read_bytes(part) if self.entry is not None else None
        if kept is not None:
            return kept
        description = self._sorted().description(byte_sizes, sparql_endpoint=sparql_endpoint)
        data = ox.serialize(_triples(sorted(map(_line_key, description))), format=ox.RdfFormat.TURTLE,
                            prefixes=WRITE_PREFIXES)
        if self.entry is not None:
            self.entry.write_bytes(part, data)
        return data

    def _sorted(self) -> SortedLines:
        if self._lines is None:
            self._lines = SortedLines(self.found, union_default_graph=self.union)
        return self._lines


class SortedLines:
    """The published dataset kept as one string per statement (see _line_key) and written by
    streaming those lines, parsed back in order, into Oxigraph's serializers: each dump whole,
    or one named graph at a time (``graph``).

    A hundred reports are half a million statements: as Python term objects, sorted with tuple
    keys, they took more than a gigabyte; as strings, a fifth of that. Only the statements with a
    blank node go through RDFC-1.0, one graph at a time (see _canonical_keys).
    """

    def __init__(self, found: Iterable[Source], *, union_default_graph: bool):
        found = list(found)
        self.union = union_default_graph
        alignments = Alignments(t for source in found for t in _read(source))
        self.graphs: dict[str, set[str]] = {}
        self._read_by_description: list[ox.Triple] = []
        self._used: set[str] = set()
        by_graph: dict[str, list[Source]] = {}
        for source in found:
            by_graph.setdefault(source.graph, []).append(source)
        first = 0
        for name in sorted(by_graph):
            own, blank = self.graphs.setdefault(name, set()), []
            for source in by_graph[name]:
                triples = _read(source)
                triples += alignments.implied(triples)
                self._note(triples)
                for t in triples:
                    if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
                        blank.append(t)
                    else:
                        own.add(_line_key(t))
            _refuse_large_blank_groups(blank, by_graph[name][0].path)
            canonical, count = _canonical_keys(blank, first)
            own.update(canonical)
            first += count
        self._sizes = {name: len(keys) for name, keys in self.graphs.items()}
        self._count = len(set().union(*self.graphs.values()))
        self.graphs[DESCRIPTION_GRAPH] = {_line_key(t) for t in self.description(None)}

    def _note(self, triples: list[ox.Triple]) -> None:
        """Keep what the description reads of these triples, and the vocabularies they use."""
        predicates = {t.predicate.value for t in triples}
        self._used.update(map(namespace, predicates))
        if RDF_TYPE in predicates:
            self._used.update(namespace(t.object.value) for t in triples
                              if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode))
        self._read_by_description.extend(filter(described, triples))

    def description(self, byte_sizes: Mapping[str, int] | None, *, sparql_endpoint: str | None = None) -> list[ox.Triple]:
        """The VoID/DCAT description of the sources' graphs (it names everything with IRIs)."""
        return describe_dataset(self._read_by_description, self._sizes, union_default_graph=self.union,
                                byte_sizes=byte_sizes, sparql_endpoint=sparql_endpoint, triple_count=self._count,
                                used=self._used)

    def graph_names(self) -> list[str]:
        """Every named graph: one per source file, and the description's (DESCRIPTION_GRAPH)."""
        return sorted(self.graphs)

    def graph(self, name: str) -> list[ox.Triple]:
        """The triples of one named graph, sorted as in the dumps, canonical blank node labels."""
        return list(_triples(sorted(self.graphs[name])))

    def serialize(self, fmt: str) -> bytes:
        """One dump: sorted statements, canonical blank node labels."""
        spec = EXPORT_FORMATS[fmt]
        if fmt == "json-ld":
            from aikg.framing import frame_triples

            framed = frame_triples(self.statements(named_graphs=False))
            return (json.dumps(framed, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        prefixes = WRITE_PREFIXES if fmt in ("turtle", "trig", "xml") else None
        return ox.serialize(self.statements(spec.named_graphs), format=_OX_FORMATS[fmt], prefixes=prefixes)

    def statements(self, named_graphs: bool) -> Iterator[ox.Triple] | Iterator[ox.Quad]:
        """The statements in the order they are written: the default graph, then the named graphs by
        name, each sorted by subject, predicate and object (IRIs and literals by their N-Triples text,
        before blank nodes, which go by the number of their canonical label: c14n2 before c14n10)."""
        if not named_graphs:
            yield from _triples(self._union())
            return
        if self.union:
            yield from _parse_lines(map(_triple_line, self._union()), ox.RdfFormat.N_QUADS)
        for name in sorted(self.graphs, key=lambda name: f"<{name}>"):
            graph = f" <{name}> .\n"
            yield from _parse_lines((_triple_line(key)[:-3] + graph for key in sorted(self.graphs[name])),
                                    ox.RdfFormat.N_QUADS)

    def _union(self) -> list[str]:
        return sorted(set().union(*self.graphs.values()))


_SEPARATOR = "\0"  # sorts before every character of a term, so joined keys compare as tuples
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _line_key(statement: ox.Triple | ox.Quad) -> str:
    """The triple as one string that sorts by subject, predicate and object (see ``statements``) and
    that ``_triple_line`` turns back into N-Triples."""
    return _SEPARATOR.join((_term_key(str(statement.subject)), str(statement.predicate),
                            _term_key(str(statement.object))))


def _term_key(text: str, first: int = 0) -> str:
    """A term's N-Triples text as it sorts in a key: IRIs and literals by that text, then canonical
    blank nodes by number (``first`` added: each graph's labels are numbered on from the last's)."""
    if text.startswith("_:c14n"):
        return f"1{first + int(text[6:]):012d}"
    return "0" + text


def _triple_line(key: str) -> str:
    subject, predicate, obj = key.split(_SEPARATOR)
    return f"{_term_line(subject)} {predicate} {_term_line(obj)} .\n"


def _term_line(key: str) -> str:
    return f"_:c14n{int(key[1:])}" if key[0] == "1" else key[1:]


def _triples(keys: Iterable[str]) -> Iterator[ox.Triple]:
    """The triples of these keys, in their order."""
    return _parse_lines(map(_triple_line, keys), ox.RdfFormat.N_TRIPLES)


def _parse_lines(lines: Iterable[str], fmt: ox.RdfFormat, chunk: int = 4096) -> Iterator:
    """The statements of N-Triples or N-Quads lines, in order, parsed a few thousand at a time."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == chunk:
            yield from ox.parse("".join(batch).encode("utf-8"), format=fmt)
            batch = []
    if batch:
        yield from ox.parse("".join(batch).encode("utf-8"), format=fmt)


def _read(source: Source) -> list[ox.Triple]:
    """The triples of one Turtle file, or an InputError naming its line and column."""
    try:
        return list(ox.parse(source.read(), format=ox.RdfFormat.TURTLE, base_iri=source.resolved.as_uri(),
                             rename_blank_nodes=True))  # two files' _:b1 are two nodes, as in the query store
    except SyntaxError as error:
        raise turtle_error(source.path, error) from None
    except MemoryError as error:
        raise term_too_long(source.path, source.read(), error) from None


def _refuse_large_blank_groups(triples: list[ox.Triple], path: Path) -> None:
    """Canonicalising a large group of linked blank nodes would not end in reasonable time (aikg.blank_nodes)."""
    found = oversized_groups(triples, lambda term: isinstance(term, ox.BlankNode))
    if found:
        anchor, size = found[0]
        where = f" (hanging from {anchor})" if anchor is not None else ""
        raise InputError(path, f"{size:,} blank nodes are linked together{where}; at most {MAX_LINKED} can be "
                               "published with stable labels: give the things in it IRIs ('aikg validate' lists them)")


def _canonical_keys(triples: Iterable[ox.Triple], first: int) -> tuple[list[str], int]:
    """The line keys of the triples with their blank nodes labelled by RDFC-1.0 within this graph,
    numbered on from ``first``, and how many blank nodes there are. Graphs share no blank node (each
    file's are its own, and the standard triples they imply stay beside them), so one graph at a time
    gives labels as stable as canonicalising the whole dataset, in a fraction of the memory: an
    ``ox.Dataset`` costs about a kilobyte per statement, and three quarters of a hundred reports'
    statements hold a blank node. The keys are read off Oxigraph's N-Triples lines of the canonical
    graph (a subject and a predicate hold no space; the object is the rest of the line)."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    count = 0

    def key(text: str) -> str:
        nonlocal count
        if text.startswith("_:c14n"):
            count = max(count, int(text[6:]) + 1)
        return _term_key(text, first)

    keys = []
    for line in ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines():
        subject, predicate, obj = line[:-2].split(" ", 2)
        keys.append(_SEPARATOR.join((key(subject), predicate, key(obj))))
    return keys, count
