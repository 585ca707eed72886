"""describe: every fact about a resource, both directions, with its evidence.

Expected facts come from the report (data/be/ai-watch-belgium-2020.txt): section 6
(Wallonia) "Tremplin AI ... The objective is to launch at least 2 individual PoCs, and 3
collective PoCs before the second half of 2020"; section 6 (Brussels) "nineteen
collaborative projects funded amounting to EUR 12 millions of subsidies" (Team Up,
Innoviris); section 1 "the creation of a new learning deal"; section 5 "does not
explicitly mention policy initiatives for the reinforcement of the digital and
telecommunication infrastructure".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, URIRef
from rdflib.namespace import PROV

from aikg.describe import describe, describe_triples, format_description
from aikg.store import open_store

AIKG = str(Path(sys.executable).parent / "aikg")
BEP, BEO, BEF = ("https://w3id.org/aikg/id/be/programme/", "https://w3id.org/aikg/id/be/org/",
                 "https://w3id.org/aikg/id/be/funding/")
BET, BER = "https://w3id.org/aikg/id/be/target/", "https://w3id.org/aikg/id/be/recommendation/"
REPORT = "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020"
SEC = REPORT + "#"
TEAM_UP_QUOTE = "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies."
POCS_QUOTE = "The objective is to launch at least 2 individual PoCs, and 3 collective PoCs before the second half of 2020."


def about(store, iri: str):
    return describe(store, ox.NamedNode(iri))


def facts(description, direction: str, predicate: str) -> dict[str, object]:
    return {f.value: f for f in description.facts if f.direction == direction and f.predicate == predicate}


def test_an_initiative_shows_its_targets_with_their_quotes(store, report_text) -> None:
    targets = facts(about(store, BEP + "tremplin-ai"), "in", "aikg:targetOf")
    assert set(targets) == {"bet:tremplin-ai-individual-pocs", "bet:tremplin-ai-collective-pocs"}
    for target in targets.values():
        assert [e.text for e in target.evidence] == [POCS_QUOTE]
    assert POCS_QUOTE in report_text


def test_a_target_shows_its_value_deadline_and_quote(store) -> None:
    target = about(store, BET + "tremplin-ai-collective-pocs")
    assert target.types == ["aikg:Target"]
    assert [q.text for q in target.quotes] == [POCS_QUOTE]
    assert target.quotes[0].section == "sec:section-6-wallonia"
    assert set(facts(target, "out", "aikg:targetOf")) == {"bep:tremplin-ai"}
    assert set(facts(target, "out", "aikg:targetValue")) == {"3"}
    assert set(facts(target, "out", "aikg:dateText")) == {"before the second half of 2020"}


def test_an_actor_shows_the_money_it_gives_with_the_relations_quotes(store, report_text) -> None:
    funded = facts(about(store, BEO + "innoviris"), "in", "schema:funder")
    team_up = funded["bef:innoviris-team-up"]
    quotes = [e.text for e in team_up.evidence if e.kind == "quote"]
    assert quotes == [TEAM_UP_QUOTE] and TEAM_UP_QUOTE in report_text
    assert any(e.kind == "editorial" for e in team_up.evidence)  # the report does not name the funder in that sentence


def test_a_funding_relation_shows_its_amount_and_its_own_quote(store) -> None:
    relation = about(store, BEF + "innoviris-team-up")
    assert [q.text for q in relation.quotes] == [TEAM_UP_QUOTE]
    assert set(facts(relation, "out", "schema:funder")) == {"beo:innoviris"}
    (amount,) = facts(relation, "out", "schema:amount")
    assert "schema:value 12000000" in amount and "schema:currency EUR" in amount


def test_a_recommendation_shows_its_quotes_and_pillar(store, report_text) -> None:
    deal = about(store, BER + "new-learning-deal")
    quote = "One of the main recommendations for a future Belgian strategy is the creation of a new learning deal."
    assert quote in [q.text for q in deal.quotes] and quote in report_text
    assert "pa:human-capital" in facts(deal, "out", "aikg:policyArea")


def test_a_section_shows_its_quote_and_what_is_quoted_from_it(store, report_text) -> None:
    section = about(store, SEC + "section-5")
    quote = ("The policy recommendation report does not explicitly mention policy initiatives for the reinforcement of "
             "the digital and telecommunication infrastructure.")
    assert [q.text for q in section.quotes] == [quote] and quote in report_text
    assert "sec:section-5" in facts(section, "in", "prov:atLocation")


def test_the_report_counts_the_quotes_taken_from_it(store, graph) -> None:
    report = about(store, REPORT)
    expected = len({q for q in graph.subjects(PROV.entity, URIRef(REPORT)) if (q, RDF.type, PROV.Quotation) in graph})
    assert report.quoted_as_source == expected > 200
    assert {SEC + s for s in ("section-1", "section-5", "section-6-brussels")} <= {
        f.value_iri for f in report.facts if f.predicate == "dct:hasPart"}


def test_a_place_and_a_pillar_show_what_points_to_them(store) -> None:
    brussels = about(store, "https://w3id.org/aikg/id/place/brussels-capital-region")
    innoviris = facts(brussels, "in", "dct:spatial")["beo:innoviris"]
    assert any(e.kind == "editorial" for e in innoviris.evidence)
    pillar = about(store, "https://w3id.org/aikg/code/policy-area/human-capital")
    assert "bep:women-in-tech" in facts(pillar, "in", "aikg:policyArea")


STATEMENT_WITH_QUOTE = """
@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix beo:  <https://w3id.org/aikg/id/be/org/> .
@prefix bep:  <https://w3id.org/aikg/id/be/programme/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sec:  <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#> .

