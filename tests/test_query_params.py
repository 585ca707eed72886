"""The query path in process: a named query's header, its parameters' lexical checks, its rows cut
at the cap (expectations from XSD 1.1 Part 2 and the report, by hand)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from aikg.query import (NamedQuery, Param, QueryError, QueryResult, decode_query, find_query, python_value, quote_value,
                        run_query, syntax_error_position, to_term)

XSD = "http://www.w3.org/2001/XMLSchema#"
HEADER = """# title:  Funding of one year
# description: Every funding relation
# description: of one year.
# param: funder (iri aikg:Actor, optional) Only this funder, e.g. "Innoviris".
# param: year (year, default 2019) The year: "in 2019 FWO invested more than €15 million".
# param: label (string) A label.
SELECT * WHERE { ?s ?p ?o }
"""


def test_the_header_names_the_title_description_and_each_parameter() -> None:
    query = NamedQuery.from_text("funding", HEADER)
    assert (query.title, query.description) == ("Funding of one year", "Every funding relation of one year.")
    assert query.params == (
        Param("funder", "iri", None, 'Only this funder, e.g. "Innoviris".', "aikg:Actor"),
        Param("year", "year", "2019", 'The year: "in 2019 FWO invested more than €15 million".', None),
        Param("label", "string", None, "A label.", None))
    assert query.param("year").default == "2019" and query.param("colour") is None


@pytest.mark.parametrize("line", [
    "# param: funder (colour) A colour is no type.",
    "# param: label (string aikg:Actor) Only an iri names a class.",
    "# param: funder (iri, optionally) Not the word.",
    "# param: 2funder (iri) A name starts with a letter."])
def test_a_bad_param_line_is_refused_with_its_file_and_line(line: str) -> None:
    with pytest.raises(QueryError) as caught:
        NamedQuery.from_text("q", f"# title: Q\n{line}\nSELECT * {{}}\n", path="queries/q.rq")
    message = str(caught.value)
    assert message.startswith("queries/q.rq:2: bad '# param:' line; write '# param: NAME (TYPE [CLASS][, default VALUE|, optional]) description'")
    assert message.endswith("with TYPE one of iri, string, date, year, decimal, integer")


def test_a_value_in_a_message_is_cut_at_60_characters() -> None:
    assert quote_value("x" * 60) == "'" + "x" * 60 + "'"
    assert quote_value("x" * 61) == "'" + "x" * 60 + "…'"


@pytest.mark.parametrize("kind, value, words", [
    ("string", "x" * 1001, "--param x='" + "x" * 60 + "…': longer than 1000 characters"),
    ("integer", "1" * 31, "more than 30 digits"), ("decimal", "1" * 20 + "." + "1" * 11, "more than 30 digits"),
    ("integer", "12e3", "not a whole number (digits 0-9, no exponent)"),
    ("decimal", "1,5", "not a decimal number (digits 0-9 and a '.', no exponent)"),
    ("date", "2019-04-31", "day 31 does not exist in 2019-04"), ("date", "2019-01-00", "day 00 does not exist in 2019-01"),
    ("date", "2019-1", "not a valid date; write YYYY-MM-DD, YYYY-MM or YYYY with digits 0-9"),
    ("year", "19", "not a valid year; write YYYY with digits 0-9"), ("year", "0000", "year 0000 is not a year; write YYYY"),
    ("date", "2019-13", "month 13 does not exist; write YYYY-MM-DD, YYYY-MM or YYYY")])
def test_a_value_outside_its_types_lexical_space_is_refused(store, kind: str, value: str, words: str) -> None:
    with pytest.raises(QueryError) as caught:
        to_term(store, Param("x", kind), value)
    assert words in str(caught.value)


@pytest.mark.parametrize("kind, value, datatype", [
    ("string", "x" * 1000, None), ("integer", "1" * 30, "integer"), ("integer", "+7", "integer"),
    ("decimal", ".5", "decimal"), ("decimal", "5.", "decimal"), ("decimal", "-0.25", "decimal"),
    ("date", "2019-12-31", "date"), ("date", "2019-01-01", "date"), ("date", "2019-12", "gYearMonth"),
    ("date", "2019-01", "gYearMonth"), ("year", "2030", "gYear")])
def test_a_value_at_the_edge_of_its_types_lexical_space_is_taken(store, kind: str, value: str, datatype) -> None:
    expected = ox.Literal(value) if datatype is None else ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
    assert to_term(store, Param("x", kind), value) == expected


def test_terms_become_plain_python_values() -> None:
    assert python_value(ox.Literal("19", datatype=ox.NamedNode(XSD + "integer"))) == 19
    assert python_value(ox.Literal("12000000.50", datatype=ox.NamedNode(XSD + "decimal"))) == 12000000.5
    assert python_value(ox.Literal("1E3", datatype=ox.NamedNode(XSD + "double"))) == 1000.0
    assert python_value(ox.Literal("20", datatype=ox.NamedNode(XSD + "nonNegativeInteger"))) == 20
    for text, value in (("true", True), ("1", True), ("false", False), ("0", False)):
        assert python_value(ox.Literal(text, datatype=ox.NamedNode(XSD + "boolean"))) is value
    assert python_value(ox.Literal("Team Up", language="en")) == "Team Up"
    assert python_value(ox.NamedNode("https://w3id.org/aikg/id/be/org/innoviris")) == "https://w3id.org/aikg/id/be/org/innoviris"
    assert python_value(None) is None


def test_an_unbound_column_is_left_out_of_bindings_and_none_in_dicts() -> None:
    team_up = ox.Literal("Team Up")
    result = QueryResult("SELECT", ["label", "year"], [(team_up, None)])
    assert result.bindings == [{"label": team_up}]
    assert result.to_dicts() == [{"label": "Team Up", "year": None}]
    assert len(result) == 1 and len(QueryResult("CONSTRUCT")) == 0


THREE = NamedQuery.from_text("three", "SELECT ?n WHERE { VALUES ?n { 1 2 3 } } ORDER BY ?n")
THREE_TRIPLES = NamedQuery.from_text(
    "three-triples", "CONSTRUCT { ?n a <https://example.org/N> } WHERE { VALUES ?n { <https://example.org/a> <https://example.org/b> <https://example.org/c> } }")


def test_rows_beyond_the_cap_are_cut_and_said_cut(store) -> None:
    cut = run_query(store, THREE, max_rows=2)
    assert ([r[0].value for r in cut.rows], cut.truncated, cut.vars) == (["1", "2"], True, ["n"])
    whole = run_query(store, THREE, max_rows=3)
    assert ([r[0].value for r in whole.rows], whole.truncated) == (["1", "2", "3"], False)
    assert run_query(store, THREE).truncated is False
    triples = run_query(store, THREE_TRIPLES, max_rows=2)
    assert (triples.type, len(triples.triples), triples.truncated) == ("CONSTRUCT", 2, True)
    assert run_query(store, THREE_TRIPLES, max_rows=3).truncated is False


def test_ask_answers_a_boolean(store) -> None:
    # Section 6 (Brussels): Innoviris funds Team Up.
    asked = run_query(store, NamedQuery.from_text("ask", "ASK { bef:innoviris-team-up schema:funder beo:innoviris }"))
    assert (asked.type, asked.boolean) == ("ASK", True)
    assert run_query(store, NamedQuery.from_text("ask", "ASK { beo:innoviris schema:funder beo:innoviris }")).boolean is False


def test_a_query_is_utf8_and_a_byte_order_mark_is_no_part_of_it() -> None:
    assert decode_query("\ufeffSELECT * {}".encode("utf-8"), "q.rq") == "SELECT * {}"
    with pytest.raises(QueryError, match=r"^q.rq: the query is not UTF-8 text \(byte 10\)$"):
        decode_query(b"SELECT * \xff{}", "q.rq")


def test_a_misspelt_name_gets_the_nearest_names() -> None:
    with pytest.raises(QueryError, match=r"no named query 'funding-by-fundr' \(and no such file\); did you mean "
                                         r"funding-by-funder[ /]"):
        find_query("funding-by-fundr")
    with pytest.raises(QueryError, match=r"^no named query 'zzzz' \(and no such file\) \('aikg queries' lists them\)$"):
        find_query("zzzz")


def test_oxigraphs_position_is_read_from_its_message() -> None:
    assert syntax_error_position(SyntaxError("error at 3:14: expected '}'")) == ("3", "14", "expected '}'")
    assert syntax_error_position(SyntaxError("no position")) == (None, None, "no position")


def test_a_named_query_is_read_with_its_name_and_file() -> None:
    from aikg.paths import QUERIES_DIR
    from aikg.query import list_queries, read_query

    first = list_queries()[0]
    assert (first.name, first.path) == ("actors-by-type", QUERIES_DIR / "actors-by-type.rq")
    found = find_query("funding-by-funder")
    assert (found.name, found.path, found.title) == ("funding-by-funder", QUERIES_DIR / "funding-by-funder.rq", "Funding by funder")
    assert read_query("SELECT * WHERE { ?s ?p ?o }").name == "<stdin>"


def test_a_query_file_is_found_by_its_path_whatever_its_suffix(tmp_path) -> None:
    for name in ("mine.rq", "mine.sparql", "mine.txt"):
        path = tmp_path / name
        path.write_text("# title: Mine\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
        query = find_query(str(path))
        assert (query.name, query.path, query.title) == ("mine", path, "Mine")


def test_a_query_file_that_cannot_be_read_is_named(tmp_path) -> None:
    for name in ("missing.rq", "missing.sparql"):
        with pytest.raises(QueryError, match=rf"^{name}: cannot read query file: No such file or directory$"):
            find_query(name)
    folder = tmp_path / "folder.rq"
    folder.mkdir()
    with pytest.raises(QueryError, match=r"folder.rq: cannot read query file: Is a directory$"):
        find_query(str(folder))
    latin = tmp_path / "latin.rq"
    latin.write_bytes("# title: Région\n".encode("latin-1"))  # é is byte 11, 0xe9 alone
    with pytest.raises(QueryError, match=rf"^{latin}: the query is not UTF-8 text \(byte 11\)$"):
        find_query(str(latin))


def test_at_most_three_near_names_are_suggested() -> None:
    with pytest.raises(QueryError, match=r"did you mean funding-by-funder / funding-by-recipient / yearly-funding-by-region\?"):
        find_query("funding-by")
    with pytest.raises(QueryError, match=r"did you mean cited-sources\?"):  # near enough: half its letters
        find_query("cited")


def test_a_query_without_parameters_says_so(store) -> None:
    with pytest.raises(QueryError, match=r"^three: unknown parameter colour, size; this query takes: none$"):
        run_query(store, THREE, {"size": "2", "colour": "red"})


def test_a_date_error_names_the_parameter_and_its_value(store) -> None:
    with pytest.raises(QueryError, match=r"^--param x='2019-13': month 13 does not exist; write YYYY-MM-DD, YYYY-MM or YYYY$"):
        to_term(store, Param("x", "date"), "2019-13")


def test_rows_are_tuples_numbers_keep_their_kind_and_triples_are_counted(store) -> None:
    rows = run_query(store, THREE).rows
    assert all(type(row) is tuple for row in rows)
    assert type(python_value(rows[0][0])) is int  # 1, an xsd:integer
    assert len(run_query(store, THREE_TRIPLES)) == 3


def test_a_position_is_read_from_the_message_not_the_exceptions_text() -> None:
    located = SyntaxError("error at 3:14: expected '}'", ("query", 3, 14, "x"))
    assert str(located) != located.msg  # "... (query, line 3)": the message alone is read
    assert syntax_error_position(located) == ("3", "14", "expected '}'")


def test_rows_as_a_dataframe_keep_their_columns() -> None:
    pandas = pytest.importorskip("pandas")
    frame = QueryResult("SELECT", ["label", "year"], [(ox.Literal("Team Up"), ox.Literal("2017", datatype=ox.NamedNode(
        XSD + "integer")))]).to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["label", "year"] and frame.to_dict("records") == [{"label": "Team Up", "year": 2017}]
    assert list(QueryResult("SELECT", ["label", "year"], []).to_dataframe().columns) == ["label", "year"]  # even with no row


def test_the_named_queries_shapes_are_listed_by_name_and_written_whole(tmp_path) -> None:
    import json

    from aikg.query import named_query_shapes, write_named_query_shapes

    (tmp_path / "région.rq").write_text("ASK { ?s ?p ?o }\n", encoding="utf-8")
    (tmp_path / "a.rq").write_text("SELECT ?s WHERE { ?s aikg:targetOf ?o }\n", encoding="utf-8")  # aikg's prefix, predeclared
    shapes = named_query_shapes(tmp_path)
    assert [(s["query"], s["form"]) for s in shapes.values()] == [("a", "SELECT"), ("région", "ASK")]
    written = write_named_query_shapes(tmp_path)
    assert written == tmp_path / "shapes.json"
    text = written.read_text(encoding="utf-8")
    assert json.loads(text) == shapes and text.endswith("}\n") and '\n "' in text  # indented by one
    assert '"région"' in text  # UTF-8, not \\u00e9
    (tmp_path / "c.rq").write_text("SELECT * FROM <https://example.org/g> WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"^c: a named query names no dataset \(FROM\)$"):
        named_query_shapes(tmp_path)


GRAPH = "https://w3id.org/aikg/graph/data/be/"  # one named graph per data file
FUNDED_BY_INNOVIRIS = NamedQuery.from_text("funded", "SELECT ?r WHERE { ?r schema:funder beo:innoviris } ORDER BY ?r")
WHERE_TEAM_UP = NamedQuery.from_text("where", "SELECT ?g WHERE { GRAPH ?g { bef:innoviris-team-up schema:funder beo:innoviris } }")


def test_the_default_graph_can_be_one_file(store) -> None:
    # data/be/funding.ttl: Innoviris funds five things (section 6, Brussels); data/be/actors.ttl states no funding.
    funded = run_query(store, FUNDED_BY_INNOVIRIS, default_graphs=[GRAPH + "funding"])
    assert [row[0].value.rsplit("/", 1)[1] for row in funded.rows] == [
        "innoviris-ai-support-programmes", "innoviris-anticipate", "innoviris-open-call-ai-data",
        "innoviris-stem-awareness-calls", "innoviris-team-up"]
    assert run_query(store, FUNDED_BY_INNOVIRIS, default_graphs=[GRAPH + "actors"]).rows == []


def test_the_named_graphs_can_be_chosen_alone(store) -> None:
    found = run_query(store, WHERE_TEAM_UP, named_graphs=[GRAPH + "actors", GRAPH + "funding"])
    assert [row[0].value for row in found.rows] == [GRAPH + "funding"]
    assert run_query(store, WHERE_TEAM_UP, named_graphs=[GRAPH + "actors"]).rows == []
    # Only the default graph named: no named graph is left to match GRAPH ?g.
    assert run_query(store, WHERE_TEAM_UP, default_graphs=[GRAPH + "funding"]).rows == []


def test_from_is_refused_unless_the_dataset_is_allowed(store) -> None:
    query = NamedQuery.from_text("from", f"SELECT ?r FROM <{GRAPH}funding> WHERE {{ ?r schema:funder beo:innoviris }}")
    with pytest.raises(QueryError, match=r"^from: FROM / FROM NAMED are refused: queries run on the local graph only$"):
        run_query(store, query)
    assert len(run_query(store, query, allow_dataset=True).rows) == 5
    actors = NamedQuery.from_text("from", f"SELECT ?r FROM <{GRAPH}actors> WHERE {{ ?r schema:funder beo:innoviris }}")
    assert run_query(store, actors, allow_dataset=True).rows == []  # the query's own dataset, not the whole graph


def test_a_store_without_named_graphs_refuses_graph(store) -> None:
    from aikg.store import open_store

    assert [row[0].value for row in run_query(store, WHERE_TEAM_UP).rows] == [GRAPH + "funding"]
    with pytest.raises(QueryError, match=r"^where: the query asks for the named graphs \(GRAPH, FROM\), which this store "
                                         r"was opened without \(open_store\(named_graphs=True\)\)$"):
        run_query(open_store(named_graphs=False), WHERE_TEAM_UP)


def test_a_store_that_does_not_say_is_sent_graph_queries(store) -> None:
    class Remote:  # like aikg.remote's store: no named_graphs attribute, the endpoint decides
        prefixes = store.prefixes

        def query(self, text, bindings, **options):
            return store.query(text, bindings, **options)

    assert [row[0].value for row in run_query(Remote(), WHERE_TEAM_UP).rows] == [GRAPH + "funding"]


def test_describe_answers_triples(store) -> None:
    answer = run_query(store, NamedQuery.from_text("d", "DESCRIBE bef:innoviris-team-up"))
    assert answer.type == "DESCRIBE"
    funder = ox.Triple(ox.NamedNode("https://w3id.org/aikg/id/be/funding/innoviris-team-up"),
                       ox.NamedNode("https://schema.org/funder"), ox.NamedNode("https://w3id.org/aikg/id/be/org/innoviris"))
    assert funder in answer.triples


def test_a_parameter_missing_from_select_is_named(store) -> None:
    query = NamedQuery.from_text("p", "# param: x (string)\nSELECT ?s WHERE { ?s rdfs:label ?x }")
    with pytest.raises(QueryError, match=r"^p: parameter \?x must be in the SELECT clause: parameters are bound as "
                                         r"substitutions \(SEP-0007\)$"):
        run_query(store, query, {"x": "Team Up"})


def test_a_header_may_follow_other_comments_and_may_be_missing() -> None:
    query = NamedQuery.from_text("q", "# Written for issue 26.\n# title: Later\nSELECT * WHERE { ?s ?p ?o }\n")
    assert query.title == "Later"
    bare = NamedQuery.from_text("q", "SELECT * WHERE { ?s ?p ?o }")
    assert (bare.title, bare.description, bare.params) == ("", "", ())


def test_a_default_is_bound_unless_a_value_is_given(store) -> None:
    query = NamedQuery.from_text("n", "# param: n (integer, default 2) A number.\nSELECT ?n WHERE { VALUES ?n { 1 2 3 } }")
    assert [row[0].value for row in run_query(store, query).rows] == ["2"]
    assert [row[0].value for row in run_query(store, query, {"n": "3"}).rows] == ["3"]


def test_a_parse_error_without_a_line_follows_the_name_after_a_space(store) -> None:
    query = NamedQuery.from_text("undeclared", "SELECT ?s WHERE { ?s zz:nothing ?o }")
    with pytest.raises(QueryError, match=r"^undeclared: zz: the prefix is not declared "):
        run_query(store, query)
