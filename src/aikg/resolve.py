"""Turn a name a person types into the resource it means, the same way for every command.

``--param``, ``network --region`` and ``describe`` all resolve names here:

1. an IRI, ``<IRI>`` or prefixed name, or a label, alternative label or title
   (any case) of exactly one resource of the wanted class;
2. else the one resource of the class with a name equal but for case, accents,
   spaces and punctuation (an abbreviation key counts: "DW4ai");
3. else the search index (aikg.search) over names only, restricted to the class:
   one candidate, or one clearly best (rapidfuzz compares the whole name with each
   candidate's names), is the answer; several close ones are listed best first; a
   name found only by correcting a typo is never guessed, it gets "did you mean".
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rapidfuzz import fuzz

from aikg.errors import AikgError, QueryError
from aikg.prefixes import shorten
from aikg.search import normalize, search_index, words

__all__ = ["ResolveError", "Candidate", "resolve_name", "resolve_class", "resolve_resource", "check_class", "candidates",
           "class_iri"]

CLEAR_SCORE = 85  # rapidfuzz token_sort_ratio a best candidate needs ...
CLEAR_LEAD = 10  # ... and its lead over the next, to be taken without asking
SHOWN = 5  # candidates listed in an error
TYPO_MARGIN = 15  # "did you mean" lists the names scoring within this of the best


class ResolveError(QueryError):
    """A name that matches nothing, or several things equally well."""


class Candidate:
    __slots__ = ("iri", "label", "type", "score", "same")

    def __init__(self, iri: str, label: str, type_: str, score: float, same: bool = False):
        self.iri, self.label, self.type, self.score = iri, label, type_, score
        self.same = same  # one of its names is the name asked for, but for case, accents, spaces and punctuation

    def describe(self, prefixes: dict[str, str]) -> str:
        return f"'{self.label}' ({shorten(self.iri, prefixes)}, {self.type or 'untyped'})"


_EXACT = """SELECT DISTINCT ?resource ?wanted WHERE {
  ?resource rdfs:label|skos:prefLabel|skos:altLabel|dct:title ?label .
  FILTER (isIRI(?resource) && LCASE(STR(?label)) = LCASE(?wanted))
}"""


def class_iri(store, cls: str | None) -> str | None:
    """The IRI of a class given as a prefixed name (as in a query's ``# param:`` line), or None."""
    if not cls:
        return None
    prefix, _, local = cls.partition(":")
    if prefix not in store.prefixes:
        raise AikgError(f"unknown prefix in class {cls}")
    return store.prefixes[prefix] + local


def _of_class(store, iris: list[str], cls: str | None) -> list[str]:
    if cls is None:
        return iris
    index = search_index(store)
    return [i for i in iris if index.rows("SELECT 1 FROM types WHERE resource = ? AND class = ?", (i, cls))]


def _looks_like_iri(store, text: str) -> bool:
    if re.match(r"^<.*>$|^[a-z][a-z0-9+.-]*://", text, re.I):
        return True
    return bool(re.match(r"^[A-Za-z][\w.-]*:[^\s/]*$", text)) and text.split(":", 1)[0] in store.prefixes


def candidates(store, name: str, cls: str | None = None, limit: int = 20) -> tuple[list[Candidate], dict[str, list[str]]]:
    """Resources whose names match ``name`` (of class ``cls``, an IRI), best first; and the typos corrected."""
    index = search_index(store)
    found = index.search(name, classes=[cls] if cls else (), limit=limit, names_only=True, some_words=False)
    wanted, compact = normalize(name), _compact(name)
    seen: dict[str, Candidate] = {}
    for rank, hit in enumerate(found.hits):
        if hit.resource in seen:
            continue
        names = index.names(hit.resource) or [hit.label]
        score = max(fuzz.token_sort_ratio(wanted, normalize(n)) for n in names)
        same = any(_compact(n) == compact for n in names)
        # equal fuzzy scores keep the search's BM25 order
        seen[hit.resource] = Candidate(hit.resource, hit.label, hit.type, score - rank / 1000, same)
    return sorted(seen.values(), key=lambda c: -c.score), found.corrections


def _compact(name: str) -> str:
    return "".join(words(name))


def resolve_name(store, value: str, problem: str, cls: str | None = None) -> ox.NamedNode:
    """The resource a name means (``cls``: a prefixed class name it must belong to), or a ResolveError saying why not."""
    text = value.strip()
    if not text:
        raise ResolveError(f"{problem}: give a name, a label or an IRI")
    if _looks_like_iri(store, text):
        node = resolve_resource(store, text, problem)
        if cls:
            check_class(store, node, cls, problem)
        return node
    wanted = class_iri(store, cls)
    exact = sorted(row["resource"].value for row in store.query(_EXACT, {ox.Variable("wanted"): ox.Literal(text)}))
    matching = _of_class(store, exact, wanted)
    if len(matching) == 1:
        return ox.NamedNode(matching[0])
    index = search_index(store)
    if len(matching) > 1:
        listed = [Candidate(i, index.label(i), index.type_of(i), 0).describe(store.prefixes) for i in matching]
        raise ResolveError(f"{problem}: {len(matching)} resources have this name; give one of {', '.join(listed)}")
    found, corrections = candidates(store, text, wanted)
    if not found:
        if exact and cls:  # named exactly, but of another class: say which
            check_class(store, ox.NamedNode(exact[0]), cls, problem)
        kind = f"no {cls}" if cls else "nothing"
        raise ResolveError(f"{problem}: {kind} in the graph has this label, name or IRI")
    best = found[0]
    listed = ", ".join(c.describe(store.prefixes) for c in found[:SHOWN])
    if corrections:
        near = [c for c in found if c.score >= best.score - TYPO_MARGIN][:3]
        raise ResolveError(f"{problem}: no such name; did you mean {', '.join(c.describe(store.prefixes) for c in near)}?")
    same = [c for c in found if c.same]
    if len(same) == 1:
        return ox.NamedNode(same[0].iri)
    next_score = found[1].score if len(found) > 1 else 0
    if len(found) == 1 or (best.score >= CLEAR_SCORE and best.score - next_score >= CLEAR_LEAD):
        return ox.NamedNode(best.iri)
    more = f" (and {len(found) - SHOWN} more)" if len(found) > SHOWN else ""
    raise ResolveError(f"{problem}: the name fits several resources; give one of {listed}{more}")


def resolve_class(store, value: str, problem: str) -> ox.NamedNode:
    """A class by IRI, prefixed name (any vocabulary: skos:Concept) or the label of an ontology class."""
    if _looks_like_iri(store, value.strip()):
        return resolve_name(store, value, problem)
    return resolve_name(store, value, problem, "owl:Class")


def resolve_resource(store, value: str, problem: str) -> ox.NamedNode:
    """An IRI from <iri>, a full IRI, a prefixed name or a name (aikg.resolve); it must be in the graph."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        iri = text
    elif re.match(r"^[A-Za-z][\w.-]*:[^\s/]*$", text) and text.split(":", 1)[0] in store.prefixes:
        prefix, local = text.split(":", 1)
        iri = store.prefixes[prefix] + local
    else:
        return resolve_name(store, text, problem)
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        raise QueryError(f"{problem}: not a valid IRI") from None
    if not store.contains(node):
        raise QueryError(f"{problem}: {text} is not in the graph")
    return node


_CLASS_OF = """SELECT ?resource ?label WHERE {
  OPTIONAL { ?resource a ?type . OPTIONAL { ?type rdfs:label ?typeLabel } }
  BIND (COALESCE(STR(?typeLabel), STR(?type), "untyped") AS ?label)
} ORDER BY ?label"""


def check_class(store, resource: ox.NamedNode, cls: str, problem: str) -> None:
    """Refuse a resource of the wrong kind: a programme where an actor is wanted gives no rows, silently."""
    prefix, local = cls.split(":", 1)
    wanted = ox.NamedNode(store.prefixes[prefix] + local)
    r, c = ox.Variable("resource"), ox.Variable("class")
    if store.query("ASK { ?resource a/rdfs:subClassOf* ?class }", {r: resource, c: wanted}):
        return
    kinds = ", ".join(dict.fromkeys(str(row["label"].value) for row in store.query(_CLASS_OF, {r: resource})))
    wanted_label = next((row["l"].value for row in store.query("SELECT ?class ?l { ?class rdfs:label ?l }", {c: wanted})), cls)
    raise QueryError(f"{problem}: {_short(store, resource)} is of type {kinds}, not {wanted_label}")


def _short(store, node: ox.NamedNode) -> str:
    return shorten(node.value, store.prefixes)
