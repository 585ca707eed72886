"""Typed literals checked against the lexical space of their XSD datatype, with their line.

rdflib checks only some datatypes (``"20X9"^^xsd:gYear`` passes) and rewrites
lexical forms it can convert (``" 12"`` and ``"1_000"`` become integers), so the
check reads each file again with Oxigraph, which keeps lexical forms as written,
and asks xmlschema's XSD 1.1 built-in types (with elementpath's datatypes, which
xmlschema is built on), which implement every lexical space and facet
(``"300"^^xsd:byte`` is out of range). The file is fed to the parser
one line at a time, so the line on which a literal ends is known when it is read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph


__all__ = ["IllTypedLiteral", "LineReader", "XSD_NAMESPACE", "ill_typed_literals", "lexical_problem"]

XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema#"

# The XSD datatypes RDF 1.1 Concepts (section 5.1) lists as compatible with RDF.
RDF_COMPATIBLE = frozenset(
    """string boolean decimal integer double float date time dateTime dateTimeStamp gYear gMonth gDay
    gYearMonth gMonthDay duration yearMonthDuration dayTimeDuration byte short int long unsignedByte
    unsignedShort unsignedInt unsignedLong positiveInteger nonNegativeInteger negativeInteger
    nonPositiveInteger hexBinary base64Binary anyURI language normalizedString token NMTOKEN Name NCName""".split()
)
TEXTUAL = frozenset("string normalizedString token language NMTOKEN Name NCName anyURI hexBinary base64Binary".split())
MAX_NUMBER_LENGTH = 1000  # a number or date longer than this is refused rather than converted


@dataclass(frozen=True)
class IllTypedLiteral:
    """A literal whose lexical form is not one of its datatype, where it was read."""

    line: int
    subject: pyoxigraph.NamedNode | pyoxigraph.BlankNode
    predicate: pyoxigraph.NamedNode
    literal: pyoxigraph.Literal
    message: str
    severity: str = "violation"


def ill_typed_literals(path: Path) -> tuple[list[IllTypedLiteral], dict[pyoxigraph.BlankNode, tuple[object, pyoxigraph.NamedNode]]]:
    """Every XSD-typed literal of a Turtle file that is not in its datatype's lexical space.

    Also returns, for each blank node, the subject and predicate that lead to it,
    so that a problem on a blank node can be named by the way to it.
    """
    problems: list[IllTypedLiteral] = []
    parents: dict[pyoxigraph.BlankNode, tuple[object, pyoxigraph.NamedNode]] = {}
    with path.open("rb") as handle:
        reader = LineReader(handle)
        for quad in pyoxigraph.parse(reader, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            value = quad.object
            if isinstance(value, pyoxigraph.BlankNode):
                parents.setdefault(value, (quad.subject, quad.predicate))
            elif isinstance(value, pyoxigraph.Literal) and value.datatype.value.startswith(XSD_NAMESPACE):
                found = lexical_problem(value.value, value.datatype.value[len(XSD_NAMESPACE):])
                if found is not None:
                    message, severity = found
                    problems.append(IllTypedLiteral(reader.line, quad.subject, quad.predicate, value, message, severity))
    return problems, parents


@lru_cache(maxsize=4096)  # data repeats its years and amounts; hostile data must not grow it without end
def lexical_problem(lexical: str, name: str) -> tuple[str, str] | None:
    """Why ``lexical`` is not a literal of ``xsd:name`` (message, severity), or None when it is."""
    types = _xsd_types()
    xsd_type = types.get(f"{{http://www.w3.org/2001/XMLSchema}}{name}")
    if xsd_type is None or not xsd_type.is_simple():
        return f"xsd:{name} is not an XSD datatype", "violation"
    if name not in RDF_COMPATIBLE:
        return f"xsd:{name} is not a datatype for RDF literals (RDF 1.1 Concepts, 5.1)", "warning"
    if name not in TEXTUAL and len(lexical) > MAX_NUMBER_LENGTH:
        return _not_valid(lexical, name, f"longer than {MAX_NUMBER_LENGTH} characters"), "violation"
    white_space = getattr(xsd_type, "white_space", None)
    # XSD normalises whitespace before matching; an RDF lexical form must be normalised already.
    if white_space == "collapse" and lexical != " ".join(lexical.split()):
        return _not_valid(lexical, name, "it has extra whitespace"), "violation"
    if white_space == "replace" and any(c in lexical for c in "\t\n\r"):
        return _not_valid(lexical, name, "it has tabs or line breaks"), "violation"
    # elementpath's datatype matches the lexical pattern (xmlschema alone lets int() decide, and
    # int() reads "1_000" and Arabic digits); xmlschema's type adds the facets ("300" is no xsd:byte).
    try:
        valid = xsd_type.datatype.is_valid(lexical) and xsd_type.is_valid(lexical)
    except Exception:  # noqa: BLE001 - a validator that cannot decode the text has found it invalid
        valid = False
    return None if valid else (_not_valid(lexical, name), "violation")


def _not_valid(lexical: str, name: str, why: str = "") -> str:
    shown = lexical if len(lexical) <= 60 else lexical[:59] + "…"
    quoted = '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{quoted} is not a valid xsd:{name}" + (f": {why}" if why else "")


@cache
def _xsd_types():
    import xmlschema  # imported on first use: it takes a tenth of a second

    schema = xmlschema.XMLSchema11.meta_schema
    schema.build()
    return schema.maps.types


class LineReader(io.RawIOBase):
    """A binary reader that hands out at most one line per read; ``line`` is the number of the last one."""

    def __init__(self, handle: io.BufferedReader):
        self._lines: Iterator[bytes] = iter(handle)
        self._pending = memoryview(b"")
        self.line = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._pending:
            self._pending = memoryview(next(self._lines, b""))
            if not self._pending:
                return 0
            self.line += 1
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size
