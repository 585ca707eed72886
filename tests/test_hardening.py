"""Hostile data, clumsy use and failing disks, one row per case, through the installed command.

Each row of CASES runs ``.venv/bin/aikg`` as a subprocess in a folder of its own,
under resource limits where the case is about disk (``RLIMIT_FSIZE``; a real full
or read-only disk is mounted in a private mount namespace where the machine
allows it), and asserts: the exit status (1 the data does not conform, 2
unreadable input or refused work), the message (one line, unless the case is a
validation report), no traceback and no rdflib log noise, the previous output
file intact with no temporary file left behind, and an answer within the row's
time bound (a guard against hangs, not a benchmark: see benchmarks/).

Rows for other parts of the command (query limits, parameters) are added to CASES
in the same form.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import aikg
from aikg.paths import DATA_DIR, ONTOLOGY_DIR

AIKG = str(Path(sys.executable).with_name("aikg"))
PREVIOUS = b"PREVIOUS OUTPUT, KEPT\n"
KIB = 1024
NOISE = ("Traceback", "Failed to convert Literal", "Exception ignored", "UserWarning", "weird boolean")
PACKAGE_DIR = Path(aikg.__file__).parent


@dataclass(frozen=True)
class Case:
    """One command line and what must come of it. Paths may use {tmp}, {data}, {ontology} and {package}."""

    id: str
    argv: tuple[str, ...]
    exit: int
    message: str = ""  # a regular expression searched in stderr ("" when stderr must be empty)
    one_line: bool = True  # False for a validation report: one line per problem, a verdict line
    setup: Callable[[Path], None] | None = None
    stdin: bytes = b""
    stdout_to: str | None = None  # "/dev/full", or "closed" (the shell's >&-); None: a pipe
    stdout: str = ""  # a regular expression searched in stdout
    fsize: int | None = None  # RLIMIT_FSIZE for the command, in bytes
    disk: str | None = None  # "full" or "read-only": mount one over {tmp}/disk (private mount namespace)
    keep: str | None = None  # a file (under {tmp}) that held PREVIOUS before and must still hold it
    made: str | None = None  # a file (under {tmp}) the command must have written
    untouched: str | None = None  # a folder (under {tmp}) that must stay empty
    check: Callable[[Path], None] | None = None  # more assertions on {tmp} once the command has ended
    seconds: float = 120  # the command must end within this
    env: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- data the rows use

PRELUDE = """@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix ex:   <https://example.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""
TEXT = "The agency funds the programme."  # 31 characters
QUOTE = "The agency funds"  # 16 of them: 16 / 31 = 51.6 % of the text is quoted


def report(source: str, make: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    """A data folder whose report names ``source`` as its text; ``make`` puts something there."""

    def setup(tmp: Path) -> None:
        data = tmp / "data"
        data.mkdir()
        (tmp / "secret.txt").write_text("root:x:0:0:root:/root:/bin/sh\n", encoding="utf-8")
        (data / "report.ttl").write_text(
            PRELUDE + f'ex:report a aikg:Report ; rdfs:label "R"@en ; aikg:sourceText "{source}" .\n'
            f'ex:fact prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:value "{QUOTE}" ] .\n',
            encoding="utf-8",
        )
        if make is not None:
            make(data)

    return setup


def text_file(data: Path) -> None:
    (data / "texts").mkdir()
    (data / "texts" / "report.txt").write_text(TEXT, encoding="utf-8")


def turtle(body: str) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        (tmp / "data").mkdir()
        (tmp / "data" / "case.ttl").write_text(PRELUDE + body, encoding="utf-8")

    return setup


def bare_funding_relations(tmp: Path) -> None:
    """8,000 funding relations with nothing but their type: 40,000 violations (279 KB)."""
    (tmp / "data").mkdir()
    lines = [f"ex:f{i} a aikg:FundingRelation ." for i in range(8000)]
    (tmp / "data" / "bare.ttl").write_text(PRELUDE + "\n".join(lines) + "\n", encoding="utf-8")


def previous(relative: str) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        path = tmp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PREVIOUS)

    return setup


