"""A static picture of the actor network as SVG, PNG or PDF, fit to publish on an A4 or A3 page.

It says what it shows and where it comes from (a title naming the country, the source
report's citation and date, the licence), draws every region as a named box, writes
each stated amount on its funding line and explains line widths in the legend.

Drawn with matplotlib's object API (no pyplot, no GUI backend). The layout has a fixed
seed, the SVG ids a fixed salt and no date, so the same network always gives the same
bytes. Text stays text (svg.fonttype "none"): labels can be searched. Labels are placed
one by one (actors, then amounts, then initiatives and reports) where they cover no other
text and no node and stay inside their region's box; a node whose name finds no room gets a
number, and its full name goes in the key below the drawing. No text is under 8 points, so
a network too large for A4 is drawn on A3. Every node carries an SVG <title> with its full
name and money, for hover.
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
from matplotlib.transforms import Affine2D, Bbox

from aikg.network.credits import Credits
from aikg.network.labels import Labeller, Spot
from aikg.network.layout import Layout, away, layout
from aikg.network.model import contents
from aikg.network.money import FUNDING_RELATIONS, euros
from aikg.network.style import (BASES, RELATION_GROUPS, line_style, line_width, node_colour, plain_name, relation_group,
                                type_colour, width_samples)

__all__ = ["render_svg", "render_picture", "PNG_DPI"]

logger = logging.getLogger(__name__)

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
# Paper, landscape, in inches: the first on which the drawing keeps at least DRAWING_SHARE of the
# page's height beside the key; the largest otherwise.
PAPERS = ((11.69, 8.27), (16.54, 11.69))  # A4, A3
DRAWING_SHARE = 0.5
# The page in points: margins, the title above the drawing; below it a band with the key of numbered
# nodes and, at its right, the legend; the source at the foot. No text is smaller than TEXT, so that
# the page prints legibly.
TEXT = 8.0
LINE = TEXT * 1.3
MARGIN, GAP, TITLE_BAND = 10.0, 6.0, 66.0
KEY_COLUMN, KEY_WIDTH = 200.0, 40  # the width of a column of the key, in points and in characters
KEY_TRIES = 4  # drawings at most, each with the key's room of the one before
ACTOR_LABEL_WIDTH, INITIATIVE_LABEL_WIDTH, AMOUNT_WIDTH = 24, 22, 28  # characters per line of a label
LABEL_LINES = 3  # a name longer than this many lines is numbered instead
PNG_DPI = 200  # an A4 page printed sharp; the PDF and the SVG are vectors
# 72 dpi: labels are measured at the resolution the SVG is written in (a pixel is a point), so that the
# room kept between them is the room a reader sees.
SVG_STYLE = {"svg.hashsalt": "aikg-network", "svg.fonttype": "none", "font.family": "DejaVu Sans", "figure.dpi": 72}
# Where a label may go when its first place is taken: the four sides, then the corners, near then farther.
DIRECTIONS = ((0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0), (0.71, 0.71), (-0.71, 0.71), (0.71, -0.71), (-0.71, -0.71))
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # where on its line an amount may sit
HOW_TO_READ = ("Circles: actors. Squares: initiatives. Diamonds: reports. Node size: number of linked nodes. Boxes: the region "
               "(jurisdiction). A number: the name in the key below.\nAmounts as the report states them; a year, in total, "
               "spent and budgeted are never added together.")
MARKERS = {"actor": "o", "initiative": "s", "document": "D"}
DOCUMENT_COLOUR = "#FFFFFF"
LEGEND_HEADINGS = ("Actors, by type", "Initiatives, by region", "Reports", "Relations", "Lines: whose words", "Funding line width")


def render_svg(network: nx.MultiDiGraph) -> bytes:
    """The network as SVG bytes: actors coloured by type, initiatives by region, regions as boxes."""
    return render_picture(network, "svg")


def render_picture(network: nx.MultiDiGraph, fmt: str) -> bytes:
    """The same picture as SVG, PNG or PDF bytes, each written by matplotlib's own renderer
    (Agg for PNG, its PDF backend with the fonts embedded): no system library is needed. Only
    the SVG gets a <title> per node, for hover. No text is under TEXT points: a network too
    large for that on A4 is drawn on A3 (see PAPERS)."""
    for paper in PAPERS:
        figure, titles, left_out, fits = _fitted(network, paper, last=paper == PAPERS[-1])
        if fits:
            break
    if left_out:
        logger.info("labels left out for room: %s", "; ".join(left_out))
    buffer = io.BytesIO()
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {}}[fmt]
    with matplotlib.rc_context(SVG_STYLE):
        figure.savefig(buffer, format=fmt, metadata=metadata, dpi=PNG_DPI if fmt == "png" else None)
    return _with_titles(buffer.getvalue(), titles) if fmt == "svg" else buffer.getvalue()


def _fitted(network: nx.MultiDiGraph, paper: tuple[float, float], last: bool) -> tuple[Figure, dict[str, str], list[str], bool]:
    """The picture on paper, its band below the drawing made high enough for the key of numbered
    nodes (drawn again, with a lower drawing, until the key fits), and whether it fits while the
    drawing keeps DRAWING_SHARE of the page. A key too high for the paper with the drawing at its
    largest will not fit a lower one: unless the paper is the last, that is said at once."""
    limit = paper[1] * 72 * (1 - DRAWING_SHARE) - TITLE_BAND
    band = 0.0
    for _ in range(KEY_TRIES):
        figure, titles, left_out, needed = _draw(network, paper, band)
        if needed <= band or band >= limit or (needed > limit and not band and not last):
            break
        band = min(needed, limit)
    return figure, titles, left_out, needed <= band


def _draw(network: nx.MultiDiGraph, paper: tuple[float, float], band: float) -> tuple[Figure, dict[str, str], list[str], float]:
    """The picture with a band at least ``band`` points high below the drawing, for the legend and
    the key: the figure, the nodes' titles, what found no room at all, and the band's height the
    key needs."""
    credits: Credits = network.graph.get("credits") or Credits()
    largest = float(network.graph.get("largest_amount") or 0.0)
    with matplotlib.rc_context(SVG_STYLE):
        figure = Figure(figsize=paper)
        width, height = _page(figure)
        renderer = FigureCanvasAgg(figure).get_renderer()
        footer = _draw_source(figure, credits, renderer)
        legend_left, legend_height = _draw_legend(figure, network, largest, footer, renderer)
        top = footer + max(band, legend_height)
        axes = figure.add_axes(_points_to_figure(figure, (MARGIN, top + GAP, width - 2 * MARGIN, height - TITLE_BAND - top - GAP)))
        axes.set_axis_off()
        drawing = layout(network, aspect=_aspect(axes))
        _frame(axes, drawing)
        titles: dict[str, str] = {}
        labels = _NetworkLabels(Labeller(axes, renderer), network, drawing, titles)
        _draw_groups(axes, drawing, labels.labeller)
        _draw_edges(axes, network, drawing.positions, largest)
        _draw_nodes(axes, network, drawing.positions, titles)
        labels.draw()
        needed, overflow = _draw_key(figure, _key_lines(labels.numbered, labels.notes), footer, top, legend_left - GAP)
        labels.left_out += [name for number, _, name in labels.numbered if number in overflow]
        _draw_title(figure, network, credits, labels.left_out)
    return figure, titles, labels.left_out, needed


def _page(figure: Figure) -> tuple[float, float]:
    """The page's width and height in points."""
    width, height = figure.get_size_inches()
    return width * 72, height * 72


