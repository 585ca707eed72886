"""Start `aikg serve` as a real process on a free loopback port, for the server tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

AIKG = Path(sys.executable).parent / "aikg"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(*options: str, log: Path):
    """Yield the base URL of a server started with ``options``; stop it with Ctrl-C (SIGINT) after."""
    port = free_port()
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen([str(AIKG), "serve", "--port", str(port), *options], stdout=out,
                                   stderr=subprocess.STDOUT, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"aikg serve exited with {process.returncode}: {log.read_text()}")
            try:
                if httpx.get(f"{base}/sparql", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"aikg serve did not answer within 300 s: {log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
