"""The actor network: who funds, runs, supports or joins what, as a networkx graph.

The network is defined by ``queries/network.rq``; this module turns its rows into a
``MultiDiGraph`` (node keys are IRIs), adds what every picture needs (the money of each
node and edge, the evidence of each relation, stable colours, the credits of the source)
and filters it. It knows nothing of the formats the network is written in.

Node and edge attributes are plain ``str``/``float``/``bool`` values, so that every
networkx writer accepts them; richer data for the page (facts, evidence, structured money)
lives in ``network.graph`` and is left out of GraphML and GEXF. An edge that is our reading
(backed by an ``aikg:EditorialStatement``, whose note is the only source of a ``note``
column) has ``editorial`` true, and its ``evidence`` text says "Our reading: …" beside the
quote it is read from, so no file shows an editorial edge as the report's own words.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations

import networkx as nx
from rdflib import Graph

from aikg.annotations import place
from aikg.errors import AikgError
from aikg.network.credits import Credits, credits_from_rows
from aikg.network.money import FUNDING_RELATIONS, Money, describe_all, money_flows, totals_by_funder
from aikg.network.source import EVIDENCE_QUERY, FACTS_QUERY, NETWORK_QUERY, SOURCES_QUERY, TOTALS_QUERY, Row, select_rows
from aikg.network.style import VIA, region_colours

__all__ = ["build_network", "network_from_rows", "filter_network", "fold_initiatives", "node_facts", "edge_key", "actors",
           "money_of_node", "is_editorial", "contents"]

logger = logging.getLogger(__name__)

EVIDENCE_COLUMNS = ("quote", "section", "note")


def build_network(
    graph: Graph,
    *,
    regions: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    actors_only: bool = False,
    min_amount: float | None = None,
    details: bool = True,
) -> nx.MultiDiGraph:
    """The actor network of the graph, filtered.

    regions keeps the edges that touch a node of one of the regions (labels or IRI
    slugs, any case); relations keeps edges with those relation names; min_amount keeps
    funding edges of at least that amount (other edges stay); actors_only folds
    initiatives into actor-to-actor edges "via" them and keeps every actor. Money and
    colours are worked out on the whole network first, so filters never change them.
    details adds the evidence of each edge and the facts of each node, which the pictures
    show and the statistics do not need.
    """
    rows = select_rows(graph, NETWORK_QUERY)
    # The fold of actors_only reads the evidence too: a loose tie counts only where the report states it.
    evidence = select_rows(graph, EVIDENCE_QUERY) if details or actors_only else ()
    network = network_from_rows(rows, evidence, credits_from_rows(select_rows(graph, SOURCES_QUERY)),
                                select_rows(graph, TOTALS_QUERY))
    network = filter_network(network, rows, regions=regions, relations=relations, actors_only=actors_only, min_amount=min_amount)
    network.graph["facts"] = node_facts(graph, network, {str(row["relation"]) for row in rows}) if details else {}
    logger.info("network: %d nodes, %d edges", network.number_of_nodes(), network.number_of_edges())
    return network


def network_from_rows(rows: list[Row], evidence: Iterable[Row] = (), credits: Credits | None = None,
                      totals: Iterable[Row] = ()) -> nx.MultiDiGraph:
    """The whole network of the rows of network.rq, with money (what a funder gives: the rows of
    funding-totals-by-funder.rq), evidence and colours."""
    network = nx.MultiDiGraph()
    for row in rows:
        for end in ("source", "target"):
            iri = str(row[end])
            if iri not in network:
                network.add_node(iri, **_node_attributes(row, end))
        network.add_edge(str(row["source"]), str(row["target"]), **_edge_attributes(row))
    _add_money(network, totals_by_funder(totals))
    _add_evidence(network, evidence)
    # The jurisdictions (a node that is its own region): they answer for the money of their bodies.
    network.graph["jurisdictions"] = {str(row[end]) for row in rows for end in ("source", "target")
                                      if str(row.get(f"{end}RegionIri", "")) == str(row[end])}
    network.graph["region_colours"] = region_colours(region for _, region in network.nodes(data="region"))
    network.graph["largest_amount"] = max((a for _, _, a in network.edges(data="amount") if a), default=0.0)
    network.graph["credits"] = credits or Credits()
    network.graph["filters"] = ""
    return network


def _node_attributes(row: Row, end: str) -> dict[str, str]:
    iri = str(row[end])
    return {
        "label": str(row.get(f"{end}Label") or _local_name(iri)),
        "type": str(row.get(f"{end}Type", "")),
        "kind": str(row.get(f"{end}Kind", "")),
        "region": str(row.get(f"{end}Region", "")),
        "iri": iri,
    }


def _edge_attributes(row: Row) -> dict[str, object]:
    attributes: dict[str, object] = {"relation": str(row["relation"])}
    for key in ("amount", "qualifier", "period", "status", "year", "partOf"):
        if key in row:
            attributes[key] = row[key] if key == "amount" else str(row[key])
    if "statement" in row:
        attributes["iri"] = str(row["statement"])
    return attributes


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def edge_key(source: str, relation: str, target: str, statement: object = "") -> str:
    """How an edge is named in the evidence: both ends, the relation and the funding relation if any."""
    return " ".join((source, relation, target, str(statement or ""))).rstrip()


# ---------------------------------------------------------------- money and evidence


def _add_money(network: nx.MultiDiGraph, gives: dict[str, list[Money]]) -> None:
    """Every funding edge says its money in words (within the larger amount that holds it,
    if any); nodes say what they give (``gives``: summed by the totals query) and receive,
    counted once (aikg.network.money)."""
    flows = money_flows(network)
    for (u, v, key), money in flows.money.items():
        network.edges[u, v, key]["money"] = money.describe()
    for (u, v, key), (whole_u, whole_v, whole_key) in flows.within.items():
        whole = network.edges[whole_u, whole_v, whole_key]
        part = network.edges[u, v, key]
        part["within"] = f"{network.nodes[whole_v]['label']}: {whole['money']}"
    for node, data in network.nodes(data=True):
        if node in gives:
            data["gives"] = describe_all(gives[node])
        if node in flows.receives:
            data["receives"] = describe_all(flows.receives[node])
    network.graph["money"] = {"gives": gives, "receives": flows.receives}


def _add_evidence(network: nx.MultiDiGraph, rows: Iterable[Row]) -> None:
    """The quotes (with their sections) and editorial notes that back each edge, as rows
    in ``network.graph["evidence"]`` and as one line of text on the edge."""
    evidence: dict[str, list[dict[str, str]]] = defaultdict(list)
    rows = list(rows)
    for row in rows:
        piece = {column: str(row[column]) for column in EVIDENCE_COLUMNS if column in row}
        if "quote" in piece and "report" in row:  # its place in the annotated report (aikg.annotations)
            found = place(str(row["report"]), piece["quote"], str(row["sectionIri"]) if "sectionIri" in row else None)
            if found:
                piece["place"] = found
        key = edge_key(str(row["source"]), str(row["relation"]), str(row["target"]), row.get("statement"))
        if piece and piece not in evidence[key]:
            evidence[key].append(piece)
    for pieces in evidence.values():
        pieces.sort(key=lambda piece: "quote" not in piece)  # the report's words before our reading
    for u, v, data in network.edges(data=True):
        pieces = evidence.get(edge_key(u, data["relation"], v, data.get("iri")), [])
        if rows:  # without evidence (statistics only) nothing is known of how a relation is backed
            data["editorial"] = is_editorial(pieces)
        if pieces:
            data["evidence"] = " | ".join(_evidence_text(piece) for piece in pieces)
    network.graph["evidence"] = dict(evidence)


def is_editorial(pieces: list[dict[str, str]]) -> bool:
    """Whether a relation is our reading rather than the report's: one of its pieces of
    evidence carries an editorial note (only an aikg:EditorialStatement has one, data/README.md),
    even beside a quote, or none of them is a quote."""
    return any("note" in piece for piece in pieces) or not any("quote" in piece for piece in pieces)


def _evidence_text(piece: dict[str, str]) -> str:
    """A quote with its section, then our reading of it when the piece has one."""
    parts = []
    if "quote" in piece:
        parts.append(f"“{piece['quote']}” ({piece['section']})" if "section" in piece else f"“{piece['quote']}”")
    if "note" in piece:
        parts.append(f"Our reading: {piece['note']}")
    return "; ".join(parts)


def money_of_node(network: nx.MultiDiGraph, node: str, direction: str) -> list[Money]:
    """What a node gives ("gives") or receives ("receives"), counted once, from the whole network."""
    return list(network.graph.get("money", {}).get(direction, {}).get(node, []))


def contents(network: nx.MultiDiGraph) -> str:
    """What a picture shows, as its subtitle says it: "34 actors, 50 initiatives and 2 reports, 138 relations"."""
    kinds = [kind for _, kind in network.nodes(data="kind")]
    counted = [f"{kinds.count(kind)} {word}{'' if kinds.count(kind) == 1 else 's'}"
               for kind, word in (("actor", "actor"), ("initiative", "initiative"), ("document", "report")) if kind in kinds]
    listed = " and ".join([", ".join(counted[:-1]), counted[-1]] if len(counted) > 1 else counted) or "nothing"
    return f"{listed}, {network.number_of_edges()} relation{'' if network.number_of_edges() == 1 else 's'}"


# ---------------------------------------------------------------- filters


def filter_network(
    network: nx.MultiDiGraph,
    rows: list[Row],
    *,
    regions: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    actors_only: bool = False,
    min_amount: float | None = None,
) -> nx.MultiDiGraph:
    """The network cut by the filters; it keeps the whole network's money, colours and credits."""
    said = []
    if regions:
        chosen = _resolve_regions(rows, regions)
        network = _keep_edges(network, lambda u, v, _d: network.nodes[u]["region"] in chosen or network.nodes[v]["region"] in chosen)
        said.append(f"region {', '.join(sorted(chosen))}")
    if relations:
        chosen_relations = _resolve_relations(rows, relations)
        network = _keep_edges(network, lambda _u, _v, data: data["relation"] in chosen_relations)
        said.append(f"relation {', '.join(sorted(chosen_relations))}")
    if min_amount is not None:
        minimum = float(min_amount)
        network = _keep_edges(network, lambda _u, _v, data: data["relation"] not in FUNDING_RELATIONS
                              or data.get("amount", float("-inf")) >= minimum)
        said.append(f"funding of at least €{minimum:,.0f}")
    if actors_only:
        network = fold_initiatives(network)
        said.append("actors only")
    network.graph["filters"] = "; ".join(said)
    return network


