"""The dataset's description for catalogues: DCAT 3 (as DCAT-AP profiles it) and VoID.

Everything that can be read from the graph is read from it: the source reports and
their citation, the places they cover, the dates, the vocabularies used, the size.
Byte sizes of the dumps are known only once they are written, so they appear in the
catalogue record that ``aikg build`` writes beside the dumps, not inside the dumps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["DumpFormat", "DUMP_FORMATS", "DUMP_BASE", "DATASET", "CATALOG", "PUBLISHER", "describe_dataset", "described", "dump_url", "namespace", "vocabularies"]

DUMP_BASE = "https://w3id.org/aikg/dump/"
DATASET = "https://w3id.org/aikg/id/dataset"
CATALOG = "https://w3id.org/aikg/id/catalog"
PUBLISHER = "https://w3id.org/aikg/id/publisher/aikg-project"
CONTACT = "https://w3id.org/aikg/id/publisher/aikg-project#contact"
PROJECT_PAGE = "https://w3id.org/aikg"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"

AIKG = "https://w3id.org/aikg/ontology#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SD = "http://www.w3.org/ns/sparql-service-description#"
VCARD = "http://www.w3.org/2006/vcard/ns#"
VOID = "http://rdfs.org/ns/void#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
IANA = "https://www.iana.org/assignments/media-types/"

THEMES = {"TECH": "Science and technology", "GOVE": "Government and public sector"}  # EU data themes
STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"
SKOS = "http://www.w3.org/2004/02/skos/core#"
KEYWORDS = ("artificial intelligence", "national AI strategy", "AI policy", "public funding",
            "policy recommendations", "linked data", "knowledge graph")


@dataclass(frozen=True)
class DumpFormat:
    name: str
    extension: str
    media_type: str
    file_type: str  # code in the EU file-type authority table
    w3c_format: str  # http://www.w3.org/ns/formats/...
    named_graphs: bool


DUMP_FORMATS = {f.name: f for f in (
    DumpFormat("turtle", ".ttl", "text/turtle", "RDF_TURTLE", "Turtle", False),
    DumpFormat("nt", ".nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples", False),
    DumpFormat("nquads", ".nq", "application/n-quads", "RDF_N_QUADS", "N-Quads", True),
    DumpFormat("trig", ".trig", "application/trig", "RDF_TRIG", "TriG", True),
    DumpFormat("json-ld", ".jsonld", "application/ld+json", "JSON_LD", "JSON-LD", False),
    DumpFormat("xml", ".rdf", "application/rdf+xml", "RDF_XML", "RDF_XML", False),
)}


def dump_url(fmt: str, base: str = DUMP_BASE) -> str:
    return f"{base}aikg{DUMP_FORMATS[fmt].extension}"


def vocabularies(triples: Iterable[ox.Triple]) -> set[str]:
    """Namespaces of the properties and classes that the triples use."""
    used = set()
    for t in triples:
        used.add(namespace(t.predicate.value))
        if t.predicate.value == RDF + "type" and isinstance(t.object, ox.NamedNode):
            used.add(namespace(t.object.value))
    return used


# What the description's queries read: the store they run on holds only these triples.
_READ = frozenset(prefix + name for prefix, names in (
    (AIKG, ("sourceText", "year", "deadline")), (DCT, ("title", "created", "publisher", "spatial", "modified")),
    (RDFS, ("label",)), (FOAF, ("homepage",)), ("https://schema.org/", ("validFrom", "validThrough", "startDate")))
    for name in names)
_OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"


def described(triple: ox.Triple | ox.Quad) -> bool:
    """Whether the description reads ``triple`` (the source reports, dates and periods)."""
    predicate = triple.predicate.value
    return predicate in _READ or (predicate == RDF + "type" and triple.object.value == _OWL_ONTOLOGY)


def namespace(iri: str) -> str:
    return iri[: max(iri.rfind("#"), iri.rfind("/")) + 1]


def describe_dataset(
    content: list[ox.Triple],
    graphs: Mapping[str, int],
    *,
    union_default_graph: bool = True,
    base: str = DUMP_BASE,
    sparql_endpoint: str | None = None,
    byte_sizes: Mapping[str, int] | None = None,
    triple_count: int | None = None,
    used: set[str] | None = None,
) -> list[ox.Triple]:
    """The catalogue, dataset, distributions and VoID statistics for ``content``.

    ``graphs`` maps each named graph to its number of triples; ``union_default_graph``
    says whether the quad dumps repeat every triple in their default graph.
    A caller that streams a large dataset passes only the triples that ``described``
    keeps, with the number of distinct triples and the vocabularies of the whole.
    """
    content = list(content)
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in content if described(t))
    out = _Triples()
    d, catalog, publisher = DATASET, CATALOG, PUBLISHER

    out.add(catalog, RDF + "type", DCAT + "Catalog")
    out.text(catalog, DCT + "title", "aikg catalogue")
    out.text(catalog, DCT + "description", "The datasets of the aikg project: national AI strategies as linked data.")
    out.add(catalog, DCT + "publisher", publisher)
    out.add(catalog, DCAT + "dataset", d)
    out.add(catalog, FOAF + "homepage", PROJECT_PAGE)
    out.add(catalog, DCT + "license", LICENCE)

    for kind in (DCAT + "Dataset", VOID + "Dataset"):
        out.add(d, RDF + "type", kind)
    out.text(d, DCT + "title", "aikg: knowledge graph of national AI strategies")
    out.text(d, DCT + "description",
             "Actors, programmes, pillars, recommendations, targets and funding relations of national AI "
             "strategies, every fact traced to a verbatim quote of its source report. The types and properties "
             "of W3C ORG, the EU Core Public Organisation Vocabulary, schema.org, PROV-O, SKOS and DCMI terms "
             "that the ontology implies are stated in the data, so no reasoner is needed.")
    out.add(d, DCT + "license", LICENCE)
    out.add(LICENCE, RDF + "type", DCT + "LicenseDocument")
    out.text(LICENCE, RDFS + "label", "Creative Commons Attribution 4.0 International (CC BY 4.0)")
    out.add(d, DCT + "publisher", publisher)
    for kind in (FOAF + "Agent", FOAF + "Organization"):
        out.add(publisher, RDF + "type", kind)
    out.add(publisher, FOAF + "name", ox.Literal("The aikg project"))
    out.add(publisher, FOAF + "homepage", PROJECT_PAGE)
    out.add(d, DCAT + "contactPoint", CONTACT)
    for kind in (VCARD + "Kind", VCARD + "Organization"):
        out.add(CONTACT, RDF + "type", kind)
    out.add(CONTACT, VCARD + "fn", ox.Literal("The aikg project"))
    out.add(CONTACT, VCARD + "hasURL", PROJECT_PAGE)
    out.add(d, DCAT + "landingPage", PROJECT_PAGE)
    for keyword in KEYWORDS:
        out.text(d, DCAT + "keyword", keyword)
    for code, label in THEMES.items():
        _concept(out, DATA_THEME + code, label)
        out.add(d, DCAT + "theme", DATA_THEME + code)
    out.add(d, VOID + "uriSpace", ox.Literal("https://w3id.org/aikg/id/"))
    count = triple_count if triple_count is not None else len(set(content))
    out.add(d, VOID + "triples", ox.Literal(str(count), datatype=ox.NamedNode(XSD + "integer")))
    _describe_sources(store, out, d)
    _describe_dates(store, out, d)
    _describe_period(store, out, d)
    _describe_graphs(out, d, graphs)
    _describe_distributions(out, d, base, byte_sizes or {}, union_default_graph)
    if sparql_endpoint:
        _describe_endpoint(out, d, sparql_endpoint)
    for vocabulary in sorted((used if used is not None else vocabularies(content)) | vocabularies(out.triples)):
        out.add(d, VOID + "vocabulary", vocabulary)
    return sorted(out.triples, key=str)


class _Triples:
    def __init__(self) -> None:
        self.triples: set[ox.Triple] = set()

    def add(self, s: str, p: str, o: str | ox.Literal | ox.NamedNode) -> None:
        obj = ox.NamedNode(o) if isinstance(o, str) else o
        self.triples.add(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), obj))

    def text(self, s: str, p: str, value: str) -> None:
        self.add(s, p, ox.Literal(value, language="en"))


_SOURCES = """
PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?report ?title ?created ?publisherName ?homepage ?place WHERE {
  ?report aikg:sourceText ?text ; dct:title ?title .
  OPTIONAL { ?report dct:created ?created }
  OPTIONAL { ?report dct:publisher/rdfs:label ?publisherName }
  OPTIONAL { ?report foaf:homepage ?homepage }
  OPTIONAL { ?report dct:spatial ?place }
} ORDER BY ?report
"""


def _describe_sources(store: ox.Store, out: _Triples, d: str) -> None:
    """Each source report: prov:wasDerivedFrom, its citation, and the place it covers."""
    for row in store.query(_SOURCES):
        report = row["report"].value
        out.add(d, PROV + "wasDerivedFrom", report)
        if row["place"] is not None:
            out.add(d, DCT + "spatial", row["place"].value)
            out.add(row["place"].value, RDF + "type", DCT + "Location")
        out.add(report, DCT + "bibliographicCitation", ox.Literal(_citation(row), language="en"))


def _citation(row: ox.QuerySolution) -> str:
    """Author (year). Title. Date. URL: the report's own metadata, in the usual order."""
    created = row["created"].value if row["created"] is not None else ""
    parts = [f"{row['publisherName'].value} ({created[:4]})." if row["publisherName"] is not None else "",
             f"{row['title'].value}.", f"Created {created}." if created else "",
             row["homepage"].value if row["homepage"] is not None else ""]
    return " ".join(p for p in parts if p)