def _points(figure: Figure) -> Affine2D:
    """The transform of positions in points from the page's lower left corner."""
    return Affine2D().scale(1 / 72) + figure.dpi_scale_trans


def _points_to_figure(figure: Figure, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """(left, bottom, width, height) in points from the page's lower left corner, as figure fractions."""
    (width, height), (left, bottom, w, h) = _page(figure), box
    return left / width, bottom / height, w / width, h / height


def _aspect(axes) -> float:
    """Width over height of the axes on the page."""
    width, height = _page(axes.figure)
    box = axes.get_position()
    return (box.width * width) / (box.height * height)


def _frame(axes, drawing: Layout) -> None:
    """Fix the view before labels are measured: the boxes, a little room around them, and
    limits in the proportions of the axes, so that both directions have the same scale."""
    x0 = min((g.x0 for g in drawing.groups), default=0.0)
    x1 = max((g.x1 for g in drawing.groups), default=1.0)
    y0 = min((g.y0 for g in drawing.groups), default=0.0)
    y1 = max((g.y1 for g in drawing.groups), default=1.0)
    width, height = max(x1 - x0, 1.0) * 1.04, max(y1 - y0, 1.0) * 1.04
    aspect = _aspect(axes)
    width, height = max(width, height * aspect), max(height, width / aspect)
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
                             va="top", fontsize=TEXT + 0.5, fontweight="bold", color="#52606D", zorder=4)
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
    """One marker per node (circles for actors, squares for initiatives, diamonds for reports), each with a <title>."""
    colours = network.graph.get("region_colours", {})
    for number, (node, data) in enumerate(sorted(network.nodes(data=True), key=lambda item: item[1]["kind"] == "actor")):
        actor, document = data["kind"] == "actor", data["kind"] == "document"
        gid = f"node-{number}"
        axes.plot(*positions[node], marker=MARKERS.get(data["kind"], "s"), markersize=_node_size(network, node),
                  markerfacecolor=DOCUMENT_COLOUR if document else node_colour(data, colours),
                  markeredgecolor="#52606D" if document else "white", markeredgewidth=0.8,
                  linestyle="none", zorder=3 if actor else 2, gid=gid)
        titles[gid] = _node_title(data)


