"""The ``aikg`` command: argument parsing and printing only; the work is in the library.

Every sub-command prints to stdout unless ``-o`` is given, reports problems on
stderr in one line without a traceback, and exits with an ExitStatus:
0 success, 1 the data does not conform (or a check failed), 2 unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from aikg import __version__
from aikg.errors import AikgError, ExitStatus

__all__ = ["Environment", "main"]


@dataclass
class Environment:
    """The streams a command reads and writes; tests pass their own."""

    stdin: IO[str] = field(default_factory=lambda: sys.stdin)
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)

    def write_bytes(self, data: bytes) -> None:
        buffer = getattr(self.stdout, "buffer", None)
        if buffer is not None:
            self.stdout.flush()
            buffer.write(data)
            buffer.flush()
        else:
            self.stdout.write(data.decode("utf-8"))


def _output(env: Environment, data: bytes | str, output: str | None) -> None:
    """Write to the -o file, or to stdout."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output and output != "-":
        try:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_bytes(raw)
        except OSError as error:
            raise AikgError(f"{output}: cannot write: {error.strerror}") from None
    else:
        env.write_bytes(raw)


# ---------------------------------------------------------------- commands


def cmd_validate(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.checked import validate_cached

    report = validate_cached(args.paths or None)
    stream = env.stdout if report.conforms else env.stderr
    print(report.format(), file=stream)
    return ExitStatus.OK if report.conforms else ExitStatus.FAILED


def cmd_stats(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.load import load_graph
    from aikg.results import format_rows
    from aikg.stats import class_counts, quote_summary, report_text_coverage

    graph = load_graph(args.paths or None)
    rows = [[graph.namespace_manager.normalizeUri(c.cls), c.label, c.direct, c.total] for c in class_counts(graph)]
    print(format_rows(["class", "label", "instances", "with subclasses"], rows, args.format), file=env.stdout, end="")
    summary = [[k, v] for k, v in quote_summary(graph).items()]
    summary += [[f"report text quoted: {name}", f"{share:.1%}"] for name, share in report_text_coverage(graph, args.paths or None)]
    summary.append(["triples", len(graph)])
    print(file=env.stdout)
    print(format_rows(["provenance", "count"], summary, args.format), file=env.stdout, end="")
    return ExitStatus.OK


def cmd_queries(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.query import list_queries
    from aikg.results import format_rows

    rows = []
    for query in list_queries():
        params = ", ".join(
            f"{p.name} ({p.type}{' ' + p.cls if p.cls else ''}{', default ' + p.default if p.default else ', optional'})" for p in query.params
        )
        rows.append([query.name, query.title, params])
    print(format_rows(["name", "title", "parameters"], rows, args.format), file=env.stdout, end="")
    return ExitStatus.OK


def cmd_query(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.query import find_query, read_query
    from aikg.worker import run_bounded

    query = read_query(_read_stdin(env)) if args.query == "-" else find_query(args.query)
    params = _params(args.param)
    max_rows = args.max_rows if args.format in ("table", "markdown") else None

    def answer() -> str:
        from aikg.query import run_query
        from aikg.results import format_result
        from aikg.store import open_store

        store = open_store(args.data or None)
        return format_result(run_query(store, query, params, max_rows=max_rows), args.format, store.prefixes)

    _output(env, run_bounded(answer, _limits(args)), args.output)
    return ExitStatus.OK


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


def cmd_export(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.export import export

    _output(env, export(args.format, args.data or None), args.output)
    return ExitStatus.OK


def cmd_network(args: argparse.Namespace, env: Environment) -> ExitStatus:
    import networkx as nx

    from aikg.network import build_network, network_stats, write_network
    from aikg.results import format_rows
    from aikg.store import open_store

    network = build_network(
        open_store(args.data or None),
        regions=args.region or None,
        relations=args.relation or None,
        actors_only=args.actors_only,
        min_amount=args.min_amount,
    )
    if args.stats:
        rows = network_stats(network)
        headers = list(rows[0]) if rows else ["label"]
        print(format_rows(headers, [list(r.values()) for r in rows], args.table_format), file=env.stdout, end="")
        if args.table_format == "table":
            groups = nx.number_weakly_connected_components(network)
            print(f"{network.number_of_nodes()} nodes, {network.number_of_edges()} edges, "
                  f"{groups} connected group{'' if groups == 1 else 's'} (column group; 1 is the largest)", file=env.stdout)
        return ExitStatus.OK
    if args.output and args.output != "-":
        write_network(network, args.format, Path(args.output))
    else:
        import io

        buffer = io.BytesIO()
        write_network(network, args.format, buffer)
        env.write_bytes(buffer.getvalue())
    return ExitStatus.OK


def cmd_build(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.build import build

    return build(Path(args.output), env.stdout, env.stderr)


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
  aikg export --format json-ld -o aikg.jsonld
  aikg network -o actors.html
  aikg build                         everything above, into build/
"""


def build_parser() -> argparse.ArgumentParser:
    from aikg.export import EXPORT_FORMATS
    from aikg.results import RDF_FORMATS, TABULAR_FORMATS

    parser = argparse.ArgumentParser(
        prog="aikg",
        description="A knowledge graph of national AI strategies: validate, query, export and draw it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"aikg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def command(name: str, handler, help: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, epilog=f"example:\n  {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(handler=handler)
        return p

    def table_format(p: argparse.ArgumentParser, dest: str = "format") -> None:
        p.add_argument("--format", "-f", dest=dest, choices=TABULAR_FORMATS, default="table", help="output format (default: table)")

    def data_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", action="append", metavar="PATH", help="Turtle file or folder to use instead of the project's data (repeatable)")

    p = command("validate", cmd_validate, "SHACL-validate Turtle files or folders (default: the project's data) with the ontology.",
                "aikg validate data/be")
    p.add_argument("paths", nargs="*", metavar="PATH", help="Turtle files or folders")

    p = command("stats", cmd_stats, "Count instances per class, quotes and how much of the report is quoted.", "aikg stats")
    p.add_argument("paths", nargs="*", metavar="PATH", help="Turtle files or folders (default: the project's data)")
    table_format(p)

    p = command("queries", cmd_queries, "List the named queries with their titles and parameters.", "aikg queries")
    table_format(p)

    p = command("query", cmd_query, "Run a named query, a .rq file, or a query read from stdin (-).",
                "aikg query funding-by-funder --param funder=Innoviris --format csv")
    p.add_argument("query", metavar="NAME|FILE|-")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter; an IRI parameter takes an IRI, a prefixed name or a label (repeatable)")
    p.add_argument("--format", "-f", choices=[*TABULAR_FORMATS, *RDF_FORMATS], default="table",
                   help="table|csv|tsv|json|markdown for SELECT/ASK; turtle|nt|json-ld|xml for CONSTRUCT/DESCRIBE (default: table, Turtle for graphs)")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--timeout", type=_positive(float), default=60.0, metavar="SECONDS",
                   help="stop the query after this many seconds (default: 60; 0: no limit)")
    p.add_argument("--max-memory", type=_positive(float), default=4.0, metavar="GIB",
                   help="stop the query when it needs more memory than this (default: 4 GiB; 0: no limit)")
    p.add_argument("--max-rows", type=_positive(int), default=10_000, metavar="N",
                   help="rows shown in the table and markdown formats (default: 10000); csv, tsv and json are never cut")
    data_option(p)

    p = command("export", cmd_export, "Write the whole graph (ontology, code lists, data, dataset description) as linked data.",
                "aikg export --format trig -o aikg.trig")
    p.add_argument("--format", "-f", choices=list(EXPORT_FORMATS), default="turtle", help="default: turtle")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    data_option(p)

    p = command("network", cmd_network, "Draw the network of actors and initiatives, or print its statistics.",
                "aikg network --format svg --region brussels -o brussels.svg")
    p.add_argument("--format", "-f", choices=["html", "graphml", "gexf", "svg"], default="html", help="default: html")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--region", action="append", metavar="REGION", help="keep nodes of this region (repeatable)")
    p.add_argument("--relation", action="append", metavar="RELATION", help="keep edges of this relation, e.g. funds (repeatable)")
    p.add_argument("--actors-only", action="store_true", help="fold initiatives into actor-to-actor edges")
    p.add_argument("--min-amount", type=float, metavar="EUR", help="drop funding edges below this amount")
    p.add_argument("--stats", action="store_true", help="print centrality, components and money flows instead of a picture")
    p.add_argument("--table-format", choices=TABULAR_FORMATS, default="table", help="format of --stats (default: table)")
    data_option(p)

    p = command("serve", cmd_serve, "Serve the graph: SPARQL endpoint, named queries, linked-data pages and a query editor.",
                "aikg serve --port 8000      then open http://127.0.0.1:8000/")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="default: 8000")
    p.add_argument("--timeout", type=_positive(float), default=10.0, metavar="SECONDS",
                   help="stop a query after this many seconds (default: 10; 0: no limit)")
    p.add_argument("--max-rows", type=_positive(int), default=10_000, metavar="N",
                   help="cut answers at this many rows, saying so (default: 10000)")
    p.add_argument("--workers", type=int, default=4, metavar="N", help="query worker processes (default: 4)")
    p.add_argument("--max-memory", type=_positive(float), default=4.0, metavar="GIB",
                   help="memory limit of each worker (default: 4 GiB; 0: no limit)")
    p.add_argument("--max-request-kib", type=_positive(float), default=1024, metavar="KIB",
                   help="largest request body accepted (default: 1024 KiB)")
    data_option(p)

    p = command("build", cmd_build, "Validate, run every named query, and write all exports and network pictures.",
                "aikg build -o build")
    p.add_argument("--output", "-o", default="build", metavar="DIR", help="folder to write into (default: build)")
    return parser


def _positive(kind):
    """An argparse type for a number that must not be negative."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not 0 <= value < float("inf"):
            raise argparse.ArgumentTypeError(f"must be 0 or more: {text!r}")
        return value

    return parse


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    env = env or Environment()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse prints its own usage message
        return int(exit_.code or 0)
    try:
        return int(args.handler(args, env))
    except AikgError as error:
        print(f"aikg: error: {error}", file=env.stderr)
        return int(error.exit_status)
    except KeyboardInterrupt:
        print("aikg: interrupted", file=env.stderr)
        return 130
    except BrokenPipeError:
        return int(ExitStatus.OK)


if __name__ == "__main__":
    sys.exit(main())
