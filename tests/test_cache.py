"""The cache of stores and validation reports: reused while nothing changed, never after a change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aikg.paths import DATA_DIR
from aikg.cachedir import SETTLED

AIKG = str(Path(sys.executable).with_name("aikg"))


def aikg(*args: str, cache: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "AIKG_CACHE_DIR": str(cache)}
    return subprocess.run([AIKG, *args], capture_output=True, text=True, env=env, timeout=timeout)


@pytest.fixture
def country(tmp_path: Path) -> Path:
    """A copy of the Belgian folder, to change."""
    folder = tmp_path / "data" / "be"
    shutil.copytree(DATA_DIR / "be", folder)
    return folder


def test_a_changed_report_text_is_validated_again(country: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = aikg("validate", str(country.parent), cache=cache)
    assert first.returncode == 0, first.stdout + first.stderr
    text = country / "ai-watch-belgium-2020.txt"
    # The quote about Team Up's subsidies no longer occurs in the text: the cached "conforms" must not be served.
    text.write_text(text.read_text(encoding="utf-8").replace("EUR 12 millions of subsidies", "EUR 12 millions"),
                    encoding="utf-8")
    second = aikg("validate", str(country.parent), cache=cache)
    assert second.returncode == 1
    assert "EUR 12 millions of subsidies" in second.stdout


def test_a_changed_data_file_is_queried_afresh(country: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    query = ["query", "-", "--format", "csv", "--data", str(country.parent)]
    ask = "SELECT ?label WHERE { beo:innoviris rdfs:label ?label }"

    def label() -> str:
        done = subprocess.run([AIKG, *query], input=ask, capture_output=True, text=True,
                              env={**os.environ, "AIKG_CACHE_DIR": str(cache)}, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[-1]

    assert label() == "Innoviris"
    actors = country / "actors.ttl"
    actors.write_text(actors.read_text(encoding="utf-8").replace('"Innoviris"@en', '"Innoviris2"@en', 1), encoding="utf-8")
    assert label() == "Innoviris2"


@pytest.mark.parametrize("command", [["validate"], ["query", "targets"], ["stats"]])
def test_a_data_file_that_is_a_device_is_refused_not_read(country: Path, tmp_path: Path, command: list[str]) -> None:
    (country / "zero.ttl").symlink_to("/dev/zero")
    done = aikg(*command, "--data", str(country.parent), cache=tmp_path / "cache", timeout=60)
    assert done.returncode == 2, done.stdout[-500:] + done.stderr
    assert "zero.ttl: is not a regular file" in done.stderr and "Traceback" not in done.stderr


@pytest.fixture
def settled_now(monkeypatch, tmp_path: Path):
    """Files count as settled at once (not two seconds after their last change), and a cache of this test's own."""
    from aikg import cache

    monkeypatch.setattr(cache, "SETTLED", -3600.0)
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path / "cache"))
    return cache


def test_an_unchanged_file_is_known_by_its_stat_without_reading_it(settled_now, country: Path, monkeypatch) -> None:
    from aikg.sources import Source, sources

    key = settled_now.content_key(sources([country]))

    def unreadable(self):
        raise AssertionError(f"{self.path} was read")

    monkeypatch.setattr(Source, "read", unreadable)
    assert settled_now.content_key(sources([country])) == key


def test_a_rewrite_with_the_same_size_and_mtime_still_changes_the_key(settled_now, country: Path) -> None:
    from aikg.sources import sources

    key = settled_now.content_key(sources([country]))
    actors = country / "actors.ttl"
    before = actors.stat()
    actors.write_text(actors.read_text(encoding="utf-8").replace('"Innoviris"@en', '"Innoviriz"@en', 1), encoding="utf-8")
    os.utime(actors, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old size and mtime; the ctime is the write's
    assert actors.stat().st_size == before.st_size and actors.stat().st_mtime_ns == before.st_mtime_ns
    assert settled_now.content_key(sources([country])) != key


def test_a_file_changed_just_now_is_always_hashed(country: Path, tmp_path: Path, monkeypatch) -> None:
    """Two writes within one tick of the file system's clock leave the same stat; only the bytes tell them apart."""
    from aikg import cache
    from aikg.sources import sources

    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path / "cache"))
    (country / "actors.ttl").touch()
    cache.content_key(sources([country]))
    assert not (tmp_path / "cache" / cache.FINGERPRINTS).exists()


