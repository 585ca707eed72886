"""Every format of ``describe``, written in process (so mutation testing sees the writers), checked
against the report (data/be/ai-watch-belgium-2020.txt) by hand."""

from __future__ import annotations

import hashlib
import json
import re

import pyoxigraph as ox
import pytest

from aikg.describe import MAX_INCOMING, Evidence, describe, describe_triples, evidence_text, format_description
from aikg.store import open_store

pytestmark = pytest.mark.answer  # expectations read by hand from the report and the data (tests/conftest.py)

BEP, BEO = "https://w3id.org/aikg/id/be/programme/", "https://w3id.org/aikg/id/be/org/"
REPORT = "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020"
BRUSSELS = "6 Regional strategies – Brussels Region, report on Belgium"
# Section 6, Brussels Region: "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies"
# (Team Up, funded by Innoviris), inside "a dedicated budget of EUR 20 million" (our reading).
TEAM_UP_QUOTE = "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies."
TEAM_UP_MONEY = f"“{TEAM_UP_QUOTE}” ({BRUSSELS})"
# data/be/funding.ttl, the Team Up relation's funder: our reading (tests/test_describe.py has the same note).
TEAM_UP_FUNDER_NOTE = ("Team Up is mentioned among Innoviris's support programmes and as one of \"these two specific calls\" "
                       "besides which \"Innoviris funds\" other projects; the sentence on the subsidies does not name the funder.")


def place(quote: str, section: str) -> str:
    """A quote's place in the annotated report, by the rule aikg.annotations.anchor documents: its first five words
    and the first 8 hex digits of the SHA-1 of "SECTION-IRI|QUOTE"."""
    words = "-".join(re.sub(r"[^a-z0-9]+", " ", w.lower()).strip() for w in quote.split()[:5])
    digest = hashlib.sha1(f"{REPORT}#{section}|{quote}".encode()).hexdigest()[:8]
    return f"/report/be#q-{words[:40]}-{digest}"


def text(store, iri: str, fmt: str) -> str:
    return format_description(store, describe(store, ox.NamedNode(iri)), fmt)


def test_markdown_of_team_up_has_its_title_type_quotes_money_and_facts(store) -> None:
    lines = text(store, BEP + "team-up", "markdown").splitlines()
    assert lines[:3] == ["## Team Up (bep:team-up)", "", "Type: aikg:Call"]
    assert [line for line in lines if line.startswith("#")] == [
        "## Team Up (bep:team-up)", "### Quotes", "### Money (funds, funded by)", "### Facts (→ it says, ← said of it)"]
    assert "| quote | where | in the annotated report |" in lines
    launch = "the launch in 2017 of an AI call (“Team Up”) aiming at fostering collaboration between academia and industry."
    assert f"| {launch} | {BRUSSELS} | {place(launch, 'section-6-brussels')} |" in lines
    assert "|  | with | money | relation | evidence |" in lines
    assert "|  | property | value | evidence |" in lines
    # Innoviris funds Team Up; the €20 million it is part of is not described here, so no "within".
    assert f"| funded by | Innoviris | €12 million in total, spent | bef:innoviris-team-up | {TEAM_UP_MONEY} |" in lines
    assert "| → | rdfs:label | Team Up |  |" in lines
    assert "| → | schema:startDate | 2017 |  |" in lines  # "the launch in 2017 of an AI call (“Team Up”)"
    assert "| → | dct:spatial | Brussels-Capital Region (place:brussels-capital-region) |  |" in lines
    assert f"| ← | schema:fundedItem | Team Up: EUR 12 million of subsidies for nineteen projects (bef:innoviris-team-up) | {TEAM_UP_MONEY} |" in lines
    assert any(line.startswith("| ← | aikg:launched | Innoviris (beo:innoviris) | our reading: The report mentions") for line in lines)
    assert not any("only the first" in line.lower() or "The source of" in line for line in lines)


