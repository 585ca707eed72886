"""The actor network: its edges are the report's, its money is counted once and always
says what kind of money it is, every relation shows exactly its recorded evidence, its
filters keep what they say, its statistics are right by value, every format reads back
(GraphML, GEXF), stands alone (HTML) or can be published (SVG, the funding chart).

Nodes are found by label, so these tests do not depend on how IRIs are spelled. Expected
facts and figures are worked out by hand from the report (data/be/ai-watch-belgium-2020.txt),
quoted next to each test, or from the small invented network of tests/fixtures/small-network,
whose numbers are worked out in the comments below.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from aikg.errors import AikgError
from aikg.network import build_network, network_stats, render, write_network
from aikg.network.html import CYTOSCAPE_JS, page_data
from aikg.network.model import network_from_rows
from aikg.network.money import Money, add_up, euros
from aikg.network.source import EVIDENCE_QUERY
from aikg.network.stats import BETWEENNESS_SAMPLES, EXACT_BETWEENNESS_LIMIT

from conftest import BELGIUM, collapse_whitespace

SMALL = Path(__file__).parent / "fixtures" / "small-network"
AIKG = Path(sys.executable).parent / "aikg"  # the installed entry point, run as a user runs it
SVG = "{http://www.w3.org/2000/svg}"


def node(network: nx.MultiDiGraph, text: str, kind: str | None = None) -> str:
    """The one node whose label is, or else contains, the text (any case)."""
    wanted = text.casefold()
    found = [n for n, d in network.nodes(data=True) if wanted in d["label"].casefold() and kind in (None, d["kind"])]
    exact = [n for n in found if network.nodes[n]["label"].casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    assert len(found) == 1, f"{text!r} matches {[network.nodes[n]['label'] for n in found]}"
    return found[0]


def relations(network: nx.MultiDiGraph, source: str, target: str) -> list[dict]:
    return list(network.get_edge_data(source, target, default={}).values())


def funding(network: nx.MultiDiGraph, source: str) -> list[dict]:
    return [d for _, _, d in network.out_edges(source, data=True) if d["relation"] in ("funds", "co-funds")]


def aikg(*argv: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(AIKG), *argv], capture_output=True, text=True, timeout=600, check=check)


@pytest.fixture(scope="module")
def network(store) -> nx.MultiDiGraph:
    return build_network(store)


@pytest.fixture(scope="module")
def small() -> nx.MultiDiGraph:
    from aikg.store import open_store

    return build_network(open_store([SMALL], use_cache=False))


# ---------------------------------------------------------------- the report's network


def test_attributes_are_plain_values_that_every_writer_accepts(network) -> None:
    assert network.number_of_nodes() > 30 and network.number_of_edges() > 50
    for iri, data in network.nodes(data=True):
        assert {"label", "type", "kind", "region", "iri"} <= set(data) <= {"label", "type", "kind", "region", "iri", "gives", "receives"}
        assert all(type(value) is str for value in data.values()), data
        assert data["kind"] in ("actor", "initiative", "document") and data["iri"] == iri and data["label"] and data["type"]
    for _, _, data in network.edges(data=True):
        assert data["relation"]
        assert all(type(value) in (str, float, bool) for value in data.values()), data


def test_innoviris_launched_and_funds_team_up_with_twelve_million(network) -> None:
    # "the launch in 2017 of an AI call (“Team Up”) ... nineteen collaborative projects funded
    # amounting to EUR 12 millions of subsidies" -- two relations between the same pair, both kept.
    found = relations(network, node(network, "Innoviris"), node(network, "Team Up"))
    assert {"funds", "launched"} <= {d["relation"] for d in found}
    assert [d["amount"] for d in found if d["relation"] == "funds"] == [12_000_000.0]


def test_sirris_runs_elucidata_which_the_brussels_region_and_the_erdf_co_fund(network) -> None:
    # "the leading role of Sirris Brussels through its Elucidata laboratory ... co-funded by the
    # Brussels Region and ERDF" -- the report gives no amount, so the edges have none.
    elucidata = node(network, "Elucidata")
    assert "runs" in [d["relation"] for d in relations(network, node(network, "Sirris Brussels"), elucidata)]
    brussels = next(n for n, d in network.nodes(data=True) if d["type"] == "Region" and "Brussels" in d["label"])
    for funder in (node(network, "European Regional Development Fund"), brussels):
        cofunding = [d for d in relations(network, funder, elucidata) if d["relation"] == "co-funds"]
        assert len(cofunding) == 1 and "amount" not in cofunding[0] and "money" not in cofunding[0]


@pytest.mark.parametrize("supporter", ["Agoria", "Infopole", "Digital Agency", "AI Network"])
def test_digitalwallonia4ai_is_supported_by_the_four_bodies_the_report_names(network, supporter) -> None:
    # "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network, the
    # DigitalWallonia4.ai program ..."
    found = relations(network, node(network, supporter, "actor"), node(network, "DigitalWallonia4.ai"))
    assert "supports" in [d["relation"] for d in found]


# ---------------------------------------------------------------- money, counted once, with its meaning


def test_every_amount_says_its_qualifier_period_and_status(network) -> None:
    # The report's amounts, one per funding edge, written as they must be shown:
    # "in 2019 FWO invested more than €15 million and VLAIO more than €41 million" (spent, that year);
    # "an additional annual budget of €32 million" and its pillars "(12 million euros)", "(15 million
    # euros)", "(5 million euros)" (budgeted, a year); "a dedicated budget of EUR 20 million" (budgeted,
    # in total); "EUR 12 millions of subsidies" (Team Up, spent, in total); "more than 6MEur subsidy per
    # year" (spent).
    shown = sorted((network.nodes[u]["label"], data["money"]) for u, _, data in network.edges(data=True) if "money" in data)
    assert shown == sorted([
        ("FWO (Research Foundation – Flanders)", "more than €15 million in 2019, spent"),
        ("VLAIO (Flanders Innovation & Entrepreneurship)", "more than €41 million in 2019, spent"),
        ("Flemish government", "€32 million a year, budgeted"),
        ("Flemish government", "€12 million a year, budgeted, within the €32 million"),
        ("Flemish government", "€15 million a year, budgeted, within the €32 million"),
        ("Flemish government", "€5 million a year, budgeted, within the €32 million"),
        ("Innoviris", "€20 million in total, budgeted"),
        ("Innoviris", "€12 million in total, spent, within the €20 million"),
        ("Innoviris", "more than €6 million a year, spent"),
    ])


def test_the_flemish_government_gives_32_million_a_year_not_64(network) -> None:
    # "The Flemish AI action plan foresees an additional annual budget of €32 million ... centered
    # around 3 pillars": 12 + 15 + 5 = 32 million are inside the 32, not on top of them: shown within it.
    flemish = network.nodes[node(network, "Flemish government")]
    assert flemish["gives"] == "€32 million a year, budgeted; €32 million a year, budgeted, within the €32 million"
    plan = node(network, "Flemish AI action plan", "initiative")
    pillars = [d for _, v, d in network.out_edges(node(network, "Flemish government"), data=True) if "pillar" in network.nodes[v]["label"]]
    assert sorted(d["amount"] for d in pillars) == [5_000_000.0, 12_000_000.0, 15_000_000.0]
    assert all(d["within"] == "Flemish AI action plan: €32 million a year, budgeted" for d in pillars)
    assert network.nodes[plan]["receives"] == "€32 million a year, budgeted"
    assert "64" not in flemish["gives"]


def test_innoviris_gives_three_kinds_of_money_never_added_into_38_million(network) -> None:
    # EUR 20 million of dedicated budget (budgeted, in total), EUR 12 millions for Team Up (spent, in
    # total), more than 6 MEur a year through the open call (spent, a year): three sums, none added.
    innoviris = network.nodes[node(network, "Innoviris")]
    assert innoviris["gives"] == ("more than €6 million a year, spent; €12 million in total, spent, within the €20 million; "
                                  "€20 million in total, budgeted")
    assert "38" not in innoviris["gives"] and "32M in total" not in innoviris["gives"]
    assert network.nodes[node(network, "Team Up")]["receives"] == "€12 million in total, spent, within the €20 million"


def test_money_words_follow_the_rules_of_the_code_lists() -> None:
    # Worked by hand: sums only within one period and status; a lower bound added to an exact
    # amount stays a lower bound; a lower and an upper bound are not added.
    assert Money(6e6, "more than", "per-year", "spent").describe() == "more than €6 million a year, spent"
    assert Money(15e6, "more than", "total", "spent", "2019").describe() == "more than €15 million in 2019, spent"
    assert add_up([Money(6e6, "more than", "per-year", "spent"), Money(20e6, "exactly", "per-year", "spent")]) == [
        Money(26e6, "more than", "per-year", "spent")]
    assert add_up([Money(6e6, "exactly", "per-year", "spent"), Money(20e6, "exactly", "total", "spent"),
                   Money(1e6, "exactly", "per-year", "budgeted")]) == [
        Money(6e6, "exactly", "per-year", "spent"), Money(1e6, "exactly", "per-year", "budgeted"),
        Money(20e6, "exactly", "total", "spent")]
    assert len(add_up([Money(5e6, "at least", "total", "planned"), Money(9e6, "at most", "total", "planned")])) == 2
    assert [euros(a) for a in (6e6, 12.5e6, 1e9, 250_000, 1_234_567)] == ["€6 million", "€12.5 million", "€1 billion", "€250,000", "€1,234,567"]


# ---------------------------------------------------------------- statistics, by value, on a network worked out by hand

# tests/fixtures/small-network: 8 nodes, the report (a document) among them. As a plain undirected graph
# (several relations between two nodes are one link), its links are gov–plan (funds, launched), gov–part1,
# gov–part2, part1–plan, part2–plan, agency–part1, agency–call, lab–call and report–gov (the report's
# publisher): 9 linked pairs, 10 relations.
#
# Degree (distinct neighbours): gov 4 (plan, part1, part2, report), agency 2 (part1, call), lab 1 (call).
#
# Betweenness: the share of shortest paths between other pairs that run through a node, over the
# (8-1)(8-2)/2 = 21 pairs of other nodes.
# - agency: every path from {gov, plan, part1, part2, report} to {call, lab} goes part1–agency–call:
#   5 × 2 = 10 pairs, all through agency: 10 / 21 = 0.4762.
# - gov: part1–part2 has two shortest paths (via gov, via plan): 1/2; part2 to agency, call and lab
#   likewise start part2–gov–part1 or part2–plan–part1: 3 × 1/2; the report, a leaf on gov, reaches
#   the 6 others through gov only: 6. Total 8 / 21 = 0.381.
# - lab is a leaf: 0.
# Money: gov funds the plan 10M a year (budgeted) and its two parts 4M + 6M a year: the parts are in
# the plan, so gov gives "€10 million a year, budgeted" and the parts' €10 million within it, never 20M; agency
# gives "more than €2 million in total, spent".
#
# With --actors-only the initiatives fold into links "via" them: part1 links gov and agency, call links
# agency and lab; plan and part2 touch one actor only. So gov–agency–lab: degrees 1, 2, 1, and agency
# lies on the one path between the other two (1 pair of 1): betweenness 1.0. The money stays.


def _stats_rows(*options: str) -> list[dict[str, str]]:
    result = aikg("network", "--stats", "--table-format", "csv", "--data", str(SMALL), *options)
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_stats_are_right_by_value_on_a_network_worked_out_by_hand() -> None:
    rows = _stats_rows()
    assert [(r["label"], r["degree"], r["betweenness"], r["group"], r["gives"]) for r in rows] == [
        ("Northern government", "4", "0.381", "1", "€10 million a year, budgeted; €10 million a year, budgeted, within the €10 million"),
        ("Northern agency", "2", "0.4762", "1", "more than €2 million in total, spent"),
        ("Southern lab", "1", "0.0", "1", ""),
    ]


def test_stats_keep_every_actor_and_its_money_under_actors_only() -> None:
    rows = _stats_rows("--actors-only")
    assert [(r["label"], r["actorDegree"], r["actorBetweenness"], r["gives"]) for r in rows] == [
        ("Northern agency", "2", "1.0", "more than €2 million in total, spent"),
        ("Northern government", "1", "0.0", "€10 million a year, budgeted; €10 million a year, budgeted, within the €10 million"),
        ("Southern lab", "1", "0.0", ""),
    ]


def test_stats_table_says_how_to_read_it() -> None:
    result = aikg("network", "--stats", "--data", str(SMALL))
    assert "8 nodes, 9 linked pairs (10 relations), 1 connected group" in result.stdout
    assert "ordered by rank" in result.stdout and "actors only" in result.stdout
    assert "degree: distinct neighbours" in result.stdout and "estimated" not in result.stdout


def test_stats_of_the_report_keep_the_money_of_the_flemish_funders_under_actors_only(store) -> None:
    # Today's wrong answer dropped the Flemish government, FWO and VLAIO, which fund initiatives only.
    stats = network_stats(build_network(store, actors_only=True))
    gives = {row["label"]: row["gives"] for row in stats.rows}
    assert gives["Flemish government"] == "€32 million a year, budgeted; €32 million a year, budgeted, within the €32 million"
    assert gives["FWO (Research Foundation – Flanders)"] == "more than €15 million in 2019, spent"
    assert gives["VLAIO (Flanders Innovation & Entrepreneurship)"] == "more than €41 million in 2019, spent"


def _synthetic(size: int) -> nx.MultiDiGraph:
    """A hub with long arms, all in one region: one connected piece of ``size`` nodes."""
    rows = [{"source": f"n{i}", "sourceLabel": f"Node {i}", "sourceType": "Public body", "sourceKind": "actor",
             "sourceRegion": "Atlantis", "relation": "supports", "target": f"n{(i - 1) // 3}", "targetLabel": f"Node {(i - 1) // 3}",
             "targetType": "Public body", "targetKind": "actor", "targetRegion": "Atlantis"} for i in range(1, size)]
    return network_from_rows(rows)


def test_a_large_network_lays_out_without_scipy() -> None:
    # networkx's spring layout needs scipy for 500 nodes or more; the layout must not.
    code = ("import sys; sys.modules['scipy'] = None\n"
            "from test_network import _synthetic\n"
            "from aikg.network.layout import layout\n"
            "positions = layout(_synthetic(700)).positions\n"
            "print(len(positions), len(set(positions.values())))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600,
                            cwd=Path(__file__).parent, check=True)
    assert result.stdout.split() == ["700", "700"]


def test_betweenness_of_a_large_network_is_estimated_and_says_so() -> None:
    large = network_stats(_synthetic(EXACT_BETWEENNESS_LIMIT + 200))
    assert any(f"estimated from {BETWEENNESS_SAMPLES} sampled sources" in note for note in large.notes)
    assert all(0.0 <= row["betweenness"] <= 1.0 for row in large.rows)
    assert not any("estimated" in note for note in network_stats(_synthetic(50)).notes)


# ---------------------------------------------------------------- evidence: exactly what is recorded, never guessed


def _evidence_rows(graph: Graph) -> dict[tuple, list[dict]]:
    """The rows of relation-evidence.rq per edge, read with rdflib directly."""
    found: dict[tuple, list[dict]] = {}
    for row in graph.query(EVIDENCE_QUERY.read_text(encoding="utf-8")):
        key = (str(row.source), str(row.relation), str(row.target), str(row.statement or ""))
        piece = {k: str(getattr(row, k)) for k in ("quote", "section", "note") if getattr(row, k) is not None}
        if piece not in found.setdefault(key, []):
            found[key].append(piece)
    return found


def test_each_relation_on_the_page_shows_exactly_its_recorded_evidence(graph, network) -> None:
    recorded = _evidence_rows(graph)
    data = page_data(network)
    for edge in data["edges"]:
        statement = next((d.get("iri", "") for d in relations(network, edge["source"], edge["target"])
                          if d["relation"] == edge["relation"] and d.get("money") == edge.get("money")), "")
        # (a quote's link to its place in the annotated report is checked by its own test below)
        shown = sorted((json.dumps({k: v for k, v in piece.items() if k not in ("claim", "place")}, sort_keys=True)
                        for piece in edge["evidence"]))
        expected = sorted(json.dumps(p, sort_keys=True) for p in recorded.get((edge["source"], edge["relation"], edge["target"], statement), []))
        assert shown == expected, edge


def test_team_up_money_is_backed_by_the_sentence_that_states_it(network) -> None:
    # "The scheme has proven to be very successful with nineteen collaborative projects funded
    # amounting to EUR 12 millions of subsidies." (section 6, Brussels Region)
    edge = next(e for e in page_data(network)["edges"] if e["relation"] == "funds"
                and e["source"] == node(network, "Innoviris") and e["target"] == node(network, "Team Up"))
    quotes = [(p["quote"], p["section"]) for p in edge["evidence"] if "quote" in p]
    assert quotes == [("nineteen collaborative projects funded amounting to EUR 12 millions of subsidies.",
                       "6 Regional strategies – Brussels Region")]


def test_evidence_and_facts_on_the_small_network(small) -> None:
    data = page_data(small)
    by_ends = {(small.nodes[e["source"]]["label"], e["relation"], small.nodes[e["target"]]["label"]): e for e in data["edges"]}
    lab_runs_call = by_ends[("Southern lab", "runs", "Southern AI call")]["evidence"]
    assert lab_runs_call == [{"claim": "Southern lab runs Southern AI call", "note": "Our reading: the lab is named as the call's host."}]
    assert by_ends[("Northern agency", "runs", "Plan, part one: research")]["evidence"] == []
    grants = by_ends[("Northern agency", "funds", "Southern AI call")]
    assert [p["quote"] for p in grants["evidence"]] == ["The agency granted more than 2 million."]
    # The node facts keep no relation: relations are the edges above, with their own evidence.
    relation_names = {e["relation"] for e in data["edges"]}
    assert not [row for rows in data["facts"].values() for row in rows if row.get("property") in relation_names]


def test_no_quote_is_shown_for_a_relation_because_it_contains_a_label(network, report_text) -> None:
    # node-facts once backed "Agoria supports DigitalWallonia4.ai" with the sentence on Agoria's free
    # online course. Quotes on the page come from the relation's own evidence, or are quotes of a
    # node itself or of its numbers.
    data = page_data(network)
    agoria, dw4ai = node(network, "Agoria", "actor"), node(network, "DigitalWallonia4.ai")
    backing = [edge for edge in data["edges"] if (edge["source"], edge["target"]) == (agoria, dw4ai)]
    assert backing
    for edge in backing:
        assert not any("course" in p.get("quote", "") for p in edge["evidence"]), edge
    for rows in data["facts"].values():
        for row in rows:
            if "quote" in row:
                assert row["property"] == "quote" or "amount" in row, row
                assert collapse_whitespace(row["quote"]) in report_text


# ---------------------------------------------------------------- our reading is shown as ours

# "In March 2019, the Flemish government launched the Flemish action plan to foster artificial
# intelligence in Flanders." (section 6, Flanders): the report never says the government governs
# Flanders; the data reads it so, with that sentence and a note. "Supported by the Digital Agency,
# Agoria, the ICT Cluster Infopole and the AI Network, the DigitalWallonia4.ai program" states its relation.
FLEMISH_QUOTE = "In March 2019, the Flemish government launched the Flemish action plan to foster artificial intelligence in Flanders."


def _one_edge(network: nx.MultiDiGraph, source: str, relation: str, target: str) -> dict:
    found = [d for d in relations(network, node(network, source, "actor"), node(network, target)) if d["relation"] == relation]
    assert len(found) == 1, found
    return found[0]


def test_a_relation_that_is_our_reading_says_so_beside_the_quote_it_is_read_from(network, report_text) -> None:
    assert FLEMISH_QUOTE in report_text and "governs" not in report_text
    governs = _one_edge(network, "Flemish government", "governs", "Flanders")
    assert governs["editorial"] is True
    assert f"“{FLEMISH_QUOTE}”" in governs["evidence"] and "Our reading: The report does not say so in words" in governs["evidence"]
    supports = _one_edge(network, "Agoria", "supports", "DigitalWallonia4.ai")
    assert supports["editorial"] is False and "Our reading" not in supports["evidence"]
    # Innoviris funds Team Up: the amount is the report's, but the data names a funder the sentence
    # does not ("nineteen collaborative projects funded amounting to EUR 12 millions"): ours.
    assert _one_edge(network, "Innoviris", "funds", "Team Up")["editorial"] is True


def test_graphml_and_gexf_keep_whose_words_a_relation_is(network) -> None:
    for fmt, read in (("graphml", lambda data: nx.read_graphml(data, force_multigraph=True)), ("gexf", nx.read_gexf)):
        back = read(io.BytesIO(render(network, fmt)))
        governs = [d for u, v, d in back.edges(data=True) if d["relation"] == "governs"
                   and back.nodes[u]["label"] == "Flemish government" and back.nodes[v]["label"] == "Flanders"]
        assert [d["editorial"] for d in governs] == [True], fmt
        assert "Our reading:" in governs[0]["evidence"] and FLEMISH_QUOTE in governs[0]["evidence"], fmt


def test_every_relation_on_the_page_is_drawn_as_the_reports_or_as_ours(graph, network, page) -> None:
    recorded = _evidence_rows(graph)
    data = parse(page).data
    by_iri = {d.get("iri", ""): d for _, _, d in network.edges(data=True)}
    styles = {}
    for edge in data["edges"]:
        statement = edge.get("iri", "")
        pieces = recorded[(edge["source"], edge["relation"], edge["target"], statement)]
        ours = any("note" in p for p in pieces) or not any("quote" in p for p in pieces)
        assert edge["editorial"] is ours and edge["style"] == ("dashed" if ours else "solid"), edge
        styles[ours] = styles.get(ours, 0) + 1
        if statement:
            assert by_iri[statement]["editorial"] is ours
    assert styles[True] >= 50 and styles[False] >= 60  # 53 and 64 when this was written: both kinds are there
    assert parse(page).legend["legend-bases"] == ["stated in the report", "our reading, not the report's words"]


def test_svg_dashes_exactly_the_relations_that_are_our_reading(network, svg) -> None:
    lines = next(g for g in svg.iter(f"{SVG}g") if g.get("id") == "lines")
    dashed = [p for p in lines.iter(f"{SVG}path") if "stroke-dasharray" in (p.get("style") or "")]
    assert len(dashed) == sum(1 for _, _, ours in network.edges(data="editorial") if ours) > 0
    texts = _texts(svg)
    assert {"Lines: whose words", "stated in the report", "our reading, not the report's words"} <= set(texts)


# ---------------------------------------------------------------- filters


def test_region_filter_keeps_the_edges_that_touch_the_region(store) -> None:
    flanders = build_network(store, regions=["flanders"])
    for u, v in flanders.edges():
        assert "Flanders" in (flanders.nodes[u]["region"], flanders.nodes[v]["region"])
    assert funding(flanders, node(flanders, "FWO", "actor"))
    assert not any(d["label"] == "Innoviris" for _, d in flanders.nodes(data=True))


def test_region_filter_takes_labels_and_slugs_in_any_case(store) -> None:
    brussels = build_network(store, regions=["BRUSSELS"])
    assert relations(brussels, node(brussels, "Innoviris"), node(brussels, "Team Up"))
    assert not any("Flemish" in d["label"] for _, d in brussels.nodes(data=True))


def test_unknown_region_is_an_error_that_lists_the_regions(store) -> None:
    with pytest.raises(AikgError, match=r"unknown region 'Atlantis'.*Flanders.*Wallonia"):
        build_network(store, regions=["Atlantis"])


def test_relation_filter_keeps_only_those_relations(store) -> None:
    supports = build_network(store, relations=["supports"])
    assert {d["relation"] for _, _, d in supports.edges(data=True)} == {"supports"}
    dw4ai = node(supports, "DigitalWallonia4.ai")
    assert {supports.nodes[u]["label"] for u, _ in supports.in_edges(dw4ai)} >= {"Agoria", "AI Network"}
    assert not any(d["label"] == "Innoviris" for _, d in supports.nodes(data=True))


def test_relation_names_may_be_written_as_in_the_ontology(store) -> None:
    # "Innoviris ... is a partner of de Women Code Week"; "co-funded by the Brussels Region and ERDF".
    chosen = build_network(store, relations=["partnerOf", "co-funds"])
    assert {d["relation"] for _, _, d in chosen.edges(data=True)} == {"partner of", "co-funds"}
    assert relations(chosen, node(chosen, "Innoviris"), node(chosen, "Women Code Week"))
    assert relations(chosen, node(chosen, "European Regional Development Fund"), node(chosen, "Elucidata"))


def test_unknown_relation_is_an_error_that_lists_the_relations(store) -> None:
    with pytest.raises(AikgError, match=r"unknown relation 'sponsors'.*funds.*supports"):
        build_network(store, relations=["sponsors"])


def test_min_amount_drops_smaller_or_unknown_funding_but_keeps_other_edges(store) -> None:
    rich = build_network(store, min_amount=20_000_000)
    amounts = [d.get("amount") for _, _, d in rich.edges(data=True) if d["relation"] in ("funds", "co-funds")]
    assert sorted(amounts) == [20_000_000.0, 32_000_000.0, 41_000_000.0]  # Innoviris' budget, the Flemish plan, VLAIO
    innoviris, team_up = node(rich, "Innoviris"), node(rich, "Team Up")
    assert "funds" not in [d["relation"] for d in relations(rich, innoviris, team_up)]  # EUR 12 millions
    assert "launched" in [d["relation"] for d in relations(rich, innoviris, team_up)]
    assert not any(d["label"] == "European Regional Development Fund" for _, d in rich.nodes(data=True))


def test_actors_only_folds_initiatives_and_keeps_every_actor(store, network) -> None:
    actors = build_network(store, actors_only=True)
    assert {d["kind"] for _, d in actors.nodes(data=True)} == {"actor"}
    assert set(actors) == {n for n, d in network.nodes(data=True) if d["kind"] == "actor"}
    agoria, infopole = node(actors, "Agoria"), node(actors, "Infopole")
    shared = relations(actors, agoria, infopole) + relations(actors, infopole, agoria)
    assert [d["via"] for d in shared] == ["DigitalWallonia4.ai"] and shared[0]["relation"] == "via"
    assert "runs" in [d["relation"] for d in relations(actors, node(actors, "Sirris Brussels"), node(actors, "Elucidata"))]
    for funder in ("Flemish government", "FWO", "VLAIO"):
        assert actors.nodes[node(actors, funder)]["gives"]


def test_a_region_keeps_its_colour_whatever_the_filter(store, network) -> None:
    def colours(net: nx.MultiDiGraph) -> dict[str, str]:
        return {n["label"]: n["colour"] for n in page_data(net)["nodes"]}

    everything = colours(network)
    for cut in (build_network(store, relations=["funds"]), build_network(store, regions=["Flanders"])):
        for label, colour in colours(cut).items():
            assert colour == everything[label], label
    assert everything["FWO regular bottom-up funding instruments"] != everything["Team Up"]  # two regions, two colours


@pytest.mark.parametrize("options, expected", [
    # South holds the lab and the call; the edges touching them bring the agency along.
    (["--region", "South"], {"Northern agency", "Southern AI call", "Southern lab"}),
    (["--relation", "runs"], {"Northern agency", "Plan, part one: research", "Southern lab", "Southern AI call"}),
    # The report's publisher edge is no money: it stays.
    (["--min-amount", "5000000"], {"Northern government", "Northern AI plan", "Plan, part two: skills", "Ruritanian AI report",
                                    "Northern agency", "Plan, part one: research", "Southern lab", "Southern AI call"}),
    (["--actors-only"], {"Northern government", "Northern agency", "Southern lab"}),
])
def test_every_filter_changes_what_the_command_writes(options, expected, tmp_path) -> None:
    out = tmp_path / "cut.graphml"
    aikg("network", "--format", "graphml", "-o", str(out), "--data", str(SMALL), *options)
    back = nx.read_graphml(out, force_multigraph=True)
    assert {d["label"] for _, d in back.nodes(data=True)} == expected
    if options[0] == "--min-amount":  # the 4M to part one is gone, the other lines stay
        assert sorted(d["money"] for _, _, d in back.edges(data=True) if "money" in d) == ["€10 million a year, budgeted", "€6 million a year, budgeted, within the €10 million"]


# ---------------------------------------------------------------- formats


def _edge_multiset(network: nx.MultiDiGraph) -> list:
    return sorted((u, v, sorted(d.items())) for u, v, d in network.edges(data=True))


def test_graphml_reads_back_with_every_attribute_and_its_credits(network) -> None:
    data = render(network, "graphml")
    assert b"viz" not in data and b"facts" not in data
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(network.nodes(data=True))
    assert _edge_multiset(back) == _edge_multiset(network)
    assert back.graph["title"] == "Who funds, runs and supports AI in Belgium"
    assert "25 February 2020" in back.graph["source"] and "CC BY 4.0" in back.graph["licence"]


def test_gexf_reads_back_with_every_attribute_and_viz(network) -> None:
    back = nx.read_gexf(io.BytesIO(render(network, "gexf")))
    assert set(back) == set(network)
    for iri, data in back.nodes(data=True):
        viz = data.pop("viz")
        assert set(viz["color"]) >= {"r", "g", "b"} and viz["size"] > 0 and set(viz["position"]) >= {"x", "y"}
        assert data == network.nodes[iri]
    edges = [(u, v, {k: d[k] for k in d if k != "id"}) for u, v, d in back.edges(data=True)]
    assert sorted((u, v, sorted(d.items())) for u, v, d in edges) == _edge_multiset(network)


def test_write_network_takes_a_path_and_refuses_unknown_formats(small, tmp_path) -> None:
    path = tmp_path / "actors.graphml"
    write_network(small, "graphml", path)
    assert nx.read_graphml(path, force_multigraph=True).number_of_edges() == small.number_of_edges()
    with pytest.raises(AikgError, match="unknown network format"):
        write_network(small, "jpeg", tmp_path / "actors.jpg")


def test_png_and_pdf_are_the_a4_picture_drawn_by_a_real_renderer(tmp_path) -> None:
    import struct

    png, pdf = tmp_path / "actors.png", tmp_path / "actors.pdf"
    aikg("network", "-o", str(png), "--data", str(SMALL))
    aikg("network", "-o", str(pdf), "--data", str(SMALL))
    data = png.read_bytes()
    # A4 landscape (297 × 210 mm: 11.69 × 8.27 inches) at 200 dots per inch; in points for the PDF.
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (2338, 1654)
    assert pdf.read_bytes().startswith(b"%PDF") and b"/MediaBox [ 0 0 841.68 595.44 ]" in pdf.read_bytes()
    refused = aikg("network", "-o", str(tmp_path / "actors.jpg"), "--data", str(SMALL), check=False)
    assert refused.returncode != 0 and "cannot tell the format" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.parametrize("fmt", ["html", "graphml", "gexf", "svg"])
def test_every_format_is_written_by_the_command_to_a_file_or_stdout(fmt, tmp_path) -> None:
    out = tmp_path / f"small.{fmt}"
    aikg("network", "--format", fmt, "-o", str(out), "--data", str(SMALL))
    assert out.read_bytes() == aikg("network", "--format", fmt, "--data", str(SMALL)).stdout.encode("utf-8")
    assert "Ruritania" in out.read_text(encoding="utf-8")  # the data's country, not Belgium


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    """What a page would load, the text of its data script, and the text of elements by id."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str, str]] = []
        self.data_script = ""
        self.text: dict[str, str] = {}
        self.legend: dict[str, list[str]] = {}
        self._open: list[str] = []
        self._list = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "source", "embed", "object", "video", "audio", "image", "use"):
            for name in ("src", "href", "data", "srcset", "xlink:href"):
                if attributes.get(name) is not None:
                    self.loads.append((tag, name, attributes[name]))
        if tag == "ul" and "legend" in (attributes.get("class") or ""):
            self._list = attributes["id"]
            self.legend[self._list] = []
        if tag == "li" and self._list:
            self.legend[self._list].append("")
        if tag not in VOID:
            self._open.append(attributes.get("id") or "")

    def handle_data(self, data):
        for element in self._open:
            if element:
                self.text[element] = self.text.get(element, "") + data
        if self._list and self.legend[self._list]:
            self.legend[self._list][-1] += data

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()
        if tag == "ul":
            self._list = ""

    @property
    def data(self) -> dict:
        return json.loads(self.text["network-data"])


