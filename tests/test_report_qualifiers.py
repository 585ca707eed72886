"""Every status, period, qualifier, year and deadline in the data, checked against a table
worked out by hand from the report, each row with the passage that justifies it.

The table is complete both ways: a resource of the data with a status, period, qualifier or
date qualifier that the table does not list fails, and so does a row the data lacks. A new
fact therefore needs a row here, read from the report, not copied from the data.
"""

from __future__ import annotations

from decimal import Decimal

import pytest


M = 1_000_000

# resource: (amount in euros, qualifier, period, year, status, passage of the report)
# Funding relations without an amount carry only a status; the status says what the
# report's verb says ("co-funded", "is funding": spent; "would get funding": budgeted).
FUNDING = {
    "bef:recommended-minimum-investment-per-year": (80 * M, "at-least", "per-year", None, "recommended",
        "the coalition recommends a minimum investment level of €80 million per year"),
    "bef:recommended-investment-by-2030": (1000 * M, "at-least", "total", None, "recommended",
        "which corresponds to at least €1 billion by 2030"),
    "bef:fwo-ai-projects-2019": (15 * M, "more-than", "total", "2019", "spent",
        "in 2019 FWO invested more than €15 million and VLAIO more than €41 million in AI related projects"),
    "bef:vlaio-ai-projects-2019": (41 * M, "more-than", "total", "2019", "spent",
        "in 2019 FWO invested more than €15 million and VLAIO more than €41 million in AI related projects"),
    "bef:flemish-ai-action-plan-annual-budget": (32 * M, "exactly", "per-year", None, "budgeted",
        "The Flemish AI action plan foresees an additional annual budget of €32 million"),
    "bef:flemish-ai-plan-basic-applied-research": (12 * M, "exactly", "per-year", None, "budgeted",
        "Basic Applied Research (12 million euros)"),
    "bef:flemish-ai-plan-technology-transfer": (15 * M, "exactly", "per-year", None, "budgeted",
        "Technology Transfer and Industrial Applications (15 million euros)"),
    "bef:flemish-ai-plan-supporting-activities": (5 * M, "exactly", "per-year", None, "budgeted",
        "Supporting activities (awareness, training, ethics) (5 million euros)"),
    "bef:innoviris-ai-support-programmes": (20 * M, "exactly", "total", None, "budgeted",
        "through a strong development of its support programs with a dedicated budget of EUR 20 million"),
    "bef:innoviris-team-up": (12 * M, "exactly", "total", None, "spent",
        "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies"),
    "bef:innoviris-open-call-ai-data": (6 * M, "more-than", "per-year", None, "spent",
        "Innoviris funds AI/Data related projects for more than 6MEur subsidy per year"),
    # Without an amount:
    "bef:innoviris-anticipate": (None, None, None, None, "spent",
        "in 2018, AI was also made a focus on another R&I program called “Anticipate”. The objective there was to fund projects"),
    "bef:brussels-region-ict-skills-programmes": (None, None, None, None, "spent",
        "the Region is also funding, still through Innoviris, various programmes aiming at boosting skills in ICT"),
    "bef:brussels-region-mobile-fablab": (None, None, None, None, "spent",
        "One can mention the mobile fablab programme, which visits schools in Brussels"),
    "bef:innoviris-stem-awareness-calls": (None, None, None, None, "budgeted",
        "where innovative projects on STEM awareness would get funding"),
    "bef:brussels-region-elucidata": (None, None, None, None, "spent",
        "its Elucidata laboratory (10 experts) and the ICiTy.Bru technology hub, both co-funded by the Brussels Region and ERDF"),
    "bef:erdf-elucidata": (None, None, None, None, "spent",
        "its Elucidata laboratory (10 experts) and the ICiTy.Bru technology hub, both co-funded by the Brussels Region and ERDF"),
    "bef:brussels-region-icity-bru": (None, None, None, None, "spent",
        "the ICiTy.Bru technology hub, both co-funded by the Brussels Region and ERDF"),
    "bef:erdf-icity-bru": (None, None, None, None, "spent",
        "the ICiTy.Bru technology hub, both co-funded by the Brussels Region and ERDF"),
}

