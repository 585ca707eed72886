"""A pool of worker processes that answer jobs and can be killed when they run too long.

pyoxigraph ignores signals while it evaluates a query, so a time limit cannot
be kept inside the process that runs the query. Each job goes to a worker
process (started from a fork server, so a worker never inherits the server's
threads); the server waits for the answer on its event loop (a reader on the
worker's pipe, no thread per request; the answer, once it starts, is read whole),
and kills the worker when the time limit passes, then starts a fresh one. A slow
query holds one worker; the others keep answering.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from anyio import to_thread

from aikg.worker import enter_bounds

__all__ = ["Failure", "WorkerPool", "PoolBusy", "TimeLimit", "WorkerLost"]

logger = logging.getLogger(__name__)
READY_TIMEOUT = 120.0  # seconds a new worker may take to open the store


@dataclass(frozen=True)
class Failure:
    """A job's answer that is an error: the HTTP status and the message for the client."""

    status: int
    message: str


class PoolBusy(Exception):
    """No worker for the job: too many requests wait, or none became free within the time limit."""


class TimeLimit(Exception):
    """The job ran longer than the time limit; its worker was killed."""


class WorkerLost(Exception):
    """The worker died while doing the job (most often: out of memory)."""


@contextlib.asynccontextmanager
async def _within(lane, timeout: float | None):
    """Hold ``lane`` (a semaphore, or a null context) for the job, waiting at most ``timeout`` seconds for it."""
    if isinstance(lane, asyncio.Semaphore):
        await asyncio.wait_for(lane.acquire(), timeout)
        try:
            yield
        finally:
            lane.release()
    else:
        yield


def _serve(conn: Connection, setup: Callable[[], Callable[[object], object]], memory: int | None) -> None:
    """A worker's life: set up once, then answer jobs until the pipe closes."""
    try:
        enter_bounds(memory, interrupt=signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
        handle = setup()
    except MemoryError:
        conn.send("the worker ran out of memory while opening the store (raise --max-memory)")
        return
    except Exception as error:
        conn.send(f"the worker could not open the store: {error}")
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = handle(job)
        except MemoryError:
            answer = Failure(503, "the query ran out of memory and was stopped")
        except Exception as error:  # a bug must not kill the worker: report it to the client
            logger.exception("job failed")
            answer = Failure(500, f"internal error: {type(error).__name__}: {error}")
        conn.send(answer)


class _Worker:
    def __init__(self, context, setup, memory: int | None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, setup, memory), daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(READY_TIMEOUT):
            self.kill()
            raise WorkerLost(f"a worker did not start within {READY_TIMEOUT:g} s")
        try:
            greeting = self._recv()
        except WorkerLost:
            greeting = "a worker process died while starting (is --max-memory too small?)"
        if greeting != "ready":
            self.kill()
            raise WorkerLost(greeting)

    def _recv(self):
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            raise WorkerLost from None

    async def ask(self, job: object, timeout: float | None) -> object:
        """Send the job and wait for its answer on the event loop: TimeLimit after timeout seconds."""
        try:
            self.conn.send(job)
        except OSError:
            raise WorkerLost from None
        loop, fd = asyncio.get_running_loop(), self.conn.fileno()
        readable = loop.create_future()

        def answered() -> None:
            loop.remove_reader(fd)
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(fd, answered)
        try:
            await asyncio.wait_for(readable, timeout)
        except TimeoutError:
            raise TimeLimit from None
        finally:
            if not self.conn.closed:  # closed: the pool was closed (Ctrl-C) while the job ran
                loop.remove_reader(fd)
                os.set_blocking(fd, True)  # the loop made it non-blocking; the answer is read whole
        return self._recv()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class WorkerPool:
    """``size`` workers, each built by ``setup()`` (which returns the job handler) in its own process.

    Queries sent by clients (``open_ended`` jobs: any SPARQL, any cost) may hold all workers but one,
    so pages and named queries keep answering while slow queries run; at most ``max_waiting``
    requests wait for a worker, and the next is told at once that the server is busy.
    """

    def __init__(self, size: int, setup: Callable[[], Callable[[object], object]], memory: int | None = None,
                 preload: tuple[str, ...] = (), max_waiting: int | None = None):
        self.size, self.setup, self.memory = size, setup, memory
        self.max_waiting = max_waiting if max_waiting is not None else 8 * size
        self._waiting = 0
        self._open_ended: asyncio.Semaphore | None = None
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(list(preload))  # imported once, shared by every worker forked after
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._pending: set[asyncio.Future] = set()
        self._ready: list[_Worker] = []
        self._closed = False

    def start(self) -> None:
        """Start the workers and wait until each has opened the store; WorkerLost says why one could not."""
        self._ready = [self._new() for _ in range(self.size)]

    def attach(self) -> None:
        """Hand the started workers to the running event loop."""
        self._idle = asyncio.Queue()
        self._open_ended = asyncio.Semaphore(max(1, self.size - 1))
        for worker in self._ready:
            self._idle.put_nowait(worker)
        self._ready = []

    def _new(self) -> _Worker:
        worker = _Worker(self._context, self.setup, self.memory)
        self._all.add(worker)
        return worker

    async def run(self, job: object, timeout: float | None, *, open_ended: bool = False) -> object:
        """The job's answer from a free worker; TimeLimit when it runs past ``timeout`` seconds, PoolBusy
        (saying why) when too many wait or no worker frees up within ``timeout``."""
        assert self._idle is not None and self._open_ended is not None, "start() and attach() the pool first"
        if self._waiting >= self.max_waiting:
            raise PoolBusy(f"{self._waiting} requests are already waiting for one of the {self.size} workers")
        lane = self._open_ended if open_ended else contextlib.nullcontext()
        self._waiting += 1
        waited = False
        try:
            async with _within(lane, timeout):
                worker = await asyncio.wait_for(self._idle.get(), timeout)
                self._waiting -= 1
                waited = True
                return await self._call(worker, job, timeout)
        except TimeoutError:
            raise PoolBusy(f"every worker stayed busy for {timeout:g} s") from None
        finally:
            if not waited:
                self._waiting -= 1

    async def _call(self, worker: _Worker, job: object, timeout: float | None) -> object:
        healthy = False
        try:
            answer = await worker.ask(job, timeout)
            healthy = True
            return answer
        finally:
            if healthy:
                self._idle.put_nowait(worker)
            else:  # timed out, died, or its client went away mid-answer: never reuse a worker in doubt
                self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        worker.kill()
        if self._closed:
            return
        future = asyncio.ensure_future(self._respawn())
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)

    async def _respawn(self) -> None:
        try:
            worker = await to_thread.run_sync(self._new)
        except WorkerLost:
            logger.error("could not start a replacement worker")
            return
        if self._closed:
            self._all.discard(worker)
            worker.kill()
        elif self._idle is not None:
            self._idle.put_nowait(worker)

    def close(self) -> None:
        self._closed = True
        for future in self._pending:
            future.cancel()
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        self._idle = None
