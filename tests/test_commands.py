"""Every command and option, typed as a user types it: the installed ``aikg`` entry point in a
subprocess, on the project's data and on small fixture folders.

Expected answers are read off the report (data/be/ai-watch-belgium-2020.txt, passages quoted
next to each case), never copied from the program's output. Each option is run with and
without, and the answer must change the way the report says: an option that became a no-op
fails here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from aikg.paths import DATA_DIR
from aikg.query import list_queries


AIKG = Path(sys.executable).with_name("aikg")  # the installed entry point
SMALL = Path(__file__).parent / "fixtures" / "small-network"
SCHEMA = "https://schema.org/"
M = 1_000_000
# A cache of their own: these commands build stores of other data (fixtures, broken copies), and the
# cache keeps only its newest entries, so sharing the session's would prune the store the session has open.
ENV = dict(os.environ, AIKG_CACHE_DIR=tempfile.mkdtemp(prefix="aikg-test-commands-cache-"))


def aikg(*argv: str, status: int = 0, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``aikg ARGV`` as a user would; the exit status must be ``status``."""
    done = subprocess.run([str(AIKG), *argv], capture_output=True, text=True, timeout=900, cwd=cwd, env=ENV)
    assert done.returncode == status, f"aikg {' '.join(argv)} exited {done.returncode}: {done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr
    return done


def table(*argv: str) -> list[dict[str, str]]:
    """The rows ``aikg ARGV --format csv`` prints."""
    return list(csv.DictReader(io.StringIO(aikg(*argv, "--format", "csv").stdout)))


def column(rows: list[dict[str, str]], name: str) -> set[str]:
    return {row[name] for row in rows}


# ---------------------------------------------------------------- query: each named query, each parameter

# One answer per named query without parameters, read from the report: (column, value that must be in it).
WITHOUT_PARAMETERS = {
    # "the regional innovation funding body Innoviris"
    "actors-by-type": ("actorLabel", "Innoviris"),
    # The report cites "https://innoviris.brussels/" as a source.
    "cited-sources": ("url", "https://innoviris.brussels/"),
    # The report names no pillar for Team Up ("an AI call ... fostering collaboration between academia and
    # industry"): its policy area is our classification, so it is listed.
    "editorial-classifications": ("subjectLabel", "Team Up"),
    # "in 2019 FWO invested more than €15 million and VLAIO more than €41 million"
    "funding-by-funder": ("funderLabel", "VLAIO (Flanders Innovation & Entrepreneurship)"),
    "funding-by-recipient": ("recipientLabel", "Team Up"),
    # "Innoviris funds AI/Data related projects for more than 6MEur subsidy per year"
    "funding-totals-by-funder": ("euros", "6000000"),
    # "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network, the DigitalWallonia4.ai program"
    "network": ("sourceLabel", "Agoria"),
    "node-facts": ("value", "Tremplin AI"),
    # "Innoviris also took part in the platform Women in Tech and is a partner of de Women Code Week, in
    # cooperation with the Brussels Agency for Enterprise Hub.Brussels": the default actor is Innoviris.
    "partners-of": ("partnerLabel", "hub.brussels (Brussels Agency for Enterprise)"),
    # "5 Infrastructure: The policy recommendation report does not explicitly mention policy initiatives ..."
    "pillars-without-initiatives": ("pillarLabel", "Infrastructure"),
    # "Basic Applied Research (12 million euros)" is a part of the Flemish AI action plan.
    "plan-components": ("planLabel", "Flemish AI action plan"),
    "programmes-by-region": ("initiativeLabel", "Tremplin AI"),
    # "The AI4Belgium coalition now has more than 500 members."
    "quotes-behind-numbers": ("number", "500"),
    "recommendations-by-pillar": ("recommendationLabel", "Set up a Belgian Innovation Hub"),
    "recommendations": ("recommendationLabel", "Set up a Belgian Innovation Hub"),
    # "both co-funded by the Brussels Region and ERDF"
    "relation-evidence": ("relation", "co-funds"),
    # "This country report has been created on the 25th of February 2020."
    "source-reports": ("created", "2020-02-25"),
    # "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network": default DigitalWallonia4.ai.
    "supporters-of": ("actorLabel", "ICT Cluster Infopole"),
    # "These markets will be published in early 2020."
    "targets": ("deadlineReading", "in early 2020"),
    # "Its official launch was celebrated on November 27, 2019"
    "timeline": ("date", "2019-11-27"),
    # "an additional annual budget of €32 million"
    "yearly-funding-by-region": ("euros", "32000000"),
}