def _node_title(data: dict) -> str:
    """The full name on the first line; then type, region and money."""
    lines = [data["label"], ", ".join(part for part in (data["type"], data["region"]) if part)]
    lines += [f"{word}: {data[key]}" for key, word in (("gives", "Gives"), ("receives", "Receives")) if data.get(key)]
    return "\n".join(line for line in lines if line)


class _NetworkLabels:
    """The network's labels, placed so that they neither overlap each other nor cover
    nodes, and stay inside their region's box: actors' names first, then every amount, then
    initiatives' and reports' names. A node whose name finds no room gets a number, and a
    line in the key below the drawing; an amount with no room near its line becomes a
    numbered mark, and a note beside the legend."""

    def __init__(self, labeller: Labeller, network: nx.MultiDiGraph, drawing: Layout, titles: dict[str, str]):
        self.labeller, self.network, self.positions, self.titles = labeller, network, drawing.positions, titles
        self.left_out: list[str] = []
        self.notes: list[str] = []
        self.numbered: list[tuple[int, str, str]] = []  # (number, region box, full name)
        to_display = labeller.axes.transData.transform
        self.boxes = {}
        for group in drawing.groups:
            (x0, y0), (x1, y1) = to_display((group.x0, group.y0)), to_display((group.x1, group.y1))
            self.boxes.update({node: (group.name, Bbox.from_extents(x0, y0, x1, y1)) for node in group.nodes})
        for node in network:
            x, y = to_display(self.positions[node])
            radius = labeller.renderer.points_to_pixels(_node_size(network, node) / 2)
            labeller.reserve_box(Bbox.from_bounds(x - radius, y - radius, 2 * radius, 2 * radius))

    def draw(self) -> None:
        nodes = sorted(self.network, key=self._priority)
        number = {node: i for i, node in enumerate(nodes)}
        actors = [n for n in nodes if self.network.nodes[n]["kind"] == "actor"]
        unplaced = [node for node in actors if not self._node_label(node, f"label-{number[node]}")]
        funding = sorted(((u, v, d) for u, v, d in self.network.edges(data=True) if d.get("money")),
                         key=lambda e: (-e[2]["amount"], e[0], e[1]))
        for i, (u, v, data) in enumerate(funding):
            self._amount(u, v, data, f"amount-{i}")
        unplaced += [node for node in nodes[len(actors):] if not self._node_label(node, f"label-{number[node]}")]
        groups = [name for name, _ in sorted({box for box in self.boxes.values()}, key=lambda b: (-b[1].y1, b[1].x0))]
        unplaced.sort(key=lambda n: (groups.index(self.boxes[n][0]), -self.positions[n][1], self.positions[n][0]))
        for node in unplaced:
            self._number(node, f"label-{number[node]}")

    def _priority(self, node: str) -> tuple:
        """Actors first, then initiatives that get a stated amount, then the most connected."""
        data = self.network.nodes[node]
        funded = any(amount for _, _, amount in self.network.in_edges(node, data="amount"))
        return (data["kind"] != "actor", not funded, -len(set(nx.all_neighbors(self.network, node))), data["label"])

    def _node_label(self, node: str, gid: str) -> bool:
        """The node's plain name beside it, in whole words on at most LABEL_LINES lines; False if it has no room."""
        data = self.network.nodes[node]
        actor = data["kind"] == "actor"
        width = ACTOR_LABEL_WIDTH if actor else INITIATIVE_LABEL_WIDTH
        lines = textwrap.wrap(plain_name(data["label"], width), width, break_on_hyphens=False)
        if data.get("gives") and not any(d.get("money") for _, _, d in self.network.out_edges(node, data=True)):
            # Its funding lines are not drawn (actors only, a relation filter): its money goes with its name.
            lines += [line for money in data["gives"].split("; ") for line in textwrap.wrap(f"gives {money}", AMOUNT_WIDTH)]
        elif len(lines) > LABEL_LINES:
            return False
        style = {
            "fontsize": TEXT, "linespacing": 1.2,
            "fontweight": "bold" if actor and len(set(nx.all_neighbors(self.network, node))) >= 5 else "normal",
            "color": "#1A1A1A" if actor else "#3D4852", "zorder": 4,
            "bbox": {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        }
        text = "\n".join(lines)
        label = self._place(node, text, style, gid, distances=(1.0, 1.7, 2.5), leader=actor)
        if label is not None and text != data["label"]:
            self.titles[gid] = data["label"]
        return label is not None

    def _place(self, node: str, text: str, style: dict, gid: str, distances: tuple[float, ...], leader: bool = True):
        """Text near the node, inside its region's box; else, if leader, farther out with a thin line to the node."""
        box, side = self.boxes[node][1], away(self.network, self.positions, node)
        label = self.labeller.place(text, self.positions[node], self._around(node, side, distances), style, gid, within=box)
        if label is None and leader:
            line = {**style, "arrowprops": {"arrowstyle": "-", "color": "#7B8794", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 2}}
            label = self.labeller.place(text, self.positions[node], self._around(node, side, (3.5, 5.0)), line, gid, within=box)
        return label

    def _number(self, node: str, gid: str) -> None:
        """A number beside the node, and its full name in the key; left out if even that finds no room."""
        data = self.network.nodes[node]
        number = len(self.numbered) + 1
        style = {"fontsize": TEXT, "fontweight": "bold", "color": "#1A1A1A", "zorder": 4,
                 "bbox": {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}}
        if self._place(node, str(number), style, gid, distances=(0.6, 1.0, 1.7)) is None:
            self.left_out.append(data["label"])
            return
        self.titles[gid] = data["label"]
        self.numbered.append((number, self.boxes[node][0], data["label"]))

    def _amount(self, u: str, v: str, data: dict, gid: str) -> None:
        """The money of a funding line, in words: on the line, beside or above it, else
        beside the node it goes to, else a numbered mark and a note."""
        text = "\n".join(textwrap.wrap(data["money"], AMOUNT_WIDTH))
        style = {"fontsize": TEXT, "color": "#1B5E20", "zorder": 5, "linespacing": 1.2,
                 "bbox": {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}}
        (x1, y1), (x2, y2) = self.positions[u], self.positions[v]
        for offset, ha in (((0, 0), "center"), ((4, 0), "left"), ((-4, 0), "right"), ((0, 10), "center"), ((0, -10), "center")):
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
        ends = " → ".join(plain_name(self.network.nodes[n]["label"], 40) for n in (u, v))
        self.notes.append(f"{mark} {ends}: {data['money']}")

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


def _draw_legend(figure: Figure, network: nx.MultiDiGraph, largest: float, bottom: float, renderer) -> tuple[float, float]:
    """Colours, shapes, line styles and widths, in two columns at the lower right of the page,
    standing on ``bottom`` (points); its left edge and height in points."""
    kinds = {d["kind"] for _, d in network.nodes(data=True)}
    types = sorted({d["type"] for _, d in network.nodes(data=True) if d["kind"] == "actor"})
    colours = network.graph.get("region_colours", {})
    groups = {relation_group(r) for _, _, r in network.edges(data="relation")}
    bases = {bool(editorial) for _, _, editorial in network.edges(data="editorial")}
    regions = {d["region"] for _, d in network.nodes(data=True) if d["kind"] == "initiative"}
    sections = [
        [_marker("o", type_colour(t), t) for t in types],
        [_marker("s", tint, region) for region, tint in colours.items() if region in regions],
        [_marker(MARKERS["document"], DOCUMENT_COLOUR, "a report", edge="#52606D")] if "document" in kinds else [],
        [Line2D([], [], color=colour, linewidth=1.6, label=label)
         for label, members, colour in RELATION_GROUPS if (label, members, colour) in groups],
        [Line2D([], [], color="#555555", linestyle=style, linewidth=1.2, label=label)
         for editorial, (label, style) in BASES.items() if editorial in bases],
        [Line2D([], [], color=RELATION_GROUPS[0][2], linewidth=line_width(amount, largest), alpha=0.55, solid_capstyle="round",
                label=euros(amount)) for amount in width_samples(largest)] if any(a for _, _, a in network.edges(data="amount")) else [],
    ]
    handles = [handle for heading, entries in zip(LEGEND_HEADINGS, sections) if entries
               for handle in (_heading(heading), *entries)]
    legend = figure.legend(handles=handles, loc="lower right", bbox_to_anchor=(_page(figure)[0] - MARGIN, bottom),
                           bbox_transform=_points(figure),
                           fontsize=TEXT, frameon=False, handlelength=2.2, labelspacing=0.25, borderaxespad=0, borderpad=0,
                           ncols=2, columnspacing=1.0)
    for text in legend.get_texts():
        if text.get_text() in LEGEND_HEADINGS:
            text.set_fontweight("bold")
    extent = legend.get_window_extent(renderer)
    return extent.x0, extent.height


def _heading(text: str) -> Line2D:
    return Line2D([], [], linestyle="none", label=text)


def _marker(shape: str, colour: str, label: str, edge: str = "white") -> Line2D:
    return Line2D([], [], marker=shape, linestyle="none", markersize=7, markerfacecolor=colour,
                  markeredgecolor=edge, label=label)


def _key_lines(numbered: list[tuple[int, str, str]], notes: list[str]) -> list[tuple[str, bool, int]]:
    """The key's lines, each with whether it is a heading and its entry (the number it names, minus
    the note's number for an amount, 0 for a heading):
    the numbered nodes' full names by region, then the amounts that had no room by their line."""
    lines: list[tuple[str, bool, int]] = []
    for region in dict.fromkeys(region for _, region, _ in numbered):
        lines.append((region, True, 0))
        for number, _, name in (entry for entry in numbered if entry[1] == region):
            first, *rest = textwrap.wrap(name, KEY_WIDTH - 4, break_on_hyphens=False)
            lines += [(f"{number:>2}  {first}", False, number)] + [(f"     {line}", False, number) for line in rest]
    if notes:
        lines.append(("Amounts marked on their lines", True, 0))
        for index, note in enumerate(notes, start=1):
            mark, text = note.split(" ", 1)
            first, *rest = textwrap.wrap(text, KEY_WIDTH - 5, break_on_hyphens=False)
            lines += [(f"{mark} {first}", False, -index)] + [(f"      {line}", False, -index) for line in rest]
    return lines


def _draw_key(figure: Figure, lines: list[tuple[str, bool, int]], bottom: float, top: float, right: float) -> tuple[float, set[int]]:
    """The key's lines in columns between bottom and top and left of right (points), as many as
    fit, a column never ending inside an entry or on a heading; the height the band needs for all
    of them, and the numbers that had no room."""
    if not lines:
        return 0.0, set()
    count = max(1, int((right - MARGIN) // KEY_COLUMN))
    height = -(-len(lines) // count)
    while len(columns := _columns(lines, height)) > count:
        height += 1
    room = max(1, int((top - bottom - 2) // LINE))
    shown = [column[:room] for column in columns]
    for x, column in enumerate(shown):
        for row, (line, heading, entry) in enumerate(column):
            figure.text(MARGIN + x * KEY_COLUMN, top - row * LINE, line, transform=_points(figure),
                        fontsize=TEXT, va="top", fontweight="bold" if heading else "normal",
                        color="#52606D" if heading else "#1B5E20" if entry < 0 else "#1A1A1A")
    drawn = {number for column in shown for _, _, number in column}
    return max(len(column) for column in columns) * LINE + 2, {n for _, _, n in lines if n > 0 and n not in drawn}


def _columns(lines: list[tuple[str, bool, int]], height: int) -> list[list[tuple[str, bool, int]]]:
    """The lines in columns of at most about height lines, never broken inside an entry or after a heading."""
    blocks: list[list[tuple[str, bool, int]]] = []
    for i, line in enumerate(lines):
        after_heading = i > 0 and lines[i - 1][1]
        if blocks and (line[2] == lines[i - 1][2] and not line[1] or after_heading):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    columns: list[list[tuple[str, bool, int]]] = [[]]
    for block in blocks:
        if columns[-1] and len(columns[-1]) + len(block) > height:
            columns.append([])
        columns[-1].extend(block)
    return columns


def _draw_title(figure: Figure, network: nx.MultiDiGraph, credits: Credits, left_out: list[str]) -> None:
    """The title and what is shown, above the drawing."""
    top = _page(figure)[1]
    figure.text(MARGIN, top - 10, credits.title(), transform=_points(figure), ha="left", va="top", fontsize=15, fontweight="bold")
    shown = contents(network)
    if network.graph.get("filters"):
        shown += f"; showing only: {network.graph['filters']}"
    if left_out:
        shown += f". {len(left_out)} label{'s' if len(left_out) > 1 else ''} left out for room: names show on hover"
    figure.text(MARGIN, top - 31, shown + ".", transform=_points(figure), ha="left", va="top", fontsize=9, color="#333333")
    figure.text(MARGIN, top - 45, HOW_TO_READ, transform=_points(figure), ha="left", va="top", fontsize=TEXT, color="#555555",
                linespacing=1.25)


def _draw_source(figure: Figure, credits: Credits, renderer) -> float:
    """Source and licence at the foot of the page; the height they take, in points."""
    footer = textwrap.wrap(credits.source_line(), 170) + textwrap.wrap(credits.licence_line(), 170)
    text = figure.text(MARGIN, 8, "\n".join(footer), transform=_points(figure), ha="left", va="bottom", fontsize=TEXT,
                       color="#444444", linespacing=1.3)
    return 8 + text.get_window_extent(renderer).height + GAP


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
