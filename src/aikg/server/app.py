"""The web application: SPARQL endpoint, named queries, linked-data pages, editor.

Starlette routes, each a module-level handler and short: read the request,
refuse what is not allowed, hand the work to a worker of the pool
(aikg.server.pool), write the answer. Nothing here reads or evaluates a query
on the event loop: the workers parse, refuse and answer (aikg.server.jobs).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from importlib.resources import files

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from aikg.query import NamedQuery
from aikg.server import pages
from aikg.server.cached_pages import Page, send_page
from aikg.server.formats import EXTENSIONS, GRAPH_TYPES, RESULT_TYPES, negotiate
from aikg.server.jobs import NamedJob, PageJob, SparqlJob
from aikg.server.pages import CODE_BASE, DATASET_IRI, ID_BASE
from aikg.server.pool import Failure, PoolBusy, TimeLimit, WorkerLost, WorkerPool
from aikg.server.protocol import ProtocolError, check_dataset, parse_params, read_query_request
from aikg.terminal import escape_controls

__all__ = ["Settings", "Dataset", "create_app", "RequestLog"]

logger = logging.getLogger("aikg.server")

MIB = 1024 * 1024
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Settings:
    """What the operator chose on the command line."""

    data: list[str] | None = None
    timeout: float | None = 10.0  # None: no limit
    max_rows: int = 10_000
    max_request_bytes: int = MIB
    workers: int = 4
    memory: int | None = 4 * 1024 * MIB
    # Host headers answered (DNS rebinding: a page of evil.example resolved to 127.0.0.1 sends Host: evil.example).
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Dataset:
    """What the server knows of the graph without asking a worker: read once at start-up."""

    graphs: frozenset[str]
    prefixes: dict[str, str]
    triples: int
    queries: dict[str, NamedQuery] = field(default_factory=dict)


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


async def work(request: Request, job: object) -> object:
    """The job's answer from a worker, or a Failure saying why there is none."""
    state = _state(request)
    settings = state.settings
    try:
        answer = await state.pool.run(job, settings.timeout, open_ended=isinstance(job, SparqlJob))
    except TimeLimit:
        return Failure(503, f"the query ran longer than the time limit of {settings.timeout:g} s and was stopped "
                            "(the server's --timeout)")
    except PoolBusy as busy:
        return Failure(503, f"the server is busy: {busy}; try again shortly")
    except WorkerLost:
        return Failure(503, "the query ran out of memory and was stopped")
    except asyncio.CancelledError:  # the server is shutting down (Ctrl-C) and stops what still runs
        return Failure(503, "the server is stopping; the query was stopped")
    return answer


def prebuilt(request: Request, name: str, media_type: str = "text/html") -> Response:
    """A page made when the server started (see _State.prebuild)."""
    return send_page(request, _state(request).prebuilt[name, media_type])


def respond(request: Request, answer: object) -> Response:
    if isinstance(answer, Failure):
        return error(answer.status, answer.message)
    settings = _state(request).settings
    headers = {"AIKG-Row-Limit": str(settings.max_rows), "Vary": "Accept"}
    if answer.truncated:
        headers["AIKG-Truncated"] = f"true; the answer was cut at {settings.max_rows} rows (the server's --max-rows)"
    return Response(answer.body, media_type=answer.content_type, headers=headers)


def html(page: str, status: int = 200) -> Response:
    """A page chosen by content negotiation: caches must keep it apart from the data."""
    return HTMLResponse(page, status_code=status, headers={"Vary": "Accept"})


def wants_html(request: Request, offered: list[str]) -> bool:
    """Whether the client prefers HTML to every other offer (a tie, as with */*, goes to the data)."""
    return negotiate(request.headers.get("accept"), [*offered, "text/html"], aliases=False) == "text/html"


# ---------------------------------------------------------------- SPARQL protocol


