"""Atomic output files: whole or not at all, never through a planted link."""

from __future__ import annotations

from pathlib import Path

import pytest

from aikg.output import OutputError, OutputFolder, atomic_file, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_failure_while_writing_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"PREVIOUS")
    with pytest.raises(RuntimeError), atomic_file(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("the serializer failed")
    assert target.read_bytes() == b"PREVIOUS"
    assert _leftovers(tmp_path) == []


def test_a_complete_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"PREVIOUS")
    write_atomic(target, "new é")
    assert target.read_bytes() == "new é".encode()
    assert _leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "private.ttl"
    target.write_bytes(b"PREVIOUS")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o600


def test_missing_folders_are_made(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a" / "b" / "out.csv", b"x")
    assert (tmp_path / "a" / "b" / "out.csv").read_bytes() == b"x"


def test_a_folder_is_not_a_target(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, b"x")


def test_a_planted_link_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"PRECIOUS")
    link = tmp_path / "out.html"
    link.symlink_to(victim)
    write_atomic(link, b"new")
    assert victim.read_bytes() == b"PRECIOUS"
    assert not link.is_symlink() and link.read_bytes() == b"new"


def test_output_folder_refuses_the_projects_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(OutputError, match="would go into"):
        OutputFolder(data / "be" / "build", ["export"], forbidden=[data])
    with pytest.raises(OutputError, match="would go into"):
        OutputFolder(tmp_path, ["data"], forbidden=[data])  # DIR/data would be the data folder itself


def test_output_folder_refuses_a_file_and_a_linked_subfolder(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(OutputError, match="is not a folder"):
        OutputFolder(tmp_path / "file", ["export"])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "export").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="symbolic link"):
        OutputFolder(tmp_path / "build", ["export"])


def test_output_folder_says_which_files_it_replaced(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "aikg.ttl").write_bytes(b"old")
    folder = OutputFolder(tmp_path, ["export"])
    old = folder.write("export", "aikg.ttl", b"new")
    new = folder.write("export", "aikg.nt", b"new")
    assert folder.replaced == [old]
    assert folder.note(old) == " (replaced)" and folder.note(new) == ""
    assert folder.summary() == f"replaced 1 existing file in {tmp_path}"
