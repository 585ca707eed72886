"""The actor network: who funds, runs, supports or joins what, as a networkx graph.

The network is defined by ``queries/network.rq``; this module only turns its rows
into a ``MultiDiGraph``, filters it, measures it and writes it. Node and edge
attributes are plain ``str``/``float`` values so that every networkx writer
accepts them. Node keys are IRIs.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox

from aikg.errors import AikgError
from aikg.output import atomic_file
from aikg.paths import QUERIES_DIR

__all__ = [
    "FORMATS",
    "STAR",
    "FUNDING_RELATIONS",
    "build_network",
    "network_stats",
    "node_facts",
    "write_network",
    "layout",
    "node_colour",
    "region_tints",
    "relation_group",
]

logger = logging.getLogger(__name__)

NETWORK_QUERY = QUERIES_DIR / "network.rq"
FACTS_QUERY = QUERIES_DIR / "node-facts.rq"
FORMATS = ("html", "graphml", "gexf", "svg")
FUNDING_RELATIONS = frozenset({"funds", "co-funds"})
VIA = "via"  # the relation of an edge folded through an initiative (actors_only)

# Actors are coloured by type (Okabe–Ito palette, safe for colour-blind readers),
# initiatives by region with pale tints, so that both read at a glance.
TYPE_COLOURS = {
    "Public body": "#0072B2",
    "Funding agency": "#009E73",
    "Research organisation": "#CC79A7",
    "Network": "#E69F00",
    "Industry association": "#D55E00",
    "International organisation": "#56B4E9",
    "Expert group": "#882255",
    "Fund": "#117733",
    "Region": "#332288",
    "Country": "#332288",
    "Jurisdiction": "#332288",
    "Organisation": "#999933",
    "Actor": "#7F7F7F",
}
REGION_TINTS = ("#F3DF8C", "#AFCBE3", "#F2B8B5", "#C7DDB5", "#D3C7EA", "#F5CBA7", "#B5E0DC")
NO_REGION_TINT = "#E3E3E3"
# How relations are drawn: (legend label, relations, colour, line style).
RELATION_GROUPS = (
    ("funds", ("funds",), "#2E7D32", "solid"),
    ("co-funds", ("co-funds",), "#2E7D32", "dashed"),
    ("launched, runs, organises, …", ("launched", "runs", "coordinates", "organises", "develops", "commissioned", "prepared"), "#37474F", "solid"),
    ("supports", ("supports",), "#E65100", "solid"),
    ("partner of", ("partner of",), "#E65100", "dashed"),
    ("member of, part of", ("member of", "part of"), "#8D8D8D", "dotted"),
    ("shares an initiative", (VIA,), "#7B1FA2", "solid"),
)
OTHER_RELATIONS = 2  # the group of relations not listed
# Layout: space between packed parts, in typical distances between neighbouring nodes
# (wider than high, because labels are); hubs of this many leaves or more are drawn as
# stars; parts this small stand upright so that their labels do not reach their
# neighbours, larger ones lie flat.
GAP_X, GAP_Y = 7.0, 3.0
STAR = 6
SMALL_PART = 5


def build_network(
    graph,
    *,
    regions: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    actors_only: bool = False,
    min_amount: float | None = None,
) -> nx.MultiDiGraph:
    """The actor network of the graph, filtered.

    regions keeps the edges that touch a node of one of the regions (labels or
    IRI slugs, any case); relations keeps edges with those relation names;
    min_amount keeps funding edges of at least that amount (other edges stay);
    actors_only folds initiatives into actor-to-actor edges "via" them. The
    node facts of queries/node-facts.rq travel in ``G.graph["facts"]``.
    """
    rows = _select(graph, NETWORK_QUERY)
    network = _to_network(rows)
    if regions:
        network = _keep_regions(network, _resolve_regions(rows, regions))
    if relations:
        network = _keep_relations(network, _resolve_relations(rows, relations))
    if min_amount is not None:
        network = _keep_min_amount(network, float(min_amount))
    if actors_only:
        network = _fold_initiatives(network)
    network.graph["facts"] = node_facts(graph, network.nodes)
    logger.info("network: %d nodes, %d edges", network.number_of_nodes(), network.number_of_edges())
    return network


def node_facts(graph, nodes: Iterable[str]) -> dict[str, list[dict[str, object]]]:
    """The rows of queries/node-facts.rq for each node, run once over the whole graph."""
    wanted = set(nodes)
    facts: dict[str, list[dict[str, object]]] = {node: [] for node in wanted}
    for row in _select(graph, FACTS_QUERY):
        node = row.pop("node")
        if node in wanted:
            facts[node].append(row)
    return facts


def _select(store, path: Path) -> list[dict[str, object]]:
    """Rows of a SELECT query file (run on an aikg.store.GraphStore) as dicts of plain values; unbound columns are left out."""
    answer = store.query(path.read_text(encoding="utf-8"))
    names = [v.value for v in answer.variables]
    return [{name: _plain(solution[i]) for i, name in enumerate(names) if solution[i] is not None} for solution in answer]


_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("decimal", "integer", "double", "float", "int", "long")}


def _plain(term) -> object:
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        return float(term.value)
    return term.value


def _to_network(rows: list[dict[str, object]]) -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    for row in rows:
        for end in ("source", "target"):
            iri = str(row[end])
            if iri not in network:
                network.add_node(iri, **_node_attributes(row, end))
        network.add_edge(str(row["source"]), str(row["target"]), **_edge_attributes(row))
    return network


def _node_attributes(row: dict[str, object], end: str) -> dict[str, str]:
    iri = str(row[end])
    return {
        "label": str(row.get(f"{end}Label") or _local_name(iri)),
        "type": str(row.get(f"{end}Type", "")),
        "kind": str(row.get(f"{end}Kind", "")),
        "region": str(row.get(f"{end}Region", "")),
        "iri": iri,
    }


def _edge_attributes(row: dict[str, object]) -> dict[str, object]:
    attributes: dict[str, object] = {"relation": str(row["relation"])}
    for key in ("amount", "qualifier", "period", "status"):
        if key in row:
            attributes[key] = row[key]
    if "statement" in row:
        attributes["iri"] = str(row["statement"])
    return attributes


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _key(name: str) -> str:
    """How names are compared: case, spaces, hyphens and camelCase do not matter."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _resolve_regions(rows: list[dict[str, object]], names: Iterable[str]) -> set[str]:
    """Region labels for the names given; AikgError lists the valid ones otherwise."""
    known: dict[str, str] = {}
    for row in rows:
        for end in ("source", "target"):
            if f"{end}Region" in row:
                label = str(row[f"{end}Region"])
                known[_key(label)] = label
                known[_key(_local_name(str(row[f"{end}RegionIri"])))] = label
    valid = sorted(set(known.values()))
    return {_lookup(known, name, "region", valid) for name in names}


