"""One answer, every door: the endpoint, the command line and --endpoint give the same bytes and rows.

Every named query is answered by aikg.query.run_query and written by one writer of the
W3C result formats, so `/queries/NAME.csv|.tsv|.json` and `aikg query NAME --format
csv|tsv|json` are the same bytes, and `aikg query NAME --endpoint URL` against `aikg serve`
gives the local rows, sent as a query whatever words its comments hold, with no warning.
An answer from another endpoint is bounded like a local one.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from server_process import running_server

from aikg.query import list_queries

pytestmark = pytest.mark.behaviour

AIKG = str(Path(sys.executable).with_name("aikg"))
NAMES = [q.name for q in list_queries()]


def aikg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([AIKG, *args], capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with running_server("--workers", "2", log=tmp_path_factory.mktemp("serve") / "log") as url:
        yield url


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
@pytest.mark.parametrize("name", NAMES)
def test_a_named_query_is_the_same_bytes_from_the_endpoint_and_the_command(base: str, name: str, fmt: str) -> None:
    served = httpx.get(f"{base}/queries/{name}.{fmt}", timeout=60)
    printed = aikg("query", name, "--format", fmt)
    assert served.status_code == 200 and printed.returncode == 0, printed.stderr
    assert served.content == printed.stdout


@pytest.mark.parametrize("name", NAMES)
def test_a_named_query_over_endpoint_gives_the_local_rows(base: str, name: str) -> None:
    local = aikg("query", name, "--format", "csv")
    remote = aikg("query", name, "--format", "csv", "--endpoint", f"{base}/sparql")
    assert remote.returncode == 0, remote.stderr
    assert remote.stderr == b""  # no library warning
    assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines())


def test_the_flagship_query_over_endpoint_with_a_name(base: str) -> None:
    """The report: Innoviris funded Team Up, "nineteen collaborative projects ... EUR 12 millions of subsidies"."""
    done = aikg("query", "funding-by-funder", "--param", "funder=Innoviris", "--format", "csv", "--endpoint", f"{base}/sparql")
    assert done.returncode == 0, done.stderr
    assert b"Innoviris,Team Up,12000000,exactly,in total" in done.stdout


class _Endless(http.server.BaseHTTPRequestHandler):
    """An endpoint that never stops sending (``slow``: one byte a second)."""

    slow = False

    def do_POST(self) -> None:  # noqa: N802 - the standard library's name
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        try:
            self.wfile.write(b'{"head": {"vars": ["x"]}, "results": {"bindings": [')
            while True:
                self.wfile.write(b" " if self.slow else b" " * 65536)
                if self.slow:
                    self.wfile.flush()
                    time.sleep(1)
        except OSError:
            return

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def endless():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    _Endless.slow = False
    server.shutdown()


def test_an_answer_that_never_ends_is_cut_at_the_memory_limit(endless: str) -> None:
    started = time.monotonic()
    done = subprocess.run([AIKG, "query", "-", "--endpoint", endless, "--max-memory", "0.01", "--timeout", "60"],
                          input=b"SELECT ?x { ?x ?p ?o }", capture_output=True, timeout=90)
    assert done.returncode == 2
    assert b"larger than the memory limit of 0.01 GiB" in done.stderr
    assert time.monotonic() - started < 60


def test_an_answer_that_trickles_is_stopped_at_the_time_limit(endless: str) -> None:
    _Endless.slow = True
    started = time.monotonic()
    done = subprocess.run([AIKG, "query", "-", "--endpoint", endless, "--timeout", "2"], input=b"SELECT ?x { ?x ?p ?o }",
                          capture_output=True, timeout=60)
    assert done.returncode == 2
    assert b"did not answer within the time limit of 2 s" in done.stderr
    assert time.monotonic() - started < 15


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    with running_server("--workers", "1", "--max-rows", "3", log=tmp_path_factory.mktemp("capped") / "log") as url:
        yield url


@pytest.mark.parametrize("extension", ["csv", "tsv", "json"])
def test_a_named_query_is_cut_at_the_servers_row_limit_and_says_so(capped: str, extension: str) -> None:
    """The report names more than three actors (three funding bodies alone: FWO, VLAIO and Innoviris)."""
    answer = httpx.get(f"{capped}/queries/actors-by-type.{extension}", timeout=60)
    assert answer.status_code == 200
    assert answer.headers["AIKG-Truncated"].startswith("true")
    if extension == "json":
        document = answer.json()
        assert len(document["results"]["bindings"]) == 3 and document["truncated"] is True and document["maxRows"] == 3
    else:
        assert len(answer.text.strip().splitlines()) == 1 + 3
