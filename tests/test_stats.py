"""`aikg stats`: every class of the ontology is used by the data; quotes and coverage are counted right."""

from __future__ import annotations

from rdflib import Graph

from aikg.stats import class_counts, quote_summary, report_coverage

from conftest import REPORT_TEXT


def test_every_class_of_the_ontology_is_populated(graph: Graph) -> None:
    empty = [c.label for c in class_counts(graph) if c.total == 0]
    assert empty == []


def test_the_quote_summary_counts_a_fact_without_a_quote() -> None:
    # "Every fact has a quote" is the SHACL shape's to check (test_cli, test_shapes); here, that stats counts.
    graph = Graph().parse(data="""
        @prefix aikg: <https://w3id.org/aikg/ontology#> . @prefix prov: <http://www.w3.org/ns/prov#> .
        <https://example.org/a> a aikg:Actor ; prov:qualifiedQuotation [ prov:value "x" ] .
        <https://example.org/b> a aikg:Actor .""", format="turtle")
    summary = quote_summary(graph)
    assert (summary["fact-bearing resources"], summary["with a quote"], summary["without a quote"]) == (2, 1, 1)


def test_coverage_counts_only_quoted_characters() -> None:
    graph = Graph().parse(data='[] <http://www.w3.org/ns/prov#value> "two three" .', format="turtle")
    assert report_coverage(graph, "one  two\nthree four") == len("two three") / len("one two three four")


def test_most_of_the_report_is_quoted(graph: Graph) -> None:
    assert report_coverage(graph, REPORT_TEXT.read_text(encoding="utf-8")) > 0.5


def test_stats_command_prints_counts_and_provenance(aikg) -> None:
    status, out, _ = aikg("stats", "--format", "csv")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "class,label,instances,with subclasses"
    assert any(line.startswith("aikg:FundingAgency,Funding agency,") for line in lines)
    assert any(line.startswith("without a quote,") for line in lines)
