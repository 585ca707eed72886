"""Write output files whole or not at all, and never replace what is not a file.

Every file aikg writes goes first to a temporary file in the target's own folder
and is renamed over the target once it is complete and flushed to disk. A full
disk, a file-size limit, an error or Ctrl-C while writing therefore never leaves a
truncated file, nor destroys the file that was there before. A rename replaces a
symbolic link planted at the target instead of writing through it.

A target that exists and is not a regular file is never replaced: a character
device or a FIFO (``-o /dev/null``, a named pipe) is written in place, as is one of
this process's own descriptors (``-o /dev/stdout``, ``/dev/fd/3``); a folder, a
block device or a socket is refused. Temporary files carry the writer's process
id; one left by a process that was killed is removed by the next write to its folder.

``OutputFolder`` is the same for a folder of outputs (``aikg build -o DIR``): it
refuses a folder inside the project's data or ontology, refuses to write through
a symbolic link inside the folder or into anything but a regular file, and
remembers which files it replaced.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from aikg.errors import AikgError

__all__ = ["OutputError", "atomic_file", "write_atomic", "is_stream", "OutputFolder"]

_TEMPORARY = re.compile(r"\..*\.aikg-(\d+)-[0-9a-f]{8}\.tmp")  # .NAME.aikg-PID-RANDOM.tmp
_MAX_LINKS = 40  # as the kernel's own limit on links followed in one path


class OutputError(AikgError):
    """An output that cannot be written; nothing was changed on disk."""


def _cannot_write(target: Path, error: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write: {error.strerror or error}; the previous file, if any, is unchanged")


@contextlib.contextmanager
def atomic_file(target: str | Path, *, in_place: bool = True) -> Iterator[io.BufferedWriter]:
    """A binary file to write into; it replaces ``target`` only when the block ends without error.

    Missing parent folders are created. A character device, a FIFO or a descriptor
    of this process is written in place, unless ``in_place`` is False (then it is
    refused, as a folder, a block device or a socket always is). Raises OutputError
    (nothing changed) when the target is refused or cannot be written.
    """
    target = Path(target)
    if not in_place:
        _refuse_special(target)
    descriptor = _open_in_place(target) if in_place else None
    if descriptor is not None:
        with _written_in_place(target, descriptor) as handle:
            yield handle
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target.parent)
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


# ---------------------------------------------------------------- what is at the target


def is_stream(target: str | Path) -> bool:
    """Whether ``target`` is written in place: a character device, a FIFO, or one of this process's descriptors."""
    if _own_descriptor(Path(target)) is not None:
        return True
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _refusal(target: Path, mode: int) -> OutputError:
    if stat.S_ISDIR(mode):
        return OutputError(f"{target}: is a folder; give a file name")
    return OutputError(f"{target}: is {_kind(mode)}, not a regular file; aikg writes only files, character devices "
                       "and FIFOs (-o - for standard output)")


def _refuse_special(target: Path) -> None:
    """Refuse anything at ``target`` but a regular file or a symbolic link (which is replaced, not followed)."""
    try:
        mode = target.lstat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise _refusal(target, mode)


def _open_in_place(target: Path) -> int | None:
    """A descriptor to write ``target`` in place when it is a stream (a character device, a FIFO, one of this
    process's descriptors); None when it is to be replaced (a regular file, nothing, a link to either or to a
    folder); OutputError when it is a folder, a block device or a socket."""
    own = _own_descriptor(target)
    if own is not None:
        try:
            return os.dup(own)
        except OSError as error:
            raise OutputError(f"{target}: cannot write: descriptor {own} is not open ({error.strerror})") from None
    try:
        mode = os.stat(target).st_mode  # through links: a link to /dev/null is written as /dev/null is
    except OSError:
        return None
    if stat.S_ISREG(mode) or (stat.S_ISDIR(mode) and target.is_symlink()):
        return None
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise _refusal(target, mode)
    try:
        # A FIFO waits here for its reader, as `cat > fifo` does; O_NOCTTY: a terminal named by -o stays ours to leave.
        descriptor = os.open(target, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    mode = os.fstat(descriptor).st_mode
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):  # replaced between the look and the opening
        os.close(descriptor)
        raise OutputError(f"{target}: changed while it was opened; nothing written")
    return descriptor


def _own_descriptor(target: Path) -> int | None:
    """N when ``target`` names this process's descriptor N: /dev/stdout, /dev/fd/N, /proc/self/fd/N, or a
    link that leads to one. Such a path is written through the descriptor itself, never replaced."""
    names = re.compile(rf"/(?:dev/fd|proc/(?:self|thread-self|{os.getpid()})/fd)/(\d+)")
    path = os.path.abspath(target)
    for _ in range(_MAX_LINKS):
        match = names.fullmatch(path)
        if match:
            return int(match[1])
        try:
            link = os.readlink(path)
        except OSError:
            return None
        path = os.path.normpath(os.path.join(os.path.dirname(path), link))
    return None


@contextlib.contextmanager
def _written_in_place(target: Path, descriptor: int) -> Iterator[io.BufferedWriter]:
    """Write a stream directly; a reader that stops reading (BrokenPipeError) is passed on as for stdout."""
    handle = os.fdopen(descriptor, "wb")
    try:
        yield handle
        handle.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):
            handle.close()


# ---------------------------------------------------------------- temporary files


def _create_temporary(target: Path) -> tuple[Path, io.BufferedWriter]:
    """A new hidden file beside the target, created exclusively (never an existing file or link),
    named after this process so that a later write can tell it was left by a killed one."""
    while True:
        temporary = target.with_name(f".{target.name[:200]}.aikg-{os.getpid()}-{os.urandom(4).hex()}.tmp")
        try:
            # 0o666 and the umask give a new file the usual permissions, as open() would.
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        return temporary, os.fdopen(descriptor, "wb")


def _sweep(folder: Path) -> None:
    """Remove the temporary files that processes no longer running left in ``folder`` (an export killed
    with kill -9 or by the out-of-memory killer never reaches its own clean-up)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = _TEMPORARY.fullmatch(entry.name)
            if match and entry.is_file(follow_symlinks=False) and not _running(int(match[1])):
                _remove(Path(entry.path))


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        pass
    return True


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
        with atomic_file(target, in_place=False) as handle:
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
