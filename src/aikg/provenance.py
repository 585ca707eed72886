"""Check that every quote in the data occurs in the text of the report it cites.

A report names its text file with ``aikg:sourceText``, relative to the folder of
the Turtle file that describes the report. Quotes are compared after collapsing
runs of whitespace, so line breaks of the text do not matter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Node
from rdflib.namespace import PROV

from aikg.vocab import AIKG

__all__ = ["QuoteProblem", "collapse_whitespace", "check_quotes"]


@dataclass(frozen=True)
class QuoteProblem:
    quotation: Node
    report: Node
    message: str


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


def check_quotes(graph: Graph, file_of: Callable[[Node], Path | None]) -> list[QuoteProblem]:
    """Quotes not found in their report's text, and reports whose text is missing.

    ``file_of`` maps a subject to the Turtle file it is described in.
    """
    texts: dict[Node, str | None] = {}
    problems: list[QuoteProblem] = []
    for report, source in graph.subject_objects(AIKG.sourceText):
        described_in = file_of(report)
        text_path = (described_in.parent if described_in else Path.cwd()) / str(source)
        try:
            texts[report] = collapse_whitespace(text_path.read_text(encoding="utf-8"))
        except OSError:
            texts[report] = None
            problems.append(QuoteProblem(report, report, f"the report's text file {text_path} cannot be read"))
    for quotation, report in graph.subject_objects(PROV.entity):
        text = texts.get(report)
        if text is None:
            continue
        for value in graph.objects(quotation, PROV.value):
            quote = collapse_whitespace(str(value)) if isinstance(value, Literal) else ""
            if quote not in text:
                problems.append(QuoteProblem(quotation, report, f"quote not found in the report's text: \"{_shorten(quote)}\""))
    return problems


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
