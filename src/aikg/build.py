"""The main job: validate, answer every named query, write every export and picture.

``aikg build`` is what the README's Quick start runs. It stops at the first
step that fails, so a broken graph never produces exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from aikg.errors import ExitStatus

__all__ = ["build"]

NETWORK_FORMATS = ("html", "graphml", "gexf", "svg")


def build(out: Path, stdout: IO[str], stderr: IO[str]) -> ExitStatus:
    from aikg.export import write_dumps
    from aikg.load import load_graph
    from aikg.network import build_network, write_network
    from aikg.query import list_queries, run_query
    from aikg.results import format_result
    from aikg.validate import validate

    report = validate()
    if not report.conforms:
        print(report.format(), file=stderr)
        print("build stopped: the data does not conform", file=stderr)
        return ExitStatus.FAILED
    print(f"validated: {report.format().splitlines()[-1]}", file=stdout)

    graph = load_graph()
    queries_dir = out / "queries"
    queries_dir.mkdir(parents=True, exist_ok=True)
    for query in list_queries():
        result = run_query(graph, query)
        suffix = ".csv" if result.type in ("SELECT", "ASK") else ".ttl"
        text = format_result(result, "csv" if suffix == ".csv" else "turtle", graph)
        (queries_dir / f"{query.name}{suffix}").write_text(text, encoding="utf-8")
        size = f"{len(result)} rows" if result.type == "SELECT" else result.type.lower()
        print(f"query    {query.name:<32} {size:>10}  -> {queries_dir / (query.name + suffix)}", file=stdout)

    for name, path in write_dumps(out / "export").items():
        print(f"export   {name:<32} {path.stat().st_size:>10,} B -> {path}", file=stdout)

    network_dir = out / "network"
    network_dir.mkdir(parents=True, exist_ok=True)
    network = build_network(graph)
    for fmt in NETWORK_FORMATS:
        path = network_dir / f"actors.{fmt}"
        write_network(network, fmt, path)
        print(f"network  {fmt:<32} {path.stat().st_size:>10,} B -> {path}", file=stdout)
    print(
        f"done: {network.number_of_nodes()} nodes and {network.number_of_edges()} edges in the network; "
        f"open {network_dir / 'actors.html'} in a browser",
        file=stdout,
    )
    return ExitStatus.OK
