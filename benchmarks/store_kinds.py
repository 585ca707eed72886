"""Which kind of pyoxigraph store should a command open: the reasoning behind aikg.store.

For one data folder, times (best of --repeat, in one process) what it costs to have
the graph ready in each kind of store, and every named query (parameters unbound)
in each:

- memory, from Turtle: parse the source files into an in-memory store (what aikg does);
- memory, from N-Quads: load a dump of the same quads (what a cached dump would cost);
- RocksDB, read-only: open an on-disk store built beforehand (what a cached store costs).

Usage: benchmarks/store_kinds.py DATA_FOLDER [--repeat 3] [--queries network,node-facts]
Make a large folder first with ``benchmarks/scale_data.py 100 /tmp/s100``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable

import pyoxigraph as ox

from aikg.prefixes import ALL_PREFIXES
from aikg.query import list_queries
from aikg.sources import sources
from aikg.store import load_sources


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def answer_size(store: ox.Store, text: str) -> int:
    result = store.query(text, prefixes=ALL_PREFIXES, use_default_graph_as_union=True)
    if isinstance(result, bool):
        return int(result)
    return sum(1 for _ in result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", help="comma-separated names (default: every named query)")
    args = parser.parse_args()
    found = sources([args.data])
    wanted = set(args.queries.split(",")) if args.queries else None
    queries = [q for q in list_queries() if wanted is None or q.name in wanted]

    seconds, memory = best_of(args.repeat, lambda: load_sources(found))
    print(f"{len(memory):,} quads in {len(found)} files")
    print(f"ready: memory, from Turtle      {seconds:8.3f} s")
    dump = memory.dump(format=ox.RdfFormat.N_QUADS)

    def from_dump() -> ox.Store:
        store = ox.Store()
        store.load(dump, format=ox.RdfFormat.N_QUADS)
        return store

    seconds, _ = best_of(args.repeat, from_dump)
    print(f"ready: memory, from N-Quads     {seconds:8.3f} s")
    with tempfile.TemporaryDirectory() as folder:
        disk = ox.Store(folder)
        disk.bulk_load(dump, format=ox.RdfFormat.N_QUADS)
        disk.flush()
        del disk
        seconds, disk = best_of(args.repeat, lambda: ox.Store.read_only(folder))
        print(f"ready: RocksDB, read-only open  {seconds:8.3f} s")
        print(f"\n{'query':34} {'memory':>9} {'RocksDB':>9}  rows")
        for query in queries:
            in_memory, rows = best_of(args.repeat, lambda: answer_size(memory, query.text))
            on_disk, disk_rows = best_of(args.repeat, lambda: answer_size(disk, query.text))
            same = "" if rows == disk_rows else f"  (RocksDB: {disk_rows})"
            print(f"{query.name:34} {in_memory:8.3f}s {on_disk:8.3f}s  {rows}{same}")


if __name__ == "__main__":
    main()
