"""Read the ontology, code lists and data into rdflib graphs.

Each Turtle file is parsed twice: first by Oxigraph, which is strict (it rejects
invalid IRIs that rdflib only warns about) and reports the exact line and column,
then by rdflib, which the rest of the package works with.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, URIRef

from aikg.errors import InputError
from aikg.parse_limits import term_too_long
from aikg.prefixes import PREFIXES, REPORT_PREFIXES
from aikg.sources import GRAPH_BASE, data_files, expand_paths, ontology_files, read_source, sources, turtle_error

__all__ = ["ontology_files", "data_files", "expand_paths", "parse_file", "load_graph", "load_dataset", "bind_prefixes", "PREFIXES", "GRAPH_BASE"]


def _drop_literal_conversion(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Failed to convert Literal lexical form")


# rdflib logs, with a traceback, each literal it cannot convert, and warns of each boolean
# it cannot read ("Parsing weird boolean"); `aikg validate` reports every ill-typed literal
# itself, with file and line.
logging.getLogger("rdflib.term").addFilter(_drop_literal_conversion)
warnings.filterwarnings("ignore", message="Parsing weird boolean", module="rdflib.term")


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one Turtle file into ``graph`` (a new one by default).

    Raises InputError naming the file, line and column of the first error.
    """
    data = _read(path)
    check_turtle(path, data)
    graph = graph if graph is not None else Graph()
    try:
        graph.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except RecursionError:  # rdflib's Turtle parser recurses once per nested [ ]: take Oxigraph's reading
        _parse_through_oxigraph(path, data, graph)
    except Exception as error:  # rdflib raises several unrelated types for bad input
        raise InputError(path, f"Turtle error: {error}") from None
    return graph


def _parse_through_oxigraph(path: Path, data: bytes, graph: Graph) -> None:
    """The file's triples as Oxigraph parses them (any depth; it checked them already), handed to rdflib as
    N-Triples, which nest nothing; the prefixes the file declares are bound as rdflib would bind them."""
    parser = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in parser]
    graph.parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
    for prefix, namespace in parser.prefixes.items():
        graph.bind(prefix, namespace, override=False)


def _read(path: Path) -> bytes:
    return read_source(path)


def check_turtle(path: Path, data: bytes) -> None:
    """Parse strictly with Oxigraph; raise InputError with the file, line and column."""
    try:
        for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as error:
        raise turtle_error(path, error) from None
    except MemoryError as error:
        raise term_too_long(path, data, error) from None


def load_graph(paths: Iterable[str | Path] | None = None) -> Graph:
    """The ontology, code lists and data (default: the project's) as one merged graph."""
    graph = Graph()
    for source in sources(paths):
        parse_file(source.path, graph)
    bind_prefixes(graph)
    return graph


def load_dataset(paths: Iterable[str | Path] | None = None) -> Dataset:
    """The same content as load_graph, with one named graph per source file."""
    dataset = Dataset()
    for source in sources(paths):
        parse_file(source.path, dataset.graph(URIRef(source.graph)))
    bind_prefixes(dataset)
    return dataset


def bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in {**REPORT_PREFIXES, **PREFIXES}.items():
        graph.bind(prefix, namespace, override=True, replace=True)
