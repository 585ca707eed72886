"""Search with the names a person types resolved first: what ``aikg search`` and ``aikg.find`` call.

The index (aikg.search) knows words; a class or a section given by name
("funding agency", "Regional strategies") is resolved as every name is
(aikg.resolve), which itself uses the index: this module sits above both.
"""

from __future__ import annotations

from collections.abc import Sequence

from aikg.errors import AikgError
from aikg.resolve import resolve_class, resolve_name
from aikg.results import format_rows
from aikg.search import MARK, SearchResult, search_index, words

__all__ = ["search", "format_search", "HEADERS"]


def search(store, text: str, *, types: Sequence[str] = (), sections: Sequence[str] = (), limit: int | None = 20) -> SearchResult:
    """Search the store (see SearchIndex.search).

    ``types`` are classes and ``sections`` sections of the report, each given by
    IRI, prefixed name or name ("funding agency", "Regional strategies"), resolved
    as every name is (aikg.resolve).
    """
    if text.strip() and not words(text):
        raise AikgError(f"{text!r} holds no word to search for (letters or digits)")
    classes = [resolve_class(store, t, f"--type {t!r}").value for t in types]
    parts = [resolve_name(store, s, f"--section {s!r}", "aikg:Section").value for s in sections]
    return search_index(store).search(text, classes=classes, sections=parts, limit=limit)


HEADERS = ["resource", "type", "label", "match", "snippet", "section"]


def format_search(result: SearchResult, fmt: str, text: str = "") -> str:
    """Hits as a table, CSV, TSV, Markdown (matches in bold) or one JSON document."""
    if fmt == "json":
        import json

        document = {"query": text, "corrections": result.corrections, "partial": result.partial,
                    "hits": [hit.as_dict() for hit in result.hits]}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    rows = [[h.prefixed, h.type, h.label, h.kind, h.snippet, h.section_label or ""] for h in result.hits]
    if fmt == "markdown":
        rows = [[*row[:4], row[4].replace(MARK[0], "**").replace(MARK[1], "**"), row[5]] for row in rows]
    return format_rows(HEADERS, rows, fmt)
