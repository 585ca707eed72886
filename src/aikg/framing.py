"""JSON-LD that reads like plain JSON: framed with pyld, compacted with our own context.

``ontology/frame.jsonld`` puts every named resource at the top level and nests what
has no name of its own inside the resource it belongs to: a funding relation holds
its amount and its quotes, a quantity its quote. Codes (status, period, qualifier,
pillar) and sections come out as short names from ``ontology/context.jsonld``;
amounts and counts as JSON numbers. Both files are read from disk: a document
loader that refuses every URL makes sure nothing is fetched.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pyld import jsonld

from aikg.errors import AikgError
from aikg.paths import ONTOLOGY_DIR

__all__ = ["CONTEXT_URL", "CONTEXT_FILE", "FRAME_FILE", "jsonld_context", "frame_nquads"]

CONTEXT_URL = "https://w3id.org/aikg/context.jsonld"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
FRAME_FILE = ONTOLOGY_DIR / "frame.jsonld"
_NUMERIC_TYPES = {"xsd:decimal", "xsd:integer"}
# An integer lexical form that a JSON number keeps exactly (JavaScript's safe integers),
# and that expands back to the same literal: no sign, no leading zero, no fraction.
_PLAIN_INTEGER = re.compile(r"^(0|-?[1-9][0-9]{0,14})$")


def jsonld_context() -> dict:
    """The local JSON-LD context (the value of its "@context")."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def _local_only(url: str, options: Any = None) -> dict:
    if url == CONTEXT_URL:
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": jsonld_context()}}
    raise AikgError(f"JSON-LD: refusing to fetch {url}; aikg works offline")


def frame_nquads(nquads: str) -> dict:
    """The framed, compacted document for the triples of ``nquads`` (graph names are merged)."""
    context = jsonld_context()
    frame = json.loads(FRAME_FILE.read_text(encoding="utf-8"))
    expanded = jsonld.from_rdf(nquads, {"format": "application/n-quads"})
    options = {"documentLoader": _local_only, "omitGraph": False, "omitDefault": True, "ordered": True}
    framed = jsonld.frame(expanded, frame, options)
    framed["@context"] = context
    numeric = {term for term, definition in context.items()
               if isinstance(definition, dict) and definition.get("@type") in _NUMERIC_TYPES}
    return _numbers(framed, numeric)


def _numbers(node: Any, numeric: set[str], key: str | None = None) -> Any:
    """Integral decimals and integers of the context's numeric terms as JSON numbers."""
    if isinstance(node, dict):
        return {k: (v if k == "@context" else _numbers(v, numeric, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_numbers(item, numeric, key) for item in node]
    if key in numeric and isinstance(node, str) and _PLAIN_INTEGER.match(node):
        return int(node)
    return node
