"""The floor for aikg: the same work done by a minimal script on plain pyoxigraph.

Usage: raw_pyoxigraph.py load|query|export [--query FILE.rq] [--bind NAME=IRI ...] PATH ...
PATHs are Turtle files or folders (searched for *.ttl), loaded into the default graph
of an in-memory store. ``query`` prints the answer as SPARQL CSV, ``export`` the store
as Turtle. The seconds spent loading and querying (wall clock, then CPU) go to stderr, last:
``load S query S load-cpu S query-cpu S``.
Only the standard library and pyoxigraph are imported, so start-up costs what it must.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph as ox


def turtle_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files.extend(sorted(path.rglob("*.ttl")) if path.is_dir() else [path])
    return files


def main(argv: list[str]) -> None:
    mode, query_file, bindings, paths = argv[0], None, {}, []
    args = iter(argv[1:])
    for arg in args:
        if arg == "--query":
            query_file = next(args)
        elif arg == "--bind":
            name, _, iri = next(args).partition("=")
            bindings[ox.Variable(name)] = ox.NamedNode(iri)
        else:
            paths.append(arg)
    start, start_cpu = time.perf_counter(), time.process_time()
    store = ox.Store()
    for path in turtle_files(paths):
        store.load(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    out = sys.stdout.buffer
    if mode == "query":
        result = store.query(Path(query_file).read_text(encoding="utf-8"), substitutions=bindings)
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, out, format=ox.RdfFormat.N_TRIPLES)
        else:
            result.serialize(out, format=ox.QueryResultsFormat.CSV)
    elif mode == "export":
        store.dump(out, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    elif mode != "load":
        sys.exit(f"unknown mode {mode!r}")
    print(f"load {loaded - start:.6f} query {time.perf_counter() - loaded:.6f} "
          f"load-cpu {loaded_cpu - start_cpu:.6f} query-cpu {time.process_time() - loaded_cpu:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
