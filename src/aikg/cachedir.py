"""Where aikg keeps its cache and how its files are written, with nothing but ``os``: the
replay of an answer (``aikg.replay``) looks there before any other module is imported, and
a first query, which writes there, pays for no other module.

``$AIKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/aikg``, else ``~/.cache/aikg``;
``AIKG_CACHE_DIR=off`` (or ``0``, ``none``) turns the cache off.
"""

from __future__ import annotations

import contextlib
import os

__all__ = ["SETTLED", "cache_dir", "enabled", "write_file", "keep_newest"]

SETTLED = 2.0  # seconds since a file's last change after which its stat can stand for its bytes


def cache_dir() -> str:
    configured = os.environ.get("AIKG_CACHE_DIR")
    if configured:
        return configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "aikg")


def enabled() -> bool:
    return os.environ.get("AIKG_CACHE_DIR", "").lower() not in ("off", "0", "none")


def write_file(path: str | os.PathLike, data: bytes) -> bool:
    """Write one cache file whole: a private temporary file beside it, renamed into place, so a
    reader never sees half of it. False when it cannot be written: a cache that cannot be written
    is skipped, not an error (and not flushed to disk: one lost in a crash is worked out again)."""
    folder = os.path.dirname(path)
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{os.urandom(4).hex()}.tmp")
    try:
        os.makedirs(folder, exist_ok=True)
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