def test_the_table_of_innoviris_says_what_it_funds_in_words(store) -> None:
    table = text(store, BEO + "innoviris", "table")
    lines = table.splitlines()
    assert lines[:2] == ["Innoviris (beo:innoviris)", "type: aikg:FundingAgency"]
    assert {"quotes:", "money (funds, funded by):", "facts (→ it says, ← said of it):"} <= set(lines)
    money = [" ".join(line.split()) for line in lines if line.startswith("funds ")]
    # "a dedicated budget of EUR 20 million"; Team Up's 12 within it; the open call's "more than 6MEur subsidy per year".
    assert money[0].startswith("funds Innoviris support programmes for AI-related research and innovation "
                               "€20 million in total, budgeted bef:innoviris-ai-support-programmes")
    assert any(row.startswith("funds Team Up €12 million in total, spent, within the €20 million bef:innoviris-team-up")
               for row in money)
    assert any("more than €6 million a year, spent bef:innoviris-open-call-ai-data" in row for row in money)
    assert len(money) == 5
    # Ordered by the relations' labels (data/be/funding.ttl): "Innoviris dedicated budget ...", "Innoviris funds AI
    # projects through Anticipate ...", "Innoviris funds STEM awareness ...", "Innoviris open call ...", "Team Up: ...".
    relations = [m.relation.prefixed for m in describe(store, ox.NamedNode(BEO + "innoviris")).money]
    assert relations == ["bef:innoviris-ai-support-programmes", "bef:innoviris-anticipate", "bef:innoviris-stem-awareness-calls",
                         "bef:innoviris-open-call-ai-data", "bef:innoviris-team-up"]
    markdown = text(store, BEO + "innoviris", "markdown").splitlines()
    assert ("| funds | Team Up | €12 million in total, spent, within the €20 million | bef:innoviris-team-up | "
            f"our reading: {TEAM_UP_FUNDER_NOTE} \\| {TEAM_UP_MONEY} |") in markdown
    arrows = {line[:2] for line in lines[lines.index("facts (→ it says, ← said of it):") + 3:] if line[:1] in "→←"}
    assert arrows == {"→ ", "← "}


def test_json_is_the_description_whole(store) -> None:
    data = json.loads(text(store, BEP + "team-up", "json"))
    assert (data["iri"], data["prefixed"], data["label"]) == (BEP + "team-up", "bep:team-up", "Team Up")
    assert [t["prefixed"] for t in data["types"]] == ["aikg:Call"]
    (money,) = data["money"]
    assert (money["direction"], money["other"]["label"], money["amount"], money["relation"]["prefixed"]) == (
        "in", "Innoviris", "€12 million in total, spent", "bef:innoviris-team-up")
    assert money["relation"] == {"iri": "https://w3id.org/aikg/id/be/funding/innoviris-team-up",
                                 "prefixed": "bef:innoviris-team-up",
                                 "label": "Team Up: EUR 12 million of subsidies for nineteen projects"}
    (evidence,) = money["evidence"]
    where = evidence.pop("place")
    assert evidence == {"kind": "quote", "text": TEAM_UP_QUOTE, "section": "sec:section-6-brussels",
                        "section_label": "6 Regional strategies – Brussels Region", "report_label": "report on Belgium"}
    assert where == place(TEAM_UP_QUOTE, "section-6-brussels")
    json_text = text(store, BEP + "team-up", "json")
    assert '\n  "iri": "https://w3id.org/aikg/id/be/programme/team-up",\n' in json_text  # indented by two, one key a line
    assert "€12 million in total, spent" in json_text and json_text.endswith("}\n")  # UTF-8, not \\u20ac
    assert data["truncated"] is False and data["quoted_as_source"] == 0
    assert [(f["direction"], f["predicate"]) for f in data["facts"]] == [
        ("out", "aikg:policyArea"), ("out", "aikg:quantity"), ("out", "dct:isPartOf"), ("out", "dct:spatial"),
        ("out", "rdfs:comment"), ("out", "rdfs:label"), ("out", "schema:startDate"), ("in", "aikg:complements"),
        ("in", "aikg:launched"), ("in", "aikg:runs"), ("in", "schema:fundedItem")]  # out, then in; by property
    named = {f["predicate"]: (f["predicate_label"], f["predicate_iri"]) for f in data["facts"]}
    assert named["aikg:policyArea"] == ("policy area", "https://w3id.org/aikg/ontology#policyArea")
    assert named["dct:spatial"] == ("", "http://purl.org/dc/terms/spatial")
    (quantity,) = [f for f in data["facts"] if f["predicate"] == "aikg:quantity"]
    assert [e["text"] for e in quantity["evidence"]] == ["nineteen collaborative projects funded"]
    shown = {f["predicate"]: (f["value"], f["value_label"], f["value_iri"], f["value_type"], f["asserted"])
             for f in data["facts"] if f["direction"] == "out"}
    assert shown["rdfs:label"] == ("Team Up", "", None, "@en", True)
    assert shown["schema:startDate"] == ("2017", "", None, "xsd:gYear", True)  # "the launch in 2017"
    assert shown["dct:spatial"] == ("place:brussels-capital-region", "Brussels-Capital Region",
                                    "https://w3id.org/aikg/id/place/brussels-capital-region", "", True)
    # "nineteen collaborative projects funded": a blank node, shown as its properties.
    assert shown["aikg:quantity"] == ("[aikg:measure collaborative projects funded ; aikg:qualifier q:exactly ; "
                                      "schema:unitText projects ; schema:value 19]", "", None, "", True)
    relation = json.loads(text(store, "https://w3id.org/aikg/id/be/funding/innoviris-team-up", "json"))
    (amount,) = [f for f in relation["facts"] if f["predicate"] == "schema:amount"]
    assert (amount["value"], amount["value_label"], amount["value_iri"], amount["value_type"]) == ("€12 million", "", None, "")


