"""`aikg new`: start a country's report as data, in a folder that conforms as written.

The folder holds the report's text and ``report.ttl``: the prefix block (a namespace
of the report's own under ``https://w3id.org/aikg/id/CODE/`` and prefixes named after
the code, so that no other report's are taken), the report, its sections read from the
text's headings, and commented examples of an actor, an initiative, a funding relation
and a relation with its evidence, to copy and fill in.

A heading is a line that reads as one: a section number and a title ("1 Human capital",
"6.2 Flanders"), or a short line standing alone between blank lines that starts with a
capital and ends without a full stop ("Background information"). The editor removes
what is not a section.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from aikg.errors import AikgError, InputError
from aikg.paths import DATA_DIR, SHARED_DIR
from aikg.prefixes import ALL_PREFIXES, ID_SPACE, report_prefixes
from aikg.provenance import SourceTextError, collapse_whitespace, read_text_file, split_sections

__all__ = ["Section", "headings", "new_country", "slug"]

CODE = re.compile(r"^[a-z]{2,8}$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+([A-Z][^\n]{0,78}[^.,;:!?\s])$")
_PLAIN = re.compile(r"^[A-Z][\w'’&()\-–, ]{1,58}[^.,;:!?\s]$")
# The report's own namespaces: prefix suffix -> path under /id/CODE/.
KINDS = {"o": "org/", "p": "programme/", "f": "funding/", "r": "recommendation/", "t": "target/", "d": "report/"}


@dataclass(frozen=True)
class Section:
    """A heading of the text: its number (or None) and its title; ``local`` names it in the section prefix."""

    number: str | None
    title: str
    local: str

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def slug(text: str) -> str:
    """A lower-case IRI part: "Country report – Zembla" -> "country-report-zembla"."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "x"


def headings(text: str) -> list[Section]:
    """The lines of the text that read as section headings, in order, each once."""
    lines = [collapse_whitespace(line) for line in text.splitlines()]
    found: list[Section] = []
    seen_headings: set[str] = set()
    seen_locals: set[str] = set()
    for i, line in enumerate(lines):
        numbered = _NUMBERED.match(line)
        alone = (i == 0 or not lines[i - 1]) and (i + 1 == len(lines) or not lines[i + 1])
        if numbered and len(numbered.group(2).split()) <= 10:
            number, title = numbered.group(1), numbered.group(2)
            local = "section-" + number.replace(".", "-")
        elif alone and _PLAIN.match(line) and len(line.split()) <= 5:
            number, title, local = None, line, slug(line)
        else:
            continue
        if line in seen_headings:
            continue
        while local in seen_locals:
            local += "-2"
        seen_headings.add(line)
        seen_locals.add(local)
        found.append(Section(number, title, local))
    return found