def test_the_table_names_every_named_query() -> None:
    assert set(WITHOUT_PARAMETERS) == {query.name for query in list_queries()}


@pytest.mark.parametrize("name", sorted(WITHOUT_PARAMETERS))
def test_every_named_query_answers_as_the_report_says(name: str) -> None:
    wanted_column, wanted = WITHOUT_PARAMETERS[name]
    assert wanted in column(table("query", name), wanted_column)


def test_funding_by_funder_with_a_funder_gives_exactly_its_rows() -> None:
    everyone = table("query", "funding-by-funder")
    innoviris = table("query", "funding-by-funder", "--param", "funder=Innoviris")
    assert column(innoviris, "funderLabel") == {"Innoviris"}
    assert {"FWO (Research Foundation – Flanders)", "Flemish government", "Innoviris"} <= column(everyone, "funderLabel")
    # "a dedicated budget of EUR 20 million"; "nineteen collaborative projects funded amounting to EUR 12
    # millions of subsidies"; "more than 6MEur subsidy per year"; and, without an amount, "Anticipate" and
    # the STEM awareness calls. The mobile fablab and the ICT-skills programmes are the Region's money:
    # "the Region is also funding, still through Innoviris".
    assert {(r["amount"], r["qualifier"], r["period"], r["status"]) for r in innoviris if r["amount"]} == {
        ("20000000", "exactly", "in total", "budgeted"), ("12000000", "exactly", "in total", "spent"),
        ("6000000", "more than", "per year", "spent")}
    assert len([r for r in innoviris if not r["amount"]]) == 2
    assert [r for r in everyone if r["funderLabel"] == "Innoviris"] == innoviris


def test_a_parameter_takes_a_prefixed_name_and_the_short_option() -> None:
    assert table("query", "funding-by-funder", "-p", "funder=beo:innoviris") == table(
        "query", "funding-by-funder", "--param", "funder=Innoviris")


def test_funding_by_recipient_with_a_recipient() -> None:
    # "The Flemish AI action plan foresees an additional annual budget of €32 million"
    rows = table("query", "funding-by-recipient", "--param", "recipient=Flemish AI action plan")
    assert [(r["funderLabel"], r["amount"], r["period"], r["status"]) for r in rows] == [
        ("Flemish government", "32000000", "per year", "budgeted")]
    assert len(table("query", "funding-by-recipient")) > 1


def test_partners_of_another_actor() -> None:
    # Agoria is one of the four that support DigitalWallonia4.ai; Innoviris is not.
    agoria = table("query", "partners-of", "--param", "actor=Agoria")
    assert column(agoria, "actor") == {"https://w3id.org/aikg/id/be/org/agoria"}
    assert {"Digital Agency (Wallonia)", "ICT Cluster Infopole", "AI Network"} <= column(agoria, "partnerLabel")
    assert "hub.brussels (Brussels Agency for Enterprise)" not in column(agoria, "partnerLabel")
    innoviris = table("query", "partners-of", "--param", "actor=Innoviris")
    assert "Digital Agency (Wallonia)" not in column(innoviris, "partnerLabel")
    # Without the parameter: every actor's partners, Agoria's and Innoviris's among them.
    everyone = table("query", "partners-of")
    assert {"https://w3id.org/aikg/id/be/org/agoria", "https://w3id.org/aikg/id/be/org/innoviris"} <= column(everyone, "actor")
    assert len(everyone) > len(agoria) + len(innoviris)


