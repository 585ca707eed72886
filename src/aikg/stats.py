"""Counts that tell how complete the graph is: instances per class, quotes, coverage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from aikg.load import data_files, expand_paths
from aikg.provenance import SourceTextError, collapse_whitespace, declared_source_texts, read_source_text
from aikg.vocab import AIKG

__all__ = ["ClassCount", "class_counts", "quote_summary", "quoted_mask", "report_coverage", "report_text_coverage"]

FACT_CLASSES = (AIKG.Actor, AIKG.Initiative, AIKG.FundingRelation, AIKG.Quantity, AIKG.Target, AIKG.Recommendation, AIKG.Report)


@dataclass(frozen=True)
class ClassCount:
    cls: URIRef
    label: str
    direct: int
    total: int  # with the instances of its subclasses


def instances(graph: Graph, cls: URIRef) -> set:
    """Instances of a class or of any of its subclasses."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in graph.subjects(RDF.type, c)}


def class_counts(graph: Graph) -> list[ClassCount]:
    """Every class the ontology defines, with its direct and total instance counts."""
    counts = []
    for cls in sorted(c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(AIKG))):
        direct = len(set(graph.subjects(RDF.type, cls)))
        counts.append(ClassCount(cls, str(graph.value(cls, RDFS.label) or cls), direct, len(instances(graph, cls))))
    return counts


def quote_summary(graph: Graph) -> dict[str, int]:
    """How many fact-bearing resources there are, and how many carry a quote."""
    facts = set().union(*(instances(graph, c) for c in FACT_CLASSES))
    quoted = {s for s in facts if (s, PROV.qualifiedQuotation, None) in graph}
    return {
        "fact-bearing resources": len(facts),
        "with a quote": len(quoted),
        "without a quote": len(facts - quoted),
        "quotations": len(set(graph.subjects(RDF.type, PROV.Quotation))),
        "editorial statements": len(set(graph.subjects(RDF.type, AIKG.EditorialStatement))),
    }


def report_coverage(graph: Graph, text: str, report: URIRef | None = None) -> float:
    """The share of the report's characters (whitespace collapsed) inside some quote of it: with
    ``report``, only the quotations whose prov:entity it is count (another report's words never do).
    A passage marked as holding nothing to encode (aikg:NothingToEncode) is no quote of a fact."""
    text = collapse_whitespace(text)
    quotations = set(graph.subjects(PROV.value, None) if report is None else graph.subjects(PROV.entity, report))
    quotations -= {q for marked in graph.subjects(RDF.type, AIKG.NothingToEncode)
                   for q in graph.objects(marked, PROV.qualifiedQuotation)}
    covered = quoted_mask(text, {str(v) for q in quotations for v in graph.objects(q, PROV.value)})
    return sum(covered) / len(text) if text else 0.0


def quoted_mask(text: str, quotes: Iterable[str]) -> bytearray:
    """One byte per character of ``text`` (whitespace collapsed): 1 where some quote (collapsed) covers
    it, at every place the quote occurs. The one rule of coverage, for stats and the annotated report."""
    covered = bytearray(len(text))
    for quote in {collapse_whitespace(q) for q in quotes}:
        start = text.find(quote)
        while quote and start != -1:
            covered[start : start + len(quote)] = b"\x01" * len(quote)
            start = text.find(quote, start + 1)
    return covered


def report_text_coverage(graph: Graph, paths: Iterable[str | Path] | None = None) -> list[tuple[str, float]]:
    """Coverage of every report whose data names its text (``aikg:sourceText``).

    The text is read under the rules of aikg.provenance.read_source_text; a text
    refused there raises SourceTextError (the data does not conform), naming the report.
    """
    files = data_files() if not paths else expand_paths(paths)
    shares = []
    for (report, source), declared in sorted(declared_source_texts(files).items()):
        name = graph.namespace_manager.normalizeUri(report)
        try:
            text = read_source_text(source, declared)
        except SourceTextError as error:
            raise SourceTextError(f"{declared}: {name}: {error}") from None
        shares.append((name, report_coverage(graph, text, report)))
    return shares
