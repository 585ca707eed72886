"""A syntax error names the line and column where a person finds the fault, counted by hand from 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.answer

AIKG = str(Path(sys.executable).with_name("aikg"))


@pytest.mark.parametrize("text,where", [
    # line 2: `ex:a ex:b "x" "y" .`, the second literal "y" starts in column 15
    ('@prefix ex: <http://example.org/> .\nex:a ex:b "x" "y" .\n', ":2:15: Turtle syntax error"),
    # line 3: two spaces, `ex:d` and a space, then the bad IRI opens in column 8
    ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n  ex:d <not an iri> .\n", ":3:8: Turtle syntax error"),
])
def test_a_turtle_error_is_placed_where_the_fault_is(tmp_path: Path, text: str, where: str) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(text, encoding="utf-8")
    for command in (["validate", str(bad)], ["query", "targets", "--data", str(bad)], ["export", "--data", str(bad)]):
        done = subprocess.run([AIKG, *command], capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and f"{bad}{where}" in done.stderr, (command, done.stderr)


def test_a_sparql_error_is_placed_on_its_line() -> None:
    """Line 2 of the query: `WHERE { ?s ?p ?o } LIMIT x`; the LIMIT clause, whose x is no number, starts in column 20."""
    done = subprocess.run([AIKG, "query", "-"], input="SELECT ?s\nWHERE { ?s ?p ?o } LIMIT x\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "<stdin>:2:20: SPARQL syntax error" in done.stderr, done.stderr