def test_plan_components_of_one_plan() -> None:
    # "four structuring axes: Society and AI; Companies and AI; Training and AI; Partnerships and AI."
    rows = table("query", "plan-components", "--param", "plan=DigitalWallonia4.ai")
    assert column(rows, "planLabel") == {"DigitalWallonia4.ai"}
    assert sorted(column(rows, "componentLabel")) == [f"DigitalWallonia4.ai Axis {n}: {name} and AI" for n, name in
                                                        enumerate(["Society", "Companies", "Training", "Partnerships"], 1)]
    assert "Flemish AI action plan" in column(table("query", "plan-components"), "planLabel")


def test_programmes_by_region_of_one_region() -> None:
    # "Two actions ... were implemented in 2019: Start AI and Tremplin AI" (The Walloon Region).
    wallonia = table("query", "programmes-by-region", "--param", "region=Wallonia")
    assert column(wallonia, "regionLabel") == {"Wallonia"}
    assert {"Start AI", "Tremplin AI", "DigitalWallonia4.ai"} <= column(wallonia, "initiativeLabel")
    assert "Flemish AI action plan" in column(table("query", "programmes-by-region"), "initiativeLabel")


def test_recommendations_of_one_pillar() -> None:
    # Section 3 Networking: "Set up a Belgian Innovation Hub" is among its recommendations; section 1's are not.
    networking = table("query", "recommendations-by-pillar", "--param", "pillar=Networking")
    assert column(networking, "pillarLabel") == {"Networking"}
    assert "Set up a Belgian Innovation Hub" in column(networking, "recommendationLabel")
    assert "Human capital" in column(table("query", "recommendations-by-pillar"), "pillarLabel")


def test_supporters_of_another_initiative() -> None:
    # "In March 2019, the Flemish government launched the Flemish action plan"
    flemish = table("query", "supporters-of", "--param", "initiative=Flemish AI action plan")
    assert column(flemish, "actorLabel") == {"Flemish government"}
    assert {"launched", "funds"} <= column(flemish, "how")
    # "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network"
    dw4ai = table("query", "supporters-of", "--param", "initiative=DigitalWallonia4.ai")
    assert {"Digital Agency (Wallonia)", "Agoria", "ICT Cluster Infopole", "AI Network"} <= column(dw4ai, "actorLabel")
    # Without the parameter: the backers of every initiative, both of those above among them.
    everyone = table("query", "supporters-of")
    assert column(flemish, "actorLabel") | {"Agoria"} <= column(everyone, "actorLabel")


def test_yearly_funding_of_one_status() -> None:
    # The only money budgeted every year: "an additional annual budget of €32 million" (Flanders), and its
    # pillars "(12 million euros)", "(15 million euros)", "(5 million euros)" on a row of their own, within it.
    budgeted = table("query", "yearly-funding-by-region", "--param", "status=status:budgeted")
    assert [(r["regionLabel"], r["year"], r["euros"], r["within"]) for r in budgeted] == [
        ("Flanders", "every year", "32000000", ""), ("Flanders", "every year", "32000000", "32000000")]
    # Without: also the coalition's "minimum investment level of €80 million per year" (recommended).
    assert "80000000" in column(table("query", "yearly-funding-by-region"), "euros")


def test_node_facts_of_one_node() -> None:
    # "Tremplin AI, program intended to establish demonstrators (PoCs) on artificial intelligence in the Walloon Region."
    rows = table("query", "node-facts", "--param", "node=Tremplin AI")
    assert column(rows, "node") == {"https://w3id.org/aikg/id/be/programme/tremplin-ai"}
    assert "Wallonia" in column(rows, "value")
    assert len(column(table("query", "node-facts"), "node")) > 20


def test_a_query_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    text = "SELECT ?label WHERE { beo:vlaio schema:name|rdfs:label ?label }"
    path = tmp_path / "vlaio.rq"
    path.write_text(text, encoding="utf-8")
    from_file = table("query", str(path))
    from_stdin = list(csv.DictReader(io.StringIO(subprocess.run(
        [str(AIKG), "query", "-", "--format", "csv"], input=text, capture_output=True, text=True, check=True, env=ENV, timeout=120).stdout)))
    assert from_file == from_stdin and "VLAIO (Flanders Innovation & Entrepreneurship)" in column(from_file, "label")


