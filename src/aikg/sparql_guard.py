"""Refuse, before any engine sees it, SPARQL that would write or reach outside the graph.

Oxigraph would run ``SERVICE`` over HTTP from Rust, where Python's audit hooks
cannot see it, so the check is made on the text: comments, strings and IRIs are
blanked out (after the codepoint escapes that SPARQL decodes before parsing),
and the keywords that remain are looked at. A keyword inside a string, an IRI,
a comment or a variable name is never mistaken for one.
"""

from __future__ import annotations

import re

__all__ = ["GuardError", "check_query", "strip_query"]

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_BLANKABLE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # IRIs
    r"|#[^\n\r]*",  # comments
    re.S,
)
# A keyword is a run of letters not inside a variable (?x, $x) or a prefixed name (ex:x).
# A word after "." or "-" (as in ex:a.service) counts: refusing a rare local name is safe.
_WORD = re.compile(r"(?<![\w?$:])([A-Za-z]+)(?![\w:])")


class GuardError(ValueError):
    """A query that aikg refuses to run; the message says why."""


def strip_query(text: str) -> str:
    """The query with codepoint escapes decoded and strings, IRIs and comments blanked."""
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    return _BLANKABLE.sub(lambda m: " " * len(m.group(0)), decoded)


def check_query(text: str, *, allow_dataset: bool = False) -> None:
    """Raise GuardError for an update, LOAD, SERVICE or (unless allowed) FROM."""
    stripped = strip_query(text)
    if not stripped.strip():
        raise GuardError("the query is empty")
    words = [m.group(1).upper() for m in _WORD.finditer(stripped)]
    body = _skip_prologue(words)
    if body and body[0] in UPDATE_KEYWORDS:
        raise GuardError("SPARQL updates are refused: aikg only reads the graph")
    if "SERVICE" in words:
        raise GuardError("SERVICE is refused: queries run offline, on the local graph only")
    if "LOAD" in words:
        raise GuardError("LOAD is refused: aikg only reads the graph")
    if "FROM" in words and not allow_dataset:
        raise GuardError("FROM / FROM NAMED are refused: queries run on the local graph only")


def _skip_prologue(words: list[str]) -> list[str]:
    """The keywords after BASE and PREFIX declarations (whose IRIs are already blanked)."""
    index = 0
    while index < len(words) and words[index] in ("BASE", "PREFIX"):
        index += 1  # prefix names end in ":" and IRIs are blanked, so neither is a word
    return words[index:]
