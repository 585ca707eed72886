"""The description of one resource: every fact about it, both directions, each with its evidence.

One description, rendered by every door: ``aikg describe`` (table, Markdown, JSON,
Turtle), the server's ``/id/...`` page and that page's RDF. It is computed from one
set of triples, the resource's *description graph*, gathered by queries bound to the
resource (so the cost grows with the answer, never with the graph); the RDF of a
resource is exactly that set, each triple once. It holds:

- the resource's own triples, with its blank nodes (amounts, quantities, quotations);
- the triples that point to it from IRIs (at most MAX_INCOMING);
- the reified statements (``rdf:Statement``, ``aikg:EditorialStatement``) about a
  triple of it, with their quotations;
- the quotations of the n-ary relations (funding relations, targets) among them;
- for a funding relation that funds it or is funded by it: the funder, what is
  funded, the amount, how exact, the period, the status (the money both ways);
- the quotations located at it (``prov:atLocation``: a section) and what holds them.

The evidence of a fact (subject, predicate, object) follows one rule, whichever end is
described: the quotes of the statements about that triple, and their notes (the note of
an ``aikg:EditorialStatement`` is *our reading*, never the report's words); the quotes
of the value itself when it is a blank node (an amount, a quantity); and, when that
gives no quote and the subject is an n-ary relation, the relation's own quotes, which
state it as a whole (not for what only describes it: label, comment, homepage).
Quotes that merely name a resource as their source (``prov:entity``) are counted, not listed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox

from aikg.prefixes import shorten
from aikg.results import escape_markdown, format_graph, format_rows
from aikg.terminal import escape_controls

__all__ = ["Evidence", "Fact", "Money", "Quote", "Term", "Description", "describe", "describe_triples",
           "format_description", "DESCRIBE_FORMATS", "MAX_INCOMING"]

DESCRIBE_FORMATS = ("table", "markdown", "json", "turtle")
MAX_INCOMING = 500  # links pointing to a resource (and quotes located at it) that a description holds

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
AIKG = "https://w3id.org/aikg/ontology#"
TYPE, SUBJECT, PREDICATE, OBJECT = (ox.NamedNode(RDF + n) for n in ("type", "subject", "predicate", "object"))
COMMENT = ox.NamedNode(RDFS + "comment")
QUOTATION, VALUE, LOCATION, ENTITY = (ox.NamedNode(PROV + n) for n in ("qualifiedQuotation", "value", "atLocation", "entity"))
EDITORIAL = ox.NamedNode(AIKG + "EditorialStatement")
FUNDER, FUNDED, AMOUNT = (ox.NamedNode(SCHEMA + n) for n in ("funder", "fundedItem", "amount"))
PART_OF = ox.NamedNode("http://purl.org/dc/terms/isPartOf")
CURRENCY = ox.NamedNode(SCHEMA + "currency")
RELATION_CLASSES = "aikg:FundingRelation aikg:Target"  # n-ary relations: their quotes state them as a whole
# What describes a resource rather than states what the report says: never backed by a relation's quotes.
DESCRIPTIVE = {RDFS + "label", RDFS + "comment", RDFS + "seeAlso", "http://xmlns.com/foaf/0.1/homepage",
               "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel"}

_R = ox.Variable("r")
_OWN = """CONSTRUCT { ?r ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 } WHERE {
  ?r ?p ?o OPTIONAL { FILTER (isBlank(?o)) ?o ?p2 ?o2 OPTIONAL { FILTER (isBlank(?o2)) ?o2 ?p3 ?o3 } } }"""
_IN = f"""CONSTRUCT {{ ?s ?p ?r }} WHERE {{
  {{ SELECT DISTINCT ?s ?p ?r WHERE {{ ?s ?p ?r FILTER (isIRI(?s)) }} ORDER BY ?s ?p LIMIT {MAX_INCOMING} }} }}"""
_STATEMENTS = """CONSTRUCT { ?st ?sp ?so . ?so ?qp ?qo } WHERE {
  ?st rdf:subject|rdf:object ?r ; rdf:predicate ?any ; ?sp ?so OPTIONAL { FILTER (isBlank(?so)) ?so ?qp ?qo } }"""
_QUOTED_HERE = f"""CONSTRUCT {{ ?holder prov:qualifiedQuotation ?q . ?q ?qp ?qo . ?holder ?hp ?ho . ?up ?via ?holder }} WHERE {{
  {{ SELECT DISTINCT ?q ?holder ?r WHERE {{ ?q prov:atLocation ?r . ?holder prov:qualifiedQuotation ?q FILTER (?holder != ?r) }}
    ORDER BY ?holder ?q LIMIT {MAX_INCOMING} }}
  ?q ?qp ?qo
  OPTIONAL {{ FILTER (isBlank(?holder))
    {{ ?holder ?hp ?ho VALUES ?hp {{ rdf:type rdf:subject rdf:predicate rdf:object }} }} UNION {{ ?up ?via ?holder FILTER (isIRI(?up)) }} }}
}}"""
_RELATIONS = f"SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ %s }} VALUES ?class {{ {RELATION_CLASSES} }} ?s a/rdfs:subClassOf* ?class }}"
_RELATION_QUOTES = "CONSTRUCT { ?s prov:qualifiedQuotation ?q . ?q ?qp ?qo } WHERE { VALUES ?s { %s } ?s prov:qualifiedQuotation ?q . ?q ?qp ?qo }"
_MONEY = """CONSTRUCT { ?f ?p ?o . ?o ?p2 ?o2 } WHERE {
  VALUES ?f { %s } VALUES ?p { schema:funder schema:fundedItem schema:amount aikg:qualifier aikg:period aikg:status aikg:year dct:isPartOf }
  ?f ?p ?o OPTIONAL { FILTER (isBlank(?o)) ?o ?p2 ?o2 FILTER (?p2 != prov:qualifiedQuotation) } }"""
_LABELS = """SELECT ?x ?label WHERE { VALUES ?x { %s } ?x rdfs:label|skos:prefLabel ?label
  FILTER (lang(?label) = '' || langMatches(lang(?label), 'en')) } ORDER BY ?x ?label"""
# A report named by the place it is about ("report on Belgium"), else by its label.
_REPORT_NAMES = """SELECT ?report (SAMPLE(?name) AS ?reportName) WHERE { VALUES ?report { %s } ?report a aikg:Report
  OPTIONAL { ?report dct:spatial/rdfs:label ?place FILTER (lang(?place) = '' || langMatches(lang(?place), 'en')) }
  OPTIONAL { ?report rdfs:label ?label FILTER (lang(?label) = '' || langMatches(lang(?label), 'en')) }
  BIND (COALESCE(CONCAT("report on ", STR(?place)), STR(?label)) AS ?name) } GROUP BY ?report"""
_ENTITY_COUNT = "SELECT (COUNT(DISTINCT ?q) AS ?n) ?r WHERE { ?q prov:entity ?r ; prov:value ?text } GROUP BY ?r"


@dataclass
class Term:
    iri: str
    prefixed: str
    label: str


@dataclass
class Quote:
    text: str
    section: str | None = None  # prefixed name
    section_label: str | None = None
    report_label: str | None = None  # "report on Belgium": with more than one report, a section alone is ambiguous

    @property
    def where(self) -> str:
        """Where the report says it: "6 Regional strategies – Brussels Region, report on Belgium"."""
        return ", ".join(part for part in (self.section_label or self.section, self.report_label) if part)
    place: str | None = None  # its place in the annotated report: /report/CODE#ANCHOR (aikg.annotations.place)


@dataclass
class Evidence:
    kind: str  # quote: the report's words; editorial: our reading (an aikg:EditorialStatement's note); note: a statement's note
    text: str  # the quote, or the note
    section: str | None = None
    section_label: str | None = None
    report_label: str | None = None
    place: str | None = None  # a quote's place in the annotated report

    where = Quote.where


@dataclass
class Fact:
    direction: str  # out: the resource is the subject; in: it is the object
    predicate: str  # prefixed name
    predicate_label: str
    predicate_iri: str
    value: str  # the other end as shown: prefixed name, a literal's text, or [p v ; ...] for a blank node
    value_label: str = ""
    value_iri: str | None = None
    value_type: str = ""  # a literal's language (@en) or datatype (xsd:decimal)
    asserted: bool = True  # False: only a reified statement says it
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Money:
    direction: str  # out: the resource funds; in: it is funded
    relation: Term
    other: Term  # what it funds, or who funds it
    amount: str  # in words, as aikg.network.money writes it: "€12 million in total, spent, within the €20 million"
    evidence: list[Evidence]  # the evidence of the fact that links the relation to the resource


@dataclass
class Description:
    iri: str
    prefixed: str
    label: str
    types: list[Term]
    quotes: list[Quote]
    facts: list[Fact]
    money: list[Money] = field(default_factory=list)
    quoted_as_source: int = 0  # quotes whose prov:entity is this resource
    truncated: bool = False  # more than MAX_INCOMING links point here; the first are kept

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# ---------------------------------------------------------------- the description graph


def _values(terms) -> str:
    return " ".join(sorted({str(t) for t in terms}))


def _gather(store, resource: ox.NamedNode) -> tuple[dict[ox.Triple, None], set, bool]:
    """The description graph (an ordered set of triples), the n-ary relations in it, and whether links were cut."""
    bound = {_R: resource}
    triples: dict[ox.Triple, None] = {}
    incoming = list(store.query(_IN, bound))
    for text in (_OWN, _STATEMENTS, _QUOTED_HERE):
        triples.update(dict.fromkeys(store.query(text, bound)))
    triples.update(dict.fromkeys(incoming))
    pointing = {t.subject for t in incoming}
    relations = {row["s"] for row in store.query(_RELATIONS % _values(pointing | {resource}))}
    if relations - {resource}:
        triples.update(dict.fromkeys(store.query(_RELATION_QUOTES % _values(relations - {resource}))))
    funding = {t.subject for t in incoming if t.predicate in (FUNDER, FUNDED)}
    if funding:
        triples.update(dict.fromkeys(store.query(_MONEY % _values(funding))))
    return triples, relations, len(incoming) >= MAX_INCOMING


def describe_triples(store, resource: ox.NamedNode) -> list[ox.Triple]:
    """The RDF of a description: its triples, each once, the resource's own first."""
    triples, _, _ = _gather(store, resource)
    return sorted(triples, key=lambda t: (t.subject != resource, str(t.subject), str(t.predicate), str(t.object)))