def test_query_formats_and_output_file(tmp_path: Path) -> None:
    shown = aikg("query", "funding-by-funder", "-p", "funder=Innoviris", "--format", "csv").stdout
    out = tmp_path / "innoviris.csv"
    aikg("query", "funding-by-funder", "-p", "funder=Innoviris", "-o", str(out))
    assert out.read_text(encoding="utf-8") == shown
    as_json = tmp_path / "innoviris.json"
    aikg("query", "funding-by-funder", "-p", "funder=Innoviris", "--output", str(as_json))
    bindings = json.loads(as_json.read_text(encoding="utf-8"))["results"]["bindings"]
    assert {b["funderLabel"]["value"] for b in bindings} == {"Innoviris"} and len(bindings) == 5
    tsv = aikg("query", "funding-by-funder", "-p", "funder=Innoviris", "--format", "tsv").stdout
    assert tsv.splitlines()[0].startswith("?funderLabel\t?recipientLabel")
    markdown = aikg("query", "funding-by-funder", "-p", "funder=Innoviris", "--format", "markdown").stdout
    assert markdown.startswith("| funderLabel | recipientLabel |") and "| Team Up |" in markdown


def test_max_rows_cuts_the_table_and_says_so() -> None:
    cut = aikg("query", "funding-by-funder", "--max-rows", "2").stdout
    assert "Innoviris" not in cut  # Belgium's two rows come first, by funder's name
    assert "Belgium" in cut


def test_construct_prints_turtle_that_reads_back(tmp_path: Path) -> None:
    text = "CONSTRUCT { ?f schema:amount ?v } WHERE { bef:innoviris-team-up schema:amount/schema:value ?v . BIND(bef:innoviris-team-up AS ?f) }"
    out = subprocess.run([str(AIKG), "query", "-", "--format", "nt"], input=text, capture_output=True, text=True, check=True,
                         env=ENV, timeout=120)
    graph = Graph().parse(data=out.stdout, format="nt")
    # "amounting to EUR 12 millions of subsidies"
    assert int(float(next(iter(graph.objects())))) == 12 * M


# ---------------------------------------------------------------- queries, prefixes, stats, validate

def test_queries_lists_every_query_with_its_parameter_and_columns() -> None:
    listed = {row["name"]: row for row in table("queries", "--columns")}
    assert set(listed) == set(WITHOUT_PARAMETERS)
    assert listed["funding-by-funder"]["parameters"].startswith("funder (iri aikg:Actor")
    assert "funderLabel" in listed["funding-by-funder"]["columns"]
    assert "columns" not in table("queries")[0]


def test_prefixes_lists_the_projects_prefixes_and_the_datas() -> None:
    prefixes = {row["prefix"]: row["namespace"] for row in table("prefixes")}
    assert prefixes["beo"] == "https://w3id.org/aikg/id/be/org/"
    assert prefixes["sec"] == "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#"  # declared by the data


def test_stats_counts_what_the_report_holds() -> None:
    rows = {row["class"]: row for row in table("stats") if row.get("class")}
    # Four co-fundings: Elucidata and ICity.Bru, "both co-funded by the Brussels Region and ERDF".
    assert rows["aikg:CoFunding"]["instances"] == "4"
    actors = {row["class"]: row for row in table("stats", "--data", str(DATA_DIR / "be" / "actors.ttl")) if row.get("class")}
    assert actors["aikg:CoFunding"]["instances"] == "0"  # the co-fundings are in funding.ttl


def broken_copy(folder: Path) -> Path:
    """The project's data with one quote the report does not contain (13 millions, not 12)."""
    data = folder / "data"
    shutil.copytree(DATA_DIR, data)
    funding = data / "be" / "funding.ttl"
    text = funding.read_text(encoding="utf-8")
    assert "amounting to EUR 12 millions of subsidies" in text
    funding.write_text(text.replace("amounting to EUR 12 millions of subsidies", "amounting to EUR 13 millions of subsidies"),
                       encoding="utf-8")
    return data


