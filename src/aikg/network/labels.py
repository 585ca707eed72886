"""Placing text on a matplotlib drawing so that no two pieces of text overlap.

A label is tried at its candidate spots in order, and drawn at the first whose box is
inside the drawing and clear of everything reserved so far (other labels, nodes). Each
text is measured once; candidate boxes are then plain arithmetic, and reserved boxes are
kept in a grid of cells, so that placing n labels costs about n, not n², even on networks
of thousands of nodes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["Spot", "Labeller"]

Spot = tuple[tuple[float, float], str, str]  # offset from the anchor in points, horizontal and vertical alignment
MARGIN = 1.5  # points kept free around every label
CELL = 64.0  # pixels: the side of a grid cell


class _Grid:
    """Boxes (x0, y0, x1, y1) filed under the grid cells they cover, to find quickly what a
    new box may hit."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)

    @staticmethod
    def _cells(box: tuple[float, float, float, float]) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1):
            for j in range(math.floor(box[1] / CELL), math.floor(box[3] / CELL) + 1):
                yield i, j

    def add(self, box: Bbox) -> None:
        corners = (box.x0, box.y0, box.x1, box.y1)
        for cell in self._cells(corners):
            self.cells[cell].append(corners)

    def hits(self, box: Bbox) -> bool:
        x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
        return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1
                   for cell in self._cells((x0, y0, x1, y1)) for b in self.cells.get(cell, ()))


class Labeller:
    """Draws labels on ``axes`` where they fit; ``bounds`` is the display area they must stay in."""

    def __init__(self, axes, renderer, bounds: Bbox | None = None):
        self.axes, self.renderer = axes, renderer
        self.bounds = bounds or axes.get_window_extent(renderer)
        self.margin = renderer.points_to_pixels(MARGIN)
        self.grid = _Grid()
        self.sizes: dict[tuple, tuple[float, float]] = {}

    def reserve_box(self, box: Bbox) -> None:
        self.grid.add(box)

    def reserve(self, text: Text) -> None:
        """Keep the place of a text drawn by someone else."""
        if hasattr(text, "update_positions"):  # an annotation: place its text first
            text.update_positions(self.renderer)
        self.grid.add(Text.get_window_extent(text, self.renderer).padded(self.margin))  # the text, not an arrow

    def place(self, text: str, anchor: tuple[float, float], spots: Iterable[Spot], style: dict, gid: str,
              within: Bbox | None = None) -> Text | None:
        """Draw text at the first spot where it fits (inside ``within``, a display box, if given, and
        always inside the bounds), and keep its place; None if none fits."""
        width, height = self._measure(text, style)
        x, y = self.axes.transData.transform(anchor)
        to_pixels = self.renderer.points_to_pixels(1.0)
        for (dx, dy), ha, va in spots:
            left = x + dx * to_pixels - {"left": 0.0, "center": width / 2, "right": width}[ha]
            bottom = y + dy * to_pixels - {"bottom": 0.0, "center": height / 2, "top": height}[va]
            box = Bbox.from_bounds(left, bottom, width, height).padded(self.margin)
            if self._inside(box, self.bounds) and (within is None or self._inside(box, within)) and not self.grid.hits(box):
                label = self.axes.annotate(text, anchor, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                           gid=gid, **style)
                self.reserve(label)
                return label
        return None

    @staticmethod
    def _inside(box: Bbox, b: Bbox) -> bool:
        return b.x0 <= box.x0 and box.x1 <= b.x1 and b.y0 <= box.y0 and box.y1 <= b.y1

    def _measure(self, text: str, style: dict) -> tuple[float, float]:
        """Width and height in pixels of the text in its style (measured once)."""
        key = (text, *sorted((k, v) for k, v in style.items() if k in ("fontsize", "fontweight", "linespacing")))
        if key not in self.sizes:
            probe = self.axes.annotate(text, (0, 0), ha="left", va="bottom", **{k: v for k, v in style.items() if k != "arrowprops"})
            extent = probe.get_window_extent(self.renderer)
            probe.remove()
            self.sizes[key] = (extent.width, extent.height)
        return self.sizes[key]