_DATES = """
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?issued ?modified WHERE {
  ?ontology a owl:Ontology ; dct:created ?issued .
  OPTIONAL { ?ontology dct:modified ?modified }
} ORDER BY ?issued LIMIT 1
"""


def _describe_dates(store: ox.Store, out: _Triples, d: str) -> None:
    """Issued when the ontology was created; modified when it says it was (never the clock,
    so that two exports of the same data are the same bytes)."""
    for row in store.query(_DATES):
        out.add(d, DCT + "issued", row["issued"])
        out.add(d, DCT + "modified", row["modified"] if row["modified"] is not None else row["issued"])


_PERIOD = """
PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX schema: <https://schema.org/>
SELECT (MIN(?year) AS ?first) (MAX(?year) AS ?last) WHERE {
  VALUES ?when { aikg:year schema:validFrom schema:validThrough schema:startDate aikg:deadline }
  ?thing ?when ?date .
  BIND (SUBSTR(STR(?date), 1, 4) AS ?year)
}
"""


def _describe_period(store: ox.Store, out: _Triples, d: str) -> None:
    """Temporal coverage: from the earliest to the latest year that a fact is dated with."""
    for row in store.query(_PERIOD):
        if row["first"] is None:
            return
        period = d + "#period"
        out.add(d, DCT + "temporal", period)
        out.add(period, RDF + "type", DCT + "PeriodOfTime")
        for prop, year in ((DCAT + "startDate", row["first"]), (DCAT + "endDate", row["last"])):
            out.add(period, prop, ox.Literal(year.value, datatype=ox.NamedNode(XSD + "gYear")))


