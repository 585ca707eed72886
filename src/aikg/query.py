"""Named SPARQL queries: find them, bind their parameters safely, run them offline.

A named query is a ``.rq`` file under ``queries/`` whose header comment says what
it answers::

    # title: Funding by funder
    # description: Every funding relation, grouped by the actor that gives the money.
    # param: funder (iri, optional) Only this funder: an IRI, a prefixed name or a label.

Parameters are SPARQL variables. Values given on the command line are checked
against their XSD lexical space, turned into typed RDF terms and substituted by
the engine (Oxigraph's ``substitutions``, SEP-0007); they are never pasted into
the query text. Queries run on pyoxigraph (aikg.store); the project's prefixes
are predeclared, and updates, LOAD, SERVICE and FROM are refused on a parse of
the query before the engine sees it (aikg.sparql).

``run_query`` is the one way a query is answered: the command line, the
endpoint, the Python API, the network, ``build`` and ``--endpoint`` (on a
remote store, aikg.remote) all call it and render its typed rows.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from aikg.errors import AikgError, QueryError
from aikg.paths import QUERIES_DIR
from aikg.sparql import SHIPPED_FILE, QueryShape, RefusedQuery, SparqlError, parse_shape, read_query_shape, text_key

__all__ = ["Param", "NamedQuery", "QueryError", "QueryResult", "list_queries", "find_query", "read_query",
           "bind_params", "to_term", "run_query", "query_shape", "quote_value"]

PARAM_TYPES = ("iri", "string", "date", "year", "decimal", "integer")
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)(?:\s+(?P<cls>[\w-]+:\w+))?(?:\s*,\s*(?:default\s+(?P<default>[^)]*)|(?P<optional>optional)))?\)\s*(?P<doc>.*)$")
XSD = "http://www.w3.org/2001/XMLSchema#"



class Param(namedtuple("Param", "name type default description cls", defaults=(None, "", None))):
    """A parameter of a named query, from its ``# param:`` line: name, type (PARAM_TYPES), default
    (None: optional), description, and for iri parameters the class (prefixed name) the resource
    must belong to."""

    __slots__ = ()


class NamedQuery(namedtuple("NamedQuery", "name text path title description params", defaults=(None, "", "", ()))):
    """A SPARQL query with its name, source file (None when given as text), and the title,
    description and parameters its header comment declares."""

    __slots__ = ()

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
        return _read_file(name, candidate)
    path = Path(name)
    if path.suffix in (".rq", ".sparql") or path.is_file():
        return _read_file(path.stem, path)
    names = [q.stem for q in sorted(folder.glob("*.rq"))]
    import difflib  # only to suggest a name: not on every query's path

    near = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"; did you mean {' / '.join(near)}?" if near else ""
    raise QueryError(f"no named query '{name}' (and no such file){hint} ('aikg queries' lists them)")


def _read_file(name: str, path: Path) -> NamedQuery:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise QueryError(f"{path}: cannot read query file: {error.strerror}") from None
    return NamedQuery.from_text(name, decode_query(data, path), path)


def decode_query(data: bytes, where: object) -> str:
    """Queries are UTF-8 (SPARQL 1.1); anything else is refused, not guessed."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")  # a byte order mark is no part of the query
    except UnicodeDecodeError as error:
        raise QueryError(f"{where}: the query is not UTF-8 text (byte {error.start + 1})") from None


def read_query(text: str, name: str = "<stdin>") -> NamedQuery:
    return NamedQuery.from_text(name, text)


def _where(query: NamedQuery) -> str:
    return str(query.path or query.name)


def query_shape(query: NamedQuery, prefixes: Mapping[str, str]) -> QueryShape:
    """The query's form, dataset clauses and refusals (aikg.sparql), errors naming the query."""
    try:
        return read_query_shape(query.text, prefixes)
    except SparqlError as error:
        raise QueryError(f"{_where(query)}:{'' if error.line else ' '}{error}") from None


# ---------------------------------------------------------------- parameters

MAX_DIGITS = 30  # a decimal or integer parameter longer than this is no amount of money or a count
MAX_STRING = 1000
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")


def quote_value(value: str, width: int = 60) -> str:
    """A user's value for an error message: repr, cut to a readable length."""
    text = value if len(value) <= width else value[:width] + "…"
    return repr(text)


