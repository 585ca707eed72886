"""Load on `aikg serve`: N concurrent clients for T seconds on loopback.

Run: .venv/bin/python benchmarks/serve_load.py [--clients 8] [--seconds 20] [--workers 4] [--timeout 10]
Starts `aikg serve` on a free loopback port (or uses --url), then N-1 clients loop over a mix of
every named query and the HTML pages of the graph's actors and initiatives, while one more client
sends a cartesian-product query that runs into the server's time limit again and again. Prints
requests per second, p50/p95/p99 latency per kind of request and overall, and the error count
(any answer other than 200, except the slow query's expected 503 "ran longer than the time limit").
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable
from pathlib import Path

import httpx

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PAGES = """SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* ?root VALUES ?root { aikg:Actor aikg:Initiative }
  FILTER STRSTARTS(STR(?x), "https://w3id.org/aikg/id/") } ORDER BY ?x"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def server(args: argparse.Namespace):
    if args.url:
        yield args.url.rstrip("/")
        return
    port = free_port()
    aikg = Path(sys.executable).parent / "aikg"
    process = subprocess.Popen([str(aikg), "serve", "--port", str(port), "--workers", str(args.workers),
                                "--timeout", str(args.timeout)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/sparql", timeout=2).status_code == 200:
                    break
            time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


async def timed(results: dict, kind: str, path: str, request: Awaitable[httpx.Response]) -> None:
    """Await one request and add (seconds, answered 200) to results[kind]; why it failed to results["why"].
    Also used by serve_peers.py, so both benchmarks time a request alike."""
    started = time.perf_counter()
    try:
        answer = await request
        ok = answer.status_code == 200
        if not ok:
            results["why"].append(f"{answer.status_code} {path}: {answer.text.strip()[:120]}")
    except httpx.HTTPError as error:
        ok = False
        results["why"].append(f"{path}: {type(error).__name__}")
    results[kind].append((time.perf_counter() - started, ok))


async def client(http: httpx.AsyncClient, targets: list[tuple[str, str]], stop: float, results: dict) -> None:
    order = itertools.cycle(random.sample(targets, len(targets)))
    while time.monotonic() < stop:
        kind, path = next(order)
        accept = "text/html" if kind == "page" else "application/sparql-results+json"
        await timed(results, kind, path, http.get(path, headers={"Accept": accept}))


async def slow_client(http: httpx.AsyncClient, stop: float, results: dict) -> None:
    while time.monotonic() < stop:
        started = time.perf_counter()
        try:
            answer = await http.post("/sparql", data={"query": SLOW})
            ok = answer.status_code == 503 and "time limit" in answer.text
        except httpx.HTTPError:
            ok = False
        results["slow query (stopped at the limit)"].append((time.perf_counter() - started, ok))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def run(args: argparse.Namespace, url: str) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=args.timeout + 30,
                                 limits=httpx.Limits(max_connections=args.clients + 1)) as http:
        names = [q["name"] for q in (await http.get("/queries", headers={"Accept": "application/json"})).json()]
        found = (await http.get("/sparql", params={"query": PAGES}, headers={"Accept": "application/sparql-results+json"})).json()
        pages = [b["x"]["value"].replace("https://w3id.org/aikg/", "/") for b in found["results"]["bindings"]]
        targets = [("named query", f"/queries/{n}.json") for n in names] + [("page", p) for p in pages]
        results: dict[str, list[tuple[float, bool]]] = defaultdict(list)
        stop = time.monotonic() + args.seconds
        started = time.perf_counter()
        await asyncio.gather(slow_client(http, stop, results),
                             *(client(http, targets, stop, results) for _ in range(args.clients - 1)))
        elapsed = time.perf_counter() - started
    print(f"{args.clients} clients ({args.clients - 1} on {len(names)} named queries and {len(pages)} resource pages, "
          f"1 on a query past the {args.timeout:g} s limit), {elapsed:.1f} s, server workers: {args.workers}")
    print(f"{'kind':<36} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    why = results.pop("why", [])
    fast = [r for kind, rows in results.items() if not kind.startswith("slow") for r in rows]
    for kind, rows in [*sorted(results.items()), ("all but the slow query", fast)]:
        times = [t * 1000 for t, _ in rows]
        errors = sum(1 for _, ok in rows if not ok)
        print(f"{kind:<36} {len(rows):>8} {len(rows) / elapsed:>7.1f} {statistics.median(times):>8.0f} "
              f"{percentile(times, 0.95):>8.0f} {percentile(times, 0.99):>8.0f} {errors:>6}")
    for line, count in sorted(Counter(why).items()):
        print(f"error x{count}: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=4, help="server worker processes (when the benchmark starts it)")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's time limit (when the benchmark starts it)")
    parser.add_argument("--url", help="load a running server instead of starting one")
    args = parser.parse_args()
    with server(args) as url:
        asyncio.run(run(args, url))


if __name__ == "__main__":
    main()
