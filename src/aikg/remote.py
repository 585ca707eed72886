"""A remote SPARQL server: load the dataset into it, and run the named queries there.

``push`` speaks the SPARQL 1.1 Graph Store HTTP Protocol: one PUT per named graph
(replacing that graph), then a DELETE for each graph that the previous push loaded and
this one does not; the description graph, written last, records which graphs were loaded,
so a push never touches a graph it did not load itself. ``run_remote_query`` sends a named
query with SPARQLWrapper, its parameters bound as a VALUES block at the head of the query's
WHERE clause, and reads the answer back as a QueryResult with pyoxigraph terms, so the output formats are the
same as locally.

Credentials come from ``AIKG_ENDPOINT_USER`` and ``AIKG_ENDPOINT_PASSWORD``, or from a
netrc file (``~/.netrc``, or the file ``NETRC`` names) entry for the endpoint's host:
never from the command line, where other users of the machine could read them.
"""

from __future__ import annotations

import netrc
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from aikg.errors import AikgError
from aikg.export import DESCRIPTION_GRAPH, WRITE_PREFIXES, published
from aikg.prefixes import PREFIXES
from aikg.query import NamedQuery, Param, QueryError, QueryResult, query_form, to_term
from aikg.sparql_guard import GuardError, check_query

__all__ = ["RemoteError", "Pushed", "push", "run_remote_query", "bind_values", "credentials"]

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
    """Load the published dataset into a Graph Store Protocol endpoint, graph by graph."""
    dataset = published(paths)
    before = _previously_loaded(store_url)
    done = []
    for name, triples in dataset.graphs.items():
        if name != DESCRIPTION_GRAPH:
            done.append(_put(store_url, name, triples))
    for stale in sorted(before - set(dataset.graphs)):
        _request(_graph_url(store_url, stale), "DELETE")
        done.append(Pushed(stale, "deleted", 0))
    done.append(_put(store_url, DESCRIPTION_GRAPH, dataset.graphs[DESCRIPTION_GRAPH]))  # last: the record of what is loaded
    return done


def _put(store_url: str, graph: str, triples: list[ox.Triple]) -> Pushed:
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES)
    _request(_graph_url(store_url, graph), "PUT", body, "text/turtle")
    return Pushed(graph, "replaced", len(triples))


# ---------------------------------------------------------------- remote queries


def run_remote_query(endpoint: str, query: NamedQuery, given: Mapping[str, str] | None = None) -> QueryResult:
    """Run a named query on a SPARQL endpoint; the result reads like a local one."""
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    try:
        check_query(query.text)  # the same refusals as locally: updates, LOAD, SERVICE, FROM
    except GuardError as error:
        raise QueryError(f"{query.path or query.name}: {error}") from None
    form = query_form(query.text)
    bindings = _bind_remote(endpoint, query, given or {})
    graph_query = form in ("CONSTRUCT", "DESCRIBE")
    client = SPARQLWrapper(endpoint)
    client.setQuery(bind_values(query.text, bindings))
    client.setMethod(POST)
    client.setReturnFormat(TURTLE if graph_query else JSON)
    client.setTimeout(TIMEOUT)
    found = credentials(endpoint)
    if found:
        client.setHTTPAuth("DIGEST")
        client.setCredentials(*found)
    try:
        raw = client.query().response.read()
    except urllib.error.HTTPError as error:
        raise RemoteError(f"{endpoint}: HTTP {error.code} {error.reason}") from None
    except SPARQLWrapperException as error:
        raise RemoteError(f"{endpoint}: {_first_lines(str(error))}") from None
    except (urllib.error.URLError, OSError) as error:
        raise RemoteError(f"{endpoint}: cannot reach the server: {getattr(error, 'reason', error)}") from None
    if graph_query:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(raw, format=ox.RdfFormat.TURTLE)]
        return QueryResult(form, triples=triples)
    answer = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer))
    variables = [v.value for v in answer.variables]
    return QueryResult("SELECT", variables, [tuple(row[i] for i in range(len(variables))) for row in answer])


def _first_lines(message: str) -> str:
    """SPARQLWrapper's summary and the first line of the server's own message, on one line."""
    summary, _, response = message.partition("Response:")
    detail = next((line.strip(" b'\"") for line in response.replace("\\n", "\n").splitlines() if line.strip(" b'\"")), "")
    return f"{summary.strip()} {detail[:300]}".strip()