def new_country(code: str, text_file: Path, title: str, country: str, root: Path = DATA_DIR) -> Path:
    """Write ``root/CODE/``: the report's text and ``report.ttl``; returns the folder.

    Raises AikgError (nothing written) for a bad code, a folder that exists, a text that
    cannot be read or has no heading, or a prefix another report already declares.
    """
    if not CODE.match(code):
        raise AikgError(f"country code {code!r}: use 2 to 8 lower-case letters (e.g. 'zz'); it names the folder and the IRIs")
    folder = root / code
    if folder.exists() or (root.resolve() / code).resolve() == SHARED_DIR.resolve():
        raise InputError(folder, "already exists; aikg new starts a new folder and never overwrites one")
    try:
        text = read_text_file(text_file, str(text_file)).decode("utf-8")
    except SourceTextError as error:
        raise InputError(text_file, str(error)) from None
    except UnicodeDecodeError as error:
        raise InputError(text_file, f"is not UTF-8 text (byte {error.start + 1})") from None
    sections = headings(text)
    if not sections:
        raise InputError(text_file, "no line reads as a section heading (e.g. '1 Human capital'); aikg new reads the "
                                    "report's sections from its headings")
    prefixes = _prefixes(code, slug(text_file.stem), root)
    country_text = split_sections(text, {s.local: s.heading for s in sections})
    named_in = next((s for s in sections if country.lower() in country_text.get(s.local, "").lower()), None)
    turtle = _report_turtle(code, text_file.name, title, country, sections, prefixes, named_in, country_text)
    folder.mkdir(parents=True)
    try:
        shutil.copyfile(text_file, folder / text_file.name)
        (folder / "report.ttl").write_text(turtle, encoding="utf-8")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _prefixes(code: str, report: str, root: Path) -> dict[str, str]:
    """The report's own prefixes (CODEo: ... CODEs:), refused if any name is taken by the project or another report."""
    own = {f"{code}{kind}": f"{ID_SPACE}{code}/{path}" for kind, path in KINDS.items()}
    own[f"{code}s"] = f"{ID_SPACE}{code}/report/{report}#"
    taken = {**ALL_PREFIXES, **report_prefixes(root)}
    for name, namespace in own.items():
        if name in taken and taken[name] != namespace:
            raise AikgError(f"prefix {name}: is already <{taken[name]}>; choose another country code")
    return own


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _report_turtle(code: str, text_name: str, title: str, country: str, sections: list[Section],
                   own: dict[str, str], named_in: Section | None, section_text: dict[str, str]) -> str:
    d, s, o, p, f = (f"{code}{k}" for k in "dsopf")
    report = f"{d}:{slug(Path(text_name).stem)}"
    place = f"place:{slug(country)}"
    shared = _shared_places()
    first = sections[0]

    def quote(value: str, section: Section) -> str:
        return (f"[ a prov:Quotation ; prov:entity {report} ; prov:atLocation {s}:{section.local} ;\n"
                f"        prov:value {_literal(value)} ]")

    common = {"aikg": ALL_PREFIXES["aikg"], "aio": ALL_PREFIXES["aio"], "place": ALL_PREFIXES["place"],
              "dct": ALL_PREFIXES["dct"], "org": ALL_PREFIXES["org"], "prov": ALL_PREFIXES["prov"],
              "q": ALL_PREFIXES["q"], "period": ALL_PREFIXES["period"], "status": ALL_PREFIXES["status"],
              "pa": ALL_PREFIXES["pa"], "rdf": ALL_PREFIXES["rdf"], "rdfs": ALL_PREFIXES["rdfs"],
              "schema": ALL_PREFIXES["schema"], "skos": ALL_PREFIXES["skos"], "xsd": ALL_PREFIXES["xsd"]}
    width = max(len(name) for name in [*own, *common]) + 2
    lines = [f"@prefix {name + ':':<{width}}<{iri}> ." for name, iri in {**common, **own}.items()]
    lines += ["", f"# The report on {country}: written by `aikg new {code}`. Its own prefixes ({', '.join(n + ':' for n in own)})",
              f"# name IRIs under {ID_SPACE}{code}/; places and international bodies (place:, aio:) are shared",
              "# (data/shared/): refer to them and quote them here, never define them again.", ""]
    lines += [f"{report}", "    a aikg:Report ;", f"    rdfs:label {_literal(title)}@en ;", f"    dct:title {_literal(title)}@en ;",
              f"    dct:spatial {place} ;", f"    aikg:sourceText {_literal(text_name)} ;",
              "    dct:hasPart " + " , ".join(f"{s}:{section.local}" for section in sections) + " ;",
              "    # Replace this quote (the first heading) by the sentence that says what the report is.",
              f"    prov:qualifiedQuotation {quote(first.heading, first)} .", ""]
    if place.split(":", 1)[1] not in shared:
        lines += [f"# {country} is not among the shared places (data/shared/places.ttl): defined here. Move it",
                  "# there (class and label) when a second report names it; its quotes stay here.",
                  f"{place} a aikg:Country ;", f"    rdfs:label {_literal(country)}@en ;"]
        if named_in is not None:
            start = section_text[named_in.local].lower().find(country.lower())
            lines.append(f"    prov:qualifiedQuotation {quote(section_text[named_in.local][start:start + len(country)], named_in)} .")
        else:
            lines[-1] = lines[-1][:-2] + " .  # the text never names it: add a quote of the report"
        lines.append("")
    for section in sections:
        lines += [f"{s}:{section.local} a aikg:Section ;", f"    dct:isPartOf {report} ;"]
        if section.number:
            lines.append(f"    aikg:sectionNumber {_literal(section.number)} ;")
        lines += [f"    rdfs:label {_literal(section.heading)}@en ;", f"    dct:title {_literal(section.title)}@en .", ""]
    where = f"{s}:{first.local}"
    lines += [line.rstrip() for line in EXAMPLES.format(o=o, p=p, f=f, report=report, where=where, place=place).splitlines()]
    return "\n".join(lines) + "\n"


def _shared_places() -> set[str]:
    """The local names of the places the shared folder defines."""
    path = SHARED_DIR / "places.ttl"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return set(re.findall(r"^place:([\w-]+) a ", text, re.M))


EXAMPLES = """\
#################################################################
# Examples: copy one, remove the '#', and fill in the report's own words.
# Every quote is verbatim from the text, in the section it cites (prov:atLocation).
# Then: aikg validate data/CODE   (see data/README.md for every pattern)
#################################################################

# An actor:
# {o}:ministry a aikg:PublicBody ;
#     rdfs:label "Ministry of Digital Affairs"@en ;
#     dct:spatial {place} ;
#     prov:qualifiedQuotation [ a prov:Quotation ; prov:entity {report} ; prov:atLocation {where} ;
#         prov:value "the words of the report that name it" ] .

# An initiative:
# {p}:ai-programme a aikg:Programme ;
#     rdfs:label "National AI programme"@en ;
#     dct:spatial {place} ;
#     schema:startDate "2019"^^xsd:gYear ;
#     prov:qualifiedQuotation [ a prov:Quotation ; prov:entity {report} ; prov:atLocation {where} ;
#         prov:value "the words of the report that name it" ] .

# A funding relation (amounts in full euros; qualifier, period and status from the code lists):
# {f}:ministry-ai-programme-2019 a aikg:FundingRelation ;
#     rdfs:label "Ministry funding of the AI programme, 2019"@en ;
#     schema:funder {o}:ministry ;
#     schema:fundedItem {p}:ai-programme ;
#     schema:amount [ a schema:MonetaryAmount ; schema:value "4000000"^^xsd:decimal ; schema:currency "EUR" ] ;
#     aikg:qualifier q:exactly ; aikg:period period:total ; aikg:year "2019"^^xsd:gYear ;
#     aikg:status status:budgeted ;
#     prov:qualifiedQuotation [ a prov:Quotation ; prov:entity {report} ; prov:atLocation {where} ;
#         prov:value "the sentence that states the amount" ] .

# A relation between two named things, and its evidence (the same triple, with its quote;
# or an aikg:EditorialStatement with rdfs:comment when it is our reading):
# {o}:ministry aikg:launched {p}:ai-programme .
# [] a rdf:Statement ; rdf:subject {o}:ministry ; rdf:predicate aikg:launched ; rdf:object {p}:ai-programme ;
#    prov:qualifiedQuotation [ a prov:Quotation ; prov:entity {report} ; prov:atLocation {where} ;
#        prov:value "the sentence that says the ministry launched it" ] .
"""