# ---------------------------------------------------------------- reading it


class _Graph:
    """The description graph, indexed, with the labels of its IRIs."""

    def __init__(self, store, triples, relations: set):
        self.prefixes = store.prefixes
        self.relations = relations
        self.out: dict[object, list[ox.Triple]] = defaultdict(list)
        self.into: dict[object, list[ox.Triple]] = defaultdict(list)
        for t in triples:
            self.out[t.subject].append(t)
            self.into[t.object].append(t)
        iris = {x for t in triples for x in (t.subject, t.predicate, t.object) if isinstance(x, ox.NamedNode)}
        self.labels: dict[str, str] = {}
        if iris:
            for row in store.query(_LABELS % _values(iris)):
                self.labels.setdefault(row["x"].value, row["label"].value)
        reports = {t.object for t in triples if t.predicate == ENTITY and isinstance(t.object, ox.NamedNode)}
        self.report_names: dict[str, str] = {}
        if reports:
            self.report_names = {row["report"].value: row["reportName"].value
                                 for row in store.query(_REPORT_NAMES % _values(reports)) if row["reportName"] is not None}

    def objects(self, subject, predicate) -> list:
        return [t.object for t in self.out.get(subject, ()) if t.predicate == predicate]

    def one(self, subject, predicate):
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def short(self, iri: str) -> str:
        return shorten(iri, self.prefixes)

    def term(self, node: ox.NamedNode) -> Term:
        return Term(node.value, self.short(node.value), self.labels.get(node.value, ""))

    def quote(self, node) -> Quote:
        from aikg.annotations import place

        section, report, text = self.one(node, LOCATION), self.one(node, ENTITY), self.one(node, VALUE).value
        return Quote(text, self.short(section.value) if section is not None else None,
                     self.labels.get(section.value) if section is not None else None,
                     self.report_names.get(report.value) if report is not None else None,
                     place(report.value, text, section.value if section is not None else None) if report is not None else None)

    def quotes(self, holder) -> list[Quote]:
        found = [self.quote(q) for q in self.objects(holder, QUOTATION) if self.one(q, VALUE) is not None]
        return sorted(found, key=lambda q: (q.text.casefold(), q.section or ""))