def _concept(out: _Triples, iri: str, label: str) -> None:
    """A concept of an EU authority table, typed and labelled so a catalogue needs no lookup."""
    out.add(iri, RDF + "type", SKOS + "Concept")
    out.text(iri, SKOS + "prefLabel", label)


def _describe_graphs(out: _Triples, d: str, graphs: Mapping[str, int]) -> None:
    """One VoID subset per named graph, with its name and size."""
    for name, count in sorted(graphs.items()):
        subset = f"{d}/graph/{name.rsplit('/graph/', 1)[-1]}"
        out.add(d, VOID + "subset", subset)
        out.add(subset, RDF + "type", VOID + "Dataset")
        out.add(subset, SD + "name", name)
        out.add(subset, VOID + "triples", ox.Literal(str(count), datatype=ox.NamedNode(XSD + "integer")))


def _describe_distributions(out: _Triples, d: str, base: str, byte_sizes: Mapping[str, int], union: bool) -> None:
    for fmt in DUMP_FORMATS.values():
        url = dump_url(fmt.name, base)
        distribution = f"{d}/distribution/{fmt.name}"
        out.add(d, DCAT + "distribution", distribution)
        out.add(d, VOID + "dataDump", url)
        out.add(d, VOID + "feature", "http://www.w3.org/ns/formats/" + fmt.w3c_format)
        out.add(distribution, RDF + "type", DCAT + "Distribution")
        out.text(distribution, DCT + "title", f"aikg as {fmt.w3c_format.replace('_', '/')}")
        out.add(distribution, DCAT + "accessURL", url)
        out.add(distribution, DCAT + "downloadURL", url)
        out.add(distribution, DCAT + "mediaType", IANA + fmt.media_type)
        out.add(IANA + fmt.media_type, RDF + "type", DCT + "MediaType")
        out.add(distribution, DCT + "format", FILE_TYPE + fmt.file_type)
        out.add(FILE_TYPE + fmt.file_type, RDF + "type", DCT + "MediaTypeOrExtent")
        out.add(distribution, DCT + "license", LICENCE)
        out.add(distribution, "http://data.europa.eu/r5r/availability", STABLE)
        _concept(out, STABLE, "stable")
        out.text(distribution, DCT + "description", _layout(fmt, union))
        if fmt.name in byte_sizes:
            out.add(distribution, DCAT + "byteSize",
                    ox.Literal(str(byte_sizes[fmt.name]), datatype=ox.NamedNode(XSD + "nonNegativeInteger")))


def _layout(fmt: DumpFormat, union: bool) -> str:
    """How the graphs are laid out in the dump: what a store loading it needs to know."""
    if not fmt.named_graphs:
        return "All triples in one graph: the ontology, code lists, data, the standard types they imply and this description."
    if union:
        return ("One named graph per source file (with the standard types its triples imply) and one for this "
                "description; the default graph holds the union of all of them, so queries work in stores that do not union "
                "named graphs.")
    return ("One named graph per source file (with the standard types its triples imply) and one for this "
            "description; the default graph is empty: query it in a store whose default graph is the union of the named graphs.")


def _describe_endpoint(out: _Triples, d: str, endpoint: str) -> None:
    out.add(d, VOID + "sparqlEndpoint", endpoint)
    out.add(endpoint, RDF + "type", DCAT + "DataService")
    out.text(endpoint, DCT + "title", "aikg SPARQL endpoint")
    out.add(endpoint, DCAT + "endpointURL", endpoint)
    out.add(endpoint, DCAT + "servesDataset", d)
    out.add(endpoint, DCT + "conformsTo", "https://www.w3.org/TR/sparql11-protocol/")
