"""Write output files whole or not at all.

Every file aikg writes goes first to a temporary file in the target's own folder
and is renamed over the target once it is complete and flushed to disk. A full
disk, a file-size limit, an error or Ctrl-C while writing therefore never leaves a
truncated file, nor destroys the file that was there before. A rename replaces a
symbolic link planted at the target instead of writing through it.

``OutputFolder`` is the same for a folder of outputs (``aikg build -o DIR``): it
refuses a folder inside the project's data or ontology, refuses to write through
a symbolic link inside the folder, and remembers which files it replaced.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from aikg.errors import AikgError

__all__ = ["OutputError", "atomic_file", "write_atomic", "OutputFolder"]


class OutputError(AikgError):
    """An output that cannot be written; nothing was changed on disk."""


def _cannot_write(target: Path, error: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write: {error.strerror or error}; the previous file, if any, is unchanged")


@contextlib.contextmanager
def atomic_file(target: str | Path) -> Iterator[io.BufferedWriter]:
    """A binary file to write into; it replaces ``target`` only when the block ends without error.

    Missing parent folders are created. Raises OutputError (nothing changed) when
    the target is a folder or the temporary file cannot be written or renamed.
    """
    target = Path(target)
    if target.is_dir() and not target.is_symlink():
        raise OutputError(f"{target}: is a folder; give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary, handle = _create_temporary(target)
    except OSError as error:
        raise _cannot_write(target, error) from None
    _keep_mode(target, handle)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        _remove(temporary)
        raise _cannot_write(target, error) from None
    except BaseException:
        _remove(temporary)
        raise


def write_atomic(target: str | Path, data: bytes | str) -> Path:
    """Write ``data`` (text is written as UTF-8) to ``target`` whole, or leave it as it was."""
    with atomic_file(target) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(target)


def _create_temporary(target: Path) -> tuple[Path, io.BufferedWriter]:
    """A new hidden file beside the target, created exclusively (never an existing file or link)."""
    while True:
        temporary = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            # 0o666 and the umask give a new file the usual permissions, as open() would.
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        return temporary, os.fdopen(descriptor, "wb")


def _keep_mode(target: Path, handle: io.BufferedWriter) -> None:
    """A file that is replaced keeps its permissions (a private export stays private)."""
    with contextlib.suppress(OSError):
        info = target.lstat()
        if stat.S_ISREG(info.st_mode):
            os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))


def _refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise OutputError(f"{path}: is a symbolic link; aikg does not write through links it did not make")


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


class OutputFolder:
    """A folder that aikg fills with files of its own, each written atomically.

    ``subfolders`` are the folders it will write into; ``forbidden`` are folders the
    output must stay out of (the project's data and ontology: a Turtle file written
    there would be read back as data; its named queries).
    """

    def __init__(self, root: str | Path, subfolders: Iterable[str], forbidden: Iterable[Path] = ()):
        self.root = Path(root)
        self.replaced: list[Path] = []
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(f"{self.root}: exists and is not a folder; give a folder to write into")
        forbidden = [folder.resolve() for folder in forbidden]
        for path in [self.root, *(self.root / name for name in subfolders)]:
            if path != self.root:
                _refuse_link(path)
            resolved = path.resolve()
            inside = next((f for f in forbidden if resolved == f or f in resolved.parents), None)
            if inside is not None:
                raise OutputError(f"{self.root}: the outputs would go into {inside}; write them somewhere else")

    def subfolder(self, name: str) -> Path:
        """``root/name``, created if missing; a symbolic link there is refused, not followed."""
        path = self.root / name
        _refuse_link(path)
        if path.exists() and not path.is_dir():
            raise OutputError(f"{path}: exists and is not a folder")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{path}: cannot make the folder: {error.strerror}") from None
        return path

    @contextlib.contextmanager
    def open(self, subfolder: str, name: str) -> Iterator[io.BufferedWriter]:
        """Write ``root/subfolder/name`` atomically, noting whether a file was there before."""
        target = self.subfolder(subfolder) / name
        existed = target.exists() or target.is_symlink()
        with atomic_file(target) as handle:
            yield handle
        if existed:
            self.replaced.append(target)

    def write(self, subfolder: str, name: str, data: bytes | str) -> Path:
        with self.open(subfolder, name) as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        return self.root / subfolder / name

    def note(self, path: Path) -> str:
        """The note ' (replaced)' for a file that was there before, for a progress line."""
        return " (replaced)" if path in self.replaced else ""

    def summary(self) -> str:
        """One line on what was replaced, for the end of a build."""
        if not self.replaced:
            return f"no existing file replaced in {self.root}"
        return f"replaced {len(self.replaced)} existing file{'' if len(self.replaced) == 1 else 's'} in {self.root}"