@pytest.fixture(scope="module")
def page(network) -> str:
    return render(network, "html").decode("utf-8")


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def test_html_page_loads_nothing_from_the_web(page) -> None:
    parser = parse(page)
    assert parser.loads == []  # every script and style is inline
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?\s*(https?:)?//", page, re.I)
    assert "XMLHttpRequest" not in page and not re.search(r"\bfetch\s*\(", page)
    assert (files("aikg") / "static" / CYTOSCAPE_JS).read_text(encoding="utf-8") in page


def test_html_page_says_what_it_shows_and_where_it_comes_from(page, network) -> None:
    parser = parse(page)
    assert parser.text["title"].strip() == "Who funds, runs and supports AI in Belgium"
    kinds = [kind for _, kind in network.nodes(data="kind")]
    # The reports are the country report and the AI4Belgium report it cites ("Belgium (2019). AI4Belgium.").
    assert (f"{kinds.count('actor')} actors, {kinds.count('initiative')} initiatives and 2 reports, "
            f"{network.number_of_edges()} relations") in parser.text["subtitle"]
    source = parser.text["source"]
    for words in ("Joint Research Centre", "Country report – Belgium", "25 February 2020",
                  "https://ec.europa.eu/knowledge4policy/ai-watch/belgium-ai-strategy-report"):
        assert words in source
    assert "CC BY 4.0" in parser.text["licence"]