@pytest.fixture
def own_cache(monkeypatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    from conftest import run_cli

    return run_cli(*argv, stdin=stdin)


def test_the_same_query_on_unchanged_data_is_answered_without_parsing(own_cache: Path, monkeypatch) -> None:
    import aikg.store

    first = _run("query", "funding-by-recipient", "--format", "csv")
    assert first[0] == 0 and "Innoviris" in first[1]

    def no_parse(found):
        raise AssertionError("the data was parsed again")

    monkeypatch.setattr(aikg.store, "load_sources", no_parse)
    assert _run("query", "funding-by-recipient", "--format", "csv") == first
    # Another format, parameter or text is another answer: worked out afresh (here: refused, as nothing may parse).
    assert _run("query", "funding-by-recipient", "--format", "tsv")[0] != 0


def test_a_changed_parameter_is_a_new_answer(own_cache: Path) -> None:
    wallonia = _run("query", "supporters-of", "--param", "initiative=DigitalWallonia4.ai", "--format", "csv")
    team_up = _run("query", "supporters-of", "--param", "initiative=Team Up", "--format", "csv")
    assert wallonia[0] == team_up[0] == 0
    assert "Agoria" in wallonia[1] and "Innoviris" in team_up[1] and "Innoviris" not in wallonia[1]
    assert _run("query", "supporters-of", "--param", "initiative=DigitalWallonia4.ai", "--format", "csv") == wallonia


def test_a_query_that_asks_the_time_is_never_answered_from_the_cache(own_cache: Path, monkeypatch) -> None:
    import aikg.store

    ask = "SELECT (NOW() AS ?now) WHERE {}"
    assert _run("query", "-", "--format", "csv", stdin=ask)[0] == 0

    def no_parse(found):
        raise AssertionError("parsed")

    monkeypatch.setattr(aikg.store, "load_sources", no_parse)
    status, _, error = _run("query", "-", "--format", "csv", stdin=ask)
    assert status != 0 and "parsed" in error  # it was asked of the engine again, not read back


def test_a_failed_query_leaves_no_answer(own_cache: Path) -> None:
    status, _, error = _run("query", "supporters-of", "--param", "initiative=nobody-of-that-name", "--format", "csv")
    assert status == 2 and "nobody-of-that-name" in error
    assert not list(own_cache.rglob("answer-*"))


def test_the_least_recently_used_answers_are_forgotten_beyond_the_bound(tmp_path: Path, monkeypatch) -> None:
    from aikg import answers
    from aikg.cache import Entry

    monkeypatch.setattr(answers, "KEEP", 2)
    entry = Entry(tmp_path / "entry")
    parts = [answers.answer_part(f"ASK {{ ?s ?p {i} }}", {}, "csv", None) for i in range(3)]
    for age, part in enumerate(parts):
        answers.keep(entry, part, part.encode())
        os.utime(entry.path / part, (1000 + age, 1000 + age))
    answers.keep(entry, parts[2], parts[2].encode())  # the newest, kept again
    assert [answers.recall(entry, part) for part in parts] == [None, parts[1].encode(), parts[2].encode()]
    monkeypatch.setattr(answers, "MAX_BYTES", 3)
    answers.keep(entry, "answer-big", b"four")
    assert answers.recall(entry, "answer-big") is None


LABEL_QUERY = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
              "SELECT ?label WHERE { <https://w3id.org/aikg/id/be/org/innoviris> rdfs:label ?label } ORDER BY ?label\n"


def _edit_data(country: Path, query: Path) -> str:
    actors = country / "actors.ttl"
    actors.write_text(actors.read_text(encoding="utf-8").replace('"Innoviris"@en', '"Innoviris2"@en', 1), encoding="utf-8")
    return "Innoviris2"


def _add_data(country: Path, query: Path) -> str:
    (country / "more.ttl").write_text('<https://w3id.org/aikg/id/be/org/innoviris> '
                                      '<http://www.w3.org/2000/01/rdf-schema#label> "Innoviris (more)"@en .\n')
    return "Innoviris\nInnoviris (more)"


def _edit_query(country: Path, query: Path) -> str:
    query.write_text(LABEL_QUERY.replace("?label }", '?label FILTER (?label != "Innoviris"@en) }'), encoding="utf-8")
    return ""


@pytest.mark.parametrize("change", [_edit_data, _add_data, _edit_query], ids=["data edited", "data added", "query edited"])
def test_a_query_asked_again_is_replayed_until_something_it_read_changes(country: Path, tmp_path: Path, change) -> None:
    """The second run prints the kept answer without importing the command line (nor any RDF
    library); after any change to what the answer came from, the answer is worked out again."""
    (country / "empty.ttl").write_text("")  # a warning, replayed with the answer
    query = tmp_path / "innoviris.rq"
    query.write_text(LABEL_QUERY, encoding="utf-8")
    env = {**os.environ, "AIKG_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPROFILEIMPORTTIME": "1"}

    def ask() -> tuple[str, str]:
        done = subprocess.run([AIKG, "query", str(query), "--format", "tsv", "--data", str(country)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return "\n".join(line.strip('"').split('"@')[0] for line in done.stdout.splitlines()[1:]), done.stderr

    time.sleep(SETTLED + 0.1)  # files changed in the last seconds are never taken on their stat
    first, first_log = ask()
    again, again_log = ask()
    assert first == again == "Innoviris"
    assert "aikg.cli" in first_log and "aikg.cli" not in again_log and "pyoxigraph" not in again_log
    assert again_log.count("holds no statements") == first_log.count("holds no statements") == 1
    expected = change(country, query)
    after, after_log = ask()
    assert after == expected and "aikg.cli" in after_log
