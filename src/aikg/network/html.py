"""One self-contained, interactive HTML page of the actor network.

Cytoscape.js (MIT, vendored under aikg/static) and the network's data are inlined into
aikg/templates/network.html, so the page works offline and loads nothing from the web.
Positions and region boxes come from the same fixed layout as the SVG. The title, the
legend and the source line are written into the HTML itself, so that they are there
without JavaScript (and a test can read them); the script adds hover, search and the
details panel, where a relation shows exactly the evidence recorded for it.
"""

from __future__ import annotations

import html
import json
import logging
import re
from importlib.resources import files

import networkx as nx

from aikg.network.credits import Credits
from aikg.network.layout import away, group_of, layout
from aikg.network.model import contents, edge_key
from aikg.network.money import FUNDING_RELATIONS, euros
from aikg.network.style import (BASES, RELATION_GROUPS, VIA, line_style, line_width, node_colour, relation_group, shorten,
                                type_colour, width_samples)

__all__ = ["CYTOSCAPE_JS", "render_html", "page_data"]

logger = logging.getLogger(__name__)

CYTOSCAPE_JS = "cytoscape-3.34.4.min.js"
# The shape the layout fills: between the drawing areas of the page on a 1400×1000 screen
# (1020×800 pixels) and on a 1280×720 one (900×500), so that both are filled.
CANVAS = (1000.0, 640.0)
# Pixels between neighbouring nodes: labels of 12–15 pixels have room at zoom 1; a large
# network is then zoomed out to fit, and initiatives' labels wait until one zooms in.
PIXELS_PER_UNIT = 40.0
PIXELS_PER_POINT = 1.6  # line widths on the page, from the points of the SVG
_SLOT = re.compile(r"__(TITLE|SUBTITLE|LEGEND|SOURCE|LICENCE|DATA|CYTOSCAPE)__")


def render_html(network: nx.MultiDiGraph) -> str:
    """The page: the template with the title, legend, source, data and Cytoscape.js filled in."""
    package = files("aikg")
    template = (package / "templates" / "network.html").read_text(encoding="utf-8")
    library = (package / "static" / CYTOSCAPE_JS).read_text(encoding="utf-8")
    if "</script" in library.lower():
        raise ValueError(f"{CYTOSCAPE_JS} cannot be inlined: it contains </script")
    credits: Credits = network.graph.get("credits") or Credits()
    slots = {
        "TITLE": html.escape(credits.title()),
        "SUBTITLE": html.escape(_subtitle(network)),
        "LEGEND": legend_html(network),
        "SOURCE": html.escape(credits.source_line()),
        "LICENCE": html.escape(credits.licence_line() + " Drawn with Cytoscape.js (MIT licence)."),
        "DATA": _script_json(page_data(network)),
        "CYTOSCAPE": library,
    }
    # One pass, so that nothing inserted is ever read again as a slot.
    return _SLOT.sub(lambda match: slots[match.group(1)], template)


def _subtitle(network: nx.MultiDiGraph) -> str:
    parts = nx.number_weakly_connected_components(network) if network.number_of_nodes() else 0
    groups = "one connected group" if parts == 1 else f"{parts} separate groups"
    text = f"{contents(network)}, in {groups}; boxes are regions."
    if network.graph.get("filters"):
        text += f" Showing only: {network.graph['filters']}."
    return text


