"""Seconds from starting `aikg serve` until it answers, on data of N reports (issue 25: under 10 s at 100).

Run: .venv/bin/python benchmarks/serve_ready.py [--reports 100] [--data DIR]
Makes N copies of the Belgian report with benchmarks/scale_data.py (or reads DIR, e.g. the folder
`scale.py --keep-data DIR` kept), validates them once so that the server starts from the validation
cache as it does after `aikg validate`, then times `aikg serve` from its start until GET /sparql
and the first report's annotated page both answer 200 (the pages are made before the server
listens), and stops it. Prints the seconds, the number of reports and the commit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scale_data import write_copies
from scale_steps import ROOT
from serve_load import free_port


def _answers(url: str) -> bool:
    with contextlib.suppress(OSError):
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200
    return False


def time_ready(aikg: Path, data: Path, first: str) -> float:
    """Seconds until the server started on data answers /sparql and /report/<first>."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([str(aikg), "serve", "--data", str(data), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        while not (_answers(f"{base}/sparql") and _answers(f"{base}/report/{first}")):
            if server.poll() is not None:
                sys.exit(f"aikg serve exited with status {server.returncode}")
            time.sleep(0.1)
        return time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100, help="copies of the report (default: 100)")
    parser.add_argument("--data", type=Path, help="a folder of copies already made (default: make them)")
    args = parser.parse_args()
    aikg = Path(sys.executable).parent / "aikg"
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data
        if data is None:
            data = Path(scratch) / f"data-{args.reports}"
            write_copies(args.reports, data)
        first = sorted(p.name for p in data.iterdir() if p.is_dir() and p.name != "shared")[0]
        subprocess.run([str(aikg), "validate", str(data)], check=True, stdout=subprocess.DEVNULL)
        seconds = time_ready(aikg, data, first)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    print(f"aikg serve ready in {seconds:.1f} s on {data} (commit {commit}, load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