# resource: (qualifier, status, date qualifier, deadline, passage): targets and initiatives.
TARGETS_AND_INITIATIVES = {
    # "Noteworthy items to be mentioned are: ... the set-up of a expertise centre on “data & society” and the
    # creation of various outreach and educational material on AI": the centre is set up, the material ongoing.
    "bep:data-and-society-centre-set-up": (None, "completed", None, None, "the set-up of a expertise centre on"),
    "bep:flemish-ai-educational-material": (None, "ongoing", None, None,
        "the creation of various outreach and educational material on AI"),
    "bet:mooc-one-percent-of-citizens": ("at-least", "recommended", None, None,
        "at least 1% of Belgian citizens"),
    "bet:belgian-ai-strategy-drafted": (None, "planned", "mid", "2020",
        "to draft, by mid-2020, a Belgian AI strategy"),
    "bet:brussels-ai-overview-available": (None, "planned", "mid", "2020",
        "This overview should be available by mid-2020"),
    "bet:tremplin-ai-individual-pocs": ("at-least", "planned", "before", "2020-07",
        "The objective is to launch at least 2 individual PoCs, and 3 collective PoCs before the second half of 2020."),
    "bet:tremplin-ai-collective-pocs": ("at-least", "planned", "before", "2020-07",
        "The objective is to launch at least 2 individual PoCs, and 3 collective PoCs before the second half of 2020."),
    "bet:walloon-ai-training-markets-published": ("exactly", "planned", "early", "2020",
        "These markets will be published in early 2020."),
    "bep:belgian-ai-strategy": (None, "in-preparation", None, None,
        "An external consultant has been commissioned by the Federal Ministry of Economy to draft, by mid-2020, a Belgian AI strategy"),
    "bep:belgian-ai-strategy-drafting": (None, "ongoing", None, None,
        "An external consultant has been commissioned by the Federal Ministry of Economy to draft"),
    "bep:brussels-ai-overview": (None, "ongoing", None, None,
        "An analysis of all regional AI activities and initiatives in the Brussels Region is underway"),
    "bep:flemish-ai-awareness-activities": (None, "planned", None, None,
        "many kinds of awareness rising activities will be launched"),
    "bep:innoviris-predictive-medicine-call": (None, "ongoing", None, None,
        "an ongoing call dedicated to predictive medicine"),
    "bep:innoviris-industry-4-0-call": (None, "planned", None, None,
        "an upcoming call dedicated to Industry 4.0"),
    "bep:walloon-ai-training-contracts": (None, "in-preparation", None, None,
        "Preparation of two public contracts (still in progress) for the implementation of training programs on AI"),
}

# (owner, unit): (number, qualifier, year, passage): counts the report gives.
QUANTITIES = {
    ("beo:ai4belgium", "members"): (500, "more-than", None, "The AI4Belgium coalition now has more than 500 members."),
    ("beo:ai4belgium-experts", "experts"): (40, "exactly", None, "a multidisciplinary team of forty experts"),
    ("beo:dw4ai-official-partners", "partners"): (20, "about", None, "were joined by around twenty official partners"),
    ("bep:digitalwallonia4ai", "partners"): (4, "exactly", None, "The 4 referent partners of the DigitalWallonia4.ai project"),
    ("bef:innoviris-open-call-ai-data", "percent"): (25, "about", None,
        "equivalent to quarter of its budget dedicated to industrial support"),
    ("beo:elucidata", "experts"): (10, "exactly", None, "its Elucidata laboratory (10 experts)"),
    ("bep:digitalwallonia4ai", "axes"): (4, "exactly", None, "is based on four structuring axes"),
    ("bep:dw4ai-axis-2-companies", "actions"): (2, "exactly", "2019", "Two actions, linked to axis 2"),
    ("bep:flemish-ai-action-plan", "pillars"): (3, "exactly", None, "its implementation that is centered around 3 pillars"),
    ("bep:flemish-ai-plan-basic-applied-research", "challenges"): (4, "exactly", None, "Four strategic challenges will be addressed."),
    ("bep:flemish-ai-research-roadmap", "challenges"): (4, "exactly", None, "a research roadmap with four major challenges"),
    ("bep:start-ai", "days"): (3, "exactly", None, "through a 3-day coaching"),
    ("bep:team-up", "projects"): (19, "exactly", None, "nineteen collaborative projects funded"),
    ("bep:walloon-ai-training-contracts", "public contracts"): (2, "exactly", None, "Preparation of two public contracts"),
}


