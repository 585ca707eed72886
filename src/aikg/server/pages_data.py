"""What a page shows, gathered by SPARQL in a worker: a resource's facts with their evidence, the ontology.

Every query here is bound to the resource it describes (Oxigraph substitutions),
so a page costs in proportion to what the graph says about that resource.
The answers are plain dicts of strings, rendered by aikg.server.pages.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from aikg.prefixes import shorten
from aikg.server.formats import Answer, write_graph
from aikg.store import GraphStore

__all__ = ["resource", "resource_rdf", "ontology", "void", "network"]

S = ox.Variable("s")
HIDDEN_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
HIDDEN = {  # shown apart (title, types, quotes), not as facts
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/ns/prov#qualifiedQuotation", "http://www.w3.org/2004/02/skos/core#prefLabel",
}
MAX_INCOMING = 500
# Facts that describe a resource rather than state what the report says about it.
DESCRIPTIVE = {
    "http://www.w3.org/2000/01/rdf-schema#comment", "http://www.w3.org/2000/01/rdf-schema#seeAlso",
    "http://xmlns.com/foaf/0.1/homepage", "http://www.w3.org/2004/02/skos/core#altLabel",
}
# An actor's or initiative's quotes name it among others; any other resource with quotes (a funding
# relation, a recommendation, a target) is itself one statement of the report, backed as a whole.
_PARTICIPANT = "ASK { ?s a/rdfs:subClassOf* ?root VALUES ?root { aikg:Actor aikg:Initiative } }"

_OUT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
_IN = f"SELECT ?s ?x ?p WHERE {{ ?x ?p ?s FILTER (isIRI(?x)) }} LIMIT {MAX_INCOMING}"
_NESTED = "SELECT ?s ?b ?p ?o WHERE { ?s ?link ?b FILTER (isBlank(?b)) ?b ?p ?o }"
_QUOTES = """SELECT ?s ?quote ?section ?sectionLabel WHERE {
  ?s prov:qualifiedQuotation ?q . ?q prov:value ?quote .
  OPTIONAL { ?q prov:atLocation ?section OPTIONAL { ?section rdfs:label ?sectionLabel } }
} ORDER BY ?quote"""
_STATEMENTS = """SELECT ?s ?subject ?p ?o ?editorial ?why ?quote ?sectionLabel WHERE {
  { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . BIND (?s AS ?subject) }
  UNION
  { ?st rdf:object ?s ; rdf:predicate ?p ; rdf:subject ?subject . BIND (?s AS ?o) }
  BIND (EXISTS { ?st a aikg:EditorialStatement } AS ?editorial)
  OPTIONAL { ?st rdfs:comment ?why }
  OPTIONAL { ?st prov:qualifiedQuotation ?q . ?q prov:value ?quote
             OPTIONAL { ?q prov:atLocation/rdfs:label ?sectionLabel } }
}"""
_NAMES = "SELECT ?s ?name WHERE { ?s rdfs:label|skos:prefLabel|skos:altLabel ?name }"
_MONEY = """SELECT ?s ?funding ?direction ?other ?amount ?currency ?qualifier ?period ?status ?quote ?sectionLabel WHERE {
  { ?funding schema:funder ?s ; schema:fundedItem ?other . BIND ("out" AS ?direction) }
  UNION
  { ?funding schema:fundedItem ?s ; schema:funder ?other . BIND ("in" AS ?direction) }
  OPTIONAL { ?funding schema:amount ?a . ?a schema:value ?amount OPTIONAL { ?a schema:currency ?currency } }
  OPTIONAL { ?funding aikg:qualifier/skos:prefLabel ?qualifier FILTER (langMatches(lang(?qualifier), "en")) }
  OPTIONAL { ?funding aikg:period/skos:prefLabel ?period FILTER (langMatches(lang(?period), "en")) }
  OPTIONAL { ?funding aikg:status/skos:prefLabel ?status FILTER (langMatches(lang(?status), "en")) }
  OPTIONAL { ?funding prov:qualifiedQuotation ?q . ?q prov:value ?quote
             OPTIONAL { ?q prov:atLocation/rdfs:label ?sectionLabel } }
} ORDER BY ?direction ?funding"""


def _rows(store: GraphStore, text: str, node: ox.NamedNode) -> list[dict[str, object]]:
    answer = store.query(text, {S: node})
    names = [v.value for v in answer.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in answer]


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
    if isinstance(term, ox.NamedNode):
        return {"iri": term.value, "label": labels.get(term.value, ""), "short": shorten(term.value, prefixes)}
    if isinstance(term, ox.BlankNode):
        return {"bnode": term.value}
    out = {"literal": term.value}
    if term.language:
        out["lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = shorten(term.datatype.value, prefixes)
    return out


def _quote(row: dict, key: str = "quote", section: str = "sectionLabel") -> dict[str, str]:
    return {"quote": row[key].value, "section": row[section].value if section in row else ""}


def _mentions(quote: str, names: list[str]) -> bool:
    text = quote.casefold()
    return any(len(n) > 2 and n.casefold() in text for n in names)


def _known(store: GraphStore, iri: str) -> ox.NamedNode | None:
    """The IRI as a node, if it is a valid IRI that the graph mentions."""
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return None
    return node if store.contains(node) else None


def resource(store: GraphStore, paths, iri: str) -> dict | None:
    """Everything the graph says about one IRI, each fact with its evidence; None if it is not there."""
    node = _known(store, iri)
    if node is None:
        return None
    prefixes = store.prefixes
    out = _rows(store, _OUT, node)
    incoming = _rows(store, _IN, node)
    nested = _rows(store, _NESTED, node)
    quotes = [_quote(r) for r in _rows(store, _QUOTES, node)]
    statements = _rows(store, _STATEMENTS, node)
    money = _rows(store, _MONEY, node)
    terms = [node] + [t for r in out + incoming + nested for t in r.values()] + [r["other"] for r in money]
    terms += [r[k] for r in statements for k in ("p", "o", "subject")]
    labels = _labels(store, terms)
    own_names = [r["name"].value for r in _rows(store, _NAMES, node)]
    backed_as_a_whole = bool(quotes) and not store.query(_PARTICIPANT, {S: node})

    by_blank: dict[str, list] = defaultdict(list)
    for row in nested:
        by_blank[row["b"].value].append((_term(row["p"], labels, prefixes), _term(row["o"], labels, prefixes)))

    def evidence(subject: ox.NamedNode, predicate: ox.NamedNode, obj) -> dict[str, list]:
        found = {"editorial": [], "quotes": []}
        for st in statements:
            if (st["subject"], st["p"], st["o"]) != (subject, predicate, obj):
                continue
            if "why" in st and st["editorial"].value == "true":
                found["editorial"].append(st["why"].value)
            if "quote" in st:
                found["quotes"].append(_quote(st))
        if not found["quotes"]:
            other = obj if subject == node else subject
            other_names = [labels[other.value]] if isinstance(other, ox.NamedNode) and other.value in labels else []
            if isinstance(other, ox.Literal):
                other_names = [other.value]
            found["quotes"] = [q for q in quotes if _mentions(q["quote"], other_names)]
            if isinstance(other, ox.NamedNode) and own_names:
                found["quotes"] += [_quote(r) for r in _rows(store, _QUOTES, other) if _mentions(r["quote"].value, own_names)]
        found["editorial"] = sorted(set(found["editorial"]))
        if (backed_as_a_whole and subject == node and predicate.value not in DESCRIPTIVE
                and not found["quotes"] and not found["editorial"]):
            found["quotes"] = quotes
        return found

    facts = []
    for row in out:
        if row["p"].value in HIDDEN:
            continue
        value = _term(row["o"], labels, prefixes)
        if "bnode" in value:
            value["parts"] = by_blank.get(value["bnode"], [])
        facts.append({"property": _term(row["p"], labels, prefixes), "value": value,
                      "evidence": evidence(node, row["p"], row["o"])})
    facts.sort(key=lambda f: (f["property"]["label"] or f["property"]["short"], str(f["value"])))
    links_in = [{"subject": _term(r["x"], labels, prefixes), "property": _term(r["p"], labels, prefixes),
                 "evidence": evidence(r["x"], r["p"], node)} for r in incoming]
    links_in.sort(key=lambda f: (f["property"]["label"] or f["property"]["short"], f["subject"]["label"]))
    types = [_term(r["o"], labels, prefixes) for r in out if r["p"].value == HIDDEN_TYPE]
    return {
        "iri": iri,
        "short": shorten(iri, prefixes),
        "label": labels.get(iri, ""),
        "types": sorted(types, key=lambda t: t["label"] or t["short"]),
        "facts": facts,
        "incoming": links_in,
        "quotes": quotes,
        "money": _money(money, labels, prefixes),
        "truncated_incoming": len(incoming) >= MAX_INCOMING,
    }


def _money(rows: list[dict], labels: dict[str, str], prefixes: dict[str, str]) -> list[dict]:
    """One entry per funding relation, its quotes gathered."""
    relations: dict[str, dict] = {}
    for row in rows:
        key = row["funding"].value + row["direction"].value
        entry = relations.setdefault(key, {
            "funding": _term(row["funding"], labels, prefixes),
            "direction": row["direction"].value,
            "other": _term(row["other"], labels, prefixes),
            "amount": row["amount"].value if "amount" in row else "",
            "currency": row["currency"].value if "currency" in row else "",
            **{k: row[k].value if k in row else "" for k in ("qualifier", "period", "status")},
            "quotes": [],
        })
        if "quote" in row and _quote(row) not in entry["quotes"]:
            entry["quotes"].append(_quote(row))
    return list(relations.values())


def resource_rdf(store: GraphStore, paths, iri: str, media_type: str) -> Answer | None:
    """The resource's own triples and those of its blank nodes (amounts, quotations), as RDF."""
    node = _known(store, iri)
    if node is None:
        return None
    triples = list(store.query("""CONSTRUCT { ?s ?p ?o . ?o ?p2 ?o2 . ?x ?p3 ?s } WHERE {
      { ?s ?p ?o OPTIONAL { FILTER (isBlank(?o)) ?o ?p2 ?o2 } } UNION { ?x ?p3 ?s FILTER (isIRI(?x)) } }""", {S: node}))
    return Answer(write_graph(triples, media_type, store.prefixes), media_type, len(triples))


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


def ontology_rdf(store: GraphStore, paths, media_type: str) -> Answer:
    """The ontology file's own triples (its named graph), for machines that dereference the ontology's IRI."""
    from aikg.paths import ONTOLOGY_DIR
    from aikg.sources import graph_name

    graph = ox.NamedNode(graph_name(ONTOLOGY_DIR / "aikg.ttl"))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.store.quads_for_pattern(None, None, None, graph)]
    return Answer(write_graph(triples, media_type, store.prefixes), media_type, len(triples))


def void(store: GraphStore, paths, media_type: str) -> Answer:
    """The dataset's VoID/DCAT description, as aikg export writes it."""
    from aikg.export import DESCRIPTION_GRAPH, published

    triples = published(paths).graphs[DESCRIPTION_GRAPH]
    return Answer(write_graph(triples, media_type, store.prefixes), media_type, len(triples))


def network(store: GraphStore, paths) -> Answer:
    """The interactive actor network page (aikg network)."""
    from aikg.network import build_network, render

    return Answer(render(build_network(store), "html"), "text/html")
