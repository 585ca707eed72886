"""Every export format is read back by an independent parser with the same content."""

from __future__ import annotations

import json
from decimal import Decimal

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, XSD

from aikg.export import DATASET_IRI, DESCRIPTION_GRAPH, EXPORT_FORMATS, VOID, dataset_description, export
from aikg.load import load_dataset

OXIGRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML,
}


@pytest.fixture(scope="module")
def source() -> Dataset:
    return load_dataset()


def _term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return None
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"):
        return Literal(term.value)  # rdflib keeps simple literals without a datatype
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _from_oxigraph(data: bytes, fmt) -> dict:
    """Quads parsed by Oxigraph, as {graph name or None: rdflib Graph}."""
    graphs: dict = {}
    for quad in ox.parse(data, format=fmt):
        name = _term(quad.graph_name) if hasattr(quad, "graph_name") else None
        graphs.setdefault(name, Graph()).add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graphs


def _merged(graphs: dict) -> Graph:
    """One graph, decimals in one lexical form: Turtle writers may print "40" as 40.0, the same value."""
    merged = Graph()
    for graph in graphs.values():
        for s, p, o in graph:
            if isinstance(o, Literal) and o.datatype == XSD.decimal:
                o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
            merged.add((s, p, o))
    return merged


def _source_graphs(dataset: Dataset) -> dict:
    return {g.identifier: g for g in dataset.graphs() if len(g)}


@pytest.mark.parametrize("fmt", sorted(OXIGRAPH_FORMATS))
def test_oxigraph_reads_back_the_same_triples(fmt: str, source: Dataset) -> None:
    merged = _merged(_from_oxigraph(export(fmt), OXIGRAPH_FORMATS[fmt]))
    expected = _merged({**_source_graphs(source), DESCRIPTION_GRAPH: dataset_description(source)})
    assert len(merged) == len(expected)
    assert isomorphic(merged, expected)


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_named_graphs_one_per_source_file(fmt: str, source: Dataset) -> None:
    parsed = _from_oxigraph(export(fmt), OXIGRAPH_FORMATS[fmt])
    names = {str(n) for n in parsed if n is not None}
    expected = {str(n) for n in _source_graphs(source)} | {str(DESCRIPTION_GRAPH)}
    assert names == expected
    assert "https://w3id.org/aikg/graph/data/be/report" in names
    assert "https://w3id.org/aikg/graph/ontology/aikg" in names


def _offline_loader(url, options=None):
    raise AssertionError(f"the JSON-LD export made the processor fetch {url}")


def test_pyld_reads_back_the_json_ld_export_offline(source: Dataset) -> None:
    document = json.loads(export("json-ld"))
    assert isinstance(document["@context"], dict), "the context is embedded, not a URL"
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": _offline_loader})
    read_back = Dataset()
    read_back.parse(data=nquads, format="nquads")
    by_graph = {g.identifier: g for g in read_back.graphs() if len(g)}
    for name, graph in _source_graphs(source).items():
        assert isomorphic(by_graph[name], graph), f"named graph {name} differs after the JSON-LD round trip"


def test_dataset_description(source: Dataset) -> None:
    graph = Graph().parse(data=export("turtle"), format="turtle")
    d = DATASET_IRI
    assert (d, RDF.type, VOID.Dataset) in graph
    assert graph.value(d, DCTERMS.title) is not None
    assert str(graph.value(d, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    assert graph.value(d, DCTERMS.publisher) is not None
    assert URIRef("https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020") in set(graph.objects(d, DCTERMS.source))
    assert int(graph.value(d, VOID.triples)) == len(_merged(_source_graphs(source)))
    vocabularies = {str(v) for v in graph.objects(d, VOID.vocabulary)}
    assert {"http://www.w3.org/ns/prov#", "https://schema.org/", "http://www.w3.org/2004/02/skos/core#",
            "https://w3id.org/aikg/ontology#"} <= vocabularies


def test_cli_writes_the_export_to_a_file(aikg, tmp_path) -> None:
    target = tmp_path / "out" / "aikg.nt"
    status, out, err = aikg("export", "--format", "nt", "-o", str(target))
    assert status == 0 and out == "", err
    written = Graph().parse(target, format="nt")
    assert isomorphic(written, Graph().parse(data=export("nt"), format="nt"))


def test_every_format_is_offered() -> None:
    assert set(EXPORT_FORMATS) == {"turtle", "nt", "nquads", "trig", "json-ld", "xml"}


def test_json_ld_context_declares_the_prefixes_of_the_graph() -> None:
    from aikg.export import jsonld_context
    from aikg.load import PREFIXES

    context = jsonld_context()
    assert {p: context.get(p) for p in PREFIXES} == PREFIXES