def _key(name: str) -> str:
    """How names are compared: case, spaces, hyphens and camelCase do not matter."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _resolve_regions(rows: list[Row], names: Iterable[str]) -> set[str]:
    """Region labels for the names given; AikgError lists the valid ones otherwise."""
    known: dict[str, str] = {}
    for row in rows:
        for end in ("source", "target"):
            if f"{end}Region" in row:
                label = str(row[f"{end}Region"])
                known[_key(label)] = label
                if f"{end}RegionIri" in row:
                    known[_key(_local_name(str(row[f"{end}RegionIri"])))] = label
    valid = sorted(set(known.values()))
    return {_lookup(known, name, "region", valid) for name in names}


def _resolve_relations(rows: list[Row], names: Iterable[str]) -> set[str]:
    known = {_key(str(row["relation"])): str(row["relation"]) for row in rows}
    valid = sorted(set(known.values()))
    return {_lookup(known, name, "relation", valid) for name in names}


def _lookup(known: dict[str, str], name: str, what: str, valid: list[str]) -> str:
    """The exact name, or the only one it begins ("brussels" for "Brussels-Capital Region")."""
    key = _key(name)
    if key in known:
        return known[key]
    starting = {label for known_key, label in known.items() if key and known_key.startswith(key)}
    if len(starting) == 1:
        return starting.pop()
    raise AikgError(f"unknown {what} {name!r}; the network has: {', '.join(valid)}")


def _keep_edges(network: nx.MultiDiGraph, keep: Callable[[str, str, dict], bool]) -> nx.MultiDiGraph:
    """A copy with the edges for which keep(u, v, data) holds, and no isolated nodes."""
    kept = nx.MultiDiGraph(**network.graph)
    for u, v, data in network.edges(data=True):
        if keep(u, v, data):
            kept.add_node(u, **network.nodes[u])
            kept.add_node(v, **network.nodes[v])
            kept.add_edge(u, v, **data)
    return kept


def actors(network: nx.MultiDiGraph) -> set[str]:
    return {n for n, kind in network.nodes(data="kind") if kind == "actor"}


# Relations that say two things are connected, not that an actor does something with the other.
PART_OF = "part of"
LOOSE_RELATIONS = frozenset({PART_OF, "related to", "complements", "corresponds to", "benchmark", "cites"})


def fold_initiatives(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every actor, and the edges between actors; two actors tied to one initiative (or
    document) get an edge "via" it, backed by the evidence of both ties (in
    ``graph["via_evidence"]``). An actor tied to a part of the initiative (Start AI, part of
    an axis of DigitalWallonia4.ai) is paired with the actors of the initiative itself, not
    with those of the other parts. At least one of the two must act on the initiative (launch,
    run, fund, ...): two things merely related to it are not partners; and a loose tie
    (related to, part of, ...) counts only where the report states it, never on our reading."""
    members = actors(network)
    folded = _keep_edges(network, lambda u, v, _data: u in members and v in members)
    folded.add_nodes_from((a, network.nodes[a]) for a in sorted(members))
    part_of = nx.DiGraph((u, v) for u, v, relation in network.edges(data="relation")
                         if relation == PART_OF and u not in members and v not in members)
    via_evidence: dict[str, list[dict[str, str]]] = {}
    for initiative in sorted(set(network) - members):
        direct = {a: [initiative] for a in _tied(network, initiative, members)}
        below: dict[str, list[str]] = defaultdict(list)
        if initiative in part_of:
            for part in sorted(nx.ancestors(part_of, initiative)):
                for a in _tied(network, part, members):
                    if a not in direct:
                        below[a].append(part)
        pairs = list(combinations(sorted(direct), 2)) + [(a, b) for a in sorted(below) for b in sorted(direct)]
        for a, b in pairs:
            ties = {a: direct.get(a) or below[a], b: direct.get(b) or below[b]}
            if a in below:  # the pair is folded at the nearest whole that both are tied to, once
                ties[a] = [part for part in ties[a] if not _meet_lower(network, part_of, part, initiative, b, members)]
                if not ties[a]:
                    continue
            if not any(_acts(network, x, node) for x in (a, b) for node in ties[x]):
                continue
            first, second = sorted((a, b))
            claims = (_chain_claims(network, part_of, first, ties[first], initiative)
                      + _chain_claims(network, part_of, second, ties[second], initiative))
            folded.add_edge(
                first, second, relation=VIA, via=network.nodes[initiative]["label"], via_iri=initiative,
                roles=f"{_roles_in(network, first, ties[first], initiative)} / {_roles_in(network, second, ties[second], initiative)}",
                editorial=is_editorial(claims),
            )
            via_evidence[edge_key(first, VIA, second, initiative)] = claims
    folded.graph["via_evidence"] = via_evidence
    return folded