def _resolve_relations(rows: list[dict[str, object]], names: Iterable[str]) -> set[str]:
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


def _keep_edges(network: nx.MultiDiGraph, keep) -> nx.MultiDiGraph:
    """A copy with the edges for which keep(u, v, data) holds, and no isolated nodes."""
    kept = nx.MultiDiGraph(**network.graph)
    for u, v, data in network.edges(data=True):
        if keep(u, v, data):
            kept.add_node(u, **network.nodes[u])
            kept.add_node(v, **network.nodes[v])
            kept.add_edge(u, v, **data)
    return kept


def _keep_regions(network: nx.MultiDiGraph, regions: set[str]) -> nx.MultiDiGraph:
    def touches(u: str, v: str, _data: dict) -> bool:
        return network.nodes[u]["region"] in regions or network.nodes[v]["region"] in regions

    return _keep_edges(network, touches)


def _keep_relations(network: nx.MultiDiGraph, relations: set[str]) -> nx.MultiDiGraph:
    return _keep_edges(network, lambda _u, _v, data: data["relation"] in relations)


def _keep_min_amount(network: nx.MultiDiGraph, minimum: float) -> nx.MultiDiGraph:
    def enough(_u: str, _v: str, data: dict) -> bool:
        return data["relation"] not in FUNDING_RELATIONS or data.get("amount", float("-inf")) >= minimum

    return _keep_edges(network, enough)


