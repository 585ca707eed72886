"""Read a SPARQL query once, on a real parse: its form, its dataset clauses, and what is refused.

Every door (the command line, the endpoint, the Python API, ``--endpoint``) asks
this module what a query is before any engine sees it. The query is parsed by
rdflib's SPARQL 1.1 grammar and translated to its algebra; the refusals are
read from the algebra, never from the text, so no comment, string, escape
(``ex:x\\#``) or computed IRI (``SERVICE ?endpoint``) can hide a SERVICE:

- updates, LOAD among them: aikg only reads the graph;
- SERVICE, in any form: queries run on the local graph only;
- FROM / FROM NAMED: refused by the command line; the endpoint allows the
  dataset's own graphs (the caller checks them against its graphs).

A query rdflib cannot parse is refused with rdflib's syntax error, even where
Oxigraph would accept it: what cannot be read cannot be checked. Refusing is
the first line; the second is that the engine runs where it cannot reach the
network at all (``aikg.sandbox``).

Parsing a long query costs rdflib about 0.3 s, more than running it, so a
query's shape is kept in memory and in the cache folder, as JSON keyed by a
hash of its text and prefixes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping
from collections import namedtuple

from aikg.errors import AikgError

__all__ = ["QueryShape", "SparqlError", "RefusedQuery", "read_query_shape", "parse_shape", "text_key", "SHIPPED_FILE",
           "bind_values"]

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
UPDATES_REFUSED = "SPARQL updates are refused: aikg only reads the graph"
SERVICE_REFUSED = "SERVICE is refused: queries run offline, on the local graph only"
FROM_REFUSED = "FROM / FROM NAMED are refused: queries run on the local graph only"
SHAPE_VERSION = 2  # bump when QueryShape changes: kept shapes of another version are read again


class SparqlError(AikgError):
    """A query that cannot be read: the message starts with ``LINE:COLUMN:`` where the parser gives them."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line, self.column, self.detail = line, column, message


class RefusedQuery(AikgError):
    """A query aikg will not run: an update, LOAD, SERVICE, or (where not allowed) FROM."""


class QueryShape(namedtuple("QueryShape", "form default_graphs named_graphs refusal graph_patterns",
                             defaults=((), (), "", False))):
    """What a query is: its form, the graphs its FROM and FROM NAMED clauses name (tuples of IRIs),
    what it asks for that aikg refuses (``refusal``: the message, or ""), and whether it has GRAPH
    patterns (``graph_patterns``)."""

    __slots__ = ()

    @property
    def uses_named_graphs(self) -> bool:
        """Whether the answer depends on the named graphs (one per source file), not on the default graph alone."""
        return self.graph_patterns or self.has_dataset

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)

    def check(self, *, allow_dataset: bool = False) -> None:
        """Raise RefusedQuery for what is refused; FROM only unless ``allow_dataset``."""
        if self.refusal:
            raise RefusedQuery(self.refusal)
        if self.has_dataset and not allow_dataset:
            raise RefusedQuery(FROM_REFUSED)


def read_query_shape(text: str, prefixes: Mapping[str, str]) -> QueryShape:
    """The shape of a query, with ``prefixes`` predeclared (a query's own PREFIX lines win)."""
    if not text.strip():
        raise SparqlError("the query is empty")
    key = _key(text, prefixes)
    return _remembered(key, text, tuple(sorted(prefixes.items())))


@functools.lru_cache(maxsize=256)
def _remembered(key: str, text: str, prefixes: tuple[tuple[str, str], ...]) -> QueryShape:
    shipped = _shipped().get(text_key(text))
    if shipped is not None:
        return shipped
    kept = _read_kept(key)
    if kept is not None:
        return kept
    shape = parse_shape(text, dict(prefixes))
    _keep(key, shape)
    return shape


# ---------------------------------------------------------------- the named queries' shapes, shipped
#
# The project's own named queries are read by the same parser, once, when they are written: their shapes
# ship in queries/shapes.json, keyed by a hash of each text, so an edited query is simply read again.
# (None names a dataset, so the predeclared prefixes cannot change their shape.) A test checks the file
# against the parser; `python -m aikg.query` writes it (aikg.query.write_named_query_shapes).

SHIPPED_FILE = "shapes.json"