def test_html_legend_names_every_colour_line_and_width_in_use(page, network) -> None:
    legend = parse(page).legend
    assert legend["legend-types"] == sorted({d["type"] for _, d in network.nodes(data=True) if d["kind"] == "actor"})
    assert legend["legend-regions"] == ["Belgium", "Brussels-Capital Region", "European Union", "Flanders", "Wallonia"]
    assert legend["legend-documents"] == ["Report"]  # the country report and the AI4Belgium report it cites
    assert {"funds", "co-funds", "supports", "partner of", "member of, part of"} <= set(legend["legend-relations"])
    # The largest stated amount is VLAIO's €41 million: samples at about it, a quarter and a twentieth.
    assert legend["legend-widths"] == ["€2 million", "€10 million", "€20 million"]
    chips = dict(re.findall(r'<li data-pick="type:([^"]+)"[^>]*><span class="chip" style="background:(#[0-9A-Fa-f]+)"', page))
    assert len(set(chips.values())) == len(chips) and {"Country", "Region"} <= set(chips)  # one colour, one meaning


def test_html_page_embeds_the_network_and_the_reports_words(page, network, report_text) -> None:
    data = parse(page).data
    assert {n["id"] for n in data["nodes"]} == set(network)
    assert len(data["edges"]) == network.number_of_edges()
    assert {g["label"] for g in data["groups"]} >= {"Belgium", "Brussels-Capital Region", "Flanders", "Wallonia"}
    quotes = [collapse_whitespace(p["quote"]) for e in data["edges"] for p in e["evidence"] if "quote" in p]
    quotes += [collapse_whitespace(r["quote"]) for rows in data["facts"].values() for r in rows if "quote" in r]
    assert len(quotes) > network.number_of_nodes() and all(quote in report_text for quote in quotes)
    by_label = {n["label"]: n for n in data["nodes"]}
    assert by_label["Flemish government"]["gives"].startswith("€32 million a year, budgeted;")


