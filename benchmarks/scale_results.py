"""The measurements of one benchmark run, and the numbers read off them (medians, peaks, ratios)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from measure import Run

__all__ = ["Outcome", "Results", "TOOLS"]

TOOLS = ("aikg", "aikg cached", "pyoxigraph", "rdflib")


@dataclass
class Outcome:
    """The runs of one tool on one step at one size, or why it was not run."""

    runs: list[Run] = field(default_factory=list)
    skipped: str = ""
    rows: int | None = None
    clock: str = "wall"  # or "cpu": user + system seconds, steadier on a busy machine

    @property
    def failure(self) -> Run | None:
        return next((r for r in self.runs if not r.ok), None)

    @property
    def ok(self) -> bool:
        return bool(self.runs) and self.failure is None

    @property
    def median(self) -> float | None:
        return statistics.median(_seconds(r, self.clock) for r in self.runs) if self.ok else None

    @property
    def peak_mb(self) -> float | None:
        return max(r.peak_mb for r in self.runs) if self.ok else None

    @property
    def inner_query_median(self) -> float | None:
        """Median seconds a raw script spent after loading, as it reports last on stderr."""
        if not self.ok:
            return None
        key = "query-cpu" if self.clock == "cpu" else "query"
        return statistics.median(_reported(r.stderr_tail)[key] for r in self.runs)


@dataclass
class Results:
    """Everything measured, by (size, step name, tool)."""

    outcomes: dict[tuple[int, str, str], Outcome] = field(default_factory=dict)
    import_runs: list[Run] = field(default_factory=list)
    triples: dict[int, int] = field(default_factory=dict)  # data triples per size, ontology excluded
    notes: dict[int, list[str]] = field(default_factory=dict)
    clock: str = "wall"

    def get(self, size: int, step: str, tool: str) -> Outcome:
        return self.outcomes.setdefault((size, step, tool), Outcome(clock=self.clock))

    def import_median(self) -> float | None:
        runs = self.import_runs
        return statistics.median(_seconds(r, self.clock) for r in runs) if runs and all(r.ok for r in runs) else None

    def ratio(self, size: int, step: str, tool: str = "aikg", base: str = "pyoxigraph") -> float | None:
        mine, theirs = self.get(size, step, tool).median, self.get(size, step, base).median
        return mine / theirs if mine is not None and theirs else None

    def cached_floor(self, size: int, step: str) -> float | None:
        """``python -c "import pyoxigraph"`` plus the query on a loaded store."""
        imported, query = self.import_median(), self.get(size, step, "pyoxigraph").inner_query_median
        return imported + query if imported is not None and query is not None else None

    def memory_ratio(self, size: int, step: str) -> float | None:
        mine, theirs = self.get(size, step, "aikg").peak_mb, self.get(size, step, "pyoxigraph").peak_mb
        return mine / theirs if mine is not None and theirs else None


def _seconds(run: Run, clock: str) -> float:
    return run.cpu_seconds if clock == "cpu" else run.seconds


def _reported(line: str) -> dict[str, float]:
    """``load S query S load-cpu S query-cpu S`` as a dict."""
    words = line.split()
    return {name: float(value) for name, value in zip(words[::2], words[1::2])}
