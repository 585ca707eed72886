"""The query engine: the graph in a pyoxigraph store.

The default graph is the RDF merge of every source file: a set, so a triple
stated in two files (a shared resource restated) is one triple, and one row of
any answer. (pyoxigraph's union of named graphs is a bag: it would repeat it.)
Where a query asks for the files themselves (GRAPH patterns, FROM, the SPARQL
protocol's dataset parameters), the store also holds one named graph per source
file, and the default graph is copied from them inside Oxigraph, so that a blank
node is the same node in both. Loading only the default graph costs what
parsing costs; the named graphs are loaded where they are asked for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from aikg import cache
from aikg.parse_limits import term_too_long
from aikg.prefixes import ALL_PREFIXES
from aikg.sources import Source, sources, turtle_error

__all__ = ["GraphStore", "open_store", "open_sources", "load_sources", "prefixes_of", "declared_prefixes",
           "store_of_graph"]

PREFIXES_FILE = "prefixes.json"


class GraphStore:
    """A pyoxigraph store of the sources, with the prefixes their files declare; ``named_graphs``:
    whether it also holds one named graph per source file."""

    def __init__(self, store: ox.Store, prefixes: dict[str, str] | None = None, files: list[str] | None = None,
                 entry: cache.Entry | None = None, named_graphs: bool = True) -> None:
        self.store = store
        self.prefixes = dict(ALL_PREFIXES) if prefixes is None else prefixes
        self.files = files or []
        self.entry = entry  # the cache folder of this content: derived indexes (search) live there
        self.named_graphs = named_graphs

    def query(self, text: str, substitutions: Mapping[ox.Variable, object] | None = None, *,
              dataset: tuple[list[str], list[str]] | None = None, own_dataset: bool = False):
        """Run SPARQL over the default graph (the merge of the sources), the project's prefixes predeclared.

        ``dataset`` (default graphs, named graphs) replaces it, as the SPARQL protocol's
        default-graph-uri and named-graph-uri do; ``own_dataset``: the query's FROM clauses name it."""
        options: dict[str, object] = {}
        if dataset is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in dataset[0]]
            options["named_graphs"] = [ox.NamedNode(g) for g in dataset[1]]
        return self.store.query(text, prefixes=self.prefixes, substitutions=dict(substitutions or {}), **options)

    def __len__(self) -> int:
        """Triples in the default graph (each once)."""
        return len(self.store) if not self.named_graphs else sum(1 for _ in self.store.quads_for_pattern(
            None, None, None, ox.DefaultGraph()))

    def contains(self, term: ox.NamedNode) -> bool:
        """Whether the IRI occurs as a subject or object anywhere in the graph."""
        return bool(self.store.query("ASK { { ?t ?p ?o } UNION { ?s ?p ?t } }", substitutions={ox.Variable("t"): term}))


def load_sources(found: Iterable[Source], *, named_graphs: bool = True) -> ox.Store:
    """Parse every source strictly into an in-memory store: into the default graph, and with
    ``named_graphs`` into a named graph of its own first, copied into the default graph after.

    Oxigraph parses in Rust and gives each file's blank nodes fresh names, so two
    files' ``_:b1`` stay two nodes.
    """
    store = ox.Store()
    for source in found:
        try:
            store.load(source.read(), format=ox.RdfFormat.TURTLE, base_iri=source.resolved.as_uri(),
                       to_graph=ox.NamedNode(source.graph) if named_graphs else ox.DefaultGraph())
        except SyntaxError as error:
            raise turtle_error(source.path, error) from None
        except MemoryError as error:  # a term longer than the parser's buffer, not a lack of memory
            raise term_too_long(source.path, source.read(), error) from None
    if named_graphs:
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # the merge, a set
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


def open_store(paths: Iterable[str | Path] | None = None, *, use_cache: bool = True,
               named_graphs: bool = True) -> GraphStore:
    """The graph of the given Turtle files and folders (default: the project's data), in memory.

    Every process parses the files into an in-memory store: Oxigraph parses some
    400,000 triples a second, as fast as it reads back any dump, and answers
    heavy queries two to six times faster in memory than from its on-disk
    store (``benchmarks/store_kinds.py``). The cache keeps what costs more than
    parsing: the prefixes the files declare, validation reports, the search
    index and the dumps. ``named_graphs``: also one named graph per file (see
    the module's docstring); a command that asks no GRAPH of the files leaves
    them out.
    """
    found = sources(paths)
    return open_sources(found, cache.entry_for(found) if use_cache else None, named_graphs=named_graphs)


def open_sources(found: list[Source], entry: cache.Entry | None, *, named_graphs: bool = True) -> GraphStore:
    """The store of sources already found, with their cache entry (None: no cache)."""
    store = load_sources(found, named_graphs=named_graphs)
    return GraphStore(store, prefixes_of(found, entry), [str(s.path) for s in found], entry, named_graphs)


def prefixes_of(found: list[Source], entry: cache.Entry | None) -> dict[str, str]:
    """The prefixes the files declare (kept in the cache entry), and the project's, which win."""
    kept = entry.read_bytes(PREFIXES_FILE) if entry is not None else None
    if kept is not None:
        declared = json.loads(kept)
    else:
        declared = declared_prefixes(found)
        if entry is not None:
            entry.write_bytes(PREFIXES_FILE, json.dumps(declared).encode())
    return {**declared, **ALL_PREFIXES}


def store_of_graph(graph) -> GraphStore:
    """The triples of an rdflib graph in a query store: for tests and tools that change a graph in memory."""
    data = graph.serialize(format="nt", encoding="utf-8")
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return GraphStore(store, named_graphs=False)
