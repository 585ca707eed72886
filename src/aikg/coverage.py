"""``aikg coverage``: the next editor's to-do list, the sentences of a report that no quote covers.

The sentences and the coverage are aikg.annotations' (the annotated page shows the same); this module
only lays them out: a table of the sections with their coverage, then the uncovered sentences with their
line in the text and why each likely holds a missing fact; CSV and JSON carry the same.
"""

from __future__ import annotations

import json

from aikg.annotations import AnnotatedReport
from aikg.results import format_rows

__all__ = ["COVERAGE_FORMATS", "format_coverage"]

COVERAGE_FORMATS = ("table", "csv", "json")
HEADERS = ["report", "section", "line", "likely missing", "sentence"]


def _rows(report: AnnotatedReport) -> list[list]:
    return [[report.code, s.section, s.line, "; ".join(s.flags), s.text] for s in report.uncovered]


def format_coverage(reports: list[AnnotatedReport], fmt: str) -> str:
    """The uncovered sentences of the reports, per section, in ``fmt`` (table, csv or json)."""
    if fmt == "json":
        return json.dumps([_document(r) for r in reports], indent=2, ensure_ascii=False) + "\n"
    rows = [row for r in reports for row in _rows(r)]
    if fmt == "csv":
        return format_rows(HEADERS, rows, "csv")
    parts = []
    for r in reports:
        sections = [[s.heading, s.line, f"{s.coverage:.1%}", sum(1 for u in r.uncovered if u.section == s.heading)]
                    for s in r.sections]
        parts.append(f"{r.label} ({r.code}, {r.file}): {r.coverage:.1%} of the text quoted, "
                     f"{len(r.uncovered)} sentence{'' if len(r.uncovered) == 1 else 's'} no quote covers\n")
        parts.append(format_rows(["section", "line", "quoted", "uncovered"], sections, "table"))
    parts.append(format_rows(HEADERS, rows, "table") if rows else "every sentence is quoted or marked as holding nothing to encode\n")
    return "\n".join(parts)


def _document(r: AnnotatedReport) -> dict:
    return {"report": r.report, "code": r.code, "text": r.file, "coverage": round(r.coverage, 4),
            "sections": [{"section": s.iri, "heading": s.heading, "line": s.line, "coverage": round(s.coverage, 4),
                          "uncovered": [{"line": u.line, "flags": list(u.flags), "sentence": u.text}
                                        for u in r.uncovered if u.section == s.heading]}
                         for s in r.sections]}
