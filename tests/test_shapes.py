"""Each SHACL rule, BrickSchema style: a small Turtle case that conforms, and cases that must not.

Every case is validated together with the ontology and code lists, exactly as
``aikg validate FILE`` does. A failing case must also produce the rule's message,
so the test fails when a rule stops saying what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aikg.validate import validate

PRELUDE = """
@prefix aikg:   <https://w3id.org/aikg/ontology#> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix ex:     <https://example.org/> .
@prefix pa:     <https://w3id.org/aikg/code/policy-area/> .
@prefix period: <https://w3id.org/aikg/code/period/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix q:      <https://w3id.org/aikg/code/qualifier/> .
@prefix dq:     <https://w3id.org/aikg/code/date-qualifier/> .
@prefix rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix status: <https://w3id.org/aikg/code/status/> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .

ex:report a aikg:Report ; rdfs:label "A report"@en ; dct:title "A report" ; QUOTE .
ex:section a aikg:Section ; rdfs:label "Section 1"@en ; dct:isPartOf ex:report .
ex:belgium a aikg:Country ; rdfs:label "Belgium"@en ; QUOTE .
ex:agency a aikg:FundingAgency ; rdfs:label "Agency"@en ; dct:spatial ex:belgium ; QUOTE .
ex:coalition a aikg:Network ; rdfs:label "Coalition"@en ; QUOTE .
ex:programme a aikg:Programme ; rdfs:label "Programme"@en ; dct:spatial ex:belgium ; QUOTE .
"""

QUOTE = 'prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:atLocation ex:section ; prov:value "some words" ]'

# The grant's quote states its amount: an amount is a figure of its quote (aikg.amounts, tests/test_validate_rules.py).
FUNDING = """
ex:grant a aikg:FundingRelation ; rdfs:label "Grant"@en ;
    prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:atLocation ex:section ; prov:value "more than EUR 15 million in 2019" ] ;
    schema:funder {funder} ; schema:fundedItem ex:programme ;
    schema:amount [ a schema:MonetaryAmount ; schema:value {value} ; schema:currency "EUR" ] ;
    {details} .
