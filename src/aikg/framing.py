"""JSON-LD that reads like plain JSON: framed with pyld, compacted with our own context.

``ontology/frame.jsonld`` puts every named resource at the top level and nests what
has no name of its own inside the resource it belongs to: a funding relation holds
its amount and its quotes, a quantity its quote. Codes (status, period, qualifier,
pillar) and sections come out as short names from ``ontology/context.jsonld``;
amounts and counts as JSON numbers. Both files are read from disk: a document
loader that refuses every URL makes sure nothing is fetched.

pyld is handed the triples as its own RDF dataset, built from Oxigraph's terms, not as
N-Quads text: its N-Quads parser checks each new triple against every one before it,
which costs time quadratic in the size of the graph (on one report: 2.0 s of CPU for the
JSON-LD dump before, 0.4 s since; on ten reports, minutes before, 4 s since). Likewise,
the blank nodes whose identifiers framing drops are looked up in a set, not pyld's list,
which it searches once for every node of the output (see _Members).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from pyld import jsonld

from aikg.errors import AikgError
from aikg.paths import ONTOLOGY_DIR
from aikg.prefixes import REPORT_PREFIXES

__all__ = ["CONTEXT_URL", "CONTEXT_FILE", "FRAME_FILE", "jsonld_context", "frame_triples"]

CONTEXT_URL = "https://w3id.org/aikg/context.jsonld"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
FRAME_FILE = ONTOLOGY_DIR / "frame.jsonld"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_NUMERIC_TYPES = {"xsd:decimal", "xsd:integer"}
# An integer lexical form that a JSON number keeps exactly (JavaScript's safe integers),
# and that expands back to the same literal: no sign, no leading zero, no fraction.
_PLAIN_INTEGER = re.compile(r"^(0|-?[1-9][0-9]{0,14})$")


def jsonld_context() -> dict:
    """The local JSON-LD context (the value of its "@context"), with each report's own prefixes
    (aikg.prefixes.REPORT_PREFIXES, read from the data folders) beside the project's."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    return {**{name: iri for name, iri in REPORT_PREFIXES.items() if name not in context}, **context}


def _local_only(url: str, options: Any = None) -> dict:
    if url == CONTEXT_URL:
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": jsonld_context()}}
    raise AikgError(f"JSON-LD: refusing to fetch {url}; aikg works offline")


def frame_triples(triples: Iterable[ox.Triple]) -> dict:
    """The framed, compacted document for ``triples`` (distinct, in the order given)."""
    context = jsonld_context()
    frame = json.loads(FRAME_FILE.read_text(encoding="utf-8"))
    expanded = jsonld.from_rdf({"@default": [_rdf_triple(t) for t in triples]})
    options = {"documentLoader": _local_only, "omitGraph": False, "omitDefault": True, "ordered": True,
               "bnodesToClear": _Members()}
    framed = jsonld.frame(expanded, frame, options)
    framed["@context"] = context
    numeric = {term for term, definition in context.items()
               if isinstance(definition, dict) and definition.get("@type") in _NUMERIC_TYPES}
    return _numbers(framed, numeric)


class _Members(list):
    """pyld's list of blank node identifiers to drop from the framed output, with a set beside it
    for ``in``: pyld extends the list once and tests every node of the output against it, which
    on a hundred reports (a hundred thousand blank nodes) took most of the framing's time.
    pyld reads the list from the options it is given and only creates one when none is there."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set = set()

    def extend(self, items) -> None:
        items = list(items)
        super().extend(items)
        self._set.update(items)

    def append(self, item) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item) -> bool:
        return item in self._set


def _rdf_triple(triple: ox.Triple) -> dict:
    """One triple in pyld's RDF dataset form (what its N-Quads parser makes of a line)."""
    return {"subject": _rdf_term(triple.subject), "predicate": _rdf_term(triple.predicate),
            "object": _rdf_term(triple.object)}


def _rdf_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "IRI", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "blank node", "value": f"_:{term.value}"}
    if term.language:
        return {"type": "literal", "value": term.value, "datatype": _LANG_STRING, "language": term.language}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


def _numbers(node: Any, numeric: set[str], key: str | None = None) -> Any:
    """Integral decimals and integers of the context's numeric terms as JSON numbers."""
    if isinstance(node, dict):
        return {k: (v if k == "@context" else _numbers(v, numeric, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_numbers(item, numeric, key) for item in node]
    if key in numeric and isinstance(node, str) and _PLAIN_INTEGER.match(node):
        return int(node)
    return node
