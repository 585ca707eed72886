"""aikg serve with the clients people use: SPARQLWrapper, rdflib's SPARQLStore; the named-query API
against the command line; the start-up check of the data, the loopback default and a clean Ctrl-C."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import threading
import time

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from conftest import ctrl_c_as_at_a_terminal
from server_process import AIKG, free_port, running_server
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from aikg.cli import build_parser
from aikg.paths import DATA_DIR
from aikg.query import list_queries

INNOVIRIS = "https://w3id.org/aikg/id/be/org/innoviris"
# What Innoviris funds with a stated amount, by hand from section 6 (Brussels Region) of the report:
# "a dedicated budget of EUR 20 million"; Team Up, "EUR 12 millions of subsidies"; its open call for
# companies, "more than 6MEur subsidy per year".
INNOVIRIS_AMOUNTS = {"20000000", "12000000", "6000000"}
AMOUNTS = f"""PREFIX schema: <https://schema.org/>
SELECT ?amount WHERE {{ ?f schema:funder <{INNOVIRIS}> ; schema:amount/schema:value ?amount }}"""


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with running_server("--workers", "2", log=tmp_path_factory.mktemp("serve") / "server.log") as url:
        yield url


def _wrapper(base: str, query: str, fmt) -> object:
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.query().convert()


def test_sparqlwrapper_json(base) -> None:
    document = _wrapper(base, AMOUNTS, JSON)
    assert {b["amount"]["value"] for b in document["results"]["bindings"]} == INNOVIRIS_AMOUNTS


def test_sparqlwrapper_xml(base) -> None:
    document = _wrapper(base, AMOUNTS, XML)  # an xml.dom.minidom document
    literals = {node.firstChild.data for node in document.getElementsByTagName("literal")}
    assert literals == INNOVIRIS_AMOUNTS


def test_sparqlwrapper_csv(base) -> None:
    rows = list(csv.reader(io.StringIO(_wrapper(base, AMOUNTS, CSV).decode("utf-8"))))
    assert rows[0] == ["amount"] and {r[0] for r in rows[1:]} == INNOVIRIS_AMOUNTS


def test_sparqlwrapper_construct_as_turtle(base) -> None:
    query = f"""PREFIX schema: <https://schema.org/>
    CONSTRUCT {{ ?f schema:funder <{INNOVIRIS}> }} WHERE {{ ?f schema:funder <{INNOVIRIS}> ; schema:amount ?a }}"""
    graph = Graph().parse(data=_wrapper(base, query, TURTLE), format="turtle")
    assert len(graph) == 3  # the three funding relations with an amount
    assert set(graph.objects()) == {URIRef(INNOVIRIS)}


def test_rdflib_sparqlstore(base) -> None:
    graph = Graph(store=SPARQLStore(f"{base}/sparql"))
    rows = graph.query(AMOUNTS)
    assert {str(row.amount) for row in rows} == INNOVIRIS_AMOUNTS
    labels = set(graph.objects(URIRef(INNOVIRIS), URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert labels == {Literal("Innoviris", lang="en")}


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_named_query_answers_as_the_cli(base, aikg, query) -> None:
    status, out, err = aikg("query", query.name, "--format", "json")
    assert status == 0, err
    expected = json.loads(out)
    answer = httpx.get(f"{base}/queries/{query.name}.json", timeout=60)
    assert answer.status_code == 200, answer.text
    got = json.loads(answer.content)
    assert got["head"]["vars"] == expected["head"]["vars"]
    assert got["results"]["bindings"] == expected["results"]["bindings"]


def test_named_query_with_a_parameter_and_format_by_accept(base, aikg) -> None:
    status, out, _ = aikg("query", "funding-by-funder", "--param", "funder=Innoviris", "--format", "csv")
    answer = httpx.get(f"{base}/queries/funding-by-funder", params={"funder": "Innoviris"}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(answer.text))) == list(csv.reader(io.StringIO(out)))
    amounts = {row["amount"] for row in csv.DictReader(io.StringIO(answer.text))}
    assert INNOVIRIS_AMOUNTS <= amounts


@pytest.mark.parametrize("extension,media_type", [(".csv", "text/csv"), (".tsv", "text/tab-separated-values"),
                                                  (".xml", "application/sparql-results+xml"),
                                                  (".json", "application/sparql-results+json")])
def test_named_query_format_by_extension(base, extension, media_type) -> None:
    answer = httpx.get(f"{base}/queries/pillars-without-initiatives{extension}")
    assert answer.status_code == 200 and answer.headers["content-type"].split(";")[0] == media_type
    assert "infrastructure" in answer.text  # the report's pillar with nothing going on


def test_named_query_parameter_errors_are_400(base) -> None:
    unknown = httpx.get(f"{base}/queries/funding-by-funder.json", params={"nobody": "x"})
    assert unknown.status_code == 400 and "unknown parameter nobody" in unknown.text
    wrong = httpx.get(f"{base}/queries/funding-by-funder.json", params={"funder": "Atlantis"})
    assert wrong.status_code == 400 and "in the graph has this label" in wrong.text
    missing = httpx.get(f"{base}/queries/no-such-query.json")
    assert missing.status_code == 404 and "/queries" in missing.text


def test_parameter_is_bound_as_a_term_not_pasted(base) -> None:
    injected = 'Innoviris" } UNION { ?s ?p ?o } #'
    answer = httpx.get(f"{base}/queries/funding-by-funder.json", params={"funder": injected})
    assert answer.status_code == 400 and "in the graph has this label" in answer.text


def test_query_list(base) -> None:
    listing = httpx.get(f"{base}/queries", headers={"Accept": "application/json"}).json()
    by_name = {q["name"]: q for q in listing}
    assert set(by_name) == {q.name for q in list_queries()}
    funder = by_name["funding-by-funder"]
    assert funder["title"] and funder["description"]
    assert [p["name"] for p in funder["params"]] == ["funder"] and funder["params"][0]["type"] == "iri"


# ------------------------------------------------------------------ the command


def test_serve_defaults() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.timeout, args.max_rows) == ("127.0.0.1", 8000, 10.0, 10_000)


def test_refuses_data_that_does_not_conform(tmp_path) -> None:
    bad = tmp_path / "be"
    bad.mkdir()
    for source in (DATA_DIR / "be").glob("*.ttl"):
        (bad / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (bad / "ai-watch-belgium-2020.txt").write_text((DATA_DIR / "be" / "ai-watch-belgium-2020.txt").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    (bad / "broken.ttl").write_text(
        "@prefix aikg: <https://w3id.org/aikg/ontology#> .\n@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/aikg/id/be/funding/broken> a aikg:FundingRelation .\n", encoding="utf-8")
    done = subprocess.run([str(AIKG), "serve", "--port", str(free_port()), "--data", str(bad)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1
    assert "does not conform" in done.stderr and "broken" in done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_stops_cleanly_and_ends_the_workers(tmp_path) -> None:
    port = free_port()
    process = subprocess.Popen([str(AIKG), "serve", "--port", str(port), "--workers", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=ctrl_c_as_at_a_terminal)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/sparql").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    children = _descendants(process.pid)
    assert len(children) >= 4  # the fork server, the resource tracker, two workers
    running: dict[str, httpx.Response] = {}
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    client = threading.Thread(target=lambda: running.update(answer=httpx.post(
        f"http://127.0.0.1:{port}/sparql", data={"query": cartesian}, timeout=60)))
    client.start()
    time.sleep(1)  # the query is running when Ctrl-C comes
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    client.join()
    assert process.returncode == 130
    assert "server stopped" in err and "Traceback" not in err
    assert "GET /sparql 200" in err  # one log line per request
    assert running["answer"].status_code == 503 and "the server is stopping" in running["answer"].text
    alive = children
    for _ in range(50):  # the fork server and the resource tracker leave once they see the server gone
        alive = subprocess.run(["ps", "-o", "pid=", "-p", ",".join(map(str, children))], capture_output=True,
                               text=True, timeout=30).stdout.split()
        if not alive:
            break
        time.sleep(0.2)
    assert alive == []
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/sparql")


def _descendants(pid: int) -> list[int]:
    table = [line.split() for line in subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True,
                                                      text=True, timeout=30).stdout.splitlines()]
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        kids = [int(p) for p, pp in table if int(pp) == parent]
        found += kids
        frontier += kids
    return found


def test_listens_on_loopback_only(base) -> None:
    port = int(base.rsplit(":", 1)[1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1 (little-endian hex), and nothing else


def test_a_port_in_use_is_a_clear_error(base) -> None:
    port = base.rsplit(":", 1)[1]
    done = subprocess.run([str(AIKG), "serve", "--port", port, "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert f"aikg: error: cannot listen on 127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr
    assert httpx.get(f"{base}/sparql").status_code == 200  # the server already there is untouched


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_named_query_through_sparqlwrapper_and_sparqlstore_gives_the_cli_rows(base, aikg, query) -> None:
    """The two Python clients people use, as they use them: the query text as it is, comments and all."""
    status, out, err = aikg("query", query.name, "--format", "json")
    assert status == 0, err
    expected = sorted(json.dumps(row, sort_keys=True) for row in json.loads(out)["results"]["bindings"])
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query.text)
    client.setReturnFormat(JSON)
    assert client.queryType in ("SELECT", "ASK"), f"SPARQLWrapper would send {query.name} as {client.queryType}"
    got = client.query().convert()["results"]["bindings"]
    assert sorted(json.dumps(row, sort_keys=True) for row in got) == expected
    rows = Graph(store=SPARQLStore(f"{base}/sparql")).query(query.text)
    assert len(rows) == len(expected)
    assert [str(v) for v in rows.vars] == json.loads(out)["head"]["vars"]
