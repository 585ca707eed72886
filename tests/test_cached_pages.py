"""The kept pages' validators and compression, in process (mutmut sees this module only here).

Expectations from the RFCs, by hand: RFC 9110 8.8.1 (a weak tag is ``W/"..."``), 13.1.2
(If-None-Match: a list of tags or ``*``, compared weakly; only for a page that would be sent),
15.4.5 (a 304 has no content and carries the ETag and Cache-Control the 200 would); RFC 1952
2.3.1 (a gzip member starts 1f 8b 08, then four bytes of MTIME, zero for no time stamp).
"""

from __future__ import annotations

import gzip
import re

from starlette.requests import Request

from aikg.server.cached_pages import CACHE_CONTROL, GZIP_FROM, Page, send_page

WEAK_TAG = re.compile(r'W/"[0-9a-f]{24}"')  # a blake2b digest of 12 bytes, in hex
BIG = "Innoviris funds nineteen collaborative projects. " * 40  # 1,960 bytes: over the gzip threshold


def request(**headers: str) -> Request:
    raw = [(name.replace("_", "-").encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
    return Request({"type": "http", "method": "GET", "path": "/network", "query_string": b"", "headers": raw})


def test_a_page_is_its_text_in_utf8_with_a_weak_tag_from_its_bytes() -> None:
    page = Page.of("Région wallonne", "text/html")
    assert page.body == b"R\xc3\xa9gion wallonne"
    assert page.media_type == "text/html"
    assert WEAK_TAG.fullmatch(page.etag)
    assert Page.of(b"R\xc3\xa9gion wallonne", "text/html").etag == page.etag  # the same bytes, the same tag
    assert Page.of("Région flamande", "text/html").etag != page.etag


def test_only_a_kept_page_of_at_least_1024_bytes_is_compressed_once() -> None:
    assert GZIP_FROM == 1024
    assert Page.of("a" * 1023, "text/plain", kept=True).gzipped is None
    assert Page.of("a" * 1024, "text/plain", kept=True).gzipped is not None
    assert Page.of(BIG, "text/html").gzipped is None  # made for one request: left to the middleware
    kept = Page.of(BIG, "text/html", kept=True)
    assert gzip.decompress(kept.gzipped) == BIG.encode("utf-8")
    assert kept.gzipped[:3] == b"\x1f\x8b\x08"
    assert kept.gzipped[4:8] == b"\0\0\0\0"  # no time stamp: the same page, the same bytes, whenever it is made


def test_a_page_is_sent_with_its_tag_and_how_long_to_keep_it() -> None:
    page = Page.of("<p>Team Up</p>", "text/html")
    response = send_page(request(), page)
    assert response.status_code == 200
    assert response.body == b"<p>Team Up</p>"
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["etag"] == page.etag
    assert response.headers["cache-control"] == CACHE_CONTROL == "public, max-age=60"
    assert response.headers["vary"] == "Accept"
    assert "content-encoding" not in response.headers


def test_a_client_holding_the_page_gets_an_empty_304() -> None:
    page = Page.of("<p>Team Up</p>", "text/html")
    strong = page.etag.removeprefix("W/")
    # a list with or without spaces after its commas (RFC 9110 5.6.1: OWS)
    for held in (page.etag, strong, "*", f'"other", {page.etag}', f'W/"other" ,  {strong} ', f'"other",{page.etag}'):
        response = send_page(request(if_none_match=held), page)
        assert response.status_code == 304, held
        assert response.body == b""
        assert response.headers["etag"] == page.etag
        assert response.headers["cache-control"] == "public, max-age=60"


def test_another_tag_or_none_gets_the_page() -> None:
    page = Page.of("<p>Team Up</p>", "text/html")
    other = Page.of("<p>Tremplin AI</p>", "text/html")
    for held in (other.etag, "", " ", 'W/"', page.etag.removeprefix('W/"')):
        response = send_page(request(if_none_match=held), page)
        assert response.status_code == 200, held
        assert response.body == b"<p>Team Up</p>"


def test_a_page_sent_with_another_status_ignores_if_none_match() -> None:
    page = Page.of("<p>not found</p>", "text/html")
    response = send_page(request(if_none_match=page.etag), page, 404)
    assert response.status_code == 404
    assert response.body == b"<p>not found</p>"
    assert response.headers["etag"] == page.etag


def test_a_kept_page_is_sent_gzipped_to_a_client_that_accepts_it() -> None:
    page = Page.of(BIG, "text/html", kept=True)
    response = send_page(request(accept_encoding="br, gzip;q=0.8"), page)
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["content-type"].startswith("text/html")
    assert gzip.decompress(response.body) == BIG.encode("utf-8")
    assert response.headers["vary"] == "Accept, Accept-Encoding"
    assert response.headers["etag"] == page.etag  # weak: the same tag for the plain and the gzipped bytes


def test_a_kept_page_is_sent_plain_to_a_client_that_does_not_accept_gzip() -> None:
    page = Page.of(BIG, "text/html", kept=True)
    for headers in ({}, {"accept_encoding": "br"}):
        response = send_page(request(**headers), page)
        assert response.body == BIG.encode("utf-8")
        assert "content-encoding" not in response.headers
        assert response.headers["vary"] == "Accept, Accept-Encoding"  # another client may get gzip


def test_a_kept_page_keeps_its_status_when_gzipped() -> None:
    page = Page.of(BIG, "text/html", kept=True)
    response = send_page(request(accept_encoding="gzip"), page, 404)
    assert response.status_code == 404
    assert response.headers["content-encoding"] == "gzip"


def test_a_304_varies_as_the_page_it_stands_for() -> None:
    """RFC 9110 15.4.5: a 304 carries the Vary the 200 would; a kept, gzipped page varies on Accept-Encoding too."""
    page = Page.of("<p>Team Up</p>" * 200, "text/html", kept=True)
    full = send_page(request(), page)
    held = send_page(request(if_none_match=page.etag), page)
    assert held.status_code == 304 and held.headers["vary"] == full.headers["vary"] == "Accept, Accept-Encoding"
