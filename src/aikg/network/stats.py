"""Who is central in the network, which parts hang together, and where money goes.

Measures are taken on the network as a plain undirected graph: two nodes linked by
several relations (Innoviris launched, runs and funds Team Up) are one link, so degree
counts distinct neighbours and betweenness counts each path once. On large networks
exact betweenness takes minutes; it is then estimated from a fixed sample of sources,
and the statistics say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from aikg.network.model import actors, money_of_node
from aikg.network.money import describe_all

__all__ = ["EXACT_BETWEENNESS_LIMIT", "BETWEENNESS_SAMPLES", "NetworkStats", "network_stats"]

EXACT_BETWEENNESS_LIMIT = 1000  # nodes; above this, betweenness is estimated
BETWEENNESS_SAMPLES = 200  # sources sampled for the estimate
SEED = 7


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
        return ["label", "type", "region", "degree", "betweenness", "group", "gives", "receives"]


def network_stats(network: nx.MultiDiGraph) -> NetworkStats:
    """Per actor: distinct neighbours (degree), betweenness, connected group (1 = the
    largest) and the money it gives and receives in the whole network (see
    aikg.network.money); most linked first, then most between."""
    simple = nx.Graph(network.to_undirected())
    betweenness, estimated = _betweenness(simple)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    group = {node: number for number, component in enumerate(components, start=1) for node in component}
    members = actors(network)
    rows = [
        {
            "label": data["label"],
            "type": data["type"],
            "region": data["region"],
            "degree": simple.degree(node),
            "betweenness": round(betweenness[node], 4),
            "group": group[node],
            "gives": describe_all(money_of_node(network, node, "gives")),
            "receives": describe_all(money_of_node(network, node, "receives")),
        }
        for node, data in network.nodes(data=True)
        if node in members
    ]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["label"]))
    notes = [
        f"{network.number_of_nodes()} nodes, {simple.number_of_edges()} linked pairs ({network.number_of_edges()} relations), "
        f"{len(components)} connected group{'' if len(components) == 1 else 's'} (column group; 1 is the largest)",
        "degree: distinct neighbours; money: as the report states it, never added across periods, years or statuses, "
        "a part of a larger amount shown within it, never added to it",
    ]
    if estimated:
        notes.append(f"betweenness estimated from {BETWEENNESS_SAMPLES} sampled sources of {simple.number_of_nodes()} nodes "
                     f"(exact above {EXACT_BETWEENNESS_LIMIT} nodes takes too long)")
    return NetworkStats(rows, network.number_of_nodes(), network.number_of_edges(), len(components), notes)


def _betweenness(simple: nx.Graph) -> tuple[dict[str, float], bool]:
    """Normalised betweenness; estimated from a sample on large graphs (the flag says so)."""
    if simple.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(simple), False
    return nx.betweenness_centrality(simple, k=BETWEENNESS_SAMPLES, seed=SEED), True
