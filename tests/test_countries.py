"""More than one country: the shared folder, `aikg new`, each report's own prefixes and coverage.

The second country is the fictional Zembla (tests/fixtures/zz, never in data/): four files,
its own text, two actors, a programme, a funding relation, relations with evidence.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from aikg.paths import DATA_DIR
from aikg.prefixes import PREFIXES, report_prefixes
from aikg.scaffold import headings
from aikg.stats import report_coverage
from conftest import REPORT_TEXT, ZEMBLA, run_cli

pytestmark = pytest.mark.behaviour
ZEMBLA_TEXT = ZEMBLA / "ai-watch-zembla-2020.txt"
TITLE = "National strategies on Artificial Intelligence – A European perspective in 2019 – Country report – Zembla"


def test_a_country_folder_is_validated_with_the_shared_folder() -> None:
    # Zembla's report is published by aio:jrc, defined only in data/shared/: 4 files of Zembla + 2 shared.
    status, out, _ = run_cli("validate", str(ZEMBLA))
    assert status == 0, out
    assert out.strip().splitlines()[-1].startswith("conforms: 6 files,")


def test_two_countries_conform_together_and_the_shared_files_count_once() -> None:
    status, out, _ = run_cli("validate", str(DATA_DIR / "be"), str(ZEMBLA))
    assert status == 0, out
    assert out.strip().splitlines()[-1].startswith("conforms: 14 files,")  # 8 Belgian, 4 Zemblan, 2 shared


def test_restating_a_shared_resource_is_a_violation_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "zz"
    shutil.copytree(ZEMBLA, folder)
    actors = folder / "actors.ttl"
    lines = actors.read_text(encoding="utf-8").splitlines()
    lines += ["aio:jrc a aikg:InternationalOrganisation ;", '    rdfs:label "JRC Seville"@en .']
    actors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = run_cli("validate", str(folder))
    assert status == 1
    restated = [line for line in out.splitlines() if "shared folder" in line]
    assert len(restated) == 2, out
    assert f"actors.ttl:{len(lines) - 1}  aio:jrc  rdf:type  states again a triple of the shared folder" in restated[0]
    assert f"actors.ttl:{len(lines)}  aio:jrc  rdfs:label  gives a resource of the shared folder" in restated[1]


def test_a_misspelt_resource_iri_is_named_with_the_one_meant(tmp_path: Path) -> None:
    folder = tmp_path / "zz"
    shutil.copytree(ZEMBLA, folder)
    funding = folder / "funding.ttl"
    funding.write_text(funding.read_text(encoding="utf-8").replace(
        "schema:funder zzo:ministry-of-digital-affairs", "schema:funder zzo:ministry-of-digital-afairs"), encoding="utf-8")
    status, out, _ = run_cli("validate", str(folder))
    assert status == 1
    assert "zzo:ministry-of-digital-afairs (did you mean zzo:ministry-of-digital-affairs?)" in out, out


def test_a_resource_is_never_suggested_from_another_namespace() -> None:
    # funding.ttl alone names Belgian initiatives (bep:) defined in programmes.ttl; the funding
    # relations (bef:) of the same names are no initiatives and must not be offered instead.
    status, out, _ = run_cli("validate", str(DATA_DIR / "be" / "funding.ttl"))
    assert status == 1
    note = next(line for line in out.splitlines() if line.startswith("note:"))
    assert "bep:flemish-ai-plan-technology-transfer" in note and "did you mean" not in note, note


def test_a_quote_names_its_report_beside_its_section() -> None:
    # With two reports loaded, "Introduction" or "1 Human capital" alone would not say whose words they are.
    status, out, _ = run_cli("describe", "--data", str(DATA_DIR), "--data", str(ZEMBLA), "--format", "json",
                             "zzo:ministry-of-digital-affairs")
    assert status == 0, out
    places = {(e["section_label"], e["report_label"]) for f in json.loads(out)["facts"] for e in f["evidence"] if e["kind"] == "quote"}
    assert places and all(report == "report on Zembla" for _, report in places), places
    status, out, _ = run_cli("describe", "--data", str(DATA_DIR), "--data", str(ZEMBLA), "Team Up")
    assert "(6 Regional strategies – Brussels Region, report on Belgium)" in out


def test_a_quote_counts_for_its_own_report_only() -> None:
    graph = Graph().parse(data="""
        @prefix prov: <http://www.w3.org/ns/prov#> .
        [] prov:entity <https://example.org/a> ; prov:value "two three" .
        [] prov:entity <https://example.org/b> ; prov:value "one" .""", format="turtle")
    text = "one two three four"
    assert report_coverage(graph, text, URIRef("https://example.org/a")) == len("two three") / len(text)
    assert report_coverage(graph, text, URIRef("https://example.org/b")) == len("one") / len(text)


def test_stats_gives_each_report_its_own_coverage() -> None:
    alone = run_cli("stats", "--format", "csv", "--data", str(DATA_DIR))[1]
    both = run_cli("stats", "--format", "csv", "--data", str(DATA_DIR), "--data", str(ZEMBLA))[1]
    line = next(line for line in alone.splitlines() if line.startswith("report text quoted: bed:"))
    assert line in both.splitlines()  # Zembla's quotes (one is also a sentence of Belgium's) change nothing
    assert any(line.startswith("report text quoted: zzd:ai-watch-zembla-2020,") for line in both.splitlines())


