"""The main job: validate, answer every named query, write every export and picture.

``aikg build`` is what the README's Quick start runs. It stops at the first
step that fails, so a broken graph never produces exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from aikg.errors import ExitStatus
from aikg.output import OutputFolder
from aikg.paths import DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR

__all__ = ["build"]

NETWORK_FORMATS = ("html", "graphml", "gexf", "svg")


def build(out: Path, stdout: IO[str], stderr: IO[str], paths: list[str] | None = None) -> ExitStatus:
    """Validate once, then answer, export and draw from one store; ``paths`` default to the project's data."""
    from aikg.checked import validate_cached
    from aikg.export import CATALOG_FILE, EXPORT_FORMATS, Dumps
    from aikg.network import build_network, write_network
    from aikg.query import list_queries, run_query
    from aikg.results import format_result
    from aikg.store import open_store

    folder = OutputFolder(out, ("queries", "export", "network"), forbidden=(DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR))
    report = validate_cached(paths)
    if not report.conforms:
        print(report.format(), file=stderr)
        print("build stopped: the data does not conform", file=stderr)
        return ExitStatus.FAILED
    print(f"validated: {report.format().splitlines()[-1]}", file=stdout)

    store = open_store(paths)
    for query in list_queries():
        result = run_query(store, query)
        suffix = ".csv" if result.type in ("SELECT", "ASK") else ".ttl"
        text = format_result(result, "csv" if suffix == ".csv" else "turtle", store.prefixes)
        path = folder.write("queries", f"{query.name}{suffix}", text)
        size = f"{len(result)} rows" if result.type == "SELECT" else result.type.lower()
        print(f"query    {query.name:<32} {size:>10}  -> {path}{folder.note(path)}", file=stdout)

    dumps, sizes = Dumps(paths), {}
    for name, spec in EXPORT_FORMATS.items():
        path = folder.write("export", f"aikg{spec.extension}", dumps.dump(name))
        sizes[name] = path.stat().st_size
        print(f"export   {name:<32} {path.stat().st_size:>10,} B -> {path}{folder.note(path)}", file=stdout)
    path = folder.write("export", CATALOG_FILE, dumps.catalog(sizes))
    print(f"export   {'catalog (DCAT, with byte sizes)':<32} {path.stat().st_size:>10,} B -> {path}{folder.note(path)}", file=stdout)

    network_dir = out / "network"
    network = build_network(store)
    for fmt in NETWORK_FORMATS:
        path = network_dir / f"actors.{fmt}"
        with folder.open("network", path.name) as handle:
            write_network(network, fmt, handle)
        print(f"network  {fmt:<32} {path.stat().st_size:>10,} B -> {path}{folder.note(path)}", file=stdout)
    print(
        f"done: {network.number_of_nodes()} nodes and {network.number_of_edges()} edges in the network; "
        f"open {network_dir / 'actors.html'} in a browser",
        file=stdout,
    )
    print(folder.summary(), file=stdout)
    return ExitStatus.OK
