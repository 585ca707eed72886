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
from collections.abc import Sequence
from pathlib import Path

from aikg import __version__
from aikg.errors import AikgError, ExitStatus
from aikg.terminal import escape_controls

__all__ = ["Environment", "main"]


class Environment:
    """The streams a command reads and writes; tests pass their own."""

    def __init__(self, stdin: io.TextIOBase | None = None, stdout: io.TextIOBase | None = None,
                 stderr: io.TextIOBase | None = None) -> None:
        self.stdin = sys.stdin if stdin is None else stdin
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr
        self.warnings: list[str] = []
        self.replayable: tuple[list[str], str] | None = None  # what a replay of the answer depends on, and where it is

    def warn(self, message: str) -> None:
        line = f"aikg: warning: {escape_controls(message)}\n"
        self.warnings.append(line)
        self.stderr.write(line)

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


# ---------------------------------------------------------------- commands


def _data_paths(args: argparse.Namespace, env: Environment) -> list[str] | None:
    """The data a command reads: --data and (validate, stats) positional paths alike; warns of empty files."""
    from aikg.references import empty_files

    paths = [*(getattr(args, "paths", None) or []), *(args.data or [])]
    for path in empty_files(paths):
        env.warn(f"{path}: the file holds no statements")
    return paths or None


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

    missing = undefined_references(paths)
    if missing:
        prefixes = open_store().prefixes  # the project's, with those its files declare (sec:)
        names = ", ".join(shorten(iri, prefixes) for iri in missing)
        print(f"note: {len(missing)} resource{'' if len(missing) == 1 else 's'} referred to but defined in none of the "
              f"files given (validate the whole folder to include them): {names}", file=env.stdout)


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


