"""The prefixes the project declares: known to every query, table and export."""

from __future__ import annotations

__all__ = ["PREFIXES", "STANDARD_PREFIXES", "ALL_PREFIXES", "shorten"]

PREFIXES = {
    "aikg": "https://w3id.org/aikg/ontology#",
    "pa": "https://w3id.org/aikg/code/policy-area/",
    "q": "https://w3id.org/aikg/code/qualifier/",
    "period": "https://w3id.org/aikg/code/period/",
    "status": "https://w3id.org/aikg/code/status/",
    "dq": "https://w3id.org/aikg/code/date-qualifier/",
    "place": "https://w3id.org/aikg/id/place/",
    "aio": "https://w3id.org/aikg/id/org/",
    "beo": "https://w3id.org/aikg/id/be/org/",
    "bep": "https://w3id.org/aikg/id/be/programme/",
    "ber": "https://w3id.org/aikg/id/be/recommendation/",
    "bet": "https://w3id.org/aikg/id/be/target/",
    "bef": "https://w3id.org/aikg/id/be/funding/",
    "bed": "https://w3id.org/aikg/id/be/report/",
    "org": "http://www.w3.org/ns/org#",
    "cv": "http://data.europa.eu/m8g/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}

# W3C vocabularies every SPARQL user expects without declaring them.
STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
}

ALL_PREFIXES = {**STANDARD_PREFIXES, **PREFIXES}


def shorten(iri: str, prefixes: dict[str, str]) -> str:
    """``beo:innoviris`` for an IRI in a known namespace, ``<iri>`` otherwise.

    The longest matching namespace wins; a local part that Turtle could not write
    unescaped keeps the full IRI.
    """
    best = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
            local = iri[len(namespace):]
            if _plain_local(local):
                best = prefix
    if best:
        return f"{best}:{iri[len(prefixes[best]):]}"
    return f"<{iri}>"


def _plain_local(local: str) -> bool:
    if not local:
        return True
    if local[0] in "-." or local[-1] == ".":
        return False
    return all(c.isalnum() or c in "_-." for c in local)