def text_key(text: str) -> str:
    """The key of a query's text in the shipped shapes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@functools.cache
def _shipped() -> dict[str, QueryShape]:
    from aikg.paths import QUERIES_DIR

    try:
        document = json.loads((QUERIES_DIR / SHIPPED_FILE).read_bytes())
        return {key: QueryShape(v["form"], (), (), v["refusal"], v["graphs"]) for key, v in document.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _key(text: str, prefixes: Mapping[str, str]) -> str:
    """What a shape depends on: the text and the prefixes (the SPARQL grammar decides the rest)."""
    digest = hashlib.sha256(f"shape {SHAPE_VERSION}\n".encode())
    digest.update(json.dumps(sorted(prefixes.items())).encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def parse_shape(text: str, prefixes: dict[str, str]) -> QueryShape:
    """The shape of a query as rdflib's parser reads it, with nothing kept (read_query_shape keeps it)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except ParseException as error:
        try:
            update = parseUpdate(text)
        except ParseException:
            raise _syntax_error(error) from None
        if "request" not in update:  # nothing but comments and white space
            raise SparqlError("the query is empty") from None
        return QueryShape("UPDATE", refusal=UPDATES_REFUSED)
    try:
        algebra = translateQuery(parsed, initNs=prefixes).algebra
    except Exception as error:  # an undeclared prefix and the like: rdflib raises plain exceptions
        undeclared = re.match(r"Unknown namespace prefix : (\S*)", str(error))
        if undeclared:
            raise SparqlError(f"{undeclared.group(1)}: the prefix is not declared (aikg prefixes lists the "
                              "predeclared ones)") from None
        raise SparqlError(f"SPARQL error: {_first_line(error)}") from None
    defaults, named = _dataset(parsed[1]["datasetClause"] if "datasetClause" in parsed[1] else [])
    names = _algebra_names(algebra)
    refusal = SERVICE_REFUSED if "ServiceGraphPattern" in names else ""
    return QueryShape(FORMS[algebra.name], defaults, named, refusal, "Graph" in names)


def _dataset(clauses) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The graphs of FROM and FROM NAMED, as IRIs (translateQuery resolved prefixed names in place;
    rdflib's CompValue.get answers a missing key with its name, so keys are tested with ``in``)."""
    defaults, named = [], []
    for clause in clauses:
        if "default" in clause:
            defaults.append(str(clause["default"]))
        if "named" in clause:
            named.append(str(clause["named"]))
    return tuple(defaults), tuple(named)


def _algebra_names(node) -> set[str]:
    """The names of every node of the algebra (sub-queries, EXISTS and paths included): a SERVICE in any
    form is a ServiceGraphPattern, a GRAPH pattern a Graph."""
    from rdflib.plugins.sparql.parserutils import CompValue

    names, stack, seen = set(), [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            names.add(item.name)
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return names


def _syntax_error(error) -> SparqlError:
    detail = str(error.msg)
    detail = detail[:1].lower() + detail[1:]
    found = f", found {error.line[error.col - 1:error.col + 19]!r}" if error.line else ""
    return SparqlError(f"{error.lineno}:{error.col}: SPARQL syntax error: {detail}{found}", error.lineno, error.col)


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


# ---------------------------------------------------------------- kept shapes


def _kept_path(key: str):
    from aikg import cache

    folder = cache.private_folder("sparql")
    return None if folder is None else folder / f"{key}.json"


def _read_kept(key: str) -> QueryShape | None:
    path = _kept_path(key)
    if path is None:
        return None
    try:
        data = json.loads(path.read_bytes())
        return QueryShape(data["form"], tuple(data["default"]), tuple(data["named"]), data["refusal"], data["graphs"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _keep(key: str, shape: QueryShape) -> None:
    from aikg import cache

    path = _kept_path(key)
    if path is not None:
        data = {"form": shape.form, "default": list(shape.default_graphs), "named": list(shape.named_graphs),
                "refusal": shape.refusal, "graphs": shape.graph_patterns}
        cache.write_file(path, json.dumps(data).encode())
        cache.keep_newest(path.parent, 512)


# ---------------------------------------------------------------- parameters for another engine


def bind_values(text: str, bindings: Mapping[str, object]) -> str:
    """The query with ``VALUES (?a ?b) { (term term) }`` first in its WHERE clause, for an engine
    without substitutions (SEP-0007): every pattern and FILTER of the clause then sees the
    parameters bound, on any SPARQL 1.1 engine. The result is read again (read_query_shape) by
    the caller, so a misplaced block is an error, not a wrong answer."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())  # N-Triples syntax
    at = _where_clause_start(text)
    return f"{text[:at]} VALUES ({names}) {{ ({terms}) }}{text[at:]}"


_TOKEN = re.compile(
    r'#[^\n\r]*'  # a comment
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''  # long strings
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\''  # strings
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # an IRI
    r'|[?$]\w+'  # a variable
    r'|(?:[A-Za-z][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]|\\.))*'  # a prefixed name, escapes included
    r'|[A-Za-z_]\w*'  # a keyword
    r'|\{',
    re.S,
)


def _where_clause_start(text: str) -> int:
    """The index just after the '{' that opens the outermost WHERE clause: the first '{' of the
    query, except in CONSTRUCT, whose first '{' opens the template."""
    form, after_where = None, False
    for token in _TOKEN.finditer(text):
        word = token.group(0)
        if word == "{":
            if form != "CONSTRUCT" or after_where:
                return token.end()
        elif word.isalpha():
            upper = word.upper()
            if form is None and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = upper
            after_where = after_where or upper == "WHERE"
    raise SparqlError("the query has no WHERE clause to bind parameters in")
