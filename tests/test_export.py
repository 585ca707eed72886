"""The dumps: read back by independent parsers, answer every named query in a store that does not
union its graphs, carry the standard types, come out byte-identical run after run, and describe
themselves well enough for a DCAT-AP catalogue.

What a dump must hold is worked out here without the exporter: rdflib reads each source file,
the standard triples they imply are added by the ontology's own rule (rdfs:subClassOf and
rdfs:subPropertyOf up to a term outside aikg's namespace), and graphs are compared up to
their blank node labels with rdflib.compare."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld
from pyshacl import validate
from rdflib import BNode, Dataset, Graph, Namespace, URIRef
from rdflib.compare import to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from aikg.catalog import DATASET
from aikg.export import EXPORT_FORMATS, Dumps, export
from aikg.framing import CONTEXT_URL, jsonld_context
from aikg.query import bind_params, list_queries, run_query
from aikg.store import open_store

VOID = Namespace("http://rdfs.org/ns/void#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
              "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML}
SHAPES = Path(__file__).parent / "shapes" / "dcat-ap-3.ttl"
REPORT = "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020"
ROOT = Path(__file__).resolve().parent.parent
OWN_NAMESPACE = "https://w3id.org/aikg/"
GRAPH_BASE = OWN_NAMESPACE + "graph/"
DESCRIPTION = GRAPH_BASE + "void"
CATALOG = OWN_NAMESPACE + "id/catalog"
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "trig": "trig", "xml": "xml"}
PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#> PREFIX cv: <http://data.europa.eu/m8g/>
PREFIX schema: <https://schema.org/> PREFIX dct: <http://purl.org/dc/terms/> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX beo: <https://w3id.org/aikg/id/be/org/> PREFIX bed: <https://w3id.org/aikg/id/be/report/> """


_EXPORT_ALL = """
import sys
from pathlib import Path
from aikg.export import EXPORT_FORMATS, export
for fmt in EXPORT_FORMATS:
    Path(sys.argv[1], fmt).write_bytes(export(fmt))
"""
EXPORT_MEMORY = 3 * 2**30  # bytes of address space: a breakage that makes an export run away fails, not the machine


def _export_all(folder: Path, **env: str) -> dict[str, bytes]:
    """Every dump, made by a process of its own under a memory and a time limit."""
    import resource

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (EXPORT_MEMORY, EXPORT_MEMORY))

    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", _EXPORT_ALL, str(folder)], check=True, env={**os.environ, **env}, timeout=300,
                   preexec_fn=bounded)
    return {fmt: (folder / fmt).read_bytes() for fmt in EXPORT_FORMATS}


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> dict[str, bytes]:
    return _export_all(tmp_path_factory.mktemp("dumps"))


# ------------------------------------------------------------------ what a dump must hold, worked out apart


def source_files() -> list[Path]:
    """The files the project publishes, by its layout: the ontology folder but its SHACL shapes, and the data."""
    return [p for p in sorted((ROOT / "ontology").glob("*.ttl")) if p.name != "shapes.ttl"] + sorted((ROOT / "data").rglob("*.ttl"))


@functools.cache
def expected_graphs() -> dict[str, frozenset]:
    """Each source file's triples as rdflib reads them, with the standard triples they imply, by graph name
    (``.../graph/`` and the file's path without ``.ttl``). Each file's blank nodes are its own."""
    read = {GRAPH_BASE + p.relative_to(ROOT).with_suffix("").as_posix(): Graph().parse(p, format="turtle", publicID=p.as_uri())
            for p in source_files()}
    ontology = Graph()
    for name, graph in read.items():
        if name.startswith(GRAPH_BASE + "ontology/"):
            ontology += graph
    return {name: frozenset(_with_implied(graph, ontology)) for name, graph in read.items()}


def _with_implied(graph: Graph, ontology: Graph) -> set:
    """RDFS rules rdfs9 and rdfs7 by the ontology's alignments, keeping only the standard terms they reach:
    an aikg:FundingAgency is also an org:FormalOrganization, an aikg:memberOf also an org:memberOf."""
    @functools.cache
    def standard_above(term, link) -> list:
        return [t for t in ontology.transitive_objects(term, link)
                if t != term and isinstance(t, URIRef) and not str(t).startswith(OWN_NAMESPACE)]

    out = set(graph)
    for s, p, o in graph:
        out.update((s, q, o) for q in standard_above(p, RDFS.subPropertyOf))
        if p == RDF.type:
            out.update((s, RDF.type, c) for c in standard_above(o, RDFS.subClassOf))
    return out


