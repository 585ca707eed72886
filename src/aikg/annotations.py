"""The report annotated by the graph: its text by section, each quote's place in it, the facts each
quote is evidence for, and the sentences no quote covers.

One computation, read by every door: the annotated page (``/report/CODE`` and the page ``aikg build``
writes), ``aikg coverage`` and the W3C Web Annotations of ``aikg export --annotations``.

- **Text and places.** The text is the report's file as read (aikg.provenance.read_source_text); a
  passage's ``start``/``end`` are character offsets into it (Unicode code points, as the Web
  Annotation's TextPositionSelector counts), its line breaks kept. A quote is found after collapsing
  whitespace, as validation finds it, first inside the section it cites (aikg.provenance.split_sections).
- **Coverage** is aikg.stats.quoted_mask over the collapsed text, so a section's share and the whole
  report's are those of ``aikg stats``.
- **Facts.** A quote held by a reified statement is evidence of that triple (our reading when it is an
  aikg:EditorialStatement); by a funding relation, of the money (funder funds recipient: amount, status);
  by a target, of the target; by a quantity, of that number; by any other resource, of what it is,
  and of its dates that the quote names.
- **Gaps.** A sentence with no quoted character is uncovered; it is flagged when it holds a number, an
  amount, a date or the name of an actor of the graph. A passage marked aikg:NothingToEncode (with
  its reason) takes the sentences it touches off the list, and adds nothing to the coverage.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from aikg.errors import AikgError
from aikg.prefixes import ID_SPACE, shorten
from aikg.provenance import SourceTextError, collapse_whitespace, declared_source_texts, read_source_text, split_sections
from aikg.scaffold import slug
from aikg.stats import quoted_mask

__all__ = ["Fact", "Passage", "Section", "Sentence", "AnnotatedReport", "FACT_KINDS", "annotate", "annotate_reports", "anchor",
           "place", "report_code", "report_codes"]

FACT_KINDS = ("money", "dates", "targets", "relations", "recommendations", "numbers", "resources")
AIKG = "https://w3id.org/aikg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DATES = ("http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#gYear",
         "http://www.w3.org/2001/XMLSchema#gYearMonth")
MONEY_LINKS = ("https://schema.org/funder", "https://schema.org/fundedItem")
# A sentence holds a likely missing fact when it has one of these (an actor's name is looked up apart).
AMOUNT = re.compile(r"€|\bEUR\b|\beuros?\b|\bmillions?\b|\bbillions?\b|\bbn\b", re.I)
DATE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
                  r"November|December)\b")
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                    r"fifty|hundred|thousand|dozen)\b", re.I)
BULLET = re.compile(r"\n[ \t]*[\uf0b7\u2022\u25aa\u25e6\u2013-][ \t]")
SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s)")
PAGE_NUMBER = re.compile(r"(?m)^[ \t]*\d{1,3}[ \t]*$")
PARAGRAPH = re.compile(r"\n[ \t]*\n\s*(?=[^a-z\s])")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fact:
    """One fact a quote is evidence for: ``subject property value`` with labels, what kind of fact it is,
    and whether it is our reading (``editorial``, with its ``note``) rather than the report's."""

    subject: str
    subject_label: str
    property: str  # prefixed name, or a word ("funds", "target")
    property_label: str
    value: str  # the value as shown: a label or a literal's text
    value_iri: str | None = None
    detail: str = ""  # the money or the target in words
    kinds: tuple[str, ...] = ()
    editorial: bool = False
    note: str = ""
    page: str = ""  # the IRI whose page states the fact (the funding relation, the target, else the subject)

    @property
    def text(self) -> str:
        """E.g. "Innoviris funds Team Up: €12M in total, spent"."""
        words = f"{self.subject_label} {self.property_label} {self.value}"
        return f"{words}: {self.detail}" if self.detail else words


@dataclass
class Passage:
    """A quoted span of the text, with every fact whose quote it is (quotes of the same words in the
    same section share it)."""

    quote: str  # the words as the data gives them, whitespace collapsed
    start: int
    end: int
    section: str | None  # the IRI of the section it cites
    anchor: str
    facts: list[Fact] = field(default_factory=list)
    nothing: str = ""  # the reason, for a passage marked aikg:NothingToEncode

    @property
    def kinds(self) -> list[str]:
        return sorted({k for f in self.facts for k in f.kinds})


