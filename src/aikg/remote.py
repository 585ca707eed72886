"""A remote SPARQL server: load the dataset into it, and run the named queries there.

``push`` speaks the SPARQL 1.1 Graph Store HTTP Protocol: one PUT per named graph
(replacing that graph), then a DELETE for each graph that the previous push loaded and
this one does not; the description graph, written last, records which graphs were loaded,
so a push never touches a graph it did not load itself. ``RemoteStore`` lets the one query
path (``aikg.query.run_query``) answer on the server, so the output formats are the same as
locally.

Credentials come from ``AIKG_ENDPOINT_USER`` and ``AIKG_ENDPOINT_PASSWORD``, or from a
netrc file (``~/.netrc``, or the file ``NETRC`` names) entry for the endpoint's host:
never from the command line, where other users of the machine could read them.
"""

from __future__ import annotations

import json
import netrc
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from aikg.errors import AikgError
from aikg.export import DESCRIPTION_GRAPH, WRITE_PREFIXES, read_dataset
from aikg.prefixes import ALL_PREFIXES
from aikg.sparql import bind_values, read_query_shape
from aikg.worker import GIB, LimitError, Limits

__all__ = ["RemoteError", "Pushed", "push", "RemoteStore", "credentials"]

SD_NAME = "http://www.w3.org/ns/sparql-service-description#name"
TIMEOUT = 300  # seconds for one request


class RemoteError(AikgError):
    """The server refused or could not be reached."""


@dataclass(frozen=True)
class Pushed:
    graph: str
    action: str  # "replaced" or "deleted"
    triples: int


# ---------------------------------------------------------------- credentials and HTTP


def credentials(url: str) -> tuple[str, str] | None:
    """User and password for ``url``: from the environment, else from netrc, else None."""
    user, password = os.environ.get("AIKG_ENDPOINT_USER"), os.environ.get("AIKG_ENDPOINT_PASSWORD")
    if user and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    path = os.environ.get("NETRC") or str(Path.home() / ".netrc")
    try:
        entry = netrc.netrc(path).authenticators(host)
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError) as error:
        raise RemoteError(f"{path}: cannot read netrc: {error}") from None
    return (entry[0], entry[2] or "") if entry else None


