"""The data-quality checks of ``queries/checks/*-violation.rq``, each row one problem.

A check is a named query that must return no rows (in the manner of the OBO
Ontology Development Kit). Its header comment says what a row means: the
``# message:`` line (the title when there is none), where ``{name}`` stands for
the row's value of ``?name``; and the ``# path:`` line, the property the problem is
about (a prefixed name, or ``?name`` for a column that holds it). The first column
is the resource the problem is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aikg.paths import QUERIES_DIR
from aikg.query import NamedQuery, list_queries, run_query

__all__ = ["CHECKS_DIR", "CheckRow", "checks", "check_rows"]

CHECKS_DIR = QUERIES_DIR / "checks"
_HEADER = re.compile(r"^#\s*(message|path)\s*:\s*(.*)$")


@dataclass(frozen=True)
class CheckRow:
    """One row of a check: the check's name, message and path, the row's columns (name, Oxigraph term or None)."""

    check: str
    message: str
    path: str
    columns: tuple[tuple[str, object], ...]


@cache
def checks() -> tuple[tuple[NamedQuery, str, str], ...]:
    """Each check query with the message and the path its header gives a row."""
    found = []
    for query in list_queries(CHECKS_DIR):
        if not query.name.endswith("-violation"):
            continue
        header: dict[str, list[str]] = {"message": [], "path": []}
        for match in filter(None, map(_HEADER.match, query.text.splitlines())):
            header[match.group(1)].append(match.group(2).strip())
        found.append((query, " ".join(header["message"]) or query.title, " ".join(header["path"])))
    return tuple(found)


def check_rows(store) -> list[CheckRow]:
    """The rows every check returns on ``store`` (an aikg.store.GraphStore)."""
    rows = []
    for query, message, path in checks():
        result = run_query(store, query)
        for row in result.rows:
            rows.append(CheckRow(query.name, message, path, tuple(zip(result.vars, row))))
    return rows
