"""The query engine: the graph in a pyoxigraph store, one named graph per source file.

Queries see the union of all named graphs as their default graph, so a query
never needs to know which file a triple came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from aikg import cache
from aikg.prefixes import ALL_PREFIXES
from aikg.sources import Source, sources, turtle_error

__all__ = ["GraphStore", "open_store", "open_sources", "load_sources", "declared_prefixes", "store_of_graph"]

PREFIXES_FILE = "prefixes.json"


class GraphStore:
    """A pyoxigraph store of the sources, with the prefixes their files declare."""

    def __init__(self, store: ox.Store, prefixes: dict[str, str] | None = None, files: list[str] | None = None,
                 entry: cache.Entry | None = None) -> None:
        self.store = store
        self.prefixes = dict(ALL_PREFIXES) if prefixes is None else prefixes
        self.files = files or []
        self.entry = entry  # the cache folder of this content: derived indexes (search) live there

    def query(self, text: str, substitutions: Mapping[ox.Variable, object] | None = None, *,
              dataset: tuple[list[str], list[str]] | None = None, own_dataset: bool = False):
        """Run SPARQL over the union of the named graphs, the project's prefixes predeclared.

        ``dataset`` (default graphs, named graphs) replaces that union, as the SPARQL protocol's
        default-graph-uri and named-graph-uri do; ``own_dataset``: the query's FROM clauses name it."""
        options: dict[str, object] = {}
        if dataset is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in dataset[0]]
            options["named_graphs"] = [ox.NamedNode(g) for g in dataset[1]]
        elif not own_dataset:
            options["use_default_graph_as_union"] = True
        return self.store.query(text, prefixes=self.prefixes, substitutions=dict(substitutions or {}), **options)

    def __len__(self) -> int:
        return len(self.store)

    def contains(self, term: ox.NamedNode) -> bool:
        """Whether the IRI occurs as a subject or object anywhere in the graph."""
        return bool(self.store.query("ASK { { ?t ?p ?o } UNION { ?s ?p ?t } }", use_default_graph_as_union=True,
                                     substitutions={ox.Variable("t"): term}))


def load_sources(found: Iterable[Source]) -> ox.Store:
    """Parse every source strictly into its own named graph of an in-memory store.

    Oxigraph parses in Rust and gives each file's blank nodes fresh names, so two
    files' ``_:b1`` stay two nodes.
    """
    store = ox.Store()
    for source in found:
        try:
            store.load(source.read(), format=ox.RdfFormat.TURTLE, base_iri=source.resolved.as_uri(),
                       to_graph=ox.NamedNode(source.graph))
        except SyntaxError as error:
            raise turtle_error(source.path, error) from None
    return store


def declared_prefixes(found: Iterable[Source]) -> dict[str, str]:
    """The prefixes the files declare, in file order (a store keeps none, so the parser reads them)."""
    prefixes: dict[str, str] = {}
    for source in found:
        data = source.read()
        base = source.resolved.as_uri()
        try:
            prefixes.update(_prefixes_of(_directives_part(data), base))
        except SyntaxError:  # the part ends inside a statement: read the whole file
            prefixes.update(_prefixes_of(data, base))
    return prefixes


def _directives_part(data: bytes) -> bytes:
    """The file up to the end of the last line that can hold a prefix directive: no directive
    can follow it, so the parser need not read the statements after it."""
    last = data.lower().rfind(b"prefix")
    end = data.find(b"\n", last) if last >= 0 else 0
    return data if end < 0 else data[: end + 1]


def _prefixes_of(data: bytes, base: str) -> dict[str, str]:
    parser = ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=base)
    for _ in parser:
        pass
    return parser.prefixes


def open_store(paths: Iterable[str | Path] | None = None, *, use_cache: bool = True) -> GraphStore:
    """The graph of the given Turtle files and folders (default: the project's data), in memory.

    Every process parses the files into an in-memory store: Oxigraph parses some
    400,000 triples a second, as fast as it reads back any dump, and answers
    heavy queries two to six times faster in memory than from its on-disk
    store (``benchmarks/store_kinds.py``). The cache keeps what costs more than
    parsing: the prefixes the files declare, validation reports, the search
    index, the dumps and the answers of queries (``aikg.answers``).
    """
    found = sources(paths)
    return open_sources(found, cache.entry_for(found) if use_cache else None)


def open_sources(found: list[Source], entry: cache.Entry | None) -> GraphStore:
    """The store of sources already found, with their cache entry (None: no cache)."""
    store = load_sources(found)
    files = [str(s.path) for s in found]
    kept = entry.read_bytes(PREFIXES_FILE) if entry is not None else None
    if kept is not None:
        declared = json.loads(kept)
    else:
        declared = declared_prefixes(found)
        if entry is not None:
            entry.write_bytes(PREFIXES_FILE, json.dumps(declared).encode())
    return GraphStore(store, {**declared, **ALL_PREFIXES}, files, entry)


def store_of_graph(graph) -> GraphStore:
    """The triples of an rdflib graph in a query store: for tests and tools that change a graph in memory."""
    data = graph.serialize(format="nt", encoding="utf-8")
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://w3id.org/aikg/graph/memory"))
    return GraphStore(store)
