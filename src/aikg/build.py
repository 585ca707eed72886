"""The main job: validate, answer every named query, write every export and picture.

``aikg build`` is what the README's Quick start runs; it also writes each report annotated by the
graph (``report/CODE.html``) and its quotes as Web Annotations (``export/annotations.jsonld``). Validation runs in a forked
process while this one answers the queries and makes the exports and pictures, so
the machine's two cores share the work; what is made waits in spooled files (memory,
or disk once large) and is published only once the data conforms. A broken graph
therefore never produces outputs, and its report and exit status are what they
would be had validation run first: a problem of the data wins over any error that
making the outputs of such data met on the way.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from aikg.errors import ExitStatus
from aikg.output import OutputError, OutputFolder
from aikg.paths import DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR

__all__ = ["build"]

NETWORK_FORMATS = ("html", "graphml", "gexf", "svg")
PACKAGE_DIR = Path(__file__).parent
SPOOL_BYTES = 8 * 1024 * 1024  # an output larger than this waits on disk, not in memory


@dataclass
class _Made:
    """One output waiting to be published: where it goes, and the start of its progress line."""

    subfolder: str
    name: str
    line: str
    spool: tempfile.SpooledTemporaryFile


class _Outputs:
    """Every output of a build, made but not yet published."""

    def __init__(self) -> None:
        self.made: list[_Made] = []
        self.done = ""

    def add(self, subfolder: str, name: str, data: bytes, line: str) -> None:
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        spool.write(data)
        self.made.append(_Made(subfolder, name, line, spool))

    def publish(self, folder: OutputFolder, stdout: IO[str]) -> None:
        for made in self.made:
            made.spool.seek(0)
            with folder.open(made.subfolder, made.name) as handle:
                shutil.copyfileobj(made.spool, handle)
            path = folder.root / made.subfolder / made.name
            print(f"{made.line}{path}{folder.note(path)}", file=stdout)
        print(self.done.format(network=folder.root / "network"), file=stdout)

    def close(self) -> None:
        for made in self.made:
            made.spool.close()


class _Validation:
    """Validation's verdict from its process: looked at between steps, so that a graph found not to
    conform (or not readable) stops the other work at once rather than after every output was made."""

    def __init__(self, pending) -> None:
        self.pending = pending
        self.verdict: tuple[bool, str] | None = None
        self.error: Exception | None = None

    def failed(self) -> bool:
        """True once validation has ended and found the data not conforming or not readable; never waits."""
        if self.verdict is None and self.error is None and self.pending.finished():
            self._collect()
        return self.error is not None or (self.verdict is not None and not self.verdict[0])

    def result(self) -> tuple[bool, str]:
        """Whether the data conforms and the report's text; raises what validation raised."""
        if self.verdict is None and self.error is None:
            self._collect()
        if self.error is not None:
            raise self.error
        return self.verdict

    def _collect(self) -> None:
        try:
            self.verdict = self.pending.result()
        except Exception as error:  # kept, and raised by result() in its turn
            self.error = error


def build(out: Path, stdout: IO[str], stderr: IO[str], paths: list[str] | None = None) -> ExitStatus:
    """Validate once, then answer, export and draw from one store; ``paths`` default to the project's data."""
    from aikg.checked import validate_cached
    from aikg.worker import Limits, start_bounded

    if str(out) == "-":
        raise OutputError("build -o takes a folder; - (standard output) cannot hold one")
    # Outputs inside the data would be read back as data by the next build; among the modules, shadow them.
    given = [Path(path) for path in paths or () if Path(path).is_dir()]
    folder = OutputFolder(out, ("queries", "export", "network", "report"),
                          forbidden=(DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR, PACKAGE_DIR, *given))
    pending = start_bounded(lambda: _verdict(validate_cached(paths)), Limits(timeout=None, memory=None), "validation")
    validation, outputs = _Validation(pending), _Outputs()
    try:
        try:
            _make(outputs, paths, validation.failed)
            failure = None
        except Exception as error:  # reported only if the data conforms (see the module's docstring)
            failure = error
        conforms, report = validation.result()
        if not conforms:
            print(report, file=stderr)
            print("build stopped: the data does not conform", file=stderr)
            return ExitStatus.FAILED
        if failure is not None:
            raise failure
        print(f"validated: {report.splitlines()[-1]}", file=stdout)
        outputs.publish(folder, stdout)
    finally:
        pending.cancel()
        outputs.close()
    print(folder.summary(), file=stdout)
    return ExitStatus.OK


def _verdict(report) -> tuple[bool, str]:
    """What the build needs of a validation report: whether the data conforms, and the report's text
    (so this process need not import pySHACL and rdflib to read the report back)."""
    return report.conforms, report.format()


def _make(outputs: _Outputs, paths: list[str] | None, failed: Callable[[], bool]) -> None:
    """Answer every named query, make every dump, the catalogue record and the network's pictures;
    stop as soon as ``failed()`` says the data does not conform."""
    from aikg.annotations import annotate_reports
    from aikg.export import CATALOG_FILE, EXPORT_FORMATS, Dumps
    from aikg.network import build_network, render
    from aikg.query import list_queries, run_query
    from aikg.results import format_result
    from aikg.report_page import render_report
    from aikg.store import open_store
    from aikg.webannotation import ANNOTATIONS_FILE, web_annotations

    store = open_store(paths, named_graphs=False)  # the named queries ask no GRAPH
    for query in list_queries():
        result = run_query(store, query)
        suffix = ".csv" if result.type in ("SELECT", "ASK") else ".ttl"
        text = format_result(result, "csv" if suffix == ".csv" else "turtle", store.prefixes)
        size = f"{len(result)} rows" if result.type == "SELECT" else result.type.lower()
        outputs.add("queries", f"{query.name}{suffix}", text.encode("utf-8"), f"query    {query.name:<32} {size:>10}  -> ")
        if failed():
            return

    dumps, sizes = Dumps(paths), {}
    for name, spec in EXPORT_FORMATS.items():
        data = dumps.dump(name)
        sizes[name] = len(data)
        outputs.add("export", f"aikg{spec.extension}", data, f"export   {name:<32} {len(data):>10,} B -> ")
        if failed():
            return
    data = dumps.catalog(sizes)
    outputs.add("export", CATALOG_FILE, data, f"export   {'catalog (DCAT, with byte sizes)':<32} {len(data):>10,} B -> ")

    reports = annotate_reports(store)
    data = web_annotations(reports)
    outputs.add("export", ANNOTATIONS_FILE, data, f"export   {'annotations (W3C Web Annotation)':<32} {len(data):>10,} B -> ")
    for report in reports:
        data = render_report(report, lambda iri: iri).encode("utf-8")
        outputs.add("report", f"{report.code}.html", data, f"report   {report.code + ' annotated':<32} {len(data):>10,} B -> ")
    if failed():
        return

    network = build_network(store)
    for fmt in NETWORK_FORMATS:
        if failed():
            return
        data = render(network, fmt)
        outputs.add("network", f"actors.{fmt}", data, f"network  {fmt:<32} {len(data):>10,} B -> ")
    outputs.done = (f"done: {network.number_of_nodes()} nodes and {network.number_of_edges()} edges in the network; "
                    "open {network}/actors.html in a browser")
