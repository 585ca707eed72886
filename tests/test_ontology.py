"""The ontology documents itself: every term has a label and a definition, and is aligned."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from aikg.load import ontology_files, parse_file
from aikg.vocab import AIKG

ONTOLOGY = Graph()
for _path in ontology_files():
    parse_file(_path, ONTOLOGY)

TERMS = sorted(
    s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    for s in ONTOLOGY.subjects(RDF.type, kind) if str(s).startswith(str(AIKG))
)


def test_the_ontology_has_many_terms() -> None:
    assert len(TERMS) >= 40


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.split("#")[-1])
def test_term_has_an_english_label_and_definition(term: URIRef) -> None:
    labels = [o for o in ONTOLOGY.objects(term, RDFS.label) if getattr(o, "language", None) == "en"]
    definitions = [o for o in ONTOLOGY.objects(term, SKOS.definition) if getattr(o, "language", None) == "en"]
    assert len(labels) == 1, f"{term} needs one English rdfs:label"
    assert len(definitions) == 1 and len(definitions[0]) > 20, f"{term} needs an English skos:definition"


CLASSES = [t for t in TERMS if (t, RDF.type, OWL.Class) in ONTOLOGY]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda t: t.split("#")[-1])
def test_every_class_is_aligned_to_an_outside_vocabulary(cls: URIRef) -> None:
    """Following rdfs:subClassOf or skos:closeMatch, each class reaches a W3C/EU term."""
    reached = set(ONTOLOGY.transitive_objects(cls, RDFS.subClassOf)) | set(ONTOLOGY.objects(cls, SKOS.closeMatch))
    assert any(not str(c).startswith(str(AIKG)) for c in reached), f"{cls} is not aligned"


def test_ontology_header() -> None:
    (ontology,) = ONTOLOGY.subjects(RDF.type, OWL.Ontology)
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, OWL.versionInfo):
        assert ONTOLOGY.value(ontology, prop) is not None, f"the ontology needs {prop}"


@pytest.mark.parametrize("scheme", ["policy-area", "qualifier", "period", "status", "date-qualifier"])
def test_code_lists_are_skos_schemes_with_labelled_concepts(scheme: str) -> None:
    iri = URIRef(f"https://w3id.org/aikg/code/{scheme}")
    assert (iri, RDF.type, SKOS.ConceptScheme) in ONTOLOGY
    concepts = list(ONTOLOGY.subjects(SKOS.inScheme, iri))
    assert len(concepts) >= 3
    for concept in concepts:
        assert ONTOLOGY.value(concept, SKOS.prefLabel) is not None


def test_policy_areas_are_the_five_ai_watch_pillars() -> None:
    scheme = URIRef("https://w3id.org/aikg/code/policy-area")
    labels = {str(ONTOLOGY.value(c, SKOS.prefLabel)) for c in ONTOLOGY.subjects(SKOS.inScheme, scheme)}
    assert labels == {"Human capital", "From the lab to the market", "Networking", "Regulation", "Infrastructure"}


# queries/network.rq and queries/node-facts.rq cannot follow rdfs:subClassOf+ or rdfs:subPropertyOf+
# from a node's data (Virtuoso 7 answers such paths wrongly), so they follow a fixed number of steps;
# these tests keep that exact. They read the whole graph the queries read (the ontology and the data).
SUB_CLASS_STEPS = 4  # as written in the two queries
SUB_CLASS_PATH = "|".join("/".join(["rdfs:subClassOf"] * n) for n in range(1, SUB_CLASS_STEPS + 1))
TYPE_PATH = "a|a/" + SUB_CLASS_PATH.replace("|", "|a/")  # rdf:type, then zero to SUB_CLASS_STEPS steps


def test_the_queries_follow_as_many_subclass_steps_as_checked_here() -> None:
    from aikg.paths import QUERIES_DIR

    network = (QUERIES_DIR / "network.rq").read_text(encoding="utf-8")
    node_facts = (QUERIES_DIR / "node-facts.rq").read_text(encoding="utf-8")
    assert f"?narrower {SUB_CLASS_PATH} ?class" in network
    assert f"{TYPE_PATH} aikg:Jurisdiction" in network
    for target in ("aikg:Actor", "aikg:Initiative", "aikg:FundingRelation", "aikg:CoFunding"):
        assert f"{TYPE_PATH} {target}" in node_facts


def test_no_class_is_more_subclass_steps_below_a_class_of_ours_than_the_queries_follow(store) -> None:
    """Every class below an aikg class is at most SUB_CLASS_STEPS rdfs:subClassOf steps below it."""
    too_deep = [(row["narrower"].value, row["broader"].value) for row in store.query(f"""
        SELECT ?narrower ?broader WHERE {{
          ?narrower rdfs:subClassOf+ ?broader .
          FILTER (STRSTARTS(STR(?broader), "https://w3id.org/aikg/"))
          FILTER NOT EXISTS {{ ?narrower {SUB_CLASS_PATH} ?broader }}
        }}""")]
    assert too_deep == [], f"more than {SUB_CLASS_STEPS} rdfs:subClassOf steps apart: follow more steps in the queries"


def test_the_property_hierarchy_is_stated_closed(store) -> None:
    """Whenever p rdfs:subPropertyOf q and q rdfs:subPropertyOf r, p rdfs:subPropertyOf r is stated too,
    so that one step (queries/network.rq, queries/node-facts.rq) reaches every property above another."""
    missing = [(row["p"].value, row["r"].value) for row in store.query("""
        SELECT DISTINCT ?p ?r WHERE {
          ?p rdfs:subPropertyOf ?q . ?q rdfs:subPropertyOf ?r .
          FILTER (?p != ?r)
          FILTER NOT EXISTS { ?p rdfs:subPropertyOf ?r }
        }""")]
    assert missing == [], "state these rdfs:subPropertyOf in the ontology (or follow more steps in the queries)"
