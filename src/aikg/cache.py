"""A cache of work done on the data, keyed by the content of every source file.

Each entry is a folder named by a hash of aikg's version and the path and bytes
of every source file, so any change to any file (or to aikg) makes a new entry
and an old one is never read. Entries are written to a temporary folder and
renamed into place, so two commands running at once never see half an entry.
The cache lives in ``$AIKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/aikg``, else
``~/.cache/aikg``; ``AIKG_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

from aikg import __version__
from aikg.sources import Source

__all__ = ["cache_root", "enabled", "Entry", "entry_for"]

KEEP = 8  # entries kept; the least recently used beyond this are removed...
IN_USE = 3600  # ...unless used in the last hour: another process may have its store open


def cache_root() -> Path:
    configured = os.environ.get("AIKG_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aikg"


def enabled() -> bool:
    return os.environ.get("AIKG_CACHE_DIR", "").lower() not in ("off", "0", "none")


def content_key(found: Iterable[Source]) -> str:
    digest = hashlib.sha256(f"aikg {__version__}\n".encode())
    digest.update(_code_digest())
    for source in found:
        data = source.read()
        digest.update(f"{source.resolved}\n{source.graph}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def _code_digest() -> bytes:
    """A hash of aikg's own code, so a changed check or engine never reads an entry made by the old code."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
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
        import tempfile  # writing is rare: a query on unchanged data only reads

        with contextlib.suppress(OSError):
            self.path.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path, prefix=f".{part}.")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self.path / part)
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
    import shutil

    entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    now = time.time()
    for old in entries[KEEP:]:
        if now - old.stat().st_mtime > IN_USE:
            shutil.rmtree(old, ignore_errors=True)
