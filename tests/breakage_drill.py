"""Breakage drill: does the test suite notice when the answer a user gets goes wrong?

Each breakage below is a deliberate fault: one or more textual replacements in a copy of
the repository (data, queries or code). For each, the drill makes a fresh copy, applies
the breakage, and runs ``pytest -x -q`` on the test files named with it, using the copy's
code and data (``PYTHONPATH=<copy>/src``, a fresh ``AIKG_CACHE_DIR``; the installed ``aikg``
entry point then imports the copy too). A breakage the tests do not fail on *survived*.
A control run of every named test file on an unbroken copy comes first: if it fails,
the drill proves nothing and stops.

Not collected by pytest (its name does not start with ``test_``). It is slow; run it in the
background:

    .venv/bin/python tests/breakage_drill.py > drill.txt 2>&1 &
    .venv/bin/python tests/breakage_drill.py --only legend-emptied   # one breakage
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Tests that fail on main itself, left out of every run (with why), so the control can pass.
DESELECT: dict[str, str] = {}
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "build", "__pycache__", ".pytest_cache", "*.egg-info")


@dataclass(frozen=True)
class Breakage:
    name: str
    what: str
    edits: tuple[tuple[str, str, str], ...]  # (file, old text, new text); old must occur exactly once
    tests: tuple[str, ...]  # test files run on the broken copy


BREAKAGES = [
    # ---- the seven
    Breakage("query-ignores-param", "aikg query ignores --param (checked, then dropped)",
             (("src/aikg/cli.py", "    params = _params(args.param)\n", "    params = _params(args.param) and {}\n"),),
             ("tests/test_commands.py",)),
    Breakage("network-ignores-region", "aikg network ignores --region",
             (("src/aikg/cli.py", "        regions=_regions(store, args.region) or None,\n", "        regions=None,\n"),),
             ("tests/test_commands.py",)),
    Breakage("build-skips-validation", "aikg build writes its files even when the data does not conform",
             (("src/aikg/build.py", "        if not conforms:\n", "        if False:\n"),),
             ("tests/test_commands.py",)),
    Breakage("quote-wrong-section", "Team Up's money quote cites Flanders instead of the Brussels Region",
             (("data/be/funding.ttl",
               "prov:atLocation sec:section-6-brussels ;\n        prov:value \"nineteen collaborative projects funded amounting",
               "prov:atLocation sec:section-6-flanders ;\n        prov:value \"nineteen collaborative projects funded amounting"),),
             ("tests/test_provenance.py",)),
    Breakage("amountless-budgeted-to-spent", "the STEM awareness calls (no amount) marked spent, the editorial note to match",
             (("data/be/funding.ttl",
               "    schema:fundedItem bep:innoviris-stem-awareness-calls ;\n    aikg:status status:budgeted ;",
               "    schema:fundedItem bep:innoviris-stem-awareness-calls ;\n    aikg:status status:spent ;"),
              ("data/be/classifications.ttl",
               'rdf:subject bef:innoviris-stem-awareness-calls ; rdf:predicate aikg:status ;\n'
               '   rdf:object status:budgeted ; rdfs:comment "Open calls in which projects \\"would get funding\\": '
               'read as money set aside, not yet granted."@en',
               'rdf:subject bef:innoviris-stem-awareness-calls ; rdf:predicate aikg:status ;\n'
               '   rdf:object status:spent ; rdfs:comment "Open calls that fund projects: read as money granted."@en')),
             ("tests/test_report_qualifiers.py",)),
    Breakage("betweenness-is-degree", "network --stats shows the degree in the betweenness column",
             (("src/aikg/network/stats.py", '"betweenness": round(betweenness[node], 4),',
               '"betweenness": round(float(simple.degree(node)), 4),'),),
             ("tests/test_network.py",)),
    Breakage("legend-emptied", "the network page's legend is empty",
             (("src/aikg/network/html.py", '"LEGEND": legend_html(network),', '"LEGEND": "",'),),
             ("tests/test_network.py",)),
    # ---- more of ours
    Breakage("amount-changed", "VLAIO's more than €41 million becomes €42 million",
             (("data/be/funding.ttl", '"41000000"^^xsd:decimal', '"42000000"^^xsd:decimal'),),
             ("tests/test_report_qualifiers.py",)),
    Breakage("search-drops-a-hit", "aikg search drops its best hit",
             (("src/aikg/search.py", "        return [self._hit(*row) for row in self.rows(sql, params)]\n",
               "        return [self._hit(*row) for row in self.rows(sql, params)][1:]\n"),),
             ("tests/test_search.py",)),
    Breakage("describe-drops-evidence", "aikg describe no longer shows the quotes of the relation behind a fact",
             (("src/aikg/describe.py", "        quotes = g.quotes(s)\n", "        quotes = []\n"),),
             ("tests/test_describe.py",)),
    Breakage("page-drops-pointing-here", "the resource page no longer lists the links pointing to it",
             (("src/aikg/templates/server/resource.html", '{% for f in r.facts if f.direction == "in" %}', "{% for f in [] %}"),),
             ("tests/test_server_pages.py::test_tremplin_ai_page_points_to_its_targets_with_their_quote",)),
    Breakage("describe-rdf-drops-quotation-nodes", "the RDF of a description keeps prov:qualifiedQuotation, not the quote",
             (("src/aikg/describe.py", "    triples, _, _ = _gather(store, resource)\n",
               "    triples, _, _ = _gather(store, resource)\n    triples = [t for t in triples if t.predicate != VALUE]\n"),),
             ("tests/test_describe.py",)),
    Breakage("server-ignores-param", "aikg serve answers /queries/NAME?param=... as if without the parameter",
             (("src/aikg/server/app.py", "settings.max_rows, dict(params), media_type, as_page)",
               "settings.max_rows, {}, media_type, as_page)"),),
             # The two tests that ask the server for a named query with a parameter (the whole server files
             # start many servers and take minutes on a loaded machine).
             ("tests/test_server_clients.py::test_named_query_with_a_parameter_and_format_by_accept",
              "tests/test_server_pages.py::test_named_query_page_for_browsers")),
    Breakage("network-ignores-relation", "aikg network ignores --relation",
             (("src/aikg/cli.py", "        relations=args.relation or None,\n", "        relations=None,\n"),),
             ("tests/test_commands.py",)),
    Breakage("network-ignores-min-amount", "aikg network ignores --min-amount",
             (("src/aikg/cli.py", "        min_amount=args.min_amount,\n", "        min_amount=None,\n"),),
             ("tests/test_commands.py",)),
    Breakage("search-ignores-section", "aikg search --section keeps every section",
             (("src/aikg/lookup.py", "return search_index(store).search(text, classes=classes, sections=parts, limit=limit)",
               "return search_index(store).search(text, classes=classes, sections=(), limit=limit)"),),
             ("tests/test_commands.py",)),
    Breakage("output-file-ignored", "-o writes to stdout instead of the file",
             (("src/aikg/cli.py", '    if output and output != "-":\n', '    if False:\n'),),
             ("tests/test_commands.py",)),
    Breakage("cache-key-ignores-bytes", "the cache key no longer covers the bytes of the data",
             (("src/aikg/cache.py", "        digest.update(data)\n", ""),),
             ("tests/test_cache.py",)),
    Breakage("service-refusal-off", "SERVICE is no longer refused on the parse of a query",
             (("src/aikg/sparql.py", "refusal = SERVICE_REFUSED if _has_service(algebra) else \"\"", "refusal = \"\""),),
             ("tests/test_no_network.py",)),
    Breakage("query-process-keeps-the-network", "the process that runs a query can reach the network",
             (("src/aikg/worker.py", "        cut_network()  # no query", "        # cut_network()  # no query"),),
             ("tests/test_no_network.py",)),
    Breakage("server-named-query-uncut", "/queries/NAME ignores the server's --max-rows",
             (("src/aikg/server/jobs.py", "run_query(self.store, query, job.params, max_rows=job.max_rows)",
               "run_query(self.store, query, job.params)"),),
             ("tests/test_one_path.py::test_a_named_query_is_cut_at_the_servers_row_limit_and_says_so",)),
    Breakage("anticipate-quotes-the-stem-sentence", "Anticipate's funding relation quotes another true sentence of its section",
             (("data/be/funding.ttl", "The objective there was to fund projects which present a prospective vision of AI",
               "Innoviris also launches open calls for proposal dedicated to STEM awareness"),),
             ("tests/test_evidence_table.py",)),
    Breakage("server-param-twice-allowed", "/queries/NAME answers a parameter given twice (the last wins) instead of 400",
             (("src/aikg/server/app.py", "twice = sorted({n for n in names if names.count(n) > 1})",
               "twice = sorted({n for n in names if names.count(n) > 2})"),),
             ("tests/test_server_protocol.py",)),
    Breakage("direct-post-ignores-url-dataset", "a query POSTed directly ignores default-graph-uri in the URL",
             (("src/aikg/server/protocol.py", "    return _with_dataset(text, url_params)", "    return _with_dataset(text, [])"),),
             ("tests/test_server_protocol.py",)),
    Breakage("groups-smallest-first", "network --stats numbers the connected groups smallest first",
             (("src/aikg/network/stats.py", "key=lambda c: (-len(c), min(c))", "key=lambda c: (len(c), min(c))"),),
             ("tests/test_network.py",)),
    Breakage("syntax-column-one-right", "a Turtle syntax error's column is reported one too far right",
             (("src/aikg/sources.py", "error.lineno, error.offset)", "error.lineno, error.offset + 1)"),),
             ("tests/test_syntax_positions.py",)),
]


def copy_repository(into: Path) -> Path:
    copy = into / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE, symlinks=True)
    return copy


def apply(copy: Path, breakage: Breakage) -> None:
    for name, old, new in breakage.edits:
        path = copy / name
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            raise SystemExit(f"{breakage.name}: the text to replace occurs {text.count(old)} times in {name}, not once")
        path.write_text(text.replace(old, new), encoding="utf-8")


def run_tests(copy: Path, tests: tuple[str, ...], scratch: Path) -> tuple[bool, str, float]:
    """(the tests passed, the last lines of pytest's output, seconds)."""
    env = dict(os.environ, PYTHONPATH=str(copy / "src"), AIKG_CACHE_DIR=str(scratch / "cache"))
    started = time.monotonic()
    deselect = [arg for test in DESELECT if test.split("::")[0] in tests for arg in ("--deselect", test)]
    done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *deselect, *tests],
                          cwd=copy, env=env, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = " | ".join(line for line in lines if line.startswith(("FAILED", "ERROR")))[:300] or (lines[-1] if lines else "")
    return done.returncode == 0, summary, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only this breakage (repeatable)")
    parser.add_argument("--no-control", action="store_true", help="skip the control run on an unbroken copy")
    args = parser.parse_args()
    chosen = [b for b in BREAKAGES if not args.only or b.name in args.only]
    for test, why in DESELECT.items():
        print(f"left out: {test} ({why})")
    if not args.no_control:
        files = tuple(sorted({test for b in chosen for test in b.tests}))
        with tempfile.TemporaryDirectory(prefix="aikg-drill-") as scratch:
            passed, summary, seconds = run_tests(copy_repository(Path(scratch)), files, Path(scratch))
        print(f"control  {'passed' if passed else 'FAILED'}  {seconds:5.0f} s  {' '.join(files)}  {summary}", flush=True)
        if not passed:
            return 2
    survivors = []
    for breakage in chosen:
        with tempfile.TemporaryDirectory(prefix="aikg-drill-") as scratch:
            copy = copy_repository(Path(scratch))
            apply(copy, breakage)
            passed, summary, seconds = run_tests(copy, breakage.tests, Path(scratch))
        verdict = "SURVIVED" if passed else "killed"
        print(f"{verdict:8} {breakage.name:30} {seconds:5.0f} s  [{' '.join(breakage.tests)}]  {breakage.what}"
              + ("" if passed else f"\n         by: {summary}"), flush=True)
        if passed:
            survivors.append(breakage.name)
    print(f"{len(chosen) - len(survivors)} of {len(chosen)} breakages killed; survivors: {', '.join(survivors) or 'none'}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
