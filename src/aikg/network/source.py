"""Where the network's rows come from: the one place in the package where a query runs.

Every part of the network (its edges, the facts and evidence shown on the page, the
credits under a picture) is defined by a query file under ``queries/``; the code only
reads their rows. Rows are dicts of plain values (``str`` or ``float``); unbound
columns are left out, so ``"amount" in row`` says whether the report gives one.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal

from aikg.paths import QUERIES_DIR
from aikg.query import NamedQuery, QueryError, run_query

__all__ = ["NETWORK_QUERY", "FACTS_QUERY", "EVIDENCE_QUERY", "SOURCES_QUERY", "Row", "select_rows"]

NETWORK_QUERY = QUERIES_DIR / "network.rq"
FACTS_QUERY = QUERIES_DIR / "node-facts.rq"
EVIDENCE_QUERY = QUERIES_DIR / "relation-evidence.rq"
SOURCES_QUERY = QUERIES_DIR / "source-reports.rq"

Row = dict[str, object]


def select_rows(graph: Graph, query_path: Path, params: Mapping[str, str] | None = None) -> list[Row]:
    """The rows of a SELECT query file, run offline on the graph, as dicts of plain values."""
    try:
        text = query_path.read_text(encoding="utf-8")
    except OSError as error:
        raise QueryError(f"{query_path}: cannot read query file: {error.strerror}") from None
    result = run_query(graph, NamedQuery.from_text(query_path.stem, text, query_path), params)
    return [{str(var): _plain(term) for var, term in row.asdict().items() if term is not None} for row in result]


def _plain(term: object) -> object:
    if isinstance(term, Literal):
        value = term.toPython()
        return float(value) if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool) else str(term)
    return str(term)