def _literal_type(node: ox.Literal, prefixes: dict[str, str]) -> str:
    if node.language:
        return "@" + node.language
    if node.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return ""
    return shorten(node.datatype.value, prefixes)


def _shown(g: _Graph, node) -> tuple[str, str, str | None, str]:
    """How one end of a fact is shown: (value, label, IRI, literal type)."""
    if isinstance(node, ox.NamedNode):
        short, label = g.short(node.value), g.labels.get(node.value, "")
        return short, "" if label == short else label, node.value, ""
    if isinstance(node, ox.Literal):
        return node.value, "", None, _literal_type(node, g.prefixes)
    if g.one(node, CURRENCY) == ox.Literal("EUR") and (value := g.one(node, ox.NamedNode(SCHEMA + "value"))) is not None:
        from aikg.network.money import euros  # an amount of money is written one way

        return euros(float(value.value)), "", None, ""
    parts = sorted(f"{g.short(t.predicate.value)} {_shown(g, t.object)[0]}" for t in g.out.get(node, ())
                   if t.predicate not in (TYPE, QUOTATION))
    return "[" + " ; ".join(parts) + "]", "", None, ""


def _statements(g: _Graph, resource) -> dict[tuple, list]:
    """(subject, predicate, object) -> the reified statements about that triple of the resource."""
    found: dict[tuple, list] = defaultdict(list)
    for node, triples in g.out.items():
        s, p, o = g.one(node, SUBJECT), g.one(node, PREDICATE), g.one(node, OBJECT)
        if p is not None and resource in (s, o):
            found[(s, p, o)].append(node)
    return found


