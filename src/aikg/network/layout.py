"""Fixed positions for every picture of the network, nodes grouped by region.

Each region (the federal level, each region, the European and international bodies)
is laid out on its own and drawn as a box with its name, so that a reader sees at once
where an actor belongs; links between regions cross from box to box. Inside a box,
each connected piece gets a spring layout (fixed seed: the same network always gives
the same picture); pieces and boxes are packed in rows that fill the picture's shape.

Units: neighbouring nodes are about 1 apart; y grows upwards.

A spring layout costs the square of a piece's size at each step, and networkx needs
scipy for 500 nodes or more; pieces larger than SPRING_LIMIT are laid out as rings
around their best-connected node (a breadth-first tree), which takes linear time.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

__all__ = ["NO_REGION", "SPRING_LIMIT", "GroupBox", "Layout", "group_of", "layout", "away"]

NO_REGION = "International or not stated"
SPRING_LIMIT = 300  # nodes
ITERATIONS = 200  # steps of the spring layout for a small piece; fewer for large ones
# Space between pieces inside a box, around a box's content (wider at the sides, where labels
# reach out), above it for its name, between boxes.
PIECE_GAP_X, PIECE_GAP_Y = 4.0, 2.0
PAD_X, PAD_Y, HEAD, BOX_GAP = 1.7, 1.0, 1.3, 1.0
MIN_BOX_WIDTH = 5.0  # room for the region's name
STAR = 6  # hubs with this many leaves or more have their leaves pushed out
MONEY_PULL = 0.25  # how hard a line with an amount pulls its ends together, against other lines
SMALL_PIECE = 5  # pieces this small stand upright, so that their labels do not reach their neighbours


@dataclass(frozen=True)
class GroupBox:
    """A region's box: its name, corners (x0 < x1, y0 < y1) and the nodes inside."""

    name: str
    x0: float
    y0: float
    x1: float
    y1: float
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    positions: dict[str, tuple[float, float]]
    groups: tuple[GroupBox, ...]


def group_of(data: dict) -> str:
    """The box a node is drawn in: its region (jurisdiction), or NO_REGION."""
    return data.get("region") or NO_REGION


def layout(network: nx.MultiDiGraph, aspect: float = 1.2, seed: int = 7) -> Layout:
    """Positions and region boxes, packed to fill a drawing ``aspect`` times as wide as high."""
    simple = nx.Graph(network.to_undirected())
    for u, v, amount in network.edges(data="amount"):
        if amount:
            simple.edges[u, v]["amount"] = amount
    members: dict[str, list[str]] = defaultdict(list)
    for node, data in network.nodes(data=True):
        members[group_of(data)].append(node)
    blocks = []
    for name, nodes in sorted(members.items(), key=lambda item: (-len(item[1]), item[0])):
        inside = simple.subgraph(nodes)
        pieces = sorted((sorted(piece) for piece in nx.connected_components(inside)), key=lambda p: (-len(p), p[0]))
        placed = [_piece_layout(_ordered(inside.subgraph(piece)), seed) for piece in pieces]
        offsets, width, height = _best_pack([(w, h) for _, w, h in placed], 1.3, PIECE_GAP_X, PIECE_GAP_Y)
        positions = {node: (ox + x + PAD_X, oy + y + PAD_Y) for (part, _, _), (ox, oy) in zip(placed, offsets) for node, (x, y) in part.items()}
        box_width = max(width + 2 * PAD_X, MIN_BOX_WIDTH)
        positions = {node: (x + (box_width - width - 2 * PAD_X) / 2, y) for node, (x, y) in positions.items()}
        blocks.append((name, positions, box_width, height + 2 * PAD_Y + HEAD))
    if not blocks:
        return Layout({}, ())
    offsets, _, _ = _best_pack([(w, h) for _, _, w, h in blocks], aspect, BOX_GAP, BOX_GAP)
    positions: dict[str, tuple[float, float]] = {}
    boxes = []
    for (name, inner, width, height), (ox, oy) in zip(blocks, offsets):
        positions.update({node: (ox + x, oy + y) for node, (x, y) in inner.items()})
        boxes.append(GroupBox(name, ox, oy, ox + width, oy + height, tuple(sorted(inner))))
    return Layout(positions, tuple(boxes))


def _best_pack(sizes: list[tuple[float, float]], aspect: float, gap_x: float, gap_y: float):
    """Of 25 row widths tried, the packing whose extent best fills an ``aspect`` box."""
    narrowest = max(w for w, _ in sizes)
    widest = sum(w + gap_x for w, _ in sizes)
    candidates = [_pack(sizes, narrowest + (widest - narrowest) * i / 24, gap_x, gap_y) for i in range(25)]
    return min(candidates, key=lambda packed: max(packed[1] / aspect, packed[2]))


def _pack(sizes: list[tuple[float, float]], row_width: float, gap_x: float, gap_y: float):
    """Boxes in rows of at most row_width, top-aligned, rows going down: the lower-left
    corner of each box (the lowest row's bottom is y = 0), and the width and height used."""
    offsets = []
    x = top = row_height = used_width = 0.0
    for width, height in sizes:
        if x > 0 and x + width > row_width:
            x, top, row_height = 0.0, top - row_height - gap_y, 0.0
        offsets.append((x, top - height))
        x += width + gap_x
        row_height = max(row_height, height)
        used_width = max(used_width, x - gap_x)
    height = row_height - top
    return [(x, y + height) for x, y in offsets], used_width, height