@functools.cache
def published_triples() -> frozenset:
    """Every triple of the sources and of what they imply, once (a triple stated in two files is one triple)."""
    return frozenset().union(*expected_graphs().values())


def _offline(url, options=None):
    raise AssertionError(f"the JSON-LD export made the processor fetch {url}")


def _read_dump(data: bytes, fmt: str) -> dict[str | None, set]:
    """The dump's triples by graph name (None: the default graph), as rdflib reads it; JSON-LD through pyld,
    with a document loader that refuses every fetch."""
    if fmt == "json-ld":
        data, fmt = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads", "documentLoader": _offline}).encode(), "nquads"
    if not EXPORT_FORMATS[fmt].named_graphs:
        return {None: set(Graph().parse(data=data, format=RDFLIB_FORMATS[fmt]))}
    dataset = Dataset()
    with warnings.catch_warnings():  # rdflib 7's own parsers call its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    graphs: dict[str | None, set] = {}
    for s, p, o, name in dataset.quads((None, None, None, None)):
        graphs.setdefault(None if name == DATASET_DEFAULT_GRAPH_ID else str(name), set()).add((s, p, o))
    return graphs


def _has_blank(triple) -> bool:
    return isinstance(triple[0], BNode) or isinstance(triple[2], BNode)


def _shape(triples: Iterable) -> tuple[frozenset, Counter]:
    """The graph up to blank node labels: its ground triples, and the canonical digest (rdflib.compare) of
    each group of triples linked by blank nodes. Two graphs are isomorphic exactly when their shapes are
    equal; canonicalising group by group takes a second where the whole graph takes half a minute."""
    triples = set(triples)
    parent: dict = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    blank = [t for t in triples if _has_blank(t)]
    for s, _, o in blank:
        nodes = [n for n in (s, o) if isinstance(n, BNode)]
        parent[root(nodes[0])] = root(nodes[-1])
    groups: dict = {}
    for t in blank:
        groups.setdefault(root(t[0] if isinstance(t[0], BNode) else t[2]), Graph()).add(t)
    digests = Counter(to_isomorphic(group).graph_digest() for group in groups.values())
    return frozenset(t for t in triples if not _has_blank(t)), digests


def _beyond_the_sources(triples: set) -> set:
    """The ground triples of a dump that are neither in the sources nor implied by them."""
    return {t for t in triples if not _has_blank(t)} - published_triples()


def _assert_describes_the_dataset(triples: set) -> None:
    """All IRIs, every statement about the catalogue, the dataset or something they point to."""
    reached, todo = set(), [URIRef(CATALOG), URIRef(DATASET)]
    while todo:
        node = todo.pop()
        if node not in reached:
            reached.add(node)
            todo.extend(o for s, _, o in triples if s == node)
    assert not any(_has_blank(t) for t in triples)
    assert {s for s, _, _ in triples} <= reached, sorted({s for s, _, _ in triples} - reached)[:5]
    assert (URIRef(DATASET), RDF.type, VOID.Dataset) in triples


def _quads(data: bytes, fmt: str) -> list[ox.Quad]:
    """Quads as an independent processor reads them: pyld for JSON-LD, Oxigraph for the rest."""
    if fmt == "json-ld":
        data = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads", "documentLoader": _offline}).encode()
        return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    parsed = ox.parse(data, format=OX_FORMATS[fmt])
    return [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in parsed]


def _default_graph_store(data: bytes, fmt: str) -> ox.Store:
    """A plain Oxigraph store: its default graph is not the union of the named graphs."""
    store = ox.Store()
    store.bulk_extend(_quads(data, fmt))
    return store


# ------------------------------------------------------------------ content


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_dump_holds_the_sources_the_implied_triples_and_the_description(fmt: str, dumps) -> None:
    """Nothing missing, nothing more than the description, no blank node merged or split, none written twice."""
    triples = set().union(*_read_dump(dumps[fmt], fmt).values())
    missing = {t for t in published_triples() if not _has_blank(t)} - triples
    assert not missing, sorted(missing)[:5]
    description = _beyond_the_sources(triples)
    _assert_describes_the_dataset(description)
    assert _shape(triples - description) == _shape(published_triples())
    if fmt in ("nt", "nquads"):
        lines = dumps[fmt].splitlines()
        assert len(lines) == len(set(lines)), "a statement is written twice"


