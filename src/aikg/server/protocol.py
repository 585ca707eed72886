"""The SPARQL 1.1 Protocol's request forms, read strictly: a query, its dataset, or a 4xx saying why not.

Three ways to send a query (GET with ``query=``, POST of an URL-encoded form,
POST of ``application/sparql-query``), each UTF-8; the ``query`` parameter
exactly once; updates never. The dataset a query may name, by
``default-graph-uri``/``named-graph-uri`` or by ``FROM``/``FROM NAMED``, is
limited to the graphs of this dataset: nothing outside it is ever fetched.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.requests import Request

__all__ = ["ProtocolError", "QueryRequest", "read_query_request", "read_body", "parse_params", "check_dataset"]

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
UPDATES_REFUSED = "SPARQL updates are refused: this endpoint only reads the graph"


class ProtocolError(Exception):
    """A request the endpoint will not answer: the HTTP status and a message for the client."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, dict(headers or {})


@dataclass(frozen=True)
class QueryRequest:
    """What a protocol request asks: the query (None: none given) and the dataset named by parameters."""

    text: str | None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) past ``limit`` bytes, whatever Content-Length says."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, f"the request body is larger than the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProtocolError(413, f"the request body is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_params(raw: bytes, where: str) -> list[tuple[str, str]]:
    """Percent-decoded NAME=VALUE pairs; UTF-8 or refused, never guessed."""
    try:
        return parse_qsl(raw.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"the {where} is not UTF-8 text (percent-encoded UTF-8 expected)") from None


def _media_type(header: str) -> tuple[str, dict[str, str]]:
    kind, *params = [p.strip() for p in header.split(";")]
    parsed = {}
    for param in params:
        name, _, value = param.partition("=")
        parsed[name.strip().lower()] = value.strip().strip('"').lower()
    return kind.lower(), parsed


async def read_query_request(request: Request, limit: int) -> QueryRequest:
    """The query of a GET or POST request to the endpoint, by the protocol's rules."""
    query_string = request.scope.get("query_string", b"")
    if len(query_string) > limit:
        raise ProtocolError(414, f"the query string is longer than the limit of {limit} bytes; POST the query instead")
    url_params = parse_params(query_string, "query string")
    if request.method in ("GET", "HEAD"):
        return _from_params(url_params)
    header = request.headers.get("content-type")
    if not header:
        raise ProtocolError(415, f"a POST needs a Content-Type: {FORM} or {QUERY}")
    kind, options = _media_type(header)
    if options.get("charset", "utf-8") not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"charset={options['charset']} is not supported: send UTF-8")
    if kind == UPDATE:
        raise ProtocolError(403, UPDATES_REFUSED)
    if kind not in (FORM, QUERY):
        raise ProtocolError(415, f"Content-Type {kind} is not a SPARQL query; send {FORM} or {QUERY}")
    body = await read_body(request, limit)
    if kind == FORM:
        return _from_params(parse_params(body, "request body") + url_params)
    if any(name in ("query", "update") for name, _ in url_params):
        raise ProtocolError(400, "the query is in the body; do not also give a query or update parameter")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the query is not UTF-8 text (byte {error.start + 1} of the body)") from None
    return _with_dataset(text, url_params)


def _from_params(params: list[tuple[str, str]]) -> QueryRequest:
    names = [name for name, _ in params]
    if "update" in names:
        raise ProtocolError(403, UPDATES_REFUSED)
    count = names.count("query")
    if count > 1:
        raise ProtocolError(400, f"the query parameter is given {count} times; give it once")
    text = next((value for name, value in params if name == "query"), None)
    return _with_dataset(text, params)


def _with_dataset(text: str | None, params: list[tuple[str, str]]) -> QueryRequest:
    return QueryRequest(text, [v for n, v in params if n == "default-graph-uri"],
                        [v for n, v in params if n == "named-graph-uri"])


def check_dataset(request: QueryRequest, graphs: Collection[str]) -> None:
    """Refuse default-graph-uri / named-graph-uri values that are not graphs of this dataset."""
    for name, values in (("default-graph-uri", request.default_graphs), ("named-graph-uri", request.named_graphs)):
        for value in values:
            if value not in graphs:
                raise ProtocolError(400, f"{name}={value!r} is not a graph of this dataset "
                                         "(the service description at GET /sparql lists them)")
