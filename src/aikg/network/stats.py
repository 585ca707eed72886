"""Who is central in the network, which parts hang together, and where money goes.

Centrality has two honest answers, and both are given: in the network of actors,
initiatives and documents (an initiative is a neighbour: Innoviris runs many), and in the
network of actors only (two actors are linked when they take part in one initiative: the
Brussels-Capital Region links many). Measures are taken on each as a plain undirected
graph: two nodes linked by several relations (Innoviris launched, runs and funds Team Up)
are one link, so degree counts distinct neighbours and betweenness counts each path once.
On large networks exact betweenness takes minutes; it is then estimated from a fixed
sample of sources, and the statistics say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from aikg.network.model import actors, fold_initiatives, money_of_node
from aikg.network.money import Money, add_up, describe_all

__all__ = ["EXACT_BETWEENNESS_LIMIT", "BETWEENNESS_SAMPLES", "NetworkStats", "network_stats"]

EXACT_BETWEENNESS_LIMIT = 1000  # nodes; above this, betweenness is estimated
BETWEENNESS_SAMPLES = 200  # sources sampled for the estimate
SEED = 7
# A body belongs to what it is a sub-organisation or unit of, or governs: a jurisdiction answers for
# its bodies' money, as funding-by-funder.rq counts it ("Flemish government › FWO").
BELONGS_TO = frozenset({"sub-organisation of", "unit of", "governs"})


@dataclass(frozen=True)
class NetworkStats:
    """One row per actor, most linked first, and lines that say how to read them."""

    rows: list[dict[str, object]]
    nodes: int
    edges: int
    groups: int
    notes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return ["label", "type", "region", "rank", "degree", "betweenness", "group",
                "actorRank", "actorDegree", "actorBetweenness", "gives", "receives"]


def network_stats(network: nx.MultiDiGraph, *, actors_first: bool = False) -> NetworkStats:
    """Per actor, in the network given (actors, initiatives and documents) and in its actors-only
    fold: rank, distinct neighbours (degree) and betweenness; its connected group in the network
    given (1 = the largest); and the money it gives (with its bodies' if it is a jurisdiction)
    and receives in the whole network (see aikg.network.money). Ordered by rank in the network
    given, or in the actors-only network when actors_first."""
    members = actors(network)
    simple = nx.Graph(network.to_undirected())
    betweenness, estimated = _betweenness(simple)
    folded = nx.Graph(fold_initiatives(network).to_undirected())
    actor_betweenness, actor_estimated = _betweenness(folded)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    group = {node: number for number, component in enumerate(components, start=1) for node in component}
    rank = _ranks(members, simple, betweenness, network)
    actor_rank = _ranks(members, folded, actor_betweenness, network)
    rows = [
        {
            "label": data["label"],
            "type": data["type"],
            "region": data["region"],
            "rank": rank[node],
            "degree": simple.degree(node),
            "betweenness": round(betweenness[node], 4),
            "group": group[node],
            "actorRank": actor_rank[node],
            "actorDegree": folded.degree(node),
            "actorBetweenness": round(actor_betweenness[node], 4),
            "gives": describe_all(gives(network, node)),
            "receives": describe_all(money_of_node(network, node, "receives")),
        }
        for node, data in network.nodes(data=True)
        if node in members
    ]
    rows.sort(key=lambda r: (r["actorRank"] if actors_first else r["rank"], r["label"]))
    notes = [
        f"{network.number_of_nodes()} nodes, {simple.number_of_edges()} linked pairs ({network.number_of_edges()} relations), "
        f"{len(components)} connected group{'' if len(components) == 1 else 's'} (column group; 1 is the largest)",
        "rank, degree, betweenness: in the network of actors, initiatives and documents, where an initiative is a neighbour; "
        f"actorRank, actorDegree, actorBetweenness: in the network of the {len(members)} actors only "
        f"({folded.number_of_edges()} linked pairs), two actors linked when they take part in one initiative; "
        f"ordered by {'actorRank' if actors_first else 'rank'}",
        "degree: distinct neighbours; money: as the report states it, never added across periods, years or statuses, "
        "a part of a larger amount shown within it, never added to it; a region or country gives its bodies' money "
        "too (as funding-by-funder)",
    ]
    if estimated or actor_estimated:
        notes.append(f"betweenness estimated from {BETWEENNESS_SAMPLES} sampled sources of {simple.number_of_nodes()} nodes "
                     f"(exact above {EXACT_BETWEENNESS_LIMIT} nodes takes too long)")
    return NetworkStats(rows, network.number_of_nodes(), network.number_of_edges(), len(components), notes)


def gives(network: nx.MultiDiGraph, node: str) -> list[Money]:
    """The money a node gives; a jurisdiction's includes that of the bodies that belong to it
    (the Brussels-Capital Region's, Innoviris's), each counted once and added by the money rules."""
    amounts = money_of_node(network, node, "gives")
    if node in network.graph.get("jurisdictions", ()):
        belongs = nx.DiGraph((u, v) for u, v, relation in network.edges(data="relation") if relation in BELONGS_TO)
        for body in sorted(nx.ancestors(belongs, node)) if node in belongs else ():
            amounts += money_of_node(network, body, "gives")
    return add_up(amounts)


def _ranks(members: set[str], graph: nx.Graph, betweenness: dict[str, float], network: nx.MultiDiGraph) -> dict[str, int]:
    """1 for the actor with most distinct neighbours (then most between); ties share a rank."""
    key = {node: (-graph.degree(node), -round(betweenness[node], 4)) for node in members}
    ordered = sorted(members, key=lambda node: (key[node], network.nodes[node]["label"]))
    ranks: dict[str, int] = {}
    for position, node in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[node] = ranks[previous] if previous is not None and key[previous] == key[node] else position
    return ranks


def _betweenness(simple: nx.Graph) -> tuple[dict[str, float], bool]:
    """Normalised betweenness; estimated from a sample on large graphs (the flag says so)."""
    if simple.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(simple), False
    return nx.betweenness_centrality(simple, k=BETWEENNESS_SAMPLES, seed=SEED), True
