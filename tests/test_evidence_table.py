"""Each funding relation's evidence is the sentence that states it, not just any sentence of its section.

The table is written by hand from the report (data/be/ai-watch-belgium-2020.txt): for each funding
relation, the words of the sentence that states that funder gives that money. A quote moved to
another true sentence of the same section (the STEM calls' sentence for Anticipate) fails here.
"""

from __future__ import annotations

import pytest

from aikg.query import read_query, run_query

pytestmark = pytest.mark.answer

F = "https://w3id.org/aikg/id/be/funding/"
STATED_BY = {
    # "AI was also made a focus on another R&I program called “Anticipate”. The objective there was to fund projects
    # which present a prospective vision of AI ..."
    "innoviris-anticipate": "fund projects which present a prospective vision of AI",
    "innoviris-ai-support-programmes": "with a dedicated budget of EUR 20 million",
    "innoviris-team-up": "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies",
    "innoviris-open-call-ai-data": "Innoviris funds AI/Data related projects for more than 6MEur subsidy per year",
    "innoviris-stem-awareness-calls": "open calls for proposal dedicated to STEM awareness",
    "brussels-region-ict-skills-programmes": "the Region is also funding, still through Innoviris, various programmes",
    "brussels-region-mobile-fablab": "One can mention the mobile fablab programme",
    "flemish-ai-action-plan-annual-budget": "additional annual budget of €32 million",
    "flemish-ai-plan-basic-applied-research": "Basic Applied Research (12 million euros)",
    "flemish-ai-plan-technology-transfer": "Technology Transfer and Industrial Applications (15 million euros)",
    "flemish-ai-plan-supporting-activities": "Supporting activities (awareness, training, ethics) (5 million euros)",
    "fwo-ai-projects-2019": "in 2019 FWO invested more than €15 million",
    "vlaio-ai-projects-2019": "VLAIO more than €41 million in AI related projects",
    "recommended-minimum-investment-per-year": "a minimum investment level of €80 million per year",
    "recommended-investment-by-2030": "at least €1 billion by 2030",
}
QUOTES = read_query("""SELECT ?funding ?quote WHERE {
  ?funding a aikg:FundingRelation ; prov:qualifiedQuotation/prov:value ?quote
  FILTER STRSTARTS(STR(?funding), "https://w3id.org/aikg/id/be/funding/") }""")


@pytest.fixture(scope="module")
def quotes(store) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in run_query(store, QUOTES).bindings:
        name = row["funding"].value.removeprefix(F)
        found[name] = found.get(name, "") + " " + " ".join(row["quote"].value.split())
    return found


def test_the_table_covers_every_funding_relation_of_the_report(quotes) -> None:
    assert set(quotes) == set(STATED_BY)


@pytest.mark.parametrize("name", sorted(STATED_BY))
def test_a_funding_relation_quotes_the_sentence_that_states_it(quotes, name: str) -> None:
    assert STATED_BY[name] in quotes[name], quotes[name]
