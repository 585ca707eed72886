"""Money as the report states it: an amount with how exact it is, the period it covers
and its status, never a bare number.

Two rules keep sums honest. Amounts of different periods (a year, in total) or statuses
(spent, budgeted, recommended, ...) are never added together. And money given to a part
of a plan (``part of`` edges, followed upwards) is not added to money the same funder
gives the plan itself for the same period and status: it is already inside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

__all__ = ["Money", "FUNDING_RELATIONS", "PART_OF", "euros", "money_of", "add_up", "describe_all", "wholes", "MoneyFlows", "money_flows"]

FUNDING_RELATIONS = frozenset({"funds", "co-funds"})
PART_OF = "part of"
PERIOD_WORDS = {"per-year": "a year", "total": "in total", "one-off": "once"}
PERIOD_ORDER = ("per-year", "total", "one-off")
STATUS_ORDER = ("spent", "completed", "ongoing", "budgeted", "planned", "in preparation", "in-preparation", "recommended")
# Qualifiers that may be added up, and what their sum is called: lower bounds add to a
# lower bound, upper bounds to an upper bound, rough figures to a rough figure. Mixed
# families are not added but listed one by one.
FAMILIES = (
    ({"exactly"}, "exactly"),
    ({"exactly", "at least"}, "at least"),
    ({"exactly", "at least", "more than"}, "more than"),
    ({"exactly", "at most"}, "at most"),
    ({"exactly", "about"}, "about"),
)


@dataclass(frozen=True)
class Money:
    """An amount in euros as the report gives it. ``year`` replaces the period's words when known."""

    amount: float
    qualifier: str = "exactly"
    period: str = ""
    status: str = ""
    year: str = ""

    @property
    def kind(self) -> tuple[str, str, str]:
        """What must match for two amounts to be added: period, year and status."""
        return (self.period, self.year, self.status)

    @property
    def when(self) -> str:
        """The period in words: "a year", "in total", "in 2019"."""
        return f"in {self.year}" if self.year else PERIOD_WORDS.get(self.period, self.period.replace("-", " "))

    def describe(self) -> str:
        """E.g. "more than €6M a year, spent"."""
        words = [] if self.qualifier in ("", "exactly") else [self.qualifier]
        words.append(euros(self.amount))
        if self.when:
            words.append(self.when)
        text = " ".join(words)
        return f"{text}, {self.status.replace('-', ' ')}" if self.status else text


def euros(amount: float) -> str:
    """A short amount that stays exact: €6M, €12.5M, €1bn, €250,000."""
    for size, unit in ((1e9, "bn"), (1e6, "M")):
        if amount >= size and round(amount / size, 3) * size == amount:
            return f"€{amount / size:g}{unit}"
    return f"€{amount:,.0f}" if amount == int(amount) else f"€{amount:,.2f}"


def money_of(data: Mapping[str, object]) -> Money | None:
    """The money of a funding edge, or None when the report gives no amount."""
    if data.get("relation") not in FUNDING_RELATIONS or data.get("amount") is None:
        return None
    return Money(
        float(data["amount"]),  # type: ignore[arg-type]
        str(data.get("qualifier") or "exactly"),
        str(data.get("period") or ""),
        str(data.get("status") or ""),
        str(data.get("year") or ""),
    )


def add_up(amounts: Iterable[Money]) -> list[Money]:
    """Sums per period, year and status, in a stable order; amounts whose qualifiers
    cannot be added (a lower and an upper bound) stay apart."""
    by_kind: dict[tuple[str, str, str], list[Money]] = defaultdict(list)
    for money in amounts:
        by_kind[money.kind].append(money)
    sums = []
    for (period, year, status), items in by_kind.items():
        qualifiers = {m.qualifier for m in items}
        family = next((name for members, name in FAMILIES if qualifiers <= members), None)
        if family is None:
            sums.extend(items)
        else:
            sums.append(Money(sum(m.amount for m in items), family, period, status, year))
    return sorted(sums, key=_order)


def _order(money: Money) -> tuple:
    period = PERIOD_ORDER.index(money.period) if money.period in PERIOD_ORDER else len(PERIOD_ORDER)
    status = STATUS_ORDER.index(money.status) if money.status in STATUS_ORDER else len(STATUS_ORDER)
    return (period, money.year, status, -money.amount, money.qualifier)


def describe_all(amounts: Iterable[Money]) -> str:
    """Several amounts in one line, e.g. "€20M in total, budgeted; more than €6M a year, spent"."""
    return "; ".join(m.describe() for m in amounts)


def wholes(network: nx.MultiDiGraph) -> dict[str, set[str]]:
    """For each node, everything it is part of, directly or through other parts."""
    part_of = nx.DiGraph((u, v) for u, v, relation in network.edges(data="relation") if relation == PART_OF)
    return {node: nx.descendants(part_of, node) for node in part_of}


@dataclass(frozen=True)
class MoneyFlows:
    """Per node, the money it gives and receives; per funding edge, the edge whose money
    already holds it (the same funder's money for the whole it is part of), if any."""

    gives: dict[str, list[Money]]
    receives: dict[str, list[Money]]
    within: dict[tuple[str, str, object], tuple[str, str, object]]


def money_flows(network: nx.MultiDiGraph) -> MoneyFlows:
    """The money of every node, counted once: see the module's rules."""
    above = wholes(network)
    stated = [(u, v, key, money) for u, v, key, data in network.edges(keys=True, data=True) if (money := money_of(data))]
    by_funder_and_recipient = {(u, v, money.kind): (u, v, key) for u, v, key, money in stated}
    within: dict[tuple[str, str, object], tuple[str, str, object]] = {}
    for u, v, key, money in stated:
        for whole in sorted(above.get(v, ())):
            holder = by_funder_and_recipient.get((u, whole, money.kind))
            if holder is not None:
                within[(u, v, key)] = holder
                break
    given: dict[str, list[Money]] = defaultdict(list)
    received: dict[str, list[Money]] = defaultdict(list)
    for u, v, key, money in stated:
        if (u, v, key) not in within:
            given[u].append(money)
        received[v].append(money)
    return MoneyFlows(
        {node: add_up(items) for node, items in given.items()},
        {node: add_up(items) for node, items in received.items()},
        within,
    )
