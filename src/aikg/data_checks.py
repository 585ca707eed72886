"""The data-quality checks of ``queries/checks/*-violation.rq``, each row one problem.

A check is a named query that must return no rows (in the manner of the OBO
Ontology Development Kit). Its header comment says what a row means: the
``# message:`` line (the title when there is none). The first column is the
resource the problem is about; the others are shown beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aikg.paths import QUERIES_DIR
from aikg.query import NamedQuery, list_queries, run_query

__all__ = ["CHECKS_DIR", "CheckRow", "checks", "check_rows"]

CHECKS_DIR = QUERIES_DIR / "checks"
_MESSAGE = re.compile(r"^#\s*message\s*:\s*(.*)$")


@dataclass(frozen=True)
class CheckRow:
    """One row of a check: the check's name and message, the row's columns (name, Oxigraph term or None)."""

    check: str
    message: str
    columns: tuple[tuple[str, object], ...]


@cache
def checks() -> tuple[tuple[NamedQuery, str], ...]:
    """Each check query with the message its header gives a row."""
    found = []
    for query in list_queries(CHECKS_DIR):
        if not query.name.endswith("-violation"):
            continue
        lines = [m.group(1).strip() for m in map(_MESSAGE.match, query.text.splitlines()) if m]
        found.append((query, " ".join(lines) or query.title))
    return tuple(found)


def check_rows(store) -> list[CheckRow]:
    """The rows every check returns on ``store`` (an aikg.store.GraphStore)."""
    rows = []
    for query, message in checks():
        result = run_query(store, query)
        for row in result.rows:
            rows.append(CheckRow(query.name, message, tuple(zip(result.vars, row))))
    return rows
