"""What a page costs `aikg serve`, the first request included: time from a fresh start.

Run: .venv/bin/python benchmarks/serve_pages.py [--repeat 20] [--workers 2] [--data PATH ...]
Starts `aikg serve` on a free loopback port, waits until it answers, then asks each page once
(the first request after the start: nothing warmed but what the server made at start-up) and
--repeat times more, one request at a time, as a browser would (Accept: text/html, gzip).
Prints the seconds to ready and, per page, the first request's milliseconds and the median and
worst of the others, with the bytes sent. Issue 25's target: every page under 50 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from serve_load import free_port

PAGES = ["/network", "/ontology", "/report/be", "/id/be/org/innoviris", "/id/be/programme/team-up", "/queries", "/",
         "/.well-known/void"]
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Accept-Encoding": "gzip"}


@contextlib.contextmanager
def started_server(workers: int, data: list[str]):
    """The base URL of a server started now, and the seconds it took to answer its first request."""
    port = free_port()
    aikg = Path(sys.executable).parent / "aikg"
    data_args = [arg for path in data for arg in ("--data", path)]
    began = time.perf_counter()
    process = subprocess.Popen([str(aikg), "serve", "--port", str(port), "--workers", str(workers), *data_args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        while process.poll() is None:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/sparql", timeout=2).status_code == 200:
                    break
            time.sleep(0.05)
        yield url, time.perf_counter() - began
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def timed(http: httpx.Client, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    with http.stream("GET", path, headers=BROWSER) as answer:
        size = sum(len(chunk) for chunk in answer.iter_raw())
        answer.raise_for_status()
    return (time.perf_counter() - started) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data", action="append", default=[])
    args = parser.parse_args()
    with started_server(args.workers, args.data) as (url, ready), httpx.Client(base_url=url, timeout=60) as http:
        print(f"ready after {ready:.2f} s\n")
        print("| page | first ms | median ms | worst ms | bytes sent |")
        print("|---|--:|--:|--:|--:|")
        for path in PAGES:
            first, size = timed(http, path)
            others = [timed(http, path)[0] for _ in range(args.repeat)]
            print(f"| `{path}` | {first:.1f} | {statistics.median(others):.1f} | {max(others):.1f} | {size:,} |")


if __name__ == "__main__":
    main()
