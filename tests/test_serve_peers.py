"""The peers benchmark (benchmarks/serve_peers.py): what it sends and how it judges the answers.

The servers themselves are not started here (that is the benchmark's run); these tests hold the
parts that decide whether its table means anything: the small lookup's rows, rows compared by
value across servers' ways of writing them, the server that differs named, hey's CSV read right.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aikg.query import NamedQuery, run_query

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import serve_peers  # noqa: E402

XSD = "http://www.w3.org/2001/XMLSchema#"
BEP = "https://w3id.org/aikg/id/be/programme/"


@pytest.mark.answer
def test_small_lookup_is_what_innoviris_launched_or_organises(store) -> None:
    """The report, section 6 (Brussels): the launch in 2017 of an AI call ("Team Up"); "Innoviris also
    launches open calls for proposal dedicated to STEM awareness"; "Innoviris organises each year a
    festival on science"."""
    rows = run_query(store, NamedQuery.from_text("small", serve_peers.SMALL_LOOKUP)).rows
    assert sorted(row[0].value for row in rows) == [
        BEP + "innoviris-science-festival", BEP + "innoviris-stem-awareness-calls", BEP + "team-up"]


def test_values_compare_by_value_whatever_form_a_server_writes() -> None:
    """Virtuoso writes true as "1"^^xsd:boolean and counts as xsd:int; a decimal may carry a trailing zero."""
    def literal(value: str, datatype: str | None = None) -> dict:
        return {"type": "literal", "value": value, **({"datatype": XSD + datatype} if datatype else {})}

    same = [(literal("1", "boolean"), literal("true", "boolean")), (literal("30", "int"), literal("30", "integer")),
            (literal("12000000.0", "decimal"), literal("12000000", "integer")),
            (literal("Innoviris", "string"), literal("Innoviris")),
            ({"type": "bnode", "value": "b1"}, {"type": "bnode", "value": "nodeID://b9"})]
    for one, other in same:
        assert serve_peers.comparable(one) == serve_peers.comparable(other), (one, other)
        assert repr(serve_peers.comparable(one)) == repr(serve_peers.comparable(other))  # rows sort alike
    assert serve_peers.comparable(literal("30", "integer")) != serve_peers.comparable(literal("31", "integer"))
    assert serve_peers.comparable(literal("Team Up")) != serve_peers.comparable({"type": "uri", "value": "Team Up"})
    assert serve_peers.comparable(None) is None


def test_check_names_the_server_whose_rows_differ(monkeypatch) -> None:
    servers = [serve_peers.Server("aikg serve", "a"), serve_peers.Server("oxigraph", "o"), serve_peers.Server("Virtuoso", "v")]
    answers = {"a": [("x",), ("y",)], "o": [("x",), ("y",)], "v": [("x",)]}
    monkeypatch.setattr(serve_peers, "answer_rows", lambda server, text, timeout: answers[server.endpoint])
    with pytest.raises(serve_peers.Stop, match=r"^q: Virtuoso returns 1 rows, aikg serve 2 \(only in aikg serve: \[\('y',\)\]"):
        serve_peers.check_same_rows(servers, {"q": "SELECT ..."}, 5)
    answers["v"] = [("x",), ("y",)]
    assert serve_peers.check_same_rows(servers, {"q": "SELECT ..."}, 5) == {"q": 2}


def test_unknown_query_name_is_one_line() -> None:
    with pytest.raises(serve_peers.Stop, match=r"^--queries: no query named nope \(choose small-lookup"):
        serve_peers.query_texts(["network", "nope"])


def test_hey_csv_counts_answers_errors_and_the_time_to_the_last_answer(monkeypatch, tmp_path) -> None:
    out = ("response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset\n"
           "0.0100,0.0001,0,0,0.0099,0,200,0.0010\n"
           "0.0300,0.0001,0,0,0.0299,0,200,0.0200\n"
           "0.5000,0.0001,0,0,0.4999,0,503,2.9000\n")
    monkeypatch.setattr(serve_peers, "run", lambda command, what, **options: out)
    monkeypatch.setattr(serve_peers, "hey_command", lambda: "hey")
    args = serve_peers.parse_args(["--seconds", "3"])
    found = serve_peers.load_with_hey("http://127.0.0.1:1/sparql", "ASK {}", args, tmp_path)
    assert (found.answers, found.errors, found.seconds) == (2, 1, pytest.approx(3.4))
    assert (found.p50_ms, found.p95_ms) == (pytest.approx(10), pytest.approx(30))
    assert found.cell() == "0.6 req/s, p50 10 ms, p95 30 ms, 1 errors"