def _evidence(g: _Graph, statements: dict[tuple, list], s, p, o) -> list[Evidence]:
    """The evidence of one triple (the rule of the module's docstring)."""
    notes, quotes = [], []
    for st in statements.get((s, p, o), ()):
        kind = "editorial" if EDITORIAL in g.objects(st, TYPE) else "note"
        notes += [Evidence(kind, c.value) for c in g.objects(st, COMMENT)]
        quotes += g.quotes(st)
    if isinstance(o, ox.BlankNode):
        quotes += g.quotes(o)
    if not quotes and s in g.relations and p.value not in DESCRIPTIVE:
        quotes = g.quotes(s)
    found = notes + [Evidence("quote", q.text, q.section, q.section_label, q.report_label, q.place) for q in quotes]
    return sorted(_unique(found), key=_order)


def _unique(items: list[Evidence]) -> list[Evidence]:
    return [e for i, e in enumerate(items) if e not in items[:i]]


def _order(e: Evidence) -> tuple:
    """Notes (our reading) first, then quotes by section and text."""
    return e.kind == "quote", e.section or "", e.text.casefold()


def _owner(g: _Graph, holder):
    """The IRI a quote is about: its holder, a statement's subject, or the resource that holds a blank holder."""
    if isinstance(holder, ox.NamedNode):
        return holder
    subject = g.one(holder, SUBJECT)
    if subject is not None:
        return subject
    return next((t.subject for t in g.into.get(holder, ()) if isinstance(t.subject, ox.NamedNode)), None)


def describe(store, resource: ox.NamedNode) -> Description:
    """The description of one resource (an IRI in the graph)."""
    triples, relations, truncated = _gather(store, resource)
    g = _Graph(store, triples, relations)
    statements = _statements(g, resource)
    facts: dict[tuple, Fact] = {}

    def fact(direction: str, s, p, o, asserted: bool = True) -> Fact:
        other = o if direction == "out" else s
        key = (direction, p, other)
        if key not in facts:
            value, label, iri, kind = _shown(g, other)
            facts[key] = Fact(direction, g.short(p.value), g.labels.get(p.value, ""), p.value, value, label, iri, kind,
                              asserted, _evidence(g, statements, s, p, o))
        return facts[key]

    for t in g.out.get(resource, ()):
        if t.predicate not in (TYPE, QUOTATION):
            fact("out", resource, t.predicate, t.object)
    for t in g.into.get(resource, ()):
        if isinstance(t.subject, ox.NamedNode) and t.subject != resource:
            fact("in", t.subject, t.predicate, resource)
    for s, p, o in statements:
        if ox.Triple(s, p, o) not in triples:
            fact("out" if s == resource else "in", s, p, o, asserted=False)
    for located in g.into.get(resource, ()):  # quotes located here (a section): what they are about
        if located.predicate != LOCATION or g.one(located.subject, VALUE) is None:
            continue
        q = g.quote(located.subject)
        for holder in (t.subject for t in g.into.get(located.subject, ()) if t.predicate == QUOTATION):
            owner = _owner(g, holder)
            if owner is not None and owner != resource:
                found = fact("in", owner, LOCATION, resource)
                found.evidence = sorted(_unique([*found.evidence, Evidence("quote", q.text, q.section, q.section_label,
                                                                           q.report_label, q.place)]),
                                        key=_order)
    entity = next(iter(store.query(_ENTITY_COUNT, {_R: resource})), None)
    types = sorted((g.term(t) for t in g.objects(resource, TYPE) if isinstance(t, ox.NamedNode)), key=lambda t: t.prefixed)
    ordered = sorted(facts.values(), key=lambda f: (f.direction != "out", f.predicate, f.value_label or f.value, f.value))
    return Description(resource.value, g.short(resource.value), g.labels.get(resource.value, ""), types,
                       g.quotes(resource), ordered, _money(g, statements, resource), int(entity["n"].value) if entity else 0,
                       truncated)


