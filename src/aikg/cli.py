"""The ``aikg`` command: argument parsing and printing only; the work is in the library.

Every sub-command prints to stdout unless ``-o`` is given, reports problems on
stderr in one line without a traceback, and exits with an ExitStatus:
0 success, 1 the data does not conform (or a check failed), 2 unreadable input.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from aikg import __version__
from aikg.errors import AikgError, ExitStatus
from aikg.terminal import escape_controls

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
    """Write to the -o file (whole, or not at all), or to stdout."""
    from aikg.output import write_atomic

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output and output != "-":
        write_atomic(output, raw)
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
    summary = [[k, v] for k, v in quote_summary(graph).items()]
    summary += [[f"report text quoted: {name}", f"{share:.1%}"] for name, share in report_text_coverage(graph, args.paths or None)]
    summary.append(["triples", len(graph)])
    print(format_rows(["class", "label", "instances", "with subclasses"], rows, args.format), file=env.stdout, end="")
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
    graph = load_graph(args.data or None)
    result = run_query(graph, query, params)
    _output(env, format_result(result, args.format, graph), args.output)
    return ExitStatus.OK


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise AikgError(f"--param {text!r}: write NAME=VALUE")
    return name.strip(), value


def cmd_export(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from aikg.export import export

    _output(env, export(args.format, args.data or None), args.output)
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

    p = command("build", cmd_build, "Validate, run every named query, and write all exports and network pictures.",
                "aikg build -o build")
    p.add_argument("--output", "-o", default="build", metavar="DIR", help="folder to write into (default: build)")
    return parser


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    env = env or Environment()
    _quiet_rdflib()
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
        args = build_parser().parse_args(argv)
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


def _quiet_rdflib() -> None:
    """Drop rdflib's log record, with traceback, for each literal it cannot convert.

    ``aikg validate`` reports every ill-typed literal itself, with file and line.
    """
    logger = logging.getLogger("rdflib.term")
    if _drop_literal_conversion not in logger.filters:
        logger.addFilter(_drop_literal_conversion)


def _drop_literal_conversion(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Failed to convert Literal lexical form")


if __name__ == "__main__":
    sys.exit(main())