def test_validate_through_the_entry_point(tmp_path: Path) -> None:
    assert "conforms" in aikg("validate").stdout
    data = broken_copy(tmp_path)
    for argv in (["validate", str(data)], ["validate", "--data", str(data)]):
        done = aikg(*argv, status=1)
        assert "quote not found in the report's text" in done.stdout and "13 millions" in done.stdout


# ---------------------------------------------------------------- search and describe

def test_search_finds_the_women_in_tech_platform_and_its_section() -> None:
    hits = table("search", "women", "in", "tech")
    assert hits[0]["resource"] == "bep:women-in-tech"
    # "Innoviris also took part in the platform Women in Tech" (Brussels Region)
    assert {"6 Regional strategies – Brussels Region"} == {h["section"] for h in hits if h["match"] == "quote"}


def test_search_type_section_and_limit_each_narrow_the_hits(tmp_path: Path) -> None:
    everything = table("search", "Innoviris", "--limit", "0")
    assert len(table("search", "Innoviris", "--limit", "2")) == 2 < len(everything)
    calls = table("search", "Innoviris", "--type", "aikg:Call", "--limit", "0")
    assert calls and column(calls, "type") == {"aikg:Call"} and len(calls) < len(everything)
    # "in 2019 FWO invested more than €15 million": with --section, only the quotes of that section.
    fwo = table("search", "FWO", "--limit", "0")
    fwo_in_flanders = table("search", "FWO", "--section", "Regional strategies – Flanders", "--limit", "0")
    assert column(fwo_in_flanders, "match") == {"quote"} and "name" in column(fwo, "match")
    assert column(fwo_in_flanders, "section") == {"6 Regional strategies – Flanders"}
    # "Innoviris" is named in the Brussels section only.
    aikg("search", "Innoviris", "--section", "Regional strategies – Flanders", status=1)
    flanders = table("search", "--section", "Regional strategies – Flanders", "--type", "action plan")
    assert column(flanders, "resource") == {"bep:flemish-ai-action-plan"}
    assert column(flanders, "section") == {"6 Regional strategies – Flanders"}
    out = tmp_path / "hits.json"
    aikg("search", "Innoviris", "--limit", "2", "-o", str(out))
    assert [hit["prefixed"] for hit in json.loads(out.read_text(encoding="utf-8"))["hits"]] == ["beo:innoviris", "bep:innoviris-science-festival"]


def test_search_with_no_hit_exits_1() -> None:
    aikg("search", "--type", "aikg:Call", "--section", "5 Infrastructure", status=1)


def test_describe_shows_the_quote_behind_each_fact(tmp_path: Path) -> None:
    out = tmp_path / "team-up.json"
    aikg("describe", "Team Up", "-o", str(out))
    description = json.loads(out.read_text(encoding="utf-8"))
    assert description["prefixed"] == "bep:team-up"
    funded = [f for f in description["facts"] if f["predicate"] == "schema:fundedItem"]
    assert [e["text"] for f in funded for e in f["evidence"]] == [
        "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies."]
    assert {e["section_label"] for f in funded for e in f["evidence"]} == {"6 Regional strategies – Brussels Region"}
    shown = aikg("describe", "Team Up").stdout
    assert "nineteen collaborative projects funded" in shown and shown.startswith("Team Up (bep:team-up)")
    assert "nineteen collaborative projects funded" in aikg("describe", "Team Up", "--format", "markdown").stdout
    turtle = Graph().parse(data=aikg("describe", "Team Up", "--format", "turtle").stdout, format="turtle")
    assert (None, URIRef(SCHEMA + "fundedItem"), URIRef("https://w3id.org/aikg/id/be/programme/team-up")) in turtle


# ---------------------------------------------------------------- export, chart

