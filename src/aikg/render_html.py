"""One self-contained, interactive HTML page of the actor network.

Cytoscape.js (MIT, vendored under aikg/static) and the network's data are inlined
into aikg/templates/network.html, so the page works offline and loads nothing
from the web. Positions come from the same fixed layout as the SVG and GEXF.
"""

from __future__ import annotations

import html
import json
import logging
import re
from importlib.resources import files

import networkx as nx

from aikg.network import FUNDING_RELATIONS, RELATION_GROUPS, TYPE_COLOURS, layout, node_colour, region_tints, relation_group
from aikg.render_svg import away, shorten

__all__ = ["CYTOSCAPE_JS", "render_html"]

logger = logging.getLogger(__name__)

CYTOSCAPE_JS = "cytoscape-3.34.4.min.js"
CANVAS = (940.0, 720.0)  # the drawing area of the page on a 1400×900 screen, in pixels
MAX_PIXELS_PER_UNIT = 90.0  # small networks stay compact rather than spread over the page
_SLOT = re.compile(r"__(TITLE|SUBTITLE|FOOTER|DATA|CYTOSCAPE)__")


def render_html(network: nx.MultiDiGraph, title: str = "Actor network") -> str:
    """The page: the template with the title, the data and Cytoscape.js filled in."""
    package = files("aikg")
    template = (package / "templates" / "network.html").read_text(encoding="utf-8")
    library = (package / "static" / CYTOSCAPE_JS).read_text(encoding="utf-8")
    if "</script" in library.lower():
        raise ValueError(f"{CYTOSCAPE_JS} cannot be inlined: it contains </script")
    slots = {
        "TITLE": html.escape(title),
        "SUBTITLE": html.escape(_subtitle(network)),
        "FOOTER": html.escape(
            "Source: the aikg knowledge graph; every fact links to the words of the report it comes from. "
            "Amounts as the report states them. Drawn with Cytoscape.js (MIT licence)."
        ),
        "DATA": _script_json(page_data(network)),
        "CYTOSCAPE": library,
    }
    # One pass, so that nothing inserted is ever read again as a slot.
    return _SLOT.sub(lambda match: slots[match.group(1)], template)


def _subtitle(network: nx.MultiDiGraph) -> str:
    kinds = [kind for _, kind in network.nodes(data="kind")]
    parts = nx.number_weakly_connected_components(network) if network.number_of_nodes() else 0
    groups = "one connected group" if parts == 1 else f"{parts} separate groups"
    return (
        f"Who funds, runs, supports or joins what: {kinds.count('actor')} actors and "
        f"{kinds.count('initiative')} initiatives, {network.number_of_edges()} relations, in {groups}."
    )


def _script_json(value: object) -> str:
    """JSON that cannot end its <script> element early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def page_data(network: nx.MultiDiGraph) -> dict[str, object]:
    """What the page's script draws: nodes with positions and styles, edges, legend, facts."""
    positions = layout(network, aspect=CANVAS[0] / CANVAS[1])
    scale = _scale(positions)
    tints = region_tints(network)
    largest = max((a for _, _, a in network.edges(data="amount") if a), default=1.0)
    money_in: dict[str, float] = {}
    money_out: dict[str, float] = {}
    for u, v, amount in network.edges(data="amount"):
        if amount is not None:
            money_out[u] = money_out.get(u, 0.0) + amount
            money_in[v] = money_in.get(v, 0.0) + amount
    nodes = []
    for node, data in network.nodes(data=True):
        x, y = positions[node]
        actor = data["kind"] == "actor"
        size = round(9 + 5 * network.degree(node) ** 0.5, 1)
        nodes.append({
            "id": node, "label": data["label"], "short": shorten(data["label"], 34 if actor else 30),
            "type": data["type"], "kind": data["kind"], "region": data["region"],
            "colour": node_colour(data, tints), "size": size,
            "x": round(x * scale, 1), "y": round(-y * scale, 1),
            **_label_place(away(network, positions, node), size),
            **({"moneyIn": money_in[node]} if node in money_in else {}),
            **({"moneyOut": money_out[node]} if node in money_out else {}),
        })
    edges = [_edge(index, u, v, data, largest) for index, (u, v, data) in enumerate(network.edges(data=True))]
    used_groups = {relation_group(data["relation"])[0] for _, _, data in network.edges(data=True)}
    initiative_regions = {d["region"] for _, d in network.nodes(data=True) if d["kind"] != "actor" and d["region"]}
    return {
        "nodes": nodes,
        "edges": edges,
        "types": [{"name": t, "colour": TYPE_COLOURS.get(t, TYPE_COLOURS["Actor"])}
                  for t in sorted({d["type"] for _, d in network.nodes(data=True) if d["kind"] == "actor"})],
        "regions": [{"name": r, "colour": c} for r, c in tints.items() if r in initiative_regions],
        "relations": [{"label": label, "members": list(members), "colour": colour, "style": style}
                      for label, members, colour, style in RELATION_GROUPS if label in used_groups],
        "facts": {node: rows for node, rows in network.graph.get("facts", {}).items() if node in network},
    }


def _scale(positions: dict) -> float:
    """Pixels per layout unit, so that the network fills the canvas at zoom 1."""
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    fill = min(CANVAS[0] / max(max(xs) - min(xs), 1.0), CANVAS[1] / max(max(ys) - min(ys), 1.0))
    return min(fill, MAX_PIXELS_PER_UNIT)


def _label_place(direction: tuple[float, float], size: float) -> dict[str, object]:
    """Cytoscape label alignment and offset on the side a label has most room."""
    dx, dy = direction
    halign = "right" if dx > 0.35 else "left" if dx < -0.35 else "center"
    valign = "top" if dy > 0.35 else "bottom" if dy < -0.35 else "center"
    return {"halign": halign, "valign": valign, "dx": round(dx * 3, 1), "dy": round(-dy * 3, 1)}


def _edge(index: int, u: str, v: str, data: dict, largest: float) -> dict[str, object]:
    _, _, colour, style = relation_group(data["relation"])
    edge = {"id": f"e{index}", "source": u, "target": v, "colour": colour, "style": style, "width": 1.4}
    edge.update({k: data[k] for k in ("relation", "amount", "qualifier", "via", "roles") if k in data})
    edge["label"] = f"via {data['via']}" if "via" in data else data["relation"]
    if data["relation"] in FUNDING_RELATIONS and data.get("amount"):
        edge["width"] = round(1.6 + 7 * (data["amount"] / largest) ** 0.5, 2)
        edge["label"] += f" €{data['amount'] / 1e6:g}M"
    return edge
