"""Work started in a forked child (aikg.worker.start_bounded): what ``aikg build`` runs validation with."""

from __future__ import annotations

import os
import time

import pytest

from aikg.errors import InputError
from aikg.worker import Limits, start_bounded

UNBOUNDED = Limits(timeout=None, memory=None)


def test_the_caller_works_on_while_the_child_computes(tmp_path) -> None:
    """The child waits for a sign that only the caller, running on after start_bounded, can give."""
    sign = tmp_path / "the caller ran on"

    def child() -> tuple[int, bool]:
        deadline = time.monotonic() + 20
        while not sign.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return os.getpid(), sign.exists()

    pending = start_bounded(child, UNBOUNDED, "the work")
    sign.touch()  # never reached before the child ends if start_bounded waited for it
    pid, saw_the_sign = pending.result()
    assert saw_the_sign, "start_bounded returned only after the child had finished"
    assert pid == pending.pid != os.getpid()


def test_an_error_of_the_work_is_raised_with_its_place() -> None:
    def work():
        raise InputError("data/be/actors.ttl", "Turtle syntax error: bad", 12, 3)

    with pytest.raises(InputError, match=r"^data/be/actors\.ttl:12:3: Turtle syntax error: bad$"):
        start_bounded(work, UNBOUNDED, "validation").result()


def test_cancel_ends_the_child() -> None:
    pending = start_bounded(lambda: time.sleep(600), UNBOUNDED, "the work")
    pending.cancel()
    pending.cancel()  # a second cancel, or one after the result, does nothing
    with pytest.raises(ProcessLookupError):
        os.kill(pending.pid, 0)


def test_finished_says_when_the_result_is_there_without_waiting() -> None:
    gate_read, gate_write = os.pipe()
    pending = start_bounded(lambda: os.read(gate_read, 1), UNBOUNDED, "the work")  # waits for the gate
    assert not pending.finished()
    os.write(gate_write, b"x")
    for _ in range(6000):  # until the child has answered (at most a minute)
        if pending.finished():
            break
        time.sleep(0.01)
    assert pending.finished()
    assert pending.result() == b"x"
    assert pending.finished()
