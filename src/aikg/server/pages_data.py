"""What a page shows, gathered in a worker: a resource's description (aikg.describe), the ontology, VoID.

A resource's page and its RDF are the description that ``aikg describe`` prints,
computed by the same function; the answers are rendered by aikg.server.pages.
"""

from __future__ import annotations

import pyoxigraph as ox

from aikg.describe import Description, describe, describe_triples
from aikg.prefixes import shorten
from aikg.server.formats import Answer, write_graph
from aikg.store import GraphStore

__all__ = ["resource", "resource_rdf", "ontology", "void", "network", "report_codes", "reports"]

def _known(store: GraphStore, iri: str) -> ox.NamedNode | None:
    """The IRI as a node, if it is a valid IRI that the graph mentions."""
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return None
    return node if store.contains(node) else None


def resource(store: GraphStore, paths, iri: str) -> Description | None:
    """The description of one IRI (aikg.describe, as ``aikg describe`` prints it); None if it is not there."""
    node = _known(store, iri)
    return describe(store, node) if node is not None else None


def resource_rdf(store: GraphStore, paths, iri: str, media_type: str) -> Answer | None:
    """The triples of the same description, as RDF."""
    node = _known(store, iri)
    if node is None:
        return None
    triples = describe_triples(store, node)
    return Answer(write_graph(triples, media_type, store.prefixes), media_type, len(triples))


def _labels(store: GraphStore, terms) -> dict[str, str]:
    """English (or untagged) labels of IRIs, one query for all of them."""
    iris = sorted({t.value for t in terms if isinstance(t, ox.NamedNode)})
    if not iris:
        return {}
    values = " ".join(str(ox.NamedNode(i)) for i in iris)
    labels: dict[str, str] = {}
    query = (f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label|skos:prefLabel ?label "
             "FILTER (lang(?label) = '' || langMatches(lang(?label), 'en')) } ORDER BY ?x ?label")
    for row in store.query(query):
        labels.setdefault(row["x"].value, row["label"].value)
    return labels


def _term(term, labels: dict[str, str], prefixes: dict[str, str]) -> dict[str, str]:
    return {"iri": term.value, "label": labels.get(term.value, ""), "short": shorten(term.value, prefixes)}


_CLASSES = """SELECT ?term ?kind ?label ?definition ?comment WHERE {
  VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty rdf:Property }
  ?term a ?kind . FILTER (STRSTARTS(STR(?term), "https://w3id.org/aikg/ontology#"))
  OPTIONAL { ?term rdfs:label ?label FILTER (langMatches(lang(?label), "en") || lang(?label) = "") }
  OPTIONAL { ?term skos:definition ?definition }
  OPTIONAL { ?term rdfs:comment ?comment }
} ORDER BY ?kind ?term"""
_LINKS = """SELECT ?term ?relation ?target WHERE {
  VALUES ?relation { rdfs:subClassOf rdfs:subPropertyOf skos:closeMatch skos:exactMatch skos:broadMatch
                     skos:narrowMatch owl:equivalentClass owl:equivalentProperty rdfs:domain rdfs:range }
  ?term ?relation ?target . FILTER (STRSTARTS(STR(?term), "https://w3id.org/aikg/ontology#")) FILTER (isIRI(?target))
} ORDER BY ?term ?relation ?target"""
_SHAPES = """SELECT ?shape ?target ?message WHERE {
  ?shape sh:targetClass ?target .
  OPTIONAL { ?shape sh:property?/sh:message ?message }
} ORDER BY ?target ?shape ?message"""


def ontology(store: GraphStore, paths) -> dict:
    """The ontology's classes and properties: definitions, alignments, and the shapes that target each class."""
    from aikg.paths import SHAPES_FILE

    prefixes = store.prefixes
    terms: dict[str, dict] = {}
    for row in store.query(_CLASSES):
        iri = row["term"].value
        entry = terms.setdefault(iri, {
            "iri": iri, "name": iri.rsplit("#", 1)[1], "short": shorten(iri, prefixes),
            "kind": "class" if row["kind"].value.endswith("#Class") else "property",
            "label": row["label"].value if row["label"] else "",
            "definition": (row["definition"] or row["comment"]).value if (row["definition"] or row["comment"]) else "",
            "links": [], "shapes": []})
        if not entry["label"] and row["label"]:
            entry["label"] = row["label"].value
    targets = [t for r in store.query(_LINKS) for t in (r["target"],)]
    labels = _labels(store, targets)
    for row in store.query(_LINKS):
        if row["term"].value in terms:
            terms[row["term"].value]["links"].append(
                {"relation": shorten(row["relation"].value, prefixes), "target": _term(row["target"], labels, prefixes)})
    shapes = ox.Store()
    shapes.bulk_extend(ox.Quad(t.subject, t.predicate, t.object)
                       for t in ox.parse(SHAPES_FILE.read_bytes(), format=ox.RdfFormat.TURTLE))
    for row in shapes.query(_SHAPES, prefixes=prefixes):
        target = row["target"].value
        if target in terms and row["message"] and row["message"].value not in terms[target]["shapes"]:
            terms[target]["shapes"].append(row["message"].value)
    ordered = sorted(terms.values(), key=lambda t: t["name"].lower())
    return {"classes": [t for t in ordered if t["kind"] == "class"],
            "properties": [t for t in ordered if t["kind"] == "property"]}


def ontology_rdf(store: GraphStore, paths, media_types: tuple[str, ...]) -> dict[str, Answer]:
    """The ontology file's own triples (its named graph), for machines that dereference the ontology's IRI,
    in each of ``media_types``."""
    from aikg.paths import ONTOLOGY_DIR
    from aikg.sources import graph_name

    graph = ox.NamedNode(graph_name(ONTOLOGY_DIR / "aikg.ttl"))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.store.quads_for_pattern(None, None, None, graph)]
    return {media_type: Answer(write_graph(triples, media_type, store.prefixes), media_type, len(triples))
            for media_type in media_types}


def void(store: GraphStore, paths, media_types: tuple[str, ...]) -> dict[str, Answer]:
    """The dataset's VoID/DCAT description, as aikg export writes it, in each of ``media_types`` (the
    dataset read once: on a hundred reports, seconds)."""
    from aikg.export import read_dataset

    triples = read_dataset(paths).description(None)
    return {media_type: Answer(write_graph(triples, media_type, store.prefixes), media_type, len(triples))
            for media_type in media_types}


def network(store: GraphStore, paths) -> Answer:
    """The interactive actor network page (aikg network)."""
    from aikg.network import build_network, render

    return Answer(render(build_network(store), "html"), "text/html")


def report_codes(store: GraphStore, paths) -> list[str]:
    """The folder codes of the reports with a text, so that their pages can be shared among the workers."""
    from aikg.annotations import report_codes

    return sorted(report_codes(store))


def reports(store: GraphStore, paths, codes: tuple[str, ...]) -> dict[str, Answer]:
    """The annotated page (aikg.annotations) of each report of ``codes``, by its folder's code, linked to
    this server's pages."""
    from aikg.annotations import annotate_reports
    from aikg.report_page import render_report
    from aikg.server.pages import href

    return {report.code: Answer(render_report(report, href).encode("utf-8"), "text/html")
            for report in annotate_reports(store, codes)}