def test_headings_are_read_from_the_text() -> None:
    found = [s.heading for s in headings(REPORT_TEXT.read_text(encoding="utf-8"))]
    # Read off the Belgian text: six numbered sections, three regional subsections, the background.
    for heading in ["1 Human capital", "2 From the lab to the market", "3 Networking", "4 Regulation",
                    "5 Infrastructure", "6 Regional strategies", "Flanders", "Brussels Region",
                    "The Walloon Region", "Background information"]:
        assert heading in found
    assert [h for h in found if h[0].isdigit()] == found[3:9]  # page numbers ("1", "3") are no headings


def test_the_walk_through_of_data_readme(tmp_path: Path) -> None:
    """data/README.md, "Adding a country": new, validate, fill in an example, validate, ask."""
    status, out, err = run_cli("new", "zz", "--text", str(ZEMBLA_TEXT), "--title", TITLE, "--country", "Zembla",
                               "--root", str(tmp_path))
    assert status == 0, err
    report = tmp_path / "zz" / "report.ttl"
    assert sorted(p.name for p in (tmp_path / "zz").iterdir()) == ["ai-watch-zembla-2020.txt", "report.ttl"]
    assert run_cli("validate", str(tmp_path / "zz"))[0] == 0
    text = report.read_text(encoding="utf-8")
    # The sections are the text's headings; the prefixes are the report's own.
    for section in ["zzs:section-1 a aikg:Section", "zzs:section-2 a aikg:Section", "zzs:background-information a aikg:Section"]:
        assert section in text
    assert "@prefix zzs:    <https://w3id.org/aikg/id/zz/report/ai-watch-zembla-2020#> ." in text
    # Fill in the actor example, with the report's words.
    example = text[text.index("# zzo:ministry"):].split("\n\n")[0]
    actor = "\n".join(line[2:] for line in example.splitlines())
    actor = actor.replace("the words of the report that name it", "The Ministry of Digital Affairs funds")
    actor = actor.replace("zzs:national-strategies-on-artificial-intelligence", "zzs:section-1")
    report.write_text(text + "\n" + actor + "\n", encoding="utf-8")
    status, out, _ = run_cli("validate", str(tmp_path / "zz"))
    assert status == 0, out
    status, out, _ = run_cli("describe", "Ministry of Digital Affairs", "--data", str(tmp_path / "zz"))
    assert status == 0 and "The Ministry of Digital Affairs funds" in out


@pytest.mark.parametrize("code, why", [("be", "already exists"), ("Z1", "lower-case letters")])
def test_new_refuses_a_bad_code_or_an_existing_folder(code: str, why: str) -> None:
    status, _, err = run_cli("new", code, "--text", str(ZEMBLA_TEXT), "--title", "x", "--country", "Zembla")
    assert status == 2 and why in err and "Traceback" not in err


def test_new_refuses_a_text_without_headings_and_writes_nothing(tmp_path: Path) -> None:
    text = tmp_path / "plain.txt"
    text.write_text("only one sentence, and no heading at all.\n", encoding="utf-8")
    status, _, err = run_cli("new", "zz", "--text", str(text), "--title", "x", "--country", "Zembla", "--root", str(tmp_path))
    assert status == 2 and "plain.txt: no line reads as a section heading" in err
    assert not (tmp_path / "zz").exists()


def test_new_refuses_a_prefix_another_report_declares(tmp_path: Path) -> None:
    (tmp_path / "yy").mkdir()
    (tmp_path / "yy" / "a.ttl").write_text("@prefix xxo: <https://w3id.org/aikg/id/yy/org/> .\n", encoding="utf-8")
    status, _, err = run_cli("new", "xx", "--text", str(ZEMBLA_TEXT), "--title", "x", "--country", "Zembla",
                             "--root", str(tmp_path))
    assert status == 2 and "prefix xxo: is already <https://w3id.org/aikg/id/yy/org/>" in err


def test_report_prefixes_come_from_the_folders_and_never_take_a_project_name(tmp_path: Path) -> None:
    shutil.copytree(DATA_DIR / "be", tmp_path / "be")
    shutil.copytree(ZEMBLA, tmp_path / "zz")
    copied = tmp_path / "zz" / "report.ttl"
    copied.write_text("@prefix sec: <https://w3id.org/aikg/id/zz/report/ai-watch-zembla-2020#> .\n"
                      + copied.read_text(encoding="utf-8"), encoding="utf-8")
    found = report_prefixes(tmp_path)
    assert found["beo"] == "https://w3id.org/aikg/id/be/org/"
    assert found["zzs"] == "https://w3id.org/aikg/id/zz/report/ai-watch-zembla-2020#"
    assert "sec" not in found and PREFIXES["sec"].startswith("https://w3id.org/aikg/id/be/")
    status, out, _ = run_cli("prefixes", "--format", "csv", "--data", str(tmp_path / "zz"))
    assert status == 0
    assert "sec,https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#" in out.splitlines()
    assert "zzo,https://w3id.org/aikg/id/zz/org/" in out.splitlines()
