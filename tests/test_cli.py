"""The aikg command as a user meets it: exit codes, messages, help, documentation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from aikg.cli import build_parser
from aikg.paths import DATA_DIR, PROJECT_ROOT
from conftest import run_cli as run




BROKEN_FUNDING = """
@prefix aikg:   <https://w3id.org/aikg/ontology#> .
@prefix bef:    <https://w3id.org/aikg/id/be/funding/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix status: <https://w3id.org/aikg/code/status/> .
@prefix sec:    <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .

bef:broken a aikg:FundingRelation ;
    rdfs:label "A broken funding relation"@en ;
    schema:funder sec:section-2 ;
    schema:amount [ a schema:MonetaryAmount ; schema:value "12000000"^^xsd:decimal ; schema:currency "EUR" ] ;
    aikg:status status:spent ;
    prov:qualifiedQuotation [ a prov:Quotation ; prov:entity <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020> ;
        prov:atLocation sec:section-6-brussels ; prov:value "amounting to EUR 12 millions of subsidies" ] .
"""


def test_validate_accepts_the_projects_data() -> None:
    status, out, err = run("validate")
    assert status == 0, err
    assert "conforms" in out and "0 violations" in out


def test_validate_rejects_a_broken_funding_relation_and_names_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN_FUNDING, encoding="utf-8")
    status, out, _err = run("validate", str(DATA_DIR), str(broken))
    assert status == 1
    lines = [line for line in out.splitlines() if "bef:broken" in line]
    assert any("schema:funder" in line and "must be an aikg:Actor" in line for line in lines), out
    assert any("schema:fundedItem" in line and "exactly one recipient" in line for line in lines), out
    assert any("how exact it is" in line for line in lines), out
    assert f"{broken}: " in out or "broken.ttl: " in out  # grouped under the file


def test_validate_names_file_and_line_of_a_syntax_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\n\nex:a ex:b ex:c ;\n    ex:d \"unterminated .\n", encoding="utf-8")
    status, out, err = run("validate", str(bad))
    assert status == 2
    assert re.search(r"bad\.ttl:4:\d+: Turtle syntax error", err), err
    assert "Traceback" not in err + out


def test_validate_rejects_an_invalid_iri_that_rdflib_would_accept(tmp_path: Path) -> None:
    bad = tmp_path / "iri.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b <not an iri> .\n", encoding="utf-8")
    status, _, err = run("validate", str(bad))
    assert status == 2 and "iri.ttl:2:" in err


def test_validate_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    status, _, err = run("validate", str(tmp_path / "nowhere.ttl"))
    assert status == 2 and "nowhere.ttl: no such file or folder" in err


def test_the_installed_command_runs_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle\n", encoding="utf-8")
    installed = Path(sys.executable).with_name("aikg")  # the entry point pip installed, not python -m
    proc = subprocess.run([str(installed), "validate", str(bad)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "bad.ttl:1:" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_query_suggests_the_nearest_names() -> None:
    status, _, err = run("query", "funding-by-fundr")
    assert status == 2
    assert "no named query 'funding-by-fundr'" in err and "did you mean funding-by-funder" in err
    status, _, err = run("query", "no-such-query")
    assert status == 2 and "did you mean" not in err and "'aikg queries' lists them" in err


SUBCOMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # noqa: SLF001 - argparse has no public API


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([command, "--help"])
    assert exit_.value.code == 0
    assert f"aikg {command}" in capsys.readouterr().out.split("example:")[-1]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^#+ .*`aikg {command}", readme, re.M), f"README.md has no section on 'aikg {command}'"


def test_a_problem_is_reported_once(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN_FUNDING.replace('"12000000"^^xsd:decimal', '"12"^^xsd:integer'), encoding="utf-8")
    status, out, _err = run("validate", str(DATA_DIR), str(broken))
    assert status == 1
    lines = [line for line in out.splitlines() if "in full units" in line]
    assert len(lines) == 1, out
