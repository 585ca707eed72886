"""The work a server worker does: run a query and write its answer, gather a page's facts.

Each job is a small picklable value; the worker (aikg.server.pool) opens the
store once and answers jobs with an Answer, a page's data, or a Failure whose
message is meant for the client. The query text has passed the guard
(aikg.sparql_guard) in the server before it gets here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from aikg.errors import AikgError
from aikg.query import QueryResult, find_query, query_form, run_query, syntax_error_position
from aikg.server.formats import write_result
from aikg.server.pool import Failure
from aikg.store import GraphStore, open_store

__all__ = ["SparqlJob", "NamedJob", "PageJob", "setup", "Handler", "syntax_message"]


@dataclass(frozen=True)
class SparqlJob:
    """A protocol query. ``default_graphs``/``named_graphs`` None: the dataset is the query's own."""

    text: str
    media_type: str
    max_rows: int
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    uses_from: bool = False


@dataclass(frozen=True)
class NamedJob:
    name: str
    media_type: str
    max_rows: int
    params: dict[str, str] = field(default_factory=dict)


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

    def __call__(self, job: object) -> object:
        try:
            if isinstance(job, SparqlJob):
                return write_result(self.sparql(job), job.media_type, self.store.prefixes, job.max_rows)
            if isinstance(job, NamedJob):
                result = run_query(self.store, find_query(job.name), job.params, max_rows=job.max_rows)
                return write_result(result, job.media_type, self.store.prefixes, job.max_rows)
            if isinstance(job, PageJob):
                from aikg.server import pages_data

                return getattr(pages_data, job.kind)(self.store, self.paths, *job.args)
        except AikgError as error:
            return Failure(400, str(error))
        raise TypeError(f"unknown job {job!r}")

    def sparql(self, job: SparqlJob) -> QueryResult:
        """Run a protocol query on the dataset it asks for; errors become a Failure."""
        options: dict[str, object] = {"prefixes": self.store.prefixes}
        if job.default_graphs is not None or job.named_graphs is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
        elif not job.uses_from:
            options["use_default_graph_as_union"] = True
        form = query_form(job.text)
        try:
            answer = self.store.store.query(job.text, **options)
            if form == "ASK":
                return QueryResult("ASK", boolean=bool(answer))
            if form in ("CONSTRUCT", "DESCRIBE"):
                triples = list(itertools.islice(answer, job.max_rows + 1))
                return QueryResult(form, triples=triples[: job.max_rows], truncated=len(triples) > job.max_rows)
            variables = [v.value for v in answer.variables]
            rows = [tuple(s[i] for i in range(len(variables))) for s in itertools.islice(answer, job.max_rows + 1)]
        except SyntaxError as error:
            raise AikgError(syntax_message(error)) from None
        except (RuntimeError, ValueError, OSError) as error:
            raise AikgError(f"the query failed: {error}") from None
        return QueryResult("SELECT", variables, rows[: job.max_rows], truncated=len(rows) > job.max_rows)


def syntax_message(error: SyntaxError) -> str:
    """'SPARQL syntax error at line L, column C: ...', for a client that sent no file."""
    line, column, detail = syntax_error_position(error)
    if line is None:
        return f"SPARQL syntax error: {detail}"
    return f"SPARQL syntax error at line {line}, column {column}: {detail}"