beo:innoviris rdfs:label "Innoviris"@en ; aikg:organises bep:innoviris-science-festival .
bep:innoviris-science-festival rdfs:label "Innoviris festival on science"@en .
[] a rdf:Statement ; rdf:subject beo:innoviris ; rdf:predicate aikg:organises ; rdf:object bep:innoviris-science-festival ;
   prov:qualifiedQuotation [ a prov:Quotation ; prov:atLocation sec:section-6-brussels ;
       prov:value "Innoviris organises each year a festival on science for a wide audience." ] .
"""


def test_a_reified_statement_quote_is_the_evidence_of_its_fact(tmp_path, report_text) -> None:
    data = tmp_path / "statement.ttl"
    data.write_text(STATEMENT_WITH_QUOTE, encoding="utf-8")
    store = open_store([data], use_cache=False)
    for iri, direction, other in ((BEO + "innoviris", "out", "bep:innoviris-science-festival"),
                                  (BEP + "innoviris-science-festival", "in", "beo:innoviris")):
        fact = facts(about(store, iri), direction, "aikg:organises")[other]
        assert [(e.kind, e.text) for e in fact.evidence] == [
            ("quote", "Innoviris organises each year a festival on science for a wide audience.")]
        assert fact.evidence[0].text in report_text


def test_quotes_are_whole_in_every_format(store) -> None:
    quote = ("Innoviris funds AI/Data related projects for more than 6MEur subsidy per year (equivalent to quarter of its "
             "budget dedicated to industrial support) through its open call dedicated to companies.")
    description = about(store, BEO + "innoviris")
    assert quote in format_description(store, description, "markdown")
    assert quote in json.dumps(description.as_dict(), ensure_ascii=False)
    table = format_description(store, description, "table")
    flowing = " ".join(" ".join(line.split()) for line in table.splitlines())
    assert "dedicated to companies.”" in flowing and "more than 6MEur subsidy per year" in flowing


def test_turtle_holds_the_resources_triples_and_its_statements(store) -> None:
    triples = describe_triples(store, ox.NamedNode(BEF + "innoviris-team-up"))
    funder = ox.Triple(ox.NamedNode(BEF + "innoviris-team-up"), ox.NamedNode("https://schema.org/funder"),
                       ox.NamedNode(BEO + "innoviris"))
    assert funder in triples
    assert any(t.predicate.value.endswith("#subject") and t.object.value == BEF + "innoviris-team-up" for t in triples)
    text = format_description(store, about(store, BEF + "innoviris-team-up"), "turtle")
    assert funder in {q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)}


def cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([AIKG, *argv], capture_output=True, text=True, env=os.environ, timeout=120)


def test_describe_command_resolves_names_and_writes_by_extension(tmp_path) -> None:
    done = cli("describe", "Flemish action plan", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["iri"] == BEP + "flemish-ai-action-plan"
    out = tmp_path / "dw4ai.ttl"
    done = cli("describe", "DW4ai", "-o", str(out))
    assert done.returncode == 0, done.stderr
    subjects = {t.subject.value for t in ox.parse(out.read_bytes(), format=ox.RdfFormat.TURTLE)}
    assert BEP + "digitalwallonia4ai" in subjects


@pytest.mark.parametrize("name, expected", [("Brussels", "several"), ("The Moon", "nothing in the graph")])
def test_describe_command_names_the_problem(name: str, expected: str) -> None:
    done = cli("describe", name)
    assert done.returncode == 2 and expected in done.stderr and "Traceback" not in done.stderr
