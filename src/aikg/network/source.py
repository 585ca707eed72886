"""Where the network's rows come from: the one place in the package where a query runs.

Every part of the network (its edges, the facts and evidence shown on the page, the
credits under a picture) is defined by a query file under ``queries/``; the code only
reads their rows. Rows are dicts of plain values (``str`` or ``float``); unbound
columns are left out, so ``"amount" in row`` says whether the report gives one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from aikg.paths import QUERIES_DIR
from aikg.query import NamedQuery, QueryError, run_query

__all__ = ["NETWORK_QUERY", "FACTS_QUERY", "EVIDENCE_QUERY", "SOURCES_QUERY", "TOTALS_QUERY", "Row", "select_rows"]

NETWORK_QUERY = QUERIES_DIR / "network.rq"
FACTS_QUERY = QUERIES_DIR / "node-facts.rq"
EVIDENCE_QUERY = QUERIES_DIR / "relation-evidence.rq"
SOURCES_QUERY = QUERIES_DIR / "source-reports.rq"
TOTALS_QUERY = QUERIES_DIR / "funding-totals-by-funder.rq"

Row = dict[str, object]


def select_rows(store, query_path: Path, params: Mapping[str, str] | None = None) -> list[Row]:
    """The rows of a SELECT query file, run on the store (aikg.store.GraphStore), as dicts of plain values."""
    try:
        text = query_path.read_text(encoding="utf-8")
    except OSError as error:
        raise QueryError(f"{query_path}: cannot read query file: {error.strerror}") from None
    result = run_query(store, NamedQuery.from_text(query_path.stem, text, query_path), params)
    return [{var: _plain(term) for var, term in row.items()} for row in result.bindings]


_NUMBERS = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("decimal", "integer", "double", "float", "int", "long")}


def _plain(term) -> object:
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS:
        return float(term.value)
    return term.value
