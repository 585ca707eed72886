"""The query store: one named graph per file, blank nodes kept apart, the files' prefixes known."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aikg.sources import GRAPH_BASE
from aikg.store import PREFIXES_FILE, open_store
from aikg.worker import Limits, run_bounded

ONE = """@prefix ex: <https://example.org/one/> .
ex:a ex:says [ ex:word "first" ] .
_:b1 ex:word "one's b1" .
"""
TWO = """@prefix ex2: <https://example.org/two/> .
_:b1 ex2:word "two's b1" .
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "xx").mkdir(parents=True)
    (data / "xx" / "one.ttl").write_text(ONE, encoding="utf-8")
    (data / "yy").mkdir()
    (data / "yy" / "one.ttl").write_text(TWO, encoding="utf-8")
    return data


def test_each_file_is_a_named_graph_and_the_default_graph_is_their_union(folder: Path) -> None:
    store = open_store([folder], use_cache=False)
    graphs = {row["g"].value: int(row["n"].value) for row in store.query(
        'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER (STRSTARTS(STR(?p), "https://example.org/")) } } GROUP BY ?g')}
    # two files named alike in two folders stay two graphs, named from their paths
    assert graphs == {f"{GRAPH_BASE}data/xx/one": 3, f"{GRAPH_BASE}data/yy/one": 1}
    assert len(list(store.query('SELECT * WHERE { ?s ?p ?o FILTER (STRSTARTS(STR(?p), "https://example.org/")) }'))) == 4


def test_the_same_blank_node_label_in_two_files_is_two_nodes(folder: Path) -> None:
    store = open_store([folder], use_cache=False)
    subjects = {row["s"] for row in store.query('SELECT ?s WHERE { ?s ?p ?w FILTER (STRENDS(?w, "b1")) }')}
    assert len(subjects) == 2


def test_prefixes_the_files_declare_are_known_and_kept_in_the_cache(folder: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path / "cache"))
    first = open_store([folder])
    assert first.prefixes["ex"] == "https://example.org/one/" and first.prefixes["ex2"] == "https://example.org/two/"
    assert first.entry is not None and first.entry.has(PREFIXES_FILE)
    again = open_store([folder])
    assert again.prefixes == first.prefixes
    assert [row["w"].value for row in again.query("SELECT ?w WHERE { ?s ex2:word ?w }")] == ["two's b1"]


def test_a_changed_prefix_is_read_afresh(folder: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path / "cache"))
    assert open_store([folder]).prefixes["ex2"] == "https://example.org/two/"
    (folder / "yy" / "one.ttl").write_text(TWO.replace("/two/", "/deux/"), encoding="utf-8")
    assert open_store([folder]).prefixes["ex2"] == "https://example.org/deux/"


def test_what_the_work_prints_on_stderr_is_passed_on_whole(capfd) -> None:
    noise = b"warning: " + b"x" * 300_000 + b"\n"  # more than a pipe holds: the child must not block on it

    def work() -> str:
        os.write(2, noise)
        return "answer"

    assert run_bounded(work, Limits(timeout=30)) == "answer"
    assert capfd.readouterr().err.encode() == noise


@pytest.mark.parametrize("text, expected", [
    # a directive after statements, SPARQL-style and case-insensitive
    ('@prefix a: <https://example.org/a#> .\na:s a:p a:o .\nPrEfIx b: <https://example.org/b#>\nb:s b:p b:o .\n',
     {"a": "https://example.org/a#", "b": "https://example.org/b#"}),
    # the word in a long text after the last directive: the file is read whole
    ('@prefix a: <https://example.org/a#> .\na:s a:p """a text that names a prefix\nover two lines""" .\n',
     {"a": "https://example.org/a#"}),
])
def test_every_prefix_a_file_declares_is_found(tmp_path: Path, text: str, expected: dict[str, str]) -> None:
    path = tmp_path / "data" / "xx" / "one.ttl"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    prefixes = open_store([path], use_cache=False).prefixes
    assert {name: prefixes[name] for name in expected} == expected
