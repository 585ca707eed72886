"""The rules `aikg validate` runs beside the shapes, each on a small case written by hand.

A made-up report: its text (two sections, each under its heading), a base file with the
report, its sections and a few resources, and per test a case file whose line numbers
are counted by hand in the expected answers. Each broken case must give exactly the
expected problems, at the file and line of the triple they are about.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from aikg.amounts import money_figures
from aikg.checked import DataDoesNotConform
from aikg.validate import validate

TEXT = """A report on Zembla

1 Human capital
The Agency funds the Programme with EUR 4 million in 2019.

2 Networking
The Agency supports the Network of labs.
"""

BASE = """@prefix aikg:   <https://w3id.org/aikg/ontology#> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix ex:     <https://example.org/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
ex:report a aikg:Report ; rdfs:label "A report"@en ; dct:title "A report on Zembla" ; aikg:sourceText "report.txt" ;
    prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:atLocation ex:s1 ; prov:value "The Agency funds the Programme" ] .
ex:s1 a aikg:Section ; rdfs:label "1 Human capital"@en ; dct:isPartOf ex:report ; aikg:sectionNumber "1" ; dct:title "Human capital" .
ex:s2 a aikg:Section ; rdfs:label "2 Networking"@en ; dct:isPartOf ex:report ; aikg:sectionNumber "2" ; dct:title "Networking" .
ex:zembla a aikg:Country ; rdfs:label "Zembla"@en ; Q1 .
ex:agency a aikg:FundingAgency ; rdfs:label "Agency"@en ; dct:spatial ex:zembla ; Q1 .
ex:programme a aikg:Programme ; rdfs:label "Programme"@en ; dct:spatial ex:zembla ; Q1 .
ex:network a aikg:Network ; rdfs:label "Network of labs"@en ; Q2 .
"""

PREFIXES = """@prefix aikg:   <https://w3id.org/aikg/ontology#> .
@prefix ex:     <https://example.org/> .
@prefix period: <https://w3id.org/aikg/code/period/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix q:      <https://w3id.org/aikg/code/qualifier/> .
@prefix rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix status: <https://w3id.org/aikg/code/status/> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
"""  # ten lines: a case's own lines are numbered from 11

Q1 = 'prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:atLocation ex:s1 ; prov:value "The Agency funds the Programme" ]'
Q2 = 'prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:atLocation ex:s2 ; prov:value "The Agency supports the Network of labs." ]'

SUPPORTS = f"""ex:agency aikg:supports ex:network .
[] a rdf:Statement ; rdf:subject ex:agency ; rdf:predicate aikg:supports ; rdf:object ex:network ; {Q2} .
"""


def _grant(value: str, quote: str = "with EUR 4 million in 2019") -> str:
    return f"""ex:grant a aikg:FundingRelation ; rdfs:label "Grant"@en ;
    schema:funder ex:agency ; schema:fundedItem ex:programme ;
    schema:amount [ a schema:MonetaryAmount ; schema:value {value} ; schema:currency "EUR" ] ;
    aikg:qualifier q:exactly ; aikg:period period:total ; aikg:year "2019"^^xsd:gYear ; aikg:status status:spent ;
    prov:qualifiedQuotation [ a prov:Quotation ; prov:entity ex:report ; prov:atLocation ex:s1 ; prov:value "{quote}" ] .
