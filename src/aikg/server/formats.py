"""Media types: content negotiation, and query answers written in the W3C formats.

Tables are written by pyoxigraph's own SPARQL results serializers (JSON, XML,
CSV, TSV) through aikg.results.sparql_results, the writer ``aikg query`` uses, so
``/queries/NAME.csv`` and ``aikg query NAME --format csv`` are the same bytes.
Graphs are written by pyoxigraph's RDF serializers (aikg.results).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox

from aikg.results import format_graph, sparql_results

__all__ = ["RESULT_TYPES", "GRAPH_TYPES", "EXTENSIONS", "Answer", "negotiate", "write_graph", "write_result"]

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {  # media type -> aikg.results format name
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
# Plain types that clients send for the same formats.
ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml",
           "text/plain": "application/n-triples"}
EXTENSIONS = {
    ".json": "application/sparql-results+json", ".xml": "application/sparql-results+xml", ".csv": "text/csv",
    ".tsv": "text/tab-separated-values", ".ttl": "text/turtle", ".nt": "application/n-triples",
    ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
}


@dataclass(frozen=True)
class Answer:
    """A written answer: its bytes and media type, how many rows (or triples) and whether they were cut."""

    body: bytes
    media_type: str
    count: int = 0
    truncated: bool = False

    @property
    def content_type(self) -> str:
        return self.media_type + ("; charset=utf-8" if self.media_type.startswith("text/") else "")


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        kind, _, sub = fields[0].lower().partition("/")
        if not kind or not sub:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((kind, sub, quality))
    return ranges


def negotiate(accept: str | None, offered: list[str], aliases: bool = True) -> str | None:
    """The offered media type the Accept header prefers (the first offered when it has no preference).

    The most specific range that matches a type gives its quality (RFC 9110,
    section 12.5.1); None when the client accepts none of them.
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    candidates = list(offered) + ([a for a, t in ALIASES.items() if t in offered] if aliases else [])
    best, best_quality = None, 0.0
    for candidate in candidates:
        kind, _, sub = candidate.partition("/")
        matches = [(2 if (k, s) == (kind, sub) else 1 if (k, s) == (kind, "*") else 0, q)
                   for k, s, q in ranges if (k, s) in ((kind, sub), (kind, "*"), ("*", "*"))]
        if not matches:
            continue
        quality = max(matches)[1]
        if quality > best_quality:
            best, best_quality = candidate, quality
    return ALIASES.get(best, best) if best else None


def write_graph(triples, media_type: str, prefixes: dict[str, str]) -> bytes:
    """Triples as RDF in ``media_type``, grouped by subject so that Turtle reads as one block per resource."""
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return format_graph(ordered, GRAPH_TYPES[media_type], prefixes).encode("utf-8")


def write_result(result, media_type: str, prefixes: dict[str, str], max_rows: int | None = None) -> Answer:
    """An aikg.query.QueryResult written in ``media_type``; a cut table says so in JSON too."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return Answer(write_graph(result.triples, media_type, prefixes), media_type, len(result.triples), result.truncated)
    body = sparql_results(result, RESULT_TYPES[media_type])
    if result.truncated and RESULT_TYPES[media_type] == ox.QueryResultsFormat.JSON:
        document = json.loads(body)
        document["truncated"] = True
        document["maxRows"] = max_rows
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return Answer(body, media_type, 1 if result.type == "ASK" else len(result.rows), result.truncated)
