"""The benchmark's Markdown: one table per size, then issue 9's targets marked met or not met."""

from __future__ import annotations

from collections.abc import Callable

from scale_results import TOOLS, Outcome, Results
from scale_steps import Step

__all__ = ["markdown"]

MEMORY_KINDS = ("load", "query", "export", "network-stats")  # the steps whose pyoxigraph baseline does the same work


def markdown(results: Results, steps: dict[int, list[Step]], header: list[str]) -> str:
    lines = ["# aikg scale benchmark", ""]
    for paragraph in header:
        lines += [paragraph, ""]
    for size, planned in steps.items():
        lines += _size_table(results, size, planned)
    lines += _targets(results, steps)
    return "\n".join(lines) + "\n"


def _seconds(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


def _times(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}×"


def _cell(outcome: Outcome, number: Callable[[Outcome], float | None], fmt: Callable[[float | None], str],
          brief: bool = False) -> str:
    """A number, or why there is none (in one word when ``brief``)."""
    if outcome.skipped:
        return "skipped" if brief else outcome.skipped
    failure = outcome.failure
    if failure is not None and brief:
        return "timeout" if failure.timed_out else "failed"
    if failure is not None and failure.timed_out:
        return f"timeout (>{failure.seconds:.0f} s)"
    if failure is not None:
        code = failure.exit_code
        how = f"signal {-code}" if code < 0 else f"exit {code}"
        why = failure.stderr_tail.replace("|", "/")[:70]
        return f"failed ({how}: {why})" if why else f"failed ({how})"
    return fmt(number(outcome)) if outcome.runs else "—"


def _median(outcome: Outcome) -> float | None:
    return outcome.median


def _peak(outcome: Outcome) -> float | None:
    return outcome.peak_mb


def _mb(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def _rows(results: Results, size: int, step: Step) -> str:
    if not step.counts_rows:
        return ""
    counts = {tool: results.get(size, step.name, tool).rows for tool in ("aikg", "pyoxigraph", "rdflib")}
    mine = counts["aikg"]
    if mine is None:
        return ""
    others = [f"{tool} {n}" for tool, n in counts.items() if tool != "aikg" and n is not None and n != mine]
    return f"{mine} **≠** {', '.join(others)}" if others else str(mine)


def _size_table(results: Results, size: int, planned: list[Step]) -> list[str]:
    triples = results.triples.get(size)
    lines = [
        f"## N = {size}" + (f" ({triples:,} data triples)" if triples else ""),
        "",
        "| step | aikg s | pyoxigraph s | rdflib s | aikg ÷ pyoxigraph | aikg again s | import pyoxigraph + query s "
        "| again ÷ that | aikg MB | pyoxigraph MB | rdflib MB | rows |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    skipped = []
    for step in planned:
        got = {tool: results.get(size, step.name, tool) for tool in TOOLS}
        if not step.commands:  # nothing this aikg can run; the note says why
            continue
        if all(got[tool].skipped for tool in step.commands):
            skipped.append(f"`{step.name}`")
            continue
        is_query = step.kind == "query"
        floor = results.cached_floor(size, step.name) if is_query else None
        cached = got["aikg cached"].median
        cells = [
            f"`{step.name}`",
            _cell(got["aikg"], _median, _seconds),
            _cell(got["pyoxigraph"], _median, _seconds),
            _cell(got["rdflib"], _median, _seconds),
            _times(results.ratio(size, step.name)),
            _cell(got["aikg cached"], _median, _seconds) if is_query else "",
            _seconds(floor),
            _times(cached / floor if floor and cached is not None else None),
            _cell(got["aikg"], _peak, _mb, brief=True),
            _cell(got["pyoxigraph"], _peak, _mb, brief=True),
            _cell(got["rdflib"], _peak, _mb, brief=True),
            _rows(results, size, step),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [f"`{s.name}`: {s.note}" for s in planned if s.note and f"`{s.name}`" not in skipped]
    notes += results.notes.get(size, [])
    if skipped:
        notes.append("skipped: " + ", ".join(skipped))
    lines += ["", *(f"- {note}" for note in notes), ""]
    return lines


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("**met**" if ok else "**not met**")


def _worst(values: dict[str, float | None], failed: list[str], limit: float, unit: str) -> tuple[bool | None, str]:
    """Whether every value is within ``limit``, and the worst one.

    A failed or timed-out aikg run fails the target; a value of None (no baseline to
    compare with) is listed but neither meets nor fails it.
    """
    measured = {k: v for k, v in values.items() if v is not None and k not in failed}
    unmatched = [k for k, v in values.items() if v is None and k not in failed]
    if not measured and not failed:
        return None, "nothing measured"
    parts = []
    if len(values) == 1 and measured:
        parts.append(f"{next(iter(measured.values())):.2f}{unit}")
    elif measured:
        name = max(measured, key=measured.__getitem__)
        parts.append(f"worst `{name}` {measured[name]:.2f}{unit}")
    if failed:
        parts.append("aikg failed or timed out: " + ", ".join(f"`{f}`" for f in failed))
    if unmatched:
        parts.append("no baseline: " + ", ".join(f"`{f}`" for f in unmatched))
    return (not failed and all(v <= limit for v in measured.values())), "; ".join(parts)


def _targets(results: Results, steps: dict[int, list[Step]]) -> list[str]:
    rows: list[tuple[str, str, bool | None, str]] = []

    def queries(size: int) -> list[Step]:
        return [s for s in steps.get(size, []) if s.kind == "query" and not results.get(size, s.name, "aikg").skipped]

    for size in (1, 100):
        mine = queries(size)
        failed = [s.name for s in mine if results.get(size, s.name, "aikg").failure]
        ok, text = _worst({s.name: results.ratio(size, s.name) for s in mine}, failed, 2.0, "×")
        rows.append(("every named query ≤ 2× the pyoxigraph script", str(size), ok if mine else None, text))
    for size in steps:
        mine = [s for s in queries(size) if not results.get(size, s.name, "aikg cached").skipped]
        failed = [s.name for s in mine if results.get(size, s.name, "aikg cached").failure]
        ratios = {}
        for s in mine:
            theirs, again = results.get(size, s.name, "pyoxigraph").median, results.get(size, s.name, "aikg cached").median
            ratios[s.name] = again / theirs if theirs and again is not None else None
        ok, text = _worst(ratios, failed, 2.0, "×")
        rows.append(("`aikg query` asked again (its reading of the query cached) ≤ 2× the pyoxigraph script", str(size),
                     ok if mine else None, text))
    load = results.get(100, "load", "aikg")
    ok, text = _worst({"load": results.ratio(100, "load")}, ["load"] if load.failure else [], 2.0, "×")
    rows.append(("load ≤ 2× pyoxigraph", "100", ok, text))
    build = results.get(1, "build", "aikg")
    ok, text = _worst({"build": build.median}, ["build"] if build.failure else [], 3.0, " s")
    rows.append(("`aikg build` < 3 s", "1", ok if build.runs else None, text if build.runs else "not run"))
    memory_steps = [s for s in steps.get(100, []) if s.kind in MEMORY_KINDS]
    failed = [s.name for s in memory_steps if results.get(100, s.name, "aikg").failure]
    ok, text = _worst({s.name: results.memory_ratio(100, s.name) for s in memory_steps}, failed, 2.0, "×")
    rows.append(("peak memory ≤ 2× pyoxigraph's", "100", ok if memory_steps else None, text))

    lines = ["## Targets (issues 9 and 20)", "", "| target | N | measured | |", "|---|--:|---|---|"]
    for target, size, ok, text in rows:
        if int(size) not in steps:
            ok, text = None, f"N = {size} not in this run"
        lines.append(f"| {target} | {size} | {text} | {_verdict(ok)} |")
    return lines + [""]
