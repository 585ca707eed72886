"""The standard types and properties our data implies, asserted so that no reasoner is needed.

The ontology aligns every coined class and property to W3C and EU vocabularies with
``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` (``aikg:FundingAgency`` is a
``cv:PublicOrganisation`` and an ``org:FormalOrganization``; ``aikg:memberOf`` is an
``org:memberOf``). A store without inference answers ``?x a org:FormalOrganization``
with nothing, so the published dumps carry those triples explicitly (RDFS rules
rdfs9 and rdfs7, restricted to terms outside the project's own namespace).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

__all__ = ["Alignments", "aligned_triples", "OWN_NAMESPACE"]

OWN_NAMESPACE = "https://w3id.org/aikg/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUB_CLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
SUB_PROPERTY_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")


class Alignments:
    """The standard terms above each coined class and property, read once from the ontology:
    a dataset of many files asks for each file's implied triples without scanning the whole
    dataset again."""

    def __init__(self, ontology: Iterable[ox.Triple | ox.Quad]):
        hierarchy = [t for t in ontology if t.predicate in (SUB_CLASS_OF, SUB_PROPERTY_OF)]
        self.broader_classes = _closure(t for t in hierarchy if t.predicate == SUB_CLASS_OF)
        self.broader_properties = _closure(t for t in hierarchy if t.predicate == SUB_PROPERTY_OF)

    def implied(self, triples: Iterable[ox.Triple | ox.Quad]) -> list[ox.Triple]:
        """Types and properties of standard vocabularies that ``triples`` imply, not already in ``triples``, sorted."""
        triples = list(triples)
        entailed = set()
        for triple in triples:
            predicate = triple.predicate
            if predicate == RDF_TYPE:
                entailed.update(ox.Triple(triple.subject, RDF_TYPE, c) for c in self.broader_classes.get(triple.object, ()))
            for prop in self.broader_properties.get(predicate, ()):
                entailed.add(ox.Triple(triple.subject, prop, triple.object))
        # Only statements with an entailed predicate can already state an entailed triple: the
        # others are not made into a set (most of a large dataset).
        predicates = {t.predicate for t in entailed}
        entailed.difference_update(ox.Triple(t.subject, t.predicate, t.object) for t in triples if t.predicate in predicates)
        return sorted(entailed, key=str)


def aligned_triples(triples: Iterable[ox.Triple | ox.Quad], ontology: Iterable[ox.Triple | ox.Quad]) -> list[ox.Triple]:
    """Types and properties of standard vocabularies that ``triples`` imply by the alignments
    (``rdfs:subClassOf``, ``rdfs:subPropertyOf``) stated in ``ontology``, not already in ``triples``, sorted."""
    return Alignments(ontology).implied(triples)


def _closure(edges: Iterable[ox.Triple]) -> dict[ox.NamedNode, set[ox.NamedNode]]:
    """For each term, every standard term above it, however far up the hierarchy."""
    direct: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    for edge in edges:
        if isinstance(edge.object, ox.NamedNode):
            direct[edge.subject].add(edge.object)
    above: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for term in direct:
        seen: set[ox.NamedNode] = set()
        todo = list(direct[term])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(direct.get(parent, ()))
        standard = {t for t in seen if not t.value.startswith(OWN_NAMESPACE)}
        if standard:
            above[term] = standard
    return above
