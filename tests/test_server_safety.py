"""`aikg serve` is safe to leave running: Host names checked (DNS rebinding), cross-origin reads only,
a warning when it listens beyond this machine, no server path in an error, one log line per request."""

from __future__ import annotations

import contextlib
import time

import httpx
import pytest
from server_process import running_server

pytestmark = pytest.mark.behaviour


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


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_pages_keep_answering_while_slow_queries_hold_the_workers(tmp_path) -> None:
    """Three slow queries on a server of two workers: a page is still answered, not after the limit."""
    import threading

    with running_server("--workers", "2", "--timeout", "20", log=tmp_path / "log") as base:
        def ask_slowly() -> None:  # the third may wait for the lane, then run: past the client's 30 s, which is fine here
            with contextlib.suppress(httpx.TimeoutException):
                httpx.get(f"{base}/sparql", params={"query": CARTESIAN}, timeout=30)

        slow = [threading.Thread(target=ask_slowly) for _ in range(3)]
        for thread in slow:
            thread.start()
        time.sleep(1)
        started = time.monotonic()
        page = httpx.get(f"{base}/id/be/org/innoviris", headers={"Accept": "text/html"}, timeout=30)
        waited = time.monotonic() - started
        for thread in slow:
            thread.join()
    assert page.status_code == 200 and "Innoviris" in page.text
    assert waited < 10  # the slow ones run for 20 s: a page that waited for them would take longer


def _sleeper():
    return lambda seconds: time.sleep(seconds) or "slept"


def test_a_full_queue_is_told_at_once_that_the_server_is_busy() -> None:
    import asyncio

    from aikg.server.pool import PoolBusy, WorkerPool

    pool = WorkerPool(1, _sleeper, max_waiting=1)
    pool.start()

    async def crowd():
        pool.attach()
        first = asyncio.ensure_future(pool.run(4, 10))
        await asyncio.sleep(0.2)
        second = asyncio.ensure_future(pool.run(0, 10))  # waits for the worker
        await asyncio.sleep(0.2)
        started = time.monotonic()
        with pytest.raises(PoolBusy, match="1 requests are already waiting for one of the 1 workers"):
            await pool.run(0, 10)
        told = time.monotonic() - started
        return told, await first, await second

    try:
        told, first, second = asyncio.run(crowd())
    finally:
        pool.close()
    assert told < 2 and first == second == "slept"  # the worker is busy for 4 s: told well before
