"""How the network looks, shared by every picture: colours, line styles and widths, short labels.

Colours are chosen from the whole network before any filter, and kept in the network's
attributes, so that a region keeps its colour however the network is cut.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

__all__ = [
    "TYPE_COLOURS",
    "RELATION_GROUPS",
    "BASES",
    "VIA",
    "region_colours",
    "node_colour",
    "type_colour",
    "relation_group",
    "line_style",
    "line_width",
    "width_samples",
    "plain_name",
    "shorten",
]

VIA = "via"  # the relation of an edge folded through an initiative (actors only)

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
    "Country": "#1A1A1A",
    "Jurisdiction": "#5A5A8C",
    "Organisation": "#999933",
    "Actor": "#7F7F7F",
}
REGION_TINTS = ("#F3DF8C", "#AFCBE3", "#F2B8B5", "#C7DDB5", "#D3C7EA", "#F5CBA7", "#B5E0DC")
NO_REGION_TINT = "#E3E3E3"
# How relations are drawn: (legend label, relations, colour). Each group has its own colour,
# so that the line style is free to say where a relation comes from (BASES).
RELATION_GROUPS = (
    ("funds", ("funds",), "#2E7D32"),
    ("co-funds", ("co-funds",), "#00838F"),
    ("launched, runs, organises, …", ("launched", "runs", "coordinates", "organises", "develops", "commissioned", "prepared"), "#37474F"),
    ("supports", ("supports",), "#E65100"),
    ("partner of", ("partner of",), "#AD1457"),
    ("member of, part of", ("member of", "part of"), "#8D8D8D"),
    ("shares an initiative", (VIA,), "#7B1FA2"),
)
# Where a relation comes from, as the line style says it: (legend label, line style), for the
# report's words and for our reading (an edge's "editorial" attribute).
BASES = {False: ("stated in the report", "solid"), True: ("our reading, not the report's words", "dashed")}
OTHER_RELATIONS = 2  # the group of relations not listed
THIN, THICK = 0.8, 6.0  # line widths in points: no amount, the largest amount of the whole network


def region_colours(regions: Iterable[str]) -> dict[str, str]:
    """A pale colour per region, in alphabetical order of all the regions given."""
    return {region: REGION_TINTS[i % len(REGION_TINTS)] for i, region in enumerate(sorted(set(regions) - {""}))}


def type_colour(node_type: str) -> str:
    return TYPE_COLOURS.get(node_type, TYPE_COLOURS["Actor"])


def node_colour(data: dict, colours: dict[str, str]) -> str:
    """The fill of a node: by type for actors, by region for initiatives."""
    if data["kind"] == "actor":
        return type_colour(data["type"])
    return colours.get(data["region"], NO_REGION_TINT)


def relation_group(relation: str) -> tuple[str, tuple[str, ...], str]:
    """The drawing group of a relation: legend label, members, colour."""
    return next((g for g in RELATION_GROUPS if relation in g[1]), RELATION_GROUPS[OTHER_RELATIONS])


def line_style(data: dict) -> str:
    """Dashed for a relation that is our reading, solid for one the report states."""
    return BASES[bool(data.get("editorial"))][1]


def line_width(amount: float | None, largest: float) -> float:
    """Points: the area of a line's cross-section grows with the amount, up to THICK for the largest."""
    if not amount or largest <= 0:
        return THIN
    return round(THIN + (THICK - THIN) * math.sqrt(min(amount, largest) / largest), 2)


def width_samples(largest: float) -> list[float]:
    """Three round amounts for a legend of line widths: about the largest, a quarter and a twentieth of it."""
    if largest <= 0:
        return []
    return sorted({_round_down(largest * share) for share in (1.0, 0.25, 0.05)} - {0.0})


def _round_down(amount: float) -> float:
    """The largest 1, 2 or 5 times a power of ten that is not more than amount."""
    if amount < 1:
        return 0.0
    power = 10 ** math.floor(math.log10(amount))
    return max(step * power for step in (1, 2, 5) if step * power <= amount)


def plain_name(label: str, width: int) -> str:
    """A label as it sits next to a node, whole words only: no parentheses, and for a name longer than
    width, the part after a colon ("Flemish AI action plan, pillar: Basic Applied Research")."""
    short = re.sub(r"\s*\([^)]*\)", "", label).strip() or label
    if len(short) > width and ": " in short and len(short.rsplit(": ", 1)[1]) >= 8:
        short = short.rsplit(": ", 1)[1]
    return short


def shorten(label: str, width: int) -> str:
    """A plain name (see plain_name) cut at a word to fit width, for a one-line label."""
    short = plain_name(label, width)
    if len(short) <= width:
        return short
    return short[: width - 1].rsplit(" ", 1)[0].rstrip(",:;–-") + "…"
