"""Where the project's ontology, data and queries live.

In a source checkout (or an editable install) they are the top-level folders of
the repository; in a wheel they ship inside the package as ``aikg/_project``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PROJECT_ROOT", "ONTOLOGY_DIR", "DATA_DIR", "SHARED_DIR", "QUERIES_DIR", "SHAPES_FILE"]


def _find_project_root() -> Path:
    packaged = Path(__file__).parent / "_project"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


PROJECT_ROOT = _find_project_root()
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DATA_DIR = PROJECT_ROOT / "data"
SHARED_DIR = DATA_DIR / "shared"  # places, international bodies, series: loaded with every report
QUERIES_DIR = PROJECT_ROOT / "queries"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
