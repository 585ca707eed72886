"""Shared fixtures: the project's merged graph and the report's text."""

from __future__ import annotations

import pytest
from rdflib import Graph

from aikg.load import load_graph
from aikg.paths import DATA_DIR

REPORT_TEXT = DATA_DIR / "be" / "ai-watch-belgium-2020.txt"


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def graph() -> Graph:
    """Ontology, code lists and all data, merged (read-only: do not modify)."""
    return load_graph()


@pytest.fixture(scope="session")
def report_text() -> str:
    """The report's text with whitespace collapsed, as quotes are compared."""
    return collapse_whitespace(REPORT_TEXT.read_text(encoding="utf-8"))
