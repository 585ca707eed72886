"""The annotated report as one self-contained HTML page: the text by section, every quoted passage
highlighted, the facts each is evidence for, the sentences no quote covers marked.

The same page is served at ``/report/CODE`` (links to this server's ``/id/`` pages) and written by
``aikg build`` (links to the IRIs themselves). Everything is in the page: the text and its marks are
written into the HTML (readable without JavaScript; a passage's ``title`` lists its facts), and a small
script of our own adds the details panel, the filter by kind of fact and the scroll to ``#ANCHOR``.
Nothing is loaded from the web.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from markupsafe import Markup, escape

from aikg.annotations import FACT_KINDS, AnnotatedReport

__all__ = ["render_report"]

Link = Callable[[str], "str | None"]


def render_report(report: AnnotatedReport, link: Link) -> str:
    """The page of an annotated report; ``link`` maps an IRI to where the page links it (None: no link)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("aikg", "templates"), autoescape=select_autoescape(["html"]))
    kinds = [k for k in FACT_KINDS if any(k in p.kinds for p in report.passages)]
    facts = sum(len(p.facts) for p in report.passages)
    return env.get_template("report.html").render(
        r=report, sections=_sections(report), kinds=kinds, facts=facts,
        data=Markup(_script_json(_data(report, link))), flagged=sum(1 for s in report.uncovered if s.flags))


def _script_json(value: object) -> str:
    """JSON that cannot end its <script> element early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def _data(report: AnnotatedReport, link: Link) -> dict:
    """What the script needs: each passage's facts, with the links the page makes."""
    return {"kinds": list(FACT_KINDS), "passages": [{
        "anchor": p.anchor, "quote": p.quote, "nothing": p.nothing,
        "facts": [{"text": f.text, "subject": f.subject_label, "subjectHref": link(f.subject), "property": f.property_label,
                   "value": f.value, "valueHref": link(f.value_iri) if f.value_iri else None, "detail": f.detail,
                   "href": link(f.page), "kinds": list(f.kinds), "editorial": f.editorial, "note": f.note}
                  for f in p.facts]} for p in report.passages]}


def _sections(report: AnnotatedReport) -> list[dict]:
    """Each section with its heading and body as HTML: passages and uncovered sentences marked."""
    gaps = report.uncovered
    cuts = {0, len(report.text)}
    for item in (*report.passages, *gaps, *report.sections):
        cuts |= {item.start, item.end}
    ordered = sorted(cuts)
    anchored: set[str] = set()
    out = []
    for number, section in enumerate(report.sections):
        line_end = report.text.find("\n", section.start, section.end)
        heading_end = section.end if line_end == -1 or section.iri is None else line_end
        heading_end = section.start if section.iri is None else heading_end
        parts = {"heading": [], "body": []}
        for a, b in zip(ordered, ordered[1:]):
            if a < section.start or b > section.end:
                continue
            for start, end, where in ((a, min(b, heading_end), "heading"), (max(a, heading_end), b, "body")):
                if end > start:
                    parts[where].append(_segment(report, start, end, gaps, anchored))
        out.append({"id": f"section-{number}", "section": section, "heading": Markup("".join(parts["heading"])),
                    "body": Markup("".join(parts["body"])),
                    "uncovered": sum(1 for s in gaps if s.section == section.heading)})
    return out


def _segment(report: AnnotatedReport, start: int, end: int, gaps, anchored: set[str]) -> str:
    """One stretch of text with the same marks: the passages over it, or the uncovered sentence it is in."""
    text = _layout(report.text[start:end])
    indices = [i for i, p in enumerate(report.passages) if p.start <= start and end <= p.end]
    html = ""
    for i in indices:
        passage = report.passages[i]
        if passage.start == start and passage.anchor not in anchored:
            anchored.add(passage.anchor)
            html += f'<a class="anchor" id="{escape(passage.anchor)}" data-p="{i}"></a>'
    if indices:
        passages = [report.passages[i] for i in indices]
        facts = [f for p in passages for f in p.facts]
        kinds = sorted({k for p in passages for k in p.kinds} | ({"nothing"} if any(p.nothing for p in passages) else set()))
        classes = ["q"]
        if facts and all(f.editorial for f in facts):
            classes.append("editorial")
        if not facts:
            classes.append("nothing")
        title = "\n".join([("Our reading: " if f.editorial else "") + f.text for f in facts]
                          + [f"Nothing to encode: {p.nothing}" for p in passages if p.nothing])
        return (html + f'<span class="{" ".join(classes)}" data-p="{" ".join(map(str, indices))}" '
                f'data-k="{" ".join(kinds)}" title="{escape(title)}">{escape(text)}</span>')
    gap = next((s for s in gaps if s.start <= start and end <= s.end), None)
    if gap is not None:
        why = "No quote covers this sentence" + (f"; it likely holds a fact: {', '.join(gap.flags)}" if gap.flags else "")
        flagged = " flagged" if gap.flags else ""
        return f'<span class="gap{flagged}" data-line="{gap.line}" title="{escape(why)}">{escape(text)}</span>'
    return html + str(escape(text))


def _layout(text: str) -> str:
    """The text's whitespace as the page shows it: a blank line stays a paragraph break, a single line
    break of the source becomes a space (the page reflows the lines)."""
    return re.sub(r"\s+", lambda m: "\n\n" if m.group().count("\n") >= 2 else " ", text)
