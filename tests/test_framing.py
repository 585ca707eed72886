"""The JSON-LD framing reads every kind of term as Oxigraph hands it over and gives back the same triples."""

from __future__ import annotations

import json

import pyoxigraph as ox
from pyld import jsonld

from aikg.framing import CONTEXT_URL, frame_triples

TURTLE = r"""
@prefix beo: <https://w3id.org/aikg/id/be/org/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

beo:agency rdfs:label "Agence « wallonne »"@fr , "Agency"@en ;
    rdfs:comment "a \"quoted\" word, a back\\slash,\na new line and\ta tab" ;
    schema:foundingDate "2019-07-01"^^xsd:date ;
    prov:qualifiedQuotation [ a prov:Quotation ; prov:value "12 millions" ] .
"""


def _offline(url, options=None):
    if url == CONTEXT_URL:
        from aikg.framing import jsonld_context

        return {"contextUrl": None, "documentUrl": url, "document": {"@context": jsonld_context()}}
    raise AssertionError(f"framing made the processor fetch {url}")


def _canonical(triples) -> set[str]:
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def test_framed_document_reads_back_to_the_same_triples() -> None:
    triples = sorted(ox.parse(TURTLE.encode(), format=ox.RdfFormat.TURTLE), key=str)
    document = frame_triples(triples)
    nquads = jsonld.to_rdf(json.loads(json.dumps(document)), {"format": "application/n-quads", "documentLoader": _offline})
    assert _canonical(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)) == _canonical(triples)


def test_language_tags_and_datatypes_survive_as_written() -> None:
    triples = sorted(ox.parse(TURTLE.encode(), format=ox.RdfFormat.TURTLE), key=str)
    agency = next(node for node in frame_triples(triples)["@graph"] if node.get("@id") == "beo:agency")
    assert agency["label"] == {"en": "Agency", "fr": "Agence « wallonne »"}
    assert agency["comment"]["@none"] == 'a "quoted" word, a back\\slash,\na new line and\ta tab'
    assert agency["schema:foundingDate"] == {"@type": "xsd:date", "@value": "2019-07-01"}
