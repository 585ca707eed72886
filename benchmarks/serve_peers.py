"""`aikg serve` beside the servers a publisher would otherwise pick, on the same data and query texts.

Run: .venv/bin/python benchmarks/serve_peers.py [--clients 8] [--seconds 8] [--queries a,b] [--markdown FILE]
Servers, each on a free loopback port and stopped at the end:
- `aikg serve` on the project's graph;
- `oxigraph serve-read-only` (pip install '.[bench]') on a fresh folder filled by `oxigraph load`
  from `aikg export --format nquads` (its default graph holds every triple, as Oxigraph queries it);
- Virtuoso (Debian's virtuoso-opensource-7, started as tests/virtuoso.py starts it), filled by `aikg push`.
A missing server is said and left out. Every server first answers each query once, and the rows
must be the same everywhere (SPARQL JSON results compared by value, sorted; --no-check skips
this). Then one load client, `hey` if installed, else the asyncio client of serve_load.py, sends
the same query text (a form POST, as SPARQL clients send long queries) with --clients concurrent
clients for --seconds, per query and server. Prints a Markdown table: answers per second (200s
only), p50 and p95 latency, and errors, under the command line, date, commit and versions.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import io
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import httpx
import pyoxigraph as ox

from scale_steps import ROOT, default_iris, named_queries
from serve_load import free_port, percentile, server as aikg_server, timed

sys.path.insert(0, str(ROOT / "tests"))
import virtuoso  # noqa: E402  (tests/virtuoso.py: how the tests start Virtuoso)

from aikg.sparql import bind_values  # noqa: E402

ACCEPT = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + name for name in ("integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger")}
SMALL = "small-lookup"
# What Innoviris launched or organises, with the names: three rows, read straight from data/be/actors.ttl
# and programmes (Team Up, the STEM awareness calls, the Science Festival).
SMALL_LOOKUP = """PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX beo:  <https://w3id.org/aikg/id/be/org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?initiative ?label WHERE { beo:innoviris aikg:launched|aikg:organises ?initiative . ?initiative rdfs:label ?label }
"""
DEFAULT_QUERIES = f"{SMALL},funding-by-funder,network,relation-evidence,node-facts"
AIKG_WORKERS, AIKG_TIMEOUT = 4, 10.0  # `aikg serve`'s own defaults, as a publisher starts it


class Stop(Exception):
    """A reason to stop the benchmark, said in one line."""


@dataclass
class Server:
    name: str
    endpoint: str  # where SPARQL queries are POSTed
    version: str = ""


@dataclass
class Measure:
    answers: int  # answered 200
    seconds: float
    p50_ms: float | None
    p95_ms: float | None
    errors: int
    unanswered: bool = False  # hey waited on requests that never answered (their number is not in its CSV)

    def cell(self) -> str:
        if not self.answers:
            text = f"no answer in {self.seconds:.0f} s"
        else:
            text = f"{self.answers / self.seconds:,.1f} req/s, p50 {self.p50_ms:,.0f} ms, p95 {self.p95_ms:,.0f} ms"
        text += f", {self.errors} errors" if self.errors else ""
        return text + (", some requests got no answer (time-out)" if self.unanswered else "")


# --- the queries ---------------------------------------------------------------------------------

def query_texts(names: list[str]) -> dict[str, str]:
    """Each query's text as every server receives it: the small lookup, or a named query with its
    parameter defaults (if its header gives any) bound in a VALUES block, as `aikg query --endpoint` does."""
    files = {path.stem: path for path in named_queries()}
    unknown = [name for name in names if name != SMALL and name not in files]
    if unknown:
        raise Stop(f"--queries: no query named {', '.join(unknown)} (choose {SMALL} or a name in queries/)")
    texts = {}
    for name in names:
        if name == SMALL:
            texts[name] = SMALL_LOOKUP
            continue
        bindings = {param: ox.NamedNode(iri) for param, iri in default_iris(files[name]).items()}
        texts[name] = bind_values(files[name].read_text(encoding="utf-8"), bindings)
    return texts


# --- the servers ---------------------------------------------------------------------------------

def aikg_command() -> str:
    return str(Path(sys.executable).with_name("aikg"))


def oxigraph_command() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def run(command: list[str], what: str, **options) -> str:
    """Run a preparation step to the end; its output, or Stop with its last error line."""
    done = subprocess.run(command, capture_output=True, text=True, **options)
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
        raise Stop(f"{what} failed (exit {done.returncode}): {last}")
    return done.stdout


def export_dump(work: Path) -> Path:
    dump = work / "aikg.nq"
    run([aikg_command(), "export", "--format", "nquads", "-o", str(dump)], "aikg export")
    return dump


def start_aikg(stack: contextlib.ExitStack) -> Server:
    options = argparse.Namespace(url=None, workers=AIKG_WORKERS, timeout=AIKG_TIMEOUT)
    url = stack.enter_context(aikg_server(options))
    return Server("aikg serve", f"{url}/sparql", package_version("aikg"))


def stop_process(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_until_answers(endpoint: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Stop(f"{process.args[0]} exited with {process.returncode} before answering on {endpoint}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.post(endpoint, data={"query": "ASK {}"}, headers={"Accept": ACCEPT}, timeout=5).status_code == 200:
                return
        time.sleep(0.2)
    raise Stop(f"nothing answered on {endpoint} within {timeout:.0f} s")


def start_oxigraph(stack: contextlib.ExitStack, work: Path, dump: Path) -> Server | None:
    command = oxigraph_command()
    if command is None:
        print("oxigraph: not installed (pip install '.[bench]'); measuring the others", file=sys.stderr)
        return None
    location = work / "oxigraph"
    run([command, "load", "--location", str(location), "--file", str(dump)], "oxigraph load")
    port = free_port()
    process = subprocess.Popen([command, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    stack.callback(stop_process, process)
    endpoint = f"http://127.0.0.1:{port}/query"
    wait_until_answers(endpoint, process)
    return Server("oxigraph serve-read-only", endpoint, run([command, "--version"], "oxigraph --version").split()[-1])


def start_virtuoso(stack: contextlib.ExitStack, work: Path) -> Server | None:
    missing = virtuoso.missing_reason()
    if missing:
        print(f"Virtuoso: {missing}; measuring the others", file=sys.stderr)
        return None
    folder = work / "virtuoso"
    folder.mkdir()
    started = virtuoso.start_virtuoso(folder)
    stack.callback(started.stop)
    # a fresh database's administrator, as tests/test_virtuoso.py pushes
    env = {**os.environ, "AIKG_ENDPOINT_USER": "dba", "AIKG_ENDPOINT_PASSWORD": "dba"}
    env.pop("NETRC", None)
    run([aikg_command(), "push", "--endpoint", started.graph_store], "aikg push to Virtuoso", env=env)
    answer = httpx.post(started.sparql, data={"query": "ASK {}"}, headers={"Accept": ACCEPT}, timeout=30)
    return Server("Virtuoso", started.sparql, answer.headers.get("server", "").split(" ")[0].removeprefix("Virtuoso/"))


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


# --- the same rows everywhere ----------------------------------------------------------------------

def comparable(term: dict | None) -> object:
    """One SPARQL JSON term by value: numbers as decimals, booleans as true/false (Virtuoso writes
    "1"^^xsd:boolean), blank nodes as one token, plain and xsd:string literals alike."""
    if term is None:
        return None
    if term["type"] == "bnode":
        return "_:b"
    if term["type"] == "uri":
        return term["value"]
    datatype = term.get("datatype")
    if datatype in NUMBERS:
        with contextlib.suppress(InvalidOperation):
            return Decimal(term["value"]).normalize()  # one form per value: rows are sorted by repr
    if datatype == XSD + "boolean":
        return {"1": "true", "0": "false"}.get(term["value"], term["value"])
    return term["value"], term.get("xml:lang", "").lower(), datatype if datatype != XSD + "string" else None


def answer_rows(server: Server, text: str, timeout: float) -> list[tuple]:
    """The server's answer as sorted rows of values (by variable name), or Stop saying why there is none."""
    try:
        answer = httpx.post(server.endpoint, data={"query": text}, headers={"Accept": ACCEPT}, timeout=timeout)
    except httpx.HTTPError as error:
        raise Stop(f"{server.name}: {type(error).__name__} {error}") from None
    if answer.status_code != 200:
        raise Stop(f"{server.name} answered {answer.status_code}: {answer.text.strip()[:200]}")
    found = answer.json()
    names = sorted(found["head"]["vars"])
    return sorted((tuple(comparable(row.get(name)) for name in names) for row in found["results"]["bindings"]), key=repr)


