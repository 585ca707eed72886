"""The README's console examples are what aikg prints: each `$ aikg ...` line is run and its output compared.

The way sqlite-utils checks its CLI documentation. In a console block, a `$` line is a command
(a shell pipeline of the installed `aikg`), the lines up to the next `$` line are its output,
compared exactly, but for two marks: a line `...` stands for any number of lines, and a line
ending in `...` for any line that starts with what comes before (a cut row or list). A command
followed directly by another `$` line is run for its exit status alone. `# exit N` after a
command gives the status it must end with (else 0). Commands run in a temporary folder holding
`data/` (the project's data) and the two files the examples name (tests/fixtures/readme/).
Commands that need a server or credentials (`serve`, `curl`, `push`, `--endpoint`, `export VAR=`)
are checked by the server and Virtuoso tests instead, and listed here as skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aikg.paths import PROJECT_ROOT

pytestmark = pytest.mark.behaviour

README = PROJECT_ROOT / "README.md"
FIXTURES = Path(__file__).parent / "fixtures" / "readme"
NOT_HERE = ("aikg serve", "curl ", "aikg push", "--endpoint", "export AIKG_")
_EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")
_COMMENT = re.compile(r"\s+#(?!.*['\"]).*$")


def examples(text: str) -> list[tuple[int, str, list[str] | None, int]]:
    """(line number, command, expected output or None when none is shown, exit status) for every example."""
    found = []
    lines = text.splitlines()
    inside = False
    current: tuple[int, str, int] | None = None
    output: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("```"):
            if inside and current:
                found.append((current[0], current[1], output or None, current[2]))
            inside, current, output = line.strip() == "```console", None, []
            continue
        if not inside:
            continue
        if line.startswith("$ "):
            if current:
                found.append((current[0], current[1], output or None, current[2]))
            command = line[2:]
            status = int(m.group(1)) if (m := _EXIT.search(command)) else 0
            command = _COMMENT.sub("", _EXIT.sub("", command)).rstrip()
            current, output = (number, command, status), []
        elif current:
            output.append(line)
    return found


EXAMPLES = examples(README.read_text(encoding="utf-8"))


def matches(expected: list[str], got: list[str]) -> bool:
    """Whether the printed lines fit the README's, with `...` lines and `...` line ends as wildcards."""
    if not expected:
        return not got
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, got[i:]) for i in range(len(got) + 1))
    if not got:
        return False
    fits = got[0].startswith(head[:-3].rstrip()) if head.endswith("...") else got[0].rstrip() == head.rstrip()
    return fits and matches(rest, got[1:])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("readme")
    shutil.copytree(PROJECT_ROOT / "data", where / "data")  # a copy: `aikg new` writes into it
    for fixture in FIXTURES.iterdir():
        shutil.copy(fixture, where / fixture.name)
    return where


def test_the_readme_has_examples_to_check() -> None:
    assert len([e for e in EXAMPLES if not any(word in e[1] for word in NOT_HERE)]) >= 25


@pytest.mark.parametrize("line,command,expected,status", EXAMPLES, ids=[f"line-{e[0]}" for e in EXAMPLES])
def test_a_readme_example_prints_what_the_readme_shows(folder: Path, line: int, command: str,
                                                       expected: list[str] | None, status: int) -> None:
    if any(word in command for word in NOT_HERE):
        pytest.skip("needs a server or credentials: the server and Virtuoso tests check it")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=120, env={**os.environ, "PATH": path})
    printed = done.stdout.splitlines()
    if "| head" in command or "| tail" in command:
        assert done.returncode in (status, 141), done.stdout  # head may close the pipe early
    else:
        assert done.returncode == status, f"README line {line}: {command}\n{done.stdout}"
    if expected is not None:
        assert matches(expected, printed), f"README line {line}: {command}\nprinted:\n" + "\n".join(printed)


def test_the_readmes_picture_is_the_one_build_makes(tmp_path: Path) -> None:
    """docs/actor-network.svg (shown in the README) is byte for byte what `aikg network --format svg` draws today."""
    drawn = tmp_path / "actors.svg"
    done = subprocess.run([str(Path(sys.executable).parent / "aikg"), "network", "--format", "svg", "-o", str(drawn)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert drawn.read_bytes() == (PROJECT_ROOT / "docs" / "actor-network.svg").read_bytes(), (
        "docs/actor-network.svg is not today's picture: copy build/network/actors.svg over it")