async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol: a query by GET, form POST or direct POST; without one, the service description."""
    settings, dataset = _state(request).settings, _state(request).dataset
    if request.method not in ("GET", "HEAD", "POST"):
        return error(405, f"{request.method} is not allowed here: query with GET or POST", {"Allow": "GET, POST"})
    try:
        asked = await read_query_request(request, settings.max_request_bytes)
        if asked.text is None and request.method == "POST":
            raise ProtocolError(400, "the request gives no query: send query=... or a query body")
        if asked.text is None:
            if wants_html(request, list(GRAPH_TYPES)):
                return prebuilt(request, "editor")
            return _service_description(request)
        check_dataset(asked, dataset.graphs)
    except ProtocolError as refused:
        return error(refused.status, refused.message, refused.headers)
    job = SparqlJob(asked.text, request.headers.get("accept"), settings.max_rows,
                    tuple(asked.default_graphs), tuple(asked.named_graphs))
    return respond(request, await work(request, job))


def _service_description(request: Request) -> Response:
    dataset = _state(request).dataset
    media_type = negotiate(request.headers.get("accept"), list(GRAPH_TYPES))
    if media_type is None:
        return error(406, f"the service description is RDF: {', '.join(GRAPH_TYPES)}")
    endpoint = str(request.url.replace(query="", fragment=""))
    body = pages.service_description(endpoint, dataset, list(RESULT_TYPES), list(GRAPH_TYPES), media_type)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


# ---------------------------------------------------------------- named queries


async def query_list(request: Request) -> Response:
    dataset = _state(request).dataset
    listing = [pages.query_entry(q) for q in dataset.queries.values()]
    if wants_html(request, ["application/json"]):
        return prebuilt(request, "queries")
    return JSONResponse(listing)


async def named_query(request: Request) -> Response:
    settings, dataset = _state(request).settings, _state(request).dataset
    name, media_type = _split_extension(request.path_params["name"])
    query = dataset.queries.get(name)
    if query is None:
        return error(404, f"no named query '{name}'; GET /queries lists them")
    try:
        params = parse_params(request.scope.get("query_string", b""), "query string")
    except ProtocolError as refused:
        return error(refused.status, refused.message)
    names = [n for n, _ in params]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        return error(400, f"parameter {', '.join(twice)} is given more than once; give each once")
    as_page = media_type is None and wants_html(request, [*RESULT_TYPES, *GRAPH_TYPES])
    job = NamedJob(name, request.headers.get("accept"), settings.max_rows, dict(params), media_type, as_page)
    return respond(request, await work(request, job))


# ---------------------------------------------------------------- linked data


async def resource(request: Request) -> Response:
    base = ID_BASE if request.url.path.startswith("/id/") else CODE_BASE
    path = request.path_params["path"]
    iri, media_type = base + path, None
    if iri == DATASET_IRI:
        return RedirectResponse("/.well-known/void", status_code=303)
    stem, extension = _split_extension(path)
    if extension is not None:
        iri, media_type = base + stem, extension
        if media_type not in GRAPH_TYPES:
            return error(404, f"no page /{path}: a resource is served as .ttl, .jsonld, .nt or .rdf")
    elif not wants_html(request, list(GRAPH_TYPES)):
        media_type = negotiate(request.headers.get("accept"), list(GRAPH_TYPES))
        if media_type is None:
            return error(406, f"a resource is served as HTML or {', '.join(GRAPH_TYPES)}")
    if media_type is None:
        facts = await work(request, PageJob("resource", (iri,)))
        if isinstance(facts, Failure):
            return error(facts.status, facts.message)
        if facts is None:
            return html(pages.not_found(iri), 404)
        return send_page(request, Page.of(pages.resource(facts), HTML))
    answer = await work(request, PageJob("resource_rdf", (iri, media_type)))
    if answer is None:
        return error(404, f"<{iri}> is not in the graph; search for it with GET /queries or the editor at /")
    if isinstance(answer, Failure) or answer.truncated:
        return respond(request, answer)
    return send_page(request, Page.of(answer.body, answer.media_type))


async def ontology(request: Request) -> Response:
    if not wants_html(request, list(GRAPH_TYPES)):
        media_type = negotiate(request.headers.get("accept"), list(GRAPH_TYPES))
        if media_type is None:
            return error(406, f"the ontology is served as HTML or {', '.join(GRAPH_TYPES)}")
        return prebuilt(request, "ontology", media_type)
    return prebuilt(request, "ontology")


async def void(request: Request) -> Response:
    media_type = negotiate(request.headers.get("accept"), list(GRAPH_TYPES))
    if media_type is None and wants_html(request, []):
        media_type = "text/turtle"  # a browser shows Turtle as text; there is no HTML of it
    if media_type is None:
        return error(406, f"the dataset description is served as {', '.join(GRAPH_TYPES)}")
    return prebuilt(request, "void", media_type)


async def network(request: Request) -> Response:
    return prebuilt(request, "network")


async def report(request: Request) -> Response:
    """The report of a country folder annotated by the graph (aikg.annotations), made at start-up."""
    code = request.path_params["code"].removesuffix(".html")  # the offline pages' links name the file (be.html)
    page = _state(request).prebuilt.get((f"report/{code}", "text/html"))
    if page is None:
        return error(404, f"no report '{code}' with a text in the graph; a report's page is /report/CODE, "
                          "CODE its folder under data/ (be)")
    return send_page(request, page)


async def editor(request: Request) -> Response:
    return prebuilt(request, "editor")


async def prefixes(request: Request) -> Response:
    """The project's prefixes in prefix.cc's format, for the editor's prefix completion (offline)."""
    return JSONResponse(_state(request).dataset.prefixes)


