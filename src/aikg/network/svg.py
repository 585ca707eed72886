"""A static picture of the actor network as SVG, fit to publish on an A4 page.

It says what it shows and where it comes from (a title naming the country, the source
report's citation and date, the licence), draws every region as a named box, writes
each stated amount on its funding line and explains line widths in the legend.

Drawn with matplotlib's object API (no pyplot, no GUI backend). The layout has a fixed
seed, the SVG ids a fixed salt and no date, so the same network always gives the same
bytes. Text stays text (svg.fonttype "none"): labels can be searched. Labels are placed
one by one (amounts first, then actors, then initiatives) where they cover no other text
and no node; a label that finds no room is left out. Every node carries an SVG <title>
with its full name, so a cut or left-out label is still there on hover.
"""

from __future__ import annotations

import io
import logging
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterable

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch
from matplotlib.transforms import Bbox

from aikg.network.credits import Credits
from aikg.network.labels import Labeller, Spot
from aikg.network.layout import Layout, away, layout
from aikg.network.model import contents
from aikg.network.money import FUNDING_RELATIONS, euros
from aikg.network.style import (BASES, RELATION_GROUPS, line_style, line_width, node_colour, relation_group, shorten, type_colour,
                                width_samples)

__all__ = ["render_svg", "render_picture", "PNG_DPI"]

logger = logging.getLogger(__name__)

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
A4_LANDSCAPE = (11.7, 8.3)
AXES_BOX = (0.01, 0.075, 0.77, 0.835)  # left, bottom, width, height: room above for the title, below for the source
LEGEND_X = 0.79
AXES_ASPECT = (A4_LANDSCAPE[0] * AXES_BOX[2]) / (A4_LANDSCAPE[1] * AXES_BOX[3])
ACTOR_LABEL_WIDTH, INITIATIVE_LABEL_WIDTH = 30, 24
# 72 dpi: labels are measured at the resolution the SVG is written in (a pixel is a point), so that the
# room kept between them is the room a reader sees.
PNG_DPI = 200  # an A4 page printed sharp; the PDF and the SVG are vectors
SVG_STYLE = {"svg.hashsalt": "aikg-network", "svg.fonttype": "none", "font.family": "DejaVu Sans", "figure.dpi": 72}
# Where a label may go when its first place is taken: the four sides, then the corners, near then farther.
DIRECTIONS = ((0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0), (0.71, 0.71), (-0.71, 0.71), (0.71, -0.71), (-0.71, -0.71))
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # where on its line an amount may sit
LEGEND_HEADINGS = ("Actors, by type", "Initiatives, by region", "Relations", "Lines: whose words", "Funding line width")


def render_svg(network: nx.MultiDiGraph) -> bytes:
    """The network as SVG bytes: actors coloured by type, initiatives by region, regions as boxes."""
    return render_picture(network, "svg")


def render_picture(network: nx.MultiDiGraph, fmt: str) -> bytes:
    """The same A4 picture as SVG, PNG or PDF bytes, each written by matplotlib's own renderer
    (Agg for PNG, its PDF backend with the fonts embedded): no system library is needed. Only
    the SVG gets a <title> per node, for hover."""
    credits: Credits = network.graph.get("credits") or Credits()
    largest = float(network.graph.get("largest_amount") or 0.0)
    with matplotlib.rc_context(SVG_STYLE):
        figure = Figure(figsize=A4_LANDSCAPE)
        renderer = FigureCanvasAgg(figure).get_renderer()
        axes = figure.add_axes(AXES_BOX)
        axes.set_axis_off()
        drawing = layout(network, aspect=AXES_ASPECT)
        _frame(axes, drawing)
        titles: dict[str, str] = {}
        labels = _NetworkLabels(Labeller(axes, renderer), network, drawing.positions, titles)
        _draw_groups(axes, drawing, labels.labeller)
        _draw_edges(axes, network, drawing.positions, largest)
        _draw_nodes(axes, network, drawing.positions, titles)
        labels.draw()
        _draw_legend(figure, network, largest, labels.notes, renderer)
        _draw_credits(figure, network, credits, labels.left_out)
        buffer = io.BytesIO()
        metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {}}[fmt]
        figure.savefig(buffer, format=fmt, metadata=metadata, dpi=PNG_DPI if fmt == "png" else None)
    if labels.left_out:
        logger.info("labels left out for room: %s", "; ".join(labels.left_out))
    return _with_titles(buffer.getvalue(), titles) if fmt == "svg" else buffer.getvalue()


