"""The report annotated by the graph (aikg.annotations): quotes placed in the text, the facts each is
evidence for, the sentences no quote covers, `aikg coverage`, the Web Annotations, the offline page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import BELGIUM, ZEMBLA, run_cli

from aikg.annotations import annotate, report_codes
from aikg.load import load_graph
from aikg.paths import DATA_DIR
from aikg.provenance import collapse_whitespace
from aikg.stats import report_text_coverage
from aikg.store import open_store
from aikg.webannotation import web_annotations

# Read by hand in data/be/ai-watch-belgium-2020.txt: 6 Regional strategies, Brussels Region, and 3 Networking.
TEAM_UP = "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies."
WOMEN_IN_TECH = "Innoviris also took part in the platform Women in Tech"
UNQUOTED = ("Bringing the community together and combining expertise and efforts from various sources are "
            "indispensable tools to seize (the often ambitious) AI opportunities.")


@pytest.fixture(scope="module")
def belgium(store):
    return annotate(store, "be")


def _annotated(any_store) -> list:
    return [annotate(any_store, code) for code in sorted(report_codes(any_store))]


def _passage(report, words: str):
    return next(p for p in report.passages if p.quote == words)


@pytest.mark.answer
def test_the_team_up_sentence_is_evidence_that_innoviris_funds_team_up(belgium) -> None:
    facts = _passage(belgium, TEAM_UP).facts
    money = [f for f in facts if "money" in f.kinds]
    assert [f.text for f in money] == ["Innoviris funds Team Up: €12 million in total, spent"]
    assert not money[0].editorial and money[0].page == "https://w3id.org/aikg/id/be/funding/innoviris-team-up"


@pytest.mark.answer
def test_our_readings_are_marked_apart_from_what_the_report_says(belgium) -> None:
    facts = [f for p in belgium.passages if p.quote.startswith(WOMEN_IN_TECH) for f in p.facts]
    partner = [f for f in facts if f.property == "aikg:partnerOf" and f.value == "Women in Tech platform"]
    assert partner and all(f.editorial for f in partner) and "partnership" in partner[0].note
    assert any(not f.editorial for f in facts)  # the platform itself is the report's


@pytest.mark.answer
def test_the_one_sentence_left_to_encode_in_belgium_is_in_networking_at_line_111(belgium) -> None:
    assert [(s.section, s.line, s.text) for s in belgium.uncovered] == [("3 Networking", 111, UNQUOTED)]
    lines = (DATA_DIR / "be" / "ai-watch-belgium-2020.txt").read_text(encoding="utf-8").splitlines()
    assert lines[110].startswith("Bringing the community together")


@pytest.mark.answer
def test_a_marked_passage_leaves_the_list_with_its_reason(belgium) -> None:
    marked = {s.text: s.dismissed for s in belgium.sentences if s.dismissed}
    assert "Here is a first assessment." in marked and "states nothing" in marked["Here is a first assessment."]
    assert marked["3 Networking"].startswith("the section's heading")


@pytest.mark.invariant
def test_every_passage_is_its_quote_in_the_section_it_cites(any_store) -> None:
    for report in _annotated(any_store):
        spans = {s.iri: (s.start, s.end) for s in report.sections}
        assert report.passages
        for p in report.passages:
            assert collapse_whitespace(report.text[p.start:p.end]) == p.quote
            start, end = spans[p.section]
            assert start <= p.start and p.end <= end, p.quote
            assert p.facts or p.nothing, p.quote


@pytest.mark.invariant
def test_coverage_agrees_with_aikg_stats(any_data, any_store) -> None:
    stats = dict(report_text_coverage(load_graph(any_data), any_data))
    for report in _annotated(any_store):
        shares = [share for name, share in stats.items() if report.report.endswith(name.split(":", 1)[1])]
        assert shares == [pytest.approx(report.coverage, abs=1e-12)]
    given = [x for d in any_data or [] for x in ("--data", d)]
    status, out, _ = run_cli("stats", "--format", "json", *given)
    quoted = {k: v for k, v in json.loads(out)["provenance"].items() if k.startswith("report text quoted")}
    status, out, _ = run_cli("coverage", "--format", "json", *given)
    assert status == 0
    assert sorted(f"{r['coverage']:.1%}" for r in json.loads(out)) == sorted(quoted.values())


def _zembla_with(tmp_path: Path, sentence: str, mark: str = "") -> list[str]:
    """Zembla with one more sentence at the end of its section 2, and (optionally) a mark of it."""
    folder = tmp_path / "zz"
    shutil.copytree(ZEMBLA, folder)
    text = folder / "ai-watch-zembla-2020.txt"
    words = text.read_text(encoding="utf-8")
    end = "companies of every size."
    text.write_text(words.replace(end, f"{end}\n{sentence}"), encoding="utf-8")
    if mark:
        (folder / "unencoded.ttl").write_text(mark, encoding="utf-8")
    return [str(DATA_DIR / "be"), str(folder)]


NEW = "In 2020 the Royal Academy of Onhava received EUR 2 million from the Ministry of Digital Affairs."


@pytest.mark.answer
def test_coverage_lists_a_new_sentence_with_what_it_likely_holds(tmp_path) -> None:
    data = _zembla_with(tmp_path, NEW)
    status, out, err = run_cli("coverage", "zz", "--format", "csv", *[x for d in data for x in ("--data", d)])
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "report,section,line,likely missing,sentence"
    assert lines[1:] == ["zz,2 From the lab to the market,19,amount; date; number; actor: Ministry of Digital Affairs; "
                         f"actor: Royal Academy of Onhava,{NEW}"]


@pytest.mark.answer
def test_a_nothing_to_encode_mark_takes_a_sentence_off_the_list_and_conforms(tmp_path) -> None:
    mark = """@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
