"""A static picture of the actor network as SVG, legible on an A4 page.

Drawn with matplotlib's object API (no pyplot, no GUI backend). The layout has a
fixed seed, the SVG ids a fixed salt and no date, so the same network always gives
the same bytes. Text stays text (svg.fonttype "none"): labels can be searched.
Labels are placed one by one, most connected nodes first, where they do not cover
a label or node already drawn; an initiative's label that finds no room is left out.
"""

from __future__ import annotations

import io
import logging
import math
import re

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from aikg.network import FUNDING_RELATIONS, RELATION_GROUPS, STAR, TYPE_COLOURS, layout, node_colour, region_tints, relation_group

__all__ = ["render_svg", "shorten", "away"]

logger = logging.getLogger(__name__)

A4_LANDSCAPE = (11.7, 8.3)
AXES_BOX = (0.01, 0.02, 0.76, 0.9)
AXES_ASPECT = (A4_LANDSCAPE[0] * AXES_BOX[2]) / (A4_LANDSCAPE[1] * AXES_BOX[3])
ACTOR_LABEL_WIDTH, INITIATIVE_LABEL_WIDTH = 34, 26
SVG_STYLE = {"svg.hashsalt": "aikg-network", "svg.fonttype": "none", "font.family": "DejaVu Sans"}
# Where else a label may go when its first place is taken: the four sides, then the corners.
DIRECTIONS = ((0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0), (0.71, 0.71), (-0.71, 0.71), (0.71, -0.71), (-0.71, -0.71))
LEGEND_HEADINGS = ("Actors, by type", "Initiatives, by region", "Relations")


