"""Writing the network in one of its formats: the one module that knows every renderer.

Renderers are imported when they are needed, so that building or measuring the network
does not load matplotlib.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import networkx as nx

from aikg.errors import AikgError

__all__ = ["FORMATS", "write_network", "render"]

FORMATS = ("html", "graphml", "gexf", "svg", "png", "pdf")


def render(network: nx.MultiDiGraph, fmt: str) -> bytes:
    """The network as the bytes of a file in the format given."""
    if fmt == "html":
        from aikg.network.html import render_html

        return render_html(network).encode("utf-8")
    if fmt in ("svg", "png", "pdf"):
        from aikg.network.svg import render_picture

        return render_picture(network, fmt)
    if fmt in ("graphml", "gexf"):
        import io

        from aikg.network.graphfile import write_gexf, write_graphml

        buffer = io.BytesIO()
        (write_graphml if fmt == "graphml" else write_gexf)(network, buffer)
        return buffer.getvalue()
    raise AikgError(f"unknown network format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_network(network: nx.MultiDiGraph, fmt: str, out: BinaryIO | str | Path) -> None:
    """Write the network as html, graphml, gexf, svg, png or pdf to a binary file or a path."""
    data = render(network, fmt)
    if isinstance(out, (str, Path)):
        try:
            Path(out).write_bytes(data)
        except OSError as error:
            raise AikgError(f"{out}: cannot write: {error.strerror}") from None
    else:
        out.write(data)