def _browser_dom(page: str, tmp_path: Path, fragment: str = "") -> str:
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("chromium not installed: the page cannot be opened in a headless browser here")
    path = tmp_path / "actors.html"
    path.write_text(page, encoding="utf-8")
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--dump-dom", path.as_uri() + fragment,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=True).stdout


def test_html_page_in_a_browser_draws_every_node_with_its_title_legend_and_source(page, network, tmp_path) -> None:
    dom = _browser_dom(page, tmp_path, "#" + node(network, "Flemish government"))
    body = re.search(r"<body([^>]*)>", dom)
    regions = len(parse(page).data["groups"])
    assert body and f'data-node-count="{network.number_of_nodes()}"' in body.group(1) and f'data-region-count="{regions}"' in body.group(1)
    listed = re.search(r'<ol id="node-list">(.*?)</ol>', dom, re.S)
    assert listed and listed.group(1).count("<li") == network.number_of_nodes()
    rendered = parse(dom)
    assert rendered.text["title"].strip() == "Who funds, runs and supports AI in Belgium"
    assert "25 February 2020" in rendered.text["source"] and "CC BY 4.0" in rendered.text["licence"]
    assert rendered.legend["legend-widths"] == ["€2 million", "€10 million", "€20 million"]
    # Opened on the Flemish government: its money once, and the pillars' money within the plan's.
    details = rendered.text["details"]
    assert "Gives €32 million a year, budgeted" in details and "64" not in details
    assert "€12 million a year, budgeted, within the €32 million" in details
    # Its "governs Flanders" is our reading: the note is shown, labelled, beside the quote it is read from.
    flat = " ".join(details.split())
    assert "Our reading: The report does not say so in words" in flat and FLEMISH_QUOTE in flat


