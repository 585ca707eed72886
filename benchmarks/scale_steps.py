"""What the scale benchmark runs: each step as the same work for aikg and for the raw baselines.

A step is one user-visible job (load, validate, a named query, export, network
statistics, build) with the command line each tool runs for it. The aikg command
lines are worked out from ``aikg COMMAND --help``, so the benchmark runs on any
version of aikg: old and new spellings of ``--data`` both work, and a command that
cannot take other data (``build`` without ``--data``) is said so, not faked.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scale_data import SOURCE_DIR, copy_name, rename_iri, source_prefixes

__all__ = ["Step", "Tools", "default_iris", "named_queries", "plan", "ROOT"]

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = Path(__file__).resolve().parent
QUERIES_DIR = ROOT / "queries"
ONTOLOGY_DIR = ROOT / "ontology"
SHARED_DIR = ROOT / "data" / "shared"  # aikg loads it beside any report that refers to it; so must the peers
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
LOAD_QUERY = "ASK {}\n"  # the least a query can ask: what aikg costs before any real work

_PARAM = re.compile(r"^#\s*param\s*:\s*(?P<name>\w+)\s*\([^)]*?default\s+(?P<default>[^)\s]+)\s*\)", re.MULTILINE)


@dataclass(frozen=True)
class Step:
    """One job, and the command line of each tool that does it (a missing tool has no counterpart)."""

    name: str
    kind: str  # load | validate | query | export | network-stats | build
    commands: dict[str, list[str]]
    counts_rows: bool = False  # its output is SPARQL CSV whose rows can be compared across tools
    note: str = ""


@dataclass
class Tools:
    """The programs to run and what this aikg's commands accept."""

    python: str = sys.executable
    aikg: str = str(Path(sys.executable).with_name("aikg"))
    helps: dict[str, str] = field(default_factory=dict)

    def help(self, command: str) -> str:
        if command not in self.helps:
            done = subprocess.run([self.aikg, command, "--help"], capture_output=True, text=True, timeout=120)
            self.helps[command] = done.stdout
        return self.helps[command]

    def takes_data(self, command: str) -> bool:
        return "--data" in self.help(command)


def named_queries() -> list[Path]:
    """The named queries (not the checks under queries/checks)."""
    return sorted(QUERIES_DIR.glob("*.rq"))


def default_iris(query: Path) -> dict[str, str]:
    """Each parameter default of the query's header, as a full IRI of the project's data
    (a prefixed name read with the prefixes of ``data/be``)."""
    prefixes: dict[str, str] = {}
    for turtle in sorted(SOURCE_DIR.glob("*.ttl")):
        prefixes.update(source_prefixes(turtle))
    bindings = {}
    for match in _PARAM.finditer(query.read_text(encoding="utf-8")):
        prefix, _, local = match["default"].partition(":")
        bindings[match["name"]] = prefixes[prefix] + local if prefix in prefixes else match["default"]
    return bindings


def default_bindings(query: Path) -> dict[str, str]:
    """Each parameter default of the query's header, as an IRI of copy c001.

    The defaults name Belgian resources (``beo:innoviris``); on the synthetic data the
    same resource of the first copy is bound, for aikg and the baselines alike.
    """
    return {name: rename_iri(iri, copy_name(1)) for name, iri in default_iris(query).items()}


def common_files() -> list[str]:
    """What aikg loads besides the copies: the ontology and code lists (not the shapes), and the shared folder."""
    return [str(p) for p in sorted(ONTOLOGY_DIR.glob("*.ttl")) if p != SHAPES] + [str(SHARED_DIR)]


def plan(tools: Tools, data: Path, work: Path, size: int) -> list[Step]:
    """Every step for the synthetic graph in ``data`` (of ``size`` copies)."""
    raw_ox = [tools.python, str(BENCH_DIR / "raw_pyoxigraph.py")]
    raw_rdf = [tools.python, str(BENCH_DIR / "raw_rdflib.py")]
    sources = [*common_files(), str(data)]
    load_query = work / "load.rq"
    load_query.write_text(LOAD_QUERY, encoding="utf-8")
    data_args = ["--data", str(data)]

    def aikg(command: str, *args: str) -> list[str]:
        return [tools.aikg, command, *args, *(data_args if tools.takes_data(command) else [str(data)])]

    steps = [
        Step("load", "load", {
            "aikg": aikg("query", str(load_query), "--format", "csv"),
            "pyoxigraph": [*raw_ox, "load", *sources],
            "rdflib": [*raw_rdf, "load", *sources],
        }, note="aikg: `query` of `ASK {}`; raw: parse only"),
        Step("validate", "validate", {
            "aikg": aikg("validate"),
            "pyoxigraph": [*raw_ox, "load", *sources],
            "rdflib": [*raw_rdf, "validate", "--shapes", str(SHAPES), *sources],
        }, note="pyoxigraph: load only; rdflib: pySHACL, no quote check"),
    ]
    for query in named_queries():
        bindings = default_bindings(query)
        steps.append(Step(f"query {query.stem}", "query", {
            "aikg": aikg("query", query.stem, "--format", "csv", *_flags("--param", bindings)),
            "pyoxigraph": [*raw_ox, "query", "--query", str(query), *_flags("--bind", bindings), *sources],
            "rdflib": [*raw_rdf, "query", "--query", str(query), *_flags("--bind", bindings), *sources],
        }, counts_rows=True, note=", ".join(f"{k}={v}" for k, v in bindings.items())))
    steps += [
        Step("export turtle", "export", {
            "aikg": aikg("export", "--format", "turtle"),
            "pyoxigraph": [*raw_ox, "export", *sources],
            "rdflib": [*raw_rdf, "export", *sources],
        }),
        Step("network --stats", "network-stats", {
            "aikg": aikg("network", "--stats"),
            "pyoxigraph": [*raw_ox, "query", "--query", str(QUERIES_DIR / "network.rq"), *sources],
            "rdflib": [*raw_rdf, "query", "--query", str(QUERIES_DIR / "network.rq"), *sources],
        }, note="raw: network.rq only, no centrality"),
        _build_step(tools, data, work, size),
    ]
    return steps


def _build_step(tools: Tools, data: Path, work: Path, size: int) -> Step:
    out = str(work / "build")
    if tools.takes_data("build"):
        return Step("build", "build", {"aikg": [tools.aikg, "build", "--data", str(data), "-o", out]})
    if size == 1:
        return Step("build", "build", {"aikg": [tools.aikg, "build", "-o", out]},
                    note="on the project's data/be (same size): this aikg's build has no --data")
    return Step("build", "build", {}, note="not run: this aikg's build has no --data")


def _flags(flag: str, bindings: dict[str, str]) -> list[str]:
    return [part for name, value in bindings.items() for part in (flag, f"{name}={value}")]
