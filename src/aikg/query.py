"""Named SPARQL queries: find them, bind their parameters safely, run them offline.

A named query is a ``.rq`` file under ``queries/`` whose header comment says what
it answers::

    # title: Funding by funder
    # description: Every funding relation, grouped by the actor that gives the money.
    # param: funder (iri, optional) Only this funder: an IRI, a prefixed name or a label.

Parameters are SPARQL variables. Values given on the command line are turned
into typed RDF terms and bound with rdflib's ``initBindings``; they are never
pasted into the query text.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from aikg.errors import AikgError
from aikg.paths import QUERIES_DIR

__all__ = ["Param", "NamedQuery", "QueryError", "list_queries", "find_query", "read_query", "bind_params", "run_query"]

PARAM_TYPES = ("iri", "string", "date", "year", "decimal", "integer")
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)(?:\s+(?P<cls>[\w-]+:\w+))?(?:\s*,\s*(?:default\s+(?P<default>[^)]*)|(?P<optional>optional)))?\)\s*(?P<doc>.*)$")


class QueryError(AikgError):
    """A query that cannot be found, parsed, bound or allowed to run."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    description: str = ""
    cls: str | None = None  # for iri parameters: the class (prefixed name) the resource must belong to


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)

    @classmethod
    def from_text(cls, name: str, text: str, path: Path | None = None) -> NamedQuery:
        """Read the header comment (title, description, params) of a query."""
        title, description, params = "", [], []
        for number, line in enumerate(text.splitlines(), start=1):
            match = _HEADER.match(line.strip())
            if not match:
                continue
            key, value = match.groups()
            if key == "title":
                title = value.strip()
            elif key == "description":
                description.append(value.strip())
            else:
                params.append(_parse_param(value, path or name, number))
        return cls(name, text, path, title, " ".join(description), tuple(params))

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def _parse_param(spec: str, where: object, line: int) -> Param:
    match = _PARAM.match(spec.strip())
    if not match or match["type"] not in PARAM_TYPES or (match["cls"] and match["type"] != "iri"):
        raise QueryError(
            f"{where}:{line}: bad '# param:' line; write '# param: NAME (TYPE [CLASS][, default VALUE|, optional]) description' "
            f"with TYPE one of {', '.join(PARAM_TYPES)}"
        )
    default = match["default"].strip() if match["default"] else None
    return Param(match["name"], match["type"], default, match["doc"].strip(), match["cls"])


def list_queries(folder: Path = QUERIES_DIR) -> list[NamedQuery]:
    """The named queries of the project (the checks under queries/checks are not listed)."""
    return [NamedQuery.from_text(p.stem, p.read_text(encoding="utf-8"), p) for p in sorted(folder.glob("*.rq"))]


def find_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    """A named query by name, or a .rq file by path."""
    candidate = folder / f"{name}.rq"
    if candidate.is_file():
        return NamedQuery.from_text(name, candidate.read_text(encoding="utf-8"), candidate)
    path = Path(name)
    if path.suffix in (".rq", ".sparql") or path.is_file():
        try:
            return NamedQuery.from_text(path.stem, path.read_text(encoding="utf-8"), path)
        except OSError as error:
            raise QueryError(f"{path}: cannot read query file: {error.strerror}") from None
    known = ", ".join(q.name for q in list_queries(folder))
    raise QueryError(f"no named query '{name}' (and no such file); named queries: {known}")


def read_query(text: str, name: str = "<stdin>") -> NamedQuery:
    return NamedQuery.from_text(name, text)


def prepare(query: NamedQuery) -> Query:
    """Parse a query, refusing updates and anything that would reach the network."""
    try:
        prepared = prepareQuery(query.text)
    except ParseException as error:
        if _is_update(query.text):
            raise QueryError(f"{_where(query)}: SPARQL updates are refused: aikg only reads the graph") from None
        raise QueryError(
            f"{_where(query)}:{error.lineno}:{error.col}: SPARQL syntax error near "
            f"{error.line.strip()[:60]!r}: {error.msg}"
        ) from None
    except Exception as error:  # rdflib raises e.g. plain Exception for an unknown prefix
        raise QueryError(f"{_where(query)}: SPARQL error: {error}") from None
    if prepared.algebra.get("datasetClause"):
        raise QueryError(f"{_where(query)}: FROM / FROM NAMED are refused: queries run on the local graph only")
    if _uses_service(prepared.algebra):
        raise QueryError(f"{_where(query)}: SERVICE is refused: queries run offline, on the local graph only")
    return prepared


def _where(query: NamedQuery) -> str:
    return str(query.path or query.name)


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _uses_service(node: object) -> bool:
    if isinstance(node, Mapping):
        return getattr(node, "name", None) == "ServiceGraphPattern" or any(_uses_service(v) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_uses_service(v) for v in node)
    return False