def test_html_page_in_a_browser_shows_the_sentence_behind_a_relation(page, tmp_path) -> None:
    dom = _browser_dom(page, tmp_path, "#https://w3id.org/aikg/id/be/funding/innoviris-team-up")
    details = parse(dom).text["details"]
    assert "Innoviris funds Team Up" in " ".join(details.split())
    assert "€12 million in total, spent" in details
    assert "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies." in details
    assert "6 Regional strategies – Brussels Region" in details


# What the page's opening view draws, measured in the browser with Cytoscape's own label boxes:
# every label drawn (not hidden, not below its min-zoomed-font-size), its size on screen and its box.
MEASURE_LABELS = """<script>
window.addEventListener("load", function () { setTimeout(function () {
  var cy = document.getElementById("cy")._cyreg.cy;
  var box = { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false };
  var labels = [];
  cy.elements().forEach(function (ele) {
    var text = String(ele.pstyle("label").strValue || "");
    if (!ele.visible() || !text || ele.pstyle("text-opacity").value === 0) return;
    var px = ele.pstyle("font-size").pfValue * cy.zoom();
    if (px < ele.pstyle("min-zoomed-font-size").pfValue) return;
    var b = ele.renderedBoundingBox(box);
    labels.push({ text: text, px: px, x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
  });
  var nodes = cy.nodes("[kind]").map(function (n) {
    var b = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
    return { id: n.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
  });
  document.body.setAttribute("data-measured", JSON.stringify({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth,
    width: cy.width(), height: cy.height(), labels: labels, nodes: nodes }));
}, 3000); });
</script>"""


def _measured(page: str, tmp_path: Path, window: str, phone: bool = False, turned_from: int = 0) -> dict:
    """The labels and nodes of the opening view at a window size. A phone is a 390-pixel frame holding
    the page (Chromium's headless window is at least 500 pixels wide), whose measures are copied out;
    turned_from opens the frame that wide and narrows it to 390 pixels a second later."""
    from html import escape, unescape

    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("chromium not installed: the page cannot be opened in a headless browser here")
    measured = page.replace("</body>", MEASURE_LABELS + "</body>")
    if phone:
        # A browser tells the page with a resize event; headless Chromium under virtual time runs no
        # rendering steps (no resize events, no ResizeObserver), so the test sends the event itself.
        narrow = ('setTimeout(function () { var frame = document.getElementById("phone"); frame.width = "390";'
                  ' frame.contentWindow.dispatchEvent(new Event("resize")); }, 1000);') if turned_from else ""
        measured = (f'<!DOCTYPE html><body><iframe id="phone" width="{turned_from or 390}" height="844" srcdoc="{escape(measured)}">'
                    f'</iframe><script>{narrow}'
                    'setInterval(function () { var d = document.getElementById("phone").contentDocument;'
                    ' if (d && d.body && d.body.dataset.measured) document.body.dataset.measured = d.body.dataset.measured; }, 200);'
                    '</script></body>')
    path = tmp_path / "actors.html"
    path.write_text(measured, encoding="utf-8")
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={window}", "--virtual-time-budget=10000", "--dump-dom", path.as_uri(),
    ]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True).stdout
    found = re.search(r'<body[^>]* data-measured="([^"]*)"', dom)
    assert found, "the page did not finish drawing"
    return json.loads(unescape(found.group(1)))


