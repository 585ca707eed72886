"""Start Debian's Virtuoso headless on loopback, with a database of its own in a temporary folder.

Used by the tests that prove `aikg push` and `aikg query --endpoint` on a real SPARQL server.
"""

from __future__ import annotations

import configparser
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Virtuoso", "start_virtuoso", "missing_reason"]

INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
BINARY = "virtuoso-t"


def missing_reason() -> str | None:
    """Why Virtuoso cannot be started here, or None."""
    if shutil.which(BINARY) is None or not INI.is_file():
        return "Virtuoso is not installed (Debian package virtuoso-opensource-7; .ci/run installs it)"
    return None


@dataclass
class Virtuoso:
    process: subprocess.Popen
    http_port: int
    folder: Path

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_virtuoso(folder: Path, timeout: float = 60) -> Virtuoso:
    """Copy the packaged virtuoso.ini, point every file into ``folder`` and both ports to free
    loopback ports, start ``virtuoso-t -f`` there and wait until /sparql answers."""
    config = configparser.RawConfigParser(strict=False, inline_comment_prefixes=(";",))
    config.optionxform = str  # keep Virtuoso's CamelCase keys
    config.read(INI)
    for section in ("Database", "TempDatabase"):
        for key in ("DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"):
            if config.has_option(section, key):
                config.set(section, key, str(folder / Path(config.get(section, key)).name))
    sql_port, http_port = _free_port(), _free_port()
    config.set("Parameters", "ServerPort", f"127.0.0.1:{sql_port}")
    config.set("HTTPServer", "ServerPort", f"127.0.0.1:{http_port}")
    config.set("Parameters", "DirsAllowed", f"., {folder}, /usr/share/virtuoso-opensource-7/vad")
    ini = folder / "virtuoso.ini"
    with ini.open("w") as handle:
        config.write(handle)
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([BINARY, "-c", str(ini), "-f"], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    server = Virtuoso(process, http_port, folder)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}: {(folder / 'stdout.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.sparql}?query=ASK%7B%7D", timeout=5) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"Virtuoso did not answer on {server.sparql} within {timeout:.0f} s")
