"""Every query is bounded: time, memory, rows, Ctrl-C; and hostile input gets one clear line.

Each case runs the installed ``aikg`` command in a subprocess, as a user would, and
checks the exit status, the one-line message and that it came back within its bound.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ctrl_c_as_at_a_terminal

AIKG = str(Path(sys.executable).with_name("aikg"))
SLACK = 15  # seconds allowed on top of a time limit for start-up on a loaded machine

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PATHS = "SELECT * WHERE { ?s (<urn:a>|!<urn:a>|^<urn:a>|^!<urn:a>)* ?o }"
REGEX = 'SELECT ?r WHERE { BIND (REGEX("' + "a" * 40 + '!", "^(a+)+$") AS ?r) }'
CONCAT = "SELECT (STRLEN(?v40) AS ?n) WHERE { BIND (\"ab\" AS ?v0) " + " ".join(
    f"BIND (CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(40)) + " }"


def aikg(*args: str, stdin: bytes = b"", timeout: float = 120) -> tuple[int, str, str, float]:
    started = time.monotonic()
    proc = subprocess.run([AIKG, *args], input=stdin, capture_output=True, timeout=timeout)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode(), time.monotonic() - started


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("text", [CARTESIAN, PATHS, CONCAT], ids=["cartesian", "path-alternation", "concat-40"])
def test_a_runaway_query_is_stopped_at_the_time_limit(text: str) -> None:
    status, out, err, took = aikg("query", "-", "--format", "csv", "--timeout", "2", stdin=text.encode())
    assert status == 2 and out == ""
    line = one_line(err)
    assert "time limit of 2 s" in line or "out of memory" in line
    assert took < 2 + SLACK


def test_a_catastrophic_regex_answers_within_the_limit() -> None:
    status, out, err, took = aikg("query", "-", "--format", "csv", "--timeout", "5", stdin=REGEX.encode())
    assert status == 0, err
    assert out.split() == ["r", "false"]  # 40 a's and a "!" do not match ^(a+)+$
    assert took < 5 + SLACK


def test_memory_limit_stops_a_query_that_grows_and_says_so() -> None:
    status, out, err, _ = aikg("query", "-", "--format", "csv", "--timeout", "60", "--max-memory", "0.5",
                               stdin=CONCAT.encode())
    assert status == 2 and out == ""
    assert "ran out of memory (limit 0.5 GiB" in one_line(err)


def test_the_table_is_cut_at_the_row_cap_and_says_so() -> None:
    status, out, err, _ = aikg("query", "-", "--max-rows", "5", stdin=CARTESIAN.encode())
    assert status == 0, err
    assert out.splitlines()[-1] == "(5 rows, cut at the row limit: use --max-rows or --format csv)"


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def test_ctrl_c_stops_a_query_with_exit_130() -> None:
    proc = subprocess.Popen([AIKG, "query", "-", "--format", "csv", "--timeout", "120"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=ctrl_c_as_at_a_terminal)
    proc.stdin.write(CARTESIAN.encode())
    proc.stdin.close()
    proc.stdin = None  # written and closed: communicate() must not flush it again
    # The query runs in a child of the command (aikg.worker): Ctrl-C once that child exists, however busy the machine.
    deadline = time.monotonic() + 60
    while not _children(proc.pid) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=SLACK)
    assert proc.returncode == 130 and out == b""
    assert "interrupted" in one_line(err.decode())


@pytest.mark.parametrize("args, words", [
    (["--param", "funder=Innoviris", "--param", "funder=FWO"], "--param funder is given twice"),
    (["--param", "funder"], "write NAME=VALUE"),
])
def test_parameters_given_badly_are_refused(args: list[str], words: str) -> None:
    status, out, err, _ = aikg("query", "funding-by-funder", *args)
    assert status == 2 and out == "" and words in one_line(err)


def test_a_query_that_is_not_utf8_is_refused() -> None:
    status, out, err, _ = aikg("query", "-", stdin="SELECT ?s WHERE { ?s ?p \"caf\xe9\" }".encode("latin-1"))
    assert status == 2 and out == ""
    assert "the query is not UTF-8 text" in one_line(err)


def test_an_empty_query_says_it_is_empty() -> None:
    status, _, err, _ = aikg("query", "-", stdin=b"  # nothing but a comment\n")
    assert status == 2 and "the query is empty" in one_line(err)
