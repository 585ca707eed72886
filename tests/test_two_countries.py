"""The invariants of the dumps and of the network hold with a second country beside Belgium.

Belgium and the fictional Zembla (tests/fixtures/zz) share data/shared (the JRC, the EU,
places): the shared files count once, neither country's answers change because the other
is loaded, and nothing is written twice.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import BNode, Graph

from aikg.export import export
from aikg.network import build_network
from aikg.paths import DATA_DIR
from aikg.store import open_store
from conftest import BELGIUM, ZEMBLA

pytestmark = pytest.mark.behaviour
BOTH = [DATA_DIR, ZEMBLA]


def _ground_triples(paths: list[Path]) -> set:
    """What rdflib reads in the data files, blank nodes aside (each file's are its own)."""
    graph = Graph()
    for path in paths:
        files = sorted(path.rglob("*.ttl")) if path.is_dir() else [path]
        for file in files:
            graph.parse(file, format="turtle")
    return {t for t in graph if not any(isinstance(x, BNode) for x in t)}


@pytest.fixture(scope="module")
def both_nt() -> bytes:
    return export("nt", BOTH)


def test_the_dump_of_two_countries_holds_both_and_the_shared_files_once(both_nt) -> None:
    lines = both_nt.splitlines()
    assert len(lines) == len(set(lines)), "a statement is written twice"
    dumped = {t for t in Graph().parse(data=both_nt, format="nt") if not any(isinstance(x, BNode) for x in t)}
    missing = _ground_triples(BOTH) - dumped
    assert not missing, sorted(missing)[:5]
    zembla_only = _ground_triples([ZEMBLA]) - _ground_triples([DATA_DIR])
    assert zembla_only and zembla_only <= dumped


def _data_lines(dump: bytes) -> set[bytes]:
    """The dump's lines about the data: no blank node, nothing of the dataset's description (its counts change)."""
    return {line for line in dump.splitlines()
            if b"_:" not in line and not line.startswith((b"<https://w3id.org/aikg/id/dataset", b"<https://w3id.org/aikg/graph/"))}


def test_adding_zembla_adds_its_own_triples_and_nothing_belgian(both_nt) -> None:
    belgium, both = _data_lines(export("nt")), _data_lines(both_nt)
    assert belgium <= both
    added = both - belgium
    zemblan = (b"/id/zz/", b"/id/place/zembla>")  # its report's resources, and the country its folder defines
    assert added and all(any(iri in line for iri in zemblan) for line in added), \
        sorted(line for line in added if not any(iri in line for iri in zemblan))[:5]


@pytest.fixture(scope="module")
def networks() -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    return build_network(open_store(BELGIUM)), build_network(open_store(BOTH))


def _edges(network: nx.MultiDiGraph) -> list[tuple]:
    return sorted((s, t, d["relation"], d.get("amount")) for s, t, d in network.edges(data=True))


def test_the_network_of_two_countries_is_belgiums_and_zemblas_side_by_side(networks) -> None:
    belgium, both = networks
    zemblan = {n for n in both if "/id/zz/" in n}
    # The fixture's two actors and its programme (tests/fixtures/zz/actors.ttl, programmes.ttl).
    assert {both.nodes[n]["label"] for n in zemblan} >= {"Ministry of Digital Affairs", "Zembla AI Programme"}
    belgian_part = both.subgraph(set(both) - zemblan)
    assert _edges(belgian_part) == _edges(belgium)
    edges = _edges(both)
    assert len(edges) == len(set(edges)), "an edge is drawn twice"
    # The ministry funds the programme: "funds the Zembla AI Programme with EUR 4 million in 2019".
    ministry = next(n for n in zemblan if both.nodes[n]["label"] == "Ministry of Digital Affairs")
    programme = next(n for n in zemblan if both.nodes[n]["label"] == "Zembla AI Programme")
    assert [d["amount"] for d in both.get_edge_data(ministry, programme).values() if d["relation"] == "funds"] == [4_000_000]
