"""The work a server worker does: read a query, run it, write its answer; gather a page's facts.

Each job is a small picklable value; the worker (aikg.server.pool) opens the
store once and answers jobs with an Answer, a page's data, or a Failure whose
message is meant for the client. Everything that reads a query (its parse, its
refusals, the media types it can answer in) happens here, off the server's
event loop, and every query is answered by ``aikg.query.run_query``, the same
function as ``aikg query``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from aikg.errors import AikgError
from aikg.query import NamedQuery, QueryError, find_query, run_query
from aikg.server.formats import GRAPH_TYPES, RESULT_TYPES, Answer, negotiate, write_result
from aikg.server.pool import Failure
from aikg.sparql import QueryShape, RefusedQuery, SparqlError, read_query_shape
from aikg.store import GraphStore, open_store

__all__ = ["SparqlJob", "NamedJob", "PageJob", "setup", "Handler"]

RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class SparqlJob:
    """A protocol query with the client's Accept header and the dataset its parameters name."""

    text: str
    accept: str | None
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedJob:
    """A named query; ``media_type`` from the URL's extension (None: by ``accept``); ``page``: as HTML."""

    name: str
    accept: str | None
    max_rows: int
    params: dict[str, str] = field(default_factory=dict)
    media_type: str | None = None
    page: bool = False


@dataclass(frozen=True)
class PageJob:
    """Data for a page: ``kind`` names a function of aikg.server.pages_data, ``args`` its arguments."""

    kind: str
    args: tuple = ()


def setup(paths: list[str] | None) -> Callable[[object], object]:
    """Called once in each worker: open the store (from the cache) and return the job handler."""
    return Handler(open_store(paths), paths)


class Handler:
    def __init__(self, store: GraphStore, paths: list[str] | None):
        self.store, self.paths = store, paths
        self.graphs = frozenset(g.value for g in store.store.named_graphs())

    def __call__(self, job: object) -> object:
        try:
            if isinstance(job, SparqlJob):
                return self.sparql(job)
            if isinstance(job, NamedJob):
                return self.named(job)
            if isinstance(job, PageJob):
                from aikg.server import pages_data

                return getattr(pages_data, job.kind)(self.store, self.paths, *job.args)
        except AikgError as error:
            return Failure(400, str(error))
        raise TypeError(f"unknown job {job!r}")

    def sparql(self, job: SparqlJob) -> Answer | Failure:
        """A protocol query on the dataset it asks for (its FROM clauses or the request's parameters)."""
        try:
            shape = read_query_shape(job.text, self.store.prefixes)
            shape.check(allow_dataset=True)
        except SparqlError as error:
            return Failure(400, _sparql_message(error))
        except RefusedQuery as error:
            return Failure(403, str(error))
        outside = [g for g in (*shape.default_graphs, *shape.named_graphs) if g not in self.graphs]
        if outside:
            return Failure(400, f"FROM <{outside[0]}> is not a graph of this dataset; queries run on the local graph "
                                "only (GET /sparql lists its graphs)")
        media_type = negotiate(job.accept, _offered(shape))
        if media_type is None:
            return Failure(406, f"a {shape.form} query answers in {', '.join(_offered(shape))}; the Accept header "
                                "allows none of them")
        given = bool(job.default_graphs or job.named_graphs)
        try:
            result = run_query(self.store, NamedQuery("query", job.text), max_rows=job.max_rows, allow_dataset=True,
                               default_graphs=job.default_graphs if given else None,
                               named_graphs=job.named_graphs if given else None)
        except QueryError as error:
            return Failure(400, str(error).removeprefix("query:").lstrip())
        return write_result(result, media_type, self.store.prefixes, job.max_rows)

    def named(self, job: NamedJob) -> Answer | Failure:
        """A named query's answer, or its HTML page; errors name the query, never a path of the server."""
        query = find_query(job.name)._replace(path=None)
        shape = read_query_shape(query.text, self.store.prefixes)
        offered = _offered(shape)
        if job.media_type is not None:
            media_type = job.media_type if job.media_type in offered else None
        elif job.page and shape.form == "SELECT":
            media_type = RESULTS_JSON
        else:
            media_type = negotiate(job.accept, offered)
        if media_type is None:
            return Failure(406, f"a {shape.form} query answers in {', '.join(offered)}")
        answer = write_result(run_query(self.store, query, job.params, max_rows=job.max_rows), media_type,
                              self.store.prefixes, job.max_rows)
        if not (job.page and shape.form == "SELECT"):
            return answer
        from aikg.server import pages

        page = pages.query_page(query, job.params, json.loads(answer.body), answer.truncated, job.max_rows)
        return Answer(page.encode("utf-8"), "text/html", answer.count, answer.truncated)


def _offered(shape: QueryShape) -> list[str]:
    return list(RESULT_TYPES) if shape.form in ("SELECT", "ASK") else list(GRAPH_TYPES)


def _sparql_message(error: SparqlError) -> str:
    if error.line is None:
        return str(error)
    detail = str(error).split("SPARQL syntax error: ", 1)[-1]
    return f"SPARQL syntax error at line {error.line}, column {error.column}: {detail}"
