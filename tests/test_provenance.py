"""Provenance of the data, each invariant checked once, over every item at once: on the project's
data, and with a second country (the Zembla fixture) beside it, for every report.

(a) every quotation's prov:value occurs in the text of the section its prov:atLocation names
    (validate's rule, aikg.provenance.check_quotes; the report's text is cut into sections by
    aikg.provenance.split_sections, the one place that knows how);
(b) every quotation is complete (a prov:Quotation of the report with a value);
(c) every aikg:EditorialStatement reifies a triple that is in the graph, and says why;
(d) every named resource has an English label.

"Every fact has a quote" is the SHACL shape's job (ontology/shapes.ttl), checked on the
project's data by test_cli.py::test_validate_accepts_the_projects_data and shown to fire by
test_shapes.py; it is not repeated here.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from aikg.load import data_files, expand_paths
from aikg.provenance import (check_quotes, collapse_whitespace, declared_source_texts, read_source_text,
                             section_headings, split_sections)
from conftest import REPORT_TEXT


AIKG = "https://w3id.org/aikg/ontology#"
PROV = "http://www.w3.org/ns/prov#"
REPORT = URIRef("https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020")
PROV_VALUE = URIRef(PROV + "value")

FACT_CLASSES = ["Actor", "Initiative", "FundingRelation", "Target", "Recommendation", "Report"]

@pytest.fixture(scope="module")
def sections(graph) -> dict:
    return split_sections(REPORT_TEXT.read_text(encoding="utf-8"), section_headings(graph, REPORT))


@pytest.fixture(scope="module")
def all_sections(any_graph, any_data) -> dict:
    """Every report's sections and their text, for the data set under test."""
    files = data_files() if any_data is None else expand_paths(any_data)
    cut = {}
    for (report, source), declared in declared_source_texts(files).items():
        cut.update(split_sections(read_source_text(source, declared), section_headings(any_graph, report)))
    return cut


@pytest.mark.answer
def test_the_report_is_cut_into_every_section_it_declares(graph, sections) -> None:
    # The report has an introduction, sections 1 to 6, three regional subsections, a reference
    # and background information; each heading is a line of the text.
    label = {section: str(graph.value(section, RDFS.label)) for section in sections}
    assert sorted(label.values()) == sorted([
        "Introduction", "1 Human capital", "2 From the lab to the market", "3 Networking", "4 Regulation",
        "5 Infrastructure", "6 Regional strategies", "6 Regional strategies – Flanders",
        "6 Regional strategies – Brussels Region", "6 Regional strategies – The Walloon Region",
        "Reference", "Background information"])
    by_label = {name: sections[section] for section, name in label.items()}
    # Spot checks of where one section ends and the next begins, read off the text.
    assert by_label["5 Infrastructure"].endswith("reinforcement of the digital and telecommunication infrastructure.")
    assert by_label["6 Regional strategies"].endswith("division of competences in a federal state such as Belgium.")
    assert by_label["6 Regional strategies – Flanders"].startswith("Flanders In March 2019, the Flemish government launched")
    assert "Innoviris" not in by_label["6 Regional strategies – Flanders"]
    assert "Tremplin AI" in by_label["6 Regional strategies – The Walloon Region"]
    assert by_label["Reference"].startswith("Reference Belgium (2019). AI4Belgium.")


@pytest.mark.answer
def test_a_quote_in_another_section_is_not_in_the_section_it_cites(graph, sections) -> None:
    # The check below can fail: Team Up's sentence is Brussels', not Flanders'.
    by_label = {str(graph.value(section, RDFS.label)): text for section, text in sections.items()}
    quote = "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies"
    assert quote in by_label["6 Regional strategies – Brussels Region"]
    assert quote not in by_label["6 Regional strategies – Flanders"]


def test_every_quote_occurs_in_the_section_it_cites(graph) -> None:
    # The rule is validate's (aikg.provenance.check_quotes, shown to fire by test_validate_rules.py);
    # here it runs on the project's data, over its 200-odd quotes.
    assert len(set(graph.subjects(PROV_VALUE, None))) > 200
    assert check_quotes(graph, declared_source_texts(data_files())) == []


def test_every_quotation_is_complete(any_graph):
    rows = any_graph.query(
        """SELECT ?x ?q WHERE { ?x prov:qualifiedQuotation ?q .
               FILTER NOT EXISTS { ?q a prov:Quotation ; prov:entity ?report ; prov:value ?v .
                   ?report a aikg:Report ; aikg:sourceText ?text } }""",
        initNs={"prov": PROV, "aikg": AIKG},
    )
    assert [str(r.x) for r in rows] == []


def test_every_editorial_statement_is_about_a_stated_triple_and_says_why(any_graph):
    graph = any_graph
    rows = graph.query(
        """SELECT ?s ?p ?o ?why WHERE { ?e a aikg:EditorialStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
               OPTIONAL { ?e rdfs:comment ?why } }""",
        initNs={"aikg": AIKG, "rdf": str(RDF), "rdfs": str(RDFS)},
    )
    assert len(rows) > 40
    unstated = [(s, p, o) for s, p, o, _ in rows if (s, p, o) not in graph]
    without_reason = [(s, p, o) for s, p, o, why in rows if why is None]
    assert unstated == [] and without_reason == []


def test_every_named_resource_has_an_english_label(any_graph):
    rows = any_graph.query(
        f"""SELECT DISTINCT ?x WHERE {{
                ?x rdf:type/rdfs:subClassOf* ?c .
                VALUES ?c {{ {' '.join(f'<{AIKG}{c}>' for c in FACT_CLASSES)} }}
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
    # Belgium's actors: those its report quotes (the shared folder's places and bodies too, when Belgium names them).
    rows = graph.query(
        """SELECT ?x ?l WHERE { ?x rdf:type/rdfs:subClassOf* aikg:Actor ; rdfs:label ?l ;
               prov:qualifiedQuotation/prov:entity <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020> }""",
        initNs={"aikg": AIKG, "rdf": str(RDF), "rdfs": str(RDFS), "prov": PROV},
    )
    text = report_text.casefold()
    not_the_reports = {str(r.l) for r in rows if collapse_whitespace(str(r.l)).casefold() not in text}
    assert not_the_reports == OUR_LABELS
    marked = graph.query(
        """SELECT ?l WHERE { ?e a aikg:EditorialStatement ; rdf:subject ?x ; rdf:predicate rdfs:label ;
               rdf:object ?l ; rdfs:comment ?why . ?x rdf:type/rdfs:subClassOf* aikg:Actor ;
               prov:qualifiedQuotation/prov:entity <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020> }""",
        initNs={"aikg": AIKG, "rdf": str(RDF), "rdfs": str(RDFS), "prov": PROV},
    )
    assert {str(r.l) for r in marked} == OUR_LABELS