def test_turtle_is_the_description_graph_the_resources_own_triples_first(store) -> None:
    resource = ox.NamedNode(BEP + "team-up")
    triples = describe_triples(store, resource)
    own = [t for t in triples if t.subject == resource]
    assert triples[:len(own)] == own and triples[len(own)].subject != resource
    assert own == sorted(own, key=lambda t: (str(t.predicate), str(t.object)))
    rest = triples[len(own):]
    assert rest == sorted(rest, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    assert not any(t.subject == ox.NamedNode(BEO + "fwo") for t in triples)  # only what is about Team Up
    policy = [t for t in own if t.predicate.value.endswith("#policyArea")]
    assert [str(t.object) for t in policy] == sorted(str(t.object) for t in policy)
    parsed = {q.triple for q in ox.parse(text(store, BEP + "team-up", "turtle").encode(), format=ox.RdfFormat.TURTLE)}
    assert ox.Triple(resource, ox.NamedNode("https://schema.org/startDate"), ox.Literal("2017", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#gYear"))) in parsed
    assert len(parsed) == len(triples)


def test_the_report_says_how_many_quotes_it_is_the_source_of(store) -> None:
    description = describe(store, ox.NamedNode(REPORT))
    count = description.quoted_as_source
    assert count > 200
    assert f"The source of {count} quotes (prov:entity).\n" in format_description(store, description, "markdown")
    assert f"The source of {count} quotes (prov:entity).\n" in format_description(store, description, "table")


def test_evidence_reads_as_a_quote_with_its_place_or_as_whose_reading_it_is() -> None:
    assert evidence_text(Evidence("quote", "Team Up", None, "6 Regional strategies – Brussels Region", "report on Belgium")) == \
        "“Team Up” (6 Regional strategies – Brussels Region, report on Belgium)"
    assert evidence_text(Evidence("quote", "Team Up", "sec:section-6-brussels")) == "“Team Up” (sec:section-6-brussels)"
    assert evidence_text(Evidence("quote", "Team Up")) == "“Team Up”"
    assert evidence_text(Evidence("editorial", "read as a partnership")) == "our reading: read as a partnership"
    assert evidence_text(Evidence("note", "the year is the report's")) == "note: the year is the report's"


SMALL = """
@prefix ex:   <https://example.org/> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix sec:  <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#> .
ex:thing rdfs:label "Thing" ; ex:alias ex:self-named ; ex:empty [] ; ex:amount _:amount .
ex:self-named rdfs:label "ex:self-named" .
ex:other a ex:Zeta , ex:Alpha ; prov:qualifiedQuotation [ prov:value "its own words" ] .
[] a rdf:Statement ; rdf:subject ex:thing ; rdf:predicate ex:partner ; rdf:object ex:other ;
   rdfs:comment "this is a note, not the report's words" ;
   prov:qualifiedQuotation [ prov:value "a quote with no section" ;
                             prov:entity <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020> ] .
[] a rdf:Statement ; rdf:subject ex:thing ; rdf:predicate ex:partner ; rdf:object ex:other ;
   rdfs:comment "another note" ;
   prov:qualifiedQuotation [ prov:value "b, quoted from section 1" ; prov:atLocation sec:section-1 ] ,
                           [ prov:value "a, quoted from section 5" ; prov:atLocation sec:section-5 ] .
_:amount ex:value 5 ; prov:qualifiedQuotation [ prov:value "the amount's own quote" ] .
[] a rdf:Statement ; rdf:subject ex:thing ; rdf:predicate ex:amount ; rdf:object _:amount ;
   prov:qualifiedQuotation [ prov:value "the statement's quote" ] .
"""


def test_an_untyped_resource_a_statement_only_fact_and_a_note(tmp_path) -> None:
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    store = open_store([data], use_cache=False)
    markdown = text(store, "https://example.org/thing", "markdown").splitlines()
    assert markdown[2] == "Type: untyped"
    assert "| → | ex:alias | ex:self-named |  |" in markdown  # labelled with its own prefixed name: shown once
    assert "| → | ex:empty | [] |  |" in markdown
    thing = describe(store, ox.NamedNode("https://example.org/thing"))
    (partner,) = [f for f in thing.facts if f.predicate == "ex:partner"]
    # Two statements of one triple: both notes first (ours), then the quotes by section, the one with none first.
    assert partner.asserted is False and [(e.kind, e.text) for e in partner.evidence] == [
        ("note", "another note"), ("note", "this is a note, not the report's words"), ("quote", "a quote with no section"),
        ("quote", "b, quoted from section 1"), ("quote", "a, quoted from section 5")]
    (amount,) = [f for f in thing.facts if f.predicate == "ex:amount"]
    assert sorted(e.text for e in amount.evidence) == ["the amount's own quote", "the statement's quote"]
    other = describe(store, ox.NamedNode("https://example.org/other"))
    assert (other.label, [t.prefixed for t in other.types]) == ("", ["ex:Alpha", "ex:Zeta"])
    assert [(f.direction, f.predicate, f.value, f.asserted) for f in other.facts] == [("in", "ex:partner", "ex:thing", False)]
    other_markdown = format_description(store, other, "markdown").splitlines()
    assert other_markdown[:3] == ["## ex:other (ex:other)", "", "Type: ex:Alpha, ex:Zeta"]
    assert "| its own words |  |  |" in other_markdown  # no section, no report: no place
    table = text(store, "https://example.org/thing", "table").splitlines()
    assert table[1] == "type: untyped"
    assert not any(line.startswith(("quotes:", "money")) for line in table)


def test_a_resource_with_more_links_than_kept_says_so(tmp_path) -> None:
    data = tmp_path / "many.ttl"
    data.write_text("@prefix ex: <https://example.org/> .\n" + "".join(
        f"ex:s{i:04d} ex:points ex:target .\n" for i in range(MAX_INCOMING + 1)), encoding="utf-8")
    store = open_store([data], use_cache=False)
    description = describe(store, ox.NamedNode("https://example.org/target"))
    assert description.truncated and len(description.facts) == MAX_INCOMING == 500
    note = "Only the first 500 links pointing here are shown; ask SPARQL for all of them.\n"
    assert format_description(store, description, "table").endswith(note)
    assert format_description(store, description, "markdown").endswith(note)
    exactly = tmp_path / "exactly.ttl"
    exactly.write_text("@prefix ex: <https://example.org/> .\n" + "".join(
        f"ex:s{i:04d} ex:points ex:target .\n" for i in range(MAX_INCOMING - 1)), encoding="utf-8")
    assert not describe(open_store([exactly], use_cache=False), ox.NamedNode("https://example.org/target")).truncated


def test_a_section_names_what_its_quotes_are_about_through_statements_and_amounts(store) -> None:
    quoted = {f.value: [e.text for e in f.evidence] for f in describe(store, ox.NamedNode(REPORT + "#section-6-brussels")).facts
              if f.direction == "in" and f.predicate == "prov:atLocation"}
    # "Innoviris also took part in the platform Women in Tech": the quote of a statement about Innoviris.
    assert "Innoviris also took part in the platform Women in Tech" in quoted["beo:innoviris"]
    # "nineteen collaborative projects funded": the quote of Team Up's number of projects (a blank node).
    assert "nineteen collaborative projects funded" in quoted["bep:team-up"]
    (located,) = [f for f in describe(store, ox.NamedNode(REPORT + "#section-6-brussels")).facts
                  if f.direction == "in" and f.value == "bef:innoviris-team-up"]
    # Its own quote, and the quote of the statement that it is part of the EUR 20 million (our reading).
    part_of = ("through a strong development of its support programs with a dedicated budget of EUR 20 million. "
               "In particular, one can mention the launch in 2017 of an AI call (“Team Up”)")
    assert [(e.kind, e.text, e.section, e.section_label, e.report_label, e.place) for e in located.evidence] == [
        ("quote", quote, "sec:section-6-brussels", "6 Regional strategies – Brussels Region", "report on Belgium",
         place(quote, "section-6-brussels")) for quote in (TEAM_UP_QUOTE, part_of)]
    # Section 5 holds its own quote, located at itself: it is not said to be quoted from itself.
    section_5 = describe(store, ox.NamedNode(REPORT + "#section-5"))
    assert not [f for f in section_5.facts if f.predicate == "prov:atLocation"]
    # The statements whose quotes stand here are not facts of the section.
    # data/be/report.ttl: the section is part of section 6, has a label and a title, is a part of the report.
    assert {(f.direction, f.predicate) for f in describe(store, ox.NamedNode(REPORT + "#section-6-brussels")).facts} == {
        ("out", "dct:isPartOf"), ("out", "rdfs:label"), ("out", "dct:title"), ("in", "dct:hasPart"), ("in", "prov:atLocation")}


def test_a_funding_relation_that_others_are_part_of_neither_funds_nor_is_funded(store) -> None:
    # Team Up's relation is part of Innoviris's EUR 20 million (dct:isPartOf): that is no money of the whole's own.
    assert describe(store, ox.NamedNode("https://w3id.org/aikg/id/be/funding/innoviris-ai-support-programmes")).money == []


def test_the_money_of_fwo_keeps_its_year(store) -> None:
    # Section 6, Flanders: "in 2019 FWO invested more than €15 million ... in AI related projects".
    (money,) = [m for m in describe(store, ox.NamedNode(BEO + "fwo")).money if m.direction == "out"]
    assert money.amount == "more than €15 million in 2019, spent"


UNSTATED = """
@prefix aikg:   <https://w3id.org/aikg/ontology#> .
@prefix ex:     <https://example.org/> .
@prefix schema: <https://schema.org/> .
@prefix status: <https://w3id.org/aikg/code/status/> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
ex:giver schema:name "Giver" .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
ex:a schema:funder ex:giver ; schema:fundedItem ex:one ; ex:reportedBy ex:giver .
ex:b schema:funder ex:giver ; schema:fundedItem ex:two ; aikg:status status:in-preparation .
ex:c schema:funder ex:giver ; schema:fundedItem ex:three ; rdfs:label "A relation" ;
    schema:amount [ schema:value "5000000"^^xsd:decimal ; schema:currency "EUR" ] .
"""


def test_money_says_only_what_is_stated(tmp_path) -> None:
    data = tmp_path / "unstated.ttl"
    data.write_text(UNSTATED, encoding="utf-8")
    store = open_store([data], use_cache=False)
    money = describe(store, ox.NamedNode("https://example.org/giver")).money
    assert {(m.other.iri, m.other.label) for m in money} == {("https://example.org/" + n, "") for n in ("one", "two", "three")}
    amounts = {m.other.prefixed: m.amount for m in money}
    assert amounts == {"ex:one": "no amount stated", "ex:two": "no amount stated, in preparation",
                       "ex:three": "€5 million"}  # no qualifier, period or status given: none is made up
    facts = [(f.predicate, f.value, f.value_label, f.value_type) for f in describe(store, ox.NamedNode("https://example.org/giver")).facts]
    # Out, then in; by property; then by label, else by value: "A relation" before ex:a. ex:a also reports the
    # giver: a link, not money.
    assert facts == [("schema:name", "Giver", "", ""), ("ex:reportedBy", "ex:a", "", ""),
                     ("schema:funder", "ex:c", "A relation", ""), ("schema:funder", "ex:a", "", ""), ("schema:funder", "ex:b", "", "")]
