"""Everything the graph says about one resource, in both directions, each fact with its evidence.

Evidence of a fact is what the data keeps about it: a reified statement
(``rdf:Statement`` or ``aikg:EditorialStatement`` with ``rdf:subject``,
``rdf:predicate``, ``rdf:object``) and its quotes (``prov:qualifiedQuotation``)
or editorial comment (``rdfs:comment``); for a fact stated by a funding relation
or a target, that resource's own quotes. Each query binds the resource, so the
cost grows with the answer, never with the graph. Quotes are kept whole.

Quotes that merely name the report as their source (``prov:entity``) are counted,
not listed: every quote of the report has one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox

from aikg.prefixes import shorten
from aikg.results import display_term, format_rows
from aikg.search import search_index

__all__ = ["Evidence", "Fact", "Quote", "Description", "describe", "describe_triples", "format_description",
           "DESCRIBE_FORMATS"]

DESCRIBE_FORMATS = ("table", "markdown", "json", "turtle")
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
QUOTATION = PROV + "qualifiedQuotation"
ENTITY = PROV + "entity"
RELATION_CLASSES = "aikg:FundingRelation aikg:Target"  # resources that state a relation; their quotes back it

_R = ox.Variable("r")
_TYPES = "SELECT ?type ?r WHERE { ?r a ?type }"
_QUOTES = """SELECT ?text ?section ?r WHERE {
  ?r prov:qualifiedQuotation ?q . ?q prov:value ?text . OPTIONAL { ?q prov:atLocation ?section } }"""
_OUT = "SELECT ?p ?o ?r WHERE { ?r ?p ?o FILTER (?p != rdf:type && ?p != prov:qualifiedQuotation) }"
_PARTS = """SELECT ?b ?p2 ?o2 ?text ?section ?r WHERE {
  ?r ?p ?b FILTER (isBlank(?b) && ?p != prov:qualifiedQuotation)
  ?b ?p2 ?o2 FILTER (?p2 != rdf:type)
  OPTIONAL { FILTER (?p2 = prov:qualifiedQuotation) ?o2 prov:value ?text OPTIONAL { ?o2 prov:atLocation ?section } }
}"""
_IN = "SELECT ?s ?p ?r WHERE { ?s ?p ?r FILTER (isIRI(?s)) }"
_QUOTED_HERE = """SELECT ?p ?text ?holder ?subject ?up ?r WHERE {
  ?q ?p ?r ; prov:value ?text . ?holder prov:qualifiedQuotation ?q .
  FILTER (?p != prov:entity)
  OPTIONAL { ?holder rdf:subject ?subject }
  OPTIONAL { ?up ?via ?holder FILTER (isBlank(?holder) && isIRI(?up)) }
}"""
_ENTITY_COUNT = "SELECT (COUNT(?q) AS ?n) ?r WHERE { ?q prov:entity ?r ; prov:value ?text } GROUP BY ?r"
_STATEMENTS = """SELECT ?st ?s ?p ?o ?editorial ?comment ?text ?section ?r WHERE {
  { ?st rdf:subject ?r ; rdf:predicate ?p ; rdf:object ?o BIND (?r AS ?s) }
  UNION { ?st rdf:object ?r ; rdf:subject ?s ; rdf:predicate ?p BIND (?r AS ?o) }
  OPTIONAL { ?st a aikg:EditorialStatement BIND (true AS ?editorial) }
  OPTIONAL { ?st rdfs:comment ?comment }
  OPTIONAL { ?st prov:qualifiedQuotation ?q . ?q prov:value ?text OPTIONAL { ?q prov:atLocation ?section } }
}"""
_RELATION_QUOTES = f"""SELECT ?s ?text ?section ?r WHERE {{
  ?s ?p ?r FILTER (isIRI(?s))
  VALUES ?class {{ {RELATION_CLASSES} }} ?s a/rdfs:subClassOf* ?class .
  ?s prov:qualifiedQuotation ?q . ?q prov:value ?text OPTIONAL {{ ?q prov:atLocation ?section }}
}}"""


@dataclass
class Quote:
    text: str
    section: str | None = None  # prefixed name
    section_label: str | None = None


@dataclass
class Evidence:
    kind: str  # quote | editorial | statement
    text: str  # the quote, or the editor's comment
    section: str | None = None
    section_label: str | None = None
    source: str | None = None  # the statement or relation the evidence belongs to (prefixed name or _:id)


@dataclass
class Fact:
    direction: str  # out: the resource is the subject; in: it is the object
    predicate: str  # prefixed name
    predicate_label: str
    value: str  # the other end, as shown: prefixed name, literal text, or [p v ; ...] for a blank node
    value_label: str = ""
    value_iri: str | None = None
    asserted: bool = True  # False: only a reified statement says it
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Description:
    iri: str
    prefixed: str
    label: str
    types: list[str]
    quotes: list[Quote]
    facts: list[Fact]
    quoted_as_source: int = 0  # quotes whose prov:entity is this resource

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _rows(store, text: str, resource: ox.NamedNode):
    return store.query(text, {_R: resource})


def _quote(index, text: str, section) -> Quote:
    return Quote(text, _short(index, section), index.label(section.value) if section is not None else None)


def _short(index, term) -> str | None:
    if term is None:
        return None
    return display_term(term, index.prefixes)


def describe(store, resource: ox.NamedNode) -> Description:
    """The description of one resource (an IRI in the graph)."""
    index = search_index(store)
    types = sorted(shorten(row["type"].value, store.prefixes) for row in _rows(store, _TYPES, resource))
    quotes = [_quote(index, row["text"].value, row["section"]) for row in _rows(store, _QUOTES, resource)]
    facts: dict[tuple[str, str, str, str], Fact] = {}
    parts: dict[str, list[str]] = defaultdict(list)
    part_quotes: dict[str, list[Evidence]] = defaultdict(list)
    for row in _rows(store, _PARTS, resource):
        key = row["b"].value
        if row["text"] is not None:
            q = _quote(index, row["text"].value, row["section"])
            part_quotes[key].append(Evidence("quote", q.text, q.section, q.section_label))
        else:
            parts[key].append(f"{shorten(row['p2'].value, store.prefixes)} {_short(index, row['o2'])}")

    def fact(direction: str, predicate, other, asserted: bool = True) -> Fact:
        key = (direction, predicate.value, type(other).__name__, str(other))
        if key not in facts:
            value, iri, label = _value(index, other, parts)
            facts[key] = Fact(direction, shorten(predicate.value, store.prefixes), index.label(predicate.value), value,
                              label, iri, asserted)
            if isinstance(other, ox.BlankNode):
                facts[key].evidence.extend(part_quotes.get(other.value, []))
        return facts[key]

    for row in _rows(store, _OUT, resource):
        fact("out", row["p"], row["o"])
    for row in _rows(store, _IN, resource):
        fact("in", row["p"], row["s"])
    for row in _rows(store, _QUOTED_HERE, resource):  # quotes located here: the resource they back is the fact
        holder = row["holder"]
        owner = holder if isinstance(holder, ox.NamedNode) else row["subject"] or row["up"] or holder
        found = fact("in", row["p"], owner)
        _add(found, Evidence("quote", row["text"].value, _short(index, resource), index.label(resource.value)))
    for row in _rows(store, _STATEMENTS, resource):
        direction, other = ("out", row["o"]) if row["s"] == resource else ("in", row["s"])
        key = (direction, row["p"].value, type(other).__name__, str(other))
        found = facts.get(key) or fact(direction, row["p"], other, asserted=False)
        source = _short(index, row["st"])
        kind = "editorial" if row["editorial"] is not None else "statement"
        if row["text"] is not None:
            q = _quote(index, row["text"].value, row["section"])
            _add(found, Evidence("quote", q.text, q.section, q.section_label, source))
        if row["comment"] is not None:
            _add(found, Evidence(kind, row["comment"].value, source=source))
    by_subject: dict[str, list[Evidence]] = defaultdict(list)
    for row in _rows(store, _RELATION_QUOTES, resource):
        q = _quote(index, row["text"].value, row["section"])
        by_subject[row["s"].value].append(Evidence("quote", q.text, q.section, q.section_label, _short(index, row["s"])))
    for found in facts.values():
        if found.direction == "in" and found.value_iri in by_subject:
            for evidence in by_subject[found.value_iri]:
                _add(found, evidence)
    entity = next(iter(_rows(store, _ENTITY_COUNT, resource)), None)
    ordered = sorted(facts.values(), key=lambda f: (f.direction != "out", f.predicate, f.value_label or f.value))
    return Description(resource.value, shorten(resource.value, store.prefixes), index.label(resource.value), types,
                       quotes, ordered, int(entity["n"].value) if entity is not None else 0)


def _add(found: Fact, evidence: Evidence) -> None:
    if evidence not in found.evidence:
        found.evidence.append(evidence)


def _value(index, term, parts: dict[str, list[str]]) -> tuple[str, str | None, str]:
    """How the other end of a fact is shown: its prefixed name and label, a literal, or its parts."""
    if isinstance(term, ox.NamedNode):
        label = index.label(term.value)
        short = shorten(term.value, index.prefixes)
        return short, term.value, "" if label == short else label
    if isinstance(term, ox.BlankNode) and term.value in parts:
        return "[" + " ; ".join(sorted(parts[term.value])) + "]", None, ""
    return display_term(term, index.prefixes), None, ""


_CONSTRUCT = """CONSTRUCT {
  ?r ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 . ?s ?pi ?r . ?st ?sp ?so . ?so ?sp2 ?so2 .
} WHERE {
  { ?r ?p ?o OPTIONAL { FILTER (isBlank(?o)) ?o ?p2 ?o2 OPTIONAL { FILTER (isBlank(?o2)) ?o2 ?p3 ?o3 } } }
  UNION { ?s ?pi ?r FILTER (isIRI(?s)) }
  UNION { ?st rdf:subject|rdf:object ?r ; ?sp ?so OPTIONAL { FILTER (isBlank(?so)) ?so ?sp2 ?so2 } }
}"""


def describe_triples(store, resource: ox.NamedNode) -> list[ox.Triple]:
    """The triples of a description: the resource's own (with its blank nodes), those pointing to it, its statements."""
    triples = dict.fromkeys(_rows(store, _CONSTRUCT, resource))
    return sorted(triples, key=lambda t: (t.subject != resource, str(t.subject), str(t.predicate), str(t.object)))