def check_same_rows(servers: list[Server], texts: dict[str, str], timeout: float) -> dict[str, int]:
    """Each query's row count; Stop naming the first server whose rows differ from the first server's."""
    counts = {}
    for name, text in texts.items():
        reference = answer_rows(servers[0], text, timeout)
        for other in servers[1:]:
            rows = answer_rows(other, text, timeout)
            if rows != reference:
                missing = [row for row in reference if row not in rows][:1]
                extra = [row for row in rows if row not in reference][:1]
                raise Stop(f"{name}: {other.name} returns {len(rows)} rows, {servers[0].name} {len(reference)} "
                           f"(only in {servers[0].name}: {missing}; only in {other.name}: {extra})")
        counts[name] = len(reference)
        print(f"same rows on every server: {name} ({len(reference)} rows)", file=sys.stderr)
    return counts


# --- the load --------------------------------------------------------------------------------------

def hey_command() -> str | None:
    return shutil.which("hey")


def load_with_hey(endpoint: str, text: str, args: argparse.Namespace, work: Path) -> Measure:
    """`hey` POSTing the query for --seconds, one CSV line per answer (its summary's percentiles are
    wrong below about twenty answers). A request with no answer at all (past --request-timeout,
    refused) is not in hey's CSV: when hey ran on well past its last answer, the cell says so."""
    body = work / "body.txt"
    body.write_text(urllib.parse.urlencode({"query": text}), encoding="utf-8")
    started = time.perf_counter()
    out = run([hey_command(), "-z", f"{args.seconds:g}s", "-c", str(args.clients), "-t", f"{args.request_timeout:g}",
               "-m", "POST", "-T", FORM, "-A", ACCEPT, "-D", str(body), "-o", "csv", endpoint], "hey")
    rows = list(csv.DictReader(io.StringIO(out)))
    times = [float(row["response-time"]) * 1000 for row in rows if row["status-code"] == "200"]
    ends = [float(row["offset"]) + float(row["response-time"]) for row in rows]
    found = measure(times, errors=len(rows) - len(times), seconds=max(ends, default=args.seconds))
    found.unanswered = time.perf_counter() - started > max(ends, default=args.seconds) + 1
    return found


