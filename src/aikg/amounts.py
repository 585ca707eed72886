"""An amount of money must be a figure its quote states: "EUR 4 million" is 4000000, never 4.

Each figure of a quote written with a currency (€, EUR, euros; "6MEur") is read with
its scale (thousand, million, billion, M, k): "€12 millions" is 12000000. A funding
relation's amount must equal a figure stated by one of its quotes. Where it is our
reading instead (a sum, a share, a conversion), an aikg:EditorialStatement on the
relation's ``schema:amount`` says why, and the amount is not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, Node
from rdflib.namespace import PROV, RDF, RDFS

from aikg.vocab import AIKG, SCHEMA

__all__ = ["AmountProblem", "money_figures", "amount_problems"]

_SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6, "mln": 10**6, "m": 10**6,
           "billion": 10**9, "billions": 10**9, "bn": 10**9}
_FIGURE = re.compile(
    r"(?P<before>€|\bEUR\b|\bEuros?\b)?\s?"
    r"(?P<number>\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<scale>thousand|millions?|billions?|mln|bn|M|k)(?!(?!eur)[a-z]))?"
    r"(?:\s?(?P<after>€|EUR\b|Eur\b|eur\b|euros?\b))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AmountProblem:
    """An amount (the ``schema:value`` of ``amount``) that no quote of ``relation`` states."""

    relation: Node
    amount: Node
    value: Literal
    message: str


def money_figures(quote: str) -> list[Decimal]:
    """The amounts of money a quote states, in full units: "EUR 12 millions" gives 12000000."""
    figures = []
    for match in _FIGURE.finditer(quote):
        if not (match["before"] or match["after"]):
            continue
        number = _number(match["number"])
        scale = _SCALES[match["scale"].lower()] if match["scale"] else 1
        if number is not None:
            figures.append(number * scale)
    return figures


def _number(text: str) -> Decimal | None:
    """Digits with thousands separators (a comma, point or space before three digits) and a decimal part."""
    head, separator, tail = text, "", ""
    last = max(text.rfind(","), text.rfind("."))
    if last >= 0 and len(text) - last - 1 != 3:
        head, separator, tail = text[:last], ".", text[last + 1:]
    digits = re.sub(r"[,.\u00a0\u202f ]", "", head) + separator + tail
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def amount_problems(graph: Graph) -> list[AmountProblem]:
    """Each amount of a funding relation that none of its quotes states, unless an editorial note says why."""
    problems = []
    for relation, amount in graph.subject_objects(SCHEMA.amount):
        quotes = [str(quote) for quotation in graph.objects(relation, PROV.qualifiedQuotation)
                  for quote in graph.objects(quotation, PROV.value)]
        if not quotes or _explained(graph, relation):
            continue  # a relation without a quote is the shapes' problem
        stated = [figure for quote in quotes for figure in money_figures(quote)]
        for value in graph.objects(amount, SCHEMA.value):
            try:
                wanted = Decimal(str(value))
            except InvalidOperation:
                continue  # not a number: the literal's own check says so
            if wanted in stated:
                continue
            said = (f"its quote states {', '.join(_euros(f) for f in dict.fromkeys(stated))}" if stated
                    else "no quote of it states an amount of money (a number with €, EUR or euros)")
            problems.append(AmountProblem(relation, amount, value, (
                f"the amount {_euros(wanted)} is not a figure of its quote: {said}; write the amount in full "
                "euros as the quote gives it, or say why it differs in an aikg:EditorialStatement on schema:amount")))
    return problems


def _explained(graph: Graph, relation: Node) -> bool:
    """Whether an editorial statement about the relation's amount says why the amount is ours."""
    return any((statement, RDF.type, AIKG.EditorialStatement) in graph and (statement, RDF.predicate, SCHEMA.amount) in graph
               and graph.value(statement, RDFS.comment) is not None
               for statement in graph.subjects(RDF.subject, relation))


def _euros(value: Decimal) -> str:
    return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,}"
