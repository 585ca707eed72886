"""Write the whole graph as linked data, with a VoID description of the dataset.

Formats that carry named graphs (TriG, N-Quads, JSON-LD) keep one graph per
source file, plus one for the dataset description; the others get the merged
graph. JSON-LD is compacted with the context shipped in ``ontology/context.jsonld``,
given to rdflib as a dict so that nothing is fetched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from aikg.load import GRAPH_BASE, load_dataset
from aikg.paths import ONTOLOGY_DIR
from aikg.vocab import AIKG

__all__ = ["ExportFormat", "EXPORT_FORMATS", "export", "dataset_description", "jsonld_context"]

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET_IRI = URIRef("https://w3id.org/aikg/id/dataset")
DESCRIPTION_GRAPH = URIRef(GRAPH_BASE + "void")
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"


@dataclass(frozen=True)
class ExportFormat:
    rdflib_name: str
    extension: str
    media_type: str
    named_graphs: bool


EXPORT_FORMATS = {
    "turtle": ExportFormat("turtle", ".ttl", "text/turtle", False),
    "nt": ExportFormat("nt", ".nt", "application/n-triples", False),
    "nquads": ExportFormat("nquads", ".nq", "application/n-quads", True),
    "trig": ExportFormat("trig", ".trig", "application/trig", True),
    "json-ld": ExportFormat("json-ld", ".jsonld", "application/ld+json", True),
    "xml": ExportFormat("xml", ".rdf", "application/rdf+xml", False),
}


def jsonld_context() -> dict:
    """The local JSON-LD context (the value of its "@context")."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def export(fmt: str, paths: Iterable[str | Path] | None = None) -> bytes:
    """The ontology, code lists and data (default: the project's) in ``fmt``."""
    spec = EXPORT_FORMATS[fmt]
    dataset = load_dataset(paths)
    description = dataset_description(dataset)
    target: Graph | Dataset
    if spec.named_graphs:
        description_graph = dataset.graph(DESCRIPTION_GRAPH)
        description_graph += description
        target = dataset
    else:
        target = Graph()
        for prefix, namespace in dataset.namespaces():
            target.bind(prefix, namespace)
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            target.add((s, p, o))
        target += description
    if fmt == "json-ld":
        return target.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
    return target.serialize(format=spec.rdflib_name, encoding="utf-8")


def dataset_description(dataset: Dataset) -> Graph:
    """A VoID/DCAT description: title, licence, publisher, sources, size, vocabularies."""
    triples = {(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None))}
    vocabularies = sorted({_namespace_of(p) for _s, p, _o in triples} | {
        _namespace_of(o) for _s, p, o in triples if p == RDF.type and isinstance(o, URIRef)})
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    d = DATASET_IRI
    graph.add((d, RDF.type, VOID.Dataset))
    graph.add((d, RDF.type, DCAT.Dataset))
    graph.add((d, DCTERMS.title, Literal("aikg: knowledge graph of national AI strategies", lang="en")))
    graph.add((d, DCTERMS.description, Literal(
        "Actors, programmes, pillars, recommendations, targets and funding relations of national AI "
        "strategies, every fact traced to a verbatim quote of its source report.", lang="en")))
    graph.add((d, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    publisher = BNode("aikg-publisher")
    graph.add((d, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal("The aikg project")))
    for report, _ in triples_with(triples, AIKG.sourceText):
        graph.add((d, DCTERMS.source, report))
    graph.add((d, VOID.triples, Literal(len(triples), datatype=XSD.integer)))
    graph.add((d, VOID.uriSpace, Literal("https://w3id.org/aikg/id/")))
    for vocabulary in vocabularies:
        graph.add((d, VOID.vocabulary, URIRef(vocabulary)))
    return graph


def triples_with(triples: set, predicate: URIRef) -> list[tuple]:
    return sorted((s, o) for s, p, o in triples if p == predicate)


def _namespace_of(iri: URIRef) -> str:
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[: cut + 1]
