"""Every quote of a report as a W3C Web Annotation (JSON-LD), so annotation tools (Hypothesis and
the like) can show the graph's facts on the report's text, and the other way round.

One ``oa:Annotation`` per quoted place (aikg.annotations.Passage): its target is the report's text
(the file that the report's ``aikg:sourceText`` names, ``text/plain``) with a ``TextQuoteSelector``
(the exact characters of the text, line breaks kept, and as much of what comes before and after as
makes the selection unique) and a ``TextPositionSelector`` (start and end, in characters of that
text, counted from 0, the end excluded); its bodies are the facts the quote is evidence for, in
words, and the IRIs they are about. A passage marked as holding nothing to encode is an annotation
that assesses it, its reason the body. The context is the standard one, named by its URL as the
model requires; nothing here fetches it.
"""

from __future__ import annotations

import json

from aikg.annotations import AnnotatedReport, Passage
from aikg.prefixes import ID_SPACE

__all__ = ["ANNOTATIONS_FILE", "CONTEXT", "web_annotations", "selectors"]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ANNOTATIONS_FILE = "annotations.jsonld"
CONTEXT_CHARS = 32  # the least prefix and suffix; more where that does not make the selection unique


def selectors(text: str, start: int, end: int) -> list[dict]:
    """The TextQuoteSelector and TextPositionSelector of text[start:end]."""
    exact, size = text[start:end], CONTEXT_CHARS
    while True:
        prefix, suffix = text[max(0, start - size):start], text[end:end + size]
        if text.count(prefix + exact + suffix) == 1 or (start - size <= 0 and end + size >= len(text)):
            break
        size *= 2
    return [{"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": start, "end": end}]


def _annotation(report: AnnotatedReport, passage: Passage) -> dict:
    target = {"source": {"id": report.report, "type": "Text", "format": "text/plain", "language": "en"},
              "selector": selectors(report.text, passage.start, passage.end)}
    if passage.nothing:
        body = [{"type": "TextualBody", "value": f"Nothing to encode: {passage.nothing}", "format": "text/plain",
                 "language": "en", "purpose": "assessing"}]
        motivation = "assessing"
    else:
        body = [{"type": "TextualBody", "value": (f"Our reading: {f.text}" + (f" ({f.note})" if f.note else "")
                                                  if f.editorial else f.text),
                 "format": "text/plain", "language": "en", "purpose": "commenting" if f.editorial else "describing"}
                for f in passage.facts]
        iris = dict.fromkeys(x for f in passage.facts for x in (f.page, f.subject, f.value_iri) if x)
        body += [{"type": "SpecificResource", "source": iri, "purpose": "identifying"} for iri in iris]
        motivation = "linking"
    return {"id": f"{ID_SPACE}{report.code}/annotation/{passage.anchor}", "type": "Annotation",
            "motivation": motivation, "body": body, "target": target}


def web_annotations(reports: list[AnnotatedReport]) -> bytes:
    """One AnnotationCollection of every quoted place of the reports, as JSON-LD."""
    items = [_annotation(r, p) for r in reports for p in r.passages]
    collection = {"@context": CONTEXT, "id": f"{ID_SPACE}annotations", "type": "AnnotationCollection",
                  "label": "The quotes of the aikg knowledge graph, on the reports' texts", "total": len(items),
                  "first": {"type": "AnnotationPage", "startIndex": 0, "items": items}}
    return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