def _frame(axes, drawing: Layout) -> None:
    """Fix the view before labels are measured: the boxes, a little room around them, and
    limits in the proportions of the axes, so that both directions have the same scale."""
    x0 = min((g.x0 for g in drawing.groups), default=0.0)
    x1 = max((g.x1 for g in drawing.groups), default=1.0)
    y0 = min((g.y0 for g in drawing.groups), default=0.0)
    y1 = max((g.y1 for g in drawing.groups), default=1.0)
    width, height = max(x1 - x0, 1.0) * 1.04, max(y1 - y0, 1.0) * 1.04
    width, height = max(width, height * AXES_ASPECT), max(height, width / AXES_ASPECT)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    axes.set_xlim(cx - width / 2, cx + width / 2)
    axes.set_ylim(cy - height / 2, cy + height / 2)


def _draw_groups(axes, drawing: Layout, labeller: Labeller) -> None:
    """Each region as a pale rounded box with its name in the top left corner."""
    for number, group in enumerate(drawing.groups):
        axes.add_patch(FancyBboxPatch(
            (group.x0, group.y0), group.x1 - group.x0, group.y1 - group.y0, boxstyle="round,pad=0,rounding_size=0.4",
            facecolor="#F4F6F8", edgecolor="#D3D9DF", linewidth=0.8, zorder=0, gid=f"group-{number}",
        ))
        name = axes.annotate(group.name, (group.x0, group.y1), xytext=(5, -4), textcoords="offset points", ha="left",
                             va="top", fontsize=7.5, fontweight="bold", color="#52606D", zorder=4)
        labeller.reserve(name)


def _draw_edges(axes, network: nx.MultiDiGraph, positions: dict, largest: float) -> None:
    """All lines as one collection (thousands of lines stay quick): colour by relation, dashed
    for our reading, width by amount."""
    segments, colours, widths, styles = [], [], [], []
    for u, v, data in network.edges(data=True):
        segments.append([positions[u], positions[v]])
        colours.append(relation_group(data["relation"])[2])
        styles.append(line_style(data))
        widths.append(line_width(data.get("amount"), largest) if data["relation"] in FUNDING_RELATIONS else 0.7)
    axes.add_collection(LineCollection(segments, colors=colours, linewidths=widths, linestyles=styles, alpha=0.55,
                                       zorder=1, capstyle="round", gid="lines"))


def _node_size(network: nx.MultiDiGraph, node: str) -> float:
    """Marker diameter in points: grows with the number of distinct neighbours."""
    return 5.0 + 2.2 * len(set(nx.all_neighbors(network, node))) ** 0.6


def _draw_nodes(axes, network: nx.MultiDiGraph, positions: dict, titles: dict[str, str]) -> None:
    """One marker per node (circles for actors, squares for initiatives), each with a <title>."""
    colours = network.graph.get("region_colours", {})
    for number, (node, data) in enumerate(sorted(network.nodes(data=True), key=lambda item: item[1]["kind"] == "actor")):
        actor = data["kind"] == "actor"
        gid = f"node-{number}"
        axes.plot(*positions[node], marker="o" if actor else "s", markersize=_node_size(network, node),
                  markerfacecolor=node_colour(data, colours), markeredgecolor="white", markeredgewidth=0.8,
                  linestyle="none", zorder=3 if actor else 2, gid=gid)
        titles[gid] = _node_title(data)


def _node_title(data: dict) -> str:
    """The full name on the first line; then type, region and money."""
    lines = [data["label"], ", ".join(part for part in (data["type"], data["region"]) if part)]
    lines += [f"{word}: {data[key]}" for key, word in (("gives", "Gives"), ("receives", "Receives")) if data.get(key)]
    return "\n".join(line for line in lines if line)