def _fold_initiatives(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Actor-to-actor edges only: two actors linked to one initiative get an edge "via" it."""
    actors = {n for n, kind in network.nodes(data="kind") if kind == "actor"}
    folded = _keep_edges(network, lambda u, v, _data: u in actors and v in actors)
    for initiative in sorted(set(network) - actors):
        linked = sorted(n for n in nx.all_neighbors(network, initiative) if n in actors)
        roles = {a: _roles(network, a, initiative) for a in linked}
        for a, b in combinations(linked, 2):
            folded.add_node(a, **network.nodes[a])
            folded.add_node(b, **network.nodes[b])
            folded.add_edge(
                a, b, relation=VIA, via=network.nodes[initiative]["label"], via_iri=initiative,
                roles=f"{roles[a]} / {roles[b]}",
            )
    return folded


def _roles(network: nx.MultiDiGraph, actor: str, initiative: str) -> str:
    """How an actor is linked to an initiative, e.g. "funds, runs"."""
    names = {data["relation"] for data in network.get_edge_data(actor, initiative, default={}).values()}
    names |= {data["relation"] for data in network.get_edge_data(initiative, actor, default={}).values()}
    return ", ".join(sorted(names))


MONEY_COLUMNS = ("eur_out_per_year", "eur_out_total", "eur_in_per_year", "eur_in_total")


def network_stats(network: nx.MultiDiGraph) -> list[dict[str, object]]:
    """Per actor: degree, betweenness (on the undirected network), connected group (1 = the largest) and
    money in and out, most central first.

    Money is summed apart per period (per year, in total), as unlike sums must not be added; funding of a
    plan's parts is left out, being already in the plan's budget.
    """
    betweenness = nx.betweenness_centrality(nx.Graph(network.to_undirected()))
    components = sorted(nx.weakly_connected_components(network), key=lambda c: (-len(c), min(c)))
    group = {node: number for number, component in enumerate(components, start=1) for node in component}
    money: dict[tuple[str, str], float] = defaultdict(float)
    for u, v, data in network.edges(data=True):
        amount, period = data.get("amount"), data.get("period")
        if amount is None or network.nodes[v]["type"] == "Programme component":
            continue
        column = "per_year" if period == "per-year" else "total"
        money[(u, f"eur_out_{column}")] += amount
        money[(v, f"eur_in_{column}")] += amount
    rows = [
        {
            "label": data["label"],
            "type": data["type"],
            "degree": network.degree(node),
            "betweenness": round(betweenness[node], 4),
            "group": group[node],
            **{column: money[(node, column)] for column in MONEY_COLUMNS},
        }
        for node, data in network.nodes(data=True)
        if data["kind"] == "actor"
    ]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["label"]))


# ---------------------------------------------------------------- drawing, shared by the writers


def region_tints(network: nx.MultiDiGraph) -> dict[str, str]:
    """A pale colour per region of the network, in a stable order."""
    regions = sorted({region for _, region in network.nodes(data="region") if region})
    return {region: REGION_TINTS[i % len(REGION_TINTS)] for i, region in enumerate(regions)}


def node_colour(data: dict, tints: dict[str, str]) -> str:
    """The fill of a node: by type for actors, by region for initiatives."""
    if data["kind"] == "actor":
        return TYPE_COLOURS.get(data["type"], TYPE_COLOURS["Actor"])
    return tints.get(data["region"], NO_REGION_TINT)


def relation_group(relation: str) -> tuple[str, tuple[str, ...], str, str]:
    """The drawing group of a relation: legend label, members, colour, line style."""
    return next((g for g in RELATION_GROUPS if relation in g[1]), RELATION_GROUPS[OTHER_RELATIONS])


def layout(network: nx.MultiDiGraph, seed: int = 7, aspect: float = 1.2) -> dict[str, tuple[float, float]]:
    """Fixed positions for SVG and GEXF: each connected part laid out on its own
    (spring layout, fixed seed), larger parts first, packed in rows; of the row widths
    tried, the one whose drawing fills a box ``aspect`` times as wide as high best."""
    simple = nx.Graph(network.to_undirected())
    parts = sorted((sorted(part) for part in nx.connected_components(simple)), key=lambda p: (-len(p), p[0]))
    placed = [_part_layout(_ordered(simple.subgraph(part)), seed) for part in parts]
    if not placed:
        return {}
    narrowest = max(w for _, w, _ in placed) + GAP_X
    widest = sum(w + GAP_X for _, w, _ in placed)
    candidates = [_pack(placed, narrowest + (widest - narrowest) * i / 24) for i in range(25)]
    return min(candidates, key=lambda packed: max(packed[1] / aspect, packed[2]))[0]


def _pack(placed: list, row_width: float) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Parts in rows of at most row_width; the positions, the width and the height used."""
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = used_width = 0.0
    for part, width, height in placed:
        if x > 0 and x + width + GAP_X > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for node, (px, py) in part.items():
            positions[node] = (x + px, y - height + py)
        x, row_height = x + width + GAP_X, max(row_height, height + GAP_Y)
        used_width = max(used_width, x)
    return positions, used_width, row_height - y


def _ordered(part: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges in sorted order: subgraph views iterate in set order,
    which changes from run to run and would change the layout with it."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(part))
    ordered.add_edges_from(sorted(tuple(sorted(edge)) for edge in part.edges))
    return ordered


def _part_layout(part: nx.Graph, seed: int) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Positions from (0, 0) up, and the width and height they take. Scaled so that
    nodes are at least 1 apart (but for the closest sixth); links of well-connected
    nodes pull less, so that stars spread out and their leaves keep room for labels."""
    if part.number_of_nodes() == 1:
        return {next(iter(part)): (0.0, 0.0)}, 0.0, 0.0
    weighted = nx.Graph()
    weighted.add_nodes_from(part)
    weighted.add_edges_from((u, v, {"weight": (part.degree(u) * part.degree(v)) ** -0.5}) for u, v in part.edges)
    raw = nx.spring_layout(weighted, k=1.6 / part.number_of_nodes() ** 0.5, iterations=500, seed=seed)
    nearest = sorted(
        min(((x - ox) ** 2 + (y - oy) ** 2) ** 0.5 for other, (ox, oy) in raw.items() if other != node)
        for node, (x, y) in raw.items()
    )
    scale = 1.0 / max(nearest[len(nearest) // 6], 1e-9)
    raw = _turn(raw, upright=part.number_of_nodes() <= SMALL_PART)
    scaled = _spread_stars(part, {node: (float(x) * scale, float(y) * scale) for node, (x, y) in raw.items()})
    left = min(x for x, _ in scaled.values())
    bottom = min(y for _, y in scaled.values())
    positions = {node: (float(x - left), float(y - bottom)) for node, (x, y) in scaled.items()}
    return positions, max(x for x, _ in positions.values()), max(y for _, y in positions.values())


def _spread_stars(part: nx.Graph, positions: dict) -> dict:
    """Push the leaves of a star out along their rays, so that their labels fit around it."""
    for hub in part:
        leaves = [n for n in part[hub] if part.degree(n) == 1]
        if len(leaves) < STAR:
            continue
        hx, hy = positions[hub]
        mean = sum(math.hypot(positions[n][0] - hx, positions[n][1] - hy) for n in leaves) / len(leaves)
        factor = max(1.0, len(leaves) / 2.5 / max(mean, 1e-9))
        for n in leaves:
            x, y = positions[n]
            positions[n] = (hx + (x - hx) * factor, hy + (y - hy) * factor)
    return positions


def _turn(positions: dict, upright: bool) -> dict:
    """The positions turned so that their longest axis is vertical (upright) or horizontal."""
    cx = sum(x for x, _ in positions.values()) / len(positions)
    cy = sum(y for _, y in positions.values()) / len(positions)
    sxx = sum((x - cx) ** 2 for x, _ in positions.values())
    syy = sum((y - cy) ** 2 for _, y in positions.values())
    sxy = sum((x - cx) * (y - cy) for x, y in positions.values())
    turn = (math.pi / 2 if upright else 0.0) - 0.5 * math.atan2(2 * sxy, sxx - syy)
    cos, sin = math.cos(turn), math.sin(turn)
    return {n: ((x - cx) * cos - (y - cy) * sin, (x - cx) * sin + (y - cy) * cos) for n, (x, y) in positions.items()}


# ---------------------------------------------------------------- writing


def write_network(network: nx.MultiDiGraph, fmt: str, out: BinaryIO | str | Path) -> None:
    """Write the network as html, graphml, gexf or svg to a binary file or a path."""
    if fmt not in FORMATS:
        raise AikgError(f"unknown network format {fmt!r}; use one of {', '.join(FORMATS)}")
    if isinstance(out, (str, Path)):
        with atomic_file(out) as handle:
            _write(network, fmt, handle)
    else:
        _write(network, fmt, out)


def _write(network: nx.MultiDiGraph, fmt: str, out: BinaryIO) -> None:
    if fmt == "html":
        from aikg.render_html import render_html

        out.write(render_html(network).encode("utf-8"))
    elif fmt == "svg":
        from aikg.render_svg import render_svg

        out.write(render_svg(network))
    elif fmt == "graphml":
        nx.write_graphml(_plain_copy(network), out, encoding="utf-8")
    else:
        nx.write_gexf(_with_viz(_plain_copy(network)), out, encoding="utf-8")


def _plain_copy(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without the facts (not a plain value, and for the HTML page only)."""
    copy = network.copy()
    copy.graph.pop("facts", None)
    return copy


def _with_viz(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Colours, sizes and positions in the GEXF viz namespace, for Gephi."""
    positions = layout(network)
    tints = region_tints(network)
    for node, data in network.nodes(data=True):
        colour = node_colour(data, tints).lstrip("#")
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        x, y = positions[node]
        data["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": 4.0 + 4.0 * network.degree(node) ** 0.5,
            "position": {"x": round(x * 20, 2), "y": round(y * 20, 2), "z": 0.0},
        }
    return network
