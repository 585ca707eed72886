"""Print query results as a table, CSV, TSV, JSON or Markdown, and graphs as RDF.

CSV, TSV and JSON follow the W3C SPARQL 1.1 result formats (JSON is
``application/sparql-results+json``); the table and Markdown are for people:
IRIs shortened to prefixed names, long cells wrapped (never cut), control
characters from the data shown escaped. CONSTRUCT and DESCRIBE results are
RDF graphs and are printed as RDF by Oxigraph's serializers.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from aikg.errors import AikgError
from aikg.outputs import GRAPH_FORMAT_NAMES, TABULAR_FORMATS
from aikg.prefixes import shorten

__all__ = ["TABULAR_FORMATS", "RDF_FORMATS", "format_result", "format_rows", "display_term", "escape_markdown"]

RDF_FORMATS = dict(zip(GRAPH_FORMAT_NAMES, (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD,
                                            ox.RdfFormat.RDF_XML)))
WRAP_WIDTH = 100  # a table cell wider than this is wrapped onto more lines; no format cuts a value
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), 0x7F]}  # no terminal escape reaches the screen
_CONTROL.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})


def format_result(result, fmt: str, prefixes: dict[str, str]) -> str:
    """The result as text in the format asked for; ``prefixes`` shorten IRIs for people."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return format_graph(result.triples, fmt, prefixes)
    if fmt not in TABULAR_FORMATS:
        raise AikgError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a {result.type} query takes {'|'.join(TABULAR_FORMATS)}")
    if result.type == "ASK":
        return _format_boolean(bool(result.boolean), fmt)
    if fmt == "json":
        return _json(result.vars, result.rows)
    if fmt == "csv":
        return _delimited(result.vars, [[_csv_cell(t) for t in row] for row in result.rows], ",")
    if fmt == "tsv":
        return _tsv(result.vars, result.rows)
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


def _format_boolean(answer: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    if fmt in ("csv", "tsv"):
        return f"{'true' if answer else 'false'}\n"
    return ("yes" if answer else "no") + "\n"


def _json_term(term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _json(variables: list[str], rows: list[tuple]) -> str:
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2) + "\n"


def _csv_cell(term) -> str:
    """SPARQL 1.1 CSV: plain lexical forms, blank nodes as _:label, unbound as empty."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _delimited(headers: list[str], rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def _tsv(variables: list[str], rows: list[tuple]) -> str:
    """SPARQL 1.1 TSV: ?-prefixed header, terms in N-Triples syntax (which escapes tabs and newlines)."""
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join("" if term is None else str(term) for term in row) for row in rows)
    return "\n".join(lines) + "\n"


def display_term(term, prefixes: dict[str, str]) -> str:
    """A term as a person reads it: a prefixed name, a literal's text, _:id."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _escape_controls(cell: str) -> str:
    return cell.translate(_CONTROL)


def _table(headers: list[str], rows: list[list[str]], truncated: bool = False) -> str:
    import textwrap  # the table format only: not on the path of a CSV answer

    cells = [[_escape_controls(" ".join(c.split("\n"))) for c in row] for row in rows]
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
    return _escape_controls(escaped.replace("\r\n", "<br>").replace("\n", "<br>"))


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
