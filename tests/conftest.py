"""Shared fixtures: the project's merged graph and the report's text."""

from __future__ import annotations

import io

import pytest
from rdflib import Graph

from aikg.cli import Environment, main
from aikg.load import load_graph
from aikg.paths import DATA_DIR
from aikg.provenance import collapse_whitespace

REPORT_TEXT = DATA_DIR / "be" / "ai-watch-belgium-2020.txt"


@pytest.fixture(scope="session")
def graph() -> Graph:
    """Ontology, code lists and all data, merged (read-only: do not modify)."""
    return load_graph()


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
