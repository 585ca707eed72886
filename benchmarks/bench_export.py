"""Time `aikg export` in every format against plain pyoxigraph doing the least it could.

Run: .venv/bin/python benchmarks/bench_export.py [--repeat N]
For each format: the median whole-process time of `aikg export --format F` (start-up
included) and of a minimal pyoxigraph script that parses the same Turtle files and writes
them in that format (no implied types, no description, no canonical labels, no sorting),
and their ratio. JSON-LD has no pyoxigraph baseline here: aikg frames it with pyld.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from aikg.catalog import DUMP_FORMATS

BASELINE = """
import sys, pyoxigraph as ox
from aikg.load import data_files, ontology_files
formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML}
quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(p.resolve().as_uri()))
         for p in [*ontology_files(), *data_files()] for t in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE)]
fmt = formats[sys.argv[1]]
statements = quads if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG) else [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
sys.stdout.buffer.write(ox.serialize(statements, format=fmt))
"""


def wall(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"median of {args.repeat} whole-process runs")
    print(f"{'format':<8} {'aikg export':>12} {'pyoxigraph':>11} {'ratio':>6}")
    for fmt in DUMP_FORMATS:
        ours = wall([sys.executable, "-m", "aikg.cli", "export", "--format", fmt], args.repeat)
        if fmt == "json-ld":
            print(f"{fmt:<8} {ours:>11.2f}s {'-':>11} {'-':>6}")
            continue
        theirs = wall([sys.executable, "-c", BASELINE, fmt], args.repeat)
        print(f"{fmt:<8} {ours:>11.2f}s {theirs:>10.2f}s {ours / theirs:>5.1f}×")


if __name__ == "__main__":
    main()