def both(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        for step in setups:
            step(tmp)

    return setup


def mkdir(relative: str) -> Callable[[Path], None]:
    return lambda tmp: (tmp / relative).mkdir(parents=True)


def symlink(relative: str, target: str) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        (tmp / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp / relative).symlink_to(target if target.startswith("/") else tmp / target)

    return setup


def sparse(size: int) -> Callable[[Path], None]:
    def make(data: Path) -> None:
        with (data / "huge.txt").open("wb") as handle:
            handle.truncate(size)

    return make


def non_utf8_query(tmp: Path) -> None:
    (tmp / "latin1.rq").write_bytes("SELECT ?s WHERE { ?s ?p \"Région\" }".encode("latin-1"))


def device_like(relative: str, device: str) -> Callable[[Path], None]:
    """A character device like ``device``: as root, a node of our own with its numbers (a broken
    writer would replace that, not the system's); otherwise the system's, which we cannot replace."""

    def setup(tmp: Path) -> None:
        if os.geteuid() == 0:
            os.mknod(tmp / relative, stat.S_IFCHR | 0o666, os.stat(device).st_rdev)
        else:
            (tmp / relative).symlink_to(device)

    return setup


def block_device(relative: str) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        if os.geteuid() != 0:
            pytest.skip("making a block device node needs root")
        os.mknod(tmp / relative, stat.S_IFBLK | 0o600, os.makedev(7, 0))  # a loop device's numbers; never opened

    return setup


def unix_socket(relative: str) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(str(tmp / relative))

    return setup


def still(relative: str, is_kind: Callable[[int], bool]) -> Callable[[Path], None]:
    """The node is still what it was (checked through a link when not root: the system's device)."""

    def check(tmp: Path) -> None:
        assert is_kind(os.stat(tmp / relative).st_mode), f"{relative} was replaced"
        assert not stat.S_ISREG(os.lstat(tmp / relative).st_mode)

    return check


def fifo_with_reader(relative: str) -> Callable[[Path], None]:
    """A FIFO and a thread that reads it into ``relative``.read, as another program would."""

    def read(tmp: Path) -> None:
        with open(tmp / relative, "rb") as fifo:
            data = fifo.read()
        (tmp / f"{relative}.read").write_bytes(data)

    def setup(tmp: Path) -> None:
        os.mkfifo(tmp / relative)
        threading.Thread(target=read, args=(tmp,), daemon=True).start()

    return setup


def fifo_received(relative: str, start: bytes) -> Callable[[Path], None]:
    def check(tmp: Path) -> None:
        deadline = time.monotonic() + 30
        while not (tmp / f"{relative}.read").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (tmp / f"{relative}.read").read_bytes().startswith(start)
        assert stat.S_ISFIFO(os.lstat(tmp / relative).st_mode)

    return check


def stale_temporary(relative: str) -> Callable[[Path], None]:
    """The temporary file an export killed with kill -9 leaves: named after a process that has ended."""

    def setup(tmp: Path) -> None:
        ended = subprocess.Popen(["true"])  # a process that has ended: no process runs under its number
        ended.wait()
        path = tmp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_name(f".{path.name}.aikg-{ended.pid}-0123abcd.tmp").write_bytes(b"half an export")

    return setup


def long_literal(tmp: Path) -> None:
    """A literal of 17 MiB on line 7, one more than the Turtle parser's buffer holds."""
    (tmp / "data").mkdir()
    with (tmp / "data" / "case.ttl").open("w", encoding="utf-8") as handle:
        handle.write(PRELUDE + 'ex:thing rdfs:label "T"@en ;\n    rdfs:comment "' + "x" * (17 * KIB * KIB) + '" .\n')


def still_a_link(relative: str) -> Callable[[Path], None]:
    def check(tmp: Path) -> None:
        assert (tmp / relative).is_symlink()

    return check


def absent(relative: str) -> Callable[[Path], None]:
    def check(tmp: Path) -> None:
        assert not (tmp / relative).exists()

    return check


# ---------------------------------------------------------------- the rows

SOURCE = r"ex:report  aikg:sourceText  "
NO_CACHE = {"AIKG_CACHE_DIR": "off"}  # under a file-size limit: these rows are about outputs, not the query cache
WRITE_FAILED = r"cannot write: {}; the previous file, if any, is unchanged$"

CASES = [
    # 1. Data cannot make aikg read outside its own files.
    Case("source-absolute", ("validate", "{tmp}/data"), 1, SOURCE + r"aikg:sourceText '/etc/passwd' must be a file name relative",
         one_line=False, setup=report("/etc/passwd")),
    Case("source-absolute-stats", ("stats", "{tmp}/data"), 1, r"report\.ttl: ex:report: aikg:sourceText '/etc/passwd' must be a file name relative",
         setup=report("/etc/passwd")),
    Case("source-dotdot", ("validate", "{tmp}/data"), 1, SOURCE + r"aikg:sourceText '\.\./secret\.txt' leads outside the folder of report\.ttl",
         one_line=False, setup=report("../secret.txt")),
    Case("source-link-out", ("validate", "{tmp}/data"), 1, SOURCE + r"aikg:sourceText 'link\.txt' leads outside",
         one_line=False, setup=both(report("link.txt"), symlink("data/link.txt", "secret.txt"))),
    Case("source-dev-zero", ("validate", "{tmp}/data"), 1, SOURCE + r"aikg:sourceText '/dev/zero' must be a file name relative",
         one_line=False, setup=report("/dev/zero")),
    Case("source-link-dev-zero", ("stats", "{tmp}/data"), 1, r"ex:report: aikg:sourceText 'zero\.txt' leads outside",
         setup=both(report("zero.txt"), symlink("data/zero.txt", "/dev/zero"))),
    Case("source-fifo", ("validate", "{tmp}/data"), 1, SOURCE + r"the report's text file 'pipe\.txt' is a FIFO, not a regular file",
         one_line=False, setup=report("pipe.txt", lambda data: os.mkfifo(data / "pipe.txt")), seconds=60),
    Case("source-fifo-stats", ("stats", "{tmp}/data"), 1, r"ex:report: the report's text file 'pipe\.txt' is a FIFO",
         setup=report("pipe.txt", lambda data: os.mkfifo(data / "pipe.txt")), seconds=60),
    Case("source-folder", ("validate", "{tmp}/data"), 1, SOURCE + r"the report's text file 'texts' is a folder, not a regular file",
         one_line=False, setup=report("texts", lambda data: (data / "texts").mkdir())),
    Case("source-folder-stats", ("stats", "{tmp}/data"), 1, r"ex:report: the report's text file 'texts' is a folder",
         setup=report("texts", lambda data: (data / "texts").mkdir())),
    Case("source-not-utf8", ("validate", "{tmp}/data"), 1, SOURCE + r"the report's text file 'latin1\.txt' is not UTF-8 text \(byte 2\)",
         one_line=False, setup=report("latin1.txt", lambda data: (data / "latin1.txt").write_bytes("Région".encode("latin-1")))),
    Case("source-too-large", ("validate", "{tmp}/data"), 1, SOURCE + r"the report's text file 'huge\.txt' is larger than 8 MiB",
         one_line=False, setup=report("huge.txt", sparse(8 * KIB * KIB + 1))),
    Case("source-in-subfolder-is-read", ("stats", "{tmp}/data"), 0, "", stdout=r"report text quoted: ex:report +51\.6%",
         setup=report("texts/report.txt", text_file)),
    # 4. Every ill-typed literal is caught, with file and line, on any property; reporting is linear.
    Case("literal-gyear", ("validate", "{tmp}/data"), 1, r'^  data/case\.ttl:8  ex:thing  ex:year  "20X9" is not a valid xsd:gYear$',
         one_line=False, setup=turtle('\nex:thing rdfs:label "T"@en ;\n    ex:year "20X9"^^xsd:gYear .\n')),
    Case("literal-gyearmonth", ("validate", "{tmp}/data"), 1, r'^  data/case\.ttl:7  ex:thing  ex:month  "2018-13" is not a valid xsd:gYearMonth$',
         one_line=False, setup=turtle('ex:thing rdfs:label "T"@en ;\n    ex:month "2018-13"^^xsd:gYearMonth .\n')),
    Case("literal-integer-no-rdflib-noise", ("validate", "{tmp}/data"), 1, r'^  data/case\.ttl:7  ex:thing  ex:count  "abc" is not a valid xsd:integer$',
         one_line=False, setup=turtle('ex:thing rdfs:label "T"@en ;\n    ex:count "abc"^^xsd:integer .\n')),
    Case("literal-integer-underscore", ("validate", "{tmp}/data"), 1, r'^  data/case\.ttl:7  ex:thing  ex:count  "1_000" is not a valid xsd:integer$',
         one_line=False, setup=turtle('ex:thing rdfs:label "T"@en ;\n    ex:count "1_000"^^xsd:integer .\n')),
    Case("literal-escape-in-message", ("validate", "{tmp}/data"), 1, r'"\\x1b\[2J" is not a valid xsd:integer$',
         one_line=False, setup=turtle('ex:thing ex:count "\\u001B[2J"^^xsd:integer .\n')),
    Case("validation-8000-problems-linear", ("validate", "{tmp}/data"), 1,
         r"^does not conform: 1 file, [\d,]+ triples, 40,000 violations, 0 warnings$", one_line=False, setup=bare_funding_relations,
         seconds=150),
    # 5. Outputs are atomic and stay where they are told.
    Case("export-file-size-limit", ("export", "-o", "{tmp}/out/aikg.ttl"), 2, WRITE_FAILED.format("File too large"),
         setup=previous("out/aikg.ttl"), fsize=64 * KIB, keep="out/aikg.ttl", env=NO_CACHE),
    Case("query-file-size-limit", ("query", "funding-by-funder", "--format", "csv", "-o", "{tmp}/out/funding.csv"), 2,
         WRITE_FAILED.format("File too large"), setup=previous("out/funding.csv"), fsize=1 * KIB, keep="out/funding.csv", env=NO_CACHE),
    Case("network-file-size-limit", ("network", "-o", "{tmp}/out/actors.html"), 2, WRITE_FAILED.format("File too large"),
         setup=previous("out/actors.html"), fsize=16 * KIB, keep="out/actors.html", env=NO_CACHE),
    Case("build-file-size-limit", ("build", "-o", "{tmp}/build"), 2, WRITE_FAILED.format("File too large"),
         setup=previous("build/export/aikg.ttl"), fsize=16 * KIB, keep="build/export/aikg.ttl", env=NO_CACHE),
    Case("export-full-disk", ("export", "-o", "{tmp}/disk/aikg.ttl"), 2, WRITE_FAILED.format("No space left on device"),
         disk="full", keep="disk/aikg.ttl"),
    Case("network-read-only-disk", ("network", "-o", "{tmp}/disk/actors.html"), 2, r"cannot write: Read-only file system",
         setup=previous("disk/actors.html"), disk="read-only", keep="disk/actors.html"),
    Case("network-missing-folder-is-made", ("network", "--format", "graphml", "-o", "{tmp}/new/folder/actors.graphml"), 0,
         made="new/folder/actors.graphml"),
    Case("network-onto-a-folder", ("network", "-o", "{tmp}/out.html"), 2, r"out.html: is a folder; give a file name$", setup=mkdir("out.html")),
    Case("export-onto-a-folder", ("export", "-o", "{tmp}/out.ttl"), 2, r"out.ttl: is a folder; give a file name$", setup=mkdir("out.ttl")),
    Case("build-onto-a-file", ("build", "-o", "{tmp}/out"), 2, r"out: exists and is not a folder", setup=previous("out"), keep="out"),
    Case("build-into-data", ("build", "-o", "{data}/be/build"), 2, r"the outputs would go into .*/data; write them somewhere else$"),
    Case("build-into-ontology", ("build", "-o", "{ontology}"), 2, r"the outputs would go into .*/ontology; write them somewhere else$"),
    Case("build-through-a-linked-folder", ("build", "-o", "{tmp}/build"), 2, r"build/export: is a symbolic link",
         setup=both(mkdir("elsewhere"), symlink("build/export", "elsewhere")), untouched="elsewhere", seconds=60),
    Case("build-replaces-a-planted-link", ("build", "-o", "{tmp}/build"), 0, "",
         stdout=r"(?s)aikg\.ttl \(replaced\).*\nreplaced 1 existing file in .*/build\n",
         setup=both(previous("victim.txt"), symlink("build/export/aikg.ttl", "victim.txt")), keep="victim.txt",
         made="build/export/aikg.ttl"),
    # 6. No traceback, ever; exit codes keep their meaning.
    *[Case(f"stdout-full-{name}", argv, 2, r"^aikg: error: cannot write the output: No space left on device$", stdout_to="/dev/full")
      for name, argv in [("validate", ("validate",)), ("stats", ("stats",)), ("queries", ("queries",)),
                         ("query", ("query", "funding-by-funder")), ("export", ("export",)), ("network", ("network",)),
                         ("network-stats", ("network", "--stats")), ("build", ("build", "-o", "{tmp}/build"))]],
    Case("query-file-not-utf8", ("query", "{tmp}/latin1.rq"), 2, r"latin1\.rq: the query is not UTF-8 text", setup=non_utf8_query),
    Case("stats-folder-without-turtle", ("stats", "{tmp}/empty"), 2, r"empty: folder holds no \.ttl file$", setup=mkdir("empty")),
    # Round 2 (issue 21), 2. -o never replaces what is not a regular file.
    Case("export-to-a-null-device", ("export", "-o", "{tmp}/null"), 0, setup=device_like("null", "/dev/null"),
         check=still("null", stat.S_ISCHR)),
    Case("export-to-a-full-device", ("export", "-o", "{tmp}/full"), 2, r"^aikg: error: .*/full: cannot write: No space left on device$",
         setup=device_like("full", "/dev/full"), check=still("full", stat.S_ISCHR)),
    Case("query-to-a-full-device", ("query", "funding-by-funder", "--format", "csv", "-o", "{tmp}/full"), 2,
         r"/full: cannot write: No space left on device$", setup=device_like("full", "/dev/full"), check=still("full", stat.S_ISCHR)),
    Case("network-to-a-linked-null-device", ("network", "--format", "svg", "-o", "{tmp}/out.svg"), 0,
         setup=both(device_like("null", "/dev/null"), symlink("out.svg", "null")), check=still("null", stat.S_ISCHR)),
    Case("export-to-a-fifo", ("export", "-o", "{tmp}/pipe.ttl"), 0, setup=fifo_with_reader("pipe.ttl"),
         check=fifo_received("pipe.ttl", b"@prefix"), seconds=60),
    Case("export-to-dev-fd-1", ("export", "-o", "/dev/fd/1"), 0, stdout=r"^@prefix "),
    Case("export-to-a-link-to-dev-stdout", ("export", "-o", "{tmp}/stdout.ttl"), 0, stdout=r"^@prefix ",
         setup=symlink("stdout.ttl", "/dev/stdout"), check=still_a_link("stdout.ttl")),
    Case("export-to-dash", ("export", "--format", "nt", "-o", "-"), 0, stdout=r"(?m)^<https://w3id\.org/aikg/id/be/"),
    Case("export-onto-a-block-device", ("export", "-o", "{tmp}/disk.ttl"), 2,
         r"disk\.ttl: is a block device, not a regular file; aikg writes only files, character devices and FIFOs",
         setup=block_device("disk.ttl"), check=still("disk.ttl", stat.S_ISBLK)),
    Case("export-onto-a-socket", ("export", "-o", "{tmp}/s.ttl"), 2, r"s\.ttl: is a socket, not a regular file",
         setup=unix_socket("s.ttl"), check=still("s.ttl", stat.S_ISSOCK)),
    Case("build-onto-a-fifo-in-its-folder", ("build", "-o", "{tmp}/build"), 2, r"build/export/aikg\.ttl: is a FIFO, not a regular file",
         setup=both(mkdir("build/export"), lambda tmp: os.mkfifo(tmp / "build/export/aikg.ttl")),
         check=still("build/export/aikg.ttl", stat.S_ISFIFO), seconds=150),
    Case("export-sweeps-a-killed-exports-temporary-file", ("export", "-o", "{tmp}/out/aikg.ttl"), 0,
         setup=stale_temporary("out/aikg.ttl"), made="out/aikg.ttl"),
    # Round 2 (issue 21), 9. Clumsy use: a clear line and the right exit status.
    Case("query-with-stdout-closed", ("query", "network"), 2,
         r"^aikg: error: standard output is closed \(>&-\); send it somewhere instead, e\.g\. >/dev/null to discard it$",
         stdout_to="closed"),
    Case("serve-port-out-of-range", ("serve", "--port", "99999"), 2, r"argument --port: a port is from 1 to 65535: '99999'$",
         one_line=False, seconds=30),
    Case("query-max-memory-too-small", ("query", "network", "--max-memory", "0.000001"), 2,
         r"argument --max-memory: must be 0 or at least 0\.01: '0\.000001'$", one_line=False),
    Case("network-min-amount-nan", ("network", "--stats", "--min-amount", "nan"), 2, r"argument --min-amount: not a finite number: 'nan'$",
         one_line=False),
    Case("network-min-amount-inf", ("network", "--stats", "--min-amount", "inf"), 2, r"argument --min-amount: not a finite number: 'inf'$",
         one_line=False),
    Case("literal-longer-than-the-parser-reads", ("validate", "{tmp}/data"), 2,
         r"^aikg: error: .*data/case\.ttl:7: a literal, IRI or comment reaching this line is longer than 16 MiB", setup=long_literal),
    Case("literal-longer-than-the-parser-reads-export", ("export", "--data", "{tmp}/data"), 2,
         r"data/case\.ttl:7: a literal, IRI or comment reaching this line is longer than 16 MiB", setup=long_literal),
    Case("literal-nul-string", ("validate", "{tmp}/data"), 1,
         r'^  data/case\.ttl:7  ex:thing  ex:text  "\\x00" is not a valid xsd:string: it holds U\+0000, which is not an XML character$',
         one_line=False, setup=turtle('ex:thing rdfs:label "T"@en ;\n    ex:text "\\u0000"^^xsd:string .\n')),
    Case("literal-control-in-plain-and-tagged-strings", ("validate", "{tmp}/data"), 1,
         r'^  data/case\.ttl:7  ex:thing  ex:note  "a\\x01" is not a valid rdf:langString: it holds U\+0001',
         one_line=False, setup=turtle('ex:thing rdfs:label "T"@en ;\n    ex:note "a\\u0001"@en .\n')),
    Case("literal-weird-boolean-no-warning", ("validate", "{tmp}/data"), 1, r'^  data/case\.ttl:7  ex:thing  ex:flag  "maybe" is not a valid xsd:boolean$',
         one_line=False, setup=turtle('ex:thing rdfs:label "T"@en ;\n    ex:flag "maybe"^^xsd:boolean .\n')),
    Case("stats-weird-boolean-no-warning", ("stats", "{tmp}/data"), 0, stdout=r"triples",
         setup=turtle('ex:thing rdfs:label "T"@en ;\n    ex:flag "maybe"^^xsd:boolean .\n')),
    Case("build-into-its-own-data", ("build", "--data", "{tmp}/data", "-o", "{tmp}/data/build"), 2,
         r"data/build: the outputs would go into .*/data; write them somewhere else$",
         setup=turtle('ex:thing rdfs:label "T"@en .\n'), check=absent("data/build")),
    Case("build-among-the-modules", ("build", "-o", "{package}"), 2, r"the outputs would go into .*/aikg; write them somewhere else$",
         check=absent(str(PACKAGE_DIR / "export"))),  # an absolute path: tmp / it is itself
    Case("build-to-dash", ("build", "-o", "-"), 2, r"^aikg: error: build -o takes a folder; - \(standard output\) cannot hold one$",
         check=absent("-")),
]


# ---------------------------------------------------------------- running a row


def _limits(case: Case) -> Callable[[], None] | None:
    if case.fsize is None:
        return None

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (case.fsize, case.fsize))

    return apply