def bind_params(store, query: NamedQuery, given: Mapping[str, str]) -> dict[ox.Variable, object]:
    """Typed bindings for a query from NAME=VALUE strings and the header's defaults."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        names = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"{_where(query)}: unknown parameter {', '.join(unknown)}; this query takes: {names}")
    bindings: dict[ox.Variable, object] = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is not None:
            bindings[ox.Variable(param.name)] = to_term(store, param, value)
    return bindings


def to_term(store, param: Param, value: str):
    """Turn a command-line string into the RDF term of the parameter's type, or refuse it."""
    problem = f"--param {param.name}={quote_value(value)}"
    if param.type == "iri":
        from aikg.resolve import resolve_name

        return resolve_name(store, value, problem, param.cls)
    if param.type == "string":
        if len(value) > MAX_STRING:
            raise QueryError(f"{problem}: longer than {MAX_STRING} characters")
        return ox.Literal(value)
    if param.type in ("date", "year"):
        return _date_term(param, value, problem)
    pattern = _INTEGER if param.type == "integer" else _DECIMAL
    if not pattern.fullmatch(value):
        kind = "a whole number (digits 0-9, no exponent)" if param.type == "integer" else "a decimal number (digits 0-9 and a '.', no exponent)"
        raise QueryError(f"{problem}: not {kind}")
    if sum(c.isdigit() for c in value) > MAX_DIGITS:
        raise QueryError(f"{problem}: more than {MAX_DIGITS} digits")
    return ox.Literal(value, datatype=ox.NamedNode(XSD + param.type))


def _days_in(year: int, month: int) -> int:
    import calendar  # only where a date is given: not on every query's path

    return calendar.monthrange(year, month)[1]


def _date_term(param: Param, value: str, problem: str) -> ox.Literal:
    match = _DATE.fullmatch(value)
    if param.type == "year" and match and match["month"]:
        match = None
    expected = "YYYY-MM-DD, YYYY-MM or YYYY" if param.type == "date" else "YYYY"
    if not match:
        raise QueryError(f"{problem}: not a valid {param.type}; write {expected} with digits 0-9")
    year, month, day = int(match["year"]), match["month"], match["day"]
    if year == 0:
        raise QueryError(f"{problem}: year 0000 is not a year; write {expected}")
    if month is not None and not 1 <= int(month) <= 12:
        raise QueryError(f"{problem}: month {month} does not exist; write {expected}")
    if day is not None and not 1 <= int(day) <= _days_in(year, int(month)):
        raise QueryError(f"{problem}: day {day} does not exist in {year}-{month}")
    datatype = "date" if day else "gYearMonth" if month else "gYear"
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


# ---------------------------------------------------------------- running


class QueryResult:
    """A query's answer, read whole: rows of terms for SELECT, a boolean for ASK, triples otherwise."""

    def __init__(self, type: str, vars: list[str] | None = None, rows: list[tuple] | None = None,
                 boolean: bool | None = None, triples: list[ox.Triple] | None = None, truncated: bool = False) -> None:
        self.type = type
        self.vars = vars or []
        self.rows = rows or []
        self.boolean = boolean
        self.triples = triples or []
        self.truncated = truncated  # more rows than max_rows existed

    def __len__(self) -> int:
        return len(self.rows) if self.type == "SELECT" else len(self.triples)

    @property
    def bindings(self) -> list[dict[str, object]]:
        """Rows as dicts of bound variables (unbound ones left out)."""
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self.rows]

    def to_dicts(self) -> list[dict[str, object]]:
        """Rows as dicts of plain Python values: IRIs and texts as str, numbers as int or float, booleans as bool;
        an unbound column is None."""
        return [{v: python_value(t) for v, t in zip(self.vars, row)} for row in self.rows]

    def to_dataframe(self):
        """The rows as a pandas DataFrame (pandas is imported here: it is not a dependency of aikg)."""
        try:
            import pandas as pd
        except ImportError:
            raise AikgError("to_dataframe() needs pandas: pip install pandas") from None
        return pd.DataFrame(self.to_dicts(), columns=self.vars)


_NUMBERS = {XSD + t for t in ("integer", "int", "long", "short", "decimal", "double", "float",
                              "nonNegativeInteger", "positiveInteger")}


