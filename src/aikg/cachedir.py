"""Where aikg keeps its cache, and how its files are written.

``$AIKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/aikg``, else ``~/.cache/aikg``;
``AIKG_CACHE_DIR=off`` (or ``0``, ``none``) turns the cache off.

The cache holds plain data only (JSON and the bytes of dumps and indexes, never
pickles), yet what it holds decides answers, so it must be the user's own: the
folder is created ``0700``, and one that belongs to another user or that others
may write to is refused with a message, never read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from aikg.errors import AikgError

__all__ = ["cache_dir", "enabled", "cache_root", "private_folder", "write_file", "keep_newest"]


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
