"""The actor network of the knowledge graph, and its pictures.

The package has one direction of dependency. The model knows nothing of pictures:

- ``source``: ``select_rows``, the one place a query runs (queries/network.rq and friends);
- ``model``: the network built from those rows, its filters, money and evidence;
- ``money``: amounts with their qualifier, period and status, summed without double counting;
- ``stats``, ``layout``, ``style``, ``credits``: measures, positions, colours, and what a
  picture says about its source.

The renderers depend on the model, never the other way round: ``graphfile`` (GraphML,
GEXF), ``svg``, ``html`` and ``chart`` (the money per funder); ``output`` picks one by
format name.
"""

from __future__ import annotations

from aikg.network.model import build_network
from aikg.network.output import FORMATS, render, write_network
from aikg.network.stats import NetworkStats, network_stats

__all__ = ["FORMATS", "NetworkStats", "build_network", "network_stats", "render", "write_network"]
