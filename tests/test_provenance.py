"""Provenance of the Belgian data: every quote is verbatim, every fact has one.

(a) every prov:value of a quotation occurs in the report text (whitespace collapsed);
(b) every actor, initiative, funding relation, quantity, target, recommendation and
    report carries at least one prov:qualifiedQuotation;
(c) every quotation points with prov:atLocation to an aikg:Section;
(d) every aikg:EditorialStatement reifies a triple that is in the graph.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from aikg.load import load_graph
from aikg.provenance import collapse_whitespace

AIKG = "https://w3id.org/aikg/ontology#"
PROV = "http://www.w3.org/ns/prov#"

FACT_CLASSES = ["Actor", "Initiative", "FundingRelation", "Quantity", "Target", "Recommendation", "Report"]

# Collected once at import so that each case is its own parametrized test id.
_GRAPH: Graph = load_graph()


def _quote_values() -> list[str]:
    rows = _GRAPH.query(
        "SELECT DISTINCT ?v WHERE { ?q a prov:Quotation ; prov:value ?v }",
        initNs={"prov": PROV},
    )
    return sorted(str(row.v) for row in rows)


def _quotations() -> list[tuple[str, str]]:
    """(quote value, location) for every quotation; location '' when missing."""
    rows = _GRAPH.query(
        """SELECT ?v ?loc WHERE {
               ?x prov:qualifiedQuotation ?q . ?q prov:value ?v .
               OPTIONAL { ?q prov:atLocation ?loc } }""",
        initNs={"prov": PROV},
    )
    return sorted({(str(r.v), str(r.loc) if r.loc is not None else "") for r in rows})


def _editorial_statements() -> list[tuple[str, str, str]]:
    rows = _GRAPH.query(
        """SELECT ?s ?p ?o WHERE {
               ?e a aikg:EditorialStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }""",
        initNs={"aikg": AIKG, "rdf": str(RDF)},
    )
    return sorted((r.s.n3(), r.p.n3(), r.o.n3()) for r in rows)


QUOTES = _quote_values()
QUOTATIONS = _quotations()
EDITORIAL = _editorial_statements()


def test_there_are_quotes():
    assert len(QUOTES) > 100


@pytest.mark.parametrize("quote", QUOTES)
def test_quote_is_verbatim(quote, report_text):
    assert collapse_whitespace(quote) in report_text, f"not in the report: {quote!r}"


@pytest.mark.parametrize("cls", FACT_CLASSES)
def test_every_fact_bearing_resource_has_a_quote(graph, cls):
    rows = graph.query(
        f"""SELECT DISTINCT ?x WHERE {{
                ?x rdf:type/rdfs:subClassOf* <{AIKG}{cls}> .
                FILTER NOT EXISTS {{ ?x prov:qualifiedQuotation ?q }} }}""",
        initNs={"rdf": str(RDF), "rdfs": str(RDFS), "prov": PROV},
    )
    missing = sorted(str(r.x) for r in rows)
    assert missing == [], f"{cls} without a quote: {missing}"


@pytest.mark.parametrize("cls", FACT_CLASSES)
def test_each_fact_class_has_instances(graph, cls):
    rows = graph.query(
        f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x rdf:type/rdfs:subClassOf* <{AIKG}{cls}> }}",
        initNs={"rdf": str(RDF), "rdfs": str(RDFS)},
    )
    assert int(next(iter(rows)).n) > 0


@pytest.mark.parametrize("quote,location", QUOTATIONS)
def test_quote_location_is_a_section(graph, quote, location):
    assert location, f"quote without prov:atLocation: {quote!r}"
    assert (URIRef(location), RDF.type, URIRef(AIKG + "Section")) in graph, (
        f"prov:atLocation {location} of {quote!r} is not an aikg:Section"
    )


def test_every_quotation_is_complete(graph):
    rows = graph.query(
        """SELECT ?x ?q WHERE { ?x prov:qualifiedQuotation ?q .
               FILTER NOT EXISTS { ?q a prov:Quotation ;
                   prov:entity <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020> ;
                   prov:value ?v } }""",
        initNs={"prov": PROV},
    )
    assert [str(r.x) for r in rows] == []


def test_there_are_editorial_statements():
    assert len(EDITORIAL) > 40


@pytest.mark.parametrize("s,p,o", EDITORIAL)
def test_editorial_statement_triple_is_in_graph(graph, s, p, o):
    rows = graph.query(f"ASK {{ {s} {p} {o} }}")
    assert rows.askAnswer, f"editorial statement not asserted: {s} {p} {o}"


def test_editorial_statements_have_a_reason(graph):
    rows = graph.query(
        """SELECT ?e WHERE { ?e a aikg:EditorialStatement .
               FILTER NOT EXISTS { ?e rdfs:comment ?c } }""",
        initNs={"aikg": AIKG, "rdfs": str(RDFS)},
    )
    assert list(rows) == []


def test_every_named_resource_has_an_english_label(graph):
    rows = graph.query(
        f"""SELECT DISTINCT ?x WHERE {{
                ?x rdf:type/rdfs:subClassOf* ?c .
                VALUES ?c {{ {' '.join(f'<{AIKG}{c}>' for c in FACT_CLASSES if c != 'Quantity')} }}
                FILTER(isIRI(?x))
                FILTER NOT EXISTS {{ ?x rdfs:label ?l . FILTER(lang(?l) = "en") }} }}""",
        initNs={"rdf": str(RDF), "rdfs": str(RDFS)},
    )
    assert sorted(str(r.x) for r in rows) == []


# The labels of actors that are not the report's own words, each marked as ours by an editorial
# statement on rdfs:label (read off the report by hand: it says "the Brussels Region", "ERDF", "FWO",
# "VLAIO", "the Digital Agency", "the Brussels Agency for Enterprise Hub.Brussels", "a “data and
# society” research centre", "several AI labs", "around twenty official partners", "European strategy").
OUR_LABELS = {
    "Brussels-Capital Region",
    "European Union",
    "European Regional Development Fund",
    "FWO (Research Foundation – Flanders)",
    "VLAIO (Flanders Innovation & Entrepreneurship)",
    "Digital Agency (Wallonia)",
    "hub.brussels (Brussels Agency for Enterprise)",
    "Data and society research centre (Flanders)",
    "AI labs accredited by Innoviris for Innovation Vouchers (several, not named)",
    "Official partners of DigitalWallonia4.ai (around twenty, not named)",
}


def test_actor_labels_are_the_reports_words_or_marked_as_ours(graph, report_text):
    rows = graph.query(
        "SELECT ?x ?l WHERE { ?x rdf:type/rdfs:subClassOf* aikg:Actor ; rdfs:label ?l }",
        initNs={"aikg": AIKG, "rdf": str(RDF), "rdfs": str(RDFS)},
    )
    text = report_text.casefold()
    not_the_reports = {str(r.l) for r in rows if collapse_whitespace(str(r.l)).casefold() not in text}
    assert not_the_reports == OUR_LABELS
    marked = graph.query(
        """SELECT ?l WHERE { ?e a aikg:EditorialStatement ; rdf:subject ?x ; rdf:predicate rdfs:label ;
               rdf:object ?l ; rdfs:comment ?why . ?x rdf:type/rdfs:subClassOf* aikg:Actor }""",
        initNs={"aikg": AIKG, "rdf": str(RDF), "rdfs": str(RDFS)},
    )
    assert {str(r.l) for r in marked} == OUR_LABELS