def _overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]]


@pytest.mark.parametrize("window", ["1400,1000", "1280,720"])
def test_html_opening_view_draws_no_label_over_another_and_none_under_11_pixels(page, network, tmp_path, window) -> None:
    measured = _measured(page, tmp_path, window)
    assert measured["inner"] == int(window.split(",")[0])
    labels = measured["labels"]
    assert _overlapping(labels) == []
    assert min(label["px"] for label in labels) >= 11
    # Not by hiding everything: the region names and the names of the most linked actors are there.
    texts = {label["text"] for label in labels}
    assert {"Brussels-Capital Region", "Flanders", "Wallonia", "Belgium", "Innoviris"} <= texts
    assert len(labels) >= 30
    # Every label drawn lies within the drawing.
    assert all(l["x1"] >= 0 and l["y1"] >= 0 and l["x2"] <= measured["width"] and l["y2"] <= measured["height"] for l in labels)


def test_html_page_fits_a_phone(page, tmp_path) -> None:
    measured = _measured(page, tmp_path, "500,900", phone=True)
    assert measured["inner"] == 390 and measured["scroll"] <= 390 and measured["width"] <= 390
    assert _overlapping(measured["labels"]) == [] and len(measured["labels"]) >= 5
    assert min(label["px"] for label in measured["labels"]) >= 11


def _outside(measured: dict) -> list[str]:
    """The nodes whose drawn body is not wholly inside the visible drawing."""
    return [n["id"] for n in measured["nodes"]
            if n["x1"] < 0 or n["y1"] < 0 or n["x2"] > measured["width"] or n["y2"] > measured["height"]]


@pytest.mark.parametrize("turned_from", [0, 900], ids=["opened-at-390", "narrowed-to-390"])
def test_html_page_opens_on_a_phone_showing_every_node(page, network, tmp_path, turned_from) -> None:
    # At 390x844 the whole network is in view without pressing "Fit", also when the drawing's box
    # narrows after the page has opened (a phone turned upright).
    measured = _measured(page, tmp_path, "1000,900", phone=True, turned_from=turned_from)
    assert measured["inner"] == 390 and measured["width"] <= 390
    assert len(measured["nodes"]) == network.number_of_nodes()
    assert _outside(measured) == []
    # Fitted, not merely shrunk: the nodes span most of the drawing's width.
    span = max(n["x2"] for n in measured["nodes"]) - min(n["x1"] for n in measured["nodes"])
    assert span > 0.75 * measured["width"]


def test_the_outside_check_sees_a_node_outside() -> None:
    inside, cut = {"id": "a", "x1": 2, "y1": 2, "x2": 10, "y2": 10}, {"id": "b", "x1": 380, "y1": 2, "x2": 395, "y2": 10}
    assert _outside({"width": 390, "height": 590, "nodes": [inside, cut]}) == ["b"]


# How the page draws its reports, its legend's entry for them, and what picking that entry and
# clicking a report show, read in the browser.
READ_REPORTS = """<script>
window.addEventListener("load", function () { setTimeout(function () {
  var cy = document.getElementById("cy")._cyreg.cy;
  var reports = cy.nodes("[kind = 'document']");
  var entry = document.querySelector('#legend-documents li[data-pick]');
  var chip = getComputedStyle(entry.querySelector(".chip"));
  var heading = entry.parentNode.previousElementSibling.textContent;
  var drawn = reports.map(function (n) { return { label: n.data("label"), shape: n.pstyle("shape").value,
    fill: n.pstyle("background-color").strValue, edge: n.pstyle("border-color").strValue }; });
  entry.click();
  var picked = cy.nodes("[kind]").not(".faded").map(function (n) { return n.data("label"); });
  entry.click();
  reports[0].emit("tap");
  document.body.setAttribute("data-reports", JSON.stringify({
    drawn: drawn,
    others: cy.nodes("[kind != 'document']").map(function (n) { return n.pstyle("shape").value; }),
    heading: heading, entry: entry.textContent, chip: { fill: chip.backgroundColor, edge: chip.borderTopColor, turn: chip.transform },
    picked: picked, details: document.querySelector("#details h3").textContent }));
}, 2000); });
</script>"""


def test_html_legend_shows_the_reports_as_the_page_draws_them(page, tmp_path) -> None:
    from html import unescape

    dom = _browser_dom(page.replace("</body>", READ_REPORTS + "</body>"), tmp_path)
    found = re.search(r'<body[^>]* data-reports="([^"]*)"', dom)
    assert found, "the page did not finish drawing"
    seen = json.loads(unescape(found.group(1)))
    # The report (country report – Belgium) and the AI4Belgium report it cites ("Belgium (2019). AI4Belgium.").
    labels = sorted(report["label"] for report in seen["drawn"])
    assert len(labels) == 2 and "AI4Belgium" in labels[0] and "Country report – Belgium" in labels[1]
    # Drawn as diamonds, a shape no actor or initiative has, and the legend says so with a chip of their look.
    assert {report["shape"] for report in seen["drawn"]} == {"diamond"} and "diamond" not in seen["others"]
    assert "diamonds" in seen["heading"] and seen["entry"] == "Report"
    fill, edge = seen["drawn"][0]["fill"], seen["drawn"][0]["edge"]
    assert (seen["chip"]["fill"].replace(" ", ""), seen["chip"]["edge"].replace(" ", "")) == (fill, edge)
    assert fill == "rgb(255,255,255)" and "white" in seen["heading"]
    turn = [float(x) for x in re.findall(r"-?[\d.]+", seen["chip"]["turn"])]
    assert [round(x, 3) for x in turn[:4]] == [0.707, 0.707, -0.707, 0.707]  # a square turned 45°: a diamond
    # The entry picks out the two reports and nothing else; a report opens its details when clicked.
    assert sorted(seen["picked"]) == labels
    assert seen["details"] in labels


def test_html_search_opens_the_actor_before_its_programmes(page, network, tmp_path) -> None:
    # "VLAIO" names the agency and its programmes ("VLAIO regular bottom-up ..."): Enter opens the agency.
    assert len([n for n, d in network.nodes(data=True) if "vlaio" in d["label"].casefold()]) > 1
    typed = ('<script>window.addEventListener("load", function () { setTimeout(function () {'
             ' var s = document.getElementById("search"); s.value = "VLAIO"; s.dispatchEvent(new Event("input"));'
             ' s.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" })); }, 2000); });</script>')
    dom = _browser_dom(page.replace("</body>", typed + "</body>"), tmp_path)
    heading = re.search(r'<section id="details">.*?<h3>(.*?)</h3>', dom, re.S)
    assert heading and heading.group(1).startswith("VLAIO (Flanders Innovation")


# ---------------------------------------------------------------- the SVG picture


@pytest.fixture(scope="module")
def svg(network) -> ET.Element:
    return ET.fromstring(render(network, "svg"))


def _texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def test_svg_is_valid_text_searchable_and_reproducible(network, svg) -> None:
    assert svg.tag == f"{SVG}svg"
    text = " ".join(_texts(svg))
    for label in ("Innoviris", "Sirris Brussels", "Agoria", "Flemish government", "FWO", "VLAIO"):
        assert label in text
    assert render(network, "svg") == render(network, "svg")


def test_svg_says_what_it_shows_and_where_it_comes_from(svg) -> None:
    texts = _texts(svg)
    assert "Who funds, runs and supports AI in Belgium" in texts
    footer = " ".join(texts)
    for words in ("Joint Research Centre", "Country report – Belgium", "25 February 2020", "CC BY 4.0"):
        assert words in footer
    assert {"Brussels-Capital Region", "Flanders", "Wallonia", "Belgium"} <= set(texts)  # the region boxes