"""


def _validate(tmp_path: Path, case: str, base: str = BASE, name: str = "zz"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "report.txt").write_text(TEXT, encoding="utf-8")
    (folder / "base.ttl").write_text(base.replace("Q1", Q1).replace("Q2", Q2), encoding="utf-8")
    (folder / "case.ttl").write_text(PREFIXES + case, encoding="utf-8")
    return validate([folder])


def _problems(report) -> list[tuple[str, int | None, str, str]]:
    return [(Path(p.file).name, p.lineno, p.focus, p.message) for p in report.problems]


def test_the_made_up_report_conforms(tmp_path: Path) -> None:
    report = _validate(tmp_path, SUPPORTS + _grant('"4000000"^^xsd:decimal'))
    assert report.conforms, report.format()


# -- each quote in the section it cites


def test_a_quote_cited_from_the_wrong_section(tmp_path: Path) -> None:
    case = SUPPORTS.replace("prov:atLocation ex:s2", "prov:atLocation ex:s1")
    (problem,) = _problems(_validate(tmp_path, case))
    assert problem[:3] == ("case.ttl", 12, "[ex:agency aikg:supports ex:network] / prov:qualifiedQuotation / []")
    assert problem[3].startswith("quote not in the section it cites, ex:s1; it is in ex:s2:")


def test_a_section_whose_title_is_no_heading_of_the_text(tmp_path: Path) -> None:
    base = BASE.replace('dct:title "Networking"', 'dct:title "Netwroking"')
    (problem,) = _problems(_validate(tmp_path, SUPPORTS, base))
    # line 9 of base.ttl; the quote citing ex:s2 is not reported again
    assert problem == ("base.ttl", 9, "ex:s2",
                       "the section's heading \"2 Netwroking\" is no line of its report's text; did you mean \"2 Networking\"?")


# -- the checks of queries/checks


def test_a_relation_without_evidence(tmp_path: Path) -> None:
    (problem,) = _problems(_validate(tmp_path, "ex:agency aikg:supports ex:network .\n"))
    assert problem == ("case.ttl", 11, "ex:agency", "The relation aikg:supports ex:network has no evidence: add an rdf:Statement "
                       "of the triple with its quote, or an aikg:EditorialStatement saying why (check: relation-without-evidence).")


def test_a_deadline_without_its_reading(tmp_path: Path) -> None:
    case = ('ex:target a aikg:Target ; rdfs:label "Target"@en ; aikg:measure "labs" ; aikg:targetOf ex:programme ;\n'
            f'    aikg:status status:planned ; {Q1} ;\n'
            '    aikg:deadline "2020"^^xsd:gYear .\n')
    problems = _problems(_validate(tmp_path, case))
    # placed on the deadline (line 13), beside the shape's own problem on the target
    assert ("case.ttl", 13, "ex:target", "A deadline must say how to read it (aikg:dateQualifier: on, by, before, early, "
            "mid, late) (check: vague-date-without-reading).") in problems


# -- terms that no vocabulary defines


def test_a_misspelt_property_of_schema_org(tmp_path: Path) -> None:
    case = 'ex:programme schema:startdate "2019"^^xsd:gYear .\n'
    (problem,) = _problems(_validate(tmp_path, case))
    assert problem[:3] == ("case.ttl", 11, "ex:programme")
    assert problem[3].startswith("schema:startdate is a property that neither the ontology nor the vocabularies it uses "
                                 "define; did you mean schema:startDate?")


def test_a_misspelt_class_is_named_not_the_relations_it_breaks(tmp_path: Path) -> None:
    # The agency of the funding relation is declared in another file with the misspelt class:
    # one problem, on the class, not "the funder must be an aikg:Actor" filed under the relation.
    base = BASE.replace("ex:agency a aikg:FundingAgency", "ex:agency a aikg:FundingAgncy")
    (problem,) = _problems(_validate(tmp_path, SUPPORTS + _grant('"4000000"^^xsd:decimal'), base))
    assert problem[:3] == ("base.ttl", 11, "ex:agency")
    assert problem[3].startswith("aikg:FundingAgncy is a class that neither the ontology nor the vocabularies it uses "
                                 "define; did you mean aikg:FundingAgency?")


def test_a_misspelt_predicate_of_a_relation_statement(tmp_path: Path) -> None:
    case = SUPPORTS.replace("rdf:predicate aikg:supports", "rdf:predicate aikg:suports")
    report = _validate(tmp_path, case)
    (problem,) = _problems(report)
    assert problem[:3] == ("case.ttl", 12, "[ex:agency aikg:suports ex:network]")
    assert "did you mean aikg:supports?" in problem[3]
    assert "[]  " not in report.format()


# -- amounts that are no figure of their quote


@pytest.mark.parametrize("quote, figures", [
    ("with EUR 4 million in 2019", [4_000_000]),
    ("amounting to EUR 12 millions of subsidies", [12_000_000]),
    ("€12 millions", [12_000_000]),
    ("for more than 6MEur subsidy per year", [6_000_000]),
    ("Basic Applied Research (12 million euros).", [12_000_000]),
    ("at least €1 billion by 2030", [1_000_000_000]),
    ("€ 1,500,000 and EUR 2.5 million", [1_500_000, 2_500_000]),
    ("in 2019, 300 projects", []),
])
def test_money_figures(quote: str, figures: list[int]) -> None:
    assert money_figures(quote) == figures


def test_an_amount_in_millions(tmp_path: Path) -> None:
    (problem,) = _problems(_validate(tmp_path, _grant('"4"^^xsd:decimal')))
    assert problem == ("case.ttl", 13, "ex:grant / schema:amount / []",
                       "the amount 4 is not a figure of its quote: its quote states 4,000,000; write the amount in full "
                       "euros as the quote gives it, or say why it differs in an aikg:EditorialStatement on schema:amount")


def test_an_amount_explained_by_an_editorial_note_conforms(tmp_path: Path) -> None:
    case = _grant("_:four").replace("[ a schema:MonetaryAmount ; schema:value _:four ;", "_:amount .\n_:amount a schema:MonetaryAmount ; schema:value \"8000000\"^^xsd:decimal ;")
    case = case.replace('schema:currency "EUR" ] ;', 'schema:currency "EUR" .\nex:grant')
    assert "the amount 8,000,000 is not a figure of its quote" in _validate(tmp_path, case, name="bare").format()
    case += ('[] a aikg:EditorialStatement ; rdf:subject ex:grant ; rdf:predicate schema:amount ; rdf:object _:amount ;\n'
             '   rdfs:comment "Two years of EUR 4 million: our sum."@en .\n')
    report = _validate(tmp_path, case)
    assert report.conforms, report.format()


def test_an_amount_that_is_not_a_number_is_one_problem_without_a_warning(tmp_path: Path, caplog) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = _validate(tmp_path, _grant('"4 million"^^xsd:decimal'))
    assert _problems(report) == [("case.ttl", 13, "ex:grant / schema:amount / []", '"4 million" is not a valid xsd:decimal')]
    assert [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []


# -- push refuses what validate refuses


def test_push_refuses_data_that_does_not_conform_before_any_request(tmp_path: Path, aikg) -> None:
    from aikg.remote import push

    _validate(tmp_path, _grant('"4"^^xsd:decimal'))
    with pytest.raises(DataDoesNotConform, match="nothing is pushed"):
        push("http://127.0.0.1:9/unused", [tmp_path / "zz"])  # a request would fail otherwise: nothing listens
    status, out, err = aikg("push", "--endpoint", "http://127.0.0.1:9/unused", "--data", str(tmp_path / "zz"))
    assert status == 1 and out == ""
    assert "the data does not conform; nothing is pushed" in err and "case.ttl:13" in err


def test_build_and_serve_refuse_what_validate_refuses(tmp_path: Path, aikg) -> None:
    from aikg.server.run import DataDoesNotConform as NotServed
    from aikg.server.run import prepare

    _validate(tmp_path, _grant('"4"^^xsd:decimal'))  # writes the case; conforms to the shapes, not to the amount rule
    data = str(tmp_path / "zz")
    status, _out, err = aikg("build", "-o", str(tmp_path / "build"), "--data", data)
    assert status == 1 and "case.ttl:13" in err + _out
    with pytest.raises(NotServed, match="case.ttl:13"):
        prepare([data])