@pytest.mark.parametrize("fmt, suffix, rdflib_format", [
    ("turtle", "ttl", "turtle"), ("nt", "nt", "nt"), ("nquads", "nq", "nquads"),
    ("trig", "trig", "trig"), ("json-ld", "jsonld", "json-ld"), ("xml", "rdf", "xml"),
])
def test_export_writes_each_format_with_the_reports_numbers(fmt: str, suffix: str, rdflib_format: str, tmp_path: Path) -> None:
    out = tmp_path / f"aikg.{suffix}"
    aikg("export", "--format", fmt, "-o", str(out))
    graph = Dataset() if rdflib_format in ("nquads", "trig", "json-ld") else Graph()
    graph.parse(out, format=rdflib_format)
    # "VLAIO more than €41 million in AI related projects"
    values = {float(o) for s, p, o, *_ in (graph.quads() if isinstance(graph, Dataset) else graph.triples((None, None, None)))
              if p == URIRef(SCHEMA + "value") and isinstance(o, Literal)}
    assert 41 * M in values


def test_export_without_output_file_prints_it() -> None:
    graph = Graph().parse(data=aikg("export", "--format", "turtle").stdout, format="turtle")
    assert (URIRef("https://w3id.org/aikg/id/be/org/innoviris"), None, None) in graph


def test_chart_funding_writes_each_funders_money(tmp_path: Path) -> None:
    out = tmp_path / "funding.svg"
    aikg("chart", "funding", "-o", str(out))
    svg = out.read_text(encoding="utf-8")
    for funder in ("Innoviris", "VLAIO", "FWO", "Flemish government"):
        assert funder in svg


# ---------------------------------------------------------------- network on the project's data

def _graphml(tmp_path: Path, *options: str) -> nx.MultiDiGraph:
    out = tmp_path / "network.graphml"
    aikg("network", "-o", str(out), *options)
    return nx.read_graphml(out, force_multigraph=True)


def _labels(network: nx.MultiDiGraph) -> set[str]:
    return {d["label"] for _, d in network.nodes(data=True)}


def test_network_region_keeps_that_regions_actors(tmp_path: Path) -> None:
    everything = _labels(_graphml(tmp_path))
    wallonia = _labels(_graphml(tmp_path, "--region", "Wallonia"))
    # "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network"
    assert {"DigitalWallonia4.ai", "Agoria", "AI Network"} <= wallonia
    assert "Innoviris" in everything and "Innoviris" not in wallonia and "VLAIO (Flanders Innovation & Entrepreneurship)" not in wallonia


def test_network_relation_keeps_only_that_relation(tmp_path: Path) -> None:
    funds = _graphml(tmp_path, "--relation", "co-funds")
    # "both co-funded by the Brussels Region and ERDF": two funders, two recipients.
    assert {d["relation"] for _, _, d in funds.edges(data=True)} == {"co-funds"}
    assert _labels(funds) == {"Brussels-Capital Region", "European Regional Development Fund",
                              "Elucidata laboratory", "ICity.Bru technology hub"}


def test_network_min_amount_keeps_the_larger_funding(tmp_path: Path) -> None:
    # Amounts of at least €30M: VLAIO's "more than €41 million", the Flemish plan's "€32 million", the
    # coalition's recommended "€80 million per year" and "€1 billion by 2030"; not Innoviris's 20M, 12M, 6M.
    big = _graphml(tmp_path, "--min-amount", "30000000", "--relation", "funds")
    funders = {big.nodes[u]["label"] for u, _, d in big.edges(data=True)}
    assert "Innoviris" not in funders and "FWO (Research Foundation – Flanders)" not in funders
    assert {"VLAIO (Flanders Innovation & Entrepreneurship)", "Flemish government"} <= funders


def test_network_actors_only_leaves_no_initiative(tmp_path: Path) -> None:
    actors = _graphml(tmp_path, "--actors-only")
    assert {d["kind"] for _, d in actors.nodes(data=True)} == {"actor"}
    assert "Team Up" not in _labels(actors) and "Innoviris" in _labels(actors)


