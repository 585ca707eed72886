"""describe: every fact about a resource, both directions, with its evidence, in every format.

Expected facts come from the report (data/be/ai-watch-belgium-2020.txt): section 6
(Wallonia) "Tremplin AI ... The objective is to launch at least 2 individual PoCs, and 3
collective PoCs before the second half of 2020"; section 6 (Brussels) "nineteen
collaborative projects funded amounting to EUR 12 millions of subsidies" (Team Up,
Innoviris); section 1 "the creation of a new learning deal"; section 5 "does not
explicitly mention policy initiatives for the reinforcement of the digital and
telecommunication infrastructure"; section 6 (Brussels) "Innoviris also took part in the
platform Women in Tech" (read by us as a partnership, and said so).
"""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, URIRef
from rdflib.namespace import PROV

from aikg.describe import describe, describe_triples, format_description
from aikg.results import format_graph
from aikg.store import open_store

AIKG = str(Path(sys.executable).parent / "aikg")
BEP, BEO, BEF = ("https://w3id.org/aikg/id/be/programme/", "https://w3id.org/aikg/id/be/org/",
                 "https://w3id.org/aikg/id/be/funding/")
BET, BER = "https://w3id.org/aikg/id/be/target/", "https://w3id.org/aikg/id/be/recommendation/"
REPORT = "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020"
SEC = REPORT + "#"
TEAM_UP_QUOTE = "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies."
POCS_QUOTE = "The objective is to launch at least 2 individual PoCs, and 3 collective PoCs before the second half of 2020."
WALLONIA, BRUSSELS = "6 Regional strategies – The Walloon Region", "6 Regional strategies – Brussels Region"
TEAM_UP_FUNDER_NOTE = ("Team Up is mentioned among Innoviris's support programmes and as one of \"these two specific calls\" "
                       "besides which \"Innoviris funds\" other projects; the sentence on the subsidies does not name the funder.")
PROV_VALUE = ox.NamedNode("http://www.w3.org/ns/prov#value")
QUOTATION = ox.NamedNode("http://www.w3.org/ns/prov#qualifiedQuotation")


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
    assert [t.prefixed for t in target.types] == ["aikg:Target"]
    assert [q.text for q in target.quotes] == [POCS_QUOTE]
    assert target.quotes[0].section == "sec:section-6-wallonia"
    assert set(facts(target, "out", "aikg:targetOf")) == {"bep:tremplin-ai"}
    assert set(facts(target, "out", "aikg:targetValue")) == {"3"}
    assert set(facts(target, "out", "aikg:dateText")) == {"before the second half of 2020"}
    # "The objective is to launch": planned is our reading; the note and the sentence it reads are both shown.
    (status,) = facts(target, "out", "aikg:status").values()
    assert [(e.kind, e.text) for e in status.evidence] == [
        ("editorial", '"The objective is to launch": read as planned.'), ("quote", POCS_QUOTE)]
    assert facts(target, "out", "rdfs:label")["Tremplin AI: launch at least 3 collective PoCs before the second half of 2020"].evidence == []


def test_an_actor_shows_the_money_it_gives_with_the_relations_quotes(store, report_text) -> None:
    funded = facts(about(store, BEO + "innoviris"), "in", "schema:funder")
    team_up = funded["bef:innoviris-team-up"]
    # The sentence on the subsidies does not name the funder: our reading, said so, beside the sentence.
    assert [(e.kind, e.text, e.section_label) for e in team_up.evidence] == [
        ("editorial", TEAM_UP_FUNDER_NOTE, None), ("quote", TEAM_UP_QUOTE, BRUSSELS)]
    assert TEAM_UP_QUOTE in report_text and "Innoviris" not in TEAM_UP_QUOTE
    money = {m.relation.prefixed: m for m in about(store, BEO + "innoviris").money}
    team_up_money = money["bef:innoviris-team-up"]
    # "EUR 12 millions of subsidies", inside the "dedicated budget of EUR 20 million" (our reading), in words.
    assert (team_up_money.direction, team_up_money.other.prefixed, team_up_money.amount) == (
        "out", "bep:team-up", "€12 million in total, spent, within the €20 million")
    assert team_up_money.evidence == team_up.evidence  # the money row is backed as the fact that links it here


def test_a_statement_with_a_quote_and_a_note_shows_both(store, report_text) -> None:
    (partner,) = [f for f in about(store, BEO + "innoviris").facts if f.value == "bep:women-in-tech"]
    quote = "Innoviris also took part in the platform Women in Tech"
    assert [(e.kind, e.text) for e in partner.evidence] == [
        ("editorial", '"Innoviris also took part in the platform Women in Tech": taking part read as partnership. Another reading: '
                      'a participation only, past and perhaps one-off ("took part", where Innoviris "is a partner of" Women '
                      'Code Week); the report says no more.'),
        ("quote", quote)]
    assert quote in report_text