_MOUNT = {
    # A 64 KiB tmpfs: the previous file fits, no export does. It vanishes with the namespace,
    # so what is left in it is copied out before the shell ends.
    "full": 'mount -t tmpfs -o size=64k tmpfs "$D" && printf "%s" "$P" > "$D/aikg.ttl" && '
            '{ "$@"; s=$?; cat "$D/aikg.ttl" > "$D.kept"; ls -A "$D" > "$D.listing"; exit $s; }',
    "read-only": 'mount --bind "$D" "$D" && mount -o remount,ro,bind "$D" && exec "$@"',
}


@pytest.fixture(scope="module")
def can_mount(tmp_path_factory) -> bool:
    """Root with mount rights in a private namespace (CI's machine) can make a full or read-only disk."""
    probe = tmp_path_factory.mktemp("probe")
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", f'mount -t tmpfs -o size=64k tmpfs "{probe}"'],
                          capture_output=True, timeout=60)
    return done.returncode == 0


def _command(case: Case, tmp: Path) -> list[str]:
    argv = [AIKG, *(a.format(tmp=tmp, data=DATA_DIR, ontology=ONTOLOGY_DIR, package=PACKAGE_DIR) for a in case.argv)]
    if case.stdout_to == "closed":
        return ["sh", "-c", '"$@" >&-', "sh", *argv]
    if case.disk is None:
        return argv
    disk = tmp / "disk"
    disk.mkdir(exist_ok=True)
    script = _MOUNT[case.disk]
    return ["unshare", "--mount", "--propagation", "private", "env", f"D={disk}", f"P={PREVIOUS.decode()}",
            "sh", "-c", script, "sh", *argv]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, tmp_path: Path, can_mount: bool) -> None:
    if case.disk and not can_mount:
        pytest.skip("a full or read-only disk is mounted in a private namespace: needs root (unshare -m), as on CI")
    if case.setup:
        case.setup(tmp_path)
    to_file = case.stdout_to not in (None, "closed")
    stdout = open(case.stdout_to, "wb") if to_file else subprocess.PIPE  # noqa: SIM115 - closed below
    started = time.monotonic()
    try:
        done = subprocess.run(_command(case, tmp_path), input=case.stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=tmp_path,
                              preexec_fn=_limits(case), timeout=case.seconds, env={**os.environ, **case.env})
    except subprocess.TimeoutExpired:
        pytest.fail(f"aikg {' '.join(case.argv)} did not end within {case.seconds} s")
    finally:
        if to_file:
            stdout.close()
    took = time.monotonic() - started
    err = done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8", "replace") if done.stdout else ""

    assert done.returncode == case.exit, f"exit {done.returncode}, stderr:\n{err[-3000:]}"
    for noise in NOISE:
        assert noise not in err
    report = case.argv[0] == "validate" and case.exit == 1  # a validation report is the output: stdout
    lines = out.splitlines() if report else err.splitlines()
    if case.message:
        assert any(re.search(case.message, line) for line in lines), err[-3000:]
        if case.one_line:
            assert len(lines) == 1, err
    elif not report:
        assert err == ""
    if case.stdout:
        assert re.search(case.stdout, out), out[-3000:]
    if case.keep:
        kept = tmp_path / (f"{case.keep.split('/')[0]}.kept" if case.disk == "full" else case.keep)
        assert kept.read_bytes() == PREVIOUS
    if case.made:
        made = tmp_path / case.made
        assert made.is_file() and not made.is_symlink() and made.stat().st_size > 0
    if case.untouched:
        assert list((tmp_path / case.untouched).iterdir()) == []
    if case.check:
        case.check(tmp_path)
    assert not _temporary_files(tmp_path, case), "a temporary file was left behind"
    assert took < case.seconds


