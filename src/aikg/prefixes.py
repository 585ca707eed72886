"""The prefixes known to every query, table and export: the project's, and each report's own.

A report's own prefixes (Belgium's ``beo:``, ``bep:``, ...) are not listed here: they are
read from the prefix lines of its folder under data/ (``report_prefixes``), each
namespace under ``https://w3id.org/aikg/id/CODE/`` belonging to the folder CODE. The
project-wide names below are never taken over by a report's declaration.
"""

from __future__ import annotations

import re
from pathlib import Path

from aikg.paths import DATA_DIR, SHARED_DIR

__all__ = ["PREFIXES", "STANDARD_PREFIXES", "REPORT_PREFIXES", "ALL_PREFIXES", "ID_SPACE", "report_prefixes",
           "shorten"]

ID_SPACE = "https://w3id.org/aikg/id/"

PREFIXES = {
    "aikg": "https://w3id.org/aikg/ontology#",
    "pa": "https://w3id.org/aikg/code/policy-area/",
    "q": "https://w3id.org/aikg/code/qualifier/",
    "period": "https://w3id.org/aikg/code/period/",
    "status": "https://w3id.org/aikg/code/status/",
    "dq": "https://w3id.org/aikg/code/date-qualifier/",
    "place": "https://w3id.org/aikg/id/place/",
    "aio": "https://w3id.org/aikg/id/org/",
    # The sections of the first report (Belgium's), named before reports had prefixes of their own; every
    # other report's sections have their own prefix (CODEs:), and a report declaring sec: takes nothing over.
    "sec": "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#",
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

_PREFIX_LINE = re.compile(r"^[ \t]*@?prefix[ \t]+([A-Za-z][\w.-]*):[ \t]*<([^>]*)>", re.I | re.M)
_HEAD = 1 << 14  # prefix lines stand at the top of a file


def report_prefixes(data: Path = DATA_DIR) -> dict[str, str]:
    """Each report's own prefixes, from the prefix lines of the country folders of ``data``.

    A folder's own are the namespaces under ``ID_SPACE + folder name + "/"``; a name the
    project declares, or an earlier folder (in name order) already took, is not taken again.
    """
    found: dict[str, str] = {}
    folders = sorted(p for p in data.iterdir() if p.is_dir() and p.resolve() != SHARED_DIR.resolve()) if data.is_dir() else []
    for folder in folders:
        own = f"{ID_SPACE}{folder.name}/"
        for file in sorted(folder.rglob("*.ttl")):
            try:
                with file.open("rb") as handle:
                    head = handle.read(_HEAD).decode("utf-8", "replace")
            except OSError:
                continue  # unreadable files are reported by the command that reads them
            for name, namespace in _PREFIX_LINE.findall(head):
                if namespace.startswith(own) and name not in PREFIXES and name not in STANDARD_PREFIXES:
                    found.setdefault(name, namespace)
    return found


REPORT_PREFIXES = report_prefixes()
ALL_PREFIXES = {**STANDARD_PREFIXES, **REPORT_PREFIXES, **PREFIXES}


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
