"""Time `aikg build` with an empty cache and again on unchanged data, at N reports.

Run: .venv/bin/python benchmarks/bench_build.py [--sizes 1,10] [--repeat 3]
N = 1 builds the project's own data (`aikg build`, as the README's Quick start runs it);
a larger N builds N renamed copies of `data/be` (benchmarks/scale_data.py) with `--data`.
Each repetition runs a cold build (a fresh `AIKG_CACHE_DIR`) and then a cached one (the
same cache, a new output folder). Printed: the medians of wall-clock time, of CPU time
(user + system of the build and the processes it waited for: validation runs beside the
other work, so wall-clock time is below CPU time on an idle two-core machine) and of
peak resident memory. A busy shared machine shows in the wall-clock column first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Run, run  # noqa: E402
from scale_data import write_copies  # noqa: E402

AIKG = Path(sys.executable).with_name("aikg")


def _build(data: Path | None, out: Path, cache: Path, timeout: float) -> Run:
    argv = [AIKG, "build", "-o", out] + (["--data", data] if data is not None else [])
    env = dict(os.environ, AIKG_CACHE_DIR=str(cache))  # HOME kept: matplotlib's font cache is not aikg's
    done = run(argv, stdout=out.with_suffix(".log"), timeout=timeout, env=env)
    if not done.ok:
        sys.exit(f"aikg build failed ({done.exit_code}): {done.stderr_tail}")
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1", help="comma-separated numbers of reports (default: 1)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    print(f"aikg build, median of {args.repeat} runs")
    print(f"{'N':>4} {'cache':<7} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="aikg-bench-build-") as tmp:
            work = Path(tmp)
            data = None if size == 1 else work / "data"
            if data is not None:
                write_copies(size, data)
            runs: dict[str, list[Run]] = {"cold": [], "cached": []}
            for i in range(args.repeat):
                cache = work / f"cache-{i}"
                runs["cold"].append(_build(data, work / f"out-{i}-cold", cache, args.timeout))
                runs["cached"].append(_build(data, work / f"out-{i}-cached", cache, args.timeout))
            for kind, done in runs.items():
                print(f"{size:>4} {kind:<7} {statistics.median(r.seconds for r in done):>8.2f} "
                      f"{statistics.median(r.cpu_seconds for r in done):>8.2f} "
                      f"{statistics.median(r.peak_mb for r in done):>8.0f}", flush=True)


if __name__ == "__main__":
    main()
