"""Pages that cost nothing to serve: made once, sent with a validator, compressed by the middleware.

The graph does not change while a server runs, so a page that depends on nothing but the
data (the network, the ontology) is made when the server starts, compressed once, and every
page carries an ``ETag`` from its bytes: a client or proxy that has it asks again with
``If-None-Match`` and gets an empty 304. The tags are weak (``W/"..."``): the page is sent
plain or gzipped, other bytes for the same page, which a strong tag would forbid (RFC 9110,
8.8.1). A page made for one request is left to the gzip middleware.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["Page", "CACHE_CONTROL", "send_page"]

GZIP_FROM = 1024  # bytes: smaller pages gain nothing from compression (the gzip middleware's default too)

# Revalidate after a minute: a restarted server may hold other data, and the ETag tells if it does.
CACHE_CONTROL = "public, max-age=60"


@dataclass(frozen=True)
class Page:
    """A page's bytes, media type and validator; ``gzipped``: the bytes compressed, for a page that is kept."""

    body: bytes
    media_type: str
    etag: str
    gzipped: bytes | None = None

    @classmethod
    def of(cls, body: bytes | str, media_type: str, *, kept: bool = False) -> Page:
        data = body.encode("utf-8") if isinstance(body, str) else body
        zipped = gzip.compress(data, mtime=0) if kept and len(data) >= GZIP_FROM else None
        return cls(data, media_type, f'W/"{hashlib.blake2b(data, digest_size=12).hexdigest()}"', zipped)


def send_page(request: Request, page: Page, status: int = 200) -> Response:
    """The page, or 304 Not Modified when the client already holds these bytes."""
    # A 304 names the same Vary as the 200 it stands for (RFC 9110, 15.4.5).
    vary = "Accept, Accept-Encoding" if page.gzipped is not None else "Accept"
    headers = {"ETag": page.etag, "Cache-Control": CACHE_CONTROL, "Vary": vary}
    if status == 200 and _holds(request.headers.get("if-none-match"), page.etag):
        return Response(status_code=304, headers=headers)
    if page.gzipped is not None:
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(page.gzipped, status_code=status, media_type=page.media_type,
                            headers={**headers, "Content-Encoding": "gzip"})
    return Response(page.body, status_code=status, media_type=page.media_type, headers=headers)


def _holds(if_none_match: str | None, etag: str) -> bool:
    """Whether If-None-Match names this tag (compared weakly, as RFC 9110 13.1.2 asks) or is ``*``."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags
