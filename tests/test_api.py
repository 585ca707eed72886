"""The Python API as a notebook user meets it: the package's public names only."""

from __future__ import annotations

import importlib.util

import pytest

import aikg

INNOVIRIS_FUNDING = {  # section 6 (Brussels): EUR 20 million budget; EUR 12 million for Team Up; more than 6 MEur per year
    "https://w3id.org/aikg/id/be/funding/innoviris-ai-support-programmes": 20_000_000,
    "https://w3id.org/aikg/id/be/funding/innoviris-team-up": 12_000_000,
    "https://w3id.org/aikg/id/be/funding/innoviris-open-call-ai-data": 6_000_000,
}


@pytest.fixture(scope="module")
def graph():
    return aikg.open_store()


def test_a_named_query_with_a_parameter_gives_rows_as_dicts(graph) -> None:
    rows = aikg.run(graph, "funding-by-funder", funder="Innoviris").to_dicts()
    assert {row["funderLabel"] for row in rows} == {"Innoviris"}
    amounts = {row["funding"]: row["amount"] for row in rows if row["amount"] is not None}
    assert amounts == INNOVIRIS_FUNDING
    assert all(isinstance(value, int) for value in amounts.values())


def test_sparql_text_uses_the_projects_prefixes(graph) -> None:
    rows = aikg.run(graph, "SELECT ?agency WHERE { ?agency a aikg:FundingAgency } ORDER BY ?agency").to_dicts()
    assert [row["agency"].rsplit("/", 1)[-1] for row in rows] == ["fwo", "innoviris", "vlaio"]


def test_find_and_about(graph) -> None:
    assert aikg.find(graph, "predictive medicine")[0].prefixed == "bep:innoviris-predictive-medicine-call"
    assert aikg.about(graph, "DW4ai").prefixed == "bep:digitalwallonia4ai"


def test_a_bad_parameter_is_an_aikg_error(graph) -> None:
    with pytest.raises(aikg.AikgError, match="did you mean 'Innoviris'"):
        aikg.run(graph, "funding-by-funder", funder="inovirris")


def test_rows_as_a_dataframe(graph) -> None:
    if importlib.util.find_spec("pandas") is None:
        pytest.skip("pandas is not installed (optional: to_dataframe needs it)")
    frame = aikg.run(graph, "funding-by-funder", funder="Innoviris").to_dataframe()
    assert list(frame.columns)[:3] == ["funderLabel", "recipientLabel", "amount"]
    assert set(frame["funding"]) >= set(INNOVIRIS_FUNDING)
    assert frame.set_index("funding").loc[list(INNOVIRIS_FUNDING), "amount"].tolist() == list(INNOVIRIS_FUNDING.values())


def test_import_aikg_stays_cheap() -> None:
    import subprocess
    import sys

    code = "import sys, aikg; print('pyoxigraph' in sys.modules, 'rdflib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120).stdout.split() == ["False", "False"]