def _local(term: object) -> str | None:
    """The code's last path segment ("spent", "per-year"), a prefixed name, or a plain value."""
    if term is None:
        return None
    text = str(term)
    for prefix in ("https://w3id.org/aikg/code/qualifier/", "https://w3id.org/aikg/code/period/",
                   "https://w3id.org/aikg/code/status/", "https://w3id.org/aikg/code/date-qualifier/"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _prefixed(graph, iri) -> str:
    return graph.namespace_manager.normalizeUri(iri)


def _rows(graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(query)]


def _number(value) -> int | None:
    return None if value is None else int(Decimal(str(value)))


def test_every_funding_relation_has_the_amount_qualifier_period_year_and_status_the_report_gives(graph) -> None:
    found = {}
    for f, amount, qualifier, period, year, status in _rows(graph, """
        SELECT ?f ?amount ?q ?p ?year ?status WHERE {
          ?f a/rdfs:subClassOf* aikg:FundingRelation .
          OPTIONAL { ?f schema:amount/schema:value ?amount } OPTIONAL { ?f aikg:qualifier ?q }
          OPTIONAL { ?f aikg:period ?p } OPTIONAL { ?f aikg:year ?year } OPTIONAL { ?f aikg:status ?status } }"""):
        found[_prefixed(graph, f)] = (_number(amount), _local(qualifier), _local(period),
                                      None if year is None else str(year), _local(status))
    expected = {key: row[:5] for key, row in FUNDING.items()}
    assert found == expected


def test_every_status_qualifier_and_deadline_of_targets_and_initiatives_is_the_reports(graph) -> None:
    found = {}
    for s, qualifier, status, date_qualifier, deadline in _rows(graph, """
        SELECT ?s ?q ?status ?dq ?deadline WHERE {
          { ?s aikg:status ?x } UNION { ?s aikg:qualifier ?x } UNION { ?s aikg:dateQualifier ?x }
          FILTER isIRI(?s)
          FILTER NOT EXISTS { ?s a/rdfs:subClassOf* aikg:FundingRelation }
          FILTER NOT EXISTS { ?s a aikg:Recommendation }
          OPTIONAL { ?s aikg:qualifier ?q } OPTIONAL { ?s aikg:status ?status }
          OPTIONAL { ?s aikg:dateQualifier ?dq } OPTIONAL { ?s aikg:deadline ?deadline } }"""):
        found[_prefixed(graph, s)] = (_local(qualifier), _local(status), _local(date_qualifier),
                                      None if deadline is None else str(deadline))
    assert found == {key: row[:4] for key, row in TARGETS_AND_INITIATIVES.items()}


def test_every_recommendation_is_only_recommended(graph) -> None:
    # "the coalition recommends ...", "should ...": a recommendation is never budgeted or spent.
    statuses = {_local(s) for (s,) in _rows(graph, "SELECT DISTINCT ?s WHERE { ?r a aikg:Recommendation ; aikg:status ?s }")}
    assert statuses == {"recommended"}


def test_every_count_of_the_report_has_its_number_qualifier_and_year(graph) -> None:
    found = {}
    for owner, unit, value, qualifier, year in _rows(graph, """
        SELECT ?owner ?unit ?v ?q ?year WHERE { ?owner aikg:quantity ?b .
          ?b schema:value ?v ; schema:unitText ?unit . OPTIONAL { ?b aikg:qualifier ?q } OPTIONAL { ?b aikg:year ?year } }"""):
        found[_prefixed(graph, owner), str(unit)] = (_number(value), _local(qualifier), None if year is None else str(year))
    assert found == {key: row[:3] for key, row in QUANTITIES.items()}


@pytest.mark.parametrize("passage", sorted({row[-1] for table in (FUNDING, TARGETS_AND_INITIATIVES, QUANTITIES)
                                            for row in table.values()}))
def test_each_passage_of_the_tables_is_the_reports(passage, report_text) -> None:
    assert passage in report_text