def render_svg(network: nx.MultiDiGraph, title: str = "Actor network") -> bytes:
    """The network as SVG bytes: actors coloured by type, initiatives by region."""
    with matplotlib.rc_context(SVG_STYLE):
        figure = Figure(figsize=A4_LANDSCAPE)
        renderer = FigureCanvasAgg(figure).get_renderer()
        axes = figure.add_axes(AXES_BOX)
        axes.set_axis_off()
        positions = layout(network, aspect=AXES_ASPECT)
        _frame(axes, positions)
        _draw_edges(axes, network, positions)
        _draw_nodes(axes, network, positions)
        _Labeller(axes, network, positions, renderer).draw()
        _draw_legend(figure, network)
        figure.suptitle(
            f"{title}: {_count(network, 'actor')} actors, {_count(network, 'initiative')} initiatives, "
            f"{network.number_of_edges()} relations",
            x=0.01, y=0.975, ha="left", fontsize=12, fontweight="bold",
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _frame(axes, positions: dict) -> None:
    """Fix the view before labels are measured: room at the sides for labels, and
    limits in the proportions of the axes, so that both directions have the same scale."""
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    width, height = max(max(xs) - min(xs), 1.0) * 1.3, max(max(ys) - min(ys), 1.0) * 1.08
    width, height = max(width, height * AXES_ASPECT), max(height, width / AXES_ASPECT)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    axes.set_xlim(cx - width / 2, cx + width / 2)
    axes.set_ylim(cy - height / 2, cy + height / 2)


def _count(network: nx.MultiDiGraph, kind: str) -> int:
    return sum(1 for _, k in network.nodes(data="kind") if k == kind)


def _draw_edges(axes, network: nx.MultiDiGraph, positions: dict) -> None:
    largest = max((a for _, _, a in network.edges(data="amount") if a), default=1.0)
    for u, v, data in network.edges(data=True):
        _, _, colour, style = relation_group(data["relation"])
        width = 0.7
        if data["relation"] in FUNDING_RELATIONS and data.get("amount"):
            width = 0.9 + 4.5 * (data["amount"] / largest) ** 0.5
        (x1, y1), (x2, y2) = positions[u], positions[v]
        axes.plot([x1, x2], [y1, y2], color=colour, linestyle=style, linewidth=width, alpha=0.55, zorder=1,
                  solid_capstyle="round")


def _draw_nodes(axes, network: nx.MultiDiGraph, positions: dict) -> None:
    tints = region_tints(network)
    for kind, marker in (("initiative", "s"), ("actor", "o")):
        nodes = [n for n, k in network.nodes(data="kind") if k == kind]
        if nodes:
            axes.scatter(
                [positions[n][0] for n in nodes], [positions[n][1] for n in nodes],
                s=[_size(network, n) for n in nodes], c=[node_colour(network.nodes[n], tints) for n in nodes],
                marker=marker, edgecolors="white", linewidths=0.8, zorder=2 if kind == "initiative" else 3,
            )


def _size(network: nx.MultiDiGraph, node: str) -> float:
    """Marker area in points²: grows with the number of links."""
    return 28.0 + 34.0 * network.degree(node) ** 0.8


class _Labeller:
    """Places labels greedily so that they neither overlap each other nor cover nodes."""

    def __init__(self, axes, network: nx.MultiDiGraph, positions: dict, renderer):
        self.axes, self.network, self.positions, self.renderer = axes, network, positions, renderer
        self.taken: list[Bbox] = [self._node_box(n) for n in network]
        self.bounds: Bbox = axes.get_window_extent(renderer)

    def draw(self) -> None:
        for node in sorted(self.network, key=self._priority):
            data = self.network.nodes[node]
            leaf = _is_star_leaf(self.network, node)
            if data["kind"] == "actor" or self.network.degree(node) >= 2 or leaf:
                self._place(node, leaf)

    def _priority(self, node: str) -> tuple:
        """Actors first, then initiatives that get a stated amount, then the most connected."""
        data = self.network.nodes[node]
        funded = any(amount for _, _, amount in self.network.in_edges(node, data="amount"))
        return (data["kind"] != "actor", not funded, -self.network.degree(node), data["label"])

    def _place(self, node: str, leaf: bool) -> None:
        data = self.network.nodes[node]
        actor = data["kind"] == "actor"
        text = shorten(data["label"], ACTOR_LABEL_WIDTH if actor else INITIATIVE_LABEL_WIDTH)
        style = {
            "fontsize": 6.5 if actor else 5.5,
            "fontweight": "bold" if self.network.degree(node) >= 5 else "normal",
            "color": "#1A1A1A" if actor else "#4A4A4A",
            "zorder": 4,
            "bbox": {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        }
        preferred = away(self.network, self.positions, node)
        radial = leaf and abs(preferred[0]) > 0.2
        candidates = [(preferred, radial)] + [(direction, False) for direction in DIRECTIONS]
        for number, (direction, along) in enumerate(candidates):
            label = self._annotate(node, text, direction, along, style)
            boxes = self._boxes(label, direction, along)
            if self._fits(boxes):
                self.taken.extend(boxes)
                return
            label.remove()
            if actor and number == len(candidates) - 1:  # every actor keeps a label, even where it is crowded
                label = self._annotate(node, text, preferred, radial, style)
                self.taken.extend(self._boxes(label, preferred, radial))

    def _fits(self, boxes: list[Bbox]) -> bool:
        """Inside the drawing, and clear of every label and node placed so far."""
        inside = all(self.bounds.x0 <= b.x0 and b.x1 <= self.bounds.x1 and self.bounds.y0 <= b.y0 and b.y1 <= self.bounds.y1
                     for b in boxes)
        return inside and not any(box.overlaps(other) for box in boxes for other in self.taken)

    def _annotate(self, node: str, text: str, direction: tuple[float, float], along: bool, style: dict):
        """A label beside the node in the direction given; along the direction if asked."""
        dx, dy = direction
        gap = 3 + _size(self.network, node) ** 0.5 / 2
        if along:
            angle = math.degrees(math.atan2(dy, dx))
            placement = {"rotation": angle if dx > 0 else angle + 180, "rotation_mode": "anchor",
                         "ha": "left" if dx > 0 else "right", "va": "center"}
        else:
            placement = {"ha": "left" if dx > 0.35 else "right" if dx < -0.35 else "center",
                         "va": "bottom" if dy > 0.35 else "top" if dy < -0.35 else "center"}
        return self.axes.annotate(text, self.positions[node], xytext=(dx * gap, dy * gap),
                                  textcoords="offset points", **placement, **style)

    def _boxes(self, label, direction: tuple[float, float], along: bool) -> list[Bbox]:
        """The display area a label covers; a slanted label as a row of small squares along it."""
        box = label.get_window_extent(self.renderer)
        if not along:
            return [box]
        rotation = label.get_rotation()
        label.set_rotation(0)
        flat = label.get_window_extent(self.renderer)
        label.set_rotation(rotation)
        (x0, y0), height = self.axes.transData.transform(label.xy), flat.height
        gap = math.hypot(*label.xyann) * self.renderer.points_to_pixels(1.0)
        steps = max(1, int(flat.width // height))
        dx, dy = direction
        return [
            Bbox.from_bounds(x0 + dx * (gap + (i + 0.5) * height) - height / 2,
                             y0 + dy * (gap + (i + 0.5) * height) - height / 2, height, height)
            for i in range(steps)
        ]

    def _node_box(self, node: str) -> Bbox:
        x, y = self.axes.transData.transform(self.positions[node])
        radius = self.renderer.points_to_pixels(_size(self.network, node) ** 0.5 / 2)
        return Bbox.from_bounds(x - radius, y - radius, 2 * radius, 2 * radius)


def _is_star_leaf(network: nx.MultiDiGraph, node: str) -> bool:
    """Linked to one node only, which has many such links."""
    neighbours = set(nx.all_neighbors(network, node))
    return len(neighbours) == 1 and len(set(nx.all_neighbors(network, neighbours.pop()))) >= STAR


def away(network: nx.MultiDiGraph, positions: dict, node: str) -> tuple[float, float]:
    """The unit vector from the centre of a node's neighbours to the node; for a node in
    the middle of a chain, across the chain (rightwards); up for a node on its own."""
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


def shorten(label: str, width: int = INITIATIVE_LABEL_WIDTH) -> str:
    """A label short enough to sit next to a node: no parentheses, the part after a
    colon ("…, pillar: Basic Applied Research"), cut at a word."""
    short = re.sub(r"\s*\([^)]*\)", "", label).strip() or label
    if len(short) > width and ": " in short and len(short.rsplit(": ", 1)[1]) >= 8:
        short = short.rsplit(": ", 1)[1]
    if len(short) <= width:
        return short
    return short[: width - 1].rsplit(" ", 1)[0].rstrip(",:;–-") + "…"


def _draw_legend(figure: Figure, network: nx.MultiDiGraph) -> None:
    types = sorted({d["type"] for _, d in network.nodes(data=True) if d["kind"] == "actor"})
    tints = region_tints(network)
    groups = {relation_group(r) for _, _, r in network.edges(data="relation")}
    handles = [_heading(LEGEND_HEADINGS[0])]
    handles += [_marker("o", TYPE_COLOURS.get(t, TYPE_COLOURS["Actor"]), t) for t in types]
    handles.append(_heading(LEGEND_HEADINGS[1]))
    regions = {d["region"] for _, d in network.nodes(data=True) if d["kind"] != "actor"}
    handles += [_marker("s", tint, region) for region, tint in tints.items() if region in regions]
    handles.append(_heading(LEGEND_HEADINGS[2]))
    handles += [Line2D([], [], color=colour, linestyle=style, linewidth=1.6, label=label)
                for label, members, colour, style in RELATION_GROUPS if (label, members, colour, style) in groups]
    legend = figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.785, 0.93), fontsize=7,
                           frameon=False, handlelength=1.8, labelspacing=0.45)
    for text in legend.get_texts():
        if text.get_text() in LEGEND_HEADINGS:
            text.set_fontweight("bold")
    figure.text(0.785, 0.035, "Node size: number of links.\nFunding lines: wider for larger amounts.",
                fontsize=6, color="#555555")


def _heading(text: str) -> Line2D:
    return Line2D([], [], linestyle="none", label=text)


def _marker(shape: str, colour: str, label: str) -> Line2D:
    return Line2D([], [], marker=shape, linestyle="none", markersize=7, markerfacecolor=colour,
                  markeredgecolor="white", label=label)
