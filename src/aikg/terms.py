"""Classes and properties used in the data that no vocabulary defines: typos such as ``schema:startdate``.

A term is known when the ontology files mention it, or when it belongs to a
vocabulary the ontology uses (a namespace of one of its terms) and that vocabulary,
as rdflib ships it (``rdflib.namespace``: schema.org, Dublin Core, ORG, PROV, SKOS,
FOAF, ...), defines it. Nothing is fetched. An unknown term is named with its line
and the closest known term of its vocabulary ("did you mean").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

__all__ = ["UnknownTerm", "known_terms", "unknown_terms"]


@dataclass(frozen=True)
class UnknownTerm:
    """A class or property no vocabulary defines, where it was first used in a file."""

    term: URIRef
    role: str  # "class" or "property"
    triple: tuple  # the first triple of the file that uses it
    where: tuple[Path, int]
    uses: int  # how many triples of the file use it
    suggestion: URIRef | None


def known_terms(ontology: Graph) -> frozenset[URIRef]:
    """Every IRI the ontology files mention, and every term of the vocabularies they use."""
    mentioned = {node for triple in ontology for node in triple if isinstance(node, URIRef)}
    used = {_namespace(term) for term in mentioned}
    shipped = _shipped_vocabularies()
    return frozenset(mentioned.union(*(shipped[ns] for ns in used if ns in shipped)))


def unknown_terms(triples: Mapping[tuple, tuple[Path, int]], files: Iterable[Path], known: frozenset[URIRef]) -> list[UnknownTerm]:
    """Unknown classes (objects of rdf:type) and properties (predicates, objects of rdf:predicate) of ``files``."""
    files = set(files)
    first: dict[tuple[URIRef, str, Path], tuple[tuple, tuple[Path, int]]] = {}
    uses: dict[tuple[URIRef, str, Path], int] = {}
    for triple, where in triples.items():
        if where[0] not in files:
            continue
        subject, predicate, obj = triple
        for term, role in ((predicate, "property"), (obj if predicate == RDF.type else None, "class"),
                           (obj if predicate == RDF.predicate else None, "property")):
            if isinstance(term, URIRef) and term not in known:
                key = (term, role, where[0])
                if key not in first or where[1] < first[key][1][1]:
                    first[key] = (triple, where)
                uses[key] = uses.get(key, 0) + 1
    return [UnknownTerm(term, role, triple, where, uses[term, role, path], did_you_mean(term, known))
            for (term, role, path), (triple, where) in sorted(first.items(), key=lambda item: (str(item[1][1][0]), item[1][1][1]))]


def did_you_mean(term: URIRef, known: frozenset[URIRef], *, other_namespaces: bool = True) -> URIRef | None:
    """The known term of the same vocabulary that is closest to ``term`` (any vocabulary's if its own is
    unknown, unless ``other_namespaces`` is false: a resource's namespace says its kind)."""
    from rapidfuzz import fuzz, process  # only when a term is unknown

    namespace = _namespace(term)
    same = {str(k)[len(namespace):]: k for k in known if _namespace(k) == namespace}
    local = str(term)[len(namespace):]
    if same:
        exact = [k for name, k in same.items() if name.casefold() == local.casefold()]
        if exact:
            return exact[0]
        found = process.extractOne(local, list(same), scorer=fuzz.ratio, score_cutoff=75)
        return same[found[0]] if found else None
    if not other_namespaces:
        return None
    found = process.extractOne(str(term), [str(k) for k in known], scorer=fuzz.ratio, score_cutoff=90)
    return URIRef(found[0]) if found else None


def _namespace(term: URIRef) -> str:
    text = str(term)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[: cut + 1]


@cache
def _shipped_vocabularies() -> dict[str, frozenset[URIRef]]:
    """The closed vocabularies rdflib ships, by namespace: the terms each defines."""
    import rdflib.namespace as namespaces

    found: dict[str, frozenset[URIRef]] = {}
    for value in vars(namespaces).values():
        if isinstance(value, type) and issubclass(value, namespaces.DefinedNamespace) and value is not namespaces.DefinedNamespace:
            names = [*getattr(value, "__annotations__", {}), *getattr(value, "_extras", [])]
            base = str(value._NS)
            found[base] = frozenset(URIRef(base + name) for name in names)
    return found
