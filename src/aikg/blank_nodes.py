"""Blank nodes that hang together in structures too large to publish.

The modelling rules use blank nodes for small things (an amount, a quotation, a
quantity): a handful linked to each other. RDF Dataset Canonicalization
(RDFC-1.0), which gives the dumps their stable labels, takes time that grows far
faster than such a structure: a chain of a thousand blank nodes ran for minutes
and ten thousand crashed. So a group of more than MAX_LINKED blank nodes linked to
one another is a problem that ``aikg validate`` reports and ``aikg export`` refuses,
naming the resource it hangs from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["MAX_LINKED", "oversized_groups"]

MAX_LINKED = 256  # blank nodes in one linked group: far more than any amount or quotation needs


def oversized_groups(triples: Iterable, is_blank: Callable[[object], bool],
                     limit: int = MAX_LINKED) -> list[tuple[object, int]]:
    """For each group of more than ``limit`` blank nodes linked by triples: a named subject it hangs
    from (None when it hangs from none) and its size, largest first. Works on rdflib's and pyoxigraph's
    terms alike (``is_blank`` tells a blank node); no recursion, so any depth is safe."""
    parent: dict[object, object] = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    anchors: dict[object, object] = {}
    for triple in triples:
        subject, obj = triple[0], triple[2]
        if is_blank(subject) and is_blank(obj):
            a, b = root(subject), root(obj)
            if a != b:
                parent[a] = b
        elif is_blank(obj):
            root(obj)
            anchors.setdefault(obj, subject)
        elif is_blank(subject):
            root(subject)
    sizes: dict[object, int] = {}
    for node in list(parent):
        top = root(node)
        sizes[top] = sizes.get(top, 0) + 1
    held = {root(node): anchor for node, anchor in anchors.items()}
    found = [(held.get(top), size) for top, size in sizes.items() if size > limit]
    return sorted(found, key=lambda item: -item[1])
