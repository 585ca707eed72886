"""The ``aikg`` command: argument parsing and printing only; the work is in the library.

Every sub-command prints to stdout unless ``-o`` is given, reports problems on
stderr in one line without a traceback, and exits with an ExitStatus:
0 success, 1 the data does not conform (or a check failed), 2 unreadable input.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections import namedtuple
from collections.abc import Callable, Sequence
from pathlib import Path

from aikg import __version__
from aikg.errors import AikgError, ExitStatus
from aikg.extensions import EXPORT_FORMAT_NAMES, GRAPH_FORMAT_NAMES, TABULAR_FORMATS
from aikg.terminal import escape_controls

__all__ = ["Environment", "main"]


class Environment:
    """The streams a command reads and writes; tests pass their own."""

    def __init__(self, stdin: io.TextIOBase | None = None, stdout: io.TextIOBase | None = None,
                 stderr: io.TextIOBase | None = None) -> None:
        self.stdin = sys.stdin if stdin is None else stdin
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr

    def warn(self, message: str) -> None:
        self.stderr.write(f"aikg: warning: {escape_controls(message)}\n")

    def write_bytes(self, data: bytes) -> None:
        buffer = getattr(self.stdout, "buffer", None)
        if buffer is not None:
            self.stdout.flush()
            buffer.write(data)
            buffer.flush()
        else:
            self.stdout.write(data.decode("utf-8"))


def _output(env: Environment, data: bytes | str, output: str | None) -> None:
    """Write to the -o file (whole, or not at all), or to stdout."""
    from aikg.output import write_atomic

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output and output != "-":
        write_atomic(output, raw)
    else:
        env.write_bytes(raw)


# ---------------------------------------------------------------- commands: each declared once, beside its handler


class Command(namedtuple("Command", "name handler help example arguments")):
    """One sub-command: its handler (args, env -> ExitStatus), one-line help, an example, and its
    arguments (``arg(...)`` values, added to its parser in order)."""

    __slots__ = ()


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, example: str, *arguments: tuple) -> Callable:
    """Register the decorated handler as the sub-command ``name`` (sqlite-utils' way: the options sit
    on the function that reads them)."""

    def register(handler: Callable) -> Callable:
        COMMANDS[name] = Command(name, handler, help, example, arguments)
        return handler

    return register


def arg(*flags: str, **options) -> tuple:
    """An argument of a sub-command, as ``argparse.ArgumentParser.add_argument`` takes it."""
    return flags, options


def _positive(kind, least: float = 0):
    """An argparse type for a finite number from 0 (nan and inf are refused); non-zero values from ``least``."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
        if value < 0 or 0 < value < least:
            raise argparse.ArgumentTypeError(f"must be 0 or at least {least:g}: {text!r}" if least else f"must be 0 or more: {text!r}")
        return value

    return parse


MIN_MEMORY_GIB = 0.01  # less leaves the query's process no room to report that it ran out of memory


