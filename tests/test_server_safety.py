"""`aikg serve` is safe to leave running: Host names checked (DNS rebinding), cross-origin reads only,
a warning when it listens beyond this machine, no server path in an error, one log line per request."""

from __future__ import annotations

import time

import httpx
import pytest
from server_process import running_server

pytestmark = pytest.mark.behaviour


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with running_server("--workers", "1", log=log) as url:
        yield url, log


def test_a_forged_host_is_refused_and_never_reflected(served) -> None:
    base, _ = served
    answer = httpx.get(f"{base}/sparql", headers={"Host": "evil.example", "Accept": "text/turtle"})
    assert answer.status_code == 400
    assert "evil.example" not in answer.text
    for host in ("127.0.0.1", "localhost"):
        assert httpx.get(f"{base}/sparql", headers={"Host": host, "Accept": "text/turtle"}).status_code == 200


def test_cross_origin_reads_are_answered_without_credentials(served) -> None:
    base, _ = served
    answer = httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"})
    assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in answer.headers
    preflight = httpx.options(f"{base}/sparql", headers={"Origin": "https://elsewhere.example",
                                                        "Access-Control-Request-Method": "PUT"})
    assert "PUT" not in preflight.headers.get("access-control-allow-methods", "")


def test_an_error_names_no_path_of_the_server(served) -> None:
    base, _ = served
    answer = httpx.get(f"{base}/queries/funding-by-funder.csv", params={"zz": "1"})
    assert answer.status_code == 400 and "unknown parameter zz" in answer.text
    assert "/" not in answer.text.split("unknown parameter")[0]  # "funding-by-funder: unknown parameter zz", no folder


def test_the_log_has_one_line_per_request_whatever_the_url_holds(served) -> None:
    base, log = served
    httpx.get(f"{base}/queries/x%0aforged%201%202%0a%1b[2J")
    for _ in range(50):  # the line is written as the response ends
        lines = [line for line in log.read_text(encoding="utf-8").splitlines() if "/queries/x" in line]
        if lines:
            break
        time.sleep(0.1)
    assert len(lines) == 1 and "\x1b" not in lines[0] and "\\n" in lines[0]


def test_listening_beyond_this_machine_is_said_on_start(tmp_path) -> None:
    log = tmp_path / "server.log"
    with running_server("--workers", "1", "--host", "0.0.0.0", log=log):
        pass
    assert "listening on 0.0.0.0: the endpoint is reachable from the network" in log.read_text(encoding="utf-8")
