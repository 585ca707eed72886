"""Print query results as a table, CSV, TSV, JSON or Markdown, and graphs as RDF.

CSV, TSV and JSON follow the W3C SPARQL 1.1 result formats (JSON is
``application/sparql-results+json``); the table and Markdown are for people:
IRIs shortened to prefixed names, long cells wrapped (never cut), control
characters from the data shown escaped. CONSTRUCT and DESCRIBE results are
RDF graphs and are printed as RDF by Oxigraph's serializers.
"""

from __future__ import annotations

import io
import json

import pyoxigraph as ox

from aikg.errors import AikgError
from aikg.extensions import GRAPH_FORMAT_NAMES, TABULAR_FORMATS
from aikg.prefixes import shorten
from aikg.terminal import escape_controls

__all__ = ["TABULAR_FORMATS", "RDF_FORMATS", "format_result", "format_rows", "display_term", "sparql_results",
           "escape_markdown"]

RDF_FORMATS = dict(zip(GRAPH_FORMAT_NAMES, (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD,
                                            ox.RdfFormat.RDF_XML)))
W3C_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
WRAP_WIDTH = 100  # a table cell wider than this is wrapped onto more lines; no format cuts a value


def format_result(result, fmt: str, prefixes: dict[str, str]) -> str:
    """The result as text in the format asked for; ``prefixes`` shorten IRIs for people."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return format_graph(result.triples, fmt, prefixes)
    if fmt not in TABULAR_FORMATS:
        raise AikgError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a {result.type} query takes {'|'.join(TABULAR_FORMATS)}")
    if fmt in W3C_FORMATS:
        return sparql_results(result, W3C_FORMATS[fmt]).decode("utf-8")
    if result.type == "ASK":
        return ("yes" if result.boolean else "no") + "\n"
    shortened = [[display_term(term, prefixes) for term in row] for row in result.rows]
    if fmt == "markdown":
        return _markdown(result.vars, shortened)
    return _table(result.vars, shortened, truncated=result.truncated)


def format_graph(triples, fmt: str, prefixes: dict[str, str]) -> str:
    rdf_format = RDF_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
    used = _used_prefixes(triples, prefixes) if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=rdf_format, prefixes=used).decode("utf-8")


def _used_prefixes(triples, prefixes: dict[str, str]) -> dict[str, str]:
    terms = [t for triple in triples for t in (triple.subject, triple.predicate, triple.object)]
    iris = {t.value for t in terms if isinstance(t, ox.NamedNode)}
    iris |= {t.datatype.value for t in terms if isinstance(t, ox.Literal)}
    return {p: ns for p, ns in sorted(prefixes.items()) if any(i.startswith(ns) for i in iris)}


def sparql_results(result, results_format: ox.QueryResultsFormat) -> bytes:
    """A SELECT or ASK result in a W3C results format, written by pyoxigraph's serializers: the one
    writer of these formats for the command line and the endpoint. The rows reach it as SPARQL TSV,
    which keeps every term exactly (N-Triples syntax), so the rows it writes are the rows given."""
    if result.type == "ASK":
        answer = json.dumps({"head": {}, "boolean": bool(result.boolean)}).encode()
        return ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON).serialize(format=results_format)
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in result.rows]
    parsed = ox.parse_query_results(("\n".join(lines) + "\n").encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    return parsed.serialize(format=results_format)


def _delimited(headers: list[str], rows: list[list[str]], delimiter: str) -> str:
    import csv  # aikg's own reports only: not on the path of a query's answer

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def display_term(term, prefixes: dict[str, str]) -> str:
    """A term as a person reads it: a prefixed name, a literal's text, _:id."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _table(headers: list[str], rows: list[list[str]], truncated: bool = False) -> str:
    import textwrap  # the table format only: not on the path of a CSV answer

    cells = [[escape_controls(" ".join(c.split("\n"))) for c in row] for row in rows]
    widths = [min(WRAP_WIDTH, max([len(h), *(len(row[i]) for row in cells)])) for i, h in enumerate(headers)]

    def lines(row: list[str]) -> list[str]:
        wrapped = [textwrap.wrap(c, w, break_long_words=True, break_on_hyphens=False) or [""] for c, w in zip(row, widths)]
        height = max(len(w) for w in wrapped)
        return ["  ".join((w[i] if i < len(w) else "").ljust(width) for w, width in zip(wrapped, widths)).rstrip()
                for i in range(height)]

    out = [*lines(headers), "  ".join("-" * w for w in widths)]
    for row in cells:
        out.extend(lines(row))
    count = f"({len(rows)} row{'' if len(rows) == 1 else 's'}"
    out.append(count + (", cut at the row limit: use --max-rows or --format csv)" if truncated else ")"))
    return "\n".join(out) + "\n"


_MARKDOWN = str.maketrans({"\\": "\\\\", "|": "\\|", "`": "\\`", "&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape_markdown(text: str) -> str:
    """Text from the data as Markdown shows it: no HTML (``<script>`` is text), no code span, one line, and no
    link: ``<...>`` is escaped and ``](`` broken; a link by reference would need a definition at a line's start."""
    escaped = text.translate(_MARKDOWN).replace("](", "]\\(")
    return escape_controls(escaped.replace("\r\n", "<br>").replace("\n", "<br>"))


def _markdown(headers: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    out.extend("| " + " | ".join(escape_markdown(c) for c in row) + " |" for row in rows)
    return "\n".join(out) + "\n"


def format_rows(headers: list[str], rows: list[list], fmt: str) -> str:
    """Plain rows (strings and numbers) in any tabular format, for aikg's own reports."""
    cells = [["" if value is None else str(value) for value in row] for row in rows]
    if fmt == "json":
        return json.dumps([dict(zip(headers, row)) for row in rows], indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        return _delimited(headers, cells, ",")
    if fmt == "tsv":
        return _delimited(headers, cells, "\t")
    if fmt == "markdown":
        return _markdown(headers, cells)
    return _table(headers, cells)