def _port(text: str) -> int:
    """An argparse type for a TCP port to listen on."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is from 1 to 65535: {text!r}")
    return value


NETWORK_FORMATS = ["html", "graphml", "gexf", "svg", "png", "pdf"]
SEARCH_FORMATS = ["table", "csv", "tsv", "json", "markdown"]
DATA = arg("--data", action="append", metavar="PATH",
           help="Turtle file or folder to use instead of the project's data (repeatable)")
OUTPUT = arg("--output", "-o", metavar="FILE",
             help="write here instead of stdout; the extension picks the format (.csv .tsv .json .md .txt .ttl "
                  ".nt .nq .trig .jsonld .rdf .html .svg .graphml .gexf)")
TABLE_FORMAT = arg("--format", "-f", choices=TABULAR_FORMATS, default="table", help="output format (default: table)")


def _data_paths(args: argparse.Namespace, env: Environment) -> list[str] | None:
    """The data a command reads: --data and (validate, stats) positional paths alike; warns of empty files."""
    from aikg.references import empty_files

    paths = [*(getattr(args, "paths", None) or []), *(args.data or [])]
    for path in empty_files(paths):
        env.warn(f"{path}: the file holds no statements")
    return paths or None


@command("validate", "SHACL-validate Turtle files or folders (default: the project's data) with the ontology.",
         "aikg validate data/be",
         arg("paths", nargs="*", metavar="PATH", help="Turtle files or folders (the same as --data PATH)"),
         DATA)
def cmd_validate(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.checked import validate_cached

    paths = _data_paths(args, env)
    report = validate_cached(paths)
    print(report.format(), file=env.stdout)
    if paths and not report.conforms:
        _note_undefined(paths, env)
    return ExitStatus.OK if report.conforms else ExitStatus.FAILED


def _note_undefined(paths: list[str], env: Environment) -> None:
    from aikg.prefixes import shorten
    from aikg.references import undefined_references
    from aikg.store import open_store

    store = open_store(paths, named_graphs=False)
    missing = undefined_references(store)
    if missing:
        prefixes = store.prefixes  # the project's, with those the files declare (a new report's own)
        names = ", ".join(shorten(ref.iri, prefixes) + (f" (did you mean {shorten(ref.closest, prefixes)}?)" if ref.closest else "")
                          for ref in missing)
        print(f"note: {len(missing)} resource{'' if len(missing) == 1 else 's'} referred to but defined in none of the "
              f"files given (a typo, or defined in a file not given: validate the whole folder): {names}", file=env.stdout)


@command("stats", "Count instances per class, quotes and how much of the report is quoted.",
         "aikg stats",
         arg("paths", nargs="*", metavar="PATH", help="Turtle files or folders, the same as --data PATH (default: the project's data)"),
         TABLE_FORMAT,
         DATA)
def cmd_stats(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.load import load_graph
    from aikg.results import format_rows
    from aikg.stats import class_counts, quote_summary, report_text_coverage

    paths = _data_paths(args, env)
    graph = load_graph(paths)
    rows = [[graph.namespace_manager.normalizeUri(c.cls), c.label, c.direct, c.total] for c in class_counts(graph)]
    summary = [[k, v] for k, v in quote_summary(graph).items()]
    summary += [[f"report text quoted: {name}", f"{share:.1%}"] for name, share in report_text_coverage(graph, paths)]
    summary.append(["triples", len(graph)])
    classes_headers, summary_headers = ["class", "label", "instances", "with subclasses"], ["provenance", "count"]
    if args.format == "json":  # one JSON document
        import json

        document = {"classes": [dict(zip(classes_headers, row)) for row in rows],
                    "provenance": {key: value for key, value in summary}}
        print(json.dumps(document, indent=2, ensure_ascii=False), file=env.stdout)
        return ExitStatus.OK
    print(format_rows(classes_headers, rows, args.format), file=env.stdout, end="")
    print(file=env.stdout)
    print(format_rows(summary_headers, summary, args.format), file=env.stdout, end="")
    return ExitStatus.OK


@command("coverage", "List the sentences of a report that no quote covers, per section, with their line in the text.",
         "aikg coverage be --format csv",
         arg("code", nargs="?", metavar="CODE", help="the report's folder code (be); default: every report"),
         arg("--format", "-f", choices=["table", "csv", "json"], default="table", help="output format (default: table)"),
         OUTPUT,
         DATA)
def cmd_coverage(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.annotations import annotate_reports
    from aikg.coverage import format_coverage
    from aikg.store import open_store

    store = open_store(_data_paths(args, env), named_graphs=False)
    _output(env, format_coverage(annotate_reports(store, [args.code] if args.code else None), args.format), args.output)
    return ExitStatus.OK


@command("queries", "List the named queries with their titles and parameters.",
         "aikg queries --columns",
         TABLE_FORMAT,
         arg("--columns", action="store_true", help="also list the columns each query returns"))
def cmd_queries(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.query import list_queries
    from aikg.results import format_rows

    rows = []
    store = None
    if args.columns:
        from aikg.store import open_store

        store = open_store(named_graphs=False)
    for query in list_queries():
        params = ", ".join(
            f"{p.name} ({p.type}{' ' + p.cls if p.cls else ''}{', default ' + p.default if p.default else ', optional'})" for p in query.params
        )
        rows.append([query.name, query.title, params, *([", ".join(_columns(store, query))] if store else [])])
    headers = ["name", "title", "parameters", *(["columns"] if store else [])]
    print(format_rows(headers, rows, args.format), file=env.stdout, end="")
    return ExitStatus.OK


@command("query", "Run a named query, a .rq file, or a query read from stdin (-).",
         "aikg query funding-by-funder --param funder=Innoviris --format csv",
         arg("query", metavar="NAME|FILE|-"),
         arg("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
             help="bind a parameter; an IRI parameter takes an IRI, a prefixed name, a label or a name close to one (repeatable)"),
         arg("--format", "-f", choices=[*TABULAR_FORMATS, *GRAPH_FORMAT_NAMES],
             help="table|csv|tsv|json|markdown for SELECT/ASK; turtle|nt|json-ld|xml for CONSTRUCT/DESCRIBE "
             "(default: from the -o extension, else table, Turtle for graphs)"),
         OUTPUT,
         arg("--timeout", type=_positive(float), default=60.0, metavar="SECONDS",
             help="stop the query after this many seconds (default: 60; 0: no limit)"),
         arg("--max-memory", type=_positive(float, MIN_MEMORY_GIB), default=4.0, metavar="GIB",
             help=f"stop the query when it needs more memory than this (default: 4 GiB, at least {MIN_MEMORY_GIB}; "
             "0: no limit)"),
         arg("--max-rows", type=_positive(int), default=10_000, metavar="N",
             help="rows shown in the table and markdown formats (default: 10000); csv, tsv and json are never cut"),
         arg("--endpoint", metavar="URL", help="run on this SPARQL endpoint instead of the local graph "
             "(credentials: AIKG_ENDPOINT_USER/AIKG_ENDPOINT_PASSWORD or ~/.netrc)"),
         DATA)
def cmd_query(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.extensions import GRAPH_FORMAT_NAMES, TABULAR_FORMATS, output_format
    from aikg.query import find_query, read_query, run_query

    fmt = output_format(args.output, args.format, [*TABULAR_FORMATS, *GRAPH_FORMAT_NAMES], "table")
    query = read_query(_read_stdin(env)) if args.query == "-" else find_query(args.query)
    params = _params(args.param)
    max_rows = args.max_rows if fmt in ("table", "markdown") else None
    limits = _limits(args)
    if args.endpoint:
        from aikg.remote import RemoteStore
        from aikg.results import format_result

        remote = RemoteStore(args.endpoint, limits)
        _output(env, format_result(run_query(remote, query, params, max_rows=max_rows), fmt, remote.prefixes), args.output)
        return ExitStatus.OK
    from aikg.sources import sources
    from aikg.worker import run_bounded

    found = sources(_data_paths(args, env))
    _output(env, run_bounded(lambda: _answer(found, query, params, fmt, max_rows), limits), args.output)
    return ExitStatus.OK


def _answer(found, query, params: dict[str, str], fmt: str, max_rows: int | None) -> bytes:
    """The query's answer on the sources, formatted: run in the bounded child process."""
    from aikg import cache
    from aikg.query import query_shape, run_query
    from aikg.results import format_result
    from aikg.store import open_sources, prefixes_of

    entry = cache.entry_for(found)
    named_graphs = query_shape(query, prefixes_of(found, entry)).uses_named_graphs  # else the default graph alone
    store = open_sources(found, entry, named_graphs=named_graphs)
    return format_result(run_query(store, query, params, max_rows=max_rows), fmt, store.prefixes).encode("utf-8")