def _opener(url: str) -> urllib.request.OpenerDirector:
    """Answers Basic and Digest challenges with the credentials for ``url`` (if any)."""
    handlers: list[urllib.request.BaseHandler] = []
    found = credentials(url)
    if found:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, *found)
        handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def _request(url: str, method: str, body: bytes | None = None, content_type: str | None = None,
             accept: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    try:
        with _opener(url).open(request, timeout=TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        if method == "GET" and error.code == 404:
            return 404, b""
        detail = error.read().decode("utf-8", "replace").strip().splitlines()
        raise RemoteError(f"{method} {url}: HTTP {error.code} {error.reason}{': ' + detail[0][:200] if detail else ''}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise RemoteError(f"{url}: cannot reach the server: {reason}") from None


# ---------------------------------------------------------------- push


def _graph_url(store_url: str, graph: str) -> str:
    separator = "&" if "?" in store_url else "?"
    return f"{store_url}{separator}{urllib.parse.urlencode({'graph': graph})}"


def _previously_loaded(store_url: str) -> set[str]:
    """The graphs the last push recorded in its description graph (none if there is none)."""
    status, body = _request(_graph_url(store_url, DESCRIPTION_GRAPH), "GET", accept="application/n-triples, text/turtle;q=0.9")
    if status == 404 or not body.strip():
        return set()
    try:
        triples = ox.parse(body, format=ox.RdfFormat.TURTLE)
        return {t.object.value for t in triples if t.predicate.value == SD_NAME} | {DESCRIPTION_GRAPH}
    except SyntaxError as error:
        raise RemoteError(f"{store_url}: the description graph it returned is not RDF: {error}") from None


def push(store_url: str, paths: Iterable[str | Path] | None = None) -> list[Pushed]:
    """Load the published dataset into a Graph Store Protocol endpoint, graph by graph; refuses (before any
    request) data that does not conform, as build and serve do."""
    from aikg.checked import require_conforming

    require_conforming(paths, "nothing is pushed")
    dataset = read_dataset(paths)  # the statements of aikg export, one graph at a time
    names = dataset.graph_names()
    before = _previously_loaded(store_url)
    done = [_put(store_url, name, dataset.graph(name)) for name in names if name != DESCRIPTION_GRAPH]
    for stale in sorted(before - set(names)):
        _request(_graph_url(store_url, stale), "DELETE")
        done.append(Pushed(stale, "deleted", 0))
    done.append(_put(store_url, DESCRIPTION_GRAPH, dataset.graph(DESCRIPTION_GRAPH)))  # last: the record of what is loaded
    return done


def _put(store_url: str, graph: str, triples: list[ox.Triple]) -> Pushed:
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES)
    _request(_graph_url(store_url, graph), "PUT", body, "text/turtle")
    return Pushed(graph, "replaced", len(triples))


# ---------------------------------------------------------------- remote queries


class RemoteStore:
    """A SPARQL endpoint seen as a store: ``aikg.query.run_query`` answers on it as on the local graph.

    The same function checks the query, resolves names (aliases and "did you mean" included:
    the search index is built from the endpoint's answers), binds parameters and cuts rows;
    only the evaluation is remote. Parameters go to the server as a VALUES block at the head of
    the WHERE clause (aikg.sparql.bind_values): not every server supports SEP-0007. Every
    answer is bounded: the time limit covers the whole request, the answer is read up to the
    memory limit and no further, and rows past the row limit are cut and said cut.
    """

    def __init__(self, endpoint: str, limits: Limits | None = None):
        self.endpoint = endpoint
        self.limits = limits or Limits()
        self.prefixes = dict(ALL_PREFIXES)
        self.entry = None  # nothing of a remote graph is cached

    def query(self, text: str, substitutions: Mapping[ox.Variable, object] | None = None, *,
              dataset: tuple[list[str], list[str]] | None = None, own_dataset: bool = False):
        """The endpoint's answer, as pyoxigraph's query results (solutions, a boolean or triples)."""
        if dataset is not None:
            raise RemoteError("default-graph-uri and named-graph-uri are not sent to another endpoint")
        bound = bind_values(text, {v.value: t for v, t in (substitutions or {}).items()})
        shape = read_query_shape(bound, self.prefixes)  # the VALUES block must read as intended
        declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()))
        graph = shape.form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        body = urllib.parse.urlencode({"query": declared + bound}).encode("utf-8")
        raw = self._post(body, accept)
        try:
            if graph:
                return iter([ox.Triple(q.subject, q.predicate, q.object)
                             for q in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES)])
            return ox.parse_query_results(_plain_blank_nodes(raw), format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise RemoteError(f"{self.endpoint}: the answer is not {accept}: {error}") from None

    def contains(self, term: ox.NamedNode) -> bool:
        return bool(self.query("ASK { { ?t ?p ?o } UNION { ?s ?p ?t } }", {ox.Variable("t"): term}))

    def _post(self, body: bytes, accept: str) -> bytes:
        """POST the query as a form (a query is never sent as an update), reading within the limits."""
        request = urllib.request.Request(self.endpoint, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("Accept", accept)
        deadline = None if self.limits.timeout is None else time.monotonic() + self.limits.timeout
        try:
            with _opener(self.endpoint).open(request, timeout=self.limits.timeout or TIMEOUT) as response:
                return _read_bounded(response, deadline, self.limits)
        except urllib.error.HTTPError as error:
            detail = error.read(2000).decode("utf-8", "replace").strip().splitlines()
            raise RemoteError(f"{self.endpoint}: HTTP {error.code} {error.reason}"
                              f"{': ' + detail[0][:300] if detail else ''}") from None
        except TimeoutError:
            raise _too_slow(self.limits) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise _too_slow(self.limits) from None
            raise RemoteError(f"{self.endpoint}: cannot reach the server: {reason}") from None


def _plain_blank_nodes(raw: bytes) -> bytes:
    """The answer with blank-node labels RDF allows: Virtuoso writes them as ``nodeID://b10001``."""
    if b'"bnode"' not in raw:
        return raw
    document = json.loads(raw)
    for row in document.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = re.sub(r"[^A-Za-z0-9]", "_", term["value"])
    return json.dumps(document).encode("utf-8")


def _read_bounded(response, deadline: float | None, limits: Limits) -> bytes:
    chunks, size = [], 0
    while chunk := response.read1(1 << 16):  # what has arrived: a trickle still meets the deadline
        size += len(chunk)
        if limits.memory is not None and size > limits.memory:
            raise LimitError(f"the endpoint's answer is larger than the memory limit of {limits.memory / GIB:g} GiB "
                             "and was not read further (raise it with --max-memory)")
        if deadline is not None and time.monotonic() > deadline:
            raise _too_slow(limits)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_slow(limits: Limits) -> LimitError:
    return LimitError(f"the endpoint did not answer within the time limit of {limits.timeout:g} s "
                      "(raise it with --timeout)")