def measure(times_ms: list[float], errors: int, seconds: float) -> Measure:
    """What the table shows of one load run, whichever client made it."""
    p50, p95 = (percentile(times_ms, 0.5), percentile(times_ms, 0.95)) if times_ms else (None, None)
    return Measure(answers=len(times_ms), seconds=seconds, p50_ms=p50, p95_ms=p95, errors=errors)


def load_with_python(endpoint: str, text: str, args: argparse.Namespace, work: Path) -> Measure:
    """serve_load.py's asyncio client: the same POST from --clients coroutines for --seconds."""
    results: dict[str, list] = defaultdict(list)
    elapsed = asyncio.run(_python_clients(endpoint, text, args, results))
    times = [seconds * 1000 for seconds, ok in results["query"] if ok]
    return measure(times, errors=len(results["query"]) - len(times), seconds=elapsed)


async def _python_clients(endpoint: str, text: str, args: argparse.Namespace, results: dict) -> float:
    async def one_client(http: httpx.AsyncClient, stop: float) -> None:
        while time.monotonic() < stop:
            await timed(results, "query", endpoint, http.post(endpoint, data={"query": text}, headers={"Accept": ACCEPT}))

    async with httpx.AsyncClient(timeout=args.request_timeout, limits=httpx.Limits(max_connections=args.clients)) as http:
        started, stop = time.perf_counter(), time.monotonic() + args.seconds
        await asyncio.gather(*(one_client(http, stop) for _ in range(args.clients)))
        return time.perf_counter() - started


def choose_load(args: argparse.Namespace):
    """The load function and how to name it in the header."""
    if args.load_client in ("auto", "hey") and hey_command():
        return load_with_hey, (f"hey {dpkg_version('hey')}".strip()
                               + " (errors: non-200 answers; hey's CSV leaves out requests that got no answer)")
    if args.load_client == "hey":
        raise Stop("--load-client hey: hey is not installed (Debian package hey)")
    return load_with_python, f"serve_load.py's asyncio client (httpx {package_version('httpx')})"


def dpkg_version(package: str) -> str:
    done = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


