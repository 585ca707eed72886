"""Time the network's model and pictures as the graph grows from one report to a hundred.

The network of N reports is the Belgian network's rows (queries/network.rq on the
project's data) copied N times, each copy with its own IRIs and region names, while the
international bodies (IRIs outside /be/ and /place/) stay shared, as they would be
between countries. The SPARQL is run once and is not timed: this measures what the
package does with the rows (money, layout, statistics, SVG, HTML, GraphML).

Run: .venv/bin/python benchmarks/bench_network.py [--sizes 1 10 100] [--repeat 3]
Prints, per N, the nodes and edges and the median wall time of each step.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from aikg.load import load_graph
from aikg.network.model import network_from_rows
from aikg.network.output import render
from aikg.network.source import NETWORK_QUERY, select_rows
from aikg.network.stats import network_stats

OWN = ("/be/", "/place/")  # IRIs that belong to one country's report; the others are shared


def copies(rows: list[dict], n: int) -> list[dict]:
    """The rows n times over, each copy's own IRIs and region labels suffixed with its number."""
    out = []
    for k in range(n):
        for row in rows:
            copy = dict(row)
            for key, value in row.items():
                if isinstance(value, str) and value.startswith("https://") and any(part in value for part in OWN):
                    copy[key] = f"{value}-{k}"
                elif key.endswith("Region") and k:
                    copy[key] = f"{value} {k}"
            out.append(copy)
    return out


def median_time(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = select_rows(load_graph(), NETWORK_QUERY)
    steps = ("model", "stats", "graphml", "svg", "html")
    print(f"{'N':>4} {'nodes':>6} {'edges':>6} " + " ".join(f"{s + ' s':>9}" for s in steps))
    for n in args.sizes:
        many = copies(rows, n)
        network = network_from_rows(many)
        timings = {
            "model": median_time(lambda: network_from_rows(many), args.repeat),
            "stats": median_time(lambda: network_stats(network), args.repeat),
            "graphml": median_time(lambda: render(network, "graphml"), args.repeat),
            "svg": median_time(lambda: render(network, "svg"), args.repeat),
            "html": median_time(lambda: render(network, "html"), args.repeat),
        }
        print(f"{n:>4} {network.number_of_nodes():>6} {network.number_of_edges():>6} "
              + " ".join(f"{timings[s]:>9.2f}" for s in steps), flush=True)


if __name__ == "__main__":
    main()
