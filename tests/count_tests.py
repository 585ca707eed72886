"""Count the test cases by what they check (answer, invariant, behaviour; see conftest.py).

    .venv/bin/python tests/count_tests.py

The README's Development section quotes its output.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("answer", "invariant", "behaviour")


def count(kind: str) -> int:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", kind],
                          cwd=ROOT, capture_output=True, text=True, check=True, timeout=300)
    return sum("::" in line for line in done.stdout.splitlines())


def main() -> None:
    counts = {kind: count(kind) for kind in KINDS}
    for kind, number in counts.items():
        print(f"{kind:10} {number:5}")
    print(f"{'all':10} {sum(counts.values()):5}")


if __name__ == "__main__":
    main()