def _ordered(part: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges in sorted order: subgraph views iterate in set order,
    which changes from run to run and would change the layout with it."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(part))
    ordered.add_edges_from(sorted((*sorted((u, v)), data) for u, v, data in part.edges(data=True)))
    return ordered


def _piece_layout(piece: nx.Graph, seed: int) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Positions from (0, 0) up, and the width and height they take; a piece laid out before (the
    same nodes and lines, for another picture of the same network) is not laid out again."""
    lines = sorted((*sorted((u, v)), "amount" in data) for u, v, data in piece.edges(data=True))  # as _ordered adds them
    shape = (tuple(piece), tuple(lines))
    positions, width, height = _laid_out(shape, seed)
    return dict(positions), width, height


@lru_cache(maxsize=4096)
def _laid_out(shape: tuple[tuple[str, ...], tuple[tuple[str, str, bool], ...]], seed: int):
    nodes, lines = shape
    piece = nx.Graph()
    piece.add_nodes_from(nodes)
    piece.add_edges_from((u, v, {"amount": True} if paid else {}) for u, v, paid in lines)
    if piece.number_of_nodes() == 1:
        return {next(iter(piece)): (0.0, 0.0)}, 0.0, 0.0
    raw = _spring(piece, seed) if piece.number_of_nodes() <= SPRING_LIMIT else _rings(piece)
    nearest = sorted(
        min(math.hypot(x - ox, y - oy) for other, (ox, oy) in raw.items() if other != node) for node, (x, y) in raw.items()
    ) if piece.number_of_nodes() <= SPRING_LIMIT else [1.0]
    scale = 1.0 / max(nearest[len(nearest) // 6], 1e-9)  # nodes at least 1 apart, but for the closest sixth
    raw = _turn(raw, upright=piece.number_of_nodes() <= SMALL_PIECE)
    scaled = _spread_stars(piece, {node: (x * scale, y * scale) for node, (x, y) in raw.items()})
    left = min(x for x, _ in scaled.values())
    bottom = min(y for _, y in scaled.values())
    positions = {node: (x - left, y - bottom) for node, (x, y) in scaled.items()}
    return positions, max(x for x, _ in positions.values()), max(y for _, y in positions.values())


def _spring(piece: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold; links of well-connected nodes pull less, so that stars spread out,
    and so do lines that carry an amount, so that it has room to be written on them."""
    weighted = nx.Graph()
    weighted.add_nodes_from(piece)
    weighted.add_edges_from(
        (u, v, {"weight": (piece.degree(u) * piece.degree(v)) ** -0.5 * (MONEY_PULL if "amount" in data else 1.0)})
        for u, v, data in piece.edges(data=True)
    )
    iterations = max(50, min(ITERATIONS, 30_000 // piece.number_of_nodes()))
    raw = nx.spring_layout(weighted, k=1.6 / piece.number_of_nodes() ** 0.5, iterations=iterations, seed=seed)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _rings(piece: nx.Graph) -> dict[str, tuple[float, float]]:
    """Rings of a breadth-first tree around the best-connected node, each subtree in a
    slice of the circle as wide as its number of leaves."""
    root = min(piece, key=lambda n: (-piece.degree(n), n))
    tree = nx.bfs_tree(piece, root, sort_neighbors=sorted)
    leaves: dict[str, int] = {}
    for node in reversed(list(nx.topological_sort(tree))):
        leaves[node] = sum(leaves[child] for child in tree.successors(node)) or 1
    positions = {root: (0.0, 0.0)}
    slices = [(root, 0.0, 2 * math.pi, 0)]
    while slices:
        node, start, end, depth = slices.pop()
        for child in sorted(tree.successors(node)):
            share = (end - start) * leaves[child] / leaves[node]
            angle = start + share / 2
            positions[child] = ((depth + 1) * math.cos(angle), (depth + 1) * math.sin(angle))
            slices.append((child, start, start + share, depth + 1))
            start += share
    return positions


def _spread_stars(piece: nx.Graph, positions: dict) -> dict:
    """Push the leaves of a star out along their rays, so that their labels fit around it."""
    for hub in piece:
        leaves = [n for n in piece[hub] if piece.degree(n) == 1]
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


def away(network: nx.MultiDiGraph, positions: dict, node: str) -> tuple[float, float]:
    """The unit vector from the centre of a node's neighbours to the node (the side where
    its label has most room); for a node in the middle of a chain, across the chain; up
    for a node on its own."""
    neighbours = sorted(set(nx.all_neighbors(network, node)))
    if not neighbours:
        return 0.0, 1.0
    x, y = positions[node]
    cx = sum(positions[n][0] for n in neighbours) / len(neighbours)
    cy = sum(positions[n][1] for n in neighbours) / len(neighbours)
    dx, dy = x - cx, y - cy
    if math.hypot(dx, dy) < 0.2 and len(neighbours) >= 2:
        (ax, ay), (bx, by) = positions[neighbours[0]], positions[neighbours[1]]
        dx, dy = (by - ay, ax - bx) if by - ay >= 0 else (ay - by, bx - ax)
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length > 1e-9 else (0.0, 1.0)