def test_svg_writes_every_stated_amount_and_explains_line_widths(network, svg) -> None:
    text = " ".join(" ".join(_texts(svg)).split())
    for _, _, data in network.edges(data=True):
        if "money" in data:
            assert data["money"] in text, data["money"]
    texts = _texts(svg)
    assert "Funding line width" in texts and {"€2 million", "€10 million", "€20 million"} <= set(texts)


def test_svg_keeps_the_full_name_of_every_cut_label_and_of_every_node(network, svg) -> None:
    labels = {d["label"] for _, d in network.nodes(data=True)}
    for group in svg.iter(f"{SVG}g"):
        gid = group.get("id", "")
        title = group.find(f"{SVG}title")
        if gid.startswith("node-"):
            assert title is not None and title.text.split("\n")[0] in labels, gid
        if gid.startswith("label-") and "".join(group.find(f"{SVG}text").itertext()).endswith("…"):
            assert title is not None and title.text in labels, gid
    assert sum(1 for g in svg.iter(f"{SVG}g") if g.get("id", "").startswith("node-")) == network.number_of_nodes()


def test_svg_of_actors_only_keeps_the_money_with_the_funders_names() -> None:
    # The funding lines go to initiatives, which --actors-only folds away: the money must stay visible.
    texts = _texts(ET.fromstring(aikg("network", "--format", "svg", "--actors-only", "--data", str(SMALL)).stdout))
    words = " ".join(texts)  # a long label is written on several lines
    assert "gives €10 million a year, budgeted" in words and "gives more than €2 million in total, spent" in words
    assert "Who funds, runs and supports AI in Ruritania" in texts