def _meet_lower(network: nx.MultiDiGraph, part_of: nx.DiGraph, part: str, initiative: str, actor: str, members: set[str]) -> bool:
    """Whether the actor is tied to a whole between a part and the initiative (or to the part itself)."""
    return any(actor in _tied(network, node, members) for node in nx.shortest_path(part_of, part, initiative)[:-1])


def _tied(network: nx.MultiDiGraph, node: str, members: set[str]) -> list[str]:
    """The actors tied to a node by a relation that may make partners: any that acts on it,
    and a loose one (related to, ...) only where the report states it."""
    return sorted(a for a in set(nx.all_neighbors(network, node)) & members
                  if _acts(network, a, node) or _stated_loose(network, a, node))


def _ties(network: nx.MultiDiGraph, actor: str, node: str) -> list[tuple[str, str, dict]]:
    return [(u, v, data) for u, v in ((actor, node), (node, actor))
            for data in network.get_edge_data(u, v, default={}).values()]


def _acts(network: nx.MultiDiGraph, actor: str, node: str) -> bool:
    return any(data["relation"] not in LOOSE_RELATIONS for _, _, data in _ties(network, actor, node))


def _stated_loose(network: nx.MultiDiGraph, actor: str, node: str) -> bool:
    """A loose tie that the report states: a quote of its own, not only our reading (a note)."""
    evidence = network.graph.get("evidence", {})
    return any(data["relation"] in LOOSE_RELATIONS
               and any("quote" in piece and "note" not in piece for piece in evidence.get(edge_key(u, data["relation"], v, data.get("iri")), []))
               for u, v, data in _ties(network, actor, node))


