"""No query makes aikg connect anywhere, through the command line or the endpoint.

A listener on loopback counts every connection made to it. Each form of the probe
(and a few more) names that listener as a SERVICE, a FROM or a LOAD: every one is
refused, and the listener is never reached. Then the second line is tested alone:
a query that gets past the refusals (sent to the engine directly, in the processes
that run queries) still cannot reach the listener, because those processes have no
network (aikg.sandbox).
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from server_process import running_server

from aikg.worker import Limits, run_bounded

pytestmark = pytest.mark.behaviour

AIKG = str(Path(sys.executable).with_name("aikg"))


class Listener:
    """A TCP listener on loopback that counts the connections it accepts."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()


@pytest.fixture(scope="module")
def listener():
    found = Listener()
    yield found
    found.socket.close()


def forms(port: int) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}/x"
    return {
        "escaped-hash-in-a-name": f"SELECT * {{ BIND(schema:x\\# AS ?z) SERVICE <{url}> {{ ?a ?b ?c }} }}",
        "escaped-quote-in-a-name": f"SELECT * {{ BIND(rdfs:x\\' AS ?z) SERVICE <{url}> {{ ?a ?b ?c }} }}",
        "service-iri-from-the-data": (
            f'SELECT * {{ ?s rdfs:label ?label BIND(IRI(CONCAT("http://127.0.0.1:{port}/", ENCODE_FOR_URI(?label))) '
            "AS ?ep) SERVICE ?ep { ?a ?b ?c } } LIMIT 3"),
        "plain-service": f"SELECT * {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
        "service-silent": f"SELECT * {{ SERVICE SILENT <{url}> {{ ?a ?b ?c }} }}",
        "lower-case": f"select * {{ service <{url}> {{ ?a ?b ?c }} }}",
        "keyword-as-codepoint-escapes": f"SELECT * {{ \\u0053ERVICE <{url}> {{ ?a ?b ?c }} }}",
        "service-in-exists": f"SELECT * {{ ?s a aikg:Actor FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
        "service-in-a-subquery": f"SELECT * {{ {{ SELECT ?a {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }} }}",
        "service-in-optional": f"SELECT * {{ ?s a aikg:Actor OPTIONAL {{ SERVICE <{url}> {{ ?s ?b ?c }} }} }}",
        "service-in-minus": f"SELECT * {{ ?s a aikg:Actor MINUS {{ SERVICE <{url}> {{ ?s ?b ?c }} }} }}",
        "service-in-construct": f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
        "service-in-ask": f"ASK {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
        "service-in-describe": f"DESCRIBE ?a WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
        "prefixed-service-iri": f"PREFIX ep: <http://127.0.0.1:{port}/> SELECT * {{ SERVICE ep:x {{ ?a ?b ?c }} }}",
        "from": f"SELECT * FROM <{url}> {{ ?a ?b ?c }}",
        "from-named": f"SELECT * FROM NAMED <{url}> {{ GRAPH ?g {{ ?a ?b ?c }} }}",
        "load": f"LOAD <{url}>",
        "load-into-graph": f"LOAD SILENT <{url}> INTO GRAPH <urn:x>",
        "insert-with-service": f"INSERT {{ ?a ?b ?c }} WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
    }


FORM_NAMES = list(forms(0))


@pytest.mark.parametrize("name", FORM_NAMES)
def test_no_form_reaches_out_through_the_command_line(listener: Listener, name: str) -> None:
    before = listener.connections
    done = subprocess.run([AIKG, "query", "-", "--format", "csv", "--timeout", "20"], input=forms(listener.port)[name],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "refused" in done.stderr or "syntax error" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert listener.connections == before


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    with running_server("--workers", "2", "--timeout", "20", log=tmp_path_factory.mktemp("serve") / "log") as url:
        with httpx.Client(base_url=url, timeout=60) as client:
            yield client


@pytest.mark.parametrize("name", FORM_NAMES)
def test_no_form_reaches_out_through_the_endpoint(listener: Listener, endpoint: httpx.Client, name: str) -> None:
    before = listener.connections
    text = forms(listener.port)[name]
    for answer in (endpoint.get("/sparql", params={"query": text}),
                   endpoint.post("/sparql", data={"query": text}),
                   endpoint.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-query"})):
        assert answer.status_code in (400, 403), (answer.status_code, answer.text)
    assert listener.connections == before


def test_the_listener_counts_a_connection(listener: Listener) -> None:
    """The proof above proves something only if a real connection would be counted."""
    before = listener.connections
    with socket.create_connection(("127.0.0.1", listener.port), timeout=5):
        pass
    for _ in range(100):
        if listener.connections > before:
            break
        threading.Event().wait(0.02)
    assert listener.connections == before + 1


def _engine_service(port: int) -> str:
    """What pyoxigraph says when asked for a SERVICE directly, with no refusal in front of it."""
    try:
        list(ox.Store().query(f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?a ?b ?c }} }}"))
    except OSError as error:
        return str(error)
    return "answered"


def test_the_query_process_has_no_network_even_past_the_refusals(listener: Listener) -> None:
    before = listener.connections
    said = run_bounded(lambda: _engine_service(listener.port), Limits(timeout=30))
    assert "unreachable" in said.lower(), said
    assert listener.connections == before


def test_a_server_worker_has_no_network_even_past_the_refusals(listener: Listener) -> None:
    """The endpoint's workers (aikg.server.pool) move into an empty network namespace as they start."""
    from aikg.server.pool import WorkerPool

    before = listener.connections
    pool = WorkerPool(1, _service_handler, memory=None)
    try:
        pool.start()

        async def ask() -> str:
            pool.attach()
            return await pool.run(listener.port, 30)

        said = asyncio.run(ask())
    finally:
        pool.close()
    assert "unreachable" in said.lower(), said
    assert listener.connections == before


def _service_handler():
    return _engine_service
