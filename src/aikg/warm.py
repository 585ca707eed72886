"""A warm graph: after a query, a background process keeps the parsed store for a while, so that
the next query on the same content (another query, other parameters) is answered without parsing.

Each warm process belongs to one cache entry, that is one content of the data and of aikg (see
``aikg.cache``): it listens on a Unix socket in the entry's folder that only its owner may use, and
leaves after ``AIKG_KEEP_WARM`` seconds without a question (default 300; 0 turns it off). A changed
file makes a new entry, so a warm process never answers for other data; a lock on the entry keeps
it to one process. Each question is answered in a forked child within the asker's limits
(``aikg.worker``), exactly as a query in the foreground: the warm process itself runs no query.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

from aikg.cache import Entry
from aikg.errors import AikgError

__all__ = ["keep_seconds", "ask", "start", "serve"]

SOCKET = "warm.sock"
LOCK = "warm.lock"
DEFAULT_SECONDS = 300.0
MAX_SOCKET_PATH = 100  # bytes: a Unix socket's address holds 108
GRACE = 5.0  # seconds the asker waits beyond the query's own time limit, which the warm process enforces


def keep_seconds() -> float:
    """How long a warm process waits for a question (AIKG_KEEP_WARM); 0: no warm process."""
    raw = os.environ.get("AIKG_KEEP_WARM", "").strip()
    if not raw:
        return DEFAULT_SECONDS
    if raw.lower() in ("off", "no", "false"):
        return 0.0
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise AikgError(f"AIKG_KEEP_WARM={raw!r}: give the seconds a warm graph is kept, or 0 to keep none")
    return seconds


def _socket_path(entry: Entry | None) -> Path | None:
    if entry is None or keep_seconds() == 0:
        return None
    path = entry.path / SOCKET
    return path if len(os.fsencode(path)) <= MAX_SOCKET_PATH else None


def ask(entry: Entry | None, request: dict, timeout: float | None) -> bytes | None:
    """The answer of the entry's warm process to ``request``; None when no warm process answers.

    An error the query met there (an unknown parameter, a limit) is raised here as the same
    message and exit status it has in the foreground.
    """
    path = _socket_path(entry)
    if path is None:
        return None
    import socket

    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with connection:
        try:
            connection.connect(os.fspath(path))
        except OSError:  # none, or one that has left
            return None
        connection.settimeout(None if timeout is None else timeout + GRACE)
        try:
            connection.sendall(json.dumps(request).encode("utf-8"))
            connection.shutdown(socket.SHUT_WR)
            reply = _read_all(connection)
        except TimeoutError:
            raise AikgError("the warm graph did not answer in time; set AIKG_KEEP_WARM=0 to query without it") from None
        except OSError:
            return None  # it left while answering: the foreground answers
    header, _, body = reply.partition(b"\n")
    if not header:
        return None
    outcome = json.loads(header)
    if outcome["ok"]:
        return body
    error = AikgError(outcome["message"])
    error.exit_status = outcome["status"]
    raise error


def start(entry: Entry | None, paths: list[str] | None) -> None:
    """Start the entry's warm process in the background, unless one runs or is starting."""
    path = _socket_path(entry)
    if path is None or _held(entry):
        return
    command = [sys.executable, "-m", "aikg.warm", str(entry.path), *(paths or [])]
    try:
        pid = os.fork()
    except OSError:
        return  # no process to spare: the queries still run in the foreground
    if pid:  # the first child leaves at once, so the warm process is nobody's child to wait for
        os.waitpid(pid, 0)
        return
    try:
        os.setsid()
        if os.fork() == 0:
            null = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(null, stream)
            os.execv(sys.executable, command)
    finally:
        os._exit(0)


def _held(entry: Entry) -> bool:
    """Whether a warm process holds (or is taking) the entry's lock."""
    import fcntl

    try:
        lock = os.open(entry.path / LOCK, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(lock)


def serve(entry_path: Path, paths: list[str] | None) -> None:
    """The warm process: parse the sources once, then answer questions until none comes for a while."""
    import fcntl
    import select
    import socket

    from aikg import cache
    from aikg.sources import sources
    from aikg.store import open_sources

    found = sources(paths)
    entry = cache.entry_for(found)
    if entry is None or entry.path != entry_path:
        return  # the data changed since the asker looked: a later question starts the right one
    entry.path.mkdir(parents=True, exist_ok=True)
    lock = os.open(entry.path / LOCK, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another one serves this entry
    os.ftruncate(lock, 0)
    os.write(lock, str(os.getpid()).encode())  # who holds it, for whoever wants it gone
    store = open_sources(found, entry)
    address = os.fspath(entry.path / SOCKET)
    if os.path.lexists(address):
        os.unlink(address)  # left by a warm process that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    umask = os.umask(0o177)  # the socket is its owner's only
    try:
        listener.bind(address)
    finally:
        os.umask(umask)
    listener.listen(64)
    idle = keep_seconds()
    try:
        while select.select([listener], [], [], idle)[0]:
            connection, _ = listener.accept()
            if os.fork() == 0:
                listener.close()
                _answer(connection, store)
            connection.close()
            _reap()
    finally:
        with contextlib.suppress(OSError):  # gone with its entry, when the cache was pruned
            os.unlink(address)


def _answer(connection, store) -> None:
    """In a forked child: read one question, answer it within its limits, and leave."""
    from aikg import answers
    from aikg.query import NamedQuery
    from aikg.worker import Limits, run_bounded

    status = 0
    try:
        try:
            request = json.loads(_read_all(connection))
            query = NamedQuery.from_text(request["name"], request["text"], request["path"] and Path(request["path"]))
            limits = Limits(request["timeout"], request["memory"])
            body = run_bounded(lambda: answers.compute(store, query, request["params"], request["format"],
                                                       request["max_rows"]), limits)
            reply = b'{"ok": true}\n' + body
        except AikgError as error:
            reply = json.dumps({"ok": False, "message": str(error), "status": int(error.exit_status)}).encode() + b"\n"
        except Exception as error:  # noqa: BLE001 - reported to the asker as the foreground would
            reply = json.dumps({"ok": False, "status": 70,
                                "message": f"internal error ({type(error).__name__}: {error})"}).encode() + b"\n"
        connection.sendall(reply)
    except BaseException:  # nothing may escape a forked child
        status = 70
    finally:
        os._exit(status)


def _read_all(connection) -> bytes:
    chunks = []
    while chunk := connection.recv(1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _reap() -> None:
    """Collect the children that have answered."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


if __name__ == "__main__":
    serve(Path(sys.argv[1]), sys.argv[2:] or None)