def _script_json(value: object) -> str:
    """JSON that cannot end its <script> element early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


# ---------------------------------------------------------------- legend, in the HTML itself


def legend_html(network: nx.MultiDiGraph) -> str:
    """The legend's sections as HTML lists: what each colour, shape, line style and width means.
    Entries carry data-pick, which the script uses to pick out their nodes."""
    colours = network.graph.get("region_colours", {})
    types = sorted({d["type"] for _, d in network.nodes(data=True) if d["kind"] == "actor"})
    regions = {d["region"] for _, d in network.nodes(data=True) if d["kind"] == "initiative"}
    reports = sorted({d["type"] for _, d in network.nodes(data=True) if d["kind"] == "document"})
    used = {relation_group(r)[0] for _, _, r in network.edges(data="relation")}
    bases = {bool(editorial) for _, _, editorial in network.edges(data="editorial")}
    sections = [
        ("Actors (circles), by type", "legend-types",
         [_item(f"type:{t}", _chip(type_colour(t)), t) for t in types]),
        ("Initiatives (squares), by region", "legend-regions",
         [_item(f"region:{r}", _chip(c, square=True), r) for r, c in colours.items() if r in regions]),
        ("Reports (white diamonds)", "legend-documents",
         [_item(f"document:{t}", _diamond(), t) for t in reports]),
        ("Relations", "legend-relations",
         [_item("relation:" + ",".join(members), _stroke(colour, "solid", 3), label)
          for label, members, colour in RELATION_GROUPS if label in used]),
        ("Lines: whose words", "legend-bases",
         [_item(f"editorial:{int(editorial)}", _stroke("#5f6b76", style, 2), label)
          for editorial, (label, style) in BASES.items() if editorial in bases]),
    ]
    largest = float(network.graph.get("largest_amount") or 0.0)
    if any(amount for _, _, amount in network.edges(data="amount")):
        sections.append(("Funding line width: the stated amount", "legend-widths",
                         [_item("", _stroke(RELATION_GROUPS[0][2], "solid", line_width(amount, largest) * PIXELS_PER_POINT),
                                euros(amount)) for amount in width_samples(largest)]))
    return "\n".join(
        f'<h2>{html.escape(title)}</h2>\n<ul class="legend" id="{list_id}">{"".join(items)}</ul>'
        for title, list_id, items in sections if items
    )


def _item(pick: str, chip: str, text: str) -> str:
    attribute = f' data-pick="{html.escape(pick)}" title="Pick out: {html.escape(text)}"' if pick else ""
    return f"<li{attribute}>{chip}<span>{html.escape(text)}</span></li>"


def _chip(colour: str, square: bool = False) -> str:
    return f'<span class="chip{" square" if square else ""}" style="background:{colour}"></span>'


def _diamond() -> str:
    """A report's chip: drawn by the template's .chip.diamond, as its node[kind = 'document']."""
    return '<span class="chip diamond"></span>'


def _stroke(colour: str, style: str, width: float) -> str:
    return f'<span class="stroke" style="border-top:{width:.1f}px {style} {colour}"></span>'


# ---------------------------------------------------------------- data for the script


def page_data(network: nx.MultiDiGraph) -> dict[str, object]:
    """What the page's script draws: region boxes, nodes with positions and styles, edges
    with their money and evidence, and the facts of each node."""
    drawing = layout(network, aspect=CANVAS[0] / CANVAS[1])
    scale = PIXELS_PER_UNIT
    colours = network.graph.get("region_colours", {})
    largest = float(network.graph.get("largest_amount") or 0.0)
    simple = nx.Graph(network.to_undirected())
    nodes = []
    for node, data in network.nodes(data=True):
        x, y = drawing.positions[node]
        actor = data["kind"] == "actor"
        size = round(12 + 6 * simple.degree(node) ** 0.5, 1)
        nodes.append({
            "id": node, "label": data["label"], "short": shorten(data["label"], 34 if actor else 30),
            "type": data["type"], "kind": data["kind"], "region": data["region"], "group": group_of(data),
            "colour": node_colour(data, colours), "size": size,
            "x": round(x * scale, 1), "y": round(-y * scale, 1),
            **_label_place(away(network, drawing.positions, node)),
            **{key: data[key] for key in ("gives", "receives") if data.get(key)},
        })
    groups = [
        {"id": f"region:{g.name}", "label": g.name, "x": round((g.x0 + g.x1) / 2 * scale, 1), "y": round(-(g.y0 + g.y1) / 2 * scale, 1),
         "w": round((g.x1 - g.x0) * scale, 1), "h": round((g.y1 - g.y0) * scale, 1)}
        for g in drawing.groups
    ]
    edges = [_edge(index, network, u, v, data, largest) for index, (u, v, data) in enumerate(network.edges(data=True))]
    return {
        "groups": groups,
        "nodes": nodes,
        "edges": edges,
        "facts": {node: rows for node, rows in network.graph.get("facts", {}).items() if node in network},
    }


def _label_place(direction: tuple[float, float]) -> dict[str, object]:
    """Cytoscape label alignment and offset on the side a label has most room."""
    dx, dy = direction
    halign = "right" if dx > 0.35 else "left" if dx < -0.35 else "center"
    valign = "top" if dy > 0.35 else "bottom" if dy < -0.35 else "center"
    return {"halign": halign, "valign": valign, "dx": round(dx * 3, 1), "dy": round(-dy * 3, 1)}


def _edge(index: int, network: nx.MultiDiGraph, u: str, v: str, data: dict, largest: float) -> dict[str, object]:
    colour = relation_group(data["relation"])[2]
    edge: dict[str, object] = {"id": f"e{index}", "source": u, "target": v, "colour": colour, "style": line_style(data),
                               "width": 1.4, "editorial": bool(data.get("editorial"))}
    edge.update({k: data[k] for k in ("relation", "iri", "money", "within", "via", "roles") if k in data})
    edge["label"] = f"via {data['via']}" if "via" in data else data["relation"]
    if data["relation"] in FUNDING_RELATIONS and data.get("amount"):
        edge["width"] = round(line_width(data["amount"], largest) * PIXELS_PER_POINT, 2)
        edge["label"] += f" {data['money']}"
    edge["evidence"] = _evidence(network, u, v, data)
    return edge


def _evidence(network: nx.MultiDiGraph, u: str, v: str, data: dict) -> list[dict[str, str]]:
    """The evidence recorded for an edge, each piece with the relation it backs; for an
    edge folded through an initiative, the evidence of both actors' links to it."""
    evidence = network.graph.get("evidence", {})
    if data["relation"] != VIA:
        claim = f"{network.nodes[u]['label']} {data['relation']} {network.nodes[v]['label']}"
        return [{"claim": claim, **piece} for piece in evidence.get(edge_key(u, data["relation"], v, data.get("iri")), [])]
    return [dict(piece) for piece in network.graph.get("via_evidence", {}).get(edge_key(u, VIA, v, data.get("via_iri")), [])]
