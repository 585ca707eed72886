"""Every named query is documented, answers on the project's data, and is standard SPARQL:
Oxigraph, a second engine, gives the same rows as rdflib. Every check query returns nothing
on the project's data, and fires on data made to break it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from aikg.load import parse_file
from aikg.paths import QUERIES_DIR
from aikg.query import bind_params, find_query, list_queries, run_query

NAMED = list_queries()
CHECKS = list_queries(QUERIES_DIR / "checks")


def test_there_are_at_least_fifteen_named_queries() -> None:
    assert len(NAMED) >= 15


@pytest.mark.parametrize("query", NAMED, ids=lambda q: q.name)
def test_query_is_documented(query) -> None:
    assert query.title and len(query.description) > 30
    for param in query.params:
        assert param.description, f"{query.name}: parameter {param.name} has no description"


@pytest.mark.parametrize("query", NAMED, ids=lambda q: q.name)
def test_query_returns_rows_on_the_projects_data(graph: Graph, query) -> None:
    result = run_query(graph, query)
    assert len(result) > 0


def _to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


@pytest.fixture(scope="module")
def store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in graph)
    return store


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


@pytest.mark.parametrize("query", NAMED + CHECKS, ids=lambda q: q.name)
def test_oxigraph_gives_the_same_answer(graph: Graph, store: ox.Store, query) -> None:
    bindings = bind_params(graph, query, {})
    ours = run_query(graph, query)
    theirs = store.query(query.text, substitutions={ox.Variable(str(k)): _to_ox(v) for k, v in bindings.items()})
    variables = [str(v) for v in ours.vars]
    assert [v.value for v in theirs.variables] == variables
    ours_rows = sorted((tuple(_value(row[v]) for v in ours.vars) for row in ours), key=repr)
    theirs_rows = sorted((tuple(_value(solution[v]) for v in variables) for solution in theirs), key=repr)
    assert ours_rows == theirs_rows


@pytest.mark.parametrize("check", CHECKS, ids=lambda q: q.name)
def test_check_finds_nothing_in_the_projects_data(graph: Graph, check) -> None:
    rows = list(run_query(graph, check))
    assert rows == [], f"{check.name}: {check.description} — offending rows: {rows[:5]}"


BROKEN = Path(__file__).parent / "fixtures" / "breaks-every-check.ttl"


@pytest.mark.parametrize("check", CHECKS, ids=lambda q: q.name)
def test_check_fires_on_data_that_breaks_it(graph: Graph, check) -> None:
    broken = Graph()
    broken += graph
    parse_file(BROKEN, broken)
    assert len(list(run_query(broken, check))) > 0, f"{check.name} does not catch its case in {BROKEN.name}"


SAMPLE_VALUES = {
    "funder": "Brussels Region", "recipient": "Team Up", "node": "Innoviris", "actor": "Agoria",
    "plan": "DigitalWallonia4.ai", "region": "Flanders", "pillar": "pa:networking",
    "initiative": "Team Up", "status": "status:spent",
}
WITH_PARAMS = [(q, p.name) for q in NAMED for p in q.params]


@pytest.mark.parametrize("query, param", WITH_PARAMS, ids=[f"{q.name}-{p}" for q, p in WITH_PARAMS])
def test_oxigraph_gives_the_same_answer_with_a_bound_parameter(graph: Graph, store: ox.Store, query, param: str) -> None:
    """Bound values are substitutions (SEP-0007): Oxigraph wants the variable in the projection."""
    assert param in SAMPLE_VALUES, f"add a sample value for parameter {param}"
    bindings = bind_params(graph, query, {param: SAMPLE_VALUES[param]})
    ours = run_query(graph, query, {param: SAMPLE_VALUES[param]})
    theirs = store.query(query.text, substitutions={ox.Variable(str(k)): _to_ox(v) for k, v in bindings.items()})
    variables = [str(v) for v in ours.vars]
    ours_rows = sorted((tuple(_value(row[v]) for v in ours.vars) for row in ours), key=repr)
    theirs_rows = sorted((tuple(_value(solution[v]) for v in variables) for solution in theirs), key=repr)
    assert ours_rows and ours_rows == theirs_rows


def _check(name: str):
    return next(check for check in CHECKS if check.name == name)


def test_amount_check_finds_an_amount_not_in_full_euros_and_one_in_another_currency(graph: Graph) -> None:
    broken = Graph()
    broken += graph
    parse_file(BROKEN, broken)
    found = {(str(row.value), str(row.currency)) for row in run_query(broken, _check("amount-not-in-euros-violation"))}
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
    found = [(row.subject, row.property, row.object) for row in run_query(stripped, _check("relation-without-evidence-violation"))]
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
    found = [(row.subject, row.property, row.object) for row in run_query(stripped, _check("relation-without-evidence-violation"))]
    assert found == [(innoviris, partner_of, women_in_tech)]


def test_every_edge_of_the_network_has_evidence_under_the_same_names(graph: Graph) -> None:
    """The network page shows, for each edge of queries/network.rq, the rows of relation-evidence.rq
    with the same source, relation and target: each edge must have at least one, with a quote or a note."""
    edges = {(str(r.source), str(r.relation), str(r.target)) for r in run_query(graph, find_query("network"))}
    backed = {(str(r.source), str(r.relation), str(r.target)) for r in run_query(graph, find_query("relation-evidence"))
              if r.quote is not None or r.note is not None}
    assert len(edges) > 100
    assert sorted(edges - backed) == []
