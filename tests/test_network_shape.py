"""The shape of the network as the report gives it: documents are nodes, folds follow what the
report says, partners-of and centrality read right. Expected answers worked out by hand from
data/be/ai-watch-belgium-2020.txt."""

from __future__ import annotations

import networkx as nx
import pytest

from aikg.network import build_network
from aikg.store import open_store

from conftest import BELGIUM

pytestmark = pytest.mark.answer

BE = "https://w3id.org/aikg/id/be/"
COUNTRY_REPORT = BE + "report/ai-watch-belgium-2020"
AI4BELGIUM_REPORT = BE + "report/ai4belgium-2019"

# "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report" and, under
# Reference, "Belgium (2019). AI4Belgium. Ministers for Digital Agenda.": the country report cites
# the AI4Belgium report. Stated here as data/be states relations, in case data/be does not yet.
CITATION = """
@prefix bed:  <https://w3id.org/aikg/id/be/report/> .
@prefix sec:  <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#> .
@prefix dct:  <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
bed:ai-watch-belgium-2020 dct:references bed:ai4belgium-2019 .
[] a rdf:Statement ; rdf:subject bed:ai-watch-belgium-2020 ; rdf:predicate dct:references ; rdf:object bed:ai4belgium-2019 ;
   prov:qualifiedQuotation [ a prov:Quotation ; prov:entity bed:ai-watch-belgium-2020 ; prov:atLocation sec:reference ;
       prov:value "Belgium (2019). AI4Belgium. Ministers for Digital Agenda." ] .
"""


@pytest.fixture(scope="module")
def cited(tmp_path_factory) -> list[str]:
    path = tmp_path_factory.mktemp("citation") / "citation.ttl"
    path.write_text(CITATION, encoding="utf-8")
    return [*BELGIUM, str(path)]


@pytest.fixture(scope="module")
def whole(cited) -> nx.MultiDiGraph:
    return build_network(open_store(cited, use_cache=False), details=False)


@pytest.fixture(scope="module")
def folded(cited) -> nx.MultiDiGraph:
    return build_network(open_store(cited, use_cache=False), actors_only=True, details=False)


def label(network: nx.MultiDiGraph, text: str) -> str:
    found = [n for n, data in network.nodes(data=True) if data["label"].startswith(text)]
    assert len(found) == 1, (text, found)
    return found[0]


def test_the_two_reports_are_nodes_tied_by_what_the_report_says(whole) -> None:
    assert whole.nodes[COUNTRY_REPORT]["kind"] == whole.nodes[AI4BELGIUM_REPORT]["kind"] == "document"
    # "prepared in the context of AI Watch and the OECD AI Policy Observatory"; the Contacts block (JRC,
    # our reading as publisher); the reference to the AI4Belgium report.
    assert {(whole.nodes[v]["label"], d["relation"]) for _, v, d in whole.out_edges(COUNTRY_REPORT, data=True)} == {
        ("AI Watch", "related to"), ("OECD AI Policy Observatory", "related to"), ("Joint Research Centre", "publisher"),
        ("AI4Belgium policy recommendation report", "cites")}
    # "the AI4BELGIUM coalition ... launched a policy recommendation report"; "prepared by a multidisciplinary
    # team of forty experts".
    assert {(whole.nodes[u]["label"], d["relation"]) for u, _, d in whole.in_edges(AI4BELGIUM_REPORT, data=True)} == {
        ("AI4Belgium coalition", "launched"), ("Multidisciplinary team of forty experts", "prepared"),
        ("National strategies on Artificial Intelligence: A European perspective in 2019. Country report – Belgium", "cites")}


def test_with_the_documents_the_network_is_one_group(whole) -> None:
    # Counted by hand from data/be: without the documents there are three groups: the Belgian one;
    # the European Commission, which runs AI Watch, with the JRC, its Directorate B and unit B6
    # ("European Commission – Joint Research Centre Directorate B – ... Unit (B6)"); and the OECD
    # with OECD.AI. The country report joins the second and third (published by the JRC, prepared
    # in the context of AI Watch and OECD.AI) and, citing the AI4Belgium report that the AI4Belgium
    # coalition launched, the Belgian group: one group in all.
    assert nx.number_connected_components(whole.to_undirected()) == 1


def _via(folded: nx.MultiDiGraph, a: str, b: str) -> set[str]:
    x, y = label(folded, a), label(folded, b)
    return {d["via"] for u, v, d in folded.edges(data=True) if {u, v} == {x, y} and d["relation"] == "via"}


def test_actors_only_never_pairs_two_things_merely_related_to_an_initiative(folded) -> None:
    # Axis 4 is "in connection with the national (AI4BELGIUM) and European strategy": two readings
    # of ours ("related to"), neither a partnership of the coalition with the European Union.
    assert _via(folded, "AI4Belgium coalition", "European Union") == set()
    assert _via(folded, "European Union", "Digital Agency") == set()


def test_actors_only_follows_part_of_chains_to_the_actors_of_the_programme(folded) -> None:
    # "Supporting activities (awareness, training, ethics) (5 million euros): o A “data and society”
    # research centre has been created": the centre is tied to the Flemish government, which funds the
    # pillar (our reading) and launched the plan; once, at the nearest of the two.
    assert _via(folded, "Data and society research centre", "Flemish government") == {
        "Flemish AI action plan, pillar: Supporting activities (awareness, training, ethics)"}
    # Start AI, "a 3-day coaching by one of the members of the AI expert pool of Digital Wallonia", is one
    # of "Two actions, linked to axis 2" of DigitalWallonia4.ai, "Supported by the Digital Agency, Agoria,
    # the ICT Cluster Infopole and the AI Network".
    for supporter in ("Digital Agency", "Agoria", "ICT Cluster Infopole", "AI Network"):
        assert _via(folded, "AI expert pool of Digital Wallonia", supporter) == {"DigitalWallonia4.ai"}


def test_actors_only_ties_the_bodies_of_the_country_report(folded) -> None:
    # The JRC (its Contacts block) and OECD.AI (prepared in its context) meet in the country report;
    # the coalition and the forty experts in the AI4Belgium report.
    assert _via(folded, "Joint Research Centre", "OECD AI Policy Observatory") == {
        "National strategies on Artificial Intelligence: A European perspective in 2019. Country report – Belgium"}
    assert _via(folded, "AI4Belgium coalition", "Multidisciplinary team") == {"AI4Belgium policy recommendation report"}
