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
    from aikg.validate import validate

    report = validate(args.paths or None)
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
    from aikg.load import load_graph
    from aikg.query import find_query, read_query, run_query
    from aikg.results import format_result

    query = read_query(env.stdin.read()) if args.query == "-" else find_query(args.query)
    params = dict(_split_param(p) for p in args.param)
    if args.endpoint:
        return _query_endpoint(args, env, query, params)
    graph = load_graph(args.data or None)
    result = run_query(graph, query, params)
    _output(env, format_result(result, args.format, graph), args.output)
    return ExitStatus.OK


def _query_endpoint(args: argparse.Namespace, env: Environment, query, params: dict[str, str]) -> ExitStatus:
    from rdflib import Graph

    from aikg.load import bind_prefixes
    from aikg.remote import run_remote_query
    from aikg.results import format_result

    prefixes = Graph()
    bind_prefixes(prefixes)
    _output(env, format_result(run_remote_query(args.endpoint, query, params), args.format, prefixes), args.output)
    return ExitStatus.OK


def cmd_push(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.remote import push

    for step in push(args.endpoint, args.data or None):
        print(f"{step.action:<9} {step.graph}  ({step.triples} triples)", file=env.stdout)
    return ExitStatus.OK


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise AikgError(f"--param {text!r}: write NAME=VALUE")
    return name.strip(), value


def cmd_export(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.export import export

    _output(env, export(args.format, args.data or None, union_default_graph=not args.named_graphs_only), args.output)
    return ExitStatus.OK


def cmd_network(args: argparse.Namespace, env: Environment) -> ExitStatus:
    import networkx as nx

    from aikg.load import load_graph
    from aikg.network import build_network, network_stats, write_network
    from aikg.results import format_rows

    graph = load_graph(args.data or None)
    network = build_network(
        graph,
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
    p.add_argument("--endpoint", metavar="URL", help="run on this SPARQL endpoint instead of the local graph "
                   "(credentials: AIKG_ENDPOINT_USER/AIKG_ENDPOINT_PASSWORD or ~/.netrc)")
    data_option(p)

    p = command("export", cmd_export, "Write the whole graph (ontology, code lists, data, dataset description) as linked data.",
                "aikg export --format trig -o aikg.trig")
    p.add_argument("--format", "-f", choices=list(EXPORT_FORMATS), default="turtle", help="default: turtle")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--named-graphs-only", action="store_true",
                   help="TriG/N-Quads: leave the default graph empty (for stores whose default graph is the union of the named graphs)")
    data_option(p)

    p = command("push", cmd_push, "Load the dataset into a SPARQL 1.1 Graph Store Protocol endpoint, graph by graph, "
                "replacing what the last push loaded and nothing else (credentials: AIKG_ENDPOINT_USER/AIKG_ENDPOINT_PASSWORD or ~/.netrc).",
                "aikg push --endpoint http://localhost:8890/sparql-graph-crud-auth")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol endpoint")
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

    p = command("build", cmd_build, "Validate, run every named query, and write all exports and network pictures.",
                "aikg build -o build")
    p.add_argument("--output", "-o", default="build", metavar="DIR", help="folder to write into (default: build)")
    return parser


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
        return 130
    except BrokenPipeError:
        return int(ExitStatus.OK)


if __name__ == "__main__":
    sys.exit(main())