def _temporary_files(tmp: Path, case: Case) -> list[Path]:
    if case.disk == "full":
        return [Path(name) for name in (tmp / "disk.listing").read_text().split() if name.endswith(".tmp")]
    return [p for p in tmp.rglob(".*.tmp")]


def test_select_star_columns_come_in_the_same_order_every_run() -> None:
    """The columns of SELECT * follow the variables' first appearance, whatever the hash seed."""
    query = b"SELECT * WHERE { ?report <https://w3id.org/aikg/ontology#sourceText> ?text . ?report a ?type }"
    headers = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run([AIKG, "query", "-", "--format", "csv"], input=query, capture_output=True, timeout=120,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr.decode()
        headers.add(done.stdout.decode().splitlines()[0])
    assert headers == {"report,text,type"}


CONTROL_LABEL = PRELUDE + 'ex:thing rdfs:label "\\u001B]0;pwned\\u0007\\u001B[2Jred\\u009B" .\n'


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_control_characters_from_the_data_are_escaped(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "evil.ttl").write_text(CONTROL_LABEL, encoding="utf-8")
    query = b'SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(STRSTARTS(?label, "\\u001B")) }'
    done = subprocess.run([AIKG, "query", "-", "--data", str(tmp_path / "evil.ttl"), "--format", fmt], input=query,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "\\x1b]0;pwned\\x07\\x1b[2Jred\\x9b" in out
