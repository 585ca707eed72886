"""Scale benchmark: aikg against raw pyoxigraph and raw rdflib on 1, 10 and 100 copies of the Belgian report.

Run: .venv/bin/python benchmarks/scale.py [--sizes 1,10,100] [--repeat 3] [--skip rdflib,validate]
     [--timeout 600] [--markdown FILE]

For each size N it writes N renamed copies of data/be into a temporary folder
(see scale_data.py) and times whole processes, one at a time: every step of
scale_steps.py through the ``aikg`` command next to a minimal pyoxigraph script
and a minimal rdflib script doing the same work on the same files, tools
interleaved within each repetition. Each ``aikg`` run starts with an empty cache
(a fresh ``XDG_CACHE_HOME``); after each named query a second ``aikg query`` runs on the same
cache, unchanged data (the "again" column: the data is parsed anew, only the reading of the
query by rdflib is kept), compared with the pyoxigraph script and with
``python -c "import pyoxigraph"`` plus the query's own time on a loaded store.
Prints Markdown: medians, ratios, peak memory, and issue 9's targets met or not.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pyoxigraph as ox

from measure import Run, run
from scale_data import write_copies
from scale_report import markdown
from scale_results import Results
from scale_steps import ROOT, Step, Tools, named_queries, plan

STEPS = ("load", "validate", "queries", "export", "network-stats", "build")  # "queries": every named query
SKIPPABLE_TOOLS = ("pyoxigraph", "rdflib", "cached")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: benchmarks/scale.py --sizes 1,10 --repeat 1 --skip rdflib,validate")
    parser.add_argument("--sizes", default="1,10,100", help="numbers of report copies (default: 1,10,100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command; medians are shown (default: 3)")
    parser.add_argument("--skip", default="", help=f"comma-separated: tools ({', '.join(SKIPPABLE_TOOLS)}), "
                        f"steps ({', '.join(STEPS)}) or named queries (e.g. node-facts)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed (default: 600)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="seconds shown: wall clock (default, what the targets mean) or CPU (user + system), steadier on a busy machine")
    parser.add_argument("--memory-limit", type=float, default=6, metavar="GB",
                        help="address-space limit of each run, so a runaway query cannot take the machine (default: 6)")
    parser.add_argument("--aikg", default=str(Path(sys.executable).with_name("aikg")), help="the aikg command (default: beside this Python)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the Markdown here")
    parser.add_argument("--keep-data", metavar="DIR", help="generate the copies here and keep them (default: a temporary folder)")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    known = {*SKIPPABLE_TOOLS, *STEPS, *(q.stem for q in named_queries())}
    if unknown := args.skip - known:
        parser.error(f"--skip: unknown {', '.join(sorted(unknown))}; choose from {', '.join(sorted(known))}")
    return args


class Bench:
    """Runs the steps of every size and keeps the measurements."""

    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args, self.work = args, work
        self.tools = Tools(aikg=args.aikg)
        self.results = Results(clock=args.clock)
        self.steps: dict[int, list[Step]] = {}
        self.given_up: dict[tuple[str, str], int] = {}  # (step, tool) -> size where it failed or timed out

    def process(self, command: list[str], out: Path, cache: Path | None = None) -> Run:
        # As installed: Python may keep the bytecode it compiles (a shell that forbids it would make
        # every run of aikg, and of no raw script, compile its modules again).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        if cache is not None:
            env["XDG_CACHE_HOME"] = str(cache)
        return run(command, stdout=out, timeout=self.args.timeout, env=env, cwd=self.work,
                   memory_limit_bytes=int(self.args.memory_limit * 2**30))

    def measure_import(self) -> None:
        for _ in range(self.args.repeat):
            self.results.import_runs.append(self.process([sys.executable, "-c", "import pyoxigraph"], self.work / "import.out"))

    def size(self, size: int) -> None:
        data = Path(self.args.keep_data) / f"data-{size}" if self.args.keep_data else self.work / f"data-{size}"
        shutil.rmtree(data, ignore_errors=True)
        write_copies(size, data)
        self.results.triples[size] = _count_triples(data)
        before = _files(data)
        _log(f"N={size}: {self.results.triples[size]:,} data triples in {data}")
        self.steps[size] = plan(self.tools, data, self.work, size)
        caches_written = []
        for step in self.steps[size]:
            caches_written += self.step(size, step)
        if _files(data) != before:
            self.results.notes.setdefault(size, []).append(
                "aikg wrote files into the data folder: its 'cold' runs may have found a cache there")
        if caches_written and not any(caches_written):
            self.results.notes.setdefault(size, []).append(
                "aikg wrote nothing under XDG_CACHE_HOME: the cached column is a second uncached run")
        if not self.args.keep_data:
            shutil.rmtree(data)

    def step(self, size: int, step: Step) -> list[bool]:
        """Run one step --repeat times, tools interleaved; says for each aikg query run whether it left a cache."""
        tools = self._runnable(size, step)
        with_cache = "aikg" in tools and step.kind == "query" and "cached" not in self.args.skip
        if step.kind == "query" and "aikg" in step.commands and not with_cache:
            self.results.get(size, step.name, "aikg cached").skipped = "skipped"
        caches = []
        for _ in range(self.args.repeat):
            for tool in tools:
                caches += self._run_once(size, step, tool, with_cache)
        return caches

    def _runnable(self, size: int, step: Step) -> list[str]:
        """The tools to run on this step; the others are marked skipped, with the reason."""
        tools = []
        for tool in (t for t in ("aikg", "pyoxigraph", "rdflib") if t in step.commands):
            tokens = {tool, "queries" if step.kind == "query" else step.kind}
            if step.kind == "query":
                tokens.add(step.name.removeprefix("query "))
            if tokens & self.args.skip:
                self.results.get(size, step.name, tool).skipped = "skipped"
            elif (step.name, tool) in self.given_up:
                self.results.get(size, step.name, tool).skipped = f"skipped (failed at N={self.given_up[step.name, tool]})"
            else:
                tools.append(tool)
        return tools

    def _run_once(self, size: int, step: Step, tool: str, with_cache: bool) -> list[bool]:
        """One run of one tool (an aikg query twice: cold, then on the cache it left)."""
        outcome = self.results.get(size, step.name, tool)
        if outcome.failure:  # no point in repeating a failure or a timeout
            return []
        shutil.rmtree(self.work / "build", ignore_errors=True)
        cache = self.work / "cache" if tool == "aikg" else None
        if cache:
            shutil.rmtree(cache, ignore_errors=True)
            cache.mkdir()
        out = self.work / f"{tool}.out"
        outcome.runs.append(self._logged(size, step, tool, self.process(step.commands[tool], out, cache)))
        if outcome.failure:
            self.given_up[step.name, tool] = size
        elif step.counts_rows:
            outcome.rows = _csv_rows(out)
        if tool != "aikg" or not with_cache:
            return []
        warm = self.results.get(size, step.name, "aikg cached")
        if not outcome.ok:
            warm.skipped = "" if warm.runs else "not run: the first run failed"
            return []
        if not warm.failure:
            warm.runs.append(self._logged(size, step, "aikg cached", self.process(step.commands[tool], out, cache)))
        return [any(cache.iterdir())]

    def _logged(self, size: int, step: Step, tool: str, done: Run) -> Run:
        status = "ok" if done.ok else ("TIMEOUT" if done.timed_out else f"FAILED exit {done.exit_code}: {done.stderr_tail}")
        _log(f"N={size} {step.name:<38} {tool:<12} {done.seconds:8.3f} s {done.peak_mb:7.0f} MB  {status}")
        return done


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _files(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def _count_triples(data: Path) -> int:
    return sum(
        sum(1 for _ in ox.parse(path=p, format=ox.RdfFormat.TURTLE, base_iri=p.resolve().as_uri()))
        for p in sorted(data.rglob("*.ttl"))
    )


def _csv_rows(path: Path) -> int:
    """Data rows of a SPARQL CSV answer (header excluded; quoted line breaks handled)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _header(args: argparse.Namespace, tools: Tools, imported: float | None) -> list[str]:

    aikg = subprocess.run([tools.aikg, "--version"], capture_output=True, text=True).stdout.strip()
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "log", "-1", "--format=%h"], capture_output=True, text=True).stdout.strip()
    if subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip():
        commit += " with uncommitted changes"
    return [
        f"Measured {date.today()} on {os.cpu_count()} cores ({platform.machine()}, Python {platform.python_version()}): "
        f"{aikg} at `{commit}`, pyoxigraph {_package('pyoxigraph')}, rdflib {_package('rdflib')}, pyshacl {_package('pyshacl')}.",
        f"Whole processes, one at a time; seconds ({'CPU: user + system' if args.clock == 'cpu' else 'wall clock'}) "
        f"are medians of {args.repeat} run(s), MB the peak resident memory of "
        f"the process; each run limited to {args.timeout:.0f} s and {args.memory_limit:g} GB of address space. "
        "`python -c \"import pyoxigraph\"` alone: " + (f"{imported:.3f} s." if imported is not None else "failed."),
        f"Re-run: `.venv/bin/python benchmarks/scale.py --sizes {','.join(map(str, args.sizes))} --repeat {args.repeat}"
        + (f" --skip {','.join(sorted(args.skip))}" if args.skip else "")
        + (" --clock cpu" if args.clock == "cpu" else "") + "`",
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aikg-scale-") as tmp:
        bench = Bench(args, Path(tmp))
        bench.measure_import()
        for size in args.sizes:
            bench.size(size)
        header = _header(args, bench.tools, bench.results.import_median())
        text = markdown(bench.results, bench.steps, header)
    print(text, end="")
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
