"""On a real SPARQL server: `aikg push` loads the dataset into Virtuoso over the Graph Store
Protocol, and every named query run there with `--endpoint` returns the rows `aikg query` returns.

Virtuoso (Debian's virtuoso-opensource-7) is started for this module on a free loopback port
with a database of its own in a temporary folder, and stopped at the end."""

from __future__ import annotations

import pytest

from aikg.export import DESCRIPTION_GRAPH
from aikg.paths import DATA_DIR
from aikg.query import list_queries, run_query
from aikg.remote import RemoteStore, push
from aikg.store import open_store
from conftest import ZEMBLA
from test_export import _comparable, expected_graphs
from virtuoso import missing_reason, start_virtuoso

pytestmark = pytest.mark.skipif(missing_reason() is not None, reason=missing_reason() or "")
# Every named query answers alike on Virtuoso 7.2.5 (Debian 12), some of them rewritten for it in
# standard SPARQL (their comments say where): Virtuoso 7 answers a transitive path (`+`, `*`) whose
# start is bound by another pattern wrongly, depending on the plan it picks for the whole query,
# while the same pattern alone answers right. network and node-facts therefore follow a fixed
# number of rdfs:subClassOf / rdfs:subPropertyOf steps, which tests/test_ontology.py keeps exact.
# Rows are compared by value where Virtuoso writes another form of it ("1"^^xsd:boolean for true).
NAMED = list_queries()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def loaded(virtuoso, monkeypatch_module):
    monkeypatch_module.setenv("AIKG_ENDPOINT_USER", "dba")  # a fresh database's administrator
    monkeypatch_module.setenv("AIKG_ENDPOINT_PASSWORD", "dba")
    monkeypatch_module.delenv("NETRC", raising=False)
    return push(virtuoso.graph_store)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _graph_sizes(endpoint: str) -> dict[str, int]:
    from aikg.query import NamedQuery

    query = NamedQuery.from_text("sizes", 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                                          'FILTER (STRSTARTS(STR(?g), "https://w3id.org/aikg/graph/")) } GROUP BY ?g')
    return {row[0].value: int(row[1].value) for row in run_query(RemoteStore(endpoint), query).rows}


def test_push_loads_every_graph(virtuoso, loaded) -> None:
    sizes = _graph_sizes(virtuoso.sparql)
    assert sizes == {step.graph: step.triples for step in loaded}
    # Each file's graph holds what rdflib reads in the file and what it implies (worked out in test_export).
    assert {name: size for name, size in sizes.items() if name != DESCRIPTION_GRAPH} == {
        name: len(triples) for name, triples in expected_graphs().items()}
    assert sizes["https://w3id.org/aikg/graph/data/be/funding"] > 0 and DESCRIPTION_GRAPH in sizes


def test_push_again_replaces_its_graphs_and_nothing_else(virtuoso, loaded, tmp_path) -> None:
    from aikg.remote import _graph_url, _request

    other = "https://example.org/someone-elses-graph"
    _request(_graph_url(virtuoso.graph_store, other), "PUT", b"<urn:a> <urn:b> <urn:c> .", "text/turtle")
    # push refuses data that does not conform: the files without classifications.ttl conform on their own
    fewer = push(virtuoso.graph_store, [p for p in sorted((DATA_DIR / "be").glob("*.ttl")) if p.name != "classifications.ttl"])
    sizes = _graph_sizes(virtuoso.sparql)
    assert "https://w3id.org/aikg/graph/data/be/classifications" not in sizes  # loaded last time, not this time
    assert {s.graph for s in fewer if s.action == "deleted"} >= {"https://w3id.org/aikg/graph/data/be/classifications"}
    again = push(virtuoso.graph_store)  # back to the whole dataset, for the queries below
    assert _graph_sizes(virtuoso.sparql) == {s.graph: s.triples for s in again if s.action == "replaced"}
    from aikg.query import NamedQuery

    ask = NamedQuery.from_text("other", f"ASK {{ GRAPH <{other}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    assert run_query(RemoteStore(virtuoso.sparql), ask).boolean, "a graph aikg did not load was touched"


@pytest.mark.parametrize("query", NAMED, ids=[q.name for q in list_queries()])
def test_named_query_gives_the_same_rows_on_virtuoso(store, virtuoso, loaded, query) -> None:
    ours = run_query(store, query)
    theirs = run_query(RemoteStore(virtuoso.sparql), query)
    assert theirs.vars == ours.vars
    expected = sorted((tuple(_comparable(t) for t in row) for row in ours.rows), key=repr)
    assert sorted((tuple(_comparable(t) for t in row) for row in theirs.rows), key=repr) == expected


def test_query_with_a_parameter_by_label_on_virtuoso(virtuoso, loaded, aikg) -> None:
    """The report: Innoviris funded Team Up, "nineteen collaborative projects ... EUR 12 millions"."""
    status, out, err = aikg("query", "funding-by-funder", "--param", "funder=Innoviris", "--format", "csv",
                            "--endpoint", virtuoso.sparql)
    assert status == 0, err
    assert "Innoviris,Team Up,12000000,exactly,in total" in out
    status, _, err = aikg("query", "funding-by-funder", "--param", "funder=Atlantis", "--endpoint", virtuoso.sparql)
    assert status == 2 and "no aikg:Actor in the graph has this label, name or IRI" in err, err


def test_names_resolve_on_virtuoso_as_they_do_locally(virtuoso, loaded, aikg) -> None:
    """An alias (the report's "DigitalWallonia4.ai", asked as DW4ai) and a typo, as the local graph answers them."""
    local = aikg("query", "plan-components", "--param", "plan=DW4ai", "--format", "csv")
    remote = aikg("query", "plan-components", "--param", "plan=DW4ai", "--format", "csv", "--endpoint", virtuoso.sparql)
    assert remote[0] == 0 and remote[2] == "", remote[2]
    assert sorted(remote[1].splitlines()) == sorted(local[1].splitlines())
    assert "DigitalWallonia4.ai" in remote[1]
    status, _, err = aikg("query", "funding-by-funder", "--param", "funder=inovirris", "--endpoint", virtuoso.sparql)
    assert status == 2 and "did you mean 'Innoviris' (beo:innoviris" in err, err


def test_with_a_second_country_every_named_query_still_answers_alike(virtuoso, loaded) -> None:
    """Belgium and Zembla pushed together (last in this module: it replaces the loaded dataset)."""
    both = [DATA_DIR, ZEMBLA]
    push(virtuoso.graph_store, both)
    local, remote = open_store(both), RemoteStore(virtuoso.sparql)
    differ = []
    for query in NAMED:
        ours = sorted((tuple(_comparable(t) for t in row) for row in run_query(local, query).rows), key=repr)
        theirs = sorted((tuple(_comparable(t) for t in row) for row in run_query(remote, query).rows), key=repr)
        if ours != theirs:
            differ.append((query.name, [r for r in ours if r not in theirs][:2], [r for r in theirs if r not in ours][:2]))
    assert not differ, differ