def _bind_remote(endpoint: str, query: NamedQuery, given: Mapping[str, str]) -> dict[str, object]:
    """Typed terms for the parameters, as locally; IRIs are looked up on the endpoint."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        names = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"{query.path or query.name}: unknown parameter {', '.join(unknown)}; this query takes: {names}")
    bound = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is not None:
            bound[param.name] = _remote_iri(endpoint, param, value) if param.type == "iri" else to_term(None, param, value)
    return bound


_LABELS = "http://www.w3.org/2000/01/rdf-schema#label http://www.w3.org/2004/02/skos/core#prefLabel http://www.w3.org/2004/02/skos/core#altLabel"


def _remote_iri(endpoint: str, param: Param, value: str):
    """An IRI from <iri>, a full IRI, a prefixed name or a label, checked on the endpoint."""
    problem = f"--param {param.name}={value!r}"
    text = value.strip().removeprefix("<").removesuffix(">")
    prefix, _, local = text.partition(":")
    if "://" in text:
        iri = text
    elif prefix in PREFIXES and "/" not in local:
        iri = PREFIXES[prefix] + local
    else:
        labels = " ".join(f"<{p}>" for p in _LABELS.split())
        rows = _select(endpoint, f"SELECT DISTINCT ?r WHERE {{ VALUES ?p {{ {labels} }} ?r ?p ?l . "
                                 f"FILTER (isIRI(?r) && LCASE(STR(?l)) = LCASE({_literal(text)})) }} LIMIT 5")
        if not rows:
            raise QueryError(f"{problem}: nothing on {endpoint} has this label, IRI or prefixed name")
        if len(rows) > 1:
            raise QueryError(f"{problem}: the label is ambiguous; give one of {', '.join(sorted(rows))}")
        iri = rows[0]
    if not _ask(endpoint, f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}"):
        raise QueryError(f"{problem}: {iri} is not on {endpoint}")
    if param.cls:
        prefix, _, local = param.cls.partition(":")
        cls = PREFIXES.get(prefix, "") + local
        if not _ask(endpoint, f"ASK {{ <{iri}> a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> }}"):
            raise QueryError(f"{problem}: {iri} is not a {param.cls}")
    return ox.NamedNode(iri)


def _literal(text: str) -> str:
    return str(ox.Literal(text))  # N-Triples syntax: quotes and backslashes escaped


def _select(endpoint: str, text: str) -> list[str]:
    return [row[0].value for row in run_remote_query(endpoint, NamedQuery("lookup", text)).rows]


def _ask(endpoint: str, text: str) -> bool:
    return bool(run_remote_query(endpoint, NamedQuery("lookup", text)).boolean)


def bind_values(text: str, bindings: Mapping[str, object]) -> str:
    """The query with ``VALUES (?a ?b) { (term term) }`` first in its WHERE clause.

    Every pattern and FILTER of the clause then sees the parameters bound, as with
    Oxigraph's substitutions or rdflib's initBindings, on any SPARQL 1.1 engine.
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())  # N-Triples syntax
    at = _where_clause_start(text)
    return f"{text[:at]} VALUES ({names}) {{ ({terms}) }}{text[at:]}"


def _where_clause_start(text: str) -> int:
    """The index just after the '{' that opens the outermost WHERE clause.

    Skips comments, strings and IRIs. The clause opens at the first '{' of the query,
    except in CONSTRUCT, whose first '{' opens the template: there it is the first '{'
    after the keyword WHERE.
    """
    i, n, form, after_where = 0, len(text), None, False
    while i < n:
        c = text[i]
        if c == "#":
            newline = text.find("\n", i)
            i = n if newline == -1 else newline
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
        elif c == "<" and (end := _iri_end(text, i)) is not None:
            i = end
        elif c.isalpha() and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "?$:_")):
            word_end = i
            while word_end < n and (text[word_end].isalnum() or text[word_end] == "_"):
                word_end += 1
            word = text[i:word_end].upper()
            if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            after_where = after_where or word == "WHERE"
            i = word_end
        elif c == "{":
            if form != "CONSTRUCT" or after_where:
                return i + 1
            i += 1
        else:
            i += 1
    raise QueryError("the query has no WHERE clause to bind parameters in")


def _iri_end(text: str, start: int) -> int | None:
    """The index after an IRI reference <...> starting at ``start``, or None for a '<' operator."""
    end = text.find(">", start)
    if end == -1 or any(ch in text[start + 1:end] for ch in " \t\n\"{}|^`\\<"):
        return None
    return end + 1
