"""Conforming data cannot make a command run away: each finishes in seconds or stops with a clear message.

The cases of the second probe: a long chain of blank nodes (RDF canonicalisation of the dumps grew
without bound and crashed at 10,000), a literal of 10 MiB in `describe`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aikg.blank_nodes import MAX_LINKED, oversized_groups
from aikg.paths import DATA_DIR

pytestmark = pytest.mark.behaviour

AIKG = str(Path(sys.executable).with_name("aikg"))
HEAD = ("@prefix beo: <https://w3id.org/aikg/id/be/org/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")


def _country_with(tmp_path: Path, name: str, turtle: str) -> Path:
    folder = tmp_path / "data" / "be"
    shutil.copytree(DATA_DIR / "be", folder)
    (folder / name).write_text(HEAD + turtle, encoding="utf-8")
    return folder.parent


def _chain(length: int) -> str:
    links = [f"_:b{i} rdfs:seeAlso _:b{i + 1} .\n" for i in range(length)]
    return "beo:innoviris rdfs:seeAlso _:b0 .\n" + "".join(links)


def aikg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([AIKG, *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("length", [1_000, 10_000])
def test_a_long_blank_node_chain_is_refused_by_export_and_reported_by_validate(tmp_path: Path, length: int) -> None:
    data = _country_with(tmp_path, "chain.ttl", _chain(length))
    exported = aikg("export", "--data", str(data))
    assert exported.returncode == 2
    assert f"chain.ttl: {length + 1:,} blank nodes are linked together" in exported.stderr
    assert "innoviris" in exported.stderr and "Traceback" not in exported.stderr
    validated = aikg("validate", str(data))
    assert validated.returncode == 1
    assert f"beo:innoviris  -  {length + 1:,} blank nodes are linked together here" in validated.stdout


def test_small_blank_node_groups_pass() -> None:
    """The groups the modelling rules make (an amount, a quotation) are far below the bound."""
    chain = [(f"_:{i}", "p", f"_:{i + 1}") for i in range(MAX_LINKED - 1)]
    assert oversized_groups(chain, lambda term: term.startswith("_:")) == []
    assert oversized_groups([*chain, (f"_:{MAX_LINKED - 1}", "p", "_:x")], lambda t: t.startswith("_:")) == [(None, MAX_LINKED + 1)]


def test_a_literal_of_ten_mebibytes_is_described(tmp_path: Path) -> None:
    words = "word " * (2 * 2**20)
    data = _country_with(tmp_path, "long.ttl", f'beo:innoviris rdfs:comment "{words}" .\n')
    done = aikg("describe", "Innoviris", "--data", str(data), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("word") >= 2 * 2**20  # wrapped, never cut


def _nested(depth: int) -> str:
    return "beo:innoviris rdfs:seeAlso " + "[ rdfs:seeAlso " * depth + "beo:innoviris" + " ]" * depth + " .\n"


def test_deeply_nested_blank_nodes_are_read_not_refused(tmp_path: Path) -> None:
    """Valid Turtle nested 200 deep (rdflib's parser stops near 140) validates and exports."""
    data = _country_with(tmp_path, "nested.ttl", _nested(200))
    validated = aikg("validate", str(data))
    assert validated.returncode == 0, validated.stdout[-500:] + validated.stderr
    exported = aikg("export", "--format", "nt", "--data", str(data))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.count("<http://www.w3.org/2000/01/rdf-schema#seeAlso>") >= 201


def test_nesting_beyond_the_bound_is_a_problem_with_its_resource(tmp_path: Path) -> None:
    data = _country_with(tmp_path, "nested.ttl", _nested(2_000))
    validated = aikg("validate", str(data))
    assert validated.returncode == 1, validated.stderr
    assert "beo:innoviris  -  2,000 blank nodes are linked together here" in validated.stdout
