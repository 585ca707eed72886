"""Validation that is done once per content: each country's folder on its own, cached.

A country's data (a top-level folder of the data) is validated with the
ontology and code lists, apart from the other countries, so adding a hundredth
report validates one folder, not a hundred; folders run in parallel on the
machine's cores. Each folder's report is cached under the content of its files
and of the shapes (aikg.cache): unchanged data is not validated again. The shared
folder (data/shared/: places, international bodies, series) is part of every
country's group, under the rules of aikg.shared.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from aikg import cache
from aikg.errors import AikgError, ExitStatus
from aikg.paths import DATA_DIR, QUERIES_DIR, SHAPES_FILE
from aikg.sources import Source, data_files, expand_paths, is_shared, ontology_files, shared_for

__all__ = ["DataDoesNotConform", "validate_cached", "require_conforming", "country_groups"]

REPORT_PART = "validation.json"


class DataDoesNotConform(AikgError):
    """The data failed validation: a command that publishes it refuses to."""

    exit_status = ExitStatus.FAILED


def require_conforming(paths: Iterable[str | Path] | None, doing: str):
    """The validation report of data that conforms; DataDoesNotConform (with the report) otherwise.

    ``doing`` says what is refused ("nothing is pushed").
    """
    report = validate_cached(paths)
    if not report.conforms:
        raise DataDoesNotConform(f"the data does not conform; {doing}\n{report.format()}")
    return report


def country_groups(paths: Iterable[str | Path] | None = None) -> list[list[Path]]:
    """The data files split by the top-level folder (the country) they sit in."""
    if paths is None:
        files, roots = data_files(), [DATA_DIR]
    else:
        paths = [Path(p) for p in paths]
        files, roots = expand_paths(paths), [p for p in paths if p.is_dir()]
    groups: dict[str, list[Path]] = {}
    shared = [file for file in files if is_shared(file)]
    for file in files:
        if not is_shared(file):
            groups.setdefault(_group_of(file, roots), []).append(file)
    if not groups:
        return [shared] if shared else []
    # the shared folder given (or the project's data) joins every country; else each takes it if it refers to it
    return [[*(shared or shared_for(group)), *group] for group in groups.values()]


def _group_of(file: Path, roots: list[Path]) -> str:
    resolved = file.resolve()
    for root in roots:
        try:
            relative = resolved.relative_to(root.resolve())
        except ValueError:
            continue
        return f"{root.resolve()}/{relative.parts[0]}" if len(relative.parts) > 1 else str(root.resolve())
    return "(files)"  # files named one by one are validated together


def validate_cached(paths: Iterable[str | Path] | None = None):
    """The validation report of the data, from the cache where its content was seen before."""
    from aikg.validate import ValidationReport

    groups = country_groups(paths)
    reports: list[object | None] = []
    entries = []
    for group in groups:
        entry = cache.entry_for(_key_sources(group))
        entries.append(entry)
        reports.append(_cached(entry))
    missing = [i for i, report in enumerate(reports) if report is None]
    for i, report in zip(missing, _validate_groups([groups[i] for i in missing])):
        reports[i] = report
        if entries[i] is not None:
            entries[i].write_bytes(REPORT_PART, _report_json(report))
    if len(reports) == 1:
        return reports[0]
    from aikg.store import open_store

    # The merge's distinct triples: each group's count holds the ontology, and a triple two groups state is one.
    merged = ValidationReport(triples=len(open_store(paths, use_cache=False, named_graphs=False)), files=[])
    for report in reports:
        merged.files.extend(report.files)
    merged.files = list(dict.fromkeys(merged.files))  # the shared folder is in every group: count its files once
    for report in reports:
        for problem in report.problems:
            merged.add(problem)
    return merged


def _key_sources(group: list[Path]) -> list[Source]:
    """What a folder's report is keyed by: shapes, checks, ontology and its Turtle files. The report texts it read
    (wherever aikg:sourceText put them) are recorded in the report by their hash and checked on every use
    (_texts_unchanged): only the files that are read are hashed, never every file beside the data."""
    checks = sorted((QUERIES_DIR / "checks").glob("*.rq"))
    return [Source(p, f"validation:{p}") for p in [SHAPES_FILE, *checks, *ontology_files(), *group]]


def _texts_unchanged(texts: dict[str, str]) -> bool:
    """Whether every report text a kept report was worked out from still has the bytes it had."""
    from aikg.provenance import SourceTextError, read_text_file

    for path, digest in texts.items():
        try:
            now = hashlib.sha256(read_text_file(Path(path), path)).hexdigest()
        except (SourceTextError, OSError):
            now = ""
        if now != digest:
            return False
    return True


def _cached(entry) -> object | None:
    if entry is None:
        return None
    data = entry.read_bytes(REPORT_PART)
    if data is None:
        return None
    from aikg.validate import Problem, ValidationReport

    try:
        document = json.loads(data)
        report = ValidationReport(triples=document["triples"], files=[Path(f) for f in document["files"]],
                                  texts=dict(document["texts"]))
        for problem in document["problems"]:
            report.add(Problem(**problem))
    except (ValueError, KeyError, TypeError):  # written by another version of the code: validate again
        return None
    return report if _texts_unchanged(report.texts) else None


def _report_json(report) -> bytes:
    """A report as plain JSON: a cache holds data, never code (no pickle)."""
    from dataclasses import asdict

    document = {"triples": report.triples, "files": [str(f) for f in report.files], "texts": report.texts,
                "problems": [asdict(problem) for problem in report.problems]}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _validate_groups(groups: list[list[Path]]) -> list[object]:
    """Each group's report, validated in child processes (aikg.worker), as many at once as there are cores."""
    from aikg.worker import Limits, start_bounded

    workers = min(len(groups), os.cpu_count() or 1)
    if workers <= 1:
        return [_validate_group(group) for group in groups]
    # The first group here: the children fork from a process that has read the shapes, prepared their
    # queries and imported what validation imports on first use (about half a second each, else).
    running, reports = [], [_validate_group(groups[0])]
    for group in groups[1:]:
        if len(running) == workers:
            reports.append(running.pop(0).result())
        running.append(start_bounded(functools.partial(_validate_group, group), Limits(timeout=None, memory=None), "validation"))
    reports.extend(pending.result() for pending in running)
    return reports


def _validate_group(group: list[Path]):
    """One country's report: the shapes and checks of aikg.validate, under the shared folder's rules (aikg.shared)."""
    from aikg.shared import exempt, restatements
    from aikg.validate import Problem, ValidationReport, _display, validate

    report = validate(group)
    exempted = exempt(group)
    kept = ValidationReport(triples=report.triples, files=report.files, texts=report.texts)
    for problem in report.problems:
        if not (problem.focus in exempted and problem.path == "prov:qualifiedQuotation" and not problem.value):
            kept.add(problem)
    for path, line, focus, predicate, message in restatements(group):
        kept.add(Problem(file=_display(path), focus=focus, path=predicate, message=message, lineno=line))
    return kept