def test_a_funding_relation_shows_its_amount_and_its_own_quote(store) -> None:
    relation = about(store, BEF + "innoviris-team-up")
    assert [q.text for q in relation.quotes] == [TEAM_UP_QUOTE]
    assert set(facts(relation, "out", "schema:funder")) == {"beo:innoviris"}
    (amount,) = facts(relation, "out", "schema:amount")
    assert amount == "€12 million"  # "EUR 12 millions of subsidies", as a person writes it


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
    wallonia = about(store, SEC + "section-6-wallonia")
    quoted = facts(wallonia, "in", "prov:atLocation")
    assert [e.text for e in quoted["bet:tremplin-ai-collective-pocs"].evidence] == [POCS_QUOTE]
    assert "Tremplin AI, program intended to establish demonstrators (PoCs) on artificial intelligence in the Walloon Region." in [
        e.text for e in quoted["bep:tremplin-ai"].evidence]


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


def _quoted_by(triples, holder: str) -> dict[str, str]:
    """The quotes a resource holds in a set of triples: text -> section IRI (the quotation node must be there)."""
    nodes = [t.object for t in triples if t.subject == ox.NamedNode(holder) and t.predicate == QUOTATION]
    found = {}
    for node in nodes:
        text = [t.object.value for t in triples if t.subject == node and t.predicate == PROV_VALUE]
        section = [t.object.value for t in triples if t.subject == node and t.predicate.value.endswith("#atLocation")]
        found[text[0] if text else ""] = section[0] if section else ""
    return found


@pytest.mark.parametrize("iri", [BEO + "innoviris", BEP + "tremplin-ai"])
def test_the_rdf_is_the_description_each_triple_once_with_its_quotation_nodes(store, iri) -> None:
    triples = describe_triples(store, ox.NamedNode(iri))
    assert len(triples) == len(set(triples))
    lines = format_graph(triples, "nt", store.prefixes).splitlines()
    assert len(lines) == len(set(lines)) == len(triples)
    description = about(store, iri)
    # Every quote shown as evidence is a prov:value of a quotation node in the RDF, with its section.
    shown = {(e.text, e.section) for f in description.facts for e in f.evidence if e.kind == "quote"}
    values = {(t.object.value, t.subject) for t in triples if t.predicate == PROV_VALUE}
    assert {text for text, _ in shown} <= {text for text, _ in values}
    if iri.endswith("innoviris"):  # the Team Up relation's quote, whole: the link to the node and the node
        assert _quoted_by(triples, BEF + "innoviris-team-up") == {TEAM_UP_QUOTE: SEC + "section-6-brussels"}
    else:
        assert _quoted_by(triples, BET + "tremplin-ai-individual-pocs") == {POCS_QUOTE: SEC + "section-6-wallonia"}


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


# ---------------------------------------------------------------- one description, every format

# Tremplin AI (section 6, Wallonia), read by hand: every fact that has evidence, and that evidence.
TREMPLIN_EVIDENCE = {
    ("out", "aikg:policyArea", "pa:lab-to-market"): [("editorial", "Demonstrators (PoCs) of AI.", None)],
    ("out", "dct:isPartOf", "bep:dw4ai-axis-2-companies"): [
        ("quote", "Two actions, linked to axis 2", WALLONIA),
        ("quote", "were implemented in 2019: Start AI and Tremplin AI.", WALLONIA)],
    ("in", "aikg:targetOf", "bet:tremplin-ai-individual-pocs"): [("quote", POCS_QUOTE, WALLONIA)],
    ("in", "aikg:targetOf", "bet:tremplin-ai-collective-pocs"): [("quote", POCS_QUOTE, WALLONIA)],
}


def test_tremplin_ai_facts_with_evidence_are_those_of_the_report(store, report_text) -> None:
    found = {(f.direction, f.predicate, f.value): [(e.kind, e.text, e.section_label) for e in f.evidence]
             for f in about(store, BEP + "tremplin-ai").facts if f.evidence}
    assert found == TREMPLIN_EVIDENCE
    assert all(text in report_text for items in found.values() for kind, text, _ in items if kind == "quote")


