"""HTML pages (Jinja2 templates, autoescaped) and the SPARQL service description.

The pages load nothing from the web: the editor's YASGUI is served from
aikg/static, every link to one of the graph's IRIs points at this server.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape

from aikg.server.formats import write_graph

__all__ = ["local_path", "href", "editor", "resource", "not_found", "ontology", "query_list", "query_entry", "query_page",
           "service_description", "YASGUI_VERSION"]

YASGUI_VERSION = "4.6.2"
ID_BASE = "https://w3id.org/aikg/id/"
CODE_BASE = "https://w3id.org/aikg/code/"
ONTOLOGY_BASE = "https://w3id.org/aikg/ontology#"
LINKED_SCHEMES = ("http:", "https:", "mailto:")  # the only IRIs a page makes clickable
DATASET_IRI = ID_BASE + "dataset"  # described by the VoID at /.well-known/void (aikg.export)
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON", "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV", "text/tab-separated-values": "SPARQL_Results_TSV", "text/turtle": "Turtle",
    "application/n-triples": "N-Triples", "application/ld+json": "JSON-LD", "application/rdf+xml": "RDF_XML",
}


def local_path(iri: str) -> str | None:
    """This server's path for one of the graph's own IRIs; None for any other IRI."""
    for base, path in ((ID_BASE, "/id/"), (CODE_BASE, "/code/")):
        if iri.startswith(base) and len(iri) > len(base):
            return path + iri[len(base):]
    if iri.startswith(ONTOLOGY_BASE):
        return "/ontology#" + iri[len(ONTOLOGY_BASE):]
    return None


def href(iri: str) -> str | None:
    """Where a link to an IRI goes: this server's page for the graph's own IRIs, the IRI itself for
    http, https and mailto; None for any other scheme (javascript:, data:), which pages show as text."""
    return local_path(iri) or (iri if iri.lower().startswith(LINKED_SCHEMES) else None)


_env = Environment(loader=PackageLoader("aikg", "templates/server"), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)
_env.globals["href"] = href


def _render(template: str, **context) -> str:
    return _env.get_template(template).render(**context)


def query_entry(query) -> dict:
    """A named query as /queries lists it."""
    return {
        "name": query.name, "title": query.title, "description": query.description, "url": f"/queries/{query.name}",
        "params": [{"name": p.name, "type": p.type, "class": p.cls, "default": p.default,
                    "optional": p.default is None, "description": p.description} for p in query.params],
    }


def editor(dataset) -> str:
    examples = [{"name": q.name, "title": q.title or q.name, "description": q.description, "text": q.text}
                for q in dataset.queries.values()]
    return _render("editor.html", version=YASGUI_VERSION, examples=examples, prefixes=dataset.prefixes)


def resource(description) -> str:
    """The HTML of a description (aikg.describe.Description)."""
    return _render("resource.html", r=description, page=local_path(description.iri) or "")


def not_found(iri: str) -> str:
    return _render("not_found.html", iri=iri, name=iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " "))


def ontology(facts: dict) -> str:
    return _render("ontology.html", o=facts)


def query_list(listing: list[dict]) -> str:
    return _render("queries.html", queries=listing)


def query_page(query, params: Mapping[str, str], results: dict, truncated: bool, max_rows: int) -> str:
    return _render("query.html", q=query_entry(query), params=params, head=results.get("head", {}).get("vars", []),
                   rows=results.get("results", {}).get("bindings", []), truncated=truncated, max_rows=max_rows)


def service_description(endpoint: str, dataset, result_types: list[str], graph_types: list[str], media_type: str) -> bytes:
    """The SPARQL 1.1 service description of this endpoint: formats, features, the dataset's graphs."""
    sd = lambda name: ox.NamedNode(SD + name)  # noqa: E731
    a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service, data, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [
        ox.Triple(service, a, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), data),
        ox.Triple(data, a, sd("Dataset")),
        ox.Triple(data, sd("defaultGraph"), default),
        ox.Triple(default, a, sd("Graph")),
        ox.Triple(default, ox.NamedNode("http://rdfs.org/ns/void#triples"),
                  ox.Literal(str(dataset.triples), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ]
    for media in [*result_types, *graph_types]:
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + FORMAT_IRIS[media])))
    for index, graph in enumerate(sorted(dataset.graphs)):
        named = ox.BlankNode(f"graph{index}")
        triples += [ox.Triple(data, sd("namedGraph"), named), ox.Triple(named, a, sd("NamedGraph")),
                    ox.Triple(named, sd("name"), ox.NamedNode(graph))]
    prefixes = {"sd": SD, "void": "http://rdfs.org/ns/void#", "formats": FORMATS}
    return write_graph(triples, media_type, prefixes)
