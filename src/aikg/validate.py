"""Validation of the data: every rule it must follow, with a report a person can read.

The ontology, code lists and data are read once, strictly (aikg.positions: the line of
every triple is kept), into one in-memory graph: pySHACL validates named graphs one by
one, so cross-file references would fail otherwise. The rules run over that graph:
the typed literals (aikg.literals), the classes and properties no vocabulary defines
(aikg.terms), the SHACL shapes, the checks of queries/checks (aikg.data_checks), every
quote in its report's text and cited section (aikg.provenance), every amount a figure
of its quote (aikg.amounts). Each problem names the file and line of the triple it is
about and the resource by name (blank nodes by the way to them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph
import pyshacl
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SH

from aikg.amounts import amount_problems
from aikg.blank_nodes import MAX_LINKED, oversized_groups
from aikg.data_checks import check_rows
from aikg.literals import ill_typed_literals
from aikg.load import bind_prefixes, data_files, expand_paths, ontology_files, parse_file
from aikg.paths import SHAPES_FILE
from aikg.positions import TripleLines, Where, read_turtle, to_rdflib
from aikg.provenance import check_quotes
from aikg.store import GraphStore
from aikg.terminal import escape_controls
from aikg.terms import known_terms, unknown_terms
from aikg.vocab import AIKG, SCHEMA

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
    lineno: int | None = None  # the line of the triple the problem is about

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
    """Validate Turtle files or folders (default: the project's data) with the ontology: every rule of the data.

    Raises aikg.errors.InputError when a file cannot be read or parsed.
    """
    files = data_files() if paths is None else expand_paths(paths)
    ontology = ontology_files()
    graph, lines, store = Graph(), TripleLines(), pyoxigraph.Store()
    for path in [*ontology, *files]:
        for prefix, namespace in read_turtle(path, graph, lines, store, _GRAPH).items():
            graph.bind(prefix, namespace, override=False)
    bind_prefixes(graph)

    report = ValidationReport(triples=len(graph), files=files)
    rules = _Rules(graph, lines, report)
    for path in [*ontology, *files]:
        rules.literals(path)
    rules.terms(ontology, files)
    rules.shapes()
    rules.checks(GraphStore(store, named_graphs=False))
    rules.quotes()
    rules.amounts()
    for anchor, size in oversized_groups(graph, lambda node: isinstance(node, BNode)):
        rules.add(anchor, None, None, f"{size:,} blank nodes are linked together here; at most {MAX_LINKED} can be "
                  "published with stable labels (RDF canonicalisation): give the things in it IRIs")
    return report


_GRAPH = pyoxigraph.DefaultGraph()  # the checks query the default graph, a set: a triple stated twice is one


class _Rules:
    """The rules of the data, run in order over one graph; each problem placed at the triple it is about.

    A problem that only follows from one already reported is left out: an ill-typed literal
    is not also a wrong amount, and a misspelt class or property is not also the broken
    relations it causes (they show again, if still there, once it is fixed).
    """

    def __init__(self, graph: Graph, lines: TripleLines, report: ValidationReport):
        self.graph, self.lines, self.report = graph, lines, report
        self.namer = _NodeNamer(graph, lines)
        self.follows: set[Node] = set()  # values whose problems follow from one reported
        self.pairs: set[tuple[Node, Node]] = set()  # subject and object of a triple with a misspelt property
        self.placed: set[tuple[str, str, str, int | None]] = set()  # where the shapes found problems

    def add(self, focus: Node | None, path: Node | None, value: Node | None, message: str, *,
            shown_path: str | None = None, severity: str = "violation", where: Where | None = None,
            shown_value: str = "") -> Problem:
        where = where or self.lines.where(focus, path if isinstance(path, URIRef) else None, value)
        file, line = (where[0], where[1]) if where else (None, None)
        problem = Problem(
            file=_display(file), focus=self.namer.name(focus),
            path=shown_path if shown_path is not None else self.namer.name(path) if isinstance(path, URIRef) else "",
            message=message, severity=severity, value=shown_value, lineno=line)
        self.report.add(problem)
        return problem

    def literals(self, path: Path) -> None:
        """Every XSD-typed literal of a file against its datatype's lexical space (aikg.literals)."""
        problems, _parents = ill_typed_literals(path)
        for problem in problems:
            literal, predicate = to_rdflib(problem.literal), to_rdflib(problem.predicate)
            holders = list(self.graph.subjects(predicate, literal))
            here = [s for s in holders if self.lines.triples.get((s, predicate, literal)) == (path, problem.line)]
            self.follows.add(literal)
            self.follows.update(holders)
            self.add((here or holders or [None])[0], predicate, literal, problem.message, severity=problem.severity,
                     where=(path, problem.line))

    def terms(self, ontology: list[Path], files: list[Path]) -> None:
        """Classes and properties of the data that neither the ontology nor its vocabularies define."""
        ontology_set = set(ontology)
        known = known_terms(t for t, where in self.lines.triples.items() if where[0] in ontology_set)
        for unknown in unknown_terms(self.lines.triples, files, known):
            subject, predicate, obj = unknown.triple
            hint = f"; did you mean {self.namer.name(unknown.suggestion)}?" if unknown.suggestion is not None else ""
            more = f" (used {unknown.uses} times in this file)" if unknown.uses > 1 else ""
            self.add(subject, predicate, obj, where=unknown.where, message=(
                f"{self.namer.name(unknown.term)} is a {unknown.role} that neither the ontology nor the vocabularies "
                f"it uses define{hint}{more}; the problems it causes are left out until it is fixed"))
            self._follows_from(unknown.term, unknown.role)

    def _follows_from(self, term: URIRef, role: str) -> None:
        if role == "class":
            self.follows.update(self.graph.subjects(RDF.type, term))
            return
        self.pairs.update(self.graph.subject_objects(term))
        for statement in self.graph.subjects(RDF.predicate, term):
            self.pairs.add((self.graph.value(statement, RDF.subject), self.graph.value(statement, RDF.object)))

    def _statement_follows(self, node: Node | None) -> bool:
        """Whether ``node`` is a statement of a triple whose property is misspelt."""
        pair = (self.graph.value(node, RDF.subject), self.graph.value(node, RDF.object))
        return pair in self.pairs

    def shapes(self) -> None:
        """The SHACL shapes (ontology/shapes.ttl), over the merged graph."""
        _conforms, results, _text = pyshacl.validate(self.graph, shacl_graph=_shapes(), inference="none",
                                                     abort_on_first=False)
        for result in results.subjects(RDF.type, SH.ValidationResult):
            focus = results.value(result, SH.focusNode)
            value = results.value(result, SH.value)
            path = results.value(result, SH.resultPath)
            if value in self.follows or focus in self.follows or (self.pairs and self._statement_follows(focus)):
                continue
            problem = self.add(focus, path, value, str(results.value(result, SH.resultMessage) or "does not conform"),
                               shown_path=_path_name(path, results, self.graph),
                               severity=SEVERITY_NAMES.get(results.value(result, SH.resultSeverity), "violation"),
                               shown_value=self.namer.name(value) if value is not None and value != focus else "")
            self.placed.add((problem.focus, problem.path, problem.file, problem.lineno))

    def checks(self, store: GraphStore) -> None:
        """The checks of queries/checks: each row a problem about its first column and the check's path.
        A row on the resource, property and line of a problem the shapes found adds nothing and is left out."""
        for row in check_rows(store):
            values = {name: to_rdflib(term) for name, term in row.columns if term is not None}
            terms = list(values.values())
            if not terms or any(t in self.follows for t in terms) or any(
                    (a, b) in self.pairs for a in terms for b in terms):
                continue
            focus = terms[0]
            path = values.get(row.path[1:]) if row.path.startswith("?") else self._expand(row.path)
            value = next((t for t in reversed(terms[1:]) if t != path), None)
            where = self.lines.where(focus, path, value)
            problem_place = (self.namer.name(focus), self.namer.name(path), _display(where[0]) if where else "",
                             where[1] if where else None)
            if problem_place in self.placed:
                continue
            message = _PLACEHOLDER.sub(lambda m: self._shown(values.get(m.group(1))), row.message)
            self.add(focus, path, value, message, where=where)

    def _shown(self, value: Node | None) -> str:
        """A row's value inside a message: a string as its words, anything else by name."""
        if isinstance(value, Literal) and value.datatype is None and not value.language:
            return str(value)
        return self.namer.name(value) or "-"

    def _expand(self, name: str) -> URIRef | None:
        try:
            return self.graph.namespace_manager.expand_curie(name) if name else None
        except ValueError:  # a prefix the project does not declare: the problem is placed on its resource
            return None

    def quotes(self) -> None:
        """Each quote in its report's text and in the section it cites; each section's heading in the text."""
        source_text = AIKG.sourceText  # looked up once: an rdflib Namespace attribute costs a tenth of a millisecond
        declared = {(s, o): where[0] for (s, p, o), where in self.lines.triples.items() if p == source_text}
        for problem in check_quotes(self.graph, declared, self.report.texts):
            path = _PATHS.get(problem.path)
            value = self.graph.value(problem.quotation, path) if path is not None else None
            self.add(problem.quotation, path, value, problem.message, shown_path=problem.path)

    def amounts(self) -> None:
        """Each amount of money a figure of its quote (aikg.amounts)."""
        for problem in amount_problems(self.graph):
            if problem.value in self.follows:
                continue
            self.add(problem.amount, SCHEMA.value, problem.value, problem.message)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PATHS = {"prov:value": PROV.value, "prov:atLocation": PROV.atLocation, "dct:title": DCTERMS.title,
          "aikg:sourceText": AIKG.sourceText}


@cache
def _shapes() -> Graph:
    return parse_file(SHAPES_FILE)


class _NodeNamer:
    """Readable names for nodes: prefixed IRIs; a blank node by the way to it from the nearest IRI,
    or, for one that nothing points to, by what it is (a statement by its triple, else its class and line)."""

    def __init__(self, graph: Graph, lines: TripleLines):
        self.graph, self.lines = graph, lines

    def name(self, node: Node | None, depth: int = 0) -> str:
        if node is None:
            return ""
        if isinstance(node, BNode):
            parent = self._parent(node)
            if parent is None or depth > 4:
                return self._root(node)
            subject, predicate = parent
            return f"{self.name(subject, depth + 1)} / {_short(predicate, self.graph)} / []"
        return _short(node, self.graph)

    def _root(self, node: BNode) -> str:
        triple = [self.graph.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object)]
        if all(term is not None for term in triple):
            return "[" + " ".join(self.name(term, 5) for term in triple) + "]"
        kind = self.graph.value(node, RDF.type)
        where = self.lines.where(node)
        line = f" of line {where[1]}" if where else ""
        return f"[{'a ' + _short(kind, self.graph) if kind is not None else 'blank node'}{line}]"

    def _parent(self, node: BNode) -> tuple[Node, Node] | None:
        return next(iter(self.graph.subject_predicates(node)), None)


def _short(node: Node, graph: Graph) -> str:
    """A term as Turtle would write it; a literal is written by hand (rdflib warns of ill-typed numbers)."""
    if isinstance(node, Literal):
        text = '"' + str(node).replace("\\", "\\\\").replace('"', '\\"') + '"'
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^{_short(node.datatype, graph)}" if node.datatype is not None else text
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # terms rdflib cannot prefix
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
