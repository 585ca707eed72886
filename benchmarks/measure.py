"""Run one whole process and measure it: wall time, peak memory, outcome.

The child is reaped with ``os.wait4``, whose resource usage is that child's own
(with the descendants it waited for), so peak memory needs no deltas of
``RUSAGE_CHILDREN``. A run past its time limit is killed with its whole process
group and reported as timed out; an address-space limit keeps a runaway query
from taking the shared machine's memory.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "run"]


@dataclass(frozen=True)
class Run:
    """One process: how long it took (wall clock and CPU), its peak resident memory, how it ended."""

    seconds: float
    cpu_seconds: float  # user + system, of the process and the children it waited for
    peak_mb: float
    exit_code: int | None  # None when it was killed for taking too long
    stderr_tail: str

    @property
    def timed_out(self) -> bool:
        return self.exit_code is None

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def _limit_memory(limit_bytes: int | None):
    def apply() -> None:
        if limit_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    return apply


def run(
    command: Sequence[str | Path],
    *,
    stdout: Path,
    timeout: float,
    memory_limit_bytes: int | None = None,
    env: Mapping[str, str] | None = None,
    stdin: Path | None = None,
    cwd: Path | None = None,
) -> Run:
    """Run ``command`` to completion or ``timeout`` seconds, stdout into a file."""
    stderr_file = stdout.with_suffix(stdout.suffix + ".err")
    with open(stdout, "wb") as out, open(stderr_file, "wb") as err, open(stdin or os.devnull, "rb") as inp:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(part) for part in command], stdin=inp, stdout=out, stderr=err, env=dict(env) if env else None,
            cwd=cwd, start_new_session=True, preexec_fn=_limit_memory(memory_limit_bytes),
        )
        reaped: dict[str, object] = {}

        def reap() -> None:
            _, status, usage = os.wait4(child.pid, 0)
            reaped.update(end=time.perf_counter(), status=status, usage=usage)

        waiter = threading.Thread(target=reap, daemon=True)
        waiter.start()
        waiter.join(timeout)
        timed_out = waiter.is_alive()
        if timed_out:
            os.killpg(child.pid, signal.SIGKILL)
            waiter.join()
        else:
            try:  # descendants the child left behind
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    status = reaped["status"]
    child.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it is reaped
    lines = stderr_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    # A process out of memory says so before its last words (Rust: "memory allocation of N bytes failed").
    telling = [line for line in lines if "memory allocation" in line or "MemoryError" in line]
    tail = telling[-1:] or lines[-1:]
    return Run(
        seconds=reaped["end"] - start,
        cpu_seconds=reaped["usage"].ru_utime + reaped["usage"].ru_stime,
        peak_mb=reaped["usage"].ru_maxrss / 1024,  # kilobytes on Linux
        exit_code=None if timed_out else child.returncode,
        stderr_tail=tail[0] if tail else "",
    )
