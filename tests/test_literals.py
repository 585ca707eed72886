"""Typed literals against the lexical spaces of XSD 1.1 Part 2, and the line they are on."""

from __future__ import annotations

from pathlib import Path

import pytest

from aikg.literals import ill_typed_literals, lexical_problem

# (lexical form, datatype, in the lexical space?) -- from the grammar and facets of XSD 1.1 Part 2.
LEXICAL = [
    ("2019", "gYear", True),
    ("-0044", "gYear", True),  # years may be negative, four digits at least
    ("20X9", "gYear", False),
    ("201", "gYear", False),
    ("２０１９", "gYear", False),  # full-width digits are not [0-9]
    ("2018-12", "gYearMonth", True),
    ("2018-13", "gYearMonth", False),  # no month 13
    ("2018-00", "gYearMonth", False),
    ("2020-02-29", "date", True),
    ("2019-02-29", "date", False),  # 2019 is not a leap year
    ("12", "integer", True),
    ("+12", "integer", True),
    ("1_000", "integer", False),  # Python's int() reads it; XSD does not
    ("١٢", "integer", False),  # Arabic-Indic digits: int() reads them too
    (" 12", "integer", False),  # an RDF lexical form is already whitespace-normalised
    ("1e5", "integer", False),
    ("12000000", "decimal", True),
    ("12.5", "decimal", True),
    ("1e5", "decimal", False),  # no exponent in xsd:decimal
    ("INF", "double", True),
    ("Infinity", "double", False),
    ("127", "byte", True),
    ("300", "byte", False),  # maxInclusive 127
    ("-1", "nonNegativeInteger", False),
    ("true", "boolean", True),
    ("1", "boolean", True),
    ("yes", "boolean", False),
    ("en-GB", "language", True),
    ("en_GB", "language", False),
    ("P1Y2M", "duration", True),
    ("P", "duration", False),
    # Char of XML 1.0, 2.2: tab, line feed and carriage return, then from U+0020; no surrogates, no U+FFFE/U+FFFF.
    ("a\tb\nc\rd", "string", True),
    ("a\u0000b", "string", False),
    ("\u001f", "string", False),
    ("\ufffe", "string", False),
    ("\U0001F600", "string", True),
    ("x\u0000", "token", False),
    ("1\u0000", "integer", False),
]


@pytest.mark.parametrize("lexical, datatype, valid", LEXICAL, ids=[f"{d}-{lex}" for lex, d, _ in LEXICAL])
def test_lexical_space(lexical: str, datatype: str, valid: bool) -> None:
    problem = lexical_problem(lexical, datatype)
    assert (problem is None) is valid, problem


def test_a_misspelt_datatype_is_a_violation() -> None:
    assert lexical_problem("2019", "gyear") == ("xsd:gyear is not an XSD datatype", "violation")


def test_a_datatype_rdf_does_not_use_is_a_warning() -> None:
    message, severity = lexical_problem("a:b", "QName")
    assert severity == "warning" and "xsd:QName" in message


def test_an_absurdly_long_number_is_refused_not_converted() -> None:
    message, _ = lexical_problem("9" * 5000, "integer")
    assert "longer than 1000 characters" in message


TURTLE = """@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:a ex:year "2019"^^xsd:gYear ;
    ex:month "2018-13"^^xsd:gYearMonth ,
        "2018-12"^^xsd:gYearMonth ;
    ex:amount [ ex:value "12 million"^^xsd:decimal ] .
ex:b ex:note \"\"\"two
lines\"\"\" ; ex:year "20X9"^^<http://www.w3.org/2001/XMLSchema#gYear> .
"""


def test_each_problem_has_its_line_and_subject(tmp_path: Path) -> None:
    path = tmp_path / "case.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    problems, parents = ill_typed_literals(path)
    found = [(p.line, p.subject.value if p.line != 7 else "[]", p.predicate.value.rsplit("/", 1)[1], p.literal.value) for p in problems]
    assert found == [
        (5, "https://example.org/a", "month", "2018-13"),
        (7, "[]", "value", "12 million"),
        (9, "https://example.org/b", "year", "20X9"),
    ]
    blank = problems[1].subject
    subject, predicate = parents[blank]
    assert (subject.value, predicate.value) == ("https://example.org/a", "https://example.org/amount")


def test_a_nul_names_its_code_point() -> None:
    assert lexical_problem("a\u0000", "string") == (
        '"a\x00" is not a valid xsd:string: it holds U+0000, which is not an XML character', "violation")


def test_plain_and_language_tagged_strings_are_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "case.ttl"
    path.write_text('@prefix ex: <https://example.org/> .\n'
                    'ex:a ex:plain "one\\u0000" ;\n'
                    '    ex:tagged "two\\u0008"@en ;\n'
                    '    ex:fine "three\\t"@en , "four" ;\n'
                    '    ex:custom "five\\u0000"^^ex:myType .\n', encoding="utf-8")
    problems, _ = ill_typed_literals(path)
    assert [(p.line, p.message) for p in problems] == [
        (2, '"one\x00" is not a valid xsd:string: it holds U+0000, which is not an XML character'),
        (3, '"two\x08" is not a valid rdf:langString: it holds U+0008, which is not an XML character'),
    ]  # another vocabulary's datatype has a lexical space aikg does not know: not checked