def _money(g: _Graph, statements: dict[tuple, list], resource) -> list[Money]:
    """The funding relations that fund the resource or that it funds, each with the evidence of its link here."""
    found = []
    for t in g.into.get(resource, ()):
        if t.predicate not in (FUNDER, FUNDED) or not isinstance(t.subject, ox.NamedNode):
            continue
        relation = t.subject
        for other in g.objects(relation, FUNDED if t.predicate == FUNDER else FUNDER):
            found.append(Money("out" if t.predicate == FUNDER else "in", g.term(relation), g.term(other),
                               _amount_words(g, relation), _evidence(g, statements, relation, t.predicate, resource)))
    return sorted(found, key=lambda m: (m.direction, m.relation.label or m.relation.prefixed, m.other.prefixed))


def _amount_words(g: _Graph, relation) -> str:
    """A funding relation's money in words (aikg.network.money), within the amount it is part
    of when that one is described here too; its status alone when the report gives no amount."""
    from aikg.network.money import Money as Amount  # the one way money is written

    def code(name: str) -> str:
        node = g.one(relation, ox.NamedNode(AIKG + name))
        return "" if node is None else node.value.rsplit("/", 1)[-1].replace("-", " ") if name == "qualifier" else \
            node.value.rsplit("/", 1)[-1]

    status = code("status")
    value = _amount_value(g, relation)
    if value is None:
        return f"no amount stated, {status.replace('-', ' ')}" if status else "no amount stated"
    year = g.one(relation, ox.NamedNode(AIKG + "year"))
    whole = g.one(relation, PART_OF)
    return Amount(value, code("qualifier") or "exactly", code("period"), status, year.value if year is not None else "",
                  _amount_value(g, whole) if whole is not None else None).describe()


def _amount_value(g: _Graph, relation) -> float | None:
    amount = g.one(relation, AMOUNT)
    value = g.one(amount, ox.NamedNode(SCHEMA + "value")) if amount is not None else None
    return float(value.value) if value is not None else None


# ---------------------------------------------------------------- printing


def evidence_text(e: Evidence) -> str:
    """One piece of evidence as a line: a quote with its section, or a note saying whose reading it is."""
    if e.kind == "quote":
        return f"“{e.text}”" + (f" ({e.where})" if e.where else "")
    return ("our reading: " if e.kind == "editorial" else "note: ") + e.text


def _facts_rows(description: Description) -> list[list[str]]:
    rows = []
    for f in description.facts:
        value = f"{f.value_label} ({f.value})" if f.value_label else f.value
        predicate = f.predicate if f.asserted else f"{f.predicate} (statement only)"
        rows.append(["→" if f.direction == "out" else "←", predicate, value, " | ".join(map(evidence_text, f.evidence))])
    return rows


def _money_rows(description: Description) -> list[list[str]]:
    return [["funds" if m.direction == "out" else "funded by", m.other.label or m.other.prefixed, m.amount,
             m.relation.prefixed, " | ".join(map(evidence_text, m.evidence))] for m in description.money]


def format_description(store, description: Description, fmt: str) -> str:
    """The description as a table, Markdown, JSON or Turtle."""
    if fmt == "json":
        return json.dumps(description.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "turtle":
        return format_graph(describe_triples(store, ox.NamedNode(description.iri)), "turtle", store.prefixes)
    table = "markdown" if fmt == "markdown" else "table"
    title = f"{description.label or description.prefixed} ({description.prefixed})"
    kinds = ", ".join(t.prefixed for t in description.types) or "untyped"
    parts = [(f"## {escape_markdown(title)}\n\nType: {escape_markdown(kinds)}\n" if table == "markdown"
              else f"{escape_controls(title)}\ntype: {escape_controls(kinds)}\n")]
    if description.quoted_as_source:
        parts.append(f"The source of {description.quoted_as_source} quotes (prov:entity).\n")
    heading = (lambda text: f"### {text}\n") if table == "markdown" else (lambda text: text.lower() + ":")
    if description.quotes:
        parts += [heading("Quotes"), format_rows(["quote", "where", "in the annotated report"],
                                                 [[q.text, q.where, q.place or ""] for q in description.quotes], table)]
    if description.money:
        parts += [heading("Money (funds, funded by)"), format_rows(
            ["", "with", "money", "relation", "evidence"], _money_rows(description), table)]
    parts += [heading("Facts (→ it says, ← said of it)"),
              format_rows(["", "property", "value", "evidence"], _facts_rows(description), table)]
    if description.truncated:
        parts.append(f"Only the first {MAX_INCOMING} links pointing here are shown; ask SPARQL for all of them.\n")
    return "\n".join(parts)
