"""The query path in process: a named query's header, its parameters' lexical checks, its rows cut
at the cap (expectations from XSD 1.1 Part 2 and the report, by hand)."""

from __future__ import annotations
