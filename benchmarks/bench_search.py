"""Time search and describe on the project's data.

Run: .venv/bin/python benchmarks/bench_search.py [--repeat N]
Prints the best and median wall time of each step over N runs (default 5):
building the search index from the store, reading it back from the cache, the
searches of issue 11, resolving names, and describing resources of each kind.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import pyoxigraph as ox

from aikg.describe import describe
from aikg.resolve import resolve_name
from aikg.lookup import search
from aikg.search import build_index, search_index
from aikg.store import open_store

SEARCHES = ["Flemish action plan", "DW4ai", "women in tech", "July 2019", "predictive medicine", "inovirris"]
DESCRIBED = ["https://w3id.org/aikg/id/be/org/innoviris", "https://w3id.org/aikg/id/be/programme/flemish-ai-action-plan",
             "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020",
             "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#section-6"]


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
    store = open_store()
    search_index(store)  # built or read once, so the searches below measure searching only

    def reopen() -> None:
        fresh = open_store()
        search_index(fresh)

    steps: dict[str, Callable[[], object]] = {
        "build the index from the store": lambda: build_index(store),
        "open the store and read the index from the cache": reopen,
        f"{len(SEARCHES)} searches": lambda: [search(store, text) for text in SEARCHES],
        "resolve 3 names (Flemish action plan, DW4ai, Brussels as a region)": lambda: (
            resolve_name(store, "Flemish action plan", "bench"), resolve_name(store, "DW4ai", "bench"),
            resolve_name(store, "Brussels", "bench", "aikg:Jurisdiction")),
        f"describe {len(DESCRIBED)} resources (actor, plan, report, section)":
            lambda: [describe(store, ox.NamedNode(iri)) for iri in DESCRIBED],
    }
    print(f"{'step':<70} {'best':>8} {'median':>8}")
    for name, step in steps.items():
        times = timed(step, args.repeat)
        print(f"{name:<70} {min(times):>7.3f}s {statistics.median(times):>7.3f}s")


if __name__ == "__main__":
    main()
