"""aikg: a knowledge graph of national AI strategies.

The library behind the ``aikg`` command: load the ontology and the data into one
graph, validate it with SHACL, query it with SPARQL, search it, describe any of
its resources, export it as linked data and draw its actor network.

The public names are imported on first use, so ``import aikg`` stays cheap::

    import aikg
    graph = aikg.open_store()
    aikg.run(graph, "funding-by-funder", funder="Innoviris").to_dicts()
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "open_store": "aikg.store",
    "GraphStore": "aikg.store",
    "run": "aikg.api",
    "find": "aikg.api",
    "about": "aikg.api",
    "list_queries": "aikg.query",
    "find_query": "aikg.query",
    "run_query": "aikg.query",
    "QueryResult": "aikg.query",
    "AikgError": "aikg.errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'aikg' has no attribute {name!r}")