# --- the report ------------------------------------------------------------------------------------

def commit() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return done.stdout.strip() or "?"


def header(args: argparse.Namespace, servers: list[Server], client: str) -> list[str]:
    command = shlex.join(["python", "benchmarks/serve_peers.py", *sys.argv[1:]])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return [
        f"Command: `{command}`",
        f"Date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit()}; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, load average {load:.1f} at the start.",
        "Servers: " + "; ".join(f"{s.name} {s.version}".strip() for s in servers) + ".",
        f"Load: {client}; {args.clients} concurrent clients for {args.seconds:g} s per query per server, loopback, "
        f"each request a form POST of the query, `Accept: {ACCEPT}`.",
        "Data: the project's graph; `aikg export --format nquads` loaded by `oxigraph load`, `aikg push` into Virtuoso.",
        "",
    ]


def table(servers: list[Server], counts: dict[str, int], measures: dict[tuple[str, str], Measure]) -> list[str]:
    lines = ["| query | rows | " + " | ".join(f"{s.name} {s.version}".strip() for s in servers) + " |",
             "|---|--:|" + "---|" * len(servers)]
    for name, rows in counts.items():
        cells = [measures[name, s.name].cell() for s in servers]
        lines.append(f"| {name} | {rows if rows >= 0 else '?'} | " + " | ".join(cells) + " |")
    return lines


def summary(servers: list[Server], counts: dict[str, int], measures: dict[tuple[str, str], Measure]) -> list[str]:
    """aikg's answers per second over each other server's, per query (the issue's 'half of Oxigraph' test)."""
    lines = []
    for other in servers[1:]:
        ratios = []
        for name in counts:
            ours, theirs = measures[name, servers[0].name], measures[name, other.name]
            if ours.answers and theirs.answers:
                ratios.append(f"{name} {(ours.answers / ours.seconds) / (theirs.answers / theirs.seconds):.2f}×")
        if ratios:
            lines.append(f"- {servers[0].name} ÷ {other.name}, requests/s: " + ", ".join(ratios))
    return lines


# --- the run ---------------------------------------------------------------------------------------

def start_servers(stack: contextlib.ExitStack, work: Path) -> list[Server]:
    dump = export_dump(work)
    servers = [start_aikg(stack), start_oxigraph(stack, work, dump), start_virtuoso(stack, work)]
    return [s for s in servers if s is not None]


def measure_all(servers: list[Server], texts: dict[str, str], args: argparse.Namespace, load, work: Path):
    measures = {}
    for name, text in texts.items():
        for server in servers:
            measures[name, server.name] = load(server.endpoint, text, args, work)
            print(f"{name} on {server.name}: {measures[name, server.name].cell()}", file=sys.stderr)
    return measures


def benchmark(args: argparse.Namespace) -> list[str]:
    texts = query_texts([name.strip() for name in args.queries.split(",") if name.strip()])
    load, client = choose_load(args)
    with tempfile.TemporaryDirectory(prefix="aikg-peers-") as folder, contextlib.ExitStack() as stack:
        work = Path(folder)
        servers = start_servers(stack, work)
        if args.no_check:
            counts = {name: -1 for name in texts}
        else:
            counts = check_same_rows(servers, texts, args.request_timeout)
        lines = header(args, servers, client)  # before the load, for the load average
        measures = measure_all(servers, texts, args, load, work)
    return [*lines, *table(servers, counts, measures), "", *summary(servers, counts, measures)]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default: 8)")
    parser.add_argument("--seconds", type=float, default=8.0, help="load per query per server (default: 8)")
    parser.add_argument("--queries", default=DEFAULT_QUERIES, help=f"comma-separated (default: {DEFAULT_QUERIES})")
    parser.add_argument("--request-timeout", type=float, default=60.0, help="give up on one request after this (default: 60 s)")
    parser.add_argument("--load-client", choices=["auto", "hey", "python"], default="auto",
                        help="auto: hey if installed, else serve_load.py's asyncio client")
    parser.add_argument("--no-check", action="store_true", help="measure without checking that the rows agree")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the Markdown to FILE")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.request_timeout <= 0:
        parser.error("--clients must be 1 or more, --seconds and --request-timeout more than 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        lines = benchmark(args)
    except Stop as reason:
        print(f"serve_peers: {reason}", file=sys.stderr)
        return 1
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