"""


def evidence(*triples: tuple[str, str, str]) -> str:
    """The statement carrying the quote of each relation: every relation needs its evidence (a check of validate)."""
    return " ".join(f"[] a rdf:Statement ; rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ; QUOTE ." for s, p, o in triples)


FUNDING_DETAILS = "aikg:qualifier q:more-than ; aikg:period period:per-year ; aikg:status status:spent ; aikg:year \"2019\"^^xsd:gYear"

# (rule, valid Turtle, [(invalid Turtle, words the message must contain), ...])
CASES = [
    (
        "funding relation",
        FUNDING.format(funder="ex:agency", value='"15000000"^^xsd:decimal', details=FUNDING_DETAILS),
        [
            (FUNDING.format(funder="ex:programme", value='"1"^^xsd:decimal', details=FUNDING_DETAILS), "funder must be an aikg:Actor"),
            (FUNDING.format(funder="ex:agency", value='"-5"^^xsd:decimal', details=FUNDING_DETAILS), "non-negative xsd:decimal"),
            (FUNDING.format(funder="ex:agency", value='"15000000"^^xsd:integer', details=FUNDING_DETAILS), "non-negative xsd:decimal"),
            (FUNDING.format(funder="ex:agency", value='"1"^^xsd:decimal', details="aikg:status status:spent"), "how exact it is"),
            (FUNDING.format(funder="ex:agency", value='"1"^^xsd:decimal', details="aikg:qualifier q:about ; aikg:period period:total"), "exactly one aikg:status"),
            (FUNDING.format(funder="ex:agency", value='"1"^^xsd:decimal', details="aikg:qualifier q:about ; aikg:period period:total ; aikg:status q:about"), "exactly one aikg:status"),
            (FUNDING.format(funder="ex:agency", value='"1"^^xsd:decimal', details=FUNDING_DETAILS + " ; aikg:period status:spent"), "period scheme"),
            (FUNDING.format(funder="ex:agency", value='"1"^^xsd:decimal', details=FUNDING_DETAILS).replace("schema:fundedItem ex:programme ;", ""), "exactly one recipient"),
            (FUNDING.format(funder="ex:agency", value='"1"^^xsd:decimal', details=FUNDING_DETAILS).replace('schema:currency "EUR"', 'schema:currency "euro"'), "ISO 4217"),
            (FUNDING.format(funder="ex:agency", value='"1"^^xsd:decimal', details="aikg:qualifier q:about ; aikg:period period:total ; aikg:status status:spent ; aikg:year \"2019\""), "aikg:year must be one xsd:gYear"),
            (FUNDING.format(funder="ex:agency", value='"1"^^xsd:decimal', details=FUNDING_DETAILS + " ; aikg:through ex:programme"), "aikg:through names at most one body"),
        ],
    ),
    (
        "funding relation without an amount",
        'ex:cofund a aikg:CoFunding ; rdfs:label "Co-funding"@en ; QUOTE ; schema:funder ex:agency ; schema:fundedItem ex:programme ; aikg:status status:spent .',
        [
            ('ex:cofund a aikg:CoFunding ; rdfs:label "Co-funding"@en ; schema:funder ex:agency ; schema:fundedItem ex:programme ; aikg:status status:spent .', "at least one quote"),
        ],
    ),
    (
        "quotation",
        'ex:x a aikg:Programme ; rdfs:label "X"@en ; dct:spatial ex:belgium ; QUOTE .',
        [
            ('ex:x a aikg:Programme ; rdfs:label "X"@en ; dct:spatial ex:belgium ; prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:value "words" ] .', "section it comes from"),
            ('ex:x a aikg:Programme ; rdfs:label "X"@en ; dct:spatial ex:belgium ; prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:atLocation ex:section ] .', "exactly one prov:value"),
            ('ex:x a aikg:Programme ; rdfs:label "X"@en ; dct:spatial ex:belgium ; prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:belgium ; prov:atLocation ex:section ; prov:value "words" ] .', "name the report it quotes"),
        ],
    ),
    (
        "actor",
        'ex:lab a aikg:ResearchOrganisation ; rdfs:label "Lab"@en ; skos:altLabel "Labo"@fr ; dct:spatial ex:belgium ; QUOTE .',
        [
            ('ex:lab a aikg:ResearchOrganisation ; dct:spatial ex:belgium ; QUOTE .', "Needs an English label"),
            ('ex:lab a aikg:ResearchOrganisation ; rdfs:label "Lab" ; QUOTE .', "language tag"),
            ('ex:lab a aikg:ResearchOrganisation ; rdfs:label "Labo"@fr ; QUOTE .', "must be English"),
            ('ex:lab a aikg:ResearchOrganisation ; rdfs:label "Lab"@en .', "at least one quote"),
            ('ex:lab a aikg:ResearchOrganisation ; rdfs:label "Lab"@en ; dct:spatial ex:agency ; QUOTE .', "aikg:Jurisdiction"),
        ],
    ),
    (
        "initiative",
        'ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; aikg:policyArea pa:networking ; schema:startDate "2019-07-01"^^xsd:date ; aikg:status status:ongoing ; QUOTE .',
        [
            ('ex:call a aikg:Call ; rdfs:label "Call"@en ; QUOTE .', "jurisdiction it belongs to"),
            ('ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; aikg:policyArea q:about ; QUOTE .', "policy-area scheme"),
            ('ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; schema:startDate "2019-07-01" ; QUOTE .', "xsd:date, xsd:gYearMonth or xsd:gYear"),
            ('ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; schema:startDate "2019-07-01T00:00:00"^^xsd:dateTime ; QUOTE .', "xsd:date, xsd:gYearMonth or xsd:gYear"),
            ('ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; aikg:status pa:networking ; QUOTE .', "status scheme"),
            ('ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; aikg:applicationDomain pa:networking ; QUOTE .', "application-domain scheme"),
            ('ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; aikg:complements ex:agency ; QUOTE .', "complements another initiative"),
            ('ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; QUOTE . ex:agency aikg:complements ex:call .', "the subject is not an aikg:Initiative"),
        ],
    ),
    (
        "initiative in an application domain, complementing another",
        'ex:call a aikg:Call ; rdfs:label "Call"@en ; dct:spatial ex:belgium ; aikg:applicationDomain <https://w3id.org/aikg/code/application-domain/health> ; aikg:complements ex:programme ; QUOTE . ' + evidence(('ex:call', 'aikg:complements', 'ex:programme')),
        [],
    ),
    (
        "statement backing a relation",
        'ex:agency aikg:supports ex:programme . [] a rdf:Statement ; rdf:subject ex:agency ; rdf:predicate aikg:supports ; rdf:object ex:programme ; QUOTE .',
        [
            ('ex:agency aikg:supports ex:programme . [] a rdf:Statement ; rdf:subject ex:agency ; rdf:predicate aikg:supports ; rdf:object ex:programme .', "must carry the quote"),
            ('[] a rdf:Statement ; rdf:subject ex:agency ; rdf:predicate aikg:supports ; rdf:object ex:programme ; QUOTE .', "not in the data"),
            ('ex:agency aikg:supports ex:programme . [] a rdf:Statement ; rdf:subject ex:agency ; rdf:predicate aikg:supports ; rdf:object ex:programme , ex:coalition ; QUOTE . ex:agency aikg:supports ex:coalition .', "names exactly one object"),
        ],
    ),
    (
        "programme component",
        'ex:axis a aikg:ProgrammeComponent ; rdfs:label "Axis 1"@en ; dct:spatial ex:belgium ; dct:isPartOf ex:programme ; QUOTE . ' + evidence(('ex:axis', 'dct:isPartOf', 'ex:programme')),
        [
            ('ex:axis a aikg:ProgrammeComponent ; rdfs:label "Axis 1"@en ; dct:spatial ex:belgium ; QUOTE .', "must be part of"),
        ],
    ),
    (
        "recommendation",
        'ex:rec a aikg:Recommendation ; rdfs:label "Do this"@en ; aikg:policyArea pa:human-capital ; aikg:status status:recommended ; dct:isPartOf ex:report ; QUOTE . ex:coalition aikg:recommends ex:rec . ' + evidence(('ex:coalition', 'aikg:recommends', 'ex:rec')),
        [
            ('ex:rec a aikg:Recommendation ; rdfs:label "Do this"@en ; aikg:status status:recommended ; dct:isPartOf ex:report ; QUOTE .', "actor who recommends it"),
            ('ex:rec a aikg:Recommendation ; rdfs:label "Do this"@en ; dct:isPartOf ex:report ; QUOTE . ex:coalition aikg:recommends ex:rec .', "exactly one aikg:status"),
            ('ex:rec a aikg:Recommendation ; rdfs:label "Do this"@en ; aikg:status status:recommended ; QUOTE . ex:coalition aikg:recommends ex:rec .', "must be part of"),
            ('ex:rec a aikg:Recommendation ; rdfs:label "Do this"@en ; aikg:status status:recommended ; dct:isPartOf ex:report ; QUOTE . ex:programme aikg:recommends ex:rec .', "not an aikg:Actor"),
        ],
    ),
    (
        "target",
        'ex:t a aikg:Target ; rdfs:label "Train 1%"@en ; aikg:measure "share of citizens trained" ; aikg:targetValue "1"^^xsd:decimal ; schema:unitText "percent" ; aikg:qualifier q:at-least ; aikg:deadline "2020"^^xsd:gYear ; aikg:dateQualifier dq:mid ; aikg:targetOf ex:programme ; aikg:status status:planned ; QUOTE .',
        [
            ('ex:t a aikg:Target ; rdfs:label "T"@en ; aikg:measure "m" ; aikg:targetValue "1"^^xsd:decimal ; aikg:targetOf ex:programme ; aikg:status status:planned ; QUOTE .', "how exact it is"),
            ('ex:t a aikg:Target ; rdfs:label "T"@en ; aikg:measure "m" ; aikg:deadline "2020"^^xsd:gYear ; aikg:targetOf ex:programme ; aikg:status status:planned ; QUOTE .', "how to read it"),
            ('ex:t a aikg:Target ; rdfs:label "T"@en ; aikg:measure "m" ; aikg:deadline "mid-2020" ; aikg:dateQualifier dq:mid ; aikg:targetOf ex:programme ; aikg:status status:planned ; QUOTE .', "at the precision of the report"),
            ('ex:t a aikg:Target ; rdfs:label "T"@en ; aikg:targetOf ex:programme ; aikg:status status:planned ; QUOTE .', "what it measures"),
            ('ex:t a aikg:Target ; rdfs:label "T"@en ; aikg:measure "m" ; aikg:targetOf ex:belgium ; aikg:status status:planned ; QUOTE .', "belong to an initiative or a recommendation"),
        ],
    ),
    (
        "quantity",
        'ex:coalition aikg:quantity [ a aikg:Quantity ; aikg:measure "members" ; schema:value "500"^^xsd:decimal ; aikg:qualifier q:more-than ; QUOTE ] .',
        [
            ('ex:coalition aikg:quantity [ a aikg:Quantity ; aikg:measure "members" ; schema:value "500"^^xsd:decimal ; QUOTE ] .', "how exact it is"),
            ('ex:coalition aikg:quantity [ a aikg:Quantity ; aikg:measure "members" ; schema:value "many" ; aikg:qualifier q:more-than ; QUOTE ] .', "non-negative xsd:decimal"),
            ('[] a aikg:Quantity ; aikg:measure "members" ; schema:value "500"^^xsd:decimal ; aikg:qualifier q:more-than ; QUOTE .', "must belong to something"),
        ],
    ),
    (
        "editorial statement",
        'ex:programme aikg:policyArea pa:networking . [] a aikg:EditorialStatement ; rdf:subject ex:programme ; rdf:predicate aikg:policyArea ; rdf:object pa:networking ; rdfs:comment "Our reading." .',
        [
            ('[] a aikg:EditorialStatement ; rdf:subject ex:programme ; rdf:predicate aikg:policyArea ; rdf:object pa:networking ; rdfs:comment "Our reading." .', "not in the data"),
            ('ex:programme aikg:policyArea pa:networking . [] a aikg:EditorialStatement ; rdf:subject ex:programme ; rdf:predicate aikg:policyArea ; rdf:object pa:networking .', "say why"),
        ],
    ),
    (
        "actor relations",
        "ex:agency aikg:supports ex:programme . ex:agency aikg:memberOf ex:coalition . ex:agency <http://www.w3.org/ns/org#subOrganizationOf> ex:belgium . ex:coalition aikg:governs ex:belgium . "
        + evidence(("ex:agency", "aikg:supports", "ex:programme"), ("ex:agency", "aikg:memberOf", "ex:coalition"),
                   ("ex:agency", "<http://www.w3.org/ns/org#subOrganizationOf>", "ex:belgium"), ("ex:coalition", "aikg:governs", "ex:belgium")),
        [
            ("ex:programme aikg:supports ex:agency .", "not an aikg:Actor"),
            ("ex:agency aikg:memberOf ex:programme .", "member of another actor"),
            ("ex:agency aikg:governs ex:programme .", "must point to an aikg:Jurisdiction"),
            ("ex:programme <http://www.w3.org/ns/org#subOrganizationOf> ex:agency .", "both ends must be aikg:Actor"),
            ("ex:agency <http://www.w3.org/ns/org#unitOf> ex:programme .", "both ends must be aikg:Actor"),
            ("ex:agency aikg:supports ex:section .", "actor, an initiative or a report"),
        ],
    ),
    (
        "section",
        'ex:s2 a aikg:Section ; rdfs:label "Section 2"@en ; dct:isPartOf ex:report .',
        [('ex:s2 a aikg:Section ; rdfs:label "Section 2"@en .', "part of (dct:isPartOf) exactly one report")],
    ),
    (
        "concept",
        'ex:c a skos:Concept ; skos:prefLabel "C"@en ; skos:inScheme <https://w3id.org/aikg/code/status> .',
        [('ex:c a skos:Concept ; skos:inScheme <https://w3id.org/aikg/code/status> .', "English skos:prefLabel")],
    ),
]


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "case.ttl"
    path.write_text((PRELUDE + body).replace("QUOTE", QUOTE), encoding="utf-8")
    return path


@pytest.mark.parametrize("rule, valid", [(rule, valid) for rule, valid, _ in CASES], ids=[c[0] for c in CASES])
def test_valid_case_conforms(tmp_path: Path, rule: str, valid: str) -> None:
    report = validate([_write(tmp_path, valid)])
    assert report.conforms, report.format()


INVALID = [(rule, turtle, words) for rule, _, cases in CASES for turtle, words in cases]


@pytest.mark.parametrize("rule, invalid, words", INVALID, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(INVALID)])
def test_invalid_case_is_reported_in_plain_words(tmp_path: Path, rule: str, invalid: str, words: str) -> None:
    report = validate([_write(tmp_path, invalid)])
    assert not report.conforms
    assert words in report.format(), report.format()


def test_homepage_must_be_an_iri(tmp_path: Path) -> None:
    body = 'ex:lab a aikg:ResearchOrganisation ; rdfs:label "Lab"@en ; <http://xmlns.com/foaf/0.1/homepage> "https://lab.example" ; QUOTE .'
    report = validate([_write(tmp_path, body)])
    assert "A homepage must be an IRI" in report.format()


def test_quote_must_occur_in_the_report_text(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("The agency funds the\nprogramme with EUR 5 million.", encoding="utf-8")
    body = (
        'ex:report aikg:sourceText "report.txt" .\n'
        'ex:funds a aikg:CoFunding ; rdfs:label "F"@en ; schema:funder ex:agency ; schema:fundedItem ex:programme ; aikg:status status:spent ;'
        ' prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:atLocation ex:section ;'
        ' prov:value "The agency funds the programme" ] , [ a prov:Quotation ; prov:entity ex:report ;'
        ' prov:atLocation ex:section ; prov:value "with EUR 6 million" ] .'
    )
    report = validate([_write(tmp_path, body)])
    problems = [p for p in report.problems if "quote not found" in p.message]
    # "some words" (the prelude's quotes) and "EUR 6 million" are not in the text; the line break is.
    assert sorted(p.message.split(": ", 1)[1] for p in problems) == sorted(
        ['"with EUR 6 million"'] + ['"some words"'] * (len(problems) - 1)
    )
    assert any(p.focus.startswith("ex:funds / prov:qualifiedQuotation") for p in problems)


def test_each_statement_is_checked_against_its_own_triple(tmp_path: Path) -> None:
    """The SPARQL rule runs once per statement with that statement bound: only those whose triple is absent fail."""
    body = (
        "ex:agency aikg:supports ex:programme .\n"
        "ex:held a rdf:Statement ; rdf:subject ex:agency ; rdf:predicate aikg:supports ; rdf:object ex:programme ; QUOTE .\n"
        "ex:absent a rdf:Statement ; rdf:subject ex:agency ; rdf:predicate aikg:supports ; rdf:object ex:coalition ; QUOTE .\n"
        "ex:reversed a rdf:Statement ; rdf:subject ex:programme ; rdf:predicate aikg:supports ; rdf:object ex:agency ; QUOTE .\n"
    )
    report = validate([_write(tmp_path, body)])
    assert {p.focus for p in report.problems if "not in the data" in p.message} == {"ex:absent", "ex:reversed"}