def _roles_in(network: nx.MultiDiGraph, actor: str, nodes: list[str], initiative: str) -> str:
    """How an actor is tied to an initiative: "funds, runs", or "runs Start AI" for a part of it."""
    return "; ".join(_roles(network, actor, node) + ("" if node == initiative else f" {network.nodes[node]['label']}")
                     for node in nodes)


def _chain_claims(network: nx.MultiDiGraph, part_of: nx.DiGraph, actor: str, nodes: list[str], initiative: str) -> list[dict[str, str]]:
    """The claims that tie an actor to an initiative: its own ties, and each "part of" step up to it."""
    claims = []
    for node in nodes:
        claims += _claims(network, actor, node)
        if node != initiative:
            path = nx.shortest_path(part_of, node, initiative)
            for part, whole in zip(path, path[1:]):
                claims += _claims(network, part, whole)
    return claims


def _claims(network: nx.MultiDiGraph, actor: str, initiative: str) -> list[dict[str, str]]:
    """Each relation between two nodes (an actor and an initiative), with its evidence (or none)."""
    claims = []
    for u, v in ((actor, initiative), (initiative, actor)):
        for data in network.get_edge_data(u, v, default={}).values():
            claim = f"{network.nodes[u]['label']} {data['relation']} {network.nodes[v]['label']}"
            pieces = network.graph.get("evidence", {}).get(edge_key(u, data["relation"], v, data.get("iri")), [])
            claims += [{"claim": claim, **piece} for piece in pieces] or [{"claim": claim}]
    return claims


def _roles(network: nx.MultiDiGraph, actor: str, initiative: str) -> str:
    """How an actor is linked to an initiative, e.g. "funds, runs"."""
    names = {data["relation"] for data in network.get_edge_data(actor, initiative, default={}).values()}
    names |= {data["relation"] for data in network.get_edge_data(initiative, actor, default={}).values()}
    return ", ".join(sorted(names))


# ---------------------------------------------------------------- facts for the page


def node_facts(graph: Graph, network: nx.MultiDiGraph, relations: set[str]) -> dict[str, list[Row]]:
    """What queries/node-facts.rq says of each node, but its relations to other nodes
    (those are the network's edges, shown with their own evidence). A quote is kept only
    where it is the node's own or backs one of its numbers: node-facts backs other
    relations with any quote that names the other end, which is a guess."""
    facts: dict[str, list[Row]] = {node: [] for node in network}
    for row in select_rows(graph, FACTS_QUERY):
        node = str(row.pop("node"))
        if node not in facts or str(row.get("property")) in relations:
            continue
        if row.get("property") != "quote" and "amount" not in row:
            row = {key: value for key, value in row.items() if key not in ("quote", "section")}
        if row not in facts[node]:
            facts[node].append(row)
    return facts