# ---------------------------------------------------------------- printing


def _evidence_text(evidence: list[Evidence]) -> str:
    lines = []
    for e in evidence:
        where = f" ({e.section_label})" if e.section_label else ""
        if e.kind == "quote":
            lines.append(f"“{e.text}”{where}")
        else:
            lines.append(f"{e.kind}: {e.text}")
    return " | ".join(lines)


def _fact_rows(description: Description) -> list[list[str]]:
    rows = []
    for f in description.facts:
        value = f"{f.value_label} ({f.value})" if f.value_label else f.value
        predicate = f.predicate if f.asserted else f"{f.predicate} (statement only)"
        rows.append(["→" if f.direction == "out" else "←", predicate, value, _evidence_text(f.evidence)])
    return rows


def format_description(store, description: Description, fmt: str) -> str:
    """The description as a table, Markdown, JSON or Turtle."""
    if fmt == "json":
        import json

        return json.dumps(description.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "turtle":
        from aikg.results import format_graph

        return format_graph(describe_triples(store, ox.NamedNode(description.iri)), "turtle", store.prefixes)
    title = f"{description.label} ({description.prefixed})"
    kinds = ", ".join(description.types) or "untyped"
    quotes = [[q.text, q.section_label or ""] for q in description.quotes]
    facts = _fact_rows(description)
    source = (f"The source of {description.quoted_as_source} quotes (prov:entity).\n"
              if description.quoted_as_source else "")
    if fmt == "markdown":
        out = [f"## {title}\n", f"Type: {kinds}\n", source]
        if quotes:
            out += ["### Quotes\n", format_rows(["quote", "section"], quotes, "markdown")]
        out += ["### Facts (→ it says, ← said of it)\n", format_rows(["", "property", "value", "evidence"], facts, "markdown")]
        return "\n".join(part for part in out if part)
    out = [f"{title}\ntype: {kinds}\n", source]
    if quotes:
        out += ["quotes:", format_rows(["quote", "section"], quotes, "table")]
    out += ["facts (→ it says, ← said of it):", format_rows(["", "property", "value", "evidence"], facts, "table")]
    return "\n".join(part for part in out if part)
