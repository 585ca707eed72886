"""The same work as raw_pyoxigraph.py, on plain rdflib (and pySHACL for ``validate``).

Usage: raw_rdflib.py load|query|export|validate [--query FILE.rq] [--bind NAME=IRI ...]
       [--shapes FILE] PATH ...
PATHs are Turtle files or folders (searched for *.ttl), parsed into one graph.
``query`` prints the answer as SPARQL CSV, ``export`` the graph as Turtle,
``validate`` runs pySHACL with the shapes as aikg does (no inference).
The seconds spent loading and on the rest (wall clock, then CPU) go to stderr, last:
``load S query S load-cpu S query-cpu S``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rdflib import Graph, URIRef


def turtle_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files.extend(sorted(path.rglob("*.ttl")) if path.is_dir() else [path])
    return files


def main(argv: list[str]) -> None:
    mode, query_file, shapes, bindings, paths = argv[0], None, None, {}, []
    args = iter(argv[1:])
    for arg in args:
        if arg == "--query":
            query_file = next(args)
        elif arg == "--shapes":
            shapes = next(args)
        elif arg == "--bind":
            name, _, iri = next(args).partition("=")
            bindings[name] = URIRef(iri)
        else:
            paths.append(arg)
    start, start_cpu = time.perf_counter(), time.process_time()
    graph = Graph()
    for path in turtle_files(paths):
        graph.parse(path, format="turtle", publicID=path.resolve().as_uri())
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    out = sys.stdout.buffer
    if mode == "query":
        result = graph.query(Path(query_file).read_text(encoding="utf-8"), initBindings=bindings)
        out.write(result.serialize(format="nt" if result.type in ("CONSTRUCT", "DESCRIBE") else "csv"))
    elif mode == "export":
        out.write(graph.serialize(format="turtle", encoding="utf-8"))
    elif mode == "validate":
        import pyshacl

        conforms, _, text = pyshacl.validate(graph, shacl_graph=Graph().parse(shapes, format="turtle"), inference="none")
        out.write(text.encode("utf-8"))
        if not conforms:
            sys.exit(1)
    elif mode != "load":
        sys.exit(f"unknown mode {mode!r}")
    print(f"load {loaded - start:.6f} query {time.perf_counter() - loaded:.6f} "
          f"load-cpu {loaded_cpu - start_cpu:.6f} query-cpu {time.process_time() - loaded_cpu:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
