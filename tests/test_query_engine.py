"""Running queries safely: parameters, errors, refusals, and the W3C result formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from aikg.query import NamedQuery, Param, QueryError, find_query, run_query, to_term
from aikg.resolve import resolve_resource
from aikg.results import format_result
from conftest import run_cli as run

REPORT = ox.NamedNode("https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020")
XSD = "http://www.w3.org/2001/XMLSchema#"

SECTIONS = NamedQuery.from_text(
    "sections",
    """# title: Sections of a report
# description: The numbered sections of a report, in order.
# param: report (iri, default bed:ai-watch-belgium-2020) The report.
# param: title_filter (string, optional) Only the section with this title.
PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?section ?number ?title ?report ?title_filter WHERE {
  ?section dct:isPartOf ?report ; aikg:sectionNumber ?number ; dct:title ?title .
  BIND (STR(?title) AS ?title_filter)
} ORDER BY ?number
""",
)


def test_header_is_read() -> None:
    assert SECTIONS.title == "Sections of a report"
    assert [(p.name, p.type, p.default) for p in SECTIONS.params] == [
        ("report", "iri", "bed:ai-watch-belgium-2020"), ("title_filter", "string", None)]


def test_default_and_given_parameters(store) -> None:
    rows = run_query(store, SECTIONS).bindings
    assert [r["number"].value for r in rows] == ["1", "2", "3", "4", "5", "6"]  # the report's numbered sections
    rows = run_query(store, SECTIONS, {"title_filter": "Regulation"}).bindings
    assert [r["number"].value for r in rows] == ["4"]


@pytest.mark.parametrize("value", ["bed:ai-watch-belgium-2020", REPORT.value, f"<{REPORT.value}>",
                                   "National strategies on Artificial Intelligence: A European perspective in 2019. Country report – Belgium"])
def test_an_iri_parameter_takes_an_iri_a_prefixed_name_or_a_label(store, value: str) -> None:
    assert resolve_resource(store, value, "--param report") == REPORT


def test_an_unknown_resource_is_a_clear_error(store) -> None:
    with pytest.raises(QueryError, match="nothing in the graph has this label"):
        run_query(store, SECTIONS, {"report": "The Moon"})
    with pytest.raises(QueryError, match="is not in the graph"):
        run_query(store, SECTIONS, {"report": "bed:no-such-report"})


def test_unknown_parameter_names_the_ones_that_exist(store) -> None:
    with pytest.raises(QueryError, match="unknown parameter colour; this query takes: report, title_filter"):
        run_query(store, SECTIONS, {"colour": "red"})


@pytest.mark.parametrize(
    "kind, value, expected",
    [("date", "2019-07-01", ox.Literal("2019-07-01", datatype=ox.NamedNode(XSD + "date"))),
     ("date", "2019-03", ox.Literal("2019-03", datatype=ox.NamedNode(XSD + "gYearMonth"))),
     ("date", "2030", ox.Literal("2030", datatype=ox.NamedNode(XSD + "gYear"))),
     ("date", "2020-02-29", ox.Literal("2020-02-29", datatype=ox.NamedNode(XSD + "date"))),
     ("year", "2019", ox.Literal("2019", datatype=ox.NamedNode(XSD + "gYear"))),
     ("integer", "19", ox.Literal("19", datatype=ox.NamedNode(XSD + "integer"))),
     ("integer", "-3", ox.Literal("-3", datatype=ox.NamedNode(XSD + "integer"))),
     ("string", "Team Up", ox.Literal("Team Up"))],
)
def test_values_become_typed_terms(store, kind: str, value: str, expected) -> None:
    assert to_term(store, Param("x", kind), value) == expected


def test_decimal_keeps_full_precision(store) -> None:
    term = to_term(store, Param("x", "decimal"), "80000000.50")
    assert term.datatype.value == XSD + "decimal" and term.value == "80000000.50"


@pytest.mark.parametrize("kind, value, words", [
    ("date", "mid-2020", "not a valid date"), ("date", "2019-13-01", "month 13 does not exist"),
    ("date", "2019-02-29", "day 29 does not exist in 2019-02"), ("date", "2020-00", "month 00 does not exist"),
    ("date", "0000", "year 0000 is not a year"), ("date", "２０２０", "not a valid date"),
    ("year", "2019-03", "not a valid year"), ("decimal", "eighty", "not a decimal number"),
    ("decimal", "Infinity", "not a decimal number"), ("decimal", "NaN", "not a decimal number"),
    ("decimal", "sNaN", "not a decimal number"), ("decimal", "1e100000", "not a decimal number"),
    ("integer", "1e999999999", "not a whole number"), ("integer", "1.5", "not a whole number"),
    ("integer", "１９", "not a whole number"), ("integer", "9" * 31, "more than 30 digits")])
def test_malformed_values_are_refused(store, kind: str, value: str, words: str) -> None:
    with pytest.raises(QueryError, match=words):
        to_term(store, Param("x", kind), value)


def test_a_long_value_is_cut_in_the_message(store) -> None:
    with pytest.raises(QueryError) as caught:
        to_term(store, Param("x", "integer"), "x" * 10_000)
    assert len(str(caught.value)) < 200 and "…" in str(caught.value)


def test_syntax_error_names_line_and_column(store) -> None:
    query = NamedQuery.from_text("bad", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o = }\n")
    with pytest.raises(QueryError, match=r"^bad:\d+:\d+: SPARQL syntax error: expected"):
        run_query(store, query)


@pytest.mark.parametrize("text, words", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are refused"),
    ("DELETE WHERE { ?s ?p ?o }", "updates are refused"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM / FROM NAMED are refused"),
    ("SELECT * FROM NAMED <http://example.org/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM / FROM NAMED are refused"),
    ("LOAD <http://example.org/data.ttl>", "updates are refused"),
    ("PREFIX ex: <http://example.org/>\nWITH ex:g DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "updates are refused"),
    ("SELECT * WHERE { ?s ?p ?o .SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("  \n# only a comment\n", "the query is empty"),
])
def test_updates_and_network_access_are_refused(store, text: str, words: str) -> None:
    before = len(store)
    with pytest.raises(QueryError, match=words):
        run_query(store, NamedQuery.from_text("q", text))
    assert len(store) == before


def test_bad_param_header_is_reported() -> None:
    with pytest.raises(QueryError, match=r"q\.rq:2: bad '# param:' line"):
        NamedQuery.from_text("q", "# title: x\n# param: who (person) somebody\nSELECT * {}", path="q.rq")


def test_query_from_stdin_and_json_results_follow_the_w3c_format() -> None:
    status, out, err = run("query", "-", "--format", "json",
                           stdin=f"SELECT ?created WHERE {{ <{REPORT.value}> <http://purl.org/dc/terms/created> ?created }}")
    assert status == 0, err
    data = json.loads(out)
    assert data["head"]["vars"] == ["created"]
    assert data["results"]["bindings"] == [
        {"created": {"type": "literal", "value": "2020-02-25", "datatype": XSD + "date"}}]


def test_keywords_in_strings_iris_comments_and_names_are_not_refused(store) -> None:
    text = ('PREFIX service: <https://w3id.org/aikg/ontology#>\n# SERVICE, FROM and DELETE in a comment\n'
            'SELECT ?service ?from WHERE { ?service service:sectionNumber ?from . FILTER(?from != "DELETE FROM SERVICE") }')
    assert len(run_query(store, NamedQuery.from_text("q", text))) == 6


def test_the_projects_prefixes_need_no_declaration() -> None:
    status, out, err = run("query", "-", "--format", "csv", stdin="SELECT ?s WHERE { ?s a aikg:FundingAgency } ORDER BY ?s")
    assert status == 0, err
    assert out.split() == ["s", *(f"https://w3id.org/aikg/id/be/org/{n}" for n in ("fwo", "innoviris", "vlaio"))]


def test_csv_and_tsv_follow_the_w3c_formats(store) -> None:
    result = run_query(store, SECTIONS, {"title_filter": "Networking"})
    rows = list(csv.reader(io.StringIO(format_result(result, "csv", store.prefixes))))
    assert rows == [["section", "number", "title", "report", "title_filter"],
                    [f"{REPORT.value}#section-3", "3", "Networking", REPORT.value, "Networking"]]
    tsv = format_result(run_query(store, SECTIONS, {"title_filter": "Networking"}), "tsv", store.prefixes).splitlines()
    assert tsv == ["?section\t?number\t?title\t?report\t?title_filter",
                   f'<{REPORT.value}#section-3>\t"3"\t"Networking"@en\t<{REPORT.value}>\t"Networking"']


def test_table_shortens_iris_and_aligns_columns(store) -> None:
    lines = format_result(run_query(store, SECTIONS), "table", store.prefixes).splitlines()
    assert lines[0].split() == ["section", "number", "title", "report", "title_filter"]
    assert lines[2].split()[0] == "sec:section-1"
    assert len({line.index(line.split()[1]) for line in lines[2:8]}) == 1  # the second column starts at one place
    assert lines[-1] == "(6 rows)"


def test_markdown_table(store) -> None:
    lines = format_result(run_query(store, SECTIONS, {"title_filter": "Regulation"}), "markdown", store.prefixes).splitlines()
    assert lines == ["| section | number | title | report | title_filter |", "| --- | --- | --- | --- | --- |",
                     "| sec:section-4 | 4 | Regulation | bed:ai-watch-belgium-2020 | Regulation |"]


def test_construct_prints_turtle_and_ask_prints_yes_or_no() -> None:
    status, out, _ = run("query", "-", stdin=f"CONSTRUCT {{ <{REPORT.value}> <http://purl.org/dc/terms/date> ?d }} WHERE {{ <{REPORT.value}> <http://purl.org/dc/terms/created> ?d }}")
    assert status == 0 and 'bed:ai-watch-belgium-2020 dct:date "2020-02-25"^^xsd:date .' in out
    status, out, _ = run("query", "-", stdin=f"ASK {{ <{REPORT.value}> ?p ?o }}")
    assert status == 0 and out == "yes\n"


def test_named_query_file_by_path(tmp_path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nASK { ?s ?p ?o }\n", encoding="utf-8")
    assert find_query(str(path)).title == "Mine"


def test_an_rdf_format_for_a_select_query_is_a_clear_error() -> None:
    status, out, err = run("query", "targets", "--format", "nt")
    assert status == 2 and out == ""
    assert "--format nt is for CONSTRUCT and DESCRIBE; a SELECT query takes table|csv|tsv|json|markdown" in err


def test_an_iri_parameter_of_the_wrong_class_is_refused(store) -> None:
    query = find_query("partners-of")
    assert query.param("actor").cls == "aikg:Actor"
    with pytest.raises(QueryError, match=r"--param actor='Team Up': bep:team-up is of type Call, not Actor"):
        run_query(store, query, {"actor": "Team Up"})
    assert len(run_query(store, query, {"actor": "Agoria"})) > 0


# ------------------------------------------------------------------ reading a query (aikg.sparql), by mutation testing's
# survivors (tests/MUTANTS.md): each expectation is the SPARQL 1.1 grammar's reading, worked out by hand.

from aikg import sparql  # noqa: E402
from aikg.sparql import QueryShape, RefusedQuery, SparqlError, bind_values, parse_shape, read_query_shape, text_key  # noqa: E402


@pytest.mark.parametrize("text, expected", [
    ("ASK { ?s ?p ?o }", QueryShape("ASK", (), (), "", False)),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", QueryShape("CONSTRUCT", (), (), "", False)),
    ("DESCRIBE <urn:a>", QueryShape("DESCRIBE", (), (), "", False)),
    ("SELECT * FROM <urn:d1> FROM <urn:d2> FROM NAMED <urn:n> WHERE { GRAPH ?g { ?s ?p ?o } }",
     QueryShape("SELECT", ("urn:d1", "urn:d2"), ("urn:n",), "", True)),
    ("SELECT * FROM ex:g WHERE { ?s ex:p ?o }", QueryShape("SELECT", ("http://example.org/g",), (), "", False)),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
     QueryShape("SELECT", (), (), "SERVICE is refused: queries run offline, on the local graph only", False)),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }",
     QueryShape("UPDATE", (), (), "SPARQL updates are refused: aikg only reads the graph", False)),
])
def test_parse_shape_reads_form_dataset_and_refusals(text, expected) -> None:
    assert parse_shape(text, {"ex": "http://example.org/"}) == expected


def test_parse_shape_errors_say_where_and_why() -> None:
    with pytest.raises(SparqlError) as caught:
        parse_shape("SELECT * WHERE { ?s ?p ?o ?x ?y ?z ?w ?v ?u ?t }", {})
    # column 27 is the fourth term of the triple; what was found is shown, 20 characters of it
    assert str(caught.value) == "1:27: SPARQL syntax error: expected SelectQuery, found '?x ?y ?z ?w ?v ?u ?t'"
    assert (caught.value.line, caught.value.column) == (1, 27)
    with pytest.raises(SparqlError, match=r"^nope: the prefix is not declared \(aikg prefixes lists the predeclared ones\)$"):
        parse_shape("SELECT * WHERE { ?s nope:p ?o }", {})
    with pytest.raises(SparqlError) as caught:
        parse_shape("SELECT * WHERE {\n", {})  # the text ends where the pattern should go on: nothing found to show
    assert str(caught.value) == "2:1: SPARQL syntax error: expected SelectQuery"
    for empty in ("# nothing but a comment\n", "   "):
        with pytest.raises(SparqlError, match="^the query is empty$"):
            read_query_shape(empty, {})


def test_a_from_clause_is_refused_unless_the_dataset_is_allowed() -> None:
    shape = QueryShape("SELECT", ("urn:d",))
    shape.check(allow_dataset=True)
    with pytest.raises(RefusedQuery, match="^FROM / FROM NAMED are refused: queries run on the local graph only$"):
        shape.check()


def test_kept_shape_is_read_back_and_keyed_by_prefixes(monkeypatch) -> None:
    """A shape kept in the cache folder is the shape parsed; another set of prefixes is another key."""
    text = "SELECT * FROM ex:kept FROM NAMED <urn:kept> WHERE { GRAPH ?g { ?s ex:p ?o } }"
    prefixes = {"ex": "http://example.org/"}
    expected = QueryShape("SELECT", ("http://example.org/kept",), ("urn:kept",), "", True)
    sparql._remembered.cache_clear()
    assert read_query_shape(text, prefixes) == expected
    sparql._remembered.cache_clear()
    monkeypatch.setattr(sparql, "parse_shape", lambda *_: pytest.fail("the kept shape was not read back"))
    assert read_query_shape(text, prefixes) == expected
    monkeypatch.undo()
    sparql._remembered.cache_clear()
    with pytest.raises(SparqlError, match="^ex: the prefix is not declared"):
        read_query_shape(text, {})


def test_text_key_takes_any_text() -> None:
    key = text_key("ASK { ?s ?p \"\ud800\" }")  # a lone surrogate, as Python strings may hold
    assert len(key) == 32 and set(key) <= set("0123456789abcdef")
    assert read_query_shape("ASK { ?s ?p \"\ud800\" }", {}) == QueryShape("ASK", (), (), "", False)


def test_bind_values_needs_a_where_clause() -> None:
    with pytest.raises(SparqlError, match="^the query has no WHERE clause to bind parameters in$"):
        bind_values("DESCRIBE <urn:a>", {"x": "<urn:b>"})