def cmd_queries(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.query import list_queries
    from aikg.results import format_rows

    rows = []
    store = None
    if args.columns:
        from aikg.store import open_store

        store = open_store()
    for query in list_queries():
        params = ", ".join(
            f"{p.name} ({p.type}{' ' + p.cls if p.cls else ''}{', default ' + p.default if p.default else ', optional'})" for p in query.params
        )
        rows.append([query.name, query.title, params, *([", ".join(_columns(store, query))] if store else [])])
    headers = ["name", "title", "parameters", *(["columns"] if store else [])]
    print(format_rows(headers, rows, args.format), file=env.stdout, end="")
    return ExitStatus.OK


def cmd_query(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.outputs import GRAPH_FORMAT_NAMES, TABULAR_FORMATS, output_format
    from aikg.query import find_query, read_query

    fmt = output_format(args.output, args.format, [*TABULAR_FORMATS, *GRAPH_FORMAT_NAMES], "table")
    query = read_query(_read_stdin(env)) if args.query == "-" else find_query(args.query)
    params = _params(args.param)
    max_rows = args.max_rows if fmt in ("table", "markdown") else None
    if args.endpoint:
        from aikg.prefixes import ALL_PREFIXES
        from aikg.remote import run_remote_query
        from aikg.results import format_result

        _output(env, format_result(run_remote_query(args.endpoint, query, params), fmt, ALL_PREFIXES), args.output)
        return ExitStatus.OK
    from aikg import answers, cache
    from aikg.sources import sources

    data = _data_paths(args, env)
    found = sources(data)
    entry = cache.entry_for(found)
    keeper = entry if answers.repeatable(query.text) else None  # NOW(), RAND(), ...: asked again, answered again
    part = answers.answer_part(query.text, params, fmt, max_rows)
    answered = answers.recall(keeper, part)
    if answered is None:
        answered = _answer(query, params, fmt, max_rows, _limits(args), data, found, entry)
        answers.keep(keeper, part, answered)
    _output(env, answered, args.output)
    if keeper is not None and query.path is not None and args.output in (None, "-"):
        from aikg.paths import QUERIES_DIR
        from aikg.sources import folders_listed

        depends_on = [*map(str, folders_listed(data)), *(str(s.path) for s in found), str(QUERIES_DIR), str(query.path)]
        env.replayable = (depends_on, str(keeper.path / part))
    return ExitStatus.OK


def _answer(query, params: dict[str, str], fmt: str, max_rows: int | None, limits, data: list[str] | None, found,
            entry) -> bytes:
    """The answer from the warm graph of this content if one runs; else worked out here, and a warm graph started."""
    from aikg import answers, warm

    request = {"name": query.name, "text": query.text, "path": query.path and str(query.path), "params": params,
               "format": fmt, "max_rows": max_rows, "timeout": limits.timeout, "memory": limits.memory}
    answered = warm.ask(entry, request, limits.timeout)
    if answered is not None:
        return answered
    from aikg.store import open_sources
    from aikg.worker import run_bounded

    warm.start(entry, data)  # it parses beside this query, for the next one
    return run_bounded(lambda: answers.compute(open_sources(found, entry), query, params, fmt, max_rows), limits)


def _columns(store, query) -> list[str]:
    """The columns a named query returns (run with its defaults, no rows read)."""
    from aikg.query import query_form, run_query

    if query_form(query.text) != "SELECT":
        return [f"({query_form(query.text)}: a graph)"]
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


def cmd_push(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.remote import push

    for step in push(args.endpoint, args.data or None):
        print(f"{step.action:<9} {step.graph}  ({step.triples} triples)", file=env.stdout)
    return ExitStatus.OK


def cmd_export(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.export import EXPORT_FORMATS, export
    from aikg.outputs import output_format

    fmt = output_format(args.output, args.format, list(EXPORT_FORMATS), "turtle")
    _output(env, export(fmt, _data_paths(args, env), union_default_graph=not args.named_graphs_only), args.output)
    return ExitStatus.OK


def cmd_network(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.network import build_network, network_stats, render
    from aikg.outputs import output_format, refuse_terminal
    from aikg.results import format_rows
    from aikg.store import open_store

    fmt = output_format(args.output, args.format, NETWORK_FORMATS, "html")
    if not args.stats:
        refuse_terminal(env.stdout, fmt, args.output)
    store = open_store(_data_paths(args, env))
    network = build_network(
        store,
        regions=_regions(store, args.region) or None,
        relations=args.relation or None,
        actors_only=args.actors_only,
        min_amount=args.min_amount,
        details=not args.stats,
    )
    del store  # the model holds all that is drawn or counted; a hundred reports' store is 150 MB
    if args.stats:
        stats = network_stats(network)
        rows = [[row[column] for column in stats.columns] for row in stats.rows]
        print(format_rows(stats.columns, rows, args.table_format), file=env.stdout, end="")
        # How to read the table: under it, or on stderr where stdout is data for a program.
        print("\n".join(stats.notes), file=env.stdout if args.table_format == "table" else env.stderr)
        return ExitStatus.OK
    _output(env, render(network, fmt), args.output)
    return ExitStatus.OK


def cmd_chart(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.network import build_network
    from aikg.network.chart import render_chart
    from aikg.outputs import output_format
    from aikg.store import open_store

    output_format(args.output, "svg", ["svg"], "svg")
    _output(env, render_chart(build_network(open_store(_data_paths(args, env))), args.chart), args.output)
    return ExitStatus.OK


NETWORK_FORMATS = ["html", "graphml", "gexf", "svg"]


def _regions(store, names: list[str] | None) -> list[str]:
    """Region names resolved as every name is (aikg.resolve), passed on as the region's IRI slug."""
    from aikg.resolve import resolve_name

    return [resolve_name(store, name, f"--region {name!r}", "aikg:Jurisdiction").value.rsplit("/", 1)[-1]
            for name in names or []]


SEARCH_FORMATS = ["table", "csv", "tsv", "json", "markdown"]


def cmd_search(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.outputs import output_format
    from aikg.search import format_search, search
    from aikg.store import open_store

    fmt = output_format(args.output, args.format, SEARCH_FORMATS, "table")
    text = " ".join(args.text).strip()
    if not text and not args.type and not args.section:
        raise AikgError("give words to search for, or --type / --section to list what they hold")
    store = open_store(_data_paths(args, env))
    result = search(store, text, types=args.type or (), sections=args.section or (), limit=args.limit or None)
    for typo, words in result.corrections.items():
        print(f"aikg: '{typo}' is in no document; searched for {' / '.join(words)}", file=env.stderr)
    if result.partial:
        print("aikg: no document has every word; these have some", file=env.stderr)
    _output(env, format_search(result, fmt, text), args.output)
    return ExitStatus.OK if result.hits else ExitStatus.FAILED


def cmd_describe(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.describe import DESCRIBE_FORMATS, describe, format_description
    from aikg.outputs import output_format
    from aikg.resolve import resolve_name
    from aikg.store import open_store

    fmt = output_format(args.output, args.format, DESCRIBE_FORMATS, "table")
    store = open_store(_data_paths(args, env))
    resource = resolve_name(store, args.name, repr(args.name))
    _output(env, format_description(store, describe(store, resource), fmt), args.output)
    return ExitStatus.OK


def cmd_prefixes(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.results import format_rows
    from aikg.store import open_store

    prefixes = open_store(_data_paths(args, env)).prefixes
    rows = [[prefix, namespace] for prefix, namespace in sorted(prefixes.items())]
    print(format_rows(["prefix", "namespace"], rows, args.format), file=env.stdout, end="")
    return ExitStatus.OK


def cmd_build(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.build import build

    return build(Path(args.output), env.stdout, env.stderr, args.data or None)


def cmd_serve(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.server.app import Settings
    from aikg.server.run import serve
    from aikg.worker import GIB

    if args.workers < 1 or args.max_request_kib <= 0:
        raise AikgError("--workers must be 1 or more, --max-request-kib more than 0")
    settings = Settings(data=args.data or None, timeout=args.timeout or None, max_rows=args.max_rows, workers=args.workers,
                        max_request_bytes=int(args.max_request_kib * 1024),
                        memory=int(args.max_memory * GIB) if args.max_memory else None)
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


class Command(namedtuple("Command", "name handler help example add_arguments")):
    """One sub-command: its handler (args, env -> ExitStatus), one-line help, an example, and the
    function that adds its arguments to its parser."""

    __slots__ = ()


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
    for command in COMMANDS:
        if only is None or command.name == only:
            p = sub.add_parser(command.name, help=command.help, description=command.help,
                               epilog=f"example:\n  {command.example}", formatter_class=argparse.RawDescriptionHelpFormatter)
            p.set_defaults(handler=command.handler)
            command.add_arguments(p)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The sub-command the arguments name first, if they start with one."""
    if argv and argv[0] in {command.name for command in COMMANDS}:
        return argv[0]
    return None


def _table_format(p: argparse.ArgumentParser, dest: str = "format") -> None:
    from aikg.outputs import TABULAR_FORMATS

    p.add_argument("--format", "-f", dest=dest, choices=TABULAR_FORMATS, default="table", help="output format (default: table)")


def _data_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", action="append", metavar="PATH", help="Turtle file or folder to use instead of the project's data (repeatable)")


def _output_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write here instead of stdout; the extension picks the format (.csv .tsv .json .md .txt .ttl "
                        ".nt .nq .trig .jsonld .rdf .html .svg .graphml .gexf)")


def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="Turtle files or folders (the same as --data PATH)")
    _data_option(p)


def _stats_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="Turtle files or folders, the same as --data PATH (default: the project's data)")
    _table_format(p)
    _data_option(p)


def _queries_arguments(p: argparse.ArgumentParser) -> None:
    _table_format(p)
    p.add_argument("--columns", action="store_true", help="also list the columns each query returns")


def _query_arguments(p: argparse.ArgumentParser) -> None:
    from aikg.outputs import GRAPH_FORMAT_NAMES, TABULAR_FORMATS

    p.add_argument("query", metavar="NAME|FILE|-")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter; an IRI parameter takes an IRI, a prefixed name, a label or a name close to one (repeatable)")
    p.add_argument("--format", "-f", choices=[*TABULAR_FORMATS, *GRAPH_FORMAT_NAMES],
                   help="table|csv|tsv|json|markdown for SELECT/ASK; turtle|nt|json-ld|xml for CONSTRUCT/DESCRIBE "
                        "(default: from the -o extension, else table, Turtle for graphs)")
    _output_option(p)
    p.add_argument("--timeout", type=_positive(float), default=60.0, metavar="SECONDS",
                   help="stop the query after this many seconds (default: 60; 0: no limit)")
    p.add_argument("--max-memory", type=_positive(float, MIN_MEMORY_GIB), default=4.0, metavar="GIB",
                   help=f"stop the query when it needs more memory than this (default: 4 GiB, at least {MIN_MEMORY_GIB}; 0: no limit)")
    p.add_argument("--max-rows", type=_positive(int), default=10_000, metavar="N",
                   help="rows shown in the table and markdown formats (default: 10000); csv, tsv and json are never cut")
    p.add_argument("--endpoint", metavar="URL", help="run on this SPARQL endpoint instead of the local graph "
                   "(credentials: AIKG_ENDPOINT_USER/AIKG_ENDPOINT_PASSWORD or ~/.netrc)")
    _data_option(p)


def _export_arguments(p: argparse.ArgumentParser) -> None:
    from aikg.outputs import EXPORT_FORMAT_NAMES

    p.add_argument("--format", "-f", choices=list(EXPORT_FORMAT_NAMES), help="default: from the -o extension, else turtle")
    _output_option(p)
    p.add_argument("--named-graphs-only", action="store_true",
                   help="TriG/N-Quads: leave the default graph empty (for stores whose default graph is the union of the named graphs)")
    _data_option(p)


def _push_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol endpoint")
    _data_option(p)


def _network_arguments(p: argparse.ArgumentParser) -> None:
    from aikg.outputs import TABULAR_FORMATS

    p.add_argument("--format", "-f", choices=NETWORK_FORMATS, help="default: from the -o extension, else html")
    _output_option(p)
    p.add_argument("--region", action="append", metavar="REGION",
                   help="keep nodes of this region: a name, label or IRI, resolved as --param values are (repeatable)")
    p.add_argument("--relation", action="append", metavar="RELATION", help="keep edges of this relation, e.g. funds (repeatable)")
    p.add_argument("--actors-only", action="store_true", help="fold initiatives into actor-to-actor edges; every actor stays")
    p.add_argument("--min-amount", type=_positive(float), metavar="EUR", help="drop funding edges below this amount")
    p.add_argument("--stats", action="store_true", help="print each actor's linked nodes, betweenness, group and money instead of a picture")
    p.add_argument("--table-format", choices=TABULAR_FORMATS, default="table", help="format of --stats (default: table)")
    _data_option(p)


def _search_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="*", metavar="TEXT", help="the words to find")
    p.add_argument("--type", action="append", metavar="CLASS",
                   help="only resources of this class: a prefixed name or label, e.g. aikg:Programme, 'funding agency' (repeatable)")
    p.add_argument("--section", action="append", metavar="SECTION",
                   help="only quotes from this section of the report or its subsections, e.g. 'Regional strategies' (repeatable)")
    p.add_argument("--limit", type=_positive(int), default=20, metavar="N", help="at most N hits (default: 20; 0: all)")
    p.add_argument("--format", "-f", choices=SEARCH_FORMATS, help="default: from the -o extension, else table")
    _output_option(p)
    _data_option(p)


def _describe_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", help="a name, label, prefixed name or IRI")
    p.add_argument("--format", "-f", choices=["table", "markdown", "json", "turtle"],
                   help="default: from the -o extension, else table")
    _output_option(p)
    _data_option(p)


def _prefixes_arguments(p: argparse.ArgumentParser) -> None:
    _table_format(p)
    _data_option(p)


def _chart_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("chart", choices=["funding"], help="which chart")
    _output_option(p)
    _data_option(p)


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="default: 8000")
    p.add_argument("--timeout", type=_positive(float), default=10.0, metavar="SECONDS",
                   help="stop a query after this many seconds (default: 10; 0: no limit)")
    p.add_argument("--max-rows", type=_positive(int), default=10_000, metavar="N",
                   help="cut answers at this many rows, saying so (default: 10000)")
    p.add_argument("--workers", type=int, default=4, metavar="N", help="query worker processes (default: 4)")
    p.add_argument("--max-memory", type=_positive(float, MIN_MEMORY_GIB), default=4.0, metavar="GIB",
                   help=f"memory limit of each worker (default: 4 GiB, at least {MIN_MEMORY_GIB}; 0: no limit)")
    p.add_argument("--max-request-kib", type=_positive(float), default=1024, metavar="KIB",
                   help="largest request body accepted (default: 1024 KiB)")
    _data_option(p)


def _build_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", "-o", default="build", metavar="DIR", help="folder to write into (default: build)")
    _data_option(p)


COMMANDS = [
    Command("validate", cmd_validate, "SHACL-validate Turtle files or folders (default: the project's data) with the ontology.",
            "aikg validate data/be", _validate_arguments),
    Command("stats", cmd_stats, "Count instances per class, quotes and how much of the report is quoted.", "aikg stats", _stats_arguments),
    Command("queries", cmd_queries, "List the named queries with their titles and parameters.", "aikg queries --columns", _queries_arguments),
    Command("query", cmd_query, "Run a named query, a .rq file, or a query read from stdin (-).",
            "aikg query funding-by-funder --param funder=Innoviris --format csv", _query_arguments),
    Command("export", cmd_export, "Write the whole graph (ontology, code lists, data, dataset description) as linked data.",
            "aikg export --format trig -o aikg.trig", _export_arguments),
    Command("push", cmd_push, "Load the dataset into a SPARQL 1.1 Graph Store Protocol endpoint, graph by graph, "
            "replacing what the last push loaded and nothing else (credentials: AIKG_ENDPOINT_USER/AIKG_ENDPOINT_PASSWORD or ~/.netrc).",
            "aikg push --endpoint http://localhost:8890/sparql-graph-crud-auth", _push_arguments),
    Command("network", cmd_network, "Draw the network of actors and initiatives, or print its statistics.",
            "aikg network --format svg --region brussels -o brussels.svg", _network_arguments),
    Command("search", cmd_search,
            "Search names, descriptions and the report's quotes: any word order, case, accents, small typos.",
            'aikg search women in tech --type aikg:Initiative', _search_arguments),
    Command("describe", cmd_describe,
            "Everything the graph says about one resource, both directions, each fact with its evidence.",
            'aikg describe "Flemish action plan"', _describe_arguments),
    Command("prefixes", cmd_prefixes, "List the prefixes every query, table and parameter knows.", "aikg prefixes", _prefixes_arguments),
    Command("chart", cmd_chart, "Draw a chart as SVG: funding, the money each funder gives, by period and status.",
            "aikg chart funding -o funding.svg", _chart_arguments),
    Command("serve", cmd_serve, "Serve the graph: SPARQL endpoint, named queries, linked-data pages and a query editor.",
            "aikg serve --port 8000      then open http://127.0.0.1:8000/", _serve_arguments),
    Command("build", cmd_build, "Validate, run every named query, and write all exports and network pictures.",
            "aikg build -o build", _build_arguments),
]


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


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    command_line = argv is None and env is None  # this process's own command line, not a caller's
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
    if command_line and status == ExitStatus.OK and env.replayable is not None:
        from aikg.replay import record

        record(sys.argv[1:], *env.replayable, warnings="".join(env.warnings))
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
