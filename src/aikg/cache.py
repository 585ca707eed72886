"""A cache of work that costs seconds (validation reports, the search index, the dumps), keyed by
the bytes it was worked out from.

Each entry is a folder named by a hash of aikg's version and code and of the path
and bytes of every source file. The bytes hashed are the very bytes that are then
parsed (``Source.read`` reads a file once), so an edit made while a command runs
can never file one content's work under another content's key. Parts are written
to a temporary file and renamed into place, so two commands running at once never
see half of one. Where the cache lives and who may own it: ``aikg.cachedir``.
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
from aikg.cachedir import cache_root, write_file
from aikg.sources import Source

__all__ = ["Entry", "entry_for", "content_key"]

KEEP = 8  # entries kept; the least recently used beyond this are removed...
IN_USE = 3600  # ...unless used in the last hour: another process may be reading it


def content_key(found: Iterable[Source]) -> str:
    """A hash of aikg's code and of every source's path, graph and bytes."""
    digest = hashlib.sha256(f"aikg {__version__}\n".encode())
    digest.update(_code_digest())
    for source in found:
        data = source.read()
        digest.update(f"{source.resolved}\n{source.graph}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


@functools.cache
def _code_digest() -> bytes:
    """aikg's own code, by the bytes of each module, so that a changed check or engine never reads an
    entry made by the old code."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(f"{path.relative_to(package).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


class Entry:
    """One cache folder; its parts (reports, indexes, dumps) are files added atomically."""

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
    root = cache_root()
    if root is None:
        return None
    entry = Entry(root / content_key(found))
    if entry.path.exists():
        _touch(entry.path)
    return entry


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)


def _prune(root: Path) -> None:
    with contextlib.suppress(OSError):
        entries = sorted((p for p in root.iterdir() if p.is_dir() and len(p.name) == 32),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        now = time.time()
        for old in entries[KEEP:]:
            if now - old.stat().st_mtime > IN_USE:
                import shutil

                shutil.rmtree(old, ignore_errors=True)
