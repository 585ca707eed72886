"""Namespaces of the aikg ontology and its code lists."""

from __future__ import annotations

from rdflib import Namespace

__all__ = ["AIKG", "SCHEMA", "ORG", "CODE"]

AIKG = Namespace("https://w3id.org/aikg/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
CODE = Namespace("https://w3id.org/aikg/code/")
