"""Atomic output files: whole or not at all, never through a planted link."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from aikg.output import OutputError, OutputFolder, atomic_file, is_stream, write_atomic


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


def _dead_pid() -> int:
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def test_a_killed_writers_temporary_file_is_swept_a_running_ones_kept(tmp_path: Path) -> None:
    stale = tmp_path / f".out.ttl.aikg-{_dead_pid()}-0123abcd.tmp"
    running = tmp_path / f".out.ttl.aikg-{os.getppid()}-0123abcd.tmp"  # pytest's parent: running
    other = tmp_path / ".notes.tmp"  # not aikg's
    for path in (stale, running, other):
        path.write_bytes(b"half")
    write_atomic(tmp_path / "out.ttl", b"new")
    assert not stale.exists() and running.exists() and other.exists()


def test_a_temporary_file_names_its_process(tmp_path: Path) -> None:
    with atomic_file(tmp_path / "out.ttl") as handle:
        handle.write(b"x")
        [name] = _leftovers(tmp_path)
        assert re.fullmatch(rf"\.out\.ttl\.aikg-{os.getpid()}-[0-9a-f]{{8}}\.tmp", name)
    assert _leftovers(tmp_path) == []


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert is_stream(fifo)
    write_atomic(fifo, b"a,b\n")
    reader.join(30)
    assert received == [b"a,b\n"] and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_descriptor_path_writes_through_the_descriptor(tmp_path: Path) -> None:
    """/dev/fd/N (and /dev/stdout, a link to /proc/self/fd/1) is the open file, appended to as it is opened."""
    kept = tmp_path / "log.txt"
    kept.write_bytes(b"first\n")
    with kept.open("ab") as log:
        assert is_stream(f"/dev/fd/{log.fileno()}")
        write_atomic(f"/dev/fd/{log.fileno()}", b"second\n")
    assert kept.read_bytes() == b"first\nsecond\n"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(tmp_path / "s.ttl"))
        with pytest.raises(OutputError, match="is a socket, not a regular file"):
            write_atomic(tmp_path / "s.ttl", b"x")
    assert stat.S_ISSOCK((tmp_path / "s.ttl").lstat().st_mode)


def test_a_regular_file_is_no_stream(tmp_path: Path) -> None:
    (tmp_path / "out.ttl").write_bytes(b"")
    assert not is_stream(tmp_path / "out.ttl") and not is_stream(tmp_path / "absent.ttl")


def test_an_output_folder_never_writes_into_a_fifo(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    os.mkfifo(tmp_path / "export" / "aikg.ttl")
    folder = OutputFolder(tmp_path, ["export"])
    with pytest.raises(OutputError, match=r"aikg\.ttl: is a FIFO, not a regular file"):
        folder.write("export", "aikg.ttl", b"x")
    assert stat.S_ISFIFO((tmp_path / "export" / "aikg.ttl").lstat().st_mode)
