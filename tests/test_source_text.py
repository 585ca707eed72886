"""A report's text file, named by the data, is read only when it is a bounded UTF-8 file inside the data's folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from aikg.provenance import MAX_SOURCE_TEXT_BYTES, SourceTextError, read_source_text


@pytest.fixture
def declared(tmp_path: Path) -> Path:
    """The Turtle file that names the text; the text sits beside it."""
    folder = tmp_path / "data" / "xx"
    folder.mkdir(parents=True)
    (folder / "report.txt").write_text("The agency funds the programme.", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("root:x:0:0", encoding="utf-8")
    return folder / "report.ttl"


def test_a_file_beside_the_turtle_is_read(declared: Path) -> None:
    assert read_source_text(Literal("report.txt"), declared) == "The agency funds the programme."


def test_a_file_in_a_subfolder_is_read(declared: Path) -> None:
    (declared.parent / "texts").mkdir()
    (declared.parent / "texts" / "r.txt").write_text("words", encoding="utf-8")
    assert read_source_text(Literal("texts/r.txt"), declared) == "words"


REFUSED = [
    (lambda folder: "/etc/passwd", "must be a file name relative to the folder"),
    (lambda folder: str(folder.parent.parent / "secret.txt"), "must be a file name relative to the folder"),
    (lambda folder: "../../secret.txt", "leads outside the folder"),
    (lambda folder: "texts/../../../secret.txt", "leads outside the folder"),
    (lambda folder: _link(folder / "link.txt", folder.parent.parent / "secret.txt"), "leads outside the folder"),
    (lambda folder: _link(folder / "zero.txt", Path("/dev/zero")), "leads outside the folder"),
    (lambda folder: "", "is a folder, not a regular file"),
    (lambda folder: _mkdir(folder / "texts"), "is a folder, not a regular file"),
    (lambda folder: _fifo(folder / "pipe.txt"), "is a FIFO, not a regular file"),
    (lambda folder: _write(folder / "latin1.txt", "Région de Bruxelles".encode("latin-1")), "is not UTF-8 text (byte 2)"),
    (lambda folder: _sparse(folder / "huge.txt", MAX_SOURCE_TEXT_BYTES + 1), "is larger than 8 MiB"),
    (lambda folder: "missing.txt", "cannot be read: No such file or directory"),
]


def _link(path: Path, target: Path) -> str:
    path.symlink_to(target)
    return path.name


def _mkdir(path: Path) -> str:
    path.mkdir()
    return path.name


def _fifo(path: Path) -> str:
    os.mkfifo(path)
    return path.name


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return path.name


def _sparse(path: Path, size: int) -> str:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path.name


@pytest.mark.parametrize("make, words", REFUSED, ids=[w for _, w in REFUSED])
def test_refused(declared: Path, make, words: str) -> None:
    with pytest.raises(SourceTextError, match=words.replace("(", r"\(").replace(")", r"\)")):
        read_source_text(Literal(make(declared.parent)), declared)


def test_an_iri_is_not_a_file_name(declared: Path) -> None:
    with pytest.raises(SourceTextError, match="must be a file name"):
        read_source_text(URIRef("file:///etc/passwd"), declared)


def test_a_source_text_outside_any_data_file_is_refused() -> None:
    with pytest.raises(SourceTextError, match="not declared in a data file"):
        read_source_text(Literal("report.txt"), None)


def test_a_device_inside_the_folder_is_refused(declared: Path) -> None:
    try:
        os.mknod(declared.parent / "zero.txt", 0o600 | 0o020000, os.makedev(1, 5))  # a /dev/zero of our own
    except PermissionError:
        pytest.skip("making a device node needs root")
    with pytest.raises(SourceTextError, match="is a device, not a regular file"):
        read_source_text(Literal("zero.txt"), declared)