@pytest.mark.parametrize("fmt, suffix, words", [
    ("html", "html", "Who funds, runs and supports AI in Belgium"), ("svg", "svg", "Innoviris"),
    ("gexf", "gexf", "Innoviris"), ("graphml", "graphml", "Innoviris"),
])
def test_network_writes_each_format(fmt: str, suffix: str, words: str, tmp_path: Path) -> None:
    out = tmp_path / f"network.{suffix}"
    aikg("network", "--format", fmt, "-o", str(out), "--data", str(SMALL))
    aikg("network", "-o", str(tmp_path / f"project.{suffix}"))
    assert words in (tmp_path / f"project.{suffix}").read_text(encoding="utf-8")
    assert "Northern agency" in out.read_text(encoding="utf-8")


def test_network_stats_on_the_project_names_betweenness_and_money() -> None:
    shown = aikg("network", "--stats", "--table-format", "csv").stdout
    rows = {row["label"]: row for row in csv.DictReader(io.StringIO(shown))}
    # "Innoviris funds AI/Data related projects for more than 6MEur subsidy per year"
    assert "more than €6 million a year, spent" in rows["Innoviris"]["gives"]
    assert float(rows["Innoviris"]["betweenness"]) > 0


# ---------------------------------------------------------------- build

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    aikg("build", "-o", str(out))
    return out


def test_build_writes_every_query_export_and_network(built: Path) -> None:
    assert {p.stem for p in (built / "queries").glob("*.csv")} == set(WITHOUT_PARAMETERS)
    assert {p.suffix for p in (built / "network").iterdir()} >= {".html", ".svg", ".graphml", ".gexf"}
    assert len(list((built / "export").iterdir())) >= 6
    # The report annotated by the graph, and its quotes as Web Annotations.
    assert "nineteen collaborative projects funded" in (built / "report" / "be.html").read_text(encoding="utf-8")
    assert '"type": "AnnotationCollection"' in (built / "export" / "annotations.jsonld").read_text(encoding="utf-8")
    funding = list(csv.DictReader((built / "queries" / "funding-by-funder.csv").open(encoding="utf-8")))
    # "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies"
    assert ("Innoviris", "Team Up", "12000000") in {(r["funderLabel"], r["recipientLabel"], r["amount"]) for r in funding}


def test_build_stops_on_broken_data_and_writes_nothing(tmp_path: Path) -> None:
    data = broken_copy(tmp_path)
    out = tmp_path / "out"
    done = aikg("build", "-o", str(out), "--data", str(data), status=1)
    assert "quote not found" in done.stdout + done.stderr
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert written == []


def test_build_stops_on_unreadable_data_and_writes_nothing(tmp_path: Path) -> None:
    """Validation runs beside the other work; its verdict on a file it cannot read still comes first."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    actors = data / "be" / "actors.ttl"
    actors.write_text(actors.read_text(encoding="utf-8") + "\nbeo:nowhere rdfs:label .\n", encoding="utf-8")
    lines = len(actors.read_text(encoding="utf-8").splitlines())
    out = tmp_path / "out"
    done = aikg("build", "-o", str(out), "--data", str(data), status=2)
    assert f"actors.ttl:{lines}:" in done.stderr
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert written == []


# ---------------------------------------------------------------- --data on every command that reads the graph

@pytest.mark.parametrize("argv, words", [
    # The small invented network (tests/fixtures/small-network): a Northern government funds a Northern AI plan.
    (["query", "funding-by-funder", "--format", "csv"], "Northern government"),
    (["search", "Northern", "--format", "csv"], "Northern government"),
    (["describe", "Northern government"], "Northern AI plan"),
    (["export", "--format", "nt"], "Northern government"),
    (["prefixes", "--format", "csv"], "https://example.org/rt/"),
    (["network", "--format", "graphml"], "Northern government"),
])
def test_data_option_replaces_the_projects_data(argv: list[str], words: str) -> None:
    on_small = aikg(*argv, "--data", str(SMALL)).stdout
    assert words in on_small and "Tremplin" not in on_small  # a Walloon programme of the report
