"""A cache of work that costs seconds (validation reports, the search index, the dumps), keyed by
the bytes it was worked out from.

Each entry is a folder named by a hash of aikg's version and code and of the path
and bytes of every source file. The bytes hashed are the very bytes that are then
parsed (``Source.read`` reads a file once), so an edit made while a command runs
can never file one content's work under another content's key. Parts are written
to a temporary file and renamed into place, so two commands running at once never
see half of one.

Where: ``$AIKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/aikg``, else ``~/.cache/aikg``;
``AIKG_CACHE_DIR=off`` (or ``0``, ``none``) turns the cache off. The cache holds
plain data only (JSON and the bytes of dumps and indexes, never pickles), yet what
it holds decides answers, so it must be the user's own: the folder is created
``0700``, and one that belongs to another user or that others may write to is
refused with a message, never read.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from aikg import __version__
from aikg.errors import AikgError
from aikg.sources import Source

__all__ = ["Entry", "entry_for", "content_key", "cache_root", "private_folder", "write_file", "keep_newest"]

KEEP = 8  # entries kept; the least recently used beyond this are removed...
IN_USE = 3600  # ...unless used in the last hour: another process may be reading it


def cache_dir() -> str:
    configured = os.environ.get("AIKG_CACHE_DIR")
    if configured:
        return configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "aikg")


def enabled() -> bool:
    return os.environ.get("AIKG_CACHE_DIR", "").lower() not in ("off", "0", "none")


def cache_root() -> Path | None:
    """The cache folder, created private; None when the cache is off. A folder that is not
    the user's own is refused (AikgError) rather than trusted."""
    if not enabled():
        return None
    root = Path(cache_dir())
    try:
        os.makedirs(root, mode=0o700, exist_ok=True)
        info = os.stat(root, follow_symlinks=False)
    except OSError as error:
        raise AikgError(f"{root}: cannot use the cache folder: {error.strerror} (set AIKG_CACHE_DIR to another "
                        "folder, or AIKG_CACHE_DIR=off)") from None
    _check_private(root, info)
    return root


def _check_private(root: Path, info: os.stat_result) -> None:
    if not stat.S_ISDIR(info.st_mode):
        raise AikgError(f"{root}: the cache folder is not a folder (a link or a file); set AIKG_CACHE_DIR to another "
                        "folder, or AIKG_CACHE_DIR=off")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise AikgError(f"{root}: the cache folder belongs to another user (uid {info.st_uid}); aikg reads only its "
                        "own cache: set AIKG_CACHE_DIR to a folder of yours, or AIKG_CACHE_DIR=off")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise AikgError(f"{root}: others may write to the cache folder (mode {stat.S_IMODE(info.st_mode):o}); make it "
                        f"private (chmod 700 {root}), set AIKG_CACHE_DIR to another folder, or AIKG_CACHE_DIR=off")


def private_folder(name: str) -> Path | None:
    """A sub-folder of the cache (created 0700), or None when the cache is off."""
    root = cache_root()
    if root is None:
        return None
    folder = root / name
    with contextlib.suppress(OSError):
        os.makedirs(folder, mode=0o700, exist_ok=True)
    return folder


def write_file(path: str | os.PathLike, data: bytes) -> bool:
    """Write one cache file whole: a private temporary file beside it, renamed into place, so a
    reader never sees half of it. False when it cannot be written: a cache that cannot be written
    is skipped, not an error (and not flushed to disk: one lost in a crash is worked out again)."""
    folder = os.path.dirname(path)
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{os.urandom(4).hex()}.tmp")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False


def keep_newest(folder: str | os.PathLike, count: int, prefix: str = "") -> None:
    """Remove all but the ``count`` most recently used files of ``folder`` whose names start with
    ``prefix`` (temporary files being written, named with a dot, are left alone)."""
    with contextlib.suppress(OSError):
        files = [entry for entry in os.scandir(folder)
                 if entry.name.startswith(prefix) and not entry.name.startswith(".") and entry.is_file()]
        if len(files) > count:
            files.sort(key=lambda entry: entry.stat().st_mtime, reverse=True)
            for old in files[count:]:
                with contextlib.suppress(OSError):
                    os.unlink(old.path)


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
