"""Warm-graph benchmark: each named query asked for the first time, in the foreground and of a warm graph.

Run: .venv/bin/python benchmarks/warm.py [--sizes 1,100]

For each size N it writes N renamed copies of the Belgian report (scale_data.py), then
times every named query of scale_steps.py twice, whole processes, one at a time:
- foreground: ``AIKG_KEEP_WARM=0`` and an empty cache, so the data is parsed first;
- warm: on one cache where a first query (``ASK {}``) left a warm graph, each
  query asked once, so no answer comes from the answer cache.
Prints Markdown: seconds, the ratio, the client's peak memory and the warm process's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from measure import run  # noqa: E402
from scale_data import write_copies  # noqa: E402
from scale_steps import Tools, plan  # noqa: E402

TIMEOUT = 300.0  # seconds, one run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100", help="numbers of reports, comma-separated (default: 1,100)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aikg-warm-") as folder:
        work = Path(folder)
        for size in (int(n) for n in args.sizes.split(",")):
            print(table(size, work))


def table(size: int, work: Path) -> str:
    data = work / f"data-{size}"
    write_copies(size, data)
    tools = Tools()
    queries = [step for step in plan(tools, data, work, size) if step.kind == "query"]
    lines = [f"## N = {size}", "", "| query | foreground s | warm s | foreground ÷ warm | foreground MB | warm client MB |",
             "|---|--:|--:|--:|--:|--:|"]
    warm_cache = work / "w"  # short: a socket's path is bounded
    starter = work / "ask.rq"
    starter.write_text("ASK {}\n", encoding="utf-8")
    first = run([tools.aikg, "query", str(starter), "--format", "csv", "--data", str(data)], stdout=work / "out",
                timeout=TIMEOUT, env=_env(warm_cache, keep_warm="600"))
    assert first.ok, first.stderr_tail
    pid = _warm_pid(warm_cache)
    for step in queries:
        cold_cache = work / "c"
        shutil.rmtree(cold_cache, ignore_errors=True)
        cold = run(step.commands["aikg"], stdout=work / "out", timeout=TIMEOUT, env=_env(cold_cache, keep_warm="0"))
        warm = run(step.commands["aikg"], stdout=work / "out", timeout=TIMEOUT, env=_env(warm_cache, keep_warm="600"))
        lines.append(f"| `{step.name}` | {cold.seconds:.3f} | {warm.seconds:.3f} | {cold.seconds / warm.seconds:.1f}× | "
                     f"{cold.peak_mb:.0f} | {warm.peak_mb:.0f} |")
    lines += ["", f"The warm process held {_resident_mb(pid):.0f} MB at the end.", ""]
    os.kill(pid, signal.SIGTERM)
    shutil.rmtree(warm_cache, ignore_errors=True)
    shutil.rmtree(data)
    return "\n".join(lines)


def _env(cache: Path, keep_warm: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed
    return {**env, "AIKG_CACHE_DIR": str(cache), "AIKG_KEEP_WARM": keep_warm}


def _warm_pid(cache: Path, seconds: float = 300) -> int:
    """The warm process's pid, once it listens."""
    deadline = time.monotonic() + seconds
    while not any(cache.glob("*/warm.sock")):
        if time.monotonic() > deadline:
            sys.exit("no warm graph started")
        time.sleep(0.05)
    return int(next(cache.glob("*/warm.lock")).read_text(encoding="ascii"))


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
