"""How validation time grows with the number of problems it reports.

Run: .venv/bin/python benchmarks/bench_validation_scaling.py [--sizes 1000,2000,4000,8000]
Each size N is a Turtle file of N bare ``a aikg:FundingRelation`` lines (every one
breaks several shapes) plus N ill-typed ``"20X9"^^xsd:gYear`` years. The time per
problem should stay flat as N grows: reporting is linear, not quadratic.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from aikg.validate import validate

PRELUDE = """@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def write_case(folder: Path, n: int) -> Path:
    path = folder / f"bare-{n}.ttl"
    lines = [f"ex:f{i} a aikg:FundingRelation ; aikg:year \"20X9\"^^xsd:gYear ." for i in range(n)]
    path.write_text(PRELUDE + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    args = parser.parse_args()
    print(f"{'lines':>6}  {'size':>8}  {'problems':>8}  {'seconds':>8}  {'ms/problem':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for n in (int(s) for s in args.sizes.split(",")):
            path = write_case(Path(folder), n)
            start = time.perf_counter()
            report = validate([path])
            seconds = time.perf_counter() - start
            count = len(report.problems)
            print(f"{n:>6}  {path.stat().st_size // 1024:>6} KB  {count:>8}  {seconds:>8.1f}  {1000 * seconds / count:>10.2f}")


if __name__ == "__main__":
    main()