def bind_params(graph: Graph, query: NamedQuery, given: Mapping[str, str]) -> dict[Variable, object]:
    """Typed bindings for a query from NAME=VALUE strings and the header's defaults."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        names = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"{_where(query)}: unknown parameter {', '.join(unknown)}; this query takes: {names}")
    bindings: dict[Variable, object] = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is not None:
            bindings[Variable(param.name)] = to_term(graph, param, value)
    return bindings


_DATE_FORMATS = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date), (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth), (re.compile(r"^\d{4}$"), XSD.gYear))


def to_term(graph: Graph, param: Param, value: str):
    """Turn a command-line string into the RDF term of the parameter's type."""
    problem = f"--param {param.name}={value!r}"
    if param.type == "iri":
        resource = resolve_resource(graph, value, problem)
        if param.cls:
            _check_class(graph, resource, param.cls, problem)
        return resource
    if param.type == "string":
        return Literal(value)
    if param.type in ("date", "year"):
        formats = _DATE_FORMATS if param.type == "date" else _DATE_FORMATS[2:]
        for pattern, datatype in formats:
            if pattern.match(value):
                literal = Literal(value, datatype=datatype)
                if literal.ill_typed:
                    break
                return literal
        expected = "YYYY-MM-DD, YYYY-MM or YYYY" if param.type == "date" else "YYYY"
        raise QueryError(f"{problem}: not a valid {param.type}; write {expected}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise QueryError(f"{problem}: not a number") from None
    if param.type == "integer":
        if number != number.to_integral_value():
            raise QueryError(f"{problem}: not a whole number")
        return Literal(int(number))
    return Literal(number, datatype=XSD.decimal)


def resolve_resource(graph: Graph, value: str, problem: str) -> URIRef:
    """An IRI from <iri>, a full IRI, a prefixed name or a label; it must be in the graph."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        iri = URIRef(text)
    elif re.match(r"^[A-Za-z][\w.-]*:[^\s/]*$", text) and text.split(":", 1)[0] in dict(graph.namespaces()):
        iri = graph.namespace_manager.expand_curie(text)
    else:
        return _by_label(graph, text, problem)
    if (iri, None, None) not in graph and (None, None, iri) not in graph:
        raise QueryError(f"{problem}: {text} is not in the graph")
    return iri


def _check_class(graph: Graph, resource: URIRef, cls: str, problem: str) -> None:
    """Refuse a resource of the wrong kind: a programme where an actor is wanted gives no rows, silently."""
    wanted = graph.namespace_manager.expand_curie(cls)
    types = set(graph.objects(resource, RDF.type))
    if any(wanted in graph.transitive_objects(t, RDFS.subClassOf) for t in types):
        return
    kinds = ", ".join(sorted(str(graph.value(t, RDFS.label) or t.n3(graph.namespace_manager)) for t in types)) or "untyped"
    wanted_label = graph.value(wanted, RDFS.label) or cls
    raise QueryError(f"{problem}: {resource.n3(graph.namespace_manager)} is of type {kinds}, not {wanted_label}")


def _by_label(graph: Graph, label: str, problem: str) -> URIRef:
    wanted = label.casefold()
    matches = sorted(
        {s for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for s, o in graph.subject_objects(p)
         if isinstance(s, URIRef) and str(o).casefold() == wanted}
    )
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        names = ", ".join(m.n3(graph.namespace_manager) for m in matches)
        raise QueryError(f"{problem}: the label is ambiguous; give one of {names}")
    near = sorted(
        {str(o) for p in (RDFS.label, SKOS.prefLabel) for o in graph.objects(None, p) if wanted in str(o).casefold()}
    )[:5]
    hint = f"; did you mean {' / '.join(repr(n) for n in near)}?" if near else ""
    raise QueryError(f"{problem}: nothing in the graph has this label, IRI or prefixed name{hint}")


# The network guard: an audit hook cannot be removed, so it is installed once and
# only refuses while a query runs (rdflib would otherwise follow FROM/SERVICE URLs).
_offline = contextvars.ContextVar("aikg_offline", default=False)
_NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "urllib.Request"}
_hook_installed = False


def _refuse_network(event: str, _args: tuple) -> None:
    if event in _NETWORK_EVENTS and _offline.get():
        raise QueryError("a query tried to reach the network; aikg queries run offline")


@contextlib.contextmanager
def offline() -> Iterator[None]:
    global _hook_installed
    if not _hook_installed:
        sys.addaudithook(_refuse_network)
        _hook_installed = True
    token = _offline.set(True)
    try:
        yield
    finally:
        _offline.reset(token)


def run_query(graph: Graph, query: NamedQuery, params: Mapping[str, str] | None = None) -> Result:
    """Run a named query on the graph with its parameters bound; no network access."""
    prepared = prepare(query)
    bindings = bind_params(graph, query, params or {})
    with offline():
        try:
            result = graph.query(prepared, initBindings=bindings)
            if result.type == "SELECT":
                _ = result.bindings  # rdflib evaluates lazily: do it now, inside the guard
        except AikgError:
            raise
        except Exception as error:  # evaluation errors: bad regex, type errors rdflib does not catch
            raise QueryError(f"{_where(query)}: the query failed: {error}") from None
    return result
