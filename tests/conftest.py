"""Shared fixtures: the project's merged graph and the report's text."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from rdflib import Graph

# Each test session gets a cache of its own, removed at the end: tests never see work cached by another run.
os.environ["AIKG_CACHE_DIR"] = tempfile.mkdtemp(prefix="aikg-test-cache-")
atexit.register(shutil.rmtree, os.environ["AIKG_CACHE_DIR"], ignore_errors=True)

from aikg.cli import Environment, main
from aikg.load import load_graph
from aikg.paths import DATA_DIR
from aikg.provenance import collapse_whitespace
from aikg.store import GraphStore, open_store

REPORT_TEXT = DATA_DIR / "be" / "ai-watch-belgium-2020.txt"
# A fictional second country (tests/fixtures/zz, never in data/): invariants run over Belgium and over both.
ZEMBLA = Path(__file__).parent / "fixtures" / "zz"
DATASETS = {"project": None, "with-zembla": [str(DATA_DIR), str(ZEMBLA)]}


BELGIUM = [str(DATA_DIR / "be")]  # with the shared folder it refers to (aikg.sources.shared_for)


@pytest.fixture(scope="session")
def graph() -> Graph:
    """Ontology, code lists and Belgium's data (and the shared folder), merged (read-only: do not modify):
    the answers worked out from the Belgian report hold whatever other countries data/ holds."""
    return load_graph(BELGIUM)


@pytest.fixture(scope="session")
def store() -> GraphStore:
    """The same content in the query engine (pyoxigraph), as the commands use it."""
    return open_store(BELGIUM)


@pytest.fixture(scope="session", params=list(DATASETS))
def any_data(request) -> list[str] | None:
    """The data paths of each data set the invariants must hold on: the project's, and with Zembla beside it."""
    return DATASETS[request.param]


@pytest.fixture(scope="session")
def any_graph(any_data) -> Graph:
    """The merged graph of each data set (read-only)."""
    return load_graph(any_data)


@pytest.fixture(scope="session")
def any_store(any_data) -> GraphStore:
    """The query store of each data set."""
    return open_store(any_data)


@pytest.fixture(scope="session")
def report_text() -> str:
    """The report's text with whitespace collapsed, as quotes are compared."""
    return collapse_whitespace(REPORT_TEXT.read_text(encoding="utf-8"))


def run_cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """Run ``aikg ARGV`` in-process; returns (exit status, stdout, stderr)."""
    env = Environment(stdin=io.StringIO(stdin), stdout=io.StringIO(), stderr=io.StringIO())
    status = main(list(argv), env)
    return status, env.stdout.getvalue(), env.stderr.getvalue()


@pytest.fixture
def aikg():
    return run_cli


# What each test checks, so that the count of tests means something (tests/count_tests.py, README):
# "answer": an answer worked out by hand from the report or from a fixture worked out by hand;
# "invariant": a rule that must hold for every item of the data (every quote, term, query), once;
# "behaviour": how the program behaves (errors, limits, formats, safety), whatever the data.
# A test or module marked with one of these keeps it; other tests take their file's kind below.
TEST_KINDS = ("answer", "invariant", "behaviour")
FILE_KINDS = {
    "test_commands.py": "answer", "test_report_qualifiers.py": "answer", "test_coverage.py": "answer",
    "test_query_answers.py": "answer", "test_describe.py": "answer", "test_search.py": "answer",
    "test_network.py": "answer",
    "test_provenance.py": "invariant", "test_ontology.py": "invariant", "test_named_queries.py": "invariant",
}


# The inner loop, `pytest -m "not slow"`, leaves out what needs a program besides Python (Chromium,
# Virtuoso), the scale benchmark's data, another SPARQL engine, a subprocess of the installed `aikg`
# per case, or seconds of waiting by design (time limits, Ctrl-C). The whole suite runs them all.
SLOW_FILES = {
    "test_virtuoso.py": "starts Virtuoso and runs every named query there",
    "test_benchmark_data.py": "makes the scale benchmark's copies of the data",
    "test_commands.py": "runs the installed aikg in a subprocess, once per case",
    "test_hardening.py": "runs the installed aikg in a subprocess, once per case, one on 8,000 problems",
    "test_extensions.py": "runs the installed aikg in a subprocess, once per case",
    "test_one_path.py": "compares every named query through the endpoint and the installed aikg, in subprocesses",
    "test_no_network.py": "sends every probe through the installed aikg and a server",
    "test_server_safety.py": "starts servers and waits for slow queries by design",
    "test_bounds.py": "runs the installed aikg on large or deep data",
    "test_readme.py": "runs every console example of the README through the installed aikg",
}
SLOW_TESTS = {  # the start of a test's name
    "test_every_format_is_written_by_the_command": "runs the installed aikg in a subprocess, once per format",
    "test_every_filter_changes_what_the_command_writes": "runs the installed aikg in a subprocess, once per filter",
    "test_rdflib_gives_the_same_answer": "runs every named query on rdflib's engine too",
    "test_a_runaway_query_is_stopped_at_the_time_limit": "waits for the time limit",
    "test_slow_query_is_stopped_while_others_answer": "waits for the time limit",
    "test_ctrl_c_": "waits for processes to stop",
}


CHROMIUM = ("in_a_browser", "in_the_browser")  # in a test's name; the pages' tests are also marked to skip without it


def _slow(item: pytest.Item) -> bool:
    return (item.path.name in SLOW_FILES or item.name.startswith(tuple(SLOW_TESTS))
            or any(words in item.name for words in CHROMIUM)
            or any("chromium" in str(mark.kwargs.get("reason", "")) for mark in item.iter_markers("skipif")))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not any(item.get_closest_marker(kind) for kind in TEST_KINDS):
            item.add_marker(FILE_KINDS.get(item.path.name, "behaviour"))
        if _slow(item):
            item.add_marker("slow")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`aikg serve` of this test module, one worker, and its log (what it did before a request is testable too)."""
    from server_process import running_server

    log = tmp_path_factory.mktemp("serve") / "server.log"
    with running_server("--workers", "1", log=log) as url:
        yield url, log


def ctrl_c_as_at_a_terminal() -> None:
    """preexec_fn of a command a test interrupts: a suite started in the background (`nohup pytest &`)
    passes SIGINT on ignored, as Unix does for background jobs; the command gets Ctrl-C as at a terminal."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
