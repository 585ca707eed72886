"""Which Turtle files make up the graph, and the named graph each one goes into.

Kept free of rdflib and pyoxigraph so that every command can find its inputs
(and the cache key of its inputs) before it imports an RDF library.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from aikg.errors import InputError
from aikg.paths import DATA_DIR, ONTOLOGY_DIR, PROJECT_ROOT, SHAPES_FILE, SHARED_DIR

__all__ = ["GRAPH_BASE", "MAX_FILE_BYTES", "Source", "ontology_files", "data_files", "expand_paths", "graph_name",
           "sources", "read_source", "turtle_error", "shared_files", "is_shared", "shared_namespaces", "shared_for"]

GRAPH_BASE = "https://w3id.org/aikg/graph/"
_PROJECT_ROOT = PROJECT_ROOT.resolve()
MAX_FILE_BYTES = 512 * 2**20  # one Turtle file; a link to /dev/zero or a runaway file is refused, not read


def read_source(path: Path, head: int | None = None) -> bytes:
    """The bytes of a data file (its first ``head`` bytes if given): a regular file of bounded size, or
    InputError saying what it is instead."""
    try:
        # O_NONBLOCK: a FIFO planted in a data folder must not make aikg wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(path, f"cannot read file: {error.strerror}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "is not a regular file (a device, FIFO or folder); data files must be files")
        chunks, size, wanted = [], 0, MAX_FILE_BYTES + 1 if head is None else head
        while size < wanted and (chunk := os.read(descriptor, min(1 << 20, wanted - size))):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise InputError(path, f"is larger than {MAX_FILE_BYTES // 2**20} MiB")
        return b"".join(chunks)
    except OSError as error:
        raise InputError(path, f"cannot read file: {error.strerror}") from None
    finally:
        os.close(descriptor)


def turtle_error(path: Path, error: SyntaxError) -> InputError:
    """Oxigraph's syntax error as an InputError naming the file, line and column."""
    message = str(error.msg).split(": ", 1)[-1] if ": " in str(error.msg) else str(error.msg)
    return InputError(path, f"Turtle syntax error: {message}", error.lineno, error.offset)


class Source:
    """One Turtle file, its absolute path (resolved once: a hundred reports are 700 files) and
    the named graph it is loaded into."""

    __slots__ = ("path", "graph", "resolved", "_data")

    def __init__(self, path: Path, graph: str, resolved: Path | None = None):
        self.path, self.graph = path, graph
        self.resolved = resolved if resolved is not None else path.resolve()
        self._data: bytes | None = None

    def read(self) -> bytes:
        """The file's bytes (see read_source), read once: the cache key, the store and the
        prefixes all need them."""
        if self._data is None:
            self._data = read_source(self.path)
        return self._data

    def __repr__(self) -> str:
        return f"Source({str(self.path)!r}, {self.graph!r})"


def ontology_files() -> list[Path]:
    """The ontology and its code lists; the SHAPES are kept apart."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if p != SHAPES_FILE)


def data_files() -> list[Path]:
    """Every Turtle file of the project's data, in a stable order."""
    return sorted(DATA_DIR.rglob("*.ttl"))


def shared_files() -> list[Path]:
    """The Turtle files of the shared folder (data/shared/): resources any report may refer to."""
    return sorted(SHARED_DIR.rglob("*.ttl")) if SHARED_DIR.is_dir() else []


def is_shared(path: Path) -> bool:
    """Whether a file belongs to a shared folder: the project's data/shared/, or a folder of that name
    beside the country folders of other data (a copy of data/ keeps its own)."""
    return SHARED_DIR.name in path.resolve().parent.parts[-2:]


_NAMESPACE = re.compile(rb"^[ \t]*@?prefix[ \t]+[A-Za-z][\w.-]*:[ \t]*<(https://w3id\.org/aikg/id/[^>]*)>", re.I | re.M)


@functools.cache
def shared_namespaces() -> tuple[bytes, ...]:
    """The namespaces of the shared resources (``place:``, ``aio:``), as the shared files declare them."""
    found = {match.group(1) for file in shared_files() for match in _NAMESPACE.finditer(read_source(file))}
    return tuple(sorted(found))


def shared_for(files: Iterable[Path | Source]) -> list[Path]:
    """The project's shared files to load beside ``files``: all of them when a file given uses a shared
    namespace; none when none does, or when the files given hold a shared folder of their own."""
    files = list(files)
    namespaces = shared_namespaces()

    def refers(file: Path | Source) -> bool:
        data = file.read() if isinstance(file, Source) else read_source(file)
        return any(namespace in data for namespace in namespaces)

    if any(is_shared(file.path if isinstance(file, Source) else file) for file in files):
        return []  # the data given has shared resources of its own
    if not any(refers(file) for file in files):
        return []
    return shared_files()


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Turn files and folders into the list of Turtle files they hold."""
    return [file for file, _ in _files(paths)]


def _files(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """Each Turtle file given or found in a folder given, with the folder its graph is named from."""
    found: list[tuple[Path, Path]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(path.rglob("*.ttl"))
            if not files:
                raise InputError(path, "folder holds no .ttl file")
            root = path.parent.resolve()
            found.extend((file, root) for file in files)
        elif path.is_file():
            found.append((path, path.parent.parent.resolve()))
        else:
            raise InputError(path, "no such file or folder")
    return found


def _expand(paths: Iterable[str | Path]) -> list[Source]:
    folders: dict[Path, Path] = {}
    return [_source(file, root, folders) for file, root in _files(paths)]


def _source(path: Path, root: Path | None = None, folders: dict[Path, Path] | None = None) -> Source:
    resolved = _resolved(path, {} if folders is None else folders)
    return Source(path, graph_name(path, root, resolved), resolved)


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, each folder resolved once: a hundred reports are 700 files in 100 folders."""
    if os.path.islink(path):
        return path.resolve()
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return folder / path.name


def graph_name(path: Path, root: Path | None = None, resolved: Path | None = None) -> str:
    """The named graph of a source file: its path without suffix, e.g. .../graph/data/be/actors.

    Inside the project the path is taken from the project's root; elsewhere from
    ``root`` (the parent of the folder given, absolute), so that two countries'
    ``actors.ttl`` never share a graph.
    """
    text = str(resolved if resolved is not None else path.resolve())
    for base in (_PROJECT_ROOT, root):
        if base is None:
            continue
        inside = str(base).rstrip("/") + "/"  # resolved paths: a prefix test is relative_to, without its cost
        if text.startswith(inside):
            return GRAPH_BASE + PurePosixPath(text[len(inside):]).with_suffix("").as_posix()
    return GRAPH_BASE + Path(path.parent.name, path.stem).as_posix()


def sources(paths: Iterable[str | Path] | None = None) -> list[Source]:
    """The ontology files, then the data (default: the project's), each with its graph name."""
    folders: dict[Path, Path] = {}
    found = [_source(p, None, folders) for p in ontology_files()]
    if paths is None:
        found += [_source(p, None, folders) for p in data_files()]
    else:
        given = _expand(paths)
        found += [_source(p, None, folders) for p in shared_for(given)] + given
    unique: dict[Path, Source] = {}
    graphs: dict[str, Path] = {}
    for source in found:
        resolved = source.resolved
        if resolved in unique:
            continue  # a file named twice (a folder and a file in it) is loaded once
        if source.graph in graphs:
            raise InputError(source.path, f"would share the named graph <{source.graph}> with {graphs[source.graph]}; rename one")
        unique[resolved], graphs[source.graph] = source, source.path
    return list(unique.values())
