"""Print SPARQL results as a table, CSV, TSV, JSON or Markdown.

CSV, TSV and JSON follow the W3C SPARQL 1.1 result formats (JSON is
``application/sparql-results+json``, produced by rdflib's serializer); the table
and Markdown are for people: IRIs shortened to prefixed names, columns aligned.
CONSTRUCT and DESCRIBE results are RDF graphs and are printed as RDF.
"""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from aikg.errors import AikgError

__all__ = ["TABULAR_FORMATS", "RDF_FORMATS", "format_result", "format_rows"]

TABULAR_FORMATS = ("table", "csv", "tsv", "json", "markdown")
RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}
MAX_TABLE_WIDTH = 100  # a cell wider than this is cut with "…" in the table; csv/json keep it whole


def format_result(result: Result, fmt: str, graph: Graph) -> str:
    """The result as text in the format asked for; ``graph`` supplies the prefixes."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return _format_graph(result.graph, fmt, graph)
    if fmt not in TABULAR_FORMATS:
        raise AikgError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a {result.type} query takes {'|'.join(TABULAR_FORMATS)}")
    if result.type == "ASK":
        return _format_boolean(bool(result.askAnswer), fmt)
    variables = [str(v) for v in result.vars]
    rows = [[binding.get(var) for var in result.vars] for binding in result.bindings]
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8") + "\n"
    if fmt == "csv":
        return _delimited(variables, rows, ",", _csv_cell)
    if fmt == "tsv":
        return _tsv(variables, rows)
    shortened = [[_short(term, graph) for term in row] for row in rows]
    if fmt == "markdown":
        return _markdown(variables, shortened)
    return _table(variables, shortened)


def _format_graph(result_graph: Graph, fmt: str, graph: Graph) -> str:
    rdf_format = RDF_FORMATS.get(fmt, "turtle")
    for prefix, namespace in graph.namespaces():
        result_graph.bind(prefix, namespace)
    return result_graph.serialize(format=rdf_format)


def _format_boolean(answer: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    if fmt == "csv" or fmt == "tsv":
        return f"{'true' if answer else 'false'}\n"
    return ("yes" if answer else "no") + "\n"


def _csv_cell(term) -> str:
    """SPARQL 1.1 CSV: plain lexical forms, blank nodes as _:label, unbound as empty."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _delimited(variables: list[str], rows: list[list], delimiter: str, cell) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([cell(term) for term in row] for row in rows)
    return out.getvalue()


def _tsv(variables: list[str], rows: list[list]) -> str:
    """SPARQL 1.1 TSV: ?-prefixed header, terms in N-Triples/Turtle syntax."""
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        lines.append("\t".join("" if term is None else _tsv_term(term) for term in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term) -> str:
    text = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n")


def _short(term, graph: Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:
            return f"<{term}>"
    if isinstance(term, Literal):
        return str(term)
    return f"_:{term}"


def _table(variables: list[str], rows: list[list[str]]) -> str:
    rows = [[cell.replace("\n", " ") for cell in row] for row in rows]
    widths = [max([len(v), *(len(row[i]) for row in rows)]) for i, v in enumerate(variables)]
    widths = [min(w, MAX_TABLE_WIDTH) for w in widths]

    def line(cells: list[str]) -> str:
        return "  ".join(_fit(cell, w).ljust(w) for cell, w in zip(cells, widths)).rstrip()

    out = [line(variables), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in rows)
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out) + "\n"


def _fit(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: width - 1] + "…"


def _markdown(variables: list[str], rows: list[list[str]]) -> str:
    def escape(cell: str) -> str:
        return cell.replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(variables) + " |", "|" + "|".join(" --- " for _ in variables) + "|"]
    out.extend("| " + " | ".join(escape(c) for c in row) + " |" for row in rows)
    return "\n".join(out) + "\n"


def format_rows(headers: list[str], rows: list[list], fmt: str) -> str:
    """Plain rows (strings and numbers) in any tabular format, for aikg's own reports."""
    cells = [["" if value is None else str(value) for value in row] for row in rows]
    if fmt == "json":
        return json.dumps([dict(zip(headers, row)) for row in rows], indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        return _delimited(headers, cells, ",", str)
    if fmt == "tsv":
        return _delimited(headers, cells, "\t", str)
    if fmt == "markdown":
        return _markdown(headers, cells)
    return _table(headers, cells)