def test_implied_triples_follow_the_ontology(dumps) -> None:
    """The ontology aligns aikg:FundingAgency with org:FormalOrganization and cv:PublicOrganisation. The report:
    "the regional innovation funding body Innoviris", "FWO (funding for HEIs) and VLAIO (funding for enterprises)"."""
    org, agency = "https://w3id.org/aikg/id/be/org/", URIRef("https://w3id.org/aikg/ontology#FundingAgency")
    formal, public = URIRef("http://www.w3.org/ns/org#FormalOrganization"), URIRef("http://data.europa.eu/m8g/PublicOrganisation")
    triples = _read_dump(dumps["nt"], "nt")[None]
    agencies = {s for s, p, o in triples if p == RDF.type and o == agency}
    assert {URIRef(org + name) for name in ("innoviris", "fwo", "vlaio")} <= agencies
    assert all({(a, RDF.type, formal), (a, RDF.type, public)} <= triples for a in agencies)


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_quad_dumps_keep_one_graph_per_file_and_repeat_everything_in_the_default_graph(fmt: str, dumps) -> None:
    graphs = _read_dump(dumps[fmt], fmt)
    assert set(graphs) - {None} == set(expected_graphs()) | {DESCRIPTION}
    assert GRAPH_BASE + "data/be/funding" in graphs
    for name, expected in expected_graphs().items():  # each file's graph, blank nodes and all, with what it implies
        assert _shape(graphs[name]) == _shape(expected), name
    _assert_describes_the_dataset(graphs[DESCRIPTION])
    assert graphs[DESCRIPTION] - published_triples() == _beyond_the_sources(set().union(*graphs.values()))
    assert graphs[None] == set().union(*(triples for name, triples in graphs.items() if name is not None))


def test_named_graphs_only_leaves_the_default_graph_empty_and_says_so() -> None:
    quads = _quads(export("trig", union_default_graph=False), "trig")
    assert quads and not [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    layout = [q.object.value for q in quads if q.predicate.value == str(DCTERMS.description)
              and q.subject.value == f"{DATASET}/distribution/trig"]
    assert layout and "the default graph is empty" in layout[0]


# ------------------------------------------------------------------ a store without union or inference


@pytest.fixture(scope="module")
def local_answers() -> dict:
    """What `aikg query` answers on the project's data (what the dumps hold), per named query, with the default parameters."""
    store = open_store()
    answers = {}
    for query in list_queries():
        result = run_query(store, query)
        answers[query.name] = (query, result.vars, bind_params(store, query, {}),
                               sorted((tuple(_comparable(t) for t in row) for row in result.rows), key=repr))
    return answers


def _comparable(term) -> object:
    """A term from rdflib or Oxigraph: numbers and booleans by value, blank nodes as one token, the rest
    by text. (A boolean by value: Virtuoso writes true as "1"^^xsd:boolean, the same value.)"""
    from decimal import Decimal

    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, (BNode, ox.BlankNode)):
        return "_:b"
    numeric = {str(XSD.decimal), str(XSD.integer), str(XSD.double)}
    canonical_boolean = {"1": "true", "0": "false"}
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else None
        if datatype == str(XSD.boolean):
            return (canonical_boolean.get(str(term), str(term)), None)
        return Decimal(str(term.toPython())) if datatype in numeric else (str(term), term.language)
    if isinstance(term, ox.Literal):
        if term.datatype.value == str(XSD.boolean):
            return (canonical_boolean.get(term.value, term.value), None)
        return Decimal(term.value) if term.datatype.value in numeric else (term.value, term.language)
    return str(term) if isinstance(term, URIRef) else term.value


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_named_query_answers_the_same_on_the_dump_in_a_plain_store(fmt: str, dumps, local_answers) -> None:
    store = _default_graph_store(dumps[fmt], fmt)
    for name, (query, variables, bindings, expected) in local_answers.items():
        solutions = store.query(query.text, substitutions=bindings)
        rows = sorted((tuple(_comparable(s[v]) for v in variables) for s in solutions), key=repr)
        assert rows == expected, f"{name} on the {fmt} dump"
        assert rows, f"{name} answers nothing"