@dataclass(frozen=True)
class Section:
    """A section's span of the text, from its heading's line to the next heading, and its coverage."""

    iri: str | None  # None: the text before the first heading
    heading: str
    start: int
    end: int
    line: int
    coverage: float


@dataclass(frozen=True)
class Sentence:
    section: str  # its section's heading
    line: int  # of its first character, from 1
    start: int
    end: int
    text: str  # whitespace collapsed
    covered: float  # share of its characters inside some quote of a fact
    flags: tuple[str, ...]  # why it likely holds a missing fact: "amount", "date", "number", "actor: NAME"
    dismissed: str = ""  # the reason of an aikg:NothingToEncode mark that touches it


@dataclass
class AnnotatedReport:
    code: str
    report: str
    label: str
    file: str  # the text's file name
    text: str
    sections: list[Section]
    passages: list[Passage]
    sentences: list[Sentence]
    coverage: float  # the share of the text (collapsed) quoted, as aikg stats reports it

    @property
    def uncovered(self) -> list[Sentence]:
        """The editor's to-do list: sentences no quote covers and no mark dismisses."""
        return [s for s in self.sentences if not s.covered and not s.dismissed]


def report_code(iri: str) -> str | None:
    """The code of the report folder an IRI belongs to: "be" for https://w3id.org/aikg/id/be/report/..."""
    if not iri.startswith(ID_SPACE):
        return None
    code = iri[len(ID_SPACE):].split("/", 1)[0]
    return code or None


def anchor(quote: str, section: str | None) -> str:
    """The fragment that names a quote's place in the annotated report: its first words and a hash of its
    words and section, so that /id/ pages and ``describe`` make it from the quote alone."""
    words = collapse_whitespace(quote)
    digest = hashlib.sha1(f"{section or ''}|{words}".encode()).hexdigest()[:8]
    return f"q-{slug(' '.join(words.split()[:5]))[:40]}-{digest}"


def place(report: str, quote: str, section: str | None) -> str | None:
    """The path of a quote in the annotated report (``/report/be#q-...``); None for a report outside /id/."""
    code = report_code(report)
    return f"/report/{code}#{anchor(quote, section)}" if code else None


_REPORTS = "SELECT ?report ?source WHERE { ?report aikg:sourceText ?source } ORDER BY ?report"


def report_codes(store) -> dict[str, list[str]]:
    """Each report folder's code and its reports (IRIs) that name their text."""
    found: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_REPORTS):
        code = report_code(row["report"].value)
        if code:
            found[code].append(row["report"].value)
    return dict(found)


def annotate(store, code: str) -> AnnotatedReport:
    """The report of folder ``code``, annotated by the graph in ``store`` (an aikg.store.GraphStore).

    Raises AikgError when no report (or more than one) of that code names its text, or its text is refused.
    """
    return annotate_reports(store, [code])[0]


def annotate_reports(store, codes: Iterable[str] | None = None) -> list[AnnotatedReport]:
    """The reports of ``codes`` (default: every report folder's, in code order), annotated as ``annotate``
    does one; what the graph says of every report (labels, kinds, money, actors' names, which file names
    which text) is read once for them all, not once per report."""
    reports = report_codes(store)
    g = _Graph(store)
    return [_annotate(g, code, reports) for code in (sorted(reports) if codes is None else codes)]


