"""The SPARQL 1.1 Protocol at /sparql, by raw HTTP: the W3C protocol tests' positive and negative cases,
the limits (time, rows, request size), and a slow query that does not hold up the others."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET
from http.client import HTTPConnection

import httpx
import pyoxigraph as ox
import pytest
from server_process import running_server

ACTORS_GRAPH = "https://w3id.org/aikg/graph/data/be/actors"
FUNDING_GRAPH = "https://w3id.org/aikg/graph/data/be/funding"
# Who funds Team Up, and how much: "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies",
# Innoviris's AI call (report, section 6, Brussels Region).
TEAM_UP = """SELECT ?funderLabel ?amount WHERE {
  ?f schema:fundedItem bep:team-up ; schema:funder ?funder ; schema:amount/schema:value ?amount .
  ?funder rdfs:label ?funderLabel }"""
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SPARQL_JSON = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
TIMEOUT = 3


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with running_server("--timeout", str(TIMEOUT), "--max-rows", "1000", "--max-request-kib", "64",
                        "--workers", "3", log=log) as url:
        yield url


@pytest.fixture(scope="module")
def http(base):
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client


def _team_up(answer: httpx.Response) -> list[tuple[str, str]]:
    assert answer.status_code == 200, answer.text
    bindings = answer.json()["results"]["bindings"]
    return [(b["funderLabel"]["value"], b["amount"]["value"]) for b in bindings]


# ------------------------------------------------------------------ the three ways to send a query


def test_query_by_get(http) -> None:
    assert _team_up(http.get("/sparql", params={"query": TEAM_UP}, headers={"Accept": SPARQL_JSON})) == [("Innoviris", "12000000")]


def test_query_by_urlencoded_post(http) -> None:
    answer = http.post("/sparql", data={"query": TEAM_UP}, headers={"Accept": SPARQL_JSON})
    assert _team_up(answer) == [("Innoviris", "12000000")]


def test_query_by_direct_post(http) -> None:
    answer = http.post("/sparql", content=TEAM_UP.encode(), headers={"Content-Type": "application/sparql-query",
                                                                      "Accept": SPARQL_JSON})
    assert _team_up(answer) == [("Innoviris", "12000000")]


def test_form_with_utf8_charset_is_accepted(http) -> None:
    answer = http.post("/sparql", content=f"query={httpx.QueryParams({'q': TEAM_UP})['q']}".encode(),
                       headers={"Content-Type": f"{FORM}; charset=UTF-8", "Accept": SPARQL_JSON})
    assert answer.status_code == 200


# ------------------------------------------------------------------ content negotiation


def test_select_results_in_every_w3c_format(http) -> None:
    def ask(accept: str) -> httpx.Response:
        answer = http.get("/sparql", params={"query": TEAM_UP}, headers={"Accept": accept})
        assert answer.status_code == 200
        assert answer.headers["content-type"].split(";")[0] == accept
        return answer

    root = ET.fromstring(ask("application/sparql-results+xml").content)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["funderLabel", "amount"]
    assert root.find("r:results/r:result/r:binding[@name='amount']/r:literal", ns).text == "12000000"
    rows = list(csv.reader(io.StringIO(ask("text/csv").text)))
    assert rows == [["funderLabel", "amount"], ["Innoviris", "12000000"]]
    tsv = ask("text/tab-separated-values").text.splitlines()
    assert tsv[0] == "?funderLabel\t?amount"
    assert tsv[1].startswith('"Innoviris"@en\t') and "12000000" in tsv[1]


def test_accept_with_qualities_picks_the_preferred_format(http) -> None:
    answer = http.get("/sparql", params={"query": TEAM_UP},
                      headers={"Accept": "application/sparql-results+json;q=0.5, text/csv;q=0.9"})
    assert answer.headers["content-type"].startswith("text/csv")


def test_ask_answers_true_and_false(http) -> None:
    yes = http.get("/sparql", params={"query": "ASK { bep:team-up a aikg:Call }"}, headers={"Accept": SPARQL_JSON})
    no = http.get("/sparql", params={"query": "ASK { beo:innoviris a aikg:Call }"}, headers={"Accept": SPARQL_JSON})
    assert (yes.json()["boolean"], no.json()["boolean"]) == (True, False)


@pytest.mark.parametrize("accept,fmt", [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                        ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)])
def test_construct_in_every_rdf_format(http, accept, fmt) -> None:
    query = "CONSTRUCT { beo:innoviris rdfs:label ?l } WHERE { beo:innoviris rdfs:label ?l }"
    answer = http.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].split(";")[0] == accept
    triples = list(ox.parse(answer.content, format=fmt))
    assert [(t.subject.value, t.object.value) for t in triples] == [("https://w3id.org/aikg/id/be/org/innoviris", "Innoviris")]


def test_describe_answers_rdf(http) -> None:
    answer = http.get("/sparql", params={"query": "DESCRIBE beo:innoviris"}, headers={"Accept": "text/turtle"})
    triples = list(ox.parse(answer.content, format=ox.RdfFormat.TURTLE))
    labels = {t.object.value for t in triples if t.predicate.value.endswith("#label")}
    assert "Innoviris" in labels


def test_unacceptable_media_type_is_406(http) -> None:
    answer = http.get("/sparql", params={"query": TEAM_UP}, headers={"Accept": "image/png"})
    assert answer.status_code == 406 and "application/sparql-results+json" in answer.text


# ------------------------------------------------------------------ the dataset


def test_default_graph_uri_limits_the_default_graph(http) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?f schema:funder ?x }"
    everything = http.get("/sparql", params={"query": query}, headers={"Accept": SPARQL_JSON}).json()
    actors_only = http.get("/sparql", params={"query": query, "default-graph-uri": ACTORS_GRAPH},
                           headers={"Accept": SPARQL_JSON}).json()
    count = lambda doc: int(doc["results"]["bindings"][0]["n"]["value"])  # noqa: E731
    assert count(everything) > 0 and count(actors_only) == 0  # the funding relations live in funding.ttl


def test_named_graph_uri_makes_graphs_visible_by_name(http) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = http.post("/sparql", data={"query": query, "named-graph-uri": [ACTORS_GRAPH, FUNDING_GRAPH]},
                       headers={"Accept": SPARQL_JSON})
    assert sorted(b["g"]["value"] for b in answer.json()["results"]["bindings"]) == [ACTORS_GRAPH, FUNDING_GRAPH]


def test_from_naming_a_graph_of_the_dataset_is_allowed(http) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ACTORS_GRAPH}> WHERE {{ ?f schema:funder ?x }}"
    answer = http.get("/sparql", params={"query": query}, headers={"Accept": SPARQL_JSON})
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "0"


@pytest.mark.parametrize("params", [
    {"default-graph-uri": "http://example.org/elsewhere"},
    {"named-graph-uri": "http://example.org/elsewhere"},
])
def test_dataset_parameters_outside_the_graph_are_400(http, params) -> None:
    answer = http.get("/sparql", params={"query": TEAM_UP, **params})
    assert answer.status_code == 400 and "not a graph of this dataset" in answer.text


@pytest.mark.parametrize("clause", ["FROM <http://example.org/g>", "FROM NAMED <http://example.org/g>",
                                    "FROM <file:///etc/passwd>"])
def test_from_outside_the_graph_is_refused(http, clause) -> None:
    answer = http.get("/sparql", params={"query": f"SELECT * {clause} WHERE {{ ?s ?p ?o }}"})
    assert answer.status_code == 400 and "is not a graph of this dataset" in answer.text


# ------------------------------------------------------------------ refused: writes and the network


@pytest.mark.parametrize("send", [
    lambda c: c.post("/sparql", data={"update": "DELETE WHERE { ?s ?p ?o }"}),
    lambda c: c.post("/sparql", content=b"DELETE WHERE { ?s ?p ?o }", headers={"Content-Type": "application/sparql-update"}),
    lambda c: c.get("/sparql", params={"update": "DELETE WHERE { ?s ?p ?o }"}),
    lambda c: c.post("/sparql", data={"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}),
    lambda c: c.post("/sparql", data={"query": "LOAD <http://example.org/data.ttl>"}),
], ids=["form-update", "direct-update", "get-update", "insert-as-query", "load"])
def test_updates_and_load_are_refused_and_change_nothing(http, send) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = http.get("/sparql", params={"query": count}, headers={"Accept": SPARQL_JSON}).json()
    answer = send(http)
    assert answer.status_code == 403
    assert "refused" in answer.text and "only reads" in answer.text
    assert http.get("/sparql", params={"query": count}, headers={"Accept": SPARQL_JSON}).json() == before


def test_service_is_refused(http) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    answer = http.post("/sparql", data={"query": query})
    assert answer.status_code == 403 and "SERVICE is refused" in answer.text


# ------------------------------------------------------------------ malformed requests


def test_syntax_error_names_line_and_column(http) -> None:
    answer = http.get("/sparql", params={"query": "SELECT ?s\nWHERE { ?s ?p ?o } LIMIT x"})
    assert answer.status_code == 400
    assert "SPARQL syntax error at line 2, column 20" in answer.text  # the LIMIT clause, whose "x" is no number
    assert "LIMIT x" in answer.text


def test_two_query_parameters_are_400(http) -> None:
    answer = http.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert answer.status_code == 400 and "given 2 times" in answer.text


def test_query_in_body_and_url_is_400(http) -> None:
    answer = http.post("/sparql?query=ASK%7B%7D", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert answer.status_code == 400


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/json"])
def test_missing_or_wrong_content_type_is_415(http, content_type) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    answer = http.post("/sparql", content=b"ASK {}", headers=headers)
    assert answer.status_code == 415 and "application/sparql-query" in answer.text


def test_non_utf8_charset_is_415(http) -> None:
    answer = http.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"})
    assert answer.status_code == 415


def test_non_utf8_direct_body_is_400(http) -> None:
    answer = http.post("/sparql", content='ASK { ?s ?p "café" }'.encode("latin-1"),
                       headers={"Content-Type": "application/sparql-query"})
    assert answer.status_code == 400 and "not UTF-8" in answer.text


def test_non_utf8_form_body_is_400(http) -> None:
    answer = http.post("/sparql", content=b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22caf%E9%22%20%7D", headers={"Content-Type": FORM})
    assert answer.status_code == 400 and "not UTF-8" in answer.text


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(http, method) -> None:
    answer = http.request(method, "/sparql", content=b"ASK {}")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, POST"


def test_empty_query_is_400(http) -> None:
    answer = http.get("/sparql", params={"query": "  # nothing\n"})
    assert answer.status_code == 400 and "empty" in answer.text


# ------------------------------------------------------------------ without a query


def test_get_without_query_is_a_service_description(http, store) -> None:
    answer = http.get("/sparql", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    sd = ox.Store()
    sd.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(answer.content, format=ox.RdfFormat.TURTLE))
    names = {r["g"].value for r in sd.query("PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
                                            "SELECT ?g WHERE { ?s a sd:Service ; sd:defaultDataset/sd:namedGraph/sd:name ?g }")}
    assert names == {g.value for g in store.store.named_graphs()}
    assert ACTORS_GRAPH in names


def test_browser_without_query_gets_the_editor(http) -> None:
    answer = http.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert answer.status_code == 200 and "yasgui-4.6.2.min.js" in answer.text


# ------------------------------------------------------------------ limits


def test_row_cap_cuts_and_says_so(http) -> None:
    query = "SELECT ?a ?b WHERE { ?a ?p ?b . ?c ?q ?d } LIMIT 1500"
    answer = http.get("/sparql", params={"query": query}, headers={"Accept": SPARQL_JSON})
    document = answer.json()
    assert len(document["results"]["bindings"]) == 1000
    assert document["truncated"] is True and document["maxRows"] == 1000
    assert answer.headers["aikg-truncated"].startswith("true")
    csv_answer = http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert len(csv_answer.text.splitlines()) == 1001 and "aikg-truncated" in csv_answer.headers


def test_answer_under_the_cap_is_not_marked(http) -> None:
    answer = http.get("/sparql", params={"query": TEAM_UP}, headers={"Accept": SPARQL_JSON})
    assert "truncated" not in answer.json() and "aikg-truncated" not in answer.headers


def test_request_larger_than_the_limit_is_413(http) -> None:
    padding = "#" + "x" * (70 * 1024) + "\n"
    answer = http.post("/sparql", content=(padding + "ASK {}").encode(), headers={"Content-Type": "application/sparql-query"})
    assert answer.status_code == 413 and "limit" in answer.text


def test_query_string_longer_than_the_limit_is_414(base) -> None:
    padding = "%20" * (70 * 1024 // 3)  # httpx refuses URLs this long: the standard library sends it
    host, port = base.removeprefix("http://").split(":")
    connection = HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", f"/sparql?query=ASK%7B%7D{padding}")
    answer = connection.getresponse()
    assert answer.status == 414 and "POST the query instead" in answer.read().decode()
    connection.close()


def test_slow_query_is_stopped_while_others_answer(base) -> None:
    slow: dict[str, object] = {}

    def run_slow() -> None:
        started = time.monotonic()
        with httpx.Client(base_url=base, timeout=60) as client:
            slow["answer"] = client.post("/sparql", data={"query": CARTESIAN})
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.5)
    fast = []
    with httpx.Client(base_url=base, timeout=60) as client:
        while thread.is_alive() and len(fast) < 20:
            started = time.monotonic()
            answer = client.get("/sparql", params={"query": TEAM_UP}, headers={"Accept": SPARQL_JSON})
            fast.append((answer.status_code, time.monotonic() - started))
    thread.join()
    assert slow["answer"].status_code == 503
    assert f"longer than the time limit of {TIMEOUT} s and was stopped" in slow["answer"].text
    assert TIMEOUT <= slow["seconds"] < TIMEOUT + 15
    # Every simple query was answered while the slow one still held its worker (the loop stops when it ends).
    assert len(fast) >= 2 and all(status == 200 for status, _ in fast)
    # The killed worker was replaced: the pool answers as before.
    assert _team_up(httpx.get(f"{base}/sparql", params={"query": TEAM_UP}, headers={"Accept": SPARQL_JSON})) == [("Innoviris", "12000000")]


def test_predeclared_prefixes_and_json_is_w3c(http) -> None:
    answer = http.get("/sparql", params={"query": "SELECT ?x WHERE { ?x a aikg:FundingAgency } ORDER BY ?x"},
                      headers={"Accept": SPARQL_JSON})
    document = json.loads(answer.content)
    assert document["head"]["vars"] == ["x"]
    agencies = [b["x"]["value"].rsplit("/", 1)[1] for b in document["results"]["bindings"]]
    assert agencies == ["fwo", "innoviris", "vlaio"]  # FWO, VLAIO and Innoviris: the report's funding agencies


def test_from_with_a_prefixed_name_of_the_dataset(http) -> None:
    query = ("PREFIX g: <https://w3id.org/aikg/graph/data/be/>\n"
             "SELECT (COUNT(*) AS ?n) FROM g:funding WHERE { ?f schema:funder beo:innoviris }")
    answer = http.get("/sparql", params={"query": query}, headers={"Accept": SPARQL_JSON})
    assert answer.status_code == 200
    assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 0
    undeclared = http.get("/sparql", params={"query": "SELECT * FROM nowhere:g WHERE { ?s ?p ?o }"})
    assert undeclared.status_code == 400 and "prefix is not declared" in undeclared.text


def test_row_cap_applies_to_graphs_too(http) -> None:
    query = "CONSTRUCT { ?a <http://example.org/near> ?c } WHERE { ?a ?p ?b . ?c ?q ?d }"
    answer = http.get("/sparql", params={"query": query}, headers={"Accept": "application/n-triples"})
    assert answer.status_code == 200 and answer.headers["aikg-truncated"].startswith("true")
    assert len(answer.text.splitlines()) == 1000


def test_post_without_a_query_is_400(http) -> None:
    answer = http.post("/sparql", data={"default-graph-uri": ACTORS_GRAPH})
    assert answer.status_code == 400 and "no query" in answer.text


def test_a_named_query_parameter_given_twice_is_400(http) -> None:
    for times in (2, 3):
        answer = http.get("/queries/funding-by-funder.json?" + "&".join(["funder=Innoviris"] * times))
        assert answer.status_code == 400 and "given more than once" in answer.text, (times, answer.text)


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_every_way_of_sending_honours_the_dataset_parameters(http, how) -> None:
    """default-graph-uri in the URL limits the dataset however the query itself is sent."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?f schema:funder ?x }"
    dataset = {"default-graph-uri": ACTORS_GRAPH}
    if how == "get":
        answer = http.get("/sparql", params={"query": query, **dataset}, headers={"Accept": SPARQL_JSON})
    elif how == "form":
        answer = http.post("/sparql", data={"query": query, **dataset}, headers={"Accept": SPARQL_JSON})
    else:
        answer = http.post("/sparql", params=dataset, content=query.encode(),
                           headers={"Accept": SPARQL_JSON, "Content-Type": "application/sparql-query"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "0"  # the funding relations live in funding.ttl
    named = http.post("/sparql", params={"named-graph-uri": ACTORS_GRAPH},
                      content=b"SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                      headers={"Accept": SPARQL_JSON, "Content-Type": "application/sparql-query"})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [ACTORS_GRAPH]


# ------------------------------------------------------------------ in process: the protocol's reading and the formats
#
# The tests above reach the endpoint through a server process, which mutation testing (mutmut, tests/MUTANTS.md)
# cannot see into; these call aikg.server.protocol and aikg.server.formats directly, with expectations written
# from the SPARQL 1.1 Protocol and RFC 9110 (content negotiation).

import asyncio  # noqa: E402

from starlette.requests import Request  # noqa: E402

from aikg.query import QueryResult  # noqa: E402
from aikg.server.formats import Answer, negotiate, write_graph, write_result  # noqa: E402
from aikg.server.protocol import (  # noqa: E402
    ProtocolError, QueryRequest, check_dataset, parse_params, read_body, read_query_request,
)

RESULT_MEDIA = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"]


def _asgi_request(method: str = "GET", query_string: bytes = b"", content_type: str | None = None,
                  chunks: tuple[bytes, ...] = (b"",), content_length: int | None = None) -> Request:
    headers = [] if content_type is None else [(b"content-type", content_type.encode("latin-1"))]
    if content_length is not None:
        headers.append((b"content-length", str(content_length).encode()))
    messages = [{"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1} for i, chunk in enumerate(chunks)]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    return Request({"type": "http", "method": method, "path": "/sparql", "headers": headers,
                    "query_string": query_string}, receive)


def _read(limit: int = 1000, **request) -> QueryRequest:
    return asyncio.run(read_query_request(_asgi_request(**request), limit))


def _refusal(limit: int = 1000, **request) -> tuple[int, str]:
    with pytest.raises(ProtocolError) as caught:
        _read(limit, **request)
    return caught.value.status, caught.value.message


def test_get_reads_the_query_and_both_dataset_parameters() -> None:
    qs = b"query=ASK%20%7B%7D&default-graph-uri=urn:d&named-graph-uri=urn:n1&named-graph-uri=urn:n2"
    expected = QueryRequest("ASK {}", ["urn:d"], ["urn:n1", "urn:n2"])
    assert _read(query_string=qs) == expected
    assert _read(method="HEAD", query_string=qs) == expected
    assert _read(query_string=b"default-graph-uri=urn:d") == QueryRequest(None, ["urn:d"], [])


def test_get_refuses_two_queries_an_update_and_non_utf8() -> None:
    assert _refusal(query_string=b"query=ASK{}&query=ASK{}&query=ASK{}") == (
        400, "the query parameter is given 3 times; give it once")
    assert _refusal(query_string=b"update=CLEAR%20ALL") == (
        403, "SPARQL updates are refused: this endpoint only reads the graph")
    expected = (400, "the query string is not UTF-8 text (percent-encoded UTF-8 expected)")
    assert _refusal(query_string=b"query=%FF") == expected
    assert _refusal(query_string="query=é".encode("utf-8")) == expected


def test_query_string_limit_is_inclusive() -> None:
    qs = b"query=ASK%7B%7D"  # 15 bytes
    assert _read(limit=15, query_string=qs).text == "ASK{}"
    assert _refusal(limit=14, query_string=qs) == (
        414, "the query string is longer than the limit of 14 bytes; POST the query instead")


def test_form_post_merges_body_and_url_parameters() -> None:
    request = _read(method="POST", content_type="application/x-www-form-urlencoded", query_string=b"default-graph-uri=urn:d",
                    chunks=(b"query=ASK%7B%7D&named-graph-uri=urn:n",))
    assert request == QueryRequest("ASK{}", ["urn:d"], ["urn:n"])
    assert _refusal(method="POST", content_type="application/x-www-form-urlencoded", query_string=b"query=ASK{}",
                    chunks=(b"query=ASK{}",)) == (400, "the query parameter is given 2 times; give it once")
    assert _refusal(method="POST", content_type="application/x-www-form-urlencoded", chunks=(b"query=%C3",)) == (
        400, "the request body is not UTF-8 text (percent-encoded UTF-8 expected)")


def test_direct_post_reads_the_body_and_the_url_dataset() -> None:
    body = "ASK { ?s ?p \"Région\" }".encode("utf-8")
    for content_type in ("application/sparql-query", "Application/SPARQL-Query; Charset=\"UTF-8\"",
                         "application/sparql-query;charset=utf8"):
        assert _read(method="POST", content_type=content_type, query_string=b"default-graph-uri=urn:d&named-graph-uri=urn:n",
                     chunks=(body,)) == QueryRequest("ASK { ?s ?p \"Région\" }", ["urn:d"], ["urn:n"])


def test_direct_post_refusals() -> None:
    message = "the query is in the body; do not also give a query or update parameter"
    for qs in (b"query=ASK{}", b"update=CLEAR%20ALL"):
        assert _refusal(method="POST", content_type="application/sparql-query", query_string=qs,
                        chunks=(b"ASK{}",)) == (400, message)
    assert _refusal(method="POST", content_type="application/sparql-query", chunks=(b"ASK \xff{}",)) == (
        400, "the query is not UTF-8 text (byte 5 of the body)")


def test_content_types_refused() -> None:
    form, query = "application/x-www-form-urlencoded", "application/sparql-query"
    assert _refusal(method="POST") == (415, f"a POST needs a Content-Type: {form} or {query}")
    assert _refusal(method="POST", content_type="application/sparql-query; charset=ISO-8859-1") == (
        415, "charset=iso-8859-1 is not supported: send UTF-8")
    assert _refusal(method="POST", content_type="application/sparql-query; charset=X") == (
        415, "charset=x is not supported: send UTF-8")
    assert _refusal(method="POST", content_type="application/sparql-update") == (
        403, "SPARQL updates are refused: this endpoint only reads the graph")
    assert _refusal(method="POST", content_type="Text/Plain; charset=utf-8") == (
        415, f"Content-Type text/plain is not a SPARQL query; send {form} or {query}")


def test_body_limit_by_declared_length_and_by_bytes_read() -> None:
    message = (413, "the request body is larger than the limit of 10 bytes")
    assert asyncio.run(read_body(_asgi_request("POST", chunks=(b"12345", b"67890")), 10)) == b"1234567890"
    assert asyncio.run(read_body(_asgi_request("POST", chunks=(b"1234567890",), content_length=10), 10)) == b"1234567890"
    for request in (_asgi_request("POST", chunks=(b"12345", b"678901")), _asgi_request("POST", content_length=11)):
        with pytest.raises(ProtocolError) as caught:
            asyncio.run(read_body(request, 10))
        assert (caught.value.status, caught.value.message) == message


def test_parse_params_keeps_blank_values_and_decodes_utf8() -> None:
    assert parse_params(b"query=&a=R%C3%A9gion+x", "query string") == [("query", ""), ("a", "Région x")]


def test_check_dataset_names_the_parameter_and_the_graph() -> None:
    graphs = {"urn:a", "urn:b"}
    check_dataset(QueryRequest("ASK{}", ["urn:a"], ["urn:b"]), graphs)
    for request, name, value in ((QueryRequest("ASK{}", ["urn:x"], []), "default-graph-uri", "urn:x"),
                                 (QueryRequest("ASK{}", ["urn:a"], ["urn:b", "urn:y"]), "named-graph-uri", "urn:y")):
        with pytest.raises(ProtocolError) as caught:
            check_dataset(request, graphs)
        assert (caught.value.status, caught.value.message) == (
            400, f"{name}='{value}' is not a graph of this dataset (the service description at GET /sparql lists them)")


def test_protocol_error_carries_status_message_and_headers() -> None:
    error = ProtocolError(405, "use GET or POST", {"Allow": "GET, POST"})
    assert (error.status, error.message, error.headers, str(error)) == (405, "use GET or POST", {"Allow": "GET, POST"}, "use GET or POST")
    assert ProtocolError(400, "no").headers == {}


@pytest.mark.parametrize("accept, offered, expected", [
    (None, RESULT_MEDIA, "application/sparql-results+json"),
    ("  ", ["text/csv", "text/turtle"], "text/csv"),
    ("TEXT/CSV", RESULT_MEDIA, "text/csv"),
    ("application/json", RESULT_MEDIA, "application/sparql-results+json"),
    ("application/xml;q=0.9, text/csv;q=0.8", RESULT_MEDIA, "application/sparql-results+xml"),
    ("text/csv;q=0.5, application/sparql-results+xml", RESULT_MEDIA, "application/sparql-results+xml"),
    ("text/csv; Q=0.9, text/tab-separated-values;q=0.8", RESULT_MEDIA, "text/csv"),
    # The most specific range gives a type its quality (RFC 9110, 12.5.1), not the highest.
    ("text/*;q=0.1, text/csv", ["text/tab-separated-values", "text/csv"], "text/csv"),
    ("text/csv;q=0, */*", ["text/csv", "application/sparql-results+json"], "application/sparql-results+json"),
    ("*/*;q=0.2, text/*;q=0.5", ["application/sparql-results+json", "text/csv"], "text/csv"),
    # q above 1 counts as 1 (the first offered of equal quality wins); unreadable or negative q as 0.
    ("text/csv;q=5, text/tab-separated-values", ["text/tab-separated-values", "text/csv"], "text/tab-separated-values"),
    ("text/*, text/csv;q=0", ["text/csv"], None),
    ("*/*, text/*;q=0", ["text/csv"], None),
    ("text/csv, text/tab-separated-values;q=1", ["text/tab-separated-values", "text/csv"], "text/tab-separated-values"),
    ("text/csv;q=0.5=1", ["text/csv"], None),
    ("text/csv;q=abc", ["text/csv"], None),
    ("text/csv;q=-1", ["text/csv"], None),
    ("csv, /csv, text/csv;q=0.5", ["text/csv"], "text/csv"),
    ("image/png", RESULT_MEDIA, None),
    ("text/plain", ["text/turtle", "application/n-triples"], "application/n-triples"),
])
def test_negotiate(accept, offered, expected) -> None:
    assert negotiate(accept, offered) == expected


def test_negotiate_without_aliases_ignores_plain_types() -> None:
    assert negotiate("application/json", RESULT_MEDIA, aliases=False) is None


def test_answer_content_type_names_utf8_for_text_only() -> None:
    assert Answer(b"", "text/csv").content_type == "text/csv; charset=utf-8"
    assert Answer(b"", "application/sparql-results+json").content_type == "application/sparql-results+json"
    assert (Answer(b"", "text/csv").count, Answer(b"", "text/csv").truncated) == (0, False)


def _select(truncated: bool) -> QueryResult:
    return QueryResult("SELECT", ["label"], [(ox.Literal("Région"),), (ox.Literal("Innoviris"),)], truncated=truncated)


def test_write_result_marks_a_cut_json_table() -> None:
    answer = write_result(_select(True), SPARQL_JSON, {}, max_rows=2)
    assert (answer.media_type, answer.count, answer.truncated) == (SPARQL_JSON, 2, True)
    assert "Région".encode("utf-8") in answer.body
    document = json.loads(answer.body)
    assert (document["truncated"], document["maxRows"]) == (True, 2)
    assert [b["label"]["value"] for b in document["results"]["bindings"]] == ["Région", "Innoviris"]
    uncut = json.loads(write_result(_select(False), SPARQL_JSON, {}, max_rows=2).body)
    assert "truncated" not in uncut and "maxRows" not in uncut


def test_write_result_csv_and_ask() -> None:
    answer = write_result(_select(True), "text/csv", {}, max_rows=2)
    assert (answer.body, answer.count, answer.truncated) == ("label\r\nRégion\r\nInnoviris\r\n".encode("utf-8"), 2, True)
    ask = write_result(QueryResult("ASK", boolean=True), SPARQL_JSON, {})
    assert (json.loads(ask.body)["boolean"], ask.count, ask.truncated) == (True, 1, False)


def test_write_graph_is_sorted_by_subject() -> None:
    p = ox.NamedNode("http://example.org/p")
    b = ox.Triple(ox.NamedNode("http://example.org/b"), p, ox.Literal("y"))
    a = ox.Triple(ox.NamedNode("http://example.org/a"), p, ox.Literal("x"))
    expected = b'<http://example.org/a> <http://example.org/p> "x" .\n<http://example.org/b> <http://example.org/p> "y" .\n'
    assert write_graph([b, a], "application/n-triples", {}) == expected
    answer = write_result(QueryResult("CONSTRUCT", triples=[b, a], truncated=True), "application/n-triples", {})
    assert (answer.body, answer.media_type, answer.count, answer.truncated) == (expected, "application/n-triples", 2, True)


def test_write_graph_orders_by_subject_predicate_object_and_uses_the_prefixes() -> None:
    ex = "http://example.org/"
    a, b, p1, p2 = (ox.NamedNode(ex + name) for name in ("a", "b", "p1", "p2"))
    triples = [ox.Triple(b, p1, ox.Literal("x")), ox.Triple(a, p2, ox.Literal("x")), ox.Triple(a, p1, ox.Literal("y")),
               ox.Triple(a, p1, ox.Literal("x"))]
    assert write_graph(triples, "application/n-triples", {}).decode().splitlines() == [
        f'<{ex}a> <{ex}p1> "x" .', f'<{ex}a> <{ex}p1> "y" .', f'<{ex}a> <{ex}p2> "x" .', f'<{ex}b> <{ex}p1> "x" .']
    answer = write_result(QueryResult("DESCRIBE", triples=triples[:1]), "text/turtle", {"ex": ex})
    assert answer.count == 1
    assert answer.body.decode().split() == ["@prefix", "ex:", f"<{ex}>", ".", "ex:b", "ex:p1", '"x"', "."]
