"""Read the ontology, code lists and data into rdflib graphs.

Each Turtle file is parsed twice: first by Oxigraph, which is strict (it rejects
invalid IRIs that rdflib only warns about) and reports the exact line and column,
then by rdflib, which the rest of the package works with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, URIRef

from aikg.errors import InputError
from aikg.paths import DATA_DIR, ONTOLOGY_DIR, SHAPES_FILE

__all__ = ["ontology_files", "data_files", "expand_paths", "parse_file", "load_graph", "load_dataset", "graph_name", "bind_prefixes", "PREFIXES"]

GRAPH_BASE = "https://w3id.org/aikg/graph/"


def ontology_files() -> list[Path]:
    """The ontology and its code lists; the SHAPES are kept apart."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if p != SHAPES_FILE)


def data_files() -> list[Path]:
    """Every Turtle file of the project's data, in a stable order."""
    return sorted(DATA_DIR.rglob("*.ttl"))


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Turn files and folders into the list of Turtle files they hold."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.rglob("*.ttl"))
            if not found:
                raise InputError(path, "folder holds no .ttl file")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(path, "no such file or folder")
    return files


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one Turtle file into ``graph`` (a new one by default).

    Raises InputError naming the file, line and column of the first error.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read file: {error.strerror}") from None
    try:
        for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as error:
        message = str(error.msg).split(": ", 1)[-1] if ": " in str(error.msg) else str(error.msg)
        raise InputError(path, f"Turtle syntax error: {message}", error.lineno, error.offset) from None
    graph = graph if graph is not None else Graph()
    try:
        graph.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib raises several unrelated types for bad input
        raise InputError(path, f"Turtle error: {error}") from None
    return graph


def graph_name(path: Path) -> URIRef:
    """The named graph a source file goes into, e.g. .../graph/data/be/actors."""
    try:
        relative = path.resolve().relative_to(DATA_DIR.parent.resolve())
    except ValueError:
        relative = Path(path.name)
    return URIRef(GRAPH_BASE + relative.with_suffix("").as_posix())


def _sources(paths: Iterable[str | Path] | None) -> Iterator[Path]:
    yield from ontology_files()
    yield from data_files() if paths is None else expand_paths(paths)


def load_graph(paths: Iterable[str | Path] | None = None) -> Graph:
    """The ontology, code lists and data (default: the project's) as one merged graph."""
    graph = Graph()
    for path in _sources(paths):
        parse_file(path, graph)
    bind_prefixes(graph)
    return graph


def load_dataset(paths: Iterable[str | Path] | None = None) -> Dataset:
    """The same content as load_graph, with one named graph per source file."""
    dataset = Dataset()
    for path in _sources(paths):
        parse_file(path, dataset.graph(graph_name(path)))
    bind_prefixes(dataset)
    return dataset


PREFIXES = {
    "aikg": "https://w3id.org/aikg/ontology#",
    "pa": "https://w3id.org/aikg/code/policy-area/",
    "q": "https://w3id.org/aikg/code/qualifier/",
    "period": "https://w3id.org/aikg/code/period/",
    "status": "https://w3id.org/aikg/code/status/",
    "dq": "https://w3id.org/aikg/code/date-qualifier/",
    "place": "https://w3id.org/aikg/id/place/",
    "aio": "https://w3id.org/aikg/id/org/",
    "beo": "https://w3id.org/aikg/id/be/org/",
    "bep": "https://w3id.org/aikg/id/be/programme/",
    "ber": "https://w3id.org/aikg/id/be/recommendation/",
    "bet": "https://w3id.org/aikg/id/be/target/",
    "bef": "https://w3id.org/aikg/id/be/funding/",
    "bed": "https://w3id.org/aikg/id/be/report/",
    "org": "http://www.w3.org/ns/org#",
    "cv": "http://data.europa.eu/m8g/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
