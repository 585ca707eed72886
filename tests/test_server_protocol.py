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
