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


# ---------------------------------------------------------------- partners-of, centrality, recommendations

def _partners(store, actor: str | None = None) -> list[dict]:
    from aikg.network.source import select_rows
    from aikg.paths import QUERIES_DIR

    return select_rows(store, QUERIES_DIR / "partners-of.rq", {"actor": actor} if actor else None)


def test_co_funders_and_bodies_paying_through_another_are_partners(store) -> None:
    # "its Elucidata laboratory (10 experts) and the ICiTy.Bru technology hub, both co-funded by the
    # Brussels Region and ERDF."
    erdf = _partners(store, "ERDF")
    assert {(r["partnerLabel"], r["link"], r.get("viaLabel")) for r in erdf if r["partnerLabel"] == "Brussels-Capital Region"} == {
        ("Brussels-Capital Region", "co-funders", "Elucidata laboratory"),
        ("Brussels-Capital Region", "co-funders", "ICity.Bru technology hub")}
    # The ERDF co-funds the two, and the link says so: not "funds".
    assert {r["link"] for r in erdf if r["partnerLabel"] in ("Elucidata laboratory", "ICity.Bru technology hub")} == {
        "European Regional Development Fund co-funds Elucidata laboratory",
        "European Regional Development Fund co-funds ICity.Bru technology hub"}
    # "the Region is also funding, still through Innoviris, ..."; Innoviris, "the regional innovation
    # funding body", read as the Region's body.
    region = {r["link"] for r in _partners(store, "Innoviris") if r["partnerLabel"] == "Brussels-Capital Region"}
    assert region == {"Brussels-Capital Region pays through Innoviris", "Innoviris sub-organisation of Brussels-Capital Region"}


def test_partners_links_read_as_plain_words_and_both_ends_are_actors(store, graph) -> None:
    from rdflib import URIRef
    from rdflib.namespace import RDF, RDFS

    everyone = _partners(store)
    assert not any(" by it" in r["link"] or r["link"].startswith("is ") for r in everyone)
    # "An external consultant has been commissioned by the Federal Ministry of Economy".
    assert "Federal Ministry of Economy commissioned External consultant" in {r["link"] for r in everyone}
    actor_classes = set(graph.transitive_subjects(RDFS.subClassOf, URIRef("https://w3id.org/aikg/ontology#Actor")))
    for column in ("actor", "partner"):
        assert all(set(graph.objects(URIRef(r[column]), RDF.type)) & actor_classes for r in everyone), column


def test_stats_rank_both_networks_and_say_which_orders_the_table(store) -> None:
    from aikg.network import network_stats

    whole = network_stats(build_network(store, details=False))
    first = {r["label"]: r for r in whole.rows}
    # Innoviris launched, runs or funds more initiatives than anyone (Team Up, Anticipate, the open
    # call, the vouchers, the STEM calls, ...): first with initiatives as neighbours. Among actors only,
    # the Brussels-Capital Region: it funds through Innoviris, co-funds Elucidata and ICiTy.Bru with
    # the ERDF, offers services with Innoviris and supports the Belgian strategy with the other Regions.
    assert whole.rows[0]["label"] == "Innoviris" and first["Innoviris"]["rank"] == 1
    assert first["Brussels-Capital Region"]["actorRank"] == 1
    assert "ordered by rank" in " ".join(whole.notes)
    folded = network_stats(build_network(store, details=False), actors_first=True)
    assert folded.rows[0]["label"] == "Brussels-Capital Region" and "ordered by actorRank" in " ".join(folded.notes)


def test_a_region_gives_the_money_of_its_bodies_as_funding_by_funder_counts_it(store) -> None:
    from aikg.network import network_stats

    rows = {r["label"]: r for r in network_stats(build_network(store, details=False)).rows}
    # Innoviris, the Region's body: "a dedicated budget of EUR 20 million", "EUR 12 millions of
    # subsidies" (Team Up), "more than 6MEur subsidy per year".
    for money in ("€20 million in total, budgeted", "€12 million in total, spent, within the €20 million",
                  "more than €6 million a year, spent"):
        assert money in rows["Brussels-Capital Region"]["gives"]
        assert money in rows["Innoviris"]["gives"]


def test_all_recommendations_are_as_many_as_stats_counts(store) -> None:
    from aikg.network.source import select_rows
    from aikg.paths import QUERIES_DIR

    # 43 recommendations (stats counts aikg:Recommendation): 10 groups and 33 that stand under a group
    # or alone (tests/test_query_answers.py counts them per pillar).
    found = select_rows(store, QUERIES_DIR / "recommendations.rq")
    assert len(found) == 43
    groups = {r["recommendationLabel"]: int(r["parts"]) for r in found if "parts" in r}
    assert len(groups) == 10
    # "the creation of a new learning deal" has two parts; "Substantial transformation of the public
    # sector ecosystem" four bullets.
    assert groups["Create a new learning deal"] == 2
    assert groups["Substantial transformation of the public sector ecosystem towards AI experimentation"] == 4
