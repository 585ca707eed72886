"""Run work in a child process that can be stopped: a time limit, a memory limit, Ctrl-C.

pyoxigraph ignores signals while it evaluates a query, so a limit cannot be
enforced inside the process. The work runs in a forked child (cheap: nothing
is re-imported or re-loaded) with an address-space limit and no network
(aikg.sandbox); the parent waits for
its answer with a deadline and kills it when the deadline passes or the user
presses Ctrl-C. The child sends back either the bytes to print or the error to
report, so nothing is printed or written until the work has succeeded.
"""

from __future__ import annotations

import os
import resource
import select
import signal
import sys
import time
from collections.abc import Callable

from aikg.errors import AikgError, ExitStatus
from aikg.sandbox import cut_network

__all__ = ["Limits", "LimitError", "Interrupted", "run_bounded", "start_bounded", "Pending", "enter_bounds"]

GIB = 1024**3
BYTES, PICKLED = b"=", b"p"  # how the child's outcome is sent: bytes as they are, or pickled


class Limits:
    """Bounds on one piece of work; None means unbounded."""

    __slots__ = ("timeout", "memory")

    def __init__(self, timeout: float | None = 60.0, memory: int | None = 4 * GIB) -> None:
        self.timeout = timeout  # seconds of wall-clock time
        self.memory = memory  # bytes of address space the work may map beyond what the process had


class LimitError(AikgError):
    """The work hit a limit and was stopped."""

    exit_status = ExitStatus.BAD_INPUT


class Interrupted(AikgError):
    """The user pressed Ctrl-C."""

    exit_status = 130


def run_bounded(work: Callable[[], object], limits: Limits, what: str = "the query") -> object:
    """Return ``work()``'s result, computed in a child process within ``limits``.

    The result must be picklable. An AikgError raised by the work is raised
    again here; hitting a limit raises LimitError naming the limit.
    """
    return start_bounded(work, limits, what).result()


def start_bounded(work: Callable[[], object], limits: Limits, what: str = "the work") -> Pending:
    """Start ``work()`` in a child process within ``limits``; the caller goes on with other work
    and collects the result with ``Pending.result()`` (or ``cancel()``s it)."""
    answer_read, answer_write = os.pipe()
    errors_read, errors_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send the outcome, leave without cleanup handlers
        os.close(answer_read)
        os.close(errors_read)
        _child(work, limits, answer_write, errors_write)
    os.close(answer_write)
    os.close(errors_write)
    return Pending(pid, answer_read, errors_read, limits, what)


class Pending:
    """Work running in a forked child, collected once: by ``result()`` or ``cancel()``."""

    def __init__(self, pid: int, answer_read: int, errors_read: int, limits: Limits, what: str):
        self.pid, self.limits, self.what = pid, limits, what
        self.answer_read, self.errors_read = answer_read, errors_read
        self.collected = False

    def result(self) -> object:
        """Wait for the work's result (the time limit counts from now); raise what the work raised."""
        self.collected = True
        try:
            payload, child_stderr = _receive((self.answer_read, self.errors_read), self.pid, self.limits, self.what)
        except BaseException:
            _kill(self.pid)
            raise
        finally:
            self._close()
        _, status = os.waitpid(self.pid, 0)
        if not payload:
            raise _death(status, self.limits, self.what)
        _pass_on(child_stderr)
        if payload[:1] == BYTES:
            return payload[1:]
        import pickle  # most answers are bytes to print: not on their path

        ok, value = pickle.loads(payload[1:])
        if ok:
            return value
        raise value

    def finished(self) -> bool:
        """Whether the work has ended, so that ``result()`` will not wait (the child writes its answer at its end)."""
        if self.collected:
            return True
        ready, _, _ = select.select([self.answer_read], [], [], 0)
        return bool(ready)

    def cancel(self) -> None:
        """Stop the work and forget its result; nothing to do once it was collected."""
        if self.collected:
            return
        self.collected = True
        _kill(self.pid)
        self._close()

    def _close(self) -> None:
        os.close(self.answer_read)
        os.close(self.errors_read)


def _pass_on(child_stderr: bytes) -> None:
    """Warnings the child printed, shown once it has succeeded."""
    if child_stderr:
        sys.stderr.buffer.write(child_stderr) if hasattr(sys.stderr, "buffer") else sys.stderr.write(child_stderr.decode("utf-8", "replace"))
        sys.stderr.flush()


def _child(work: Callable[[], object], limits: Limits, out: int, errors: int) -> None:
    code = 0
    try:
        os.dup2(errors, 2)  # what the engine prints when it dies is kept from the user's terminal
        os.close(errors)
        enter_bounds(limits.memory, interrupt=signal.SIG_DFL)
        try:
            outcome = (True, work())
        except AikgError as error:
            outcome = (False, error)
        except MemoryError:
            outcome = (False, LimitError(what_memory(limits)))
        except Exception as error:  # a bug or an engine error no caller foresaw: say what it was
            outcome = (False, AikgError(f"the work failed: {type(error).__name__}: {error}"))
        ok, value = outcome
        if ok and isinstance(value, bytes):  # bytes to print, the common answer, go back as they are
            data = BYTES + value
        else:
            import pickle

            data = PICKLED + pickle.dumps(outcome)
        view = memoryview(data)
        while view:
            written = os.write(out, view)
            view = view[written:]
    except BaseException:  # nothing may escape a forked child: it would run the parent's code
        code = 70
    finally:
        os._exit(code)


def enter_bounds(memory: int | None, interrupt=signal.SIG_DFL) -> None:
    """What a process that does bounded work does first, in the CLI's child as in a server worker:
    no network (no query can reach outside, whatever got past the refusals; aikg.sandbox), at most
    ``memory`` bytes of address space beyond what it maps now, and Ctrl-C as ``interrupt`` says
    (the server's workers ignore it: the server stops them)."""
    signal.signal(signal.SIGINT, interrupt)
    cut_network()
    if memory:
        ceiling = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))


def _address_space() -> int:
    """Bytes of address space the process maps now (VmSize, the first field of /proc/self/statm,
    which the kernel makes faster than /proc/self/status), 0 where /proc is absent."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def what_memory(limits: Limits) -> str:
    return f"the work ran out of memory (limit {limits.memory / GIB:g} GiB; raise it with --max-memory)"


def _receive(fds: tuple[int, int], pid: int, limits: Limits, what: str) -> tuple[bytes, bytes]:
    """Everything the child writes to each pipe until it closes them, within the time limit."""
    deadline = None if limits.timeout is None else time.monotonic() + limits.timeout
    chunks: dict[int, list[bytes]] = {fd: [] for fd in fds}
    still_open = set(fds)
    while still_open:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            _kill(pid)
            raise LimitError(f"{what} ran longer than the time limit of {limits.timeout:g} s and was stopped (raise it with --timeout)")
        try:
            ready, _, _ = select.select(sorted(still_open), [], [], remaining)
        except KeyboardInterrupt:
            _kill(pid)
            raise Interrupted(f"interrupted: {what} was stopped") from None
        for fd in ready:
            chunk = os.read(fd, 1 << 20)
            if chunk:
                chunks[fd].append(chunk)
            else:
                still_open.discard(fd)
    answer, errors = (b"".join(chunks[fd]) for fd in fds)
    return answer, errors


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _death(status: int, limits: Limits, what: str) -> LimitError:
    """Why a child died without an answer: most often, out of memory."""
    if limits.memory and os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGKILL, signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
        return LimitError(what_memory(limits).replace("the work", what))
    return LimitError(f"{what} stopped unexpectedly (exit status {status})")
