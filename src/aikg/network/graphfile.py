"""The network as GraphML or GEXF, for Gephi, yEd, Cytoscape desktop or networkx.

Every node and edge keeps its plain attributes: a funding edge its amount, qualifier,
period and status, and ``money`` in words ("more than €6M a year, spent"); an edge whose
money is already inside a larger amount of the same funder says so in ``within``; nodes
say what they ``gives`` and ``receives``, counted once. The graph carries its title,
source and licence. GEXF adds colours, sizes and the fixed layout for Gephi.
"""

from __future__ import annotations

from typing import BinaryIO

from xml.etree.ElementTree import SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from aikg.network.layout import layout
from aikg.network.style import node_colour

__all__ = ["write_graphml", "write_gexf", "plain_copy"]

def write_graphml(network: nx.MultiDiGraph, out: BinaryIO) -> None:
    nx.write_graphml(plain_copy(network), out, encoding="utf-8")


def write_gexf(network: nx.MultiDiGraph, out: BinaryIO) -> None:
    """GEXF with viz attributes; GEXF keeps no graph attributes, so title, source and
    licence go into its <meta> <description>."""
    copy = plain_copy(network)
    _add_viz(copy, network.graph.get("region_colours", {}))
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(copy)
    meta = writer.xml.find("meta")
    if meta is not None and copy.graph.get("title"):
        SubElement(meta, "description").text = " ".join(copy.graph[key] for key in ("title", "source", "licence"))
    writer.write(out)


def plain_copy(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose graph attributes are the picture's words only: title, source, licence, filters."""
    copy = network.copy()
    credits = network.graph.get("credits")
    copy.graph.clear()
    if credits is not None:
        copy.graph.update(title=credits.title(), source=credits.source_line(), licence=credits.licence_line())
    if network.graph.get("filters"):
        copy.graph["filters"] = network.graph["filters"]
    return copy


def _add_viz(network: nx.MultiDiGraph, colours: dict[str, str]) -> None:
    """Colours, sizes and positions in the GEXF viz namespace, for Gephi."""
    positions = layout(network).positions
    simple = nx.Graph(network.to_undirected())
    for node, data in network.nodes(data=True):
        colour = node_colour(data, colours).lstrip("#")
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        x, y = positions[node]
        data["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": 4.0 + 4.0 * simple.degree(node) ** 0.5,
            "position": {"x": round(x * 20, 2), "y": round(y * 20, 2), "z": 0.0},
        }