def _columns(store, query) -> list[str]:
    """The columns a named query returns (run with its defaults, no rows read)."""
    from aikg.query import query_shape, run_query

    form = query_shape(query, store.prefixes).form
    if form != "SELECT":
        return [f"({form}: a graph)"]
    return run_query(store, query, max_rows=0).vars


def _read_stdin(env: Environment) -> str:
    """The query on stdin: UTF-8 or refused, never decoded leniently."""
    from aikg.query import decode_query

    buffer = getattr(env.stdin, "buffer", None)
    return decode_query(buffer.read(), "<stdin>") if buffer is not None else env.stdin.read()


def _params(given: list[str]) -> dict[str, str]:
    from aikg.query import quote_value

    params: dict[str, str] = {}
    for text in given:
        name, sep, value = text.partition("=")
        name = name.strip()
        if not sep or not name:
            raise AikgError(f"--param {quote_value(text)}: write NAME=VALUE")
        if name in params:
            raise AikgError(f"--param {name} is given twice; give each parameter once")
        params[name] = value
    return params


def _limits(args: argparse.Namespace):
    from aikg.worker import GIB, Limits

    return Limits(timeout=args.timeout or None, memory=int(args.max_memory * GIB) if args.max_memory else None)


@command("push", "Load the dataset into a SPARQL 1.1 Graph Store Protocol endpoint, graph by graph, "
            "replacing what the last push loaded and nothing else (credentials: AIKG_ENDPOINT_USER/AIKG_ENDPOINT_PASSWORD or ~/.netrc).",
         "aikg push --endpoint http://localhost:8890/sparql-graph-crud-auth",
         arg("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol endpoint"),
         DATA)
