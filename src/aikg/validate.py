"""SHACL validation of the data, with a report a person can read.

The ontology, code lists and data are merged into one in-memory graph before
pySHACL runs (it validates named graphs one by one, so cross-file references
would fail otherwise). Each result is traced back to the file that describes its
focus node, and blank nodes are named by the path from the nearest IRI.

Two checks pySHACL cannot make run beside it: every XSD-typed literal of every
file against its datatype's lexical space (aikg.literals, with the line), and
every quote against the text of its report (aikg.provenance).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph
import pyshacl
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, SH

from aikg.blank_nodes import MAX_LINKED, oversized_groups
from aikg.literals import ill_typed_literals
from aikg.load import bind_prefixes, data_files, expand_paths, ontology_files, parse_file
from aikg.paths import SHAPES_FILE
from aikg.provenance import check_quotes
from aikg.terminal import escape_controls
from aikg.vocab import AIKG

__all__ = ["Problem", "ValidationReport", "validate"]

SEVERITY_NAMES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, ready to print."""

    file: str
    focus: str
    path: str
    message: str
    severity: str = "violation"
    value: str = ""
    lineno: int | None = None  # known for problems found while reading a file (ill-typed literals)

    def line(self) -> str:
        """One line; control characters from the data are escaped, so nothing reaches the terminal raw."""
        where = f"{self.file}:{self.lineno}  " if self.lineno is not None else ""
        text = f"  {where}{self.focus}  {self.path or '-'}  {self.message}"
        if self.value:
            text += f" (value: {self.value})"
        if self.severity != "violation":
            text = f"{text} [{self.severity}]"
        return escape_controls(text)