ROUTES = [
    Route("/", editor),
    Route("/sparql", sparql, methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]),
    Route("/queries", query_list),
    Route("/queries/{name}", named_query),
    Route("/id/{path:path}", resource),
    Route("/code/{path:path}", resource),
    Route("/ontology", ontology),
    Route("/.well-known/void", void),
    Route("/network", network),
    Route("/report/{code}", report),
    Route("/prefixes.json", prefixes),
    Route("/favicon.ico", lambda request: Response(status_code=204)),
    Route("/editor", lambda request: RedirectResponse("/")),
    Mount("/static", StaticFiles(directory=str(files("aikg") / "static")), name="static"),
]


class _State:
    """What every handler reads: the operator's settings, the dataset, the worker pool, and the pages
    that depend on nothing but the data, by name and media type (made at start-up)."""

    def __init__(self, settings: Settings, dataset: Dataset, pool: WorkerPool):
        self.settings, self.dataset, self.pool = settings, dataset, pool
        self.prebuilt: dict[tuple[str, str], Page] = {}

    async def prebuild(self) -> None:
        """Every page that depends on nothing but the data, made and compressed before the server
        answers anyone: no visitor waits for one, the first included. The workers make them side by side,
        the longest first, the reports' pages shared among them (on a hundred reports, seconds each)."""
        queries = [pages.query_entry(q) for q in self.dataset.queries.values()]
        codes = await self._made(PageJob("report_codes"))
        shares = [tuple(codes[i::self.pool.size]) for i in range(min(self.pool.size, len(codes)))]
        network, void, ontology, ontology_rdf, *reports = await asyncio.gather(
            self._made(PageJob("network")), self._made(PageJob("void", (tuple(GRAPH_TYPES),))),
            self._made(PageJob("ontology")), self._made(PageJob("ontology_rdf", (tuple(GRAPH_TYPES),))),
            *(self._made(PageJob("reports", (share,))) for share in shares))
        made = {"network": network.body, "ontology": pages.ontology(ontology), "editor": pages.editor(self.dataset),
                "queries": pages.query_list(queries)}
        made |= {f"report/{code}": answer.body for share in reports for code, answer in share.items()}
        self.prebuilt = {(name, "text/html"): Page.of(made[name], HTML, kept=True) for name in made}
        for media_type in GRAPH_TYPES:
            for name, answer in (("ontology", ontology_rdf[media_type]), ("void", void[media_type])):
                self.prebuilt[name, media_type] = Page.of(answer.body, answer.media_type, kept=True)
        logger.info("pages made: %s", ", ".join(f"/{name} ({len(page.body) // 1024} KB)"
                                                 for (name, media_type), page in self.prebuilt.items() if media_type == "text/html"))

    async def _made(self, job: PageJob):
        answer = await self.pool.run(job, None)
        if isinstance(answer, Failure):
            raise RuntimeError(f"the server cannot start: the {job.kind} page could not be made: {answer.message}")
        return answer


def _state(request: Request) -> _State:
    return request.app.state.aikg


def create_app(settings: Settings, dataset: Dataset, pool: WorkerPool) -> Starlette:
    """The Starlette application; ``pool`` is started with the app and closed with it."""

    @contextlib.asynccontextmanager
    async def lifespan(app):
        pool.attach()
        await app.state.aikg.prebuild()
        logger.info("ready: %d workers, time limit %g s, row limit %d", pool.size, settings.timeout, settings.max_rows)
        try:
            yield
        finally:
            pool.close()

    # CORS: like public SPARQL endpoints (Wikidata's, DBpedia's), any page may read the answers; there is
    # nothing to write, and no cookie or credential is ever sent or honoured.
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
                  Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST"],
                             allow_headers=["Accept", "Content-Type"], allow_credentials=False),
                  Middleware(GZipMiddleware, minimum_size=1024)]
    app = Starlette(routes=ROUTES, lifespan=lifespan, middleware=middleware)
    app.state.aikg = _State(settings, dataset, pool)
    return app


def _split_extension(path: str) -> tuple[str, str | None]:
    """('funding-by-funder', 'text/csv') for 'funding-by-funder.csv'; the media type None without one."""
    for extension, media_type in EXTENSIONS.items():
        if path.endswith(extension):
            return path[: -len(extension)], media_type
    return path, None


class RequestLog:
    """ASGI middleware: one log line per request (method, path, status, bytes, milliseconds)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status, size = time.perf_counter(), 0, 0

        async def record(message):
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope["path"] + (f"?{query[:200]}{'…' if len(query) > 200 else ''}" if query else "")
            target = escape_controls(target)  # one line per request, whatever the URL holds (%0a, %1b)
            client = scope.get("client") or ("-", 0)
            logger.info("%s %s %s %d %d B %.0f ms", client[0], scope["method"], target, status, size,
                        (time.perf_counter() - started) * 1000)