def test_standard_vocabularies_answer_without_inference(dumps) -> None:
    """The report: Innoviris, FWO and VLAIO are public funding bodies; in 2019 FWO invested
    "more than €15 million" in AI projects; forty experts of the AI4Belgium coalition prepared its report."""
    store = _default_graph_store(dumps["trig"], "trig")

    def values(where: str) -> set[str]:
        return {row[0].value for row in store.query(PREFIXES + f"SELECT ?x WHERE {{ {where} }}")}

    public_bodies = values("?x a cv:PublicOrganisation")
    assert {"https://w3id.org/aikg/id/be/org/innoviris", "https://w3id.org/aikg/id/be/org/fwo",
            "https://w3id.org/aikg/id/be/org/vlaio"} <= public_bodies
    assert public_bodies <= values("?x a org:FormalOrganization") <= values("?x a org:Organization")
    assert values("?g a schema:MonetaryGrant ; schema:funder beo:fwo ; schema:amount/schema:value ?x") == {"15000000"}
    assert values("beo:ai4belgium-experts org:memberOf ?x") == {"https://w3id.org/aikg/id/be/org/ai4belgium"}
    assert values("?x dct:creator bed:ai4belgium-2019") == {"https://w3id.org/aikg/id/be/org/ai4belgium-experts"}
    assert "https://w3id.org/aikg/id/be/org/innoviris" in values("?x a prov:Agent")


# ------------------------------------------------------------------ the same bytes every time


def test_two_exports_in_separate_processes_are_byte_identical(tmp_path) -> None:
    """Each made from the files, not read from the cache (AIKG_CACHE_DIR=off), with its own hash seed."""
    runs = [_export_all(tmp_path / seed, PYTHONHASHSEED=seed, AIKG_CACHE_DIR="off") for seed in ("1", "2")]
    for fmt in EXPORT_FORMATS:
        assert runs[0][fmt] == runs[1][fmt], f"{fmt} differs between two runs"
        assert len(runs[0][fmt]) > 100_000
    assert b"_:c14n" in runs[0]["nt"]  # blank nodes carry canonical labels


# ------------------------------------------------------------------ JSON-LD for web developers


def test_json_ld_nests_amounts_and_quotes_with_numbers_and_short_codes(dumps) -> None:
    """The report (section 6, Flanders): "in 2019 FWO invested more than €15 million ... in AI related projects"."""
    document = json.loads(dumps["json-ld"])
    assert isinstance(document["@context"], dict), "the context is embedded, not a URL"
    nodes = {node.get("@id"): node for node in document["@graph"]}
    fwo = nodes["bef:fwo-ai-projects-2019"]
    assert fwo["amount"]["value"] == 15000000 and fwo["amount"]["currency"] == "EUR"
    assert (fwo["qualifier"], fwo["period"], fwo["status"], fwo["year"]) == ("more-than", "total", "spent", "2019")
    assert (fwo["funder"], fwo["fundedItem"]) == ("beo:fwo", "bep:fwo-ai-related-projects")  # "in AI related projects"
    quotation = fwo["quotation"]
    assert quotation["section"] == "sec:section-6-flanders"
    assert "in 2019 FWO invested more than €15 million" in quotation["quote"]
    experts = nodes["beo:ai4belgium-experts"]["quantity"]
    assert (experts["value"], experts["qualifier"], experts["unitText"]) == (40, "exactly", "experts")
    assert not any(str(key).startswith("_:") for key in nodes), "nothing without a name stands alone"


def test_json_ld_context_declares_the_prefixes_of_the_graph_or_terms_for_their_codes() -> None:
    from aikg.load import PREFIXES as GRAPH_PREFIXES

    context = jsonld_context()
    for prefix, namespace in GRAPH_PREFIXES.items():
        if prefix in ("period", "status"):  # the property of that name; its codes are terms of their own
            assert context[prefix]["@type"] == "@vocab"
            assert any(value == namespace + "total" or value == namespace + "spent" for value in context.values())
        else:
            assert context.get(prefix) == namespace, prefix
    assert CONTEXT_URL.endswith("context.jsonld")


# ------------------------------------------------------------------ the catalogue record


@pytest.fixture(scope="module")
def catalog(dumps) -> tuple[Graph, dict]:
    """The catalogue record as `aikg build` writes it beside the dumps, here with a SPARQL endpoint."""
    record = Dumps().catalog({fmt: len(data) for fmt, data in dumps.items()}, sparql_endpoint="http://127.0.0.1:8890/sparql")
    return Graph().parse(data=record, format="turtle"), dumps


