"""One money model behind every door, checked against the report's sentences.

Expected strings are written from data/be/ai-watch-belgium-2020.txt:
- "in 2019 FWO invested more than €15 million and VLAIO more than €41 million in AI related projects" (section 6,
  Flanders): spent, that year;
- "a dedicated budget of EUR 20 million" (Innoviris, budgeted, in total) and "nineteen collaborative projects funded
  amounting to EUR 12 millions of subsidies" (Team Up, spent), read as part of the 20 (our reading, dct:isPartOf);
- "an additional annual budget of €32 million" and its pillars "(12 million euros)", "(15 million euros)",
  "(5 million euros)";
- "the coalition recommends a minimum investment level of €80 million per year which corresponds to at least
  €1 billion by 2030" (introduction): recommended money.
"""

from __future__ import annotations

import csv
import io
import re

import pyoxigraph as ox
import pytest

from aikg.describe import describe, format_description
from aikg.network import build_network, network_stats
from aikg.network.chart import funding_rows
from aikg.network.money import Money, add_up, euros, money_of_total
from aikg.network.source import TOTALS_QUERY, select_rows

FWO = "FWO (Research Foundation – Flanders)"
VLAIO = "VLAIO (Flanders Innovation & Entrepreneurship)"


@pytest.fixture(scope="module")
def totals(store) -> list[dict]:
    return select_rows(store, TOTALS_QUERY)


@pytest.fixture(scope="module")
def network(store):
    return build_network(store)


def _label(network, label: str) -> dict:
    return next(data for _, data in network.nodes(data=True) if data["label"] == label)


# ---------------------------------------------------------------- amounts as a person writes them


def test_amounts_read_as_a_person_writes_them() -> None:
    assert [euros(a) for a in (20e6, 1e9, 12.5e6, 250_000)] == ["€20 million", "€1 billion", "€12.5 million", "€250,000"]
    assert Money(15e6, "more than", "total", "spent", "2019").describe() == "more than €15 million in 2019, spent"
    assert Money(12e6, "exactly", "total", "spent", within=20e6).describe() == "€12 million in total, spent, within the €20 million"


# ---------------------------------------------------------------- the year stays


def test_fwo_and_vlaio_money_is_of_2019_on_every_door(network, totals, store) -> None:
    assert _label(network, FWO)["gives"] == "more than €15 million in 2019, spent"
    assert _label(network, VLAIO)["gives"] == "more than €41 million in 2019, spent"
    edges = {d["money"] for _, _, d in network.edges(data=True) if "money" in d}
    assert {"more than €15 million in 2019, spent", "more than €41 million in 2019, spent"} <= edges
    assert not any("41 million in total" in m or "15 million in total" in m for m in edges)
    stats = {row["label"]: row["gives"] for row in network_stats(network).rows}
    assert stats[FWO] == "more than €15 million in 2019, spent"
    rows = [(r["funderLabel"], r["year"], r["euros"]) for r in totals if r["funderLabel"] in (FWO, VLAIO)]
    assert sorted(rows) == [(FWO, "2019", 15e6), (VLAIO, "2019", 41e6)]
    assert "In 2019" in funding_rows(totals)


def test_the_svg_and_the_page_write_fwos_money_of_2019(aikg, tmp_path) -> None:
    out = tmp_path / "network.svg"
    assert aikg("network", "-o", str(out))[0] == 0
    svg = out.read_text(encoding="utf-8")
    assert "more than €15 million in 2019, spent" in svg and "more than €15M in total" not in svg
    status, page, _ = aikg("network", "--format", "html")
    assert status == 0 and "more than €41 million in 2019, spent" in page


# ---------------------------------------------------------------- a part within its whole, never dropped


def test_team_ups_12_million_is_shown_within_innoviris_20_million_everywhere(network, totals, store) -> None:
    within = "€12 million in total, spent, within the €20 million"
    gives = _label(network, "Innoviris")["gives"]
    assert within in gives and "€20 million in total, budgeted" in gives and "32 million in total" not in gives
    innoviris_rows = {(r["status"], r["period"], r["euros"], r.get("within")) for r in totals if r["funderLabel"] == "Innoviris"}
    assert ("spent", "total", 12e6, 20e6) in innoviris_rows  # no longer dropped
    chart = {money.describe() for bars in funding_rows(totals).values() for _, money in bars}
    assert within in chart
    described = format_description(store, describe(store, ox.NamedNode("https://w3id.org/aikg/id/be/org/innoviris")), "table")
    assert within in described and "20000000 EUR" not in described and "12000000 EUR" not in described


