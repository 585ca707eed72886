"""The scale benchmark's synthetic graph (benchmarks/scale_data.py): renamed copies of data/be.

Two copies must be two reports that share nothing: no IRI the reports mint, no
triple, and labels that tell them apart. What they may share by design is what is
not theirs: the ontology's terms, the code lists, other vocabularies (RDF, PROV,
schema.org, ...) and the web addresses the report cites.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from aikg.paths import DATA_DIR

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from scale_data import ID_BASE, write_copies  # noqa: E402
from scale_steps import default_bindings, named_queries  # noqa: E402

SOURCE = DATA_DIR / "be"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
PROV_VALUE = ox.NamedNode("http://www.w3.org/ns/prov#value")


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> list[Path]:
    return write_copies(2, tmp_path_factory.mktemp("data-2"))


def store(*folders: Path) -> ox.Store:
    loaded = ox.Store()
    for folder in folders:
        for path in sorted(folder.glob("*.ttl")):
            loaded.load(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    return loaded


def iris(graph: ox.Store) -> set[str]:
    return {term.value for quad in graph for term in (quad.subject, quad.predicate, quad.object) if isinstance(term, ox.NamedNode)}


def literals(graph: ox.Store, predicate: ox.NamedNode) -> list[ox.Literal]:
    return sorted((q.object for q in graph.quads_for_pattern(None, predicate, None)), key=lambda lit: (lit.value, str(lit.language)))


def test_each_copy_is_a_country_folder_with_the_report_text_beside_it(copies: list[Path]) -> None:
    assert [c.name for c in copies] == ["c001", "c002"]
    for copy in copies:
        assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in SOURCE.iterdir())
        text = "ai-watch-belgium-2020.txt"
        assert (copy / text).read_bytes() == (SOURCE / text).read_bytes()


def test_copies_mint_their_own_iris_and_share_only_what_is_not_theirs(copies: list[Path]) -> None:
    first, second = iris(store(copies[0])), iris(store(copies[1]))
    common = (ID_BASE + "place/", ID_BASE + "org/")  # the shared folder's namespaces
    minted = [{i for i in found if i.startswith(ID_BASE) and not i.startswith(common)} for found in (first, second)]
    assert minted[0] and all(i.startswith(ID_BASE + "c001/") for i in minted[0])
    assert minted[1] and all(i.startswith(ID_BASE + "c002/") for i in minted[1])
    shared = first & second
    # Only the places and international bodies of data/shared/ are shared among the IRIs of the project.
    assert {i for i in shared if i.startswith(ID_BASE)} <= iris(store(DATA_DIR / "shared"))
    assert shared <= iris(store(SOURCE))  # vocabularies, code lists, cited web pages: left as they were
    assert "https://innoviris.brussels/" in shared
    assert ID_BASE + "org/jrc" in shared and ID_BASE + "place/wallonia" in shared


def test_labels_are_renamed_and_quotes_are_not(copies: list[Path]) -> None:
    first, second = store(copies[0]), store(copies[1])
    innoviris = [ox.NamedNode(f"{ID_BASE}{c}/org/innoviris") for c in ("c001", "c002")]
    assert [q.object for q in first.quads_for_pattern(innoviris[0], RDFS_LABEL, None)] == [ox.Literal("Innoviris (c001)", language="en")]
    assert [q.object for q in second.quads_for_pattern(innoviris[1], RDFS_LABEL, None)] == [ox.Literal("Innoviris (c002)", language="en")]
    flemish_plan = ox.Literal("Vlaams actieplan artificiële intelligentie (c002)", language="nl")
    assert flemish_plan in {q.object for q in second.quads_for_pattern(None, SKOS_ALT_LABEL, None)}
    original = store(SOURCE)
    for copy, graph in (("c001", first), ("c002", second)):
        for predicate in (RDFS_LABEL, SKOS_ALT_LABEL):
            renamed = literals(graph, predicate)
            assert all(label.value.endswith(f" ({copy})") for label in renamed)
            unsuffixed = sorted(((lit.value.removesuffix(f" ({copy})"), lit.language) for lit in renamed), key=str)
            assert unsuffixed == sorted(((lit.value, lit.language) for lit in literals(original, predicate)), key=str)
        assert literals(graph, PROV_VALUE) == literals(original, PROV_VALUE)


def test_two_copies_hold_exactly_twice_the_triples_of_one(copies: list[Path]) -> None:
    one = len(store(copies[0]))
    assert one == len(store(SOURCE))
    assert len(store(copies[1])) == one
    # Only the relations both copies state between shared resources (Flanders is part of Belgium) are common.
    first, second = ({(q.subject, q.predicate, q.object) for q in store(c)} for c in copies)
    common = first & second
    assert common and all(s.value.startswith((ID_BASE + "place/", ID_BASE + "org/")) for s, _, _ in common)
    assert len(store(*copies)) == 2 * one - len(common)


def test_copies_conform_like_the_original(copies: list[Path], aikg) -> None:
    status, out, err = aikg("validate", *map(str, copies))
    assert status == 0, err
    assert "0 violations" in out


def test_no_named_query_defaults_to_a_resource_of_one_country(copies: list[Path]) -> None:
    """A default naming a Belgian resource (partners-of once took beo:innoviris) breaks `aikg build`
    on any other data: the named queries have none, so the benchmark binds none either."""
    assert {name: value for query in named_queries() for name, value in default_bindings(query).items()} == {}