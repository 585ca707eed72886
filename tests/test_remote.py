"""Remote SPARQL without a server: parameters bound as a VALUES block where every pattern sees
them, credentials from the environment or netrc only, and clear errors when the server is away."""

from __future__ import annotations

import socket

import pyoxigraph as ox
import pytest

from aikg.remote import credentials
from aikg.sparql import bind_values

GYEAR = ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")
IRI = ox.NamedNode("https://w3id.org/aikg/id/be/org/innoviris")
YEAR = ox.Literal("2019", datatype=GYEAR)


@pytest.mark.parametrize("text, expected", [
    ("PREFIX ex: <http://example.org/> # WHERE { in a comment\nSELECT ?x WHERE { ?x ?p ?o }",
     'SELECT ?x WHERE { VALUES (?funder ?year) { (<https://w3id.org/aikg/id/be/org/innoviris> '
     '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>) } ?x ?p ?o }'),
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o FILTER (?o < 3) }", "WHERE { VALUES (?funder ?year)"),
    ("SELECT * { ?x ?p \"WHERE {\" }", "SELECT * { VALUES (?funder ?year)"),
    ("ASK { <urn:where> ?p ?o }", "ASK { VALUES (?funder ?year)"),
])
def test_parameters_open_the_where_clause(text: str, expected: str) -> None:
    assert expected in bind_values(text, {"funder": IRI, "year": YEAR})


def test_bound_values_filter_as_substitutions_do() -> None:
    """A FILTER that tests the parameter sees it bound, as with Oxigraph's substitutions."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:year"), ox.Literal("2019", datatype=GYEAR)))
    store.add(ox.Quad(ox.NamedNode("urn:b"), ox.NamedNode("urn:year"), ox.Literal("2020", datatype=GYEAR)))
    text = "SELECT ?s WHERE { ?s <urn:year> ?y FILTER (!BOUND(?year) || ?y = ?year) }"
    assert [row["s"].value for row in store.query(bind_values(text, {"year": YEAR}))] == ["urn:a"]
    assert len(list(store.query(bind_values(text, {})))) == 2


def test_a_literal_cannot_break_out_of_the_values_block() -> None:
    sneaky = ox.Literal('x" } } DELETE WHERE { ?s ?p ?o } #')
    bound = bind_values("SELECT ?s WHERE { ?s ?p ?name }", {"name": sneaky})
    parsed = ox.Store().query(bound)  # parses as one SELECT: the quote is escaped
    assert list(parsed) == []


def test_credentials_from_the_environment_first(monkeypatch, tmp_path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine localhost login netrc-user password netrc-secret\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("AIKG_ENDPOINT_USER", "env-user")
    monkeypatch.setenv("AIKG_ENDPOINT_PASSWORD", "env-secret")
    assert credentials("http://localhost:8890/sparql") == ("env-user", "env-secret")
    monkeypatch.delenv("AIKG_ENDPOINT_USER")
    assert credentials("http://localhost:8890/sparql") == ("netrc-user", "netrc-secret")
    assert credentials("http://elsewhere.example:8890/sparql") is None


def test_no_command_line_option_takes_a_password(aikg) -> None:
    for command in ("push", "query"):
        status, out, _ = aikg(command, "--help")
        assert status == 0 and "password" not in out.replace("AIKG_ENDPOINT_PASSWORD", "")


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the test runs: nothing listens there


def test_an_unreachable_server_is_one_line_and_exit_2(aikg, closed_port, monkeypatch) -> None:
    monkeypatch.delenv("AIKG_ENDPOINT_USER", raising=False)
    monkeypatch.setenv("NETRC", "/nonexistent")
    for argv in (["push", "--endpoint", f"http://127.0.0.1:{closed_port}/store"],
                 ["query", "targets", "--endpoint", f"http://127.0.0.1:{closed_port}/sparql"]):
        status, out, err = aikg(*argv)
        assert status == 2 and out == ""
        assert err.startswith("aikg: error: ") and "cannot reach the server" in err and err.count("\n") == 1
