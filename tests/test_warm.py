"""The warm graph: a second query on unchanged data is answered by a process that parsed it once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from aikg.paths import DATA_DIR
from conftest import run_cli

AIKG = str(Path(sys.executable).with_name("aikg"))


@pytest.fixture
def warm_cache(monkeypatch):
    """A cache of the test's own with warm graphs on; every warm process it started is stopped after the test."""
    cache = Path(tempfile.mkdtemp(prefix="aikg-warm-"))  # a short path: a socket's address is bounded
    monkeypatch.setenv("AIKG_CACHE_DIR", str(cache))
    monkeypatch.setenv("AIKG_KEEP_WARM", "60")
    yield cache
    for lock in cache.glob("*/warm.lock"):
        pid = lock.read_text(encoding="ascii")
        if pid:
            try:
                os.kill(int(pid), signal.SIGTERM)
            except ProcessLookupError:
                pass
    shutil.rmtree(cache, ignore_errors=True)


def aikg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([AIKG, *args], capture_output=True, text=True, timeout=120)


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.05)


def warm_socket(cache: Path) -> Path:
    wait_for(lambda: any(cache.glob("*/warm.sock")))
    return next(cache.glob("*/warm.sock"))


@pytest.fixture
def no_parsing_here(monkeypatch):
    """Parsing in this process fails: an answer can then only come from the warm process."""
    import aikg.store

    def refuse(found):
        raise AssertionError("parsed in the foreground")

    monkeypatch.setattr(aikg.store, "load_sources", refuse)


def test_a_first_query_leaves_a_warm_graph_that_answers_the_next_query(warm_cache: Path, no_parsing_here) -> None:
    assert aikg("query", "targets", "--format", "csv").returncode == 0
    socket = warm_socket(warm_cache)
    assert socket.stat().st_mode & 0o777 == 0o600  # its owner's only
    status, out, error = run_cli("query", "funding-by-recipient", "--format", "csv")
    assert status == 0, error
    # Team Up: EUR 12 millions of subsidies from Innoviris (the report, section on the Brussels region)
    assert "Team Up" in out and "12000000" in out


def test_an_error_from_the_warm_graph_reads_as_in_the_foreground(warm_cache: Path, monkeypatch) -> None:
    asked = ("query", "supporters-of", "--param", "initiative=nobody of that name", "--format", "csv")
    monkeypatch.setenv("AIKG_KEEP_WARM", "0")
    foreground = run_cli(*asked)
    monkeypatch.setenv("AIKG_KEEP_WARM", "60")
    aikg("query", "targets", "--format", "csv")
    warm_socket(warm_cache)
    assert foreground[0] == 2 and "nobody of that name" in foreground[2]
    assert run_cli(*asked) == foreground


def test_the_warm_graph_keeps_the_askers_time_limit_and_answers_again_after(warm_cache: Path, no_parsing_here) -> None:
    aikg("query", "targets", "--format", "csv")
    warm_socket(warm_cache)
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, error = run_cli("query", "-", "--timeout", "1", "--format", "csv", stdin=endless)
    assert status == 2 and "time limit of 1 s" in error
    status, out, error = run_cli("query", "targets", "--format", "csv")
    assert status == 0, error
    # "...to train at least 1% of Belgian citizens" (the report's recommendations on skills)
    assert "Train at least 1% of Belgian citizens through MOOCs on AI,share of Belgian citizens trained through MOOCs on AI,at least,1," in out


def test_a_changed_file_is_never_answered_by_the_old_warm_graph(warm_cache: Path, tmp_path: Path) -> None:
    country = tmp_path / "data" / "be"
    shutil.copytree(DATA_DIR / "be", country)
    ask = ["query", "-", "--format", "csv", "--data", str(country.parent)]
    label = "SELECT ?label WHERE { beo:innoviris rdfs:label ?label }"

    def asked() -> str:
        done = subprocess.run([AIKG, *ask], input=label, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[-1]

    assert asked() == "Innoviris"
    warm_socket(warm_cache)
    assert asked() == "Innoviris"
    actors = country / "actors.ttl"
    actors.write_text(actors.read_text(encoding="utf-8").replace('"Innoviris"@en', '"Innoviris2"@en', 1), encoding="utf-8")
    assert asked() == "Innoviris2"


def test_a_warm_graph_leaves_when_no_question_comes(warm_cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("AIKG_KEEP_WARM", "1")
    aikg("query", "targets", "--format", "csv")
    socket = warm_socket(warm_cache)
    wait_for(lambda: not socket.exists())
    pid = int(socket.with_name("warm.lock").read_text(encoding="ascii"))
    wait_for(lambda: not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text())


def test_no_warm_graph_when_turned_off_and_a_clear_error_for_a_wrong_setting(warm_cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("AIKG_KEEP_WARM", "0")
    assert aikg("query", "targets", "--format", "csv").returncode == 0
    time.sleep(1)
    assert not list(warm_cache.glob("*/warm.*"))
    monkeypatch.setenv("AIKG_KEEP_WARM", "a while")
    done = aikg("query", "timeline", "--format", "csv")
    assert done.returncode == 2 and done.stderr == (
        "aikg: error: AIKG_KEEP_WARM='a while': give the seconds a warm graph is kept, or 0 to keep none\n")
