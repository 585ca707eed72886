"""The default graph is the RDF merge of the files, a set: a triple stated in two files is one triple
in every answer (queries, counts, search, describe, the endpoint), while GRAPH still finds both files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aikg.describe import describe
from aikg.query import read_query, run_query
from aikg.paths import DATA_DIR
from aikg.lookup import search
from aikg.store import open_store

pytestmark = pytest.mark.behaviour

AIKG = str(Path(sys.executable).with_name("aikg"))
RESTATED = """@prefix aio: <https://w3id.org/aikg/id/org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
# What another report's folder might restate of a shared resource (stated in shared/international.ttl).
aio:jrc rdfs:label "Joint Research Centre"@en .
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("twice") / "data"
    shutil.copytree(DATA_DIR / "be", root / "be")
    shutil.copytree(DATA_DIR / "shared", root / "shared")
    (root / "zz").mkdir()
    (root / "zz" / "restated.ttl").write_text(RESTATED, encoding="utf-8")
    return root


def _stated_in_shared(label: str) -> None:
    assert label in (DATA_DIR / "shared" / "international.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("named_graphs", [False, True])
def test_a_triple_in_two_files_is_one_row(data: Path, named_graphs: bool) -> None:
    _stated_in_shared('"Joint Research Centre"@en')
    store = open_store([data], named_graphs=named_graphs)
    rows = run_query(store, read_query("SELECT ?label WHERE { aio:jrc rdfs:label ?label }")).rows
    assert [row[0].value for row in rows] == ["Joint Research Centre"]
    count = run_query(store, read_query("SELECT (COUNT(*) AS ?n) WHERE { aio:jrc rdfs:label ?label }")).rows
    assert count[0][0].value == "1"
    reports = run_query(store, read_query("SELECT ?r WHERE { ?r a aikg:Report }")).rows
    assert len(reports) == len({row[0] for row in reports})


def test_graph_still_names_both_files(data: Path) -> None:
    store = open_store([data])
    rows = run_query(store, read_query('SELECT ?g WHERE { GRAPH ?g { aio:jrc rdfs:label "Joint Research Centre"@en } }')).rows
    assert len(rows) == 2 and any(row[0].value.endswith("/zz/restated") for row in rows)


def test_describe_and_search_show_it_once(data: Path) -> None:
    from pyoxigraph import NamedNode

    store = open_store([data], named_graphs=False)
    facts = [f for f in describe(store, NamedNode("https://w3id.org/aikg/id/org/jrc")).facts
             if f.predicate == "rdfs:label"]
    assert len(facts) == 1
    hits = [h for h in search(store, "Joint Research Centre").hits if h.prefixed == "aio:jrc" and h.kind == "name"]
    assert len(hits) == 1


def test_the_command_and_the_count_agree(data: Path) -> None:
    done = subprocess.run([AIKG, "query", "-", "--format", "json", "--data", str(data)],
                          input="SELECT ?label WHERE { aio:jrc rdfs:label ?label }", capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["results"]["bindings"]) == 1
