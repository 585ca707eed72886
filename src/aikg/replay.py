"""The ``aikg`` command's entry point: a query asked again on unchanged files is answered
before anything else is imported.

ccache's "direct mode" for ``aikg query``: once a command line has printed an answer
into a pipe or a file, a record keeps the command (its arguments, working folder and
environment), the ``stat`` of every file and folder the answer depends on (the data
and the folders they were found in, the query, aikg's code, pyoxigraph) and where the
answer is kept in the cache. The same command line run again compares those ``stat``s
and, if none changed, prints the kept answer: the cost of starting Python and a few
hundred ``stat`` calls. Anything else (a changed or added file, another environment, a
terminal on stdout) runs the whole command, which answers from the cache of the data's
content (``aikg.answers``) or works the answer out.

A path changed within the last seconds is never recorded (as in ``aikg.cache``): two
writes within one tick of the clock could leave its ``stat`` unchanged.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from collections.abc import Iterable

from aikg.cachedir import SETTLED, cache_dir, enabled, keep_newest, write_file

__all__ = ["main", "record", "RECORDS"]

RECORDS = ".replay"  # in the cache folder; its dot keeps it out of the pruning of entries
KEEP = 256  # records kept; the least recently made beyond this are removed


def main() -> int:
    """Run ``aikg``: the kept answer when the record of this command line still holds, else the command."""
    from aikg.streams import CLOSED_STDOUT, reopen_closed

    if "stdout" in reopen_closed():
        sys.stderr.write(f"aikg: error: {CLOSED_STDOUT}\n")
        return 2  # ExitStatus.BAD_INPUT: not 1, which says the data does not conform
    try:
        status = _replayed(sys.argv[1:])
    except KeyboardInterrupt:
        sys.stderr.write("aikg: interrupted\n")
        return 130
    if status is not None:
        return status
    from aikg.cli import main as run_command

    return run_command()


def _command(argv: list[str]) -> bytes:
    """Everything besides the files that can change what the command prints."""
    return marshal.dumps((sys.version, sys.executable, tuple(argv), os.getcwd(), tuple(sorted(os.environ.items()))))


def _record_path(command: bytes) -> str:
    """A checksum names the file; the file holds the whole command, compared on reading."""
    return os.path.join(cache_dir(), RECORDS, f"{zlib.crc32(command):08x}-{len(command)}")


def _fingerprint(info: os.stat_result) -> tuple[int, ...]:
    return info.st_dev, info.st_ino, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _replayed(argv: list[str]) -> int | None:
    """The exit status after printing the kept answer, or None when there is none to print."""
    if not argv or argv[0] != "query" or not enabled() or os.isatty(1):
        return None
    try:
        command = _command(argv)
        with open(_record_path(command), "rb") as kept:
            recorded, paths, answer_path, warnings = marshal.load(kept)
        if recorded != command or any(_fingerprint(os.stat(path)) != seen for path, seen in paths):
            return None
        with open(answer_path, "rb") as kept:
            answer = kept.read()
        os.utime(answer_path)  # recently used: kept longest, as a recalled answer is
    except (OSError, ValueError, EOFError, TypeError):  # no record, or one that no longer holds
        return None
    if warnings:
        sys.stderr.write(warnings)
        sys.stderr.flush()
    try:
        sys.stdout.buffer.write(answer)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # the reader stopped reading (`aikg query ... | head`): not a failure
        _stdout_to_devnull()
    except OSError as error:
        sys.stderr.write(f"aikg: error: cannot write the output: {error.strerror or error}\n")
        _stdout_to_devnull()
        return 2  # ExitStatus.BAD_INPUT, as the command says it
    return 0


def _stdout_to_devnull() -> None:
    """After a failed write, so that the interpreter's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def record(argv: list[str], paths: Iterable[str], answer_path: str, warnings: str = "") -> None:
    """Keep what a replay of this command line needs: the ``stat`` of ``paths`` (with aikg's
    code and pyoxigraph) and where its answer is kept. Nothing is kept when the cache is off,
    stdout is a terminal, or a path changed too recently for its ``stat`` to stand for it."""
    if not enabled() or os.isatty(1):
        return
    settled = time.time() - SETTLED
    seen = []
    for path in dict.fromkeys([*paths, *_code_paths()]):
        try:
            info = os.stat(path)
        except OSError:
            return
        if max(info.st_mtime, info.st_ctime) > settled:
            return
        seen.append((path, _fingerprint(info)))
    command = _command(argv)
    if write_file(_record_path(command), marshal.dumps((command, tuple(seen), answer_path, warnings))):
        keep_newest(os.path.join(cache_dir(), RECORDS), KEEP)


def _code_paths() -> list[str]:
    """aikg's modules and pyoxigraph's files, with their folders: a new version of either is new code."""
    import importlib.util

    folders = [os.path.dirname(os.path.abspath(__file__))]
    engine = importlib.util.find_spec("pyoxigraph")
    if engine is not None and engine.submodule_search_locations:
        folders += list(engine.submodule_search_locations)
    paths = []
    for top in folders:
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            paths.append(folder)
            paths += [os.path.join(folder, name) for name in sorted(files) if not name.endswith((".pyc", ".pyo"))]
    return paths