class _NetworkLabels:
    """The network's labels, placed so that they neither overlap each other nor cover
    nodes: actors' names first, then every amount, then initiatives' names. An amount
    with no room near its line becomes a numbered mark, and a note beside the legend."""

    def __init__(self, labeller: Labeller, network: nx.MultiDiGraph, positions: dict, titles: dict[str, str]):
        self.labeller, self.network, self.positions, self.titles = labeller, network, positions, titles
        self.left_out: list[str] = []
        self.notes: list[str] = []
        for node in network:
            x, y = labeller.axes.transData.transform(positions[node])
            radius = labeller.renderer.points_to_pixels(_node_size(network, node) / 2)
            labeller.reserve_box(Bbox.from_bounds(x - radius, y - radius, 2 * radius, 2 * radius))

    def draw(self) -> None:
        nodes = sorted(self.network, key=self._priority)
        number = {node: i for i, node in enumerate(nodes)}
        actors = [n for n in nodes if self.network.nodes[n]["kind"] == "actor"]
        for node in actors:
            self._node_label(node, f"label-{number[node]}")
        funding = sorted(((u, v, d) for u, v, d in self.network.edges(data=True) if d.get("money")),
                         key=lambda e: (-e[2]["amount"], e[0], e[1]))
        for i, (u, v, data) in enumerate(funding):
            self._amount(u, v, data, f"amount-{i}")
        for node in nodes[len(actors):]:
            self._node_label(node, f"label-{number[node]}")

    def _priority(self, node: str) -> tuple:
        """Actors first, then initiatives that get a stated amount, then the most connected."""
        data = self.network.nodes[node]
        funded = any(amount for _, _, amount in self.network.in_edges(node, data="amount"))
        return (data["kind"] != "actor", not funded, -len(set(nx.all_neighbors(self.network, node))), data["label"])

    def _node_label(self, node: str, gid: str) -> None:
        data = self.network.nodes[node]
        actor = data["kind"] == "actor"
        text = shorten(data["label"], ACTOR_LABEL_WIDTH if actor else INITIATIVE_LABEL_WIDTH)
        if data.get("gives") and not any(d.get("money") for _, _, d in self.network.out_edges(node, data=True)):
            # Its funding lines are not drawn (actors only, a relation filter): its money goes with its name.
            text += "".join(f"\ngives {money}" for money in data["gives"].split("; "))
        style = {
            "fontsize": 6.5 if actor else 5.5, "linespacing": 1.15,
            "fontweight": "bold" if len(set(nx.all_neighbors(self.network, node))) >= 5 else "normal",
            "color": "#1A1A1A" if actor else "#4A4A4A", "zorder": 4,
            "bbox": {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        }
        spots = self._around(node, away(self.network, self.positions, node))
        label = self.labeller.place(text, self.positions[node], spots, style, gid)
        if label is None and actor:  # an actor's name may sit farther out, with a thin line to its node
            leader = {**style, "arrowprops": {"arrowstyle": "-", "color": "#7B8794", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 2}}
            label = self.labeller.place(text, self.positions[node], self._around(node, away(self.network, self.positions, node),
                                                                                  distances=(3.5, 5.0, 7.0)), leader, gid)
        if label is None:
            if actor:
                self.left_out.append(data["label"])
        elif text != data["label"]:
            self.titles[gid] = data["label"]

    def _amount(self, u: str, v: str, data: dict, gid: str) -> None:
        """The money of a funding line, in words: on the line, beside or above it, else
        beside the node it goes to, else a numbered mark and a note."""
        text = data["money"]
        style = {"fontsize": 5.5, "color": "#1B5E20", "zorder": 5, "linespacing": 1.1,
                 "bbox": {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}}
        (x1, y1), (x2, y2) = self.positions[u], self.positions[v]
        for offset, ha in (((0, 0), "center"), ((4, 0), "left"), ((-4, 0), "right"), ((0, 8), "center"), ((0, -8), "center")):
            for t in ALONG:
                point = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
                if self.labeller.place(text, point, [(offset, ha, "center")], style, gid) is not None:
                    return
        if self.labeller.place(text, self.positions[v], self._around(v, DIRECTIONS[0]), style, gid) is not None:
            return
        mark = f"[{len(self.notes) + 1}]"
        spots = [((dx * 9, dy * 9), "center", "center") for dx, dy in ((0, 0), *DIRECTIONS)]
        mark_style = {**style, "fontweight": "bold"}
        placed = any(self.labeller.place(mark, (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t), [((0, 0), "center", "center")],
                                         mark_style, gid) is not None for t in ALONG) \
            or self.labeller.place(mark, self.positions[v], spots, mark_style, gid) is not None
        if not placed:
            self.left_out.append(f"amount {mark}")
        ends = " → ".join(shorten(self.network.nodes[n]["label"], 40) for n in (u, v))
        self.notes.append(f"{mark} {ends}: {text}".replace("\n", " "))

    def _around(self, node: str, preferred: tuple[float, float], distances=(1.0, 1.7, 2.5)) -> Iterable[Spot]:
        """Spots around a node, best first; above and below, a label may also hang off to either side."""
        size = _node_size(self.network, node)
        for distance in distances:
            gap = (2.5 + size / 2) * distance
            for dx, dy in (preferred, *DIRECTIONS):
                ha = "left" if dx > 0.35 else "right" if dx < -0.35 else "center"
                va = "bottom" if dy > 0.35 else "top" if dy < -0.35 else "center"
                yield (dx * gap, dy * gap), ha, va
                if ha == "center":
                    yield (dx * gap - size / 2, dy * gap), "left", va
                    yield (dx * gap + size / 2, dy * gap), "right", va


def _draw_legend(figure: Figure, network: nx.MultiDiGraph, largest: float, notes: list[str], renderer) -> None:
    """Colours, line styles and widths; below them the amounts that had no room by their
    line; at the bottom, how to read the picture."""
    types = sorted({d["type"] for _, d in network.nodes(data=True) if d["kind"] == "actor"})
    colours = network.graph.get("region_colours", {})
    groups = {relation_group(r) for _, _, r in network.edges(data="relation")}
    bases = {bool(editorial) for _, _, editorial in network.edges(data="editorial")}
    regions = {d["region"] for _, d in network.nodes(data=True) if d["kind"] != "actor"}
    sections = [
        [_marker("o", type_colour(t), t) for t in types],
        [_marker("s", tint, region) for region, tint in colours.items() if region in regions],
        [Line2D([], [], color=colour, linewidth=1.6, label=label)
         for label, members, colour in RELATION_GROUPS if (label, members, colour) in groups],
        [Line2D([], [], color="#555555", linestyle=style, linewidth=1.2, label=label)
         for editorial, (label, style) in BASES.items() if editorial in bases],
        [Line2D([], [], color=RELATION_GROUPS[0][2], linewidth=line_width(amount, largest), alpha=0.55, solid_capstyle="round",
                label=euros(amount)) for amount in width_samples(largest)] if any(a for _, _, a in network.edges(data="amount")) else [],
    ]
    handles = [handle for heading, entries in zip(LEGEND_HEADINGS, sections) if entries
               for handle in (_heading(heading), *entries)]
    legend = figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(LEGEND_X, 0.9), fontsize=7,
                           frameon=False, handlelength=2.4, labelspacing=0.5)
    for text in legend.get_texts():
        if text.get_text() in LEGEND_HEADINGS:
            text.set_fontweight("bold")
    if notes:
        bottom = figure.transFigure.inverted().transform(legend.get_window_extent(renderer).p0)[1]
        lines = ["Amounts marked on their lines:"] + [wrapped for note in notes for wrapped in textwrap.wrap(note, 44)]
        figure.text(LEGEND_X + 0.005, bottom - 0.01, "\n".join(lines), fontsize=6, color="#1B5E20", va="top", linespacing=1.4)
    figure.text(LEGEND_X + 0.005, 0.1, "\n".join((
        "Circles: actors. Squares: initiatives.",
        "Node size: number of linked nodes.",
        "Boxes: the region (jurisdiction) of a node.",
        "Amounts as the report states them;",
        "a year, in total, spent and budgeted",
        "are never added together.",
    )), fontsize=6, color="#555555", va="bottom", linespacing=1.5)


