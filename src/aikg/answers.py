"""Answers of queries as the bytes to print, and kept with the data they came from: the same query
on unchanged data is answered at once.

An answer is stored in the cache entry of the data's content (see ``aikg.cache``),
under a hash of everything else that shapes it: the query's text, its parameters,
the output format and the row limit. A change to any data file, or to aikg,
makes a new entry, so a kept answer is never served for other data. Like the
Wikidata Query Service's result cache, it serves repeated questions (a script,
a report rebuilt, a page reloaded) without parsing or querying again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Mapping

from aikg.cache import Entry
from aikg.cachedir import keep_newest

__all__ = ["compute", "answer_part", "recall", "keep", "repeatable"]

PREFIX = "answer-"
KEEP = 64  # answers kept per entry; the least recently used beyond this are removed
MAX_BYTES = 64 * 2**20  # a larger answer is cheaper to compute again than to keep


def compute(store, query, params: Mapping[str, str], fmt: str, max_rows: int | None) -> bytes:
    """The query's answer on the store, formatted (in the foreground's worker or a warm process's)."""
    from aikg.query import run_query
    from aikg.results import format_result

    return format_result(run_query(store, query, params, max_rows=max_rows), fmt, store.prefixes).encode("utf-8")


# Functions whose value changes from one run to the next: a query using one is never answered from the cache.
_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def repeatable(text: str) -> bool:
    """Whether the query gives the same answer every time it runs on the same data."""
    return _VOLATILE.search(text) is None


def answer_part(text: str, params: Mapping[str, str], fmt: str, max_rows: int | None) -> str:
    """The name of the entry's file that holds this answer."""
    shape = json.dumps([text, sorted(params.items()), fmt, max_rows], ensure_ascii=False)
    return PREFIX + hashlib.sha256(shape.encode("utf-8")).hexdigest()[:32]


def recall(entry: Entry | None, part: str) -> bytes | None:
    """The kept answer, or None."""
    if entry is None:
        return None
    answer = entry.read_bytes(part)
    if answer is not None:
        with contextlib.suppress(OSError):
            (entry.path / part).touch()  # recently used: kept longest
    return answer


def keep(entry: Entry | None, part: str, answer: bytes) -> None:
    """Keep an answer (within the size bound) and forget the oldest beyond KEEP."""
    if entry is None or len(answer) > MAX_BYTES:
        return
    entry.write_bytes(part, answer)
    keep_newest(entry.path, KEEP, PREFIX)
