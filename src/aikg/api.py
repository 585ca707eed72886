"""The library in a few calls, for notebooks and scripts.

    >>> import aikg
    >>> graph = aikg.open_store()
    >>> rows = aikg.run(graph, "funding-by-funder", funder="Innoviris").to_dicts()
    >>> rows[0]["funderLabel"]
    'Innoviris'

Names given as parameters resolve as on the command line (labels, prefixed
names, IRIs, forgiving case and word order).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["run", "find", "about"]


def run(store, query: str | Path, /, **params: object):
    """Run a named query (``"funding-by-funder"``), a ``.rq`` file or SPARQL text; returns a QueryResult.

    Parameters are given as keywords; each value is turned into the query's type
    (a name or IRI for a resource, a date, a number) as ``--param`` does.
    """
    from aikg.query import find_query, read_query, run_query

    text = str(query)
    named = read_query(text, "<text>") if "{" in text else find_query(text)
    return run_query(store, named, {name: str(value) for name, value in params.items()})


def find(store, text: str, *, types: tuple[str, ...] = (), sections: tuple[str, ...] = (), limit: int | None = 20):
    """Search names, descriptions and quotes (aikg.search); returns the hits, best first.

    ``types`` and ``sections`` are given by name, prefixed name or IRI.
    """
    from aikg.lookup import search

    return search(store, text, types=types, sections=sections, limit=limit).hits


def about(store, name: str):
    """Everything the graph says about a resource named by label, prefixed name or IRI (aikg.describe)."""
    from aikg.describe import describe
    from aikg.resolve import resolve_name

    return describe(store, resolve_name(store, name, repr(name)))