def _text_boxes(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each <text> of a matplotlib SVG with its box (x0, y0, x1, y1) in points, measured with the
    font's metrics: from its position, anchor, size and weight as written in the SVG."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(100, 100, 72)  # 72 dpi: a pixel is a point, the SVG's unit
    boxes = []
    for element in root.iter(f"{SVG}text"):
        style = dict(part.split(":", 1) for part in element.get("style", "").replace(" ", "").split(";") if part)
        size = float(style["font-size"].removesuffix("px"))
        weight = style.get("font-weight", "400")
        transform = element.get("transform", "")
        assert "rotate(-0 " in transform or "rotate" not in transform, "labels are written straight"
        if element.get("x") is not None:
            x, y = float(element.get("x")), float(element.get("y"))
        else:
            x, y = map(float, re.search(r"translate\(([-\d.e]+)[ ,]([-\d.e]+)\)", transform).groups())
        text = "".join(element.itertext())
        width, height, descent = renderer.get_text_width_height_descent(
            text, FontProperties(family="DejaVu Sans", size=size, weight=int(weight) if weight.isdigit() else weight), ismath=False)
        left = x - {"start": 0.0, "middle": width / 2, "end": width}[style.get("text-anchor", "start")]
        boxes.append((text, (left, y - (height - descent), left + width, y + descent)))
    return boxes


def _clashes(root: ET.Element) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap by more than a fifth of a point each way."""
    boxes = _text_boxes(root)
    return [(a, b) for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes) for b, (bx0, by0, bx1, by1) in boxes[i + 1:]
            if min(ax1, bx1) - max(ax0, bx0) > 0.2 and min(ay1, by1) - max(ay0, by0) > 0.2]


@pytest.fixture(scope="module")
def actors_svg(store) -> ET.Element:
    return ET.fromstring(render(build_network(store, actors_only=True), "svg"))


def _page_size(root: ET.Element) -> tuple[float, float]:
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


def test_the_picture_prints_legibly_no_text_under_8_points_on_a4_or_a3(svg, actors_svg) -> None:
    # 86 nodes with their names at 8 points need more than an A4 page (a 297 × 210 mm page is
    # 841.68 × 595.44 points), the 34 actors alone do not; A3 is 1190.88 × 841.68 points.
    assert _page_size(actors_svg) == (841.68, 595.44)
    assert _page_size(svg) == (1190.88, 841.68)
    for root in (svg, actors_svg):
        sizes = [float(re.search(r"font-size: ?([\d.]+)px", e.get("style", "")).group(1)) for e in root.iter(f"{SVG}text")]
        assert len(sizes) > 60 and min(sizes) >= 8.0


def _labels(root: ET.Element) -> dict[str, tuple[str, str | None]]:
    """Per label group: its text (lines joined by spaces) and its <title>, if any."""
    found = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("id", "").startswith("label-"):
            title = group.find(f"{SVG}title")
            found[group.get("id")] = (" ".join(_texts(group)), title.text if title is not None else None)
    return found


@pytest.mark.parametrize("which", ["whole", "actors only"])
def test_every_node_is_named_on_the_picture_or_numbered_with_its_full_name_in_the_key(which, network, store, svg,
                                                                                      actors_svg) -> None:
    root, shown = (svg, network) if which == "whole" else (actors_svg, build_network(store, actors_only=True))
    named, numbered = set(), {}
    for text, title in _labels(root).values():
        assert "…" not in text  # a name is never cut
        if text.isdigit():
            numbered[text] = title
        else:
            named.add(title or text.split(" gives ")[0])
    key = " ".join(" ".join(_texts(root)).split())
    for number, name in numbered.items():
        assert f"{number} {' '.join(name.split())}" in key, name
    assert named | set(numbered.values()) == {d["label"] for _, d in shown.nodes(data=True)}
    assert not any("left out" in text for text in _texts(root))


def test_every_label_of_a_node_lies_inside_a_region_box(svg, actors_svg) -> None:
    for root in (svg, actors_svg):
        boxes = []
        for group in root.iter(f"{SVG}g"):
            if group.get("id", "").startswith("group-"):
                numbers = [float(n) for n in re.findall(r"[-\d.]+", group.find(f"{SVG}path").get("d"))]
                boxes.append((min(numbers[0::2]), min(numbers[1::2]), max(numbers[0::2]), max(numbers[1::2])))
        labels = [(text, box) for group in root.iter(f"{SVG}g") if group.get("id", "").startswith("label-")
                  for text, box in _text_boxes(group)]
        assert len(boxes) >= 5 and len(labels) > 30
        for text, (x0, y0, x1, y1) in labels:
            assert any(bx0 <= x0 and x1 <= bx1 and by0 <= y0 and y1 <= by1 for bx0, by0, bx1, by1 in boxes), text


def test_no_two_texts_of_the_svg_overlap(svg) -> None:
    assert len(_text_boxes(svg)) > 100
    assert _clashes(svg) == []


def test_the_overlap_check_sees_an_overlap() -> None:
    # Labels drawn on top of each other must be caught by the measure above, whichever way
    # matplotlib writes them: x and y (one line), or a translation per line (several lines).
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans", "svg.hashsalt": "x"}):
        figure = Figure(figsize=(3, 2))
        FigureCanvasAgg(figure)
        figure.text(0.2, 0.5, "Flemish government", fontsize=7)
        figure.text(0.45, 0.47, "Innoviris\nTeam Up", fontsize=7, ha="center", va="center")
        figure.text(0.2, 0.9, "far away", fontsize=7)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg")
    boxes = dict(_text_boxes(ET.fromstring(buffer.getvalue())))
    assert set(boxes) == {"Flemish government", "Innoviris", "Team Up", "far away"}

    def clash(a, b) -> bool:
        return min(a[2], b[2]) - max(a[0], b[0]) > 0.2 and min(a[3], b[3]) - max(a[1], b[1]) > 0.2

    assert clash(boxes["Flemish government"], boxes["Innoviris"])
    assert not clash(boxes["Flemish government"], boxes["far away"]) and not clash(boxes["Innoviris"], boxes["Team Up"])


# ---------------------------------------------------------------- the funding chart


def test_funding_chart_shows_each_funders_money_once_with_its_meaning_and_source(tmp_path) -> None:
    # By hand from the report, per funder: Flemish government €32 million a year budgeted (the pillars are
    # inside it, and shown within it); Innoviris more than €6 million a year spent, €20 million in total budgeted, €12
    # million in total spent within the 20; FWO more than €15 million and VLAIO more than €41 million, spent in 2019;
    # the recommended €80 million a year and €1 billion by 2030 in panels of their own.
    out = tmp_path / "funding.svg"
    aikg("chart", "funding", "-o", str(out), "--data", BELGIUM[0])
    chart = ET.fromstring(out.read_bytes())
    assert _clashes(chart) == []
    texts = _texts(chart)
    bars = {t for t in texts if t.startswith(("€", "more than", "at least", "about"))}
    assert bars >= {"€32 million a year, budgeted", "more than €6 million a year, spent", "€20 million in total, budgeted",
                    "€12 million in total, spent, within the €20 million", "at least €80 million a year, recommended",
                    "at least €1 billion in total, recommended",
                    "more than €15 million in 2019, spent", "more than €41 million in 2019, spent"}
    assert not any("64" in t or "38" in t for t in texts if "a year" in t or "in total" in t)
    assert "Money for AI per funder in Belgium" in texts
    assert {"A year", "In total", "In 2019", "Recommended, a year", "Recommended, in total"} <= set(texts)
    assert not any("counted in the plan" in t for t in texts)
    # A funder's whole and the parts within it are told apart where both are drawn: the plan's three
    # pillars (€12, €15 and €5 million a year) inside its €32 million, Team Up's €12 million inside the €20 million.
    assert texts.count("Flemish government") == 1 and texts.count("Innoviris") == 2  # a year and in total
    assert {"Flemish government, 3 parts of it", "Innoviris, a part of it"} <= set(texts)
    assert "25 February 2020" in " ".join(texts) and "CC BY 4.0" in " ".join(texts)


def test_unknown_chart_is_refused_with_the_choices() -> None:
    result = aikg("chart", "pie", check=False)
    assert result.returncode == 2 and "invalid choice: 'pie'" in result.stderr and "funding" in result.stderr


# ---------------------------------------------------------------- one direction of dependency


MODEL = ("source", "model", "money", "stats", "layout", "style", "credits")
RENDERERS = ("html", "svg", "graphfile", "chart", "output", "labels")


@pytest.mark.parametrize("module", MODEL)
def test_the_model_knows_nothing_of_the_renderers(module) -> None:
    tree = ast.parse((Path(__file__).parents[1] / "src" / "aikg" / "network" / f"{module}.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names}
    assert not {f"aikg.network.{r}" for r in RENDERERS} & imported
    assert not any(name and name.startswith("matplotlib") for name in imported)


def test_building_and_measuring_the_network_loads_no_renderer() -> None:
    drawing = [f"aikg.network.{r}" for r in RENDERERS if r != "output"]  # output picks a renderer when asked
    code = ("import sys\nfrom aikg.store import open_store\nfrom aikg.network import build_network, network_stats\n"
            f"network_stats(build_network(open_store([{str(SMALL)!r}], use_cache=False)))\n"
            f"print(sorted(m for m in sys.modules if m.startswith('matplotlib') or m in {drawing!r}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=True)
    assert result.stdout.strip() == "[]"


def test_belgium_is_one_connected_network(network) -> None:
    # Flanders and Wallonia are Regions of "a federal state such as Belgium", and "all Belgian Regions and
    # the Federal State" are to support the strategy: the Flemish government reaches Agoria through them.
    undirected = network.to_undirected()
    assert nx.has_path(undirected, node(network, "Flemish government"), node(network, "Agoria"))
    # The European Commission with its JRC units and AI Watch, and the OECD with its AI Policy Observatory,
    # are one group with the country report: "prepared in the context of AI Watch and the OECD AI Policy
    # Observatory", its Contacts block the JRC's. (Its citation of the AI4Belgium report ties that group
    # to Belgium's: tests/test_network_shape.py.)
    report = "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020"
    group = {network.nodes[n]["label"] for n in nx.node_connected_component(undirected, report)}
    assert {"European Commission", "Joint Research Centre", "Directorate B – Growth & Innovation",
            "Digital Economy Unit (B6)", "AI Watch", "OECD", "OECD AI Policy Observatory"} <= group


@pytest.mark.invariant
@pytest.mark.parametrize("actors_only", [False, True])
def test_stats_number_the_connected_groups_largest_first(actors_only: bool) -> None:
    """Group 1 is the largest, as the note under the table says; each next group is no larger."""
    import collections
    import csv
    import io
    import subprocess
    import sys
    from pathlib import Path

    # The whole network is one group since the reports are nodes; its money and governance alone fall into
    # islands (Flanders' funders, Brussels', the ERDF's, ...) of different sizes.
    command = [str(Path(sys.executable).with_name("aikg")), "network", "--stats", "--table-format", "csv",
               "--relation", "funds", "--relation", "co-funds", "--relation", "governs", "--relation", "sub-organisation of"]
    done = subprocess.run(command + (["--actors-only"] if actors_only else []), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    sizes = collections.Counter(int(row["group"]) for row in csv.DictReader(io.StringIO(done.stdout)))
    assert len(sizes) > 1 and len(set(sizes.values())) > 1
    ordered = [sizes[number] for number in sorted(sizes)]
    assert ordered == sorted(ordered, reverse=True) and sorted(sizes) == list(range(1, len(sizes) + 1))


# ------------------------------------------------------------------ money, by mutation testing's survivors (tests/MUTANTS.md)

from aikg.network.money import describe_all, money_of  # noqa: E402


def test_money_described_in_words() -> None:
    assert Money(6e6, "").describe() == "€6 million"
    assert Money(6e6).describe() == "€6 million"
    assert Money(1e6, "about", "per-year", "in-preparation").describe() == "about €1 million a year, in preparation"
    assert describe_all([Money(20e6, "exactly", "total", "budgeted"), Money(6e6, "more than", "per-year", "spent")]) == (
        "€20 million in total, budgeted; more than €6 million a year, spent")


def test_euros_stays_exact() -> None:
    # €1.2345 million would need four decimals: the amount is written out instead
    assert euros(1_234_500) == "€1,234,500"
    assert euros(12_345_000) == "€12.345 million"
    assert euros(1234.5) == "€1,234.50"


def test_money_of_a_funding_edge() -> None:
    assert money_of({"relation": "funds", "amount": 5}) == Money(5.0, "exactly", "", "", "")
    assert money_of({"relation": "co-funds", "amount": "7", "qualifier": "about", "period": "total",
                     "status": "spent", "year": "2019"}) == Money(7.0, "about", "total", "spent", "2019")
    assert money_of({"relation": "part of", "amount": 5}) is None
    assert money_of({"relation": "funds"}) is None


def test_add_up_keeps_the_year_and_orders_by_period_status_and_size() -> None:
    assert add_up([Money(1e6, status="spent", year="2019"), Money(2e6, status="spent", year="2019")]) == [
        Money(3e6, "exactly", "", "spent", "2019")]
    # statuses in their order (spent before recommended, unknown ones last) whatever the amounts
    amounts = [Money(1, period="quarterly"), Money(4, status="other", period="total"), Money(3, status="recommended", period="total"),
               Money(2, status="spent", period="total"), Money(3, "at most", "per-year"), Money(5, "at least", "per-year")]
    assert add_up(amounts) == [Money(5, "at least", "per-year"), Money(3, "at most", "per-year"),
                               Money(2, "exactly", "total", "spent"), Money(3, "exactly", "total", "recommended"),
                               Money(4, "exactly", "total", "other"), Money(1, "exactly", "quarterly")]


def test_every_quote_on_the_network_page_links_to_its_place_in_the_annotated_report(network, store) -> None:
    """Team Up's money, "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies",
    and every other quote of a relation: a link to the passage, which the annotated report has."""
    from aikg.annotations import annotate
    from aikg.report_page import render_report

    report_page = render_report(annotate(store, "be"), lambda iri: iri)
    anchors = set(re.findall(r'<a class="anchor" id="([^"]+)"', report_page))
    quoted = [piece for pieces in network.graph["evidence"].values() for piece in pieces if "quote" in piece]
    assert quoted and all(piece.get("place", "").startswith("/report/be#") for piece in quoted)
    assert {piece["place"].split("#", 1)[1] for piece in quoted} <= anchors
    team_up = [p for p in quoted if "EUR 12 millions of subsidies" in p["quote"]]
    assert team_up and all(p["place"].split("#", 1)[1] in anchors for p in team_up)
