"""Every named query is documented, answers on the project's data, and is standard SPARQL:
rdflib, a second engine, gives the same rows as the engine aikg runs (Oxigraph). Every check
query returns nothing on the project's data, and fires on data made to break it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD

from aikg.paths import QUERIES_DIR
from aikg.query import bind_params, find_query, list_queries, run_query
from aikg.store import open_store, store_of_graph

NAMED = list_queries()
CHECKS = list_queries(QUERIES_DIR / "checks")


def test_there_are_at_least_fifteen_named_queries() -> None:
    assert len(NAMED) >= 15


@pytest.mark.parametrize("query", NAMED, ids=lambda q: q.name)
def test_query_is_documented(query) -> None:
    assert query.title and len(query.description) > 30
    for param in query.params:
        assert param.description, f"{query.name}: parameter {param.name} has no description"


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _value(term) -> object:
    """Comparable form of a term from either engine: numbers by value, blank nodes as one token."""
    if term is None:
        return None
    if isinstance(term, (BNode, ox.BlankNode)):
        return "_:b"
    if isinstance(term, Literal):
        if term.datatype in (XSD.decimal, XSD.integer, XSD.double):
            return Decimal(str(term.toPython()))
        return (str(term), term.language, str(term.datatype) if term.datatype else None)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in (str(XSD.decimal), str(XSD.integer), str(XSD.double)):
            return Decimal(str(float(term.value)) if datatype == str(XSD.double) else term.value)
        plain = datatype in (str(XSD.string), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
        return (term.value, term.language, None if plain else datatype)
    return str(term.value) if isinstance(term, ox.NamedNode) else str(term)


def _same_rows(graph: Graph, store, query, params: dict[str, str]) -> list:
    """Our rows, after checking that rdflib (initBindings) gives the same ones."""
    ours = run_query(store, query, params)
    bindings = {Variable(k.value): _to_rdflib(v) for k, v in bind_params(store, query, params).items()}
    theirs = graph.query(query.text, initBindings=bindings)
    ours_rows = sorted((tuple(_value(t) for t in row) for row in ours.rows), key=repr)
    theirs_rows = sorted((tuple(_value(row[Variable(v)]) for v in ours.vars) for row in theirs), key=repr)
    assert [str(v) for v in theirs.vars] == ours.vars
    assert ours_rows == theirs_rows
    return ours_rows


@pytest.mark.parametrize("query", NAMED + CHECKS, ids=lambda q: q.name)
def test_rdflib_gives_the_same_answer(graph: Graph, store, query) -> None:
    _same_rows(graph, store, query, {})


@pytest.mark.parametrize("check", CHECKS, ids=lambda q: q.name)
def test_check_finds_nothing_in_the_projects_data(any_store, check) -> None:
    rows = run_query(any_store, check).rows
    assert rows == [], f"{check.name}: {check.description} — offending rows: {rows[:5]}"


BROKEN = Path(__file__).parent / "fixtures" / "breaks-every-check.ttl"


@pytest.fixture(scope="module")
def broken_store():
    from aikg.paths import DATA_DIR

    return open_store([DATA_DIR, BROKEN], use_cache=False)


@pytest.mark.behaviour
@pytest.mark.parametrize("check", CHECKS, ids=lambda q: q.name)
def test_check_fires_on_data_that_breaks_it(broken_store, check) -> None:
    assert len(run_query(broken_store, check)) > 0, f"{check.name} does not catch its case in {BROKEN.name}"


SAMPLE_VALUES = {
    "funder": "Brussels Region", "recipient": "Team Up", "node": "Innoviris", "actor": "Agoria",
    "plan": "DigitalWallonia4.ai", "region": "Flanders", "pillar": "pa:networking",
    "initiative": "Team Up", "status": "status:spent",
}
WITH_PARAMS = [(q, p.name) for q in NAMED for p in q.params]


@pytest.mark.parametrize("query, param", WITH_PARAMS, ids=[f"{q.name}-{p}" for q, p in WITH_PARAMS])
def test_rdflib_gives_the_same_answer_with_a_bound_parameter(graph: Graph, store, query, param: str) -> None:
    """Bound values are substitutions (SEP-0007) on Oxigraph, initBindings on rdflib: the same rows."""
    assert param in SAMPLE_VALUES, f"add a sample value for parameter {param}"
    assert _same_rows(graph, store, query, {param: SAMPLE_VALUES[param]})


def _check(name: str):
    return next(check for check in CHECKS if check.name == name)


def test_amount_check_finds_an_amount_not_in_full_euros_and_one_in_another_currency(broken_store) -> None:
    found = {(row["value"].value, row["currency"].value)
             for row in run_query(broken_store, _check("amount-not-in-euros-violation")).bindings}
    assert found == {("80", "EUR"), ("5000000", "USD")}


AIKG = "https://w3id.org/aikg/ontology#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
AGORIA = URIRef("https://w3id.org/aikg/id/be/org/agoria")
DW4AI = URIRef("https://w3id.org/aikg/id/be/programme/digitalwallonia4ai")


def _statements(graph: Graph, s, p, o) -> list:
    return [st for st in graph.subjects(URIRef(RDF_NS + "subject"), s)
            if (st, URIRef(RDF_NS + "predicate"), p) in graph and (st, URIRef(RDF_NS + "object"), o) in graph]


@pytest.mark.parametrize("strip", ["statement", "quote"])
def test_relation_check_fires_on_a_relation_stripped_of_its_evidence(graph: Graph, strip: str) -> None:
    # "Supported by the Digital Agency, Agoria, ...": the statement of Agoria supporting DigitalWallonia4.ai
    # is removed, or only its quote: either way the relation is left without evidence.
    supports = URIRef(AIKG + "supports")
    stripped = Graph()
    stripped += graph
    (statement,) = _statements(stripped, AGORIA, supports, DW4AI)
    if strip == "statement":
        stripped.remove((statement, None, None))
    else:
        stripped.remove((statement, URIRef("http://www.w3.org/ns/prov#qualifiedQuotation"), None))
    found = [(URIRef(row["subject"].value), URIRef(row["property"].value), URIRef(row["object"].value))
             for row in run_query(store_of_graph(stripped), _check("relation-without-evidence-violation")).bindings]
    assert found == [(AGORIA, supports, DW4AI)]


def test_relation_check_fires_on_an_editorial_statement_without_its_reason(graph: Graph) -> None:
    # "Innoviris also took part in the platform Women in Tech": "partner of" is our reading.
    innoviris = URIRef("https://w3id.org/aikg/id/be/org/innoviris")
    partner_of = URIRef(AIKG + "partnerOf")
    women_in_tech = URIRef("https://w3id.org/aikg/id/be/programme/women-in-tech")
    stripped = Graph()
    stripped += graph
    (statement,) = _statements(stripped, innoviris, partner_of, women_in_tech)
    stripped.remove((statement, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), None))
    stripped.remove((statement, URIRef("http://www.w3.org/ns/prov#qualifiedQuotation"), None))
    found = [(URIRef(row["subject"].value), URIRef(row["property"].value), URIRef(row["object"].value))
             for row in run_query(store_of_graph(stripped), _check("relation-without-evidence-violation")).bindings]
    assert found == [(innoviris, partner_of, women_in_tech)]


def test_every_edge_of_the_network_has_evidence_under_the_same_names(any_store) -> None:
    """The network page shows, for each edge of queries/network.rq, the rows of relation-evidence.rq
    with the same source, relation and target: each edge must have at least one, with a quote or a note."""
    def key(row: dict) -> tuple:
        return row["source"].value, row["relation"].value, row["target"].value

    edges = {key(r) for r in run_query(any_store, find_query("network")).bindings}
    backed = {key(r) for r in run_query(any_store, find_query("relation-evidence")).bindings if "quote" in r or "note" in r}
    assert len(edges) > 100
    assert sorted(edges - backed) == []


@pytest.mark.invariant
def test_the_shipped_shapes_are_what_the_parser_reads() -> None:
    """queries/shapes.json is the parser's reading of every named query (rewrite it: python -m aikg.query)."""
    import json

    from aikg.paths import QUERIES_DIR
    from aikg.query import named_query_shapes

    shipped = json.loads((QUERIES_DIR / "shapes.json").read_text(encoding="utf-8"))
    assert shipped == named_query_shapes(), "queries/shapes.json is stale: run .venv/bin/python -m aikg.query"
    assert {entry["query"] for entry in shipped.values()} == {q.name for q in list_queries()}
    assert all(entry["refusal"] == "" for entry in shipped.values())