def test_the_flemish_pillars_are_shown_within_the_32_million_and_never_added_to_it(network, totals) -> None:
    pillars = sorted(d["money"] for u, _, d in network.edges(data=True)
                     if network.nodes[u]["label"] == "Flemish government" and "within" in d)
    assert pillars == ["€12 million a year, budgeted, within the €32 million", "€15 million a year, budgeted, within the €32 million",
                       "€5 million a year, budgeted, within the €32 million"]
    flemish = [(r["euros"], r.get("within")) for r in totals if r["funderLabel"] == "Flemish government"]
    assert sorted(flemish, key=repr) == sorted([(32e6, None), (32e6, 32e6)], key=repr)  # 12 + 15 + 5, never 64


def test_what_a_funder_gives_in_the_network_is_the_totals_querys_rows(network, totals) -> None:
    # One sum, one place: the network says a funder's rows of funding-totals-by-funder, none left out.
    by_funder: dict[str, list[str]] = {}
    for row in totals:
        by_funder.setdefault(str(row["funder"]), []).append(money_of_total(row).describe())
    gives = {node: data["gives"].split("; ") for node, data in network.nodes(data=True) if "gives" in data}
    assert {node: sorted(items) for node, items in gives.items()} == {
        node: sorted(items) for node, items in by_funder.items() if node in network}
    # "a minimum investment level of €80 million per year which corresponds to at least €1 billion by 2030"
    assert gives["https://w3id.org/aikg/id/place/belgium"] == ["at least €80 million a year, recommended",
                                                               "at least €1 billion in total, recommended"]


# ---------------------------------------------------------------- recommended money in the chart


def test_recommended_money_has_its_own_place_in_the_chart(aikg, tmp_path, totals) -> None:
    panels = funding_rows(totals)
    assert [m.describe() for _, m in panels["Recommended, a year"]] == ["at least €80 million a year, recommended"]
    assert [m.describe() for _, m in panels["Recommended, in total"]] == ["at least €1 billion in total, recommended"]
    given = [m for title, bars in panels.items() if not title.startswith("Recommended") for _, m in bars]
    assert all(m.status != "recommended" for m in given)
    out = tmp_path / "funding.svg"
    assert aikg("chart", "funding", "-o", str(out))[0] == 0
    text = re.sub(r"\s+", " ", " ".join(re.findall(r">([^<>]+)<", out.read_text(encoding="utf-8"))))
    assert "counted in the plan" not in text and "Recommended money is what the report asks for" in text
    assert "spent, budgeted or recommended are never added together" in text


# ---------------------------------------------------------------- no bare numbers on the pages or in describe


def test_describe_of_a_funding_relation_writes_its_amount_in_words(aikg) -> None:
    status, out, _ = aikg("describe", "bef:innoviris-ai-support-programmes")
    assert status == 0 and "€20 million" in out and "20000000" not in out


def test_stats_say_the_money_of_fwo_with_its_year(aikg) -> None:
    status, out, _ = aikg("network", "--stats", "--table-format", "csv")
    rows = {row["label"]: row for row in csv.DictReader(io.StringIO(out))}
    assert status == 0 and rows[VLAIO]["gives"] == "more than €41 million in 2019, spent"


# ---------------------------------------------------------------- a row of the totals query, read whole


def test_a_totals_row_is_as_loose_as_its_loosest_part_and_says_no_more_than_it_has() -> None:
    # Innoviris's open call, "more than 6MEur subsidy per year", added to an exact €2 million a year: more than €8 million.
    row = {"euros": "8000000", "qualifiers": "exactly,more than", "period": "per-year", "status": "spent"}
    assert money_of_total(row).describe() == "more than €8 million a year, spent"
    assert money_of_total({**row, "qualifiers": "exactly, at most"}).qualifier == "at most"
    # No period, no status, no qualifier given: none is made up.
    assert money_of_total({"euros": "20000000"}).describe() == "€20 million"
    assert money_of_total({"euros": "20000000", "status": "budgeted"}).describe() == "€20 million, budgeted"
    assert money_of_total({"euros": "20000000", "period": "total"}).describe() == "€20 million in total"


def test_amounts_without_a_qualifier_add_up_to_an_exact_sum() -> None:
    # Two amounts the data gives no qualifier for are read as exact: their sum says no "about" or "more than".
    (total,) = add_up([Money(12e6, "", "total", "spent"), Money(8e6, "", "total", "spent")])
    assert (total.amount, total.qualifier, total.describe()) == (20e6, "exactly", "€20 million in total, spent")