def test_catalogue_record_conforms_to_the_dcat_ap_shapes(catalog) -> None:
    graph, _ = catalog
    conforms, report, text = validate(graph, shacl_graph=str(SHAPES), inference="none", allow_warnings=False)
    results = list(report.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult")))
    assert conforms and not results, text


def test_dcat_ap_shapes_catch_a_distribution_without_access_url(catalog) -> None:
    graph, _ = catalog
    broken = Graph()
    broken += graph
    broken.remove((None, DCAT.accessURL, None))
    conforms, results, _ = validate(broken, shacl_graph=str(SHAPES), inference="none")
    paths = set(results.objects(None, URIRef("http://www.w3.org/ns/shacl#resultPath")))
    assert not conforms and DCAT.accessURL in paths


def test_catalogue_record_describes_every_dump_with_its_size(catalog) -> None:
    graph, dumps = catalog
    d = URIRef(DATASET)
    distributions = set(graph.objects(d, DCAT.distribution))
    assert len(distributions) == len(EXPORT_FORMATS)
    for fmt, spec in EXPORT_FORMATS.items():
        dist = URIRef(f"{DATASET}/distribution/{fmt}")
        url = graph.value(dist, DCAT.downloadURL)
        assert str(url).endswith(f"aikg{spec.extension}") and (d, VOID.dataDump, url) in graph
        assert str(graph.value(dist, DCAT.mediaType)).endswith(spec.media_type)
        assert int(graph.value(dist, DCAT.byteSize)) == len(dumps[fmt])


def test_description_of_the_dataset(catalog) -> None:
    graph, _ = catalog
    d = URIRef(DATASET)
    assert str(graph.value(d, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    publisher = graph.value(d, DCTERMS.publisher)
    assert isinstance(publisher, URIRef) and str(graph.value(publisher, FOAF.name)) == "The aikg project"
    assert graph.value(graph.value(d, DCAT.contactPoint), VCARD.hasURL) is not None
    assert str(graph.value(d, DCTERMS.issued)) == "2026-11-25" and graph.value(d, DCTERMS.modified) is not None
    # Belgium, and the place of any other report data/ holds (each report's dct:spatial).
    places = {URIRef(row["p"].value) for row in open_store().query(
        "SELECT ?p WHERE { ?r a <https://w3id.org/aikg/ontology#Report> ; <http://purl.org/dc/terms/spatial> ?p }")}
    assert URIRef("https://w3id.org/aikg/id/place/belgium") in places
    assert set(graph.objects(d, DCTERMS.spatial)) == places
    assert "artificial intelligence" in {str(k) for k in graph.objects(d, DCAT.keyword)}
    assert str(graph.value(d, VOID.sparqlEndpoint)) == "http://127.0.0.1:8890/sparql"
    vocabularies = {str(v) for v in graph.objects(d, VOID.vocabulary)}
    assert {"http://www.w3.org/ns/org#", "http://data.europa.eu/m8g/", "https://schema.org/", "http://www.w3.org/ns/prov#",
            "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/", "https://w3id.org/aikg/ontology#"} <= vocabularies
    assert URIRef(REPORT) in set(graph.objects(d, PROV.wasDerivedFrom))  # and any other report data/ holds
    # The report's own metadata: the JRC published it, created on 25 February 2020.
    citation = str(graph.value(URIRef(REPORT), DCTERMS.bibliographicCitation))
    assert citation.startswith("Joint Research Centre (2020). National strategies on Artificial Intelligence")
    assert "Country report – Belgium" in citation and "2020-02-25" in citation
    assert int(graph.value(d, VOID.triples)) == len(published_triples())


def test_catalogue_record_counts_each_graph(catalog) -> None:
    graph, _ = catalog
    subsets = {str(graph.value(s, URIRef("http://www.w3.org/ns/sparql-service-description#name"))): int(graph.value(s, VOID.triples))
               for s in graph.objects(URIRef(DATASET), VOID.subset)}
    assert subsets == {name: len(triples) for name, triples in expected_graphs().items()}


def test_cli_writes_the_export_to_a_file(aikg, tmp_path) -> None:
    target = tmp_path / "out" / "aikg.nt"
    status, out, err = aikg("export", "--format", "nt", "-o", str(target))
    assert status == 0 and out == "", err
    assert target.read_bytes() == export("nt")


def test_bad_input_is_one_line_naming_the_file(aikg, tmp_path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    status, out, err = aikg("export", "--data", str(bad))
    assert status == 2 and out == ""
    assert err.startswith(f"aikg: error: {bad}:2:") and err.count("\n") == 1
