"""The cache of validation reports, indexes and dumps: reused while nothing changed, never after a change,
never trusted when it is not the user's own, and never a process or an answer that outlives the command."""

from __future__ import annotations

import os
import shutil
import subprocess
import stat
import sys
import time
from pathlib import Path

import pytest

from aikg import cache
from aikg.errors import AikgError
from aikg.paths import DATA_DIR
from aikg.sources import sources
from aikg.store import load_sources

AIKG = str(Path(sys.executable).with_name("aikg"))


def aikg(*args: str, cache: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "AIKG_CACHE_DIR": str(cache)}
    return subprocess.run([AIKG, *args], capture_output=True, text=True, env=env, timeout=timeout)


@pytest.fixture
def country(tmp_path: Path) -> Path:
    """A copy of the Belgian folder, to change."""
    folder = tmp_path / "data" / "be"
    shutil.copytree(DATA_DIR / "be", folder)
    return folder


def test_a_changed_report_text_is_validated_again(country: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = aikg("validate", str(country.parent), cache=cache)
    assert first.returncode == 0, first.stdout + first.stderr
    text = country / "ai-watch-belgium-2020.txt"
    # The quote about Team Up's subsidies no longer occurs in the text: the cached "conforms" must not be served.
    # The edit keeps the file's size: only its bytes tell the two contents apart.
    before = text.stat().st_size
    text.write_text(text.read_text(encoding="utf-8").replace("EUR 12 millions of subsidies", "EUR 13 millions of subsidies"),
                    encoding="utf-8")
    assert text.stat().st_size == before
    second = aikg("validate", str(country.parent), cache=cache)
    assert second.returncode == 1
    assert "EUR 12 millions of subsidies" in second.stdout


def test_a_changed_data_file_is_queried_afresh(country: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    query = ["query", "-", "--format", "csv", "--data", str(country.parent)]
    ask = "SELECT ?label WHERE { beo:innoviris rdfs:label ?label }"

    def label() -> str:
        done = subprocess.run([AIKG, *query], input=ask, capture_output=True, text=True,
                              env={**os.environ, "AIKG_CACHE_DIR": str(cache)}, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[-1]

    assert label() == "Innoviris"
    actors = country / "actors.ttl"
    actors.write_text(actors.read_text(encoding="utf-8").replace('"Innoviris"@en', '"Innoviris2"@en', 1), encoding="utf-8")
    assert label() == "Innoviris2"


@pytest.mark.parametrize("command", [["validate"], ["query", "targets"], ["stats"]])
def test_a_data_file_that_is_a_device_is_refused_not_read(country: Path, tmp_path: Path, command: list[str]) -> None:
    (country / "zero.ttl").symlink_to("/dev/zero")
    done = aikg(*command, "--data", str(country.parent), cache=tmp_path / "cache", timeout=60)
    assert done.returncode == 2, done.stdout[-500:] + done.stderr
    assert "zero.ttl: is not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_the_key_is_the_hash_of_the_very_bytes_that_are_parsed(country: Path, tmp_path: Path, monkeypatch) -> None:
    """An edit landing between the key and the load cannot file one content's work under another's key."""
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path / "cache"))
    found = sources([country.parent])
    key = cache.content_key(found)
    actors = country / "actors.ttl"
    actors.write_text(actors.read_text(encoding="utf-8").replace('"Innoviris"@en', '"Edited"@en', 1), encoding="utf-8")
    store = load_sources(found)  # the same Source objects: the bytes read for the key
    labels = {q.object.value for q in store.quads_for_pattern(None, None, None) if q.predicate.value.endswith("#label")}
    assert "Innoviris" in labels and "Edited" not in labels
    assert cache.content_key(sources([country.parent])) != key  # read again, the edit is a new content


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_cache_folder_is_created_private(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path / "new" / "cache"))
    assert _mode(cache.cache_root()) == 0o700


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_cache_folder_others_may_write_is_refused(tmp_path: Path, monkeypatch, mode: int) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    monkeypatch.setenv("AIKG_CACHE_DIR", str(folder))
    with pytest.raises(AikgError, match=r"others may write to the cache folder \(mode 7[0-7]{2}\).*chmod 700"):
        cache.cache_root()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_folder_of_another_user_is_refused_by_every_command(country: Path, tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    done = aikg("validate", str(country.parent), cache=folder)
    assert done.returncode == 2 and "belongs to another user (uid 65534)" in done.stderr, done.stderr
    assert list(folder.iterdir()) == []  # nothing read from it, nothing written to it


def test_a_pickle_planted_in_the_cache_is_never_loaded(country: Path, tmp_path: Path) -> None:
    """The cache holds JSON and bytes only: no file in it can run code."""
    folder = tmp_path / "cache"
    assert aikg("validate", str(country.parent), cache=folder).returncode == 0
    marker = tmp_path / "ran"
    payload = f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()  # pickle protocol 0: os.system("touch ...")
    for entry in (p for p in folder.iterdir() if p.is_dir()):
        for name in ("validation.pickle", "validation.json", "search.sqlite", "prefixes.json"):
            (entry / name).write_bytes(payload)
    for command in (["validate", str(country.parent)], ["query", "targets", "--data", str(country.parent)],
                    ["search", "Innoviris", "--data", str(country.parent)]):
        done = aikg(*command, cache=folder)
        assert done.returncode in (0, 1), done.stderr
    assert not marker.exists()


def test_a_query_leaves_no_process_behind(country: Path, tmp_path: Path) -> None:
    """A query's process is all there is: with stdout's descriptor passed on to a pipe, the pipe ends when aikg does."""
    script = f"{AIKG} query network --data {country.parent} 3>&1 >/dev/null | cat"
    started = time.monotonic()
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "AIKG_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30
    leftovers = subprocess.run(["pgrep", "-f", f"aikg.*{country.parent}"], capture_output=True, text=True)
    assert leftovers.stdout == ""


def test_a_report_text_in_a_subfolder_edited_is_validated_again(country: Path, tmp_path: Path) -> None:
    """The text may live in a subfolder of the report's folder; its edit is seen like any other."""
    (country / "text").mkdir()
    (country / "ai-watch-belgium-2020.txt").rename(country / "text" / "ai-watch-belgium-2020.txt")
    report = country / "report.ttl"
    report.write_text(report.read_text(encoding="utf-8").replace('"ai-watch-belgium-2020.txt"', '"text/ai-watch-belgium-2020.txt"'),
                      encoding="utf-8")
    cache_folder = tmp_path / "cache"
    assert aikg("validate", str(country.parent), cache=cache_folder).returncode == 0
    text = country / "text" / "ai-watch-belgium-2020.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("EUR 12 millions of subsidies", "EUR 13 millions of subsidies"),
                    encoding="utf-8")
    again = aikg("validate", str(country.parent), cache=cache_folder)
    assert again.returncode == 1 and "EUR 12 millions of subsidies" in again.stdout


def test_a_large_file_beside_the_data_is_not_read(country: Path, tmp_path: Path) -> None:
    """Only the files validation reads are hashed: a video beside the data (here a sparse 600 MiB file) is not."""
    with open(country / "interview.mp4", "wb") as video:
        video.truncate(600 * 2**20)
    done = aikg("validate", str(country.parent), cache=tmp_path / "cache", timeout=120)
    assert done.returncode == 0, done.stdout[-300:] + done.stderr
