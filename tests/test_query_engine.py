"""Running queries safely: parameters, errors, refusals, and the W3C result formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from aikg.query import NamedQuery, Param, QueryError, find_query, resolve_resource, run_query, to_term
from aikg.results import format_result
from conftest import run_cli as run

REPORT = URIRef("https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020")

SECTIONS = NamedQuery.from_text(
    "sections",
    """# title: Sections of a report
# description: The numbered sections of a report, in order.
# param: report (iri, default bed:ai-watch-belgium-2020) The report.
# param: title_filter (string, optional) Only the section with this title.
PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?section ?number ?title WHERE {
  ?section dct:isPartOf ?report ; aikg:sectionNumber ?number ; dct:title ?title .
  FILTER(!BOUND(?title_filter) || STR(?title) = ?title_filter)
} ORDER BY ?number
""",
)


def test_header_is_read() -> None:
    assert SECTIONS.title == "Sections of a report"
    assert [(p.name, p.type, p.default) for p in SECTIONS.params] == [
        ("report", "iri", "bed:ai-watch-belgium-2020"), ("title_filter", "string", None)]


def test_default_and_given_parameters(graph) -> None:
    rows = list(run_query(graph, SECTIONS))
    assert [str(r.number) for r in rows] == ["1", "2", "3", "4", "5", "6"]  # the report's numbered sections
    rows = list(run_query(graph, SECTIONS, {"title_filter": "Regulation"}))
    assert [str(r.number) for r in rows] == ["4"]


@pytest.mark.parametrize("value", ["bed:ai-watch-belgium-2020", str(REPORT), f"<{REPORT}>",
                                   "National strategies on Artificial Intelligence: A European perspective in 2019. Country report – Belgium"])
def test_an_iri_parameter_takes_an_iri_a_prefixed_name_or_a_label(graph, value: str) -> None:
    assert resolve_resource(graph, value, "--param report") == REPORT


def test_an_unknown_resource_is_a_clear_error(graph) -> None:
    with pytest.raises(QueryError, match="nothing in the graph has this label"):
        run_query(graph, SECTIONS, {"report": "The Moon"})
    with pytest.raises(QueryError, match="is not in the graph"):
        run_query(graph, SECTIONS, {"report": "bed:no-such-report"})


def test_unknown_parameter_names_the_ones_that_exist(graph) -> None:
    with pytest.raises(QueryError, match="unknown parameter colour; this query takes: report, title_filter"):
        run_query(graph, SECTIONS, {"colour": "red"})


@pytest.mark.parametrize(
    "kind, value, expected",
    [("date", "2019-07-01", Literal("2019-07-01", datatype=XSD.date)),
     ("date", "2019-03", Literal("2019-03", datatype=XSD.gYearMonth)),
     ("date", "2030", Literal("2030", datatype=XSD.gYear)),
     ("year", "2019", Literal("2019", datatype=XSD.gYear)),
     ("integer", "19", Literal(19)),
     ("string", "Team Up", Literal("Team Up"))],
)
def test_values_become_typed_terms(graph, kind: str, value: str, expected: Literal) -> None:
    term = to_term(graph, Param("x", kind), value)
    assert term == expected and term.datatype == expected.datatype


def test_decimal_keeps_full_precision(graph) -> None:
    term = to_term(graph, Param("x", "decimal"), "80000000.50")
    assert term.datatype == XSD.decimal and str(term) == "80000000.50"


@pytest.mark.parametrize("kind, value, words", [
    ("date", "mid-2020", "not a valid date"), ("date", "2019-13-01", "not a valid date"),
    ("year", "2019-03", "not a valid year"), ("decimal", "eighty", "not a number"), ("integer", "1.5", "not a whole number")])
def test_malformed_values_are_refused(graph, kind: str, value: str, words: str) -> None:
    with pytest.raises(QueryError, match=words):
        to_term(graph, Param("x", kind), value)


def test_syntax_error_names_line_and_column(graph) -> None:
    query = NamedQuery.from_text("bad", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o = }\n")
    with pytest.raises(QueryError, match=r"^bad:3:\d+: SPARQL syntax error"):
        run_query(graph, query)


@pytest.mark.parametrize("text, words", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are refused"),
    ("DELETE WHERE { ?s ?p ?o }", "updates are refused"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM / FROM NAMED are refused"),
    ("SELECT * FROM NAMED <http://example.org/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM / FROM NAMED are refused"),
])
def test_updates_and_network_access_are_refused(graph, text: str, words: str) -> None:
    before = len(graph)
    with pytest.raises(QueryError, match=words):
        run_query(graph, NamedQuery.from_text("q", text))
    assert len(graph) == before


def test_bad_param_header_is_reported() -> None:
    with pytest.raises(QueryError, match=r"q\.rq:2: bad '# param:' line"):
        NamedQuery.from_text("q", "# title: x\n# param: who (person) somebody\nSELECT * {}", path="q.rq")


def test_query_from_stdin_and_json_results_follow_the_w3c_format() -> None:
    status, out, err = run("query", "-", "--format", "json",
                           stdin=f"SELECT ?created WHERE {{ <{REPORT}> <http://purl.org/dc/terms/created> ?created }}")
    assert status == 0, err
    data = json.loads(out)
    assert data["head"]["vars"] == ["created"]
    assert data["results"]["bindings"] == [
        {"created": {"type": "literal", "value": "2020-02-25", "datatype": str(XSD.date)}}]


def test_csv_and_tsv_follow_the_w3c_formats(graph) -> None:
    result = run_query(graph, SECTIONS, {"title_filter": "Networking"})
    rows = list(csv.reader(io.StringIO(format_result(result, "csv", graph))))
    assert rows == [["section", "number", "title"],
                    ["https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#section-3", "3", "Networking"]]
    tsv = format_result(run_query(graph, SECTIONS, {"title_filter": "Networking"}), "tsv", graph).splitlines()
    assert tsv == ["?section\t?number\t?title",
                   '<https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#section-3>\t"3"\t"Networking"@en']


def test_table_shortens_iris_and_aligns_columns(graph) -> None:
    lines = format_result(run_query(graph, SECTIONS), "table", graph).splitlines()
    assert lines[0].split() == ["section", "number", "title"]
    assert lines[2].split()[0] == "sec:section-1"
    assert len({line.index(line.split()[1]) for line in lines[2:8]}) == 1  # the second column starts at one place
    assert lines[-1] == "(6 rows)"


def test_markdown_table(graph) -> None:
    lines = format_result(run_query(graph, SECTIONS, {"title_filter": "Regulation"}), "markdown", graph).splitlines()
    assert lines == ["| section | number | title |", "| --- | --- | --- |", "| sec:section-4 | 4 | Regulation |"]


def test_construct_prints_turtle_and_ask_prints_yes_or_no() -> None:
    status, out, _ = run("query", "-", stdin=f"CONSTRUCT {{ <{REPORT}> <http://purl.org/dc/terms/date> ?d }} WHERE {{ <{REPORT}> <http://purl.org/dc/terms/created> ?d }}")
    assert status == 0 and 'bed:ai-watch-belgium-2020 dct:date "2020-02-25"^^xsd:date .' in out
    status, out, _ = run("query", "-", stdin=f"ASK {{ <{REPORT}> ?p ?o }}")
    assert status == 0 and out == "yes\n"


def test_named_query_file_by_path(tmp_path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nASK { ?s ?p ?o }\n", encoding="utf-8")
    assert find_query(str(path)).title == "Mine"


def test_an_rdf_format_for_a_select_query_is_a_clear_error() -> None:
    status, out, err = run("query", "targets", "--format", "nt")
    assert status == 2 and out == ""
    assert "--format nt is for CONSTRUCT and DESCRIBE; a SELECT query takes table|csv|tsv|json|markdown" in err


def test_an_iri_parameter_of_the_wrong_class_is_refused(graph) -> None:
    query = find_query("partners-of")
    assert query.param("actor").cls == "aikg:Actor"
    with pytest.raises(QueryError, match=r"--param actor='Team Up': bep:team-up is of type Call, not Actor"):
        run_query(graph, query, {"actor": "Team Up"})
    assert len(run_query(graph, query, {"actor": "Agoria"})) > 0


def test_nothing_reaches_the_network_while_a_query_runs() -> None:
    import socket

    from aikg.query import offline

    with offline(), pytest.raises(QueryError, match="tried to reach the network"):
        socket.getaddrinfo("example.org", 80)
