"""Money as the report states it: an amount with how exact it is, the period it covers,
the year when the report names one, and its status, never a bare number.

Two rules keep sums honest. Amounts of different periods (a year, in total, in 2019) or
statuses (spent, budgeted, recommended, ...) are never added together. And an amount that
is part of another (``dct:isPartOf`` between funding relations: a pillar of a plan's
budget, a call inside a programme's budget) is never added to anything but the other
parts of the same whole: it is shown within its whole ("€12 million in total, spent,
within the €20 million"), neither added to it nor dropped.

``describe`` and ``euros`` are the one way every door (network, chart, statistics, the
``/id/`` pages, ``describe``) writes money in words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Money", "FUNDING_RELATIONS", "euros", "money_of", "money_of_total", "add_up", "describe_all", "totals_by_funder",
           "MoneyFlows", "money_flows"]

FUNDING_RELATIONS = frozenset({"funds", "co-funds"})
PERIOD_WORDS = {"per-year": "a year", "total": "in total", "one-off": "once"}
PERIOD_ORDER = ("per-year", "total", "one-off")
STATUS_ORDER = ("spent", "completed", "ongoing", "budgeted", "planned", "in preparation", "in-preparation", "recommended")
# Which qualifiers may be added up: lower bounds (and exact figures) to a lower bound, upper
# bounds to an upper bound, rough figures to a rough figure; the sum's qualifier is the
# loosest of its parts. queries/funding-totals-by-funder.rq groups by the same bounds.
BOUNDS = {"at most": "upper", "about": "rough"}
LOOSEST = ("more than", "at least", "at most", "about", "exactly")


@dataclass(frozen=True)
class Money:
    """An amount in euros as the report gives it. ``year`` replaces the period's words when
    known; ``within`` is the amount of the whole this amount is part of, if any."""

    amount: float
    qualifier: str = "exactly"
    period: str = ""
    status: str = ""
    year: str = ""
    within: float | None = None

    @property
    def kind(self) -> tuple:
        """What must match for two amounts to be added: period, year, status, the whole
        they are part of, and the bound their qualifier gives."""
        return (self.period, self.year, self.status, self.within, BOUNDS.get(self.qualifier, "lower"))

    @property
    def when(self) -> str:
        """The period in words: "a year", "in total", "in 2019"."""
        return f"in {self.year}" if self.year else PERIOD_WORDS.get(self.period, self.period.replace("-", " "))

    def describe(self) -> str:
        """E.g. "more than €15 million in 2019, spent", "€12 million in total, spent, within the €20 million"."""
        words = [] if self.qualifier in ("", "exactly") else [self.qualifier]
        words.append(euros(self.amount))
        if self.when:
            words.append(self.when)
        text = " ".join(words)
        if self.status:
            text += f", {self.status.replace('-', ' ')}"
        return text + (f", within the {euros(self.within)}" if self.within is not None else "")


def euros(amount: float) -> str:
    """An amount as a person writes it, and exact: €6 million, €12.5 million, €1 billion, €250,000."""
    for size, unit in ((1e9, "billion"), (1e6, "million")):
        if amount >= size and round(amount / size, 3) * size == amount:
            return f"€{amount / size:g} {unit}"
    return f"€{amount:,.0f}" if amount == int(amount) else f"€{amount:,.2f}"


def money_of(data: Mapping[str, object]) -> Money | None:
    """The money of a funding edge (a row of queries/network.rq), or None when the report gives no amount."""
    if data.get("relation") not in FUNDING_RELATIONS or data.get("amount") is None:
        return None
    return Money(
        float(data["amount"]),  # type: ignore[arg-type]
        str(data.get("qualifier") or "exactly"),
        str(data.get("period") or ""),
        str(data.get("status") or ""),
        str(data.get("year") or ""),
    )


def money_of_total(row: Mapping[str, object]) -> Money:
    """A row of queries/funding-totals-by-funder.rq as money: its sum, the loosest qualifier
    of what was summed, its period, year and status, and the whole it is within."""
    qualifiers = {q.strip() for q in str(row.get("qualifiers") or "exactly").split(",")}
    within = row.get("within")
    return Money(float(row["euros"]), _loosest(qualifiers), str(row.get("period") or ""), str(row.get("status") or ""),
                 str(row.get("year") or ""), float(within) if within is not None else None)  # type: ignore[arg-type]


def _loosest(qualifiers: set[str]) -> str:
    return next((q for q in LOOSEST if q in qualifiers), "exactly")


def add_up(amounts: Iterable[Money]) -> list[Money]:
    """Sums per kind (see Money.kind), in a stable order."""
    by_kind: dict[tuple, list[Money]] = defaultdict(list)
    for money in amounts:
        by_kind[money.kind].append(money)
    sums = [replace(items[0], amount=sum(m.amount for m in items), qualifier=_loosest({m.qualifier for m in items}))
            for items in by_kind.values()]
    return sorted(sums, key=_order)


def _order(money: Money) -> tuple:
    period = PERIOD_ORDER.index(money.period) if money.period in PERIOD_ORDER else len(PERIOD_ORDER)
    status = STATUS_ORDER.index(money.status) if money.status in STATUS_ORDER else len(STATUS_ORDER)
    return (period, money.year, status, money.within is not None, -money.amount, money.qualifier)


def describe_all(amounts: Iterable[Money]) -> str:
    """Several amounts in one line, e.g. "€20 million in total, budgeted; more than €6 million a year, spent"."""
    return "; ".join(m.describe() for m in amounts)


def totals_by_funder(rows: Iterable[Mapping[str, object]]) -> dict[str, list[Money]]:
    """What each funder gives: the rows of queries/funding-totals-by-funder.rq, the one place where a
    funder's money is summed (the chart, the network's "gives" and --stats all read it)."""
    found: dict[str, list[Money]] = defaultdict(list)
    for row in rows:
        found[str(row["funder"])].append(money_of_total(row))
    return {funder: sorted(amounts, key=_order) for funder, amounts in found.items()}


@dataclass(frozen=True)
class MoneyFlows:
    """Per node, the money it receives; per funding edge, its money (within its whole, if any)
    and the edge whose money holds it."""

    receives: dict[str, list[Money]]
    money: dict[tuple[str, str, object], Money]
    within: dict[tuple[str, str, object], tuple[str, str, object]]


def money_flows(network: nx.MultiDiGraph) -> MoneyFlows:
    """The money of every funding edge, and what each node receives, counted once: see the
    module's rules. An edge's whole is the funding relation its ``partOf`` names (network.rq), when drawn."""
    stated = {(u, v, key): (data, money) for u, v, key, data in network.edges(keys=True, data=True)
              if (money := money_of(data))}
    by_statement = {str(data["iri"]): edge for edge, (data, _) in stated.items() if data.get("iri")}
    within: dict[tuple[str, str, object], tuple[str, str, object]] = {}
    money: dict[tuple[str, str, object], Money] = {}
    for edge, (data, own) in stated.items():
        holder = by_statement.get(str(data.get("partOf", "")))
        if holder is not None and holder != edge:
            within[edge] = holder
            own = replace(own, within=stated[holder][1].amount)
        money[edge] = own
    received: dict[str, list[Money]] = defaultdict(list)
    for (_, v, _), own in money.items():
        received[v].append(own)
    return MoneyFlows({node: add_up(items) for node, items in received.items()}, money, within)
