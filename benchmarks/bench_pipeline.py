"""Time the steps of the main job on the project's data.

Run: .venv/bin/python benchmarks/bench_pipeline.py [--repeat N]
Prints the best and median wall time of each step over N runs (default 5).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from aikg.export import export
from aikg.load import load_graph
from aikg.query import list_queries, run_query
from aikg.validate import validate


def timed(step: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    graph = load_graph()
    queries = list_queries()
    steps: dict[str, Callable[[], object]] = {
        "load (parse ontology + data)": load_graph,
        "validate (SHACL + quotes)": validate,
        f"run all {len(queries)} named queries": lambda: [len(run_query(graph, q)) for q in queries],
        "export turtle": lambda: export("turtle"),
        "export json-ld": lambda: export("json-ld"),
    }
    print(f"{len(graph):,} triples; {args.repeat} runs per step")
    for name, step in steps.items():
        times = timed(step, args.repeat)
        print(f"{name:<34} best {min(times):7.3f} s   median {statistics.median(times):7.3f} s")


if __name__ == "__main__":
    main()
