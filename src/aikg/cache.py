"""A cache of work done on the data, keyed by the content of every source file.

Each entry is a folder named by a hash of aikg's version and the path and bytes
of every source file, so any change to any file (or to aikg) makes a new entry
and an old one is never read. Entries are written to a temporary folder and
renamed into place, so two commands running at once never see half an entry.
Where the cache lives: see ``aikg.cachedir``.

Hashing a hundred reports' bytes takes longer than answering a small query, so
the key of files unchanged since it was last computed is found from their
``stat`` alone, the way git's index does: any write changes a file's change
time (ctime), and a file changed within the last seconds is always hashed, so
that two writes within one tick of the clock cannot go unseen.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

from aikg import __version__
from aikg.cachedir import SETTLED, cache_dir, enabled, keep_newest, write_file
from aikg.sources import Source

__all__ = ["cache_root", "enabled", "Entry", "entry_for"]

KEEP = 8  # entries kept; the least recently used beyond this are removed...
IN_USE = 3600  # ...unless used in the last hour: another process may have its store open


def cache_root() -> Path:
    return Path(cache_dir())


FINGERPRINTS = ".fingerprints"  # stat fingerprint -> content key; its dot keeps it out of pruning
KEEP_FINGERPRINTS = 64


def content_key(found: Iterable[Source]) -> str:
    """The key of these files' content, from their stat when they have not changed since it was hashed."""
    found = list(found)
    fingerprint = _fingerprint(found)
    if fingerprint is None:
        return _hashed_key(found)
    known = cache_root() / FINGERPRINTS / fingerprint
    try:
        key = known.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        key = ""
    if len(key) != 32:
        key = _hashed_key(found)
        _remember(known, key)
    return key


def _fingerprint(found: list[Source]) -> str | None:
    """A hash of every file's identity, size and change times; None when one changed too recently."""
    digest = hashlib.sha256(f"aikg {__version__}\n".encode())
    digest.update(_code_digest())
    settled = time.time() - SETTLED
    for source in found:
        try:
            info = os.stat(source.resolved)
        except OSError:
            return None  # the reader reports it
        if max(info.st_mtime, info.st_ctime) > settled:
            return None
        digest.update(f"{source.resolved}\n{source.graph}\n{info.st_dev} {info.st_ino} {info.st_size} "
                      f"{info.st_mtime_ns} {info.st_ctime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _remember(known: Path, key: str) -> None:
    if write_file(known, key.encode("ascii")):
        keep_newest(known.parent, KEEP_FINGERPRINTS)


def _hashed_key(found: list[Source]) -> str:
    digest = hashlib.sha256(f"aikg {__version__}\n".encode())
    digest.update(_code_digest())
    for source in found:
        data = source.read()
        digest.update(f"{source.resolved}\n{source.graph}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


@functools.cache
def _code_digest() -> bytes:
    """aikg's own code, by each module's path, size and modification time (an edit, a checkout or
    an upgrade changes them), so a changed check or engine never reads an entry made by the old code."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(package).as_posix()} {info.st_size} {info.st_mtime_ns}\n".encode())
    return digest.digest()


class Entry:
    """One cache folder; its parts (prefixes, reports, indexes, dumps) are files added atomically."""

    def __init__(self, path: Path):
        self.path = path

    def has(self, part: str) -> bool:
        return (self.path / part).exists()

    def read_bytes(self, part: str) -> bytes | None:
        try:
            return (self.path / part).read_bytes()
        except OSError:
            return None

    def write_bytes(self, part: str, data: bytes) -> None:
        """Write one file atomically; a cache that cannot be written is skipped, not an error."""
        if write_file(self.path / part, data):
            _touch(self.path)
            _prune(self.path.parent)


def entry_for(found: Iterable[Source]) -> Entry | None:
    """The cache entry of these sources, or None when the cache is turned off."""
    if not enabled():
        return None
    entry = Entry(cache_root() / content_key(found))
    if entry.path.exists():
        _touch(entry.path)
    return entry


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)


def _prune(root: Path) -> None:
    entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    now = time.time()
    for old in entries[KEEP:]:
        if now - old.stat().st_mtime > IN_USE:
            import shutil  # rarely needed: not on every write's path

            shutil.rmtree(old, ignore_errors=True)
