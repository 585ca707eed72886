"""Shared fixtures: the project's merged graph and the report's text."""

from __future__ import annotations

import io
import os
import tempfile

import pytest
from rdflib import Graph

# Each test session gets a cache of its own: tests never see a store built by another run.
os.environ["AIKG_CACHE_DIR"] = tempfile.mkdtemp(prefix="aikg-test-cache-")

from aikg.cli import Environment, main
from aikg.load import load_graph
from aikg.paths import DATA_DIR
from aikg.provenance import collapse_whitespace
from aikg.store import GraphStore, open_store

REPORT_TEXT = DATA_DIR / "be" / "ai-watch-belgium-2020.txt"


@pytest.fixture(scope="session")
def graph() -> Graph:
    """Ontology, code lists and all data, merged (read-only: do not modify)."""
    return load_graph()


@pytest.fixture(scope="session")
def store() -> GraphStore:
    """The same content in the query engine (pyoxigraph), as the commands use it."""
    return open_store()


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
