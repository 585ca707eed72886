"""The query engine: the graph in a pyoxigraph store, one named graph per source file.

Queries see the union of all named graphs as their default graph, so a query
never needs to know which file a triple came from. The store is built once per
content of the sources and kept in the cache (aikg.cache); opening it again
costs milliseconds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from aikg import cache
from aikg.prefixes import ALL_PREFIXES
from aikg.sources import Source, read_source, sources

__all__ = ["GraphStore", "open_store", "build_store", "store_of_graph"]

META_FILE = "meta.json"
STORE_DIR = "store"


@dataclass
class GraphStore:
    """A read-only pyoxigraph store with the prefixes its files declare."""

    store: ox.Store
    prefixes: dict[str, str] = field(default_factory=lambda: dict(ALL_PREFIXES))
    files: list[str] = field(default_factory=list)
    entry: cache.Entry | None = None  # the cache folder of this content: derived indexes (search) live beside the store

    def query(self, text: str, substitutions: Mapping[ox.Variable, object] | None = None):
        """Run SPARQL over the union of the named graphs, the project's prefixes predeclared."""
        return self.store.query(
            text, prefixes=self.prefixes, use_default_graph_as_union=True, substitutions=dict(substitutions or {})
        )

    def __len__(self) -> int:
        return len(self.store)

    def contains(self, term: ox.NamedNode) -> bool:
        """Whether the IRI occurs as a subject or object anywhere in the graph."""
        return bool(self.store.query("ASK { { ?t ?p ?o } UNION { ?s ?p ?t } }", use_default_graph_as_union=True,
                                     substitutions={ox.Variable("t"): term}))


def build_store(found: Iterable[Source], target: ox.Store | None = None) -> tuple[ox.Store, dict[str, str]]:
    """Parse every source strictly into a store; returns it and the prefixes the files declare."""
    store = target if target is not None else ox.Store()
    prefixes: dict[str, str] = {}
    for source in found:
        data = read_source(source.path)
        graph = ox.NamedNode(source.graph)
        parser = ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=source.path.resolve().as_uri(),
                          rename_blank_nodes=True)  # two files' _:b1 are two nodes
        try:
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in parser)
        except SyntaxError as error:
            from aikg.load import turtle_error  # only on the error path: it imports rdflib

            raise turtle_error(source.path, error) from None
        prefixes.update(parser.prefixes)
    return store, prefixes


def open_store(paths: Iterable[str | Path] | None = None, *, use_cache: bool = True) -> GraphStore:
    """The graph of the given Turtle files and folders (default: the project's data).

    The store is built once for each content of its files and reused from the
    cache afterwards; any change to any file makes a new one.
    """
    found = sources(paths)
    entry = cache.entry_for(found) if use_cache else None
    if entry is None:
        store, declared = build_store(found)
        return GraphStore(store, {**declared, **ALL_PREFIXES}, [str(s.path) for s in found])
    if not entry.has(STORE_DIR):
        # Parse into memory (fast), then write the cache with one bulk load of the whole dump: adding
        # quads to the on-disk store one transaction at a time is some thirty times slower.
        memory, declared = build_store(found)
        with entry.building(STORE_DIR) as folder:
            disk = ox.Store(str(folder / STORE_DIR))
            disk.bulk_load(memory.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
            disk.flush()
            del disk
            (folder / META_FILE).write_text(json.dumps({"prefixes": declared, "files": [str(s.path) for s in found]}),
                                            encoding="utf-8")
        return GraphStore(memory, {**declared, **ALL_PREFIXES}, [str(s.path) for s in found], entry)
    meta = json.loads((entry.path / META_FILE).read_text(encoding="utf-8"))
    store = ox.Store.read_only(str(entry.path / STORE_DIR))
    return GraphStore(store, {**meta["prefixes"], **ALL_PREFIXES}, meta["files"], entry)


def store_of_graph(graph) -> GraphStore:
    """The triples of an rdflib graph in a query store: for tests and tools that change a graph in memory."""
    data = graph.serialize(format="nt", encoding="utf-8")
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://w3id.org/aikg/graph/memory"))
    return GraphStore(store)