def python_value(term) -> object:
    """A term as a plain Python value (see QueryResult.to_dicts)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.datatype.value in _NUMBERS:
            return int(term.value) if _INTEGER.fullmatch(term.value) else float(term.value)
        if term.datatype.value == XSD + "boolean":
            return term.value in ("true", "1")
    return term.value


def run_query(store, query: NamedQuery, params: Mapping[str, str] | None = None, *,
              max_rows: int | None = None, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, allow_dataset: bool = False) -> QueryResult:
    """Check, bind and run a query on the store; rows (or triples) beyond ``max_rows`` are cut and
    said cut. ``default_graphs``/``named_graphs`` name the dataset (the SPARQL protocol's
    default-graph-uri and named-graph-uri); FROM clauses are refused unless ``allow_dataset``.
    Nothing is fetched or written."""
    shape = query_shape(query, store.prefixes)
    try:
        shape.check(allow_dataset=allow_dataset)
    except RefusedQuery as error:
        raise QueryError(f"{_where(query)}: {error}") from None
    if shape.uses_named_graphs and not getattr(store, "named_graphs", True):
        raise QueryError(f"{_where(query)}: the query asks for the named graphs (GRAPH, FROM), which this store "
                         "was opened without (open_store(named_graphs=True))")
    bindings = bind_params(store, query, params or {})
    dataset = None
    if default_graphs is not None or named_graphs is not None:
        dataset = (list(default_graphs or ()), list(named_graphs or ()))
    try:
        answer = store.query(query.text, bindings, dataset=dataset, own_dataset=shape.has_dataset)
        if shape.form == "ASK":
            return QueryResult("ASK", boolean=bool(answer))
        if shape.form in ("CONSTRUCT", "DESCRIBE"):
            triples, truncated = _read_rows(answer, None, max_rows)
            return QueryResult(shape.form, triples=triples, truncated=truncated)
        variables = [v.value for v in answer.variables]
        rows, truncated = _read_rows(answer, len(variables), max_rows)
    except SyntaxError as error:
        raise QueryError(f"{_where(query)}:{_syntax_message(error)}") from None
    except AikgError:
        raise
    except RuntimeError as error:
        unprojected = re.search(r"variable (\?\w+) in its SELECT projection", str(error))
        if not unprojected:
            raise QueryError(f"{_where(query)}: the query failed: {error}") from None
        raise QueryError(f"{_where(query)}: parameter {unprojected.group(1)} must be in the SELECT clause: "
                         "parameters are bound as substitutions (SEP-0007)") from None
    except Exception as error:  # evaluation errors raised by the engine while rows are read
        raise QueryError(f"{_where(query)}: the query failed: {error or type(error).__name__}") from None
    return QueryResult("SELECT", variables, rows, truncated=truncated)


def _read_rows(answer, width: int | None, max_rows: int | None) -> tuple[list, bool]:
    """Solutions as tuples of terms (``width`` columns), or triples (``width`` None), up to ``max_rows``."""
    rows = []
    for item in answer:
        if max_rows is not None and len(rows) >= max_rows:
            return rows, True
        rows.append(item if width is None else tuple(item[i] for i in range(width)))
    return rows, False


_OX_POSITION = re.compile(r"^error at (\d+):(\d+): ?(.*)$", re.S)


def syntax_error_position(error: SyntaxError) -> tuple[str | None, str | None, str]:
    """Line, column and detail of Oxigraph's 'error at L:C: ...' (line and column None if it gives none)."""
    text = str(error.msg if getattr(error, "msg", None) else error)
    match = _OX_POSITION.match(text)
    return match.groups() if match else (None, None, text)


def _syntax_message(error: SyntaxError) -> str:
    """``LINE:COLUMN: SPARQL syntax error: ...``, to follow a file name."""
    line, column, detail = syntax_error_position(error)
    if line is None:
        return f" SPARQL syntax error: {detail}"
    return f"{line}:{column}: SPARQL syntax error: {detail}"


# ---------------------------------------------------------------- the named queries' shapes, shipped


def named_query_shapes(folder: Path = QUERIES_DIR) -> dict[str, dict[str, object]]:
    """The shapes of the named queries as the parser reads them, as queries/shapes.json holds them
    (aikg.sparql reads that file; a test checks it against this)."""
    from aikg.prefixes import ALL_PREFIXES

    shapes = {}
    for query in list_queries(folder):
        shape = parse_shape(query.text, dict(ALL_PREFIXES))
        if shape.has_dataset:
            raise QueryError(f"{query.name}: a named query names no dataset (FROM)")
        shapes[text_key(query.text)] = {"query": query.name, "form": shape.form, "refusal": shape.refusal,
                                        "graphs": shape.graph_patterns}
    return dict(sorted(shapes.items(), key=lambda item: item[1]["query"]))


def write_named_query_shapes(folder: Path = QUERIES_DIR) -> Path:
    import json

    path = folder / SHIPPED_FILE
    path.write_text(json.dumps(named_query_shapes(folder), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_named_query_shapes()}")