def _annotate(g: _Graph, code: str, reports: dict[str, list[str]]) -> AnnotatedReport:
    found = reports.get(code, [])
    if len(found) != 1:
        known = ", ".join(sorted(reports)) or "none"
        what = "no report with a text" if not found else f"{len(found)} reports ({', '.join(found)})"
        raise AikgError(f"report {code!r}: {what} under /id/{code}/; known: {known}")
    report = found[0]
    source, text = _text(g.declared_texts(), report)
    own = g.own(report)
    collapsed, raw_of = _collapsed(text)
    spans = _section_spans(own.sections, text, collapsed, raw_of)
    mask = quoted_mask(collapsed, [q.text for q in own.quotes if not q.nothing])
    passages = _passages(g, own, text, collapsed, raw_of, spans)
    nothing = bytearray(len(collapsed))
    for p in passages:
        if p.nothing:
            a, b = _to_collapsed(raw_of, p.start, p.end)
            nothing[a:b] = b"\x01" * (b - a)
    sections = [Section(iri, heading, start, end, text.count("\n", 0, start) + 1, _share(mask, *_to_collapsed(raw_of, start, end)))
                for iri, heading, start, end in spans]
    sentences = _sentences(text, sections, raw_of, mask, nothing, passages, g.actor_names())
    return AnnotatedReport(code, report, g.label(report), source, text, sections, passages, sentences,
                           sum(mask) / len(collapsed) if collapsed else 0.0)


# ---------------------------------------------------------------- the text


def _text(declared_texts: dict, report: str) -> tuple[str, str]:
    """The report's text file name and its text, read under aikg.provenance's rules; ``declared_texts``:
    aikg.provenance.declared_source_texts of the store's files."""
    declared = {key: path for key, path in declared_texts.items() if str(key[0]) == report}
    if not declared:
        raise AikgError(f"<{report}>: no data file names its text (aikg:sourceText)")
    (_, source), path = sorted(declared.items())[0]
    try:
        return str(source), read_source_text(source, path)
    except SourceTextError as error:
        raise AikgError(f"{path}: <{report}>: {error}") from None


def _collapsed(text: str) -> tuple[str, list[int]]:
    """The text with whitespace collapsed (as quotes are compared), and for each of its characters the
    offset of the character of the text it stands for (a space: the first of its run)."""
    chars: list[str] = []
    raw_of: list[int] = []
    for match in re.finditer(r"\S+", text):
        if chars:
            chars.append(" ")
            raw_of.append(match.start() - 1)
        chars.extend(match.group())
        raw_of.extend(range(match.start(), match.end()))
    return "".join(chars), raw_of


def _to_collapsed(raw_of: list[int], start: int, end: int) -> tuple[int, int]:
    return bisect.bisect_left(raw_of, start), bisect.bisect_left(raw_of, end)


def _to_raw(raw_of: list[int], start: int, end: int) -> tuple[int, int]:
    return raw_of[start], raw_of[end - 1] + 1


def _share(mask: bytearray, start: int, end: int) -> float:
    return sum(mask[start:end]) / (end - start) if end > start else 0.0


def _section_spans(sections: dict[str, str], text: str, collapsed: str, raw_of: list[int]) -> list[tuple]:
    """(section IRI, heading, start, end) in the text, in order; the text before the first heading is a
    span of its own (IRI None) when it holds words."""
    cut = split_sections(text, {URIRef(iri): heading for iri, heading in sections.items()})
    starts = []
    for section, words in cut.items():
        at = collapsed.find(words)
        if words and at != -1:
            starts.append((raw_of[at], str(section), sections[str(section)]))
    starts.sort()
    spans, ends = [], [s for s, _, _ in starts[1:]] + [len(text)]
    first = starts[0][0] if starts else len(text)
    if text[:first].strip():
        spans.append((None, "Before the first section", 0, first))
    for (start, iri, heading), end in zip(starts, ends):
        spans.append((iri, heading, start, end))
    return spans


def _passages(g: _Graph, own: _Own, text: str, collapsed: str, raw_of: list[int], spans: list[tuple]) -> list[Passage]:
    """One passage per place quoted, in the order of the text, with the facts of every quote there."""
    bounds = {iri: _to_collapsed(raw_of, start, end) for iri, _, start, end in spans}
    by_place: dict[tuple[int, int], Passage] = {}
    for q in own.quotes:
        words = collapse_whitespace(q.text)
        lo, hi = bounds.get(q.section, (0, len(collapsed)))
        at = collapsed.find(words, lo, hi)
        if at == -1:
            at = collapsed.find(words)
        if at == -1 or not words:
            continue  # not in the text: validation reports it
        start, end = _to_raw(raw_of, at, at + len(words))
        passage = by_place.setdefault((start, end), Passage(words, start, end, q.section, anchor(words, q.section)))
        passage.nothing = passage.nothing or q.nothing
        passage.facts.extend(f for f in g.facts(q, own.statements) if f not in passage.facts)
    return sorted(by_place.values(), key=lambda p: (p.start, -p.end))