[] a aikg:NothingToEncode ; rdfs:comment "A test: nothing here."@en ;
   prov:qualifiedQuotation [ a prov:Quotation ; prov:entity <https://w3id.org/aikg/id/zz/report/ai-watch-zembla-2020> ;
     prov:atLocation <https://w3id.org/aikg/id/zz/report/ai-watch-zembla-2020#section-2> ;
     prov:value "In 2020 the Royal Academy of Onhava received EUR 2 million" ] .
"""
    data = _zembla_with(tmp_path, NEW, mark)
    before = annotate(open_store(_zembla_with(tmp_path / "unmarked", NEW), use_cache=False), "zz")
    after = annotate(open_store(data, use_cache=False), "zz")
    assert [s.text for s in before.uncovered] == [NEW] and after.uncovered == []
    assert after.coverage == before.coverage  # a mark is no quote of a fact
    status, out, _ = run_cli("validate", data[1])
    assert status == 0, out
    bad = mark.replace('rdfs:comment "A test: nothing here."@en ;', "")
    status, out, _ = run_cli("validate", _zembla_with(tmp_path / "bad", NEW, bad)[1])
    assert status == 1 and "must say why (rdfs:comment)" in out


def test_coverage_of_an_unknown_report_is_one_clear_error() -> None:
    status, out, err = run_cli("coverage", "xx")
    assert status == 2 and out == ""
    assert err.strip() == "aikg: error: report 'xx': no report with a text under /id/xx/; known: be"


@pytest.mark.invariant
def test_every_web_annotation_selects_exactly_its_quote(any_store) -> None:
    reports = _annotated(any_store)
    texts = {r.report: r.text for r in reports}
    document = json.loads(web_annotations(reports))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld" and document["type"] == "AnnotationCollection"
    items = document["first"]["items"]
    assert len(items) == document["total"] == sum(len(r.passages) for r in reports)
    quotes = {(r.report, p.start, p.end): p.quote for r in reports for p in r.passages}
    for item in items:
        assert item["type"] == "Annotation" and item["body"]
        text = texts[item["target"]["source"]["id"]]
        by_type = {s["type"]: s for s in item["target"]["selector"]}
        quote, position = by_type["TextQuoteSelector"], by_type["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        whole = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text.count(whole) == 1 and text.index(whole) + len(quote["prefix"]) == start
        assert collapse_whitespace(quote["exact"]) == quotes[item["target"]["source"]["id"], start, end]


@pytest.mark.answer
def test_export_annotations_writes_the_team_up_fact_on_its_sentence(tmp_path) -> None:
    path = tmp_path / "annotations.jsonld"
    status, _, err = run_cli("export", "--annotations", "-o", str(path))
    assert status == 0, err
    items = json.loads(path.read_text(encoding="utf-8"))["first"]["items"]
    team_up = [i for i in items if collapse_whitespace(i["target"]["selector"][0]["exact"]) == TEAM_UP]
    assert len(team_up) == 1 and team_up[0]["motivation"] == "linking"
    assert "Innoviris funds Team Up: €12 million in total, spent" in [b.get("value") for b in team_up[0]["body"]]
    assert {"type": "SpecificResource", "source": "https://w3id.org/aikg/id/be/funding/innoviris-team-up",
            "purpose": "identifying"} in team_up[0]["body"]
    status, _, err = run_cli("export", "--annotations", "-o", str(tmp_path / "a.ttl"))
    assert status == 2 and "json-ld" in err


@pytest.mark.answer
def test_describe_links_a_quote_to_its_place_in_the_annotated_report(belgium) -> None:
    status, out, _ = run_cli("describe", "https://w3id.org/aikg/id/be/funding/innoviris-team-up", "--format", "json")
    assert status == 0
    places = [q["place"] for q in json.loads(out)["quotes"] if collapse_whitespace(q["text"]) == TEAM_UP]
    assert places == [f"/report/be#{_passage(belgium, TEAM_UP).anchor}"]


# ---------------------------------------------------------------- the offline page, in Chromium


def _browser_dom(page: str, tmp_path: Path, fragment: str) -> str:
    import subprocess

    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("chromium not installed: the page cannot be opened in a headless browser here")
    path = tmp_path / "be.html"
    path.write_text(page, encoding="utf-8")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
               "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=10000", "--dump-dom",
               path.as_uri() + fragment]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=True).stdout


def test_the_offline_page_in_a_browser_lists_the_facts_of_a_highlighted_passage(belgium, tmp_path) -> None:
    from aikg.report_page import render_report

    page = render_report(belgium, lambda iri: iri)
    assert "<script src" not in page and "<link" not in page  # nothing loaded from anywhere
    # A reader finds the highlighted sentence about Team Up's subsidies, and selects it (its anchor: the
    # passages that start there, the whole sentence first, then the words quoted for a number inside it).
    runs = re.findall(r'((?:<a class="anchor"[^>]*></a>)+)<span class="q[^"]*" data-p="[\d ]+"[^>]*>([^<]*)<', page)
    found = [re.findall(r'id="([^"]+)"', anchors) for anchors, words in runs
             if collapse_whitespace(words).startswith("nineteen collaborative")]
    assert len(found) == 1 and len(found[0]) == 2
    found = found[0]
    dom = _browser_dom(page, tmp_path, "#" + found[0])
    panel = re.search(r'<div id="facts">(.*?)</div>\s*</aside>', dom, re.S).group(1)
    words = collapse_whitespace(re.sub(r"<[^>]+>", " ", panel))
    assert "Innoviris funds Team Up : €12 million in total, spent" in words
    assert "the report says" in words and "our reading" not in words
    assert 'href="https://w3id.org/aikg/id/be/funding/innoviris-team-up"' in panel
    assert re.search(r'class="q target"[^>]*>nineteen collaborative', dom)


def test_an_actor_is_flagged_wherever_its_whole_name_is_found_and_nowhere_else() -> None:
    """The names are looked up by one of their words (aikg.annotations._Names): a name of several words,
    of words other names share, or in brackets, is found exactly where its pattern matches."""
    from aikg.annotations import _Names

    names = ["Flemish government (c002)", "Flemish government", "VUB (Brussels)", "KU Leuven", "Leuven", "AI"]
    found = _Names(names).found
    assert found("The Flemish government (c002) and KU Leuven fund it.") == [
        "Flemish government (c002)", "Flemish government", "KU Leuven", "Leuven"]
    assert found("The Flemish government (c001) and the VUB (Brussels) fund it.") == ["Flemish government", "VUB (Brussels)"]
    assert found("Leuvens AIs and a Flemish governmental body") == []
    assert found("AI in Leuven.") == ["Leuven", "AI"]