def _heading(text: str) -> Line2D:
    return Line2D([], [], linestyle="none", label=text)


def _marker(shape: str, colour: str, label: str) -> Line2D:
    return Line2D([], [], marker=shape, linestyle="none", markersize=7, markerfacecolor=colour,
                  markeredgecolor="white", label=label)


def _draw_credits(figure: Figure, network: nx.MultiDiGraph, credits: Credits, left_out: list[str]) -> None:
    """Title and what is shown above the drawing; source and licence below it."""
    figure.text(0.01, 0.972, credits.title(), ha="left", va="top", fontsize=13, fontweight="bold")
    shown = contents(network)
    if network.graph.get("filters"):
        shown += f"; showing only: {network.graph['filters']}"
    if left_out:
        shown += f". {len(left_out)} label{'s' if len(left_out) > 1 else ''} left out for room: names show on hover"
    figure.text(0.01, 0.935, shown + ".", ha="left", va="top", fontsize=8, color="#333333")
    footer = textwrap.wrap(credits.source_line(), 190) + textwrap.wrap(credits.licence_line(), 190)
    figure.text(0.01, 0.012, "\n".join(footer), ha="left", va="bottom", fontsize=6, color="#444444", linespacing=1.5)


def _with_titles(svg: bytes, titles: dict[str, str]) -> bytes:
    """The SVG with a <title> as the first child of each element whose id has one."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    for element in root.iter():
        text = titles.get(element.get("id", ""))
        if text is not None:
            title = ET.Element(f"{{{SVG_NS}}}title")
            title.text = text
            element.insert(0, title)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