def _sentences(text: str, sections: list[Section], raw_of: list[int], mask: bytearray, nothing: bytearray,
               passages: list[Passage], actors: _Names) -> list[Sentence]:
    """Every sentence of every section (a heading line is one), with how much of it is quoted and why it
    may hold a fact."""
    reasons = {(p.start, p.end): p.nothing for p in passages if p.nothing}
    found = []
    for section in sections:
        for start, end in _sentence_spans(text, section.start, section.end):
            words = collapse_whitespace(text[start:end])
            if not re.search(r"[^\W\d_]", words):
                continue  # a page number, a bullet alone
            a, b = _to_collapsed(raw_of, start, end)
            dismissed = ""
            if section.iri is None:
                dismissed = "before the report's first section (its cover), which no quote can cite"
            elif start == section.start:
                dismissed = "the section's heading, encoded as its aikg:Section"
            elif any(nothing[a:b]):
                dismissed = next((why for (s, e), why in reasons.items() if s < end and e > start), "")
            found.append(Sentence(section.heading, text.count("\n", 0, start) + 1, start, end, words,
                                  _share(mask, a, b), _flags(words, actors), dismissed))
    return found


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end]: cut after a full stop followed by a space, before a bullet, at a blank
    line before a line that does not go on in lower case, and after the first (heading) line."""
    # Page numbers (a line of digits alone) count as blank: a sentence broken by a page goes on after it.
    part = PAGE_NUMBER.sub(lambda m: " " * len(m.group()), text[start:end])
    first_line = part.find("\n")
    cuts = {0, len(part), first_line if first_line != -1 else len(part)}
    cuts |= {m.end() for m in SENTENCE_END.finditer(part)}
    cuts |= {m.start() + 1 for m in BULLET.finditer(part)}
    cuts |= {m.start() for m in PARAGRAPH.finditer(part)}
    ordered = sorted(c for c in cuts if 0 <= c <= len(part))
    spans = []
    for a, b in zip(ordered, ordered[1:]):
        piece = part[a:b]
        left, right = len(piece) - len(piece.lstrip()), len(piece.rstrip())
        if right > left:
            spans.append((start + a + left, start + a + right))
    return spans


def _flags(words: str, actors: _Names) -> tuple[str, ...]:
    flags = [name for name, pattern in (("amount", AMOUNT), ("date", DATE), ("number", NUMBER)) if pattern.search(words)]
    flags += [f"actor: {label}" for label in actors.found(words)]
    return tuple(dict.fromkeys(flags))


class _Names:
    """The actors' names (longest first) as whole-word patterns, each searched for only in a sentence that
    holds every word of the name: a hundred reports name thousands of actors, and searching every sentence
    for every name took most of the annotation's time.

    Where a name matches as a whole word, each of its words (runs of word characters) is bounded, on
    either side, by a character of the name that is no word character or by the pattern's boundary: it
    is a whole word of the sentence too. A name is filed under its word that the fewest names share."""

    def __init__(self, names: list[str]) -> None:
        self.patterns = [(re.compile(rf"(?<!\w){re.escape(n)}(?!\w)"), n) for n in names]
        self.words = [frozenset(WORD.findall(n)) for n in names]
        shared = Counter(w for words in self.words for w in words)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.always: list[int] = []  # names with no word character
        for index, words in enumerate(self.words):
            if words:
                self.by_word[min(words, key=lambda w: (shared[w], w))].append(index)
            else:
                self.always.append(index)

    def found(self, text: str) -> list[str]:
        """The names found in ``text`` as whole words, in the order of the names."""
        words = set(WORD.findall(text))
        candidates = set(self.always)
        for word in words:
            candidates.update(self.by_word.get(word, ()))
        return [self.patterns[i][1] for i in sorted(candidates)
                if self.words[i] <= words and self.patterns[i][0].search(text)]


# ---------------------------------------------------------------- the graph's side


@dataclass(frozen=True)
class _Quote:
    text: str
    section: str | None
    holder: object  # an ox term
    nothing: str  # the reason of an aikg:NothingToEncode holder


_QUOTES = """SELECT ?report ?q ?text ?section ?holder ?reason WHERE {
  ?q prov:entity ?report ; prov:value ?text . ?holder prov:qualifiedQuotation ?q .
  OPTIONAL { ?q prov:atLocation ?section }
  OPTIONAL { ?holder a aikg:NothingToEncode ; rdfs:comment ?reason } } ORDER BY ?q ?text"""
_SECTIONS = """SELECT ?report ?section ?title ?number WHERE {
  { ?report dct:hasPart ?section } UNION { ?section a aikg:Section ; dct:isPartOf ?report }
  OPTIONAL { ?section dct:title ?title } OPTIONAL { ?section aikg:sectionNumber ?number } }"""
_LABELS = """SELECT ?x ?label WHERE { ?x rdfs:label|skos:prefLabel ?label
  FILTER (lang(?label) = '' || langMatches(lang(?label), 'en')) } ORDER BY ?x ?label"""
_KINDS = """SELECT ?x ?class WHERE { VALUES ?class { aikg:FundingRelation aikg:CoFunding aikg:Target
  aikg:Recommendation aikg:Actor } ?x a/rdfs:subClassOf* ?class }"""
_TYPES = "SELECT ?x ?type WHERE { ?x a ?type FILTER (isIRI(?x)) } ORDER BY ?x ?type"
_NAMES = """SELECT DISTINCT ?name WHERE { ?x a/rdfs:subClassOf* aikg:Actor ; rdfs:label|skos:prefLabel|skos:altLabel ?name
  FILTER (lang(?name) = '' || langMatches(lang(?name), 'en')) }"""
_STATEMENTS = """SELECT ?report ?st ?s ?p ?o ?note ?editorial WHERE { ?st prov:qualifiedQuotation ?q ; rdf:subject ?s ;
  rdf:predicate ?p ; rdf:object ?o . ?q prov:entity ?report OPTIONAL { ?st rdfs:comment ?note }
  BIND (EXISTS { ?st a aikg:EditorialStatement } AS ?editorial) }"""
_QUANTITIES = """SELECT ?qty ?owner ?measure ?value ?unit ?qualifier WHERE { ?owner aikg:quantity ?qty .
  ?qty schema:value ?value OPTIONAL { ?qty aikg:measure ?measure } OPTIONAL { ?qty schema:unitText ?unit }
  OPTIONAL { ?qty aikg:qualifier/skos:prefLabel ?qualifier FILTER (langMatches(lang(?qualifier), 'en')) } }"""
_FUNDING = """SELECT ?f ?funder ?item ?value ?qualifier ?period ?status ?year WHERE {
  ?f schema:funder ?funder ; schema:fundedItem ?item .
  OPTIONAL { ?f schema:amount/schema:value ?value }
  OPTIONAL { ?f aikg:qualifier/skos:prefLabel ?qualifier FILTER (langMatches(lang(?qualifier), 'en')) }
  OPTIONAL { ?f aikg:period/skos:notation ?period } OPTIONAL { ?f aikg:status/skos:notation ?status }
  OPTIONAL { ?f aikg:year|schema:validThrough ?year } }"""
_TARGETS = """SELECT ?t ?of ?measure ?value ?unit ?qualifier ?deadline ?when WHERE { ?t aikg:measure ?measure .
  OPTIONAL { ?t aikg:targetOf ?of } OPTIONAL { ?t aikg:targetValue ?value } OPTIONAL { ?t schema:unitText ?unit }
  OPTIONAL { ?t aikg:qualifier/skos:prefLabel ?qualifier FILTER (langMatches(lang(?qualifier), 'en')) }
  OPTIONAL { ?t aikg:deadline ?deadline } OPTIONAL { ?t aikg:dateText ?when } }"""
_DATES = """SELECT ?x ?p ?date WHERE { ?x ?p ?date FILTER (isIRI(?x) && isLiteral(?date)
  && datatype(?date) IN (xsd:date, xsd:gYear, xsd:gYearMonth)) }"""


@dataclass(frozen=True)
class _Own:
    """What the graph says of one report: its sections (IRI to heading), its quotes, and the reified
    statements its quotes hold."""

    sections: dict[str, str]
    quotes: list[_Quote]
    statements: dict


class _Graph:
    """What the annotations need of the graph, read in a few queries once for every report (``own``:
    the little that is one report's)."""

    def __init__(self, store) -> None:
        self.store, self.prefixes = store, store.prefixes
        self.labels: dict[str, str] = {}
        for row in store.query(_LABELS):
            self.labels.setdefault(row["x"].value, row["label"].value)
        self.kinds: dict[str, set[str]] = defaultdict(set)
        for row in store.query(_KINDS):
            self.kinds[row["x"].value].add(row["class"].value[len(AIKG):])
        self.types: dict[str, list[str]] = defaultdict(list)
        for row in store.query(_TYPES):
            self.types[row["x"].value].append(row["type"].value)
        self.quantities = {r["qty"]: r for r in store.query(_QUANTITIES)}
        self.funding = {r["f"].value: r for r in store.query(_FUNDING)}
        self.targets = {r["t"].value: r for r in store.query(_TARGETS)}
        self.dates: dict[str, list] = defaultdict(list)
        for row in store.query(_DATES):
            self.dates[row["x"].value].append((row["p"].value, row["date"].value))
        self.statements: dict[str, dict] = defaultdict(dict)  # report -> statement -> its row
        for row in store.query(_STATEMENTS):
            self.statements[row["report"].value][row["st"]] = row
        self._predicates: dict[str, tuple[str, str]] = {}
        self._names: _Names | None = None
        self._declared: dict | None = None

    def own(self, report: str) -> _Own:
        bound = {ox.Variable("report"): ox.NamedNode(report)}
        sections = {}
        for row in self.store.query(_SECTIONS, bound):
            title, number = row["title"], row["number"]
            sections[row["section"].value] = (collapse_whitespace(f"{number.value} {title.value}" if number else title.value)
                                              if title else "")
        quotes = [_Quote(r["text"].value, r["section"].value if r["section"] else None, r["holder"],
                         r["reason"].value if r["reason"] else "") for r in self.store.query(_QUOTES, bound)]
        return _Own(sections, quotes, self.statements.get(report, {}))

    def declared_texts(self) -> dict:
        """aikg.provenance.declared_source_texts of the store's Turtle files (read once: it parses them all)."""
        if self._declared is None:
            self._declared = declared_source_texts([Path(f) for f in self.store.files if f.endswith(".ttl")])
        return self._declared

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or shorten(iri, self.prefixes)

    def predicate(self, iri: str) -> tuple[str, str]:
        """A property's prefixed name and words (kept: a few properties, stated thousands of times)."""
        if iri not in self._predicates:
            self._predicates[iri] = ("rdf:type", "is a") if iri == RDF_TYPE else (
                shorten(iri, self.prefixes),
                self.labels.get(iri) or re.sub(r"([a-z])([A-Z])", r"\1 \2", re.split(r"[/#]", iri)[-1]).lower())
        return self._predicates[iri]

    def is_a(self, iri: str, kind: str) -> bool:
        return kind in self.kinds.get(iri, ())

    def actor_names(self) -> _Names:
        """The actors' names (labels and alternative labels) of at least three letters."""
        if self._names is None:
            names = sorted({row["name"].value for row in self.store.query(_NAMES)}, key=lambda n: (-len(n), n))
            self._names = _Names([n for n in names if len(n) >= 3])
        return self._names

    def facts(self, q: _Quote, statements: dict) -> list[Fact]:
        """The facts a quote is evidence for (the rule of the module's docstring); ``statements``: the
        reified statements of its report (_Own.statements)."""
        holder = q.holder
        if q.nothing:
            return []
        if holder in statements:
            return [self._statement(statements[holder])]
        if holder in self.quantities:
            return [self._quantity(self.quantities[holder])]
        if not isinstance(holder, ox.NamedNode):
            return []
        iri = holder.value
        if iri in self.funding and self.is_a(iri, "FundingRelation"):
            return [self._money(iri, self.funding[iri])]
        if iri in self.targets:
            return [self._target(iri, self.targets[iri])]
        kinds = ("recommendations",) if self.is_a(iri, "Recommendation") else ("resources",)
        found = [Fact(iri, self.label(iri), "rdf:type", "is a", self.label(t), t, kinds=kinds, page=iri)
                 for t in self.types.get(iri, ())[:1]]
        words = collapse_whitespace(q.text)
        for predicate, date in self.dates.get(iri, ()):
            if date[:4] in words:  # a date the quote names
                short, label = self.predicate(predicate)
                found.append(Fact(iri, self.label(iri), short, label, date, kinds=("dates",), page=iri))
        return found

    def _statement(self, row) -> Fact:
        s, p, o = row["s"], row["p"], row["o"]
        short, label = self.predicate(p.value)
        kinds = []
        if p.value in MONEY_LINKS or self.is_a(s.value, "FundingRelation"):
            kinds.append("money")
        if p.value == AIKG + "recommends" or any(self.is_a(x.value, "Recommendation") for x in (s, o) if isinstance(x, ox.NamedNode)):
            kinds.append("recommendations")
        if isinstance(o, ox.NamedNode):
            kinds.append("relations")
            value, value_iri = self.label(o.value), o.value
        else:
            value, value_iri = o.value, None
            if isinstance(o, ox.Literal) and o.datatype.value in DATES:
                kinds.append("dates")
        editorial = row["editorial"].value == "true"
        return Fact(s.value, self.label(s.value), short, label, value, value_iri, kinds=tuple(kinds) or ("resources",),
                    editorial=editorial, note=row["note"].value if row["note"] else "", page=s.value)

    def _quantity(self, row) -> Fact:
        owner = row["owner"].value
        words = " ".join(x for x in (row["qualifier"] and row["qualifier"].value, row["value"].value,
                                     row["unit"] and row["unit"].value) if x and x != "exactly")
        measure = row["measure"].value if row["measure"] else "number"
        detail = "" if measure in words else measure
        return Fact(owner, self.label(owner), "aikg:quantity", "has", words, detail=detail, kinds=("numbers",), page=owner)

    def _money(self, iri: str, row) -> Fact:
        from aikg.network.money import money_of  # the one reading of a funding relation's money

        funder, item = row["funder"].value, row["item"].value
        status = row["status"].value if row["status"] else ""
        year = row["year"].value[:4] if row["year"] else ""
        verb = "co-funds" if self.is_a(iri, "CoFunding") else "funds"
        money = money_of({"relation": verb, "amount": float(row["value"].value) if row["value"] is not None else None,
                          "qualifier": row["qualifier"].value if row["qualifier"] else None,
                          "period": row["period"].value if row["period"] else None, "status": status, "year": year})
        detail = money.describe() if money else ", ".join(x for x in ("no amount given", status) if x)
        kinds = ["money"] + (["recommendations"] if status == "recommended" or self.is_a(item, "Recommendation") else [])
        kinds += ["dates"] if year else []
        return Fact(funder, self.label(funder), verb, verb, self.label(item), item, detail, tuple(kinds), page=iri)

    def _target(self, iri: str, row) -> Fact:
        of = row["of"].value if row["of"] else iri
        words = [row["qualifier"].value if row["qualifier"] and row["qualifier"].value != "exactly" else "",
                 row["value"].value if row["value"] else "", row["unit"].value if row["unit"] else "",
                 row["when"].value if row["when"] else (f"by {row['deadline'].value}" if row["deadline"] else "")]
        kinds = ["targets"] + (["dates"] if row["deadline"] else [])
        kinds += ["recommendations"] if self.is_a(of, "Recommendation") else []
        return Fact(of, self.label(of), "aikg:targetOf", "has the target", self.label(iri), iri,
                    " ".join(w for w in words if w) or row["measure"].value, tuple(kinds), page=iri)