def test_every_format_shows_the_same_facts_and_evidence() -> None:
    as_json = cli("describe", "Tremplin AI", "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    description = json.loads(as_json.stdout)
    assert {(f["direction"], f["predicate"], f["value"]): [(e["kind"], e["text"], e["section_label"]) for e in f["evidence"]]
            for f in description["facts"] if f["evidence"]} == TREMPLIN_EVIDENCE
    table, markdown = (cli("describe", "Tremplin AI", "--format", fmt).stdout for fmt in ("table", "markdown"))
    flowing = " ".join(" ".join(line.split()) for line in table.splitlines())
    for text in (POCS_QUOTE, "our reading: Demonstrators (PoCs) of AI.", "bet:tremplin-ai-collective-pocs"):
        assert text in markdown
    assert "our reading: Demonstrators (PoCs) of AI." in flowing and "launch at least 2 individual PoCs, and 3" in flowing
    assert markdown.startswith("## Tremplin AI (bep:tremplin-ai)") and table.startswith("Tremplin AI (bep:tremplin-ai)")
    assert markdown.count(POCS_QUOTE) == 2  # once for each target
    turtle = cli("describe", "Tremplin AI", "--format", "turtle").stdout
    triples = [q.triple for q in ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)]
    assert _quoted_by(triples, BET + "tremplin-ai-collective-pocs") == {POCS_QUOTE: SEC + "section-6-wallonia"}


HOSTILE = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://example.org/thing> rdfs:label "<script>alert(1)</script>" ;
    rdfs:comment "[click](javascript:alert(2)) <img src=x onerror=alert(3)>" ;
    foaf:homepage <javascript:alert(4)> .
"""


def test_markdown_shows_markup_from_the_data_as_text(tmp_path) -> None:
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, encoding="utf-8")
    done = cli("describe", "https://example.org/thing", "--data", str(data), "--format", "markdown")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "<script>" not in out and "<img" not in out and "<javascript:" not in out
    assert out.startswith("## &lt;script&gt;alert(1)&lt;/script&gt; (&lt;https://example.org/thing&gt;)")
    assert "[click]\\(javascript:alert(2))" in out  # no link: the parenthesis is escaped
    assert not re.search(r"(?<!\\)\]\(javascript:", out)
    # Query results in Markdown go through the same writer.
    query = "SELECT ?label ?comment WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label ; <http://www.w3.org/2000/01/rdf-schema#comment> ?comment }"
    rows = subprocess.run([AIKG, "query", "-", "--data", str(data), "--format", "markdown"], input=query, capture_output=True,
                          text=True, timeout=120)
    assert rows.returncode == 0, rows.stderr
    assert rows.stdout.splitlines()[2] == ("| &lt;script&gt;alert(1)&lt;/script&gt; | "
                                           "[click]\\(javascript:alert(2)) &lt;img src=x onerror=alert(3)&gt; |")


TWICE = """
@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix beo:  <https://w3id.org/aikg/id/be/org/> .
@prefix bep:  <https://w3id.org/aikg/id/be/programme/> .
@prefix sec:  <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#> .
beo:innoviris rdfs:label "Innoviris"@en ; aikg:organises bep:innoviris-science-festival .
[] a rdf:Statement ; rdf:subject beo:innoviris ; rdf:predicate aikg:organises ; rdf:object bep:innoviris-science-festival ;
   prov:qualifiedQuotation [ a prov:Quotation ; prov:atLocation sec:section-6-brussels ;
       prov:value "Innoviris organises each year a festival on science for a wide audience." ] .
"""


def test_a_triple_stated_in_two_files_is_one_fact_and_one_triple(tmp_path) -> None:
    for name in ("a.ttl", "b.ttl"):
        (tmp_path / name).write_text(TWICE, encoding="utf-8")
    store = open_store([tmp_path / "a.ttl", tmp_path / "b.ttl"], use_cache=False)
    description = about(store, BEO + "innoviris")
    assert [(f.predicate, f.value) for f in description.facts] == [
        ("aikg:organises", "bep:innoviris-science-festival"), ("rdfs:label", "Innoviris")]
    assert [e.text for e in description.facts[0].evidence] == [
        "Innoviris organises each year a festival on science for a wide audience."]
    triples = describe_triples(store, ox.NamedNode(BEO + "innoviris"))
    label = ox.Triple(ox.NamedNode(BEO + "innoviris"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("Innoviris", language="en"))
    assert triples.count(label) == 1 and len(triples) == len(set(triples))


@pytest.mark.behaviour
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_labels_never_reach_the_terminal_raw(tmp_path: Path, fmt: str) -> None:
    """ESC sequences, an OSC title, CR/LF and U+202E in a label are printed as visible escapes."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDFS

    from aikg.store import store_of_graph

    evil = "Evil\x1b[2J\x1b]0;owned\x07\r\nforged line\u202etxet"
    graph = Graph()
    node = URIRef("https://w3id.org/aikg/id/zz/org/evil")
    graph.add((node, RDF.type, URIRef("https://w3id.org/aikg/ontology#Actor")))
    graph.add((node, RDFS.label, Literal(evil)))
    store = store_of_graph(graph)
    printed = format_description(store, describe(store, ox.NamedNode(str(node))), fmt)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", printed)
    assert "\\x1b[2J" in printed and "\\u202e" in printed
    assert not any(line.lstrip("|# ").startswith("forged line") for line in printed.splitlines())  # no forged line