def cmd_push(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.remote import push

    for step in push(args.endpoint, args.data or None):
        print(f"{step.action:<9} {step.graph}  ({step.triples} triples)", file=env.stdout)
    return ExitStatus.OK


@command("export", "Write the whole graph (ontology, code lists, data, dataset description) as linked data.",
         "aikg export --format trig -o aikg.trig",
         arg("--format", "-f", choices=list(EXPORT_FORMAT_NAMES), help="default: from the -o extension, else turtle"),
         OUTPUT,
         arg("--named-graphs-only", action="store_true",
             help="TriG/N-Quads: leave the default graph empty (for stores whose default graph is the union of the named graphs)"),
         arg("--annotations", action="store_true",
             help="instead, every quote as a W3C Web Annotation on its report's text (JSON-LD)"),
         DATA)
def cmd_export(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.export import EXPORT_FORMATS, export
    from aikg.extensions import output_format

    if args.annotations:
        return _export_annotations(args, env)
    fmt = output_format(args.output, args.format, list(EXPORT_FORMATS), "turtle")
    _output(env, export(fmt, _data_paths(args, env), union_default_graph=not args.named_graphs_only), args.output)
    return ExitStatus.OK


def _export_annotations(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.annotations import annotate_reports
    from aikg.extensions import output_format
    from aikg.store import open_store
    from aikg.webannotation import web_annotations

    if args.format not in (None, "json-ld"):
        raise AikgError(f"--annotations are written as JSON-LD, not {args.format}")
    output_format(args.output, None, ["json-ld"], "json-ld")
    store = open_store(_data_paths(args, env), named_graphs=False)
    _output(env, web_annotations(annotate_reports(store)), args.output)
    return ExitStatus.OK


@command("network", "Draw the network of actors and initiatives, or print its statistics.",
         "aikg network --format svg --region brussels -o brussels.svg",
         arg("--format", "-f", choices=NETWORK_FORMATS, help="default: from the -o extension, else html"),
         OUTPUT,
         arg("--region", action="append", metavar="REGION",
             help="keep nodes of this region: a name, label or IRI, resolved as --param values are (repeatable)"),
         arg("--relation", action="append", metavar="RELATION", help="keep edges of this relation, e.g. funds (repeatable)"),
         arg("--actors-only", action="store_true", help="fold initiatives into actor-to-actor edges; every actor stays"),
         arg("--min-amount", type=_positive(float), metavar="EUR", help="drop funding edges below this amount"),
         arg("--stats", action="store_true", help="print each actor's rank, linked nodes and betweenness (with initiatives and among actors only), group and money instead of a picture"),
         arg("--table-format", choices=TABULAR_FORMATS, default="table", help="format of --stats (default: table)"),
         DATA)
def cmd_network(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.network import build_network, network_stats, render
    from aikg.extensions import output_format, refuse_terminal
    from aikg.results import format_rows
    from aikg.store import open_store

    fmt = output_format(args.output, args.format, NETWORK_FORMATS, "html")
    if not args.stats:
        refuse_terminal(env.stdout, fmt, args.output)
    store = open_store(_data_paths(args, env), named_graphs=False)
    network = build_network(
        store,
        regions=_regions(store, args.region) or None,
        relations=args.relation or None,
        actors_only=args.actors_only and not args.stats,  # --stats ranks both networks, ordered by the one asked
        min_amount=args.min_amount,
        details=not args.stats,
    )
    del store  # the model holds all that is drawn or counted; a hundred reports' store is 150 MB
    if args.stats:
        stats = network_stats(network, actors_first=args.actors_only)
        rows = [[row[column] for column in stats.columns] for row in stats.rows]
        print(format_rows(stats.columns, rows, args.table_format), file=env.stdout, end="")
        # How to read the table: under it, or on stderr where stdout is data for a program.
        print("\n".join(stats.notes), file=env.stdout if args.table_format == "table" else env.stderr)
        return ExitStatus.OK
    _output(env, render(network, fmt), args.output)
    return ExitStatus.OK


@command("chart", "Draw a chart as SVG: funding, the money each funder gives, by period and status.",
         "aikg chart funding -o funding.svg",
         arg("chart", choices=["funding"], help="which chart"),
         OUTPUT,
         DATA)
def cmd_chart(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.network.chart import render_chart
    from aikg.network.credits import credits_from_rows
    from aikg.network.source import SOURCES_QUERY, TOTALS_QUERY, select_rows
    from aikg.extensions import output_format
    from aikg.store import open_store

    output_format(args.output, "svg", ["svg"], "svg")
    store = open_store(_data_paths(args, env), named_graphs=False)
    credits = credits_from_rows(select_rows(store, SOURCES_QUERY))
    _output(env, render_chart(select_rows(store, TOTALS_QUERY), credits, args.chart), args.output)
    return ExitStatus.OK


def _regions(store, names: list[str] | None) -> list[str]:
    """Region names resolved as every name is (aikg.resolve), passed on as the region's IRI slug."""
    from aikg.resolve import resolve_name

    return [resolve_name(store, name, f"--region {name!r}", "aikg:Jurisdiction").value.rsplit("/", 1)[-1]
            for name in names or []]


@command("search", "Search names, descriptions and the report's quotes: any word order, case, accents, small typos.",
         'aikg search women in tech --type aikg:Initiative',
         arg("text", nargs="*", metavar="TEXT", help="the words to find"),
         arg("--type", action="append", metavar="CLASS",
             help="only resources of this class: a prefixed name or label, e.g. aikg:Programme, 'funding agency' (repeatable)"),
         arg("--section", action="append", metavar="SECTION",
             help="only quotes from this section of the report or its subsections, e.g. 'Regional strategies' (repeatable)"),
         arg("--limit", type=_positive(int), default=20, metavar="N", help="at most N hits (default: 20; 0: all)"),
         arg("--format", "-f", choices=SEARCH_FORMATS, help="default: from the -o extension, else table"),
         OUTPUT,
         DATA)
def cmd_search(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.extensions import output_format
    from aikg.lookup import format_search, search
    from aikg.store import open_store

    fmt = output_format(args.output, args.format, SEARCH_FORMATS, "table")
    text = " ".join(args.text).strip()
    if not text and not args.type and not args.section:
        raise AikgError("give words to search for, or --type / --section to list what they hold")
    store = open_store(_data_paths(args, env), named_graphs=False)
    result = search(store, text, types=args.type or (), sections=args.section or (), limit=args.limit or None)
    for typo, words in result.corrections.items():
        print(f"aikg: '{typo}' is in no document; searched for {' / '.join(words)}", file=env.stderr)
    if result.partial:
        print("aikg: no document has every word; these have some", file=env.stderr)
    _output(env, format_search(result, fmt, text), args.output)
    return ExitStatus.OK if result.hits else ExitStatus.FAILED


@command("describe", "Everything the graph says about one resource, both directions, each fact with its evidence.",
         'aikg describe "Flemish action plan"',
         arg("name", metavar="NAME", help="a name, label, prefixed name or IRI"),
         arg("--format", "-f", choices=["table", "markdown", "json", "turtle"],
             help="default: from the -o extension, else table"),
         OUTPUT,
         DATA)
def cmd_describe(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.describe import DESCRIBE_FORMATS, describe, format_description
    from aikg.extensions import output_format
    from aikg.resolve import resolve_name
    from aikg.store import open_store

    fmt = output_format(args.output, args.format, DESCRIBE_FORMATS, "table")
    store = open_store(_data_paths(args, env), named_graphs=False)
    resource = resolve_name(store, args.name, repr(args.name))
    _output(env, format_description(store, describe(store, resource), fmt), args.output)
    return ExitStatus.OK


@command("prefixes", "List the prefixes every query, table and parameter knows.",
         "aikg prefixes",
         TABLE_FORMAT,
         DATA)
def cmd_prefixes(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.results import format_rows
    from aikg.store import open_store

    prefixes = open_store(_data_paths(args, env), named_graphs=False).prefixes
    rows = [[prefix, namespace] for prefix, namespace in sorted(prefixes.items())]
    print(format_rows(["prefix", "namespace"], rows, args.format), file=env.stdout, end="")
    return ExitStatus.OK


@command("new", "Start a country's report: a folder with its text, the report, its sections and commented examples.",
         'aikg new zz --text zembla.txt --title "Country report - Zembla" --country Zembla',
         arg("code", metavar="CODE", help="the country's code, 2 to 8 lower-case letters: the folder data/CODE/ and its IRIs"),
         arg("--text", required=True, metavar="FILE", help="the report's plain text (UTF-8); copied into the folder"),
         arg("--title", required=True, help="the report's title"),
         arg("--country", required=True, help="the country's English name"),
         arg("--root", metavar="DIR", help="the folder that holds the country folders (default: the project's data/)"))
def cmd_new(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.paths import DATA_DIR
    from aikg.scaffold import new_country

    folder = new_country(args.code, Path(args.text), args.title, args.country, Path(args.root) if args.root else DATA_DIR)
    shown = os.path.relpath(folder) if folder.resolve().is_relative_to(Path.cwd().resolve()) else str(folder)
    print(f"wrote {shown}/ ({', '.join(sorted(p.name for p in folder.iterdir()))}); next: aikg validate {shown}",
          file=env.stdout)
    return ExitStatus.OK


@command("build", "Validate, run every named query, and write all exports and network pictures.",
         "aikg build -o build",
         arg("--output", "-o", default="build", metavar="DIR", help="folder to write into (default: build)"),
         DATA)
def cmd_build(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.build import build

    return build(Path(args.output), env.stdout, env.stderr, args.data or None)


@command("serve", "Serve the graph: SPARQL endpoint, named queries, linked-data pages and a query editor.",
         "aikg serve --port 8000      then open http://127.0.0.1:8000/",
         arg("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"),
         arg("--port", type=_port, default=8000, help="default: 8000"),
         arg("--timeout", type=_positive(float), default=10.0, metavar="SECONDS",
             help="stop a query after this many seconds (default: 10; 0: no limit)"),
         arg("--max-rows", type=_positive(int), default=10_000, metavar="N",
             help="cut answers at this many rows, saying so (default: 10000)"),
         arg("--workers", type=int, default=4, metavar="N", help="query worker processes (default: 4)"),
         arg("--max-memory", type=_positive(float, MIN_MEMORY_GIB), default=4.0, metavar="GIB",
             help=f"memory limit of each worker (default: 4 GiB, at least {MIN_MEMORY_GIB}; 0: no limit)"),
         arg("--max-request-kib", type=_positive(float), default=1024, metavar="KIB",
             help="largest request body accepted (default: 1024 KiB)"),
         arg("--allow-host", action="append", metavar="NAME",
             help="a host name clients may use in the Host header besides --host and localhost, e.g. the server's "
             "public name (repeatable); other names are refused, against DNS rebinding"),
         DATA)
def cmd_serve(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.server.app import Settings
    from aikg.server.run import serve
    from aikg.worker import GIB

    if args.workers < 1 or args.max_request_kib <= 0:
        raise AikgError("--workers must be 1 or more, --max-request-kib more than 0")
    hosts = ("127.0.0.1", "localhost", "::1", args.host, *(args.allow_host or ()))
    settings = Settings(data=args.data or None, timeout=args.timeout or None, max_rows=args.max_rows, workers=args.workers,
                        max_request_bytes=int(args.max_request_kib * 1024),
                        memory=int(args.max_memory * GIB) if args.max_memory else None,
                        allowed_hosts=tuple(dict.fromkeys(hosts)))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        env.warn(f"listening on {args.host}: the endpoint is reachable from the network, not only from this machine "
                 "(requests must name it by --host or an --allow-host name)")
    try:
        serve(args.host, args.port, settings)
    except KeyboardInterrupt:
        print("aikg: server stopped", file=env.stderr)
        return 130
    return ExitStatus.OK


# ---------------------------------------------------------------- parser

EPILOG = """examples:
  aikg validate                      check the project's data
  aikg query funding-by-funder --format csv
  aikg query node-facts --param node=Innoviris
  aikg search July 2019              the report's words, ranked, typos forgiven
  aikg describe "Flemish action plan"  every fact about it, with its evidence
  aikg export --format json-ld -o aikg.jsonld
  aikg network -o actors.html
  aikg build                         everything above, into build/
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser; with ``only``, just that sub-command's (start-up costs what the command needs)."""
    parser = argparse.ArgumentParser(
        prog="aikg",
        description="A knowledge graph of national AI strategies: validate, query, export and draw it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"aikg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for declared in COMMANDS.values():
        if only is None or declared.name == only:
            p = sub.add_parser(declared.name, help=declared.help, description=declared.help,
                               epilog=f"example:\n  {declared.example}", formatter_class=argparse.RawDescriptionHelpFormatter)
            p.set_defaults(handler=declared.handler)
            for flags, options in declared.arguments:
                p.add_argument(*flags, **options)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The sub-command the arguments name first, if they start with one."""
    if argv and argv[0] in COMMANDS:
        return argv[0]
    return None


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    if env is None:  # this process's own streams: a closed one is never left closed (aikg.streams)
        from aikg.streams import CLOSED_STDOUT, reopen_closed

        if "stdout" in reopen_closed():
            sys.stderr.write(f"aikg: error: {CLOSED_STDOUT}\n")
            return int(ExitStatus.BAD_INPUT)  # not 1, which says the data does not conform
    env = env or Environment()
    status = _run(argv, env)
    try:
        env.stdout.flush()
    except BrokenPipeError:  # the reader stopped reading (`aikg query ... | head`): not a failure
        _stdout_to_devnull(env)
    except OSError as error:
        _report(env, f"cannot write the output: {error.strerror or error}")
        _stdout_to_devnull(env)
        return status or int(ExitStatus.BAD_INPUT)
    return status


def _run(argv: Sequence[str] | None, env: Environment) -> int:
    """Parse the arguments and run the command; every failure is one line on stderr and an exit status."""
    try:
        args = build_parser(_command_named(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    except SystemExit as exit_:  # argparse prints its own usage message
        return int(exit_.code or 0)
    try:
        return int(args.handler(args, env))
    except AikgError as error:
        _report(env, str(error))
        return int(error.exit_status)
    except KeyboardInterrupt:
        _report(env, "interrupted", prefix="aikg: ")
        return 130
    except BrokenPipeError:
        _stdout_to_devnull(env)
        return int(ExitStatus.OK)
    except MemoryError:
        _report(env, "out of memory")
        return int(ExitStatus.BAD_INPUT)
    except OSError as error:  # library code names the files it reads; without a name, it is a stream
        where = f"{error.filename}: " if error.filename else "cannot write the output: "
        _report(env, f"{where}{error.strerror or error}")
        _stdout_to_devnull(env)
        return int(ExitStatus.BAD_INPUT)
    except Exception as error:  # noqa: BLE001 - a bug in aikg: still one line, never a traceback
        if os.environ.get("AIKG_TRACEBACK"):
            raise
        _report(env, f"internal error ({type(error).__name__}: {error}); set AIKG_TRACEBACK=1 to see where")
        return int(ExitStatus.INTERNAL)


def _report(env: Environment, message: str, prefix: str = "aikg: error: ") -> None:
    """One line on stderr, with control characters from the data escaped."""
    try:
        print(f"{prefix}{escape_controls(message)}", file=env.stderr)
    except (OSError, ValueError):  # stderr itself is gone: the exit status still tells
        pass


def _stdout_to_devnull(env: Environment) -> None:
    """After a failed write, point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    if env.stdout is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
