"""Search and name resolution, checked against the report's own words.

Expected answers come from reading data/be/ai-watch-belgium-2020.txt:
section 6 (Flanders) "launched the Flemish action plan to foster artificial
intelligence in Flanders" and "activities ... have started as from July, 1st 2019";
section 6 (Brussels) "Innoviris also took part in the platform Women in Tech" and "an
ongoing call dedicated to predictive medicine"; section 6 (Wallonia) "the effective
start took place on July 1, 2019" of "the DigitalWallonia4.ai program", built on "four
structuring axes".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aikg.query import QueryError, find_query, run_query
from aikg.lookup import search
from aikg.search import MARK, name_keys, search_index
from aikg.provenance import collapse_whitespace

AIKG = str(Path(sys.executable).parent / "aikg")
BEP = "https://w3id.org/aikg/id/be/programme/"
BEO = "https://w3id.org/aikg/id/be/org/"
SEC = "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#"
AIKG_NS = "https://w3id.org/aikg/ontology#"


def cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([AIKG, *argv], capture_output=True, text=True, env=os.environ, timeout=120)


def marked(snippet: str) -> list[str]:
    """The words a snippet marks as matched."""
    open_, close = MARK
    return [part.split(close)[0] for part in snippet.split(open_)[1:]]


# ---------------------------------------------------------------- search


def test_the_reports_name_for_the_flemish_plan_finds_the_plan_first(store) -> None:
    hits = search(store, "Flemish action plan").hits
    assert hits[0].resource == BEP + "flemish-ai-action-plan"
    assert hits[0].type == "aikg:ActionPlan"
    assert [w.casefold() for w in marked(hits[0].snippet)] == ["flemish", "action", "plan"]


def test_word_order_case_and_accents_do_not_matter(store) -> None:
    # the plan's Dutch name is "Vlaams actieplan artificiële intelligentie"
    assert search(store, "plan ACTION flemish").hits[0].resource == BEP + "flemish-ai-action-plan"
    assert search(store, "ARTIFICIELE actieplan vlaams").hits[0].resource == BEP + "flemish-ai-action-plan"


def test_an_abbreviation_finds_digitalwallonia4ai(store) -> None:
    hits = search(store, "DW4ai").hits
    assert hits[0].resource == BEP + "digitalwallonia4ai"
    assert "dw4ai" in name_keys(BEP + "digitalwallonia4ai", ["DigitalWallonia4.ai"])


def test_women_in_tech_finds_the_platform_and_the_reports_sentence(store, report_text) -> None:
    hits = search(store, "women in tech").hits
    assert hits[0].resource == BEP + "women-in-tech"
    quotes = [h for h in hits if h.kind == "quote"]
    assert quotes, hits
    quote = quotes[0]
    plain = quote.snippet.replace(MARK[0], "").replace(MARK[1], "")
    assert plain == "Innoviris also took part in the platform Women in Tech"
    assert plain in report_text
    assert quote.section == SEC + "section-6-brussels"
    assert quote.section_label == "6 Regional strategies – Brussels Region"


def test_july_2019_finds_both_starts_with_their_sections(store, report_text) -> None:
    quotes = {h.resource: h for h in search(store, "July 2019").hits if h.kind == "quote"}
    flemish, walloon = quotes[BEP + "flemish-ai-action-plan"], quotes[BEP + "digitalwallonia4ai"]
    assert "started as from «July», 1st «2019»" in flemish.snippet
    assert flemish.section == SEC + "section-6-flanders"
    assert "the effective start took place on «July» 1, «2019»" in walloon.snippet
    assert walloon.section == SEC + "section-6-wallonia"
    for hit in (flemish, walloon):
        assert collapse_whitespace(hit.snippet.replace("«", "").replace("»", "")) in report_text


def test_predictive_medicine_finds_the_innoviris_call(store) -> None:
    hits = search(store, "predictive medicine").hits
    assert hits[0].resource == BEP + "innoviris-predictive-medicine-call"
    assert any(h.kind == "quote" and "an ongoing call dedicated to «predictive» «medicine»" in h.snippet for h in hits)


def test_a_typo_is_corrected_to_innoviris(store) -> None:
    result = search(store, "inovirris")
    assert result.corrections == {"inovirris": ["innoviris"]}
    assert result.hits[0].resource == BEO + "innoviris"


def test_section_filter_keeps_quotes_of_the_section_and_its_subsections(store) -> None:
    hits = search(store, "", sections=[SEC + "section-6"], limit=None).hits
    assert hits and all(h.kind == "quote" for h in hits)
    assert {h.section for h in hits} == {SEC + s for s in ("section-6", "section-6-flanders", "section-6-brussels",
                                                           "section-6-wallonia")}
    # "Actual activities under the umbrella of the action plan have started as from July, 1st 2019. Noteworthy
    # items to be mentioned are: a research roadmap ..., dedicated calls ...": the plan, then two of its items,
    # each quoted with the sentence that dates it.
    flanders = search(store, "July 2019", sections=[SEC + "section-6-flanders"]).hits
    assert flanders[0].resource == BEP + "flemish-ai-action-plan"
    assert {h.resource for h in flanders} == {BEP + "flemish-ai-action-plan", BEP + "flemish-ai-research-roadmap",
                                              BEP + "flemish-ai-dedicated-calls"}


def test_type_filter_includes_subclasses(store) -> None:
    regions = search(store, "Brussels", types=[AIKG_NS + "Jurisdiction"]).hits
    named = {h.resource for h in regions if h.kind == "name"}
    assert named == {"https://w3id.org/aikg/id/place/brussels-capital-region"}
    assert {h.type for h in regions} <= {"aikg:Region", "aikg:Country"}
    agencies = {h.resource for h in search(store, "", types=[AIKG_NS + "FundingAgency"], limit=None).hits}
    # the report names three funding bodies: FWO, VLAIO (Flanders) and Innoviris (Brussels)
    assert agencies == {BEO + "fwo", BEO + "vlaio", BEO + "innoviris"}


def test_the_index_is_kept_in_the_stores_cache_entry(store) -> None:
    search_index(store)
    assert store.entry is not None and store.entry.has("search.sqlite")


# ---------------------------------------------------------------- names


def _rows(store, name: str, **params: str) -> list[dict]:
    return run_query(store, find_query(name), params).to_dicts()


def test_dw4ai_resolves_to_the_programme_with_its_four_axes(store) -> None:
    rows = _rows(store, "plan-components", plan="DW4ai")
    assert {r["plan"] for r in rows} == {BEP + "digitalwallonia4ai"}
    axes = {r["component"] for r in rows if "/dw4ai-axis-" in r["component"]}
    assert len(axes) == 4  # "based on four structuring axes"


def test_the_reports_words_resolve_to_the_flemish_plan(store) -> None:
    rows = _rows(store, "plan-components", plan="Flemish action plan")
    assert {r["plan"] for r in rows} == {BEP + "flemish-ai-action-plan"}


def test_brussels_is_the_region_where_a_region_is_wanted(store) -> None:
    rows = _rows(store, "programmes-by-region", region="Brussels")
    assert rows and {r["region"] for r in rows} == {"https://w3id.org/aikg/id/place/brussels-capital-region"}


def test_an_ambiguous_name_lists_candidates_of_the_right_class(store) -> None:
    with pytest.raises(QueryError) as error:
        _rows(store, "partners-of", actor="Brussels")
    message = str(error.value)
    assert "several" in message
    assert "beo:hub-brussels" in message and "place:brussels-capital-region" in message
    assert "sec:section-6-brussels" not in message  # a section is no actor


def test_a_typo_in_a_parameter_gets_did_you_mean(store) -> None:
    with pytest.raises(QueryError, match=r"did you mean 'Innoviris' \(beo:innoviris"):
        _rows(store, "funding-by-funder", funder="inovirris")


def test_network_region_resolves_like_a_parameter() -> None:
    done = cli("network", "--stats", "--region", "Brussels", "--table-format", "csv")
    assert done.returncode == 0, done.stderr
    assert "Innoviris" in done.stdout
    assert "FWO" not in done.stdout  # a Flemish agency, no Brussels edge
    refused = cli("network", "--stats", "--region", "Walonia")
    assert refused.returncode == 2, refused.stderr
    assert "did you mean 'Wallonia' (place:wallonia" in refused.stderr and "Traceback" not in refused.stderr


# ---------------------------------------------------------------- command


def test_search_command_json_is_one_document_and_reports_the_typo() -> None:
    done = cli("search", "inovirris", "--format", "json", "--limit", "3")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["hits"][0]["prefixed"] == "beo:innoviris"
    assert len(document["hits"]) == 3
    assert "searched for innoviris" in done.stderr


def test_search_command_section_and_type_by_name() -> None:
    done = cli("search", "July", "2019", "--section", "Regional strategies", "--type", "action plan", "--format", "csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("bep:flemish-ai-action-plan,aikg:ActionPlan,")
    assert "6 Regional strategies – Flanders" in lines[1]


def test_search_command_without_words_or_filters_is_refused() -> None:
    done = cli("search")
    assert done.returncode == 2 and "give words" in done.stderr


def test_search_command_with_punctuation_only_is_refused() -> None:
    done = cli("search", "!!! ---")
    assert done.returncode == 2 and "holds no word" in done.stderr and "Traceback" not in done.stderr


def test_search_command_with_no_hit_exits_1() -> None:
    done = cli("search", "zzzqqq")
    assert done.returncode == 1 and "(0 rows)" in done.stdout


def test_the_index_follows_the_content_of_the_data(tmp_path) -> None:
    from aikg.store import open_store

    data = tmp_path / "one.ttl"
    turtle = ('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
              '<https://w3id.org/aikg/id/xx/programme/p> rdfs:label "{}"@en .\n')
    data.write_text(turtle.format("Alpha programme"), encoding="utf-8")
    assert [h.label for h in search(open_store([data]), "alpha").hits] == ["Alpha programme"]
    data.write_text(turtle.format("Beta programme"), encoding="utf-8")
    changed = open_store([data])
    assert search(changed, "alpha").hits == []
    assert [h.label for h in search(changed, "beta").hits] == ["Beta programme"]


@pytest.mark.behaviour
@pytest.mark.parametrize("text,sections", [("free online course", ()), ("", ("Regional strategies – Flanders",))])
def test_no_two_hits_are_the_same_row(store, text, sections) -> None:
    """A quote given for two facts of one resource is one hit (the report says it once)."""
    hits = search(store, text, sections=sections, limit=None).hits
    rows = [(h.resource, h.kind, h.snippet, h.section) for h in hits]
    assert rows and len(rows) == len(set(rows))