@dataclass
class ValidationReport:
    triples: int
    files: list[Path]
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # report texts read: path -> SHA-256 of the bytes read
    _seen: set[Problem] = field(default_factory=set, repr=False)

    def add(self, problem: Problem) -> None:
        """Record a problem once: a rule reached through two shapes reports the same thing twice."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def format(self) -> str:
        """Problems grouped by file, one line each: focus node, path, message."""
        by_file: dict[str, list[Problem]] = defaultdict(list)
        for problem in self.problems:
            by_file[problem.file].append(problem)
        lines = []
        for file in sorted(by_file):
            problems = sorted(by_file[file], key=lambda p: (p.focus, p.path, p.lineno or 0, p.message))
            lines.append(f"{file}: {_count(len(problems), 'problem')}")
            lines.extend(problem.line() for problem in problems)
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(
            f"{verdict}: {_count(len(self.files), 'file')}, {_count(self.triples, 'triple')}, "
            f"{_count(len(self.violations), 'violation')}, "
            f"{_count(len(self.problems) - len(self.violations), 'warning')}"
        )
        return "\n".join(lines)


def _skip_pyshacl_text_report() -> None:
    """Make pySHACL leave its text report empty; aikg reads only the report graph.

    pySHACL builds the text by appending one string per result, which costs time
    quadratic in the number of results (4,000 bare funding relations: 53 s of 80).
    The results go on to the report graph unchanged.
    """
    original = pyshacl.Validator.__dict__.get("create_validation_report")
    if not isinstance(original, classmethod) or getattr(original.__func__, "_aikg_without_text", False):
        return

    def create_validation_report(cls, sg, conforms, results):
        return original.__func__(cls, sg, conforms, [("", *rest) for _text, *rest in results])

    create_validation_report._aikg_without_text = True
    pyshacl.Validator.create_validation_report = classmethod(create_validation_report)


def _prepare_sparql_constraints_once() -> None:
    """Make pySHACL parse each SPARQL constraint once, not once for every focus node.

    pySHACL hands rdflib the constraint's text for each focus node, and rdflib parses
    and translates it each time, binding every namespace of the data graph: with one
    report's 282 evidence statements, validation took 1.8 s before and 0.7 s since. The text
    is the same for every node (pySHACL binds $this as a variable), so one prepared query
    serves all. A text whose prefixes its PREFIX lines (and sh:prefixes) do not declare
    is left to pySHACL as before.
    """
    from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
    from rdflib.plugins.sparql import prepareQuery

    original = SPARQLBasedConstraint.__dict__.get("_validate_sparql_query")
    if original is None or getattr(original, "_aikg_prepared", False):
        return

    @cache
    def prepared(text: str):
        try:
            return prepareQuery(text)
        except Exception:  # e.g. a prefix only the data graph binds: pySHACL's own way resolves it
            return text

    def _validate_sparql_query(self, query, init_binds, target_graph):
        return original(self, prepared(query) if isinstance(query, str) else query, init_binds, target_graph)

    _validate_sparql_query._aikg_prepared = True
    SPARQLBasedConstraint._validate_sparql_query = _validate_sparql_query


_skip_pyshacl_text_report()
_prepare_sparql_constraints_once()


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def validate(paths: Iterable[str | Path] | None = None) -> ValidationReport:
    """Validate Turtle files or folders (default: the project's data) with the ontology.

    Raises aikg.errors.InputError when a file cannot be read or parsed.
    """
    files = data_files() if paths is None else expand_paths(paths)
    graph = Graph()
    subject_files: dict[Node, Path] = {}
    mentioned_in: dict[Node, Path] = {}
    source_texts: dict[tuple[Node, Node], Path] = {}
    for path in [*ontology_files(), *files]:
        part = parse_file(path)
        for subject in part.subjects(unique=True):
            subject_files.setdefault(subject, path)
        for obj in part.objects(unique=True):
            mentioned_in.setdefault(obj, path)
        for report, source in part.subject_objects(AIKG.sourceText):
            source_texts.setdefault((report, source), path)
        graph += part
        for prefix, namespace in part.namespaces():
            graph.bind(prefix, namespace, override=False)
    for node, path in mentioned_in.items():
        subject_files.setdefault(node, path)
    bind_prefixes(graph)
    shapes = parse_file(SHAPES_FILE)

    namer = _NodeNamer(graph)
    report = ValidationReport(triples=len(graph), files=files)
    _conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", abort_on_first=False)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        report.add(
            Problem(
                file=_display(namer.file_of(focus, subject_files)),
                focus=namer.name(focus),
                path=_path_name(path, results, graph),
                message=str(results.value(result, SH.resultMessage) or "does not conform"),
                severity=SEVERITY_NAMES.get(results.value(result, SH.resultSeverity), "violation"),
                value=namer.name(value) if value is not None and value != focus else "",
            )
        )
    for anchor, size in oversized_groups(graph, lambda node: isinstance(node, BNode)):
        report.add(Problem(file=_display(namer.file_of(anchor, subject_files)), focus=namer.name(anchor), path="-",
                           message=f"{size:,} blank nodes are linked together here; at most {MAX_LINKED} can be published "
                                   "with stable labels (RDF canonicalisation): give the things in it IRIs"))
    for problem in check_quotes(graph, source_texts, report.texts):
        report.add(
            Problem(
                file=_display(problem.declared_in or namer.file_of(problem.quotation, subject_files)),
                focus=namer.name(problem.quotation),
                path=problem.path,
                message=problem.message,
            )
        )
    for path in [*ontology_files(), *files]:
        _check_literals(path, report, graph)
    return report


def _check_literals(path: Path, report: ValidationReport, graph: Graph) -> None:
    """Add a problem, with its line, for each ill-typed literal of a file."""
    problems, parents = ill_typed_literals(path)
    for problem in problems:
        report.add(
            Problem(
                file=_display(path),
                focus=_oxigraph_name(problem.subject, parents, graph),
                path=_short(_to_rdflib(problem.predicate), graph),
                message=problem.message,
                severity=problem.severity,
                lineno=problem.line,
            )
        )


def _oxigraph_name(node, parents: dict, graph: Graph, depth: int = 0) -> str:
    """A subject as read by Oxigraph, named like _NodeNamer names rdflib's nodes."""
    if isinstance(node, pyoxigraph.BlankNode):
        parent = parents.get(node)
        if parent is None or depth > 4:
            return "[]"
        subject, predicate = parent
        return f"{_oxigraph_name(subject, parents, graph, depth + 1)} / {_short(_to_rdflib(predicate), graph)} / []"
    return _short(_to_rdflib(node), graph)


def _to_rdflib(node) -> Node:
    return URIRef(node.value) if isinstance(node, pyoxigraph.NamedNode) else Literal(str(node))


def _short(node: Node, graph: Graph) -> str:
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # terms rdflib cannot prefix
        return str(node)


class _NodeNamer:
    """Readable names for nodes: prefixed IRIs, and for blank nodes the way to them."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def name(self, node: Node | None, depth: int = 0) -> str:
        if node is None:
            return ""
        if isinstance(node, BNode):
            parent = self._parent(node)
            if parent is None or depth > 4:
                return "[]"
            subject, predicate = parent
            return f"{self.name(subject, depth + 1)} / {self._short(predicate)} / []"
        return self._short(node)

    def file_of(self, node: Node | None, subject_files: dict[Node, Path]) -> Path | None:
        seen = 0
        while isinstance(node, BNode) and node not in subject_files and seen < 5:
            parent = self._parent(node)
            node, seen = (parent[0] if parent else None), seen + 1
        return subject_files.get(node) if node is not None else None

    def _parent(self, node: BNode) -> tuple[Node, Node] | None:
        return next(iter(self.graph.subject_predicates(node)), None)

    def _short(self, node: Node) -> str:
        try:
            return node.n3(self.graph.namespace_manager)
        except Exception:  # literals with odd datatypes, terms rdflib cannot prefix
            return str(node)


def _path_name(path: Node | None, results: Graph, graph: Graph) -> str:
    if path is None:
        return ""
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + inverse.n3(graph.namespace_manager)
        return "(path)"
    return path.n3(graph.namespace_manager) if isinstance(path, URIRef) else str(path)


@cache
def _display(path: Path | None) -> str:
    if path is None:
        return "(ontology or unknown file)"
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
