"""Each funding relation's and each relation's evidence is the sentence that states it, not just any sentence of its section.

The tables are written by hand from the report (data/be/ai-watch-belgium-2020.txt): for each funding
relation, the words of the sentence that states that funder gives that money; for every relation between
two named things (each one `aikg query relation-evidence` lists, one table per section of the report),
whether the report states it or it is our reading, and words of the sentence that states it or that our
reading is read from. A relation added to the data without a row fails, and so does a quote moved to
another true sentence of the same section (the STEM calls' sentence for Anticipate).
"""

from __future__ import annotations

import pytest

from aikg.prefixes import ALL_PREFIXES, shorten
from aikg.provenance import collapse_whitespace
from aikg.query import find_query, read_query, run_query

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


# Every relation between two named things, typed by hand from the report, one table per section in
# the report's order: (subject, property, object) -> (STATED or OURS, words of the sentence). STATED:
# the report states it, and the relation's quotes hold these words of the sentence that states it.
# OURS: our reading (an aikg:EditorialStatement with a note), read from the sentence these words are
# from. Money has no property of its own: a funder "funds" (or "co-funds", a share next to other
# co-funders) what a funding relation funds, and that relation's quotes are its evidence.
STATED, OURS = "stated", "ours"

INTRODUCTION = {
    # "In order to position Belgium into the European landscape of AI, the AI4BELGIUM coalition (Belgium, 2019)
    # launched a policy recommendation report in March 2019."
    ("beo:ai4belgium", "aikg:launched", "bed:ai4belgium-2019"):
        (STATED, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report in March 2019"),
    # "This report has been prepared by a multidisciplinary team of forty experts ..."
    ("beo:ai4belgium-experts", "aikg:prepared", "bed:ai4belgium-2019"):
        (STATED, "This report has been prepared by a multidisciplinary team of forty experts"),
    # "The policy recommendations outlined in this report constitute a first step towards an ambitious and
    # official Belgian AI Strategy."
    ("bed:ai4belgium-2019", "dct:relation", "bep:belgian-ai-strategy"):
        (STATED, "constitute a first step towards an ambitious and official Belgian AI Strategy"),
    # "In order to match the yearly investments per capita of France, Germany and Finland, the coalition
    # recommends a minimum investment level of €80 million per year which corresponds to at least €1 billion by 2030."
    ("beo:ai4belgium", "aikg:recommends", "ber:minimum-investment-level"):
        (STATED, "the coalition recommends a minimum investment level of €80 million per year"),
    ("ber:minimum-investment-level", "aikg:benchmark", "place:france"):
        (STATED, "In order to match the yearly investments per capita of France, Germany and Finland"),
    ("ber:minimum-investment-level", "aikg:benchmark", "place:germany"):
        (STATED, "In order to match the yearly investments per capita of France, Germany and Finland"),
    ("ber:minimum-investment-level", "aikg:benchmark", "place:finland"):
        (STATED, "In order to match the yearly investments per capita of France, Germany and Finland"),
    ("bef:recommended-investment-by-2030", "aikg:correspondsTo", "bef:recommended-minimum-investment-per-year"):
        (STATED, "€80 million per year which corresponds to at least €1 billion by 2030"),
    # Who should invest is not said: Belgium as a whole (both amounts, the same money).
    ("place:belgium", "funds", "ber:minimum-investment-level"):
        (OURS, "a minimum investment level of €80 million per year"),
    # "An external consultant has been commissioned by the Federal Ministry of Economy to draft, by mid-2020, a
    # Belgian AI strategy supported by all Belgian Regions and the Federal State."
    ("beo:federal-ministry-of-economy", "aikg:commissioned", "beo:external-consultant"):
        (STATED, "An external consultant has been commissioned by the Federal Ministry of Economy"),
    ("beo:federal-ministry-of-economy", "aikg:commissioned", "bep:belgian-ai-strategy-drafting"):
        (STATED, "commissioned by the Federal Ministry of Economy to draft, by mid-2020, a Belgian AI strategy"),
    ("beo:external-consultant", "aikg:runs", "bep:belgian-ai-strategy-drafting"):
        (STATED, "An external consultant has been commissioned by the Federal Ministry of Economy to draft"),
    ("bep:belgian-ai-strategy-drafting", "dct:relation", "bep:belgian-ai-strategy"):
        (STATED, "to draft, by mid-2020, a Belgian AI strategy"),
    ("beo:federal-ministry-of-economy", "org:subOrganizationOf", "place:belgium"):
        (OURS, "commissioned by the Federal Ministry of Economy"),
    # "All Belgian Regions and the Federal State": each Region and Belgium read into them.
    ("place:belgium", "aikg:supports", "bep:belgian-ai-strategy"):
        (OURS, "supported by all Belgian Regions and the Federal State"),
    ("place:flanders", "aikg:supports", "bep:belgian-ai-strategy"):
        (OURS, "supported by all Belgian Regions and the Federal State"),
    ("place:brussels-capital-region", "aikg:supports", "bep:belgian-ai-strategy"):
        (OURS, "supported by all Belgian Regions and the Federal State"),
    ("place:wallonia", "aikg:supports", "bep:belgian-ai-strategy"):
        (OURS, "supported by all Belgian Regions and the Federal State"),
    # The human-capital recommendations the report gives to "a future Belgian strategy" or "the future national
    # strategy", not to the coalition: read as the coalition's because they are those of the report it launched.
    ("beo:ai4belgium", "aikg:recommends", "ber:new-learning-deal"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    ("beo:ai4belgium", "aikg:recommends", "ber:lifelong-learning-incentives"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    ("beo:ai4belgium", "aikg:recommends", "ber:skills-gap-tools"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    ("beo:ai4belgium", "aikg:recommends", "ber:labour-market-responsibility"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    ("beo:ai4belgium", "aikg:recommends", "ber:ai-moocs"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    ("beo:ai4belgium", "aikg:recommends", "ber:lifelong-learning-opportunities"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    ("beo:ai4belgium", "aikg:recommends", "ber:university-ai-offering"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    ("beo:ai4belgium", "aikg:recommends", "ber:ai-courses-bachelors-masters"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    ("beo:ai4belgium", "aikg:recommends", "ber:ai-doctoral-school"):
        (OURS, "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report"),
    # "According to the Belgian coalition experts, increased collaborations could be reached ..." (3 Networking):
    # the experts read as members of the coalition.
    ("beo:ai4belgium-experts", "aikg:memberOf", "beo:ai4belgium"):
        (OURS, "According to the Belgian coalition experts"),
}

HUMAN_CAPITAL = {
    ("ber:new-learning-deal", "dct:relation", "bep:belgian-ai-strategy"):
        (STATED, "One of the main recommendations for a future Belgian strategy is the creation of a new learning deal"),
    ("ber:lifelong-learning-incentives", "dct:relation", "bep:belgian-ai-strategy"):
        (STATED, "The future national strategy of Belgium should advocate tailored and sufficient incentives for lifelong learning"),
    # "In addition, the Belgian coalition of experts recommends the reinforcement of human skills in AI at all
    # education levels ... This could include following initiatives:" and its three bullets. The lead-in says
    # whose they are; a bullet's own words are the evidence of the recommendation, not of who makes it.
    ("beo:ai4belgium", "aikg:recommends", "ber:human-skills-all-education-levels"):
        (STATED, "the Belgian coalition of experts recommends the reinforcement of human skills in AI at all education levels"),
    ("beo:ai4belgium", "aikg:recommends", "ber:primary-secondary-education-reform"):
        (STATED, "the Belgian coalition of experts recommends the reinforcement of human skills"),
    ("beo:ai4belgium", "aikg:recommends", "ber:higher-education-ai-courses"):
        (STATED, "the Belgian coalition of experts recommends the reinforcement of human skills"),
    ("beo:ai4belgium", "aikg:recommends", "ber:teacher-training"):
        (STATED, "the Belgian coalition of experts recommends the reinforcement of human skills"),
}

LAB_TO_MARKET = {
    # "Belgian’s support actions ... should comprise both financial funding and initiatives ... Hence, policy
    # initiatives should include among others:" and five bullets: not said to be the coalition's; read so from
    # the next paragraph: "The Belgian coalition of experts also calls for ...".
    ("beo:ai4belgium", "aikg:recommends", "ber:lab-to-market-support-actions"):
        (OURS, "The Belgian coalition of experts also calls for"),
    ("beo:ai4belgium", "aikg:recommends", "ber:european-ai-lab"):
        (OURS, "The Belgian coalition of experts also calls for"),
    ("beo:ai4belgium", "aikg:recommends", "ber:blue-sky-projects"):
        (OURS, "The Belgian coalition of experts also calls for"),
    ("beo:ai4belgium", "aikg:recommends", "ber:sme-financial-instruments"):
        (OURS, "The Belgian coalition of experts also calls for"),
    ("beo:ai4belgium", "aikg:recommends", "ber:sme-european-programmes-support"):
        (OURS, "The Belgian coalition of experts also calls for"),
    ("beo:ai4belgium", "aikg:recommends", "ber:public-private-matching-fund"):
        (OURS, "The Belgian coalition of experts also calls for"),
    # "The Belgian coalition of experts also calls for a substantial transformation of the public sector
    # ecosystem. ... To this purpose, the experts recommend various tools ranging from strategic investments to
    # governance efforts in the public sector:" and four bullets (the lead-in states whose they are).
    ("beo:ai4belgium", "aikg:recommends", "ber:public-sector-transformation"):
        (STATED, "The Belgian coalition of experts also calls for a substantial transformation of the public sector ecosystem"),
    ("beo:ai4belgium", "aikg:recommends", "ber:public-sector-rolling-fund"):
        (STATED, "the experts recommend various tools ranging from strategic investments to governance efforts"),
    ("beo:ai4belgium", "aikg:recommends", "ber:public-procurement-redesign"):
        (STATED, "the experts recommend various tools ranging from strategic investments to governance efforts"),
    ("beo:ai4belgium", "aikg:recommends", "ber:chief-digital-officer"):
        (STATED, "the experts recommend various tools ranging from strategic investments to governance efforts"),
    ("beo:ai4belgium", "aikg:recommends", "ber:public-sector-use-cases"):
        (STATED, "the experts recommend various tools ranging from strategic investments to governance efforts"),
}

NETWORKING = {
    # "According to the Belgian coalition experts, increased collaborations could be reached through effective
    # knowledge and data sharing ... Policy building blocks to foster networking and collaboration would be:"
    ("beo:ai4belgium", "aikg:recommends", "ber:networking-collaboration"):
        (STATED, "increased collaborations could be reached through effective knowledge and data sharing"),
    ("beo:ai4belgium", "aikg:recommends", "ber:belgian-innovation-hub"):
        (STATED, "Policy building blocks to foster networking and collaboration would be"),
    ("beo:ai4belgium", "aikg:recommends", "ber:industry-public-partnerships-students"):
        (STATED, "Policy building blocks to foster networking and collaboration would be"),
    ("beo:ai4belgium", "aikg:recommends", "ber:confederation-of-labs"):
        (STATED, "Policy building blocks to foster networking and collaboration would be"),
    ("ber:confederation-of-labs", "dct:relation", "aio:ellis"):
        (STATED, "join European initiatives (ELLIS, CLAIRE)"),
    ("ber:confederation-of-labs", "dct:relation", "aio:claire"):
        (STATED, "join European initiatives (ELLIS, CLAIRE)"),
    ("beo:ai4belgium", "aikg:recommends", "ber:data-sharing-platform"):
        (STATED, "Policy building blocks to foster networking and collaboration would be"),
    # "The Belgian coalition of experts expresses the need for an enhanced national and international visibility"
    ("beo:ai4belgium", "aikg:recommends", "ber:visibility-attractiveness"):
        (STATED, "The Belgian coalition of experts expresses the need for an enhanced national and international visibility"),
    # "Proposed initiatives towards increasing the (inter)national attractiveness of AI include:": not said whose;
    # read as the coalition's from the sentence before, on the need for visibility.
    ("beo:ai4belgium", "aikg:recommends", "ber:showcase-events"):
        (OURS, "The Belgian coalition of experts expresses the need for an enhanced national and international visibility"),
    ("beo:ai4belgium", "aikg:recommends", "ber:social-impact-programme"):
        (OURS, "The Belgian coalition of experts expresses the need for an enhanced national and international visibility"),
    ("beo:ai4belgium", "aikg:recommends", "ber:visa-selective-immigration"):
        (OURS, "The Belgian coalition of experts expresses the need for an enhanced national and international visibility"),
    ("beo:ai4belgium", "aikg:recommends", "ber:attract-private-research"):
        (OURS, "The Belgian coalition of experts expresses the need for an enhanced national and international visibility"),
}

REGULATION = {
    # "Hence, the development of ethical guidelines is key to support the use and the development of AI. ... The
    # Belgian coalition of experts recommends the following initiatives to address several of these notions and
    # principles:" and three bullets, parts of the ethical guidelines: the coalition recommends them all.
    ("beo:ai4belgium", "aikg:recommends", "ber:ethical-guidelines"):
        (STATED, "The Belgian coalition of experts recommends the following initiatives"),
    ("beo:ai4belgium", "aikg:recommends", "ber:ethical-committee"):
        (STATED, "The Belgian coalition of experts recommends the following initiatives"),
    ("beo:ai4belgium", "aikg:recommends", "ber:ethics-guidelines-public-private"):
        (STATED, "The Belgian coalition of experts recommends the following initiatives"),
    ("beo:ai4belgium", "aikg:recommends", "ber:civil-society-integration"):
        (STATED, "The Belgian coalition of experts recommends the following initiatives"),
    # "Following initiatives are advocated by the experts to reach a relevant and effective regulatory framework:"
    ("beo:ai4belgium", "aikg:recommends", "ber:regulatory-framework"):
        (STATED, "Following initiatives are advocated by the experts to reach a relevant and effective regulatory framework"),
    ("beo:ai4belgium", "aikg:recommends", "ber:policymaker-ai-literacy"):
        (STATED, "Following initiatives are advocated by the experts"),
    ("beo:ai4belgium", "aikg:recommends", "ber:ai-regulatory-framework"):
        (STATED, "Following initiatives are advocated by the experts"),
    # "Besides the development of a legal framework and ethical rules for AI, the policy recommendation report
    # briefly mentions the importance of standardisation. In particular private-public partnerships and ..."
    ("beo:ai4belgium", "aikg:recommends", "ber:standardisation"):
        (OURS, "the policy recommendation report briefly mentions the importance of standardisation"),
}

REGIONAL = {
    # "... given the division of competences in a federal state such as Belgium."
    ("place:flanders", "dct:isPartOf", "place:belgium"):
        (OURS, "given the division of competences in a federal state such as Belgium"),
    ("place:brussels-capital-region", "dct:isPartOf", "place:belgium"):
        (OURS, "given the division of competences in a federal state such as Belgium"),
    ("place:wallonia", "dct:isPartOf", "place:belgium"):
        (OURS, "given the division of competences in a federal state such as Belgium"),
}

FLANDERS = {
    # "In March 2019, the Flemish government launched the Flemish action plan to foster artificial intelligence in Flanders."
    ("beo:flemish-government", "aikg:launched", "bep:flemish-ai-action-plan"):
        (STATED, "In March 2019, the Flemish government launched the Flemish action plan"),
    ("beo:flemish-government", "aikg:governs", "place:flanders"):
        (OURS, "the Flemish government launched the Flemish action plan to foster artificial intelligence in Flanders"),
    # "The Flemish AI action plan provides funding complementing funding that is available through the regular,
    # bottom-up instruments of both FWO (funding for HEIs) and VLAIO (funding for enterprises)."
    ("bep:flemish-ai-action-plan", "aikg:complements", "bep:fwo-regular-instruments"):
        (STATED, "The Flemish AI action plan provides funding complementing funding that is available through the regular"),
    ("bep:flemish-ai-action-plan", "aikg:complements", "bep:vlaio-regular-instruments"):
        (STATED, "The Flemish AI action plan provides funding complementing funding that is available through the regular"),
    ("beo:fwo", "aikg:runs", "bep:fwo-regular-instruments"):
        (STATED, "bottom-up instruments of both FWO (funding for HEIs)"),
    ("beo:vlaio", "aikg:runs", "bep:vlaio-regular-instruments"):
        (STATED, "and VLAIO (funding for enterprises)"),
    # FWO and VLAIO read as bodies of the Flemish government: the report says only that their instruments are
    # those the Flemish plan complements.
    ("beo:fwo", "org:subOrganizationOf", "beo:flemish-government"):
        (OURS, "bottom-up instruments of both FWO (funding for HEIs) and VLAIO (funding for enterprises)"),
    ("beo:vlaio", "org:subOrganizationOf", "beo:flemish-government"):
        (OURS, "bottom-up instruments of both FWO (funding for HEIs) and VLAIO (funding for enterprises)"),
    # "Thanks to these regular instruments, in 2019 FWO invested more than €15 million and VLAIO more than
    # €41 million in AI related projects."
    ("beo:fwo", "funds", "bep:fwo-ai-related-projects"):
        (STATED, "in 2019 FWO invested more than €15 million"),
    ("beo:vlaio", "funds", "bep:vlaio-ai-related-projects"):
        (STATED, "VLAIO more than €41 million in AI related projects"),
    ("bep:fwo-ai-related-projects", "dct:isPartOf", "bep:fwo-regular-instruments"):
        (STATED, "Thanks to these regular instruments, in 2019 FWO invested more than €15 million"),
    ("bep:vlaio-ai-related-projects", "dct:isPartOf", "bep:vlaio-regular-instruments"):
        (STATED, "VLAIO more than €41 million in AI related projects"),
    # "The Flemish AI action plan foresees an additional annual budget of €32 million for its implementation that
    # is centered around 3 pillars:" The funder is not named: the government that launched the plan.
    ("beo:flemish-government", "funds", "bep:flemish-ai-action-plan"):
        (OURS, "foresees an additional annual budget of €32 million"),
    ("bep:flemish-ai-plan-basic-applied-research", "dct:isPartOf", "bep:flemish-ai-action-plan"):
        (STATED, "Basic Applied Research (12 million euros)"),
    ("bep:flemish-ai-plan-technology-transfer", "dct:isPartOf", "bep:flemish-ai-action-plan"):
        (STATED, "Technology Transfer and Industrial Applications (15 million euros)"),
    ("bep:flemish-ai-plan-supporting-activities", "dct:isPartOf", "bep:flemish-ai-action-plan"):
        (STATED, "Supporting activities (awareness, training, ethics) (5 million euros)"),
    ("beo:flemish-government", "funds", "bep:flemish-ai-plan-basic-applied-research"):
        (OURS, "Basic Applied Research (12 million euros)"),
    ("beo:flemish-government", "funds", "bep:flemish-ai-plan-technology-transfer"):
        (OURS, "Technology Transfer and Industrial Applications (15 million euros)"),
    ("beo:flemish-government", "funds", "bep:flemish-ai-plan-supporting-activities"):
        (OURS, "Supporting activities (awareness, training, ethics) (5 million euros)"),
    # The pillars' amounts read as shares of the €32 million (12 + 15 + 5 = 32).
    ("bef:flemish-ai-plan-basic-applied-research", "dct:isPartOf", "bef:flemish-ai-action-plan-annual-budget"):
        (OURS, "additional annual budget of €32 million for its implementation that is centered around 3 pillars"),
    ("bef:flemish-ai-plan-technology-transfer", "dct:isPartOf", "bef:flemish-ai-action-plan-annual-budget"):
        (OURS, "additional annual budget of €32 million for its implementation that is centered around 3 pillars"),
    ("bef:flemish-ai-plan-supporting-activities", "dct:isPartOf", "bef:flemish-ai-action-plan-annual-budget"):
        (OURS, "additional annual budget of €32 million for its implementation that is centered around 3 pillars"),
    # Basic Applied Research: "Four strategic challenges will be addressed." and the four challenges.
    ("bep:flemish-ai-challenge-complex-decisions", "dct:isPartOf", "bep:flemish-ai-plan-basic-applied-research"):
        (STATED, "Help to Make Complex Decisions Through Data Science"),
    ("bep:flemish-ai-challenge-edge", "dct:isPartOf", "bep:flemish-ai-plan-basic-applied-research"):
        (STATED, "Deliver Artificial Intelligence to the Edge"),
    ("bep:flemish-ai-challenge-multi-agent", "dct:isPartOf", "bep:flemish-ai-plan-basic-applied-research"):
        (STATED, "Interact Autonomously with Other Decision-Making Entities"),
    ("bep:flemish-ai-challenge-human-like", "dct:isPartOf", "bep:flemish-ai-plan-basic-applied-research"):
        (STATED, "Communicate and Collaborate Seamlessly with Humans"),
    # Technology Transfer: "The existing Flemish policy mix ... will not be extended ... but additional funding
    # for AI related proposals is earmarked on beforehand"
    ("bep:flemish-ai-plan-technology-transfer", "aikg:complements", "bep:vlaio-regular-instruments"):
        (OURS, "additional funding for AI related proposals is earmarked on beforehand"),
    # Supporting activities: "A “data and society” research centre has been created to support practitioners ...
    # In addition, many kinds of awareness rising activities will be launched and different types of educational
    # and training material for various target groups and skills levels."
    ("bep:data-and-society-centre-set-up", "dct:isPartOf", "bep:flemish-ai-plan-supporting-activities"):
        (STATED, "research centre has been created"),
    ("bep:flemish-ai-awareness-activities", "dct:isPartOf", "bep:flemish-ai-plan-supporting-activities"):
        (STATED, "many kinds of awareness rising activities will be launched"),
    ("bep:flemish-ai-educational-material", "dct:isPartOf", "bep:flemish-ai-plan-supporting-activities"):
        (STATED, "different types of educational and training material for various target groups"),
    # "Actual activities under the umbrella of the action plan have started as from July, 1st 2019. Noteworthy
    # items to be mentioned are: a research roadmap with four major challenges (including several proofs of
    # concept), dedicated calls to support AI take-up and development by companies, the set-up of a expertise
    # centre on “data & society” and the creation of various outreach and educational material on AI."
    ("bep:flemish-ai-research-roadmap", "dct:isPartOf", "bep:flemish-ai-action-plan"):
        (STATED, "a research roadmap with four major challenges"),
    ("bep:flemish-ai-dedicated-calls", "dct:isPartOf", "bep:flemish-ai-action-plan"):
        (STATED, "dedicated calls to"),
    ("bep:data-and-society-centre-set-up", "dct:relation", "beo:data-and-society-centre"):
        (STATED, "the set-up of a expertise centre on"),
    # The roadmap's four challenges read as the four strategic challenges of Basic Applied Research.
    ("bep:flemish-ai-challenge-complex-decisions", "dct:isPartOf", "bep:flemish-ai-research-roadmap"):
        (OURS, "a research roadmap with four major challenges"),
    ("bep:flemish-ai-challenge-edge", "dct:isPartOf", "bep:flemish-ai-research-roadmap"):
        (OURS, "a research roadmap with four major challenges"),
    ("bep:flemish-ai-challenge-multi-agent", "dct:isPartOf", "bep:flemish-ai-research-roadmap"):
        (OURS, "a research roadmap with four major challenges"),
    ("bep:flemish-ai-challenge-human-like", "dct:isPartOf", "bep:flemish-ai-research-roadmap"):
        (OURS, "a research roadmap with four major challenges"),
}

BRUSSELS = {
    # "An analysis of all regional AI activities and initiatives in the Brussels Region is underway ... This overview
    # should be available by mid-2020 and will help identify potential gaps in the current policy setting."
    ("place:brussels-capital-region", "aikg:runs", "bep:brussels-ai-overview"):
        (OURS, "will help identify potential gaps in the current policy setting"),
    # "In the last two years, the regional innovation funding body Innoviris has been playing a major role in the
    # support of AI-related research and innovation effort, through a strong development of its support programs
    # with a dedicated budget of EUR 20 million."
    ("beo:innoviris", "org:subOrganizationOf", "place:brussels-capital-region"):
        (OURS, "the regional innovation funding body Innoviris"),
    ("beo:innoviris", "aikg:runs", "bep:innoviris-ai-support-programmes"):
        (STATED, "through a strong development of its support programs"),
    ("beo:innoviris", "funds", "bep:innoviris-ai-support-programmes"):
        (STATED, "with a dedicated budget of EUR 20 million"),
    # "In particular, one can mention the launch in 2017 of an AI call (“Team Up”) aiming at fostering
    # collaboration between academia and industry." Who launched it, and that it is one of the programmes of
    # the EUR 20 million, are read from "In particular".
    ("beo:innoviris", "aikg:launched", "bep:team-up"):
        (OURS, "one can mention the launch in 2017 of an AI call"),
    # That Team Up and Anticipate are Innoviris's calls is read from "besides these two specific calls, Innoviris
    # funds ..." (below).
    ("beo:innoviris", "aikg:runs", "bep:team-up"):
        (OURS, "besides these two specific calls, Innoviris funds"),
    ("bep:team-up", "dct:isPartOf", "bep:innoviris-ai-support-programmes"):
        (OURS, "In particular, one can mention the launch in 2017 of an AI call"),
    ("bef:innoviris-team-up", "dct:isPartOf", "bef:innoviris-ai-support-programmes"):
        (OURS, "In particular, one can mention the launch in 2017 of an AI call"),
    # "The scheme has proven to be very successful with nineteen collaborative projects funded amounting to EUR 12
    # millions of subsidies." (the funder not named)
    ("beo:innoviris", "funds", "bep:team-up"):
        (OURS, "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies"),
    # "Furthermore, to complement the above industrially focused approach, in 2018, AI was also made a focus on
    # another R&I program called “Anticipate”. The objective there was to fund projects which present a
    # prospective vision of AI ..."
    ("bep:anticipate-ai-focus", "dct:isPartOf", "bep:anticipate"):
        (STATED, "AI was also made a focus on another R&I program called"),
    ("bep:anticipate-ai-focus", "aikg:complements", "bep:team-up"):
        (OURS, "to complement the above industrially focused approach"),
    ("beo:innoviris", "aikg:runs", "bep:anticipate"):
        (OURS, "besides these two specific calls, Innoviris funds"),
    ("beo:innoviris", "funds", "bep:anticipate"):
        (OURS, "fund projects which present a prospective vision of AI"),
    # "Moreover, it is worth noting that besides these two specific calls, Innoviris funds AI/Data related projects
    # for more than 6MEur subsidy per year ... through its open call dedicated to companies."
    ("bep:anticipate-ai-focus", "dct:isPartOf", "bep:innoviris-ai-support-programmes"):
        (OURS, "to complement the above industrially focused approach, in 2018, AI was also made a focus"),
    ("beo:innoviris", "funds", "bep:innoviris-open-call-ai-data-projects"):
        (STATED, "Innoviris funds AI/Data related projects for more than 6MEur subsidy per year"),
    ("beo:innoviris", "aikg:runs", "bep:innoviris-open-call-companies"):
        (STATED, "through its open call dedicated to companies"),
    ("bep:innoviris-open-call-ai-data-projects", "dct:isPartOf", "bep:innoviris-open-call-companies"):
        (STATED, "through its open call dedicated to companies"),
    # "... Innoviris is now engaged in a more specialized track with for example an ongoing call dedicated to
    # predictive medicine and an upcoming call dedicated to Industry 4.0."
    ("beo:innoviris", "aikg:runs", "bep:innoviris-predictive-medicine-call"):
        (STATED, "an ongoing call dedicated to predictive medicine"),
    ("beo:innoviris", "aikg:runs", "bep:innoviris-industry-4-0-call"):
        (STATED, "an upcoming call dedicated to Industry 4.0"),
    # "The Brussels Region also offers a large panel of services to support companies in their AI endeavours"
    ("place:brussels-capital-region", "aikg:runs", "bep:brussels-company-ai-services"):
        (OURS, "The Brussels Region also offers a large panel of services to support companies"),
    # "As for the technical aspects, one can mention the leading role of Sirris Brussels through its Elucidata
    # laboratory (10 experts) and the ICiTy.Bru technology hub, both co-funded by the Brussels Region and ERDF."
    ("beo:sirris-brussels", "aikg:runs", "beo:elucidata"):
        (STATED, "Sirris Brussels through its Elucidata laboratory"),
    ("beo:sirris-brussels", "aikg:runs", "beo:icity-bru"):
        (OURS, "Sirris Brussels through its Elucidata laboratory (10 experts) and the ICiTy.Bru technology hub"),
    ("beo:sirris-brussels", "org:subOrganizationOf", "beo:sirris"):
        (OURS, "the leading role of Sirris Brussels"),
    ("beo:elucidata", "aikg:partnerOf", "bep:brussels-company-ai-services"):
        (OURS, "As for the technical aspects, one can mention the leading role of Sirris Brussels"),
    ("beo:icity-bru", "aikg:partnerOf", "bep:brussels-company-ai-services"):
        (OURS, "and the ICiTy.Bru technology hub"),
    ("place:brussels-capital-region", "co-funds", "beo:elucidata"):
        (STATED, "both co-funded by the Brussels Region and ERDF"),
    ("place:brussels-capital-region", "co-funds", "beo:icity-bru"):
        (STATED, "both co-funded by the Brussels Region and ERDF"),
    ("aio:erdf", "co-funds", "beo:elucidata"):
        (STATED, "both co-funded by the Brussels Region and ERDF"),
    ("aio:erdf", "co-funds", "beo:icity-bru"):
        (STATED, "both co-funded by the Brussels Region and ERDF"),
    # "Furthermore, Innoviris has recently expanded its list of accredited centres to several AI labs to provide
    # services via Innovation Vouchers."
    ("beo:innoviris", "aikg:accredits", "beo:accredited-ai-labs"):
        (STATED, "expanded its list of accredited centres to several AI labs"),
    ("beo:accredited-ai-labs", "aikg:partnerOf", "bep:innovation-vouchers"):
        (OURS, "to provide services via Innovation Vouchers"),
    ("beo:innoviris", "aikg:runs", "bep:innovation-vouchers"):
        (OURS, "to provide services via Innovation Vouchers"),
    ("bep:innovation-vouchers", "dct:isPartOf", "bep:brussels-company-ai-services"):
        (OURS, "to provide services via Innovation Vouchers"),
    # "When it comes to awareness raising, the Region is also funding, still through Innoviris, various programmes
    # aiming at boosting skills in ICT. One can mention the mobile fablab programme, which visits schools ..."
    ("place:brussels-capital-region", "funds", "bep:brussels-ict-skills-programmes"):
        (STATED, "the Region is also funding, still through Innoviris, various programmes"),
    ("place:brussels-capital-region", "funds", "bep:mobile-fablab"):
        (STATED, "One can mention the mobile fablab programme"),
    ("bep:mobile-fablab", "dct:isPartOf", "bep:brussels-ict-skills-programmes"):
        (STATED, "One can mention the mobile fablab programme"),
    # "Besides, Innoviris organises each year a festival on science for a wide audience."
    ("beo:innoviris", "aikg:organises", "bep:innoviris-science-festival"):
        (STATED, "Innoviris organises each year a festival on science for a wide audience"),
    # "Innoviris also launches open calls for proposal dedicated to STEM awareness, where innovative projects on
    # STEM awareness would get funding ..." (who gives the funding is not said)
    ("beo:innoviris", "aikg:launched", "bep:innoviris-stem-awareness-calls"):
        (STATED, "Innoviris also launches open calls for proposal dedicated to STEM awareness"),
    ("beo:innoviris", "funds", "bep:innoviris-stem-awareness-calls"):
        (OURS, "where innovative projects on STEM awareness would get funding"),
    # "Innoviris also took part in the platform Women in Tech and is a partner of de Women Code Week, in
    # cooperation with the Brussels Agency for Enterprise Hub.Brussels."
    ("beo:innoviris", "aikg:partnerOf", "bep:women-in-tech"):
        (OURS, "Innoviris also took part in the platform Women in Tech"),
    ("beo:innoviris", "aikg:partnerOf", "bep:women-code-week"):
        (STATED, "is a partner of de Women Code Week"),
    ("beo:innoviris", "aikg:partnerOf", "beo:hub-brussels"):
        (STATED, "in cooperation with the Brussels Agency for Enterprise Hub.Brussels"),
    ("beo:hub-brussels", "aikg:partnerOf", "bep:women-code-week"):
        (OURS, "is a partner of de Women Code Week, in cooperation with"),
    ("beo:hub-brussels", "org:subOrganizationOf", "place:brussels-capital-region"):
        (OURS, "the Brussels Agency for Enterprise Hub.Brussels"),
}

WALLONIA = {
    # "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network, the DigitalWallonia4.ai
    # program has the main objective of accelerating the adoption of artificial intelligence (AI) in Wallonia ..."
    ("beo:digital-agency", "aikg:supports", "bep:digitalwallonia4ai"):
        (STATED, "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network"),
    ("beo:agoria", "aikg:supports", "bep:digitalwallonia4ai"):
        (STATED, "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network"),
    ("beo:infopole", "aikg:supports", "bep:digitalwallonia4ai"):
        (STATED, "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network"),
    ("beo:ai-network", "aikg:supports", "bep:digitalwallonia4ai"):
        (STATED, "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network"),
    ("beo:digital-agency", "org:subOrganizationOf", "place:wallonia"):
        (OURS, "Supported by the Digital Agency"),
    # "Its official launch was celebrated on November 27, 2019 but the effective start took place on July 1, 2019."
    ("bep:digitalwallonia4ai-launch", "dct:isPartOf", "bep:digitalwallonia4ai"):
        (STATED, "Its official launch was celebrated on November 27, 2019"),
    # "The strategy developed for the DigitalWallonia4.ai project is based on four structuring axes:"
    ("bep:dw4ai-axis-1-society", "dct:isPartOf", "bep:digitalwallonia4ai"):
        (STATED, "is based on four structuring axes"),
    ("bep:dw4ai-axis-2-companies", "dct:isPartOf", "bep:digitalwallonia4ai"):
        (STATED, "is based on four structuring axes"),
    ("bep:dw4ai-axis-3-training", "dct:isPartOf", "bep:digitalwallonia4ai"):
        (STATED, "is based on four structuring axes"),
    ("bep:dw4ai-axis-4-partnerships", "dct:isPartOf", "bep:digitalwallonia4ai"):
        (STATED, "is based on four structuring axes"),
    # Axis 1: "Numerous awareness-raising actions took place in 2019, aimed at businesses, public authorities and
    # citizens. One of the first was the implementation of the DigitalWallonia4.ai project published on the
    # Digital Wallonia platform which brings together all the resources ... related to the project."
    ("bep:dw4ai-awareness-actions-2019", "dct:isPartOf", "bep:dw4ai-axis-1-society"):
        (STATED, "Numerous awareness-raising actions took place in 2019"),
    ("bep:digital-wallonia-platform", "dct:relation", "bep:dw4ai-awareness-actions-2019"):
        (STATED, "One of the first was the implementation of the DigitalWallonia4.ai project published on the Digital Wallonia platform"),
    ("bep:digital-wallonia-platform", "dct:relation", "bep:digitalwallonia4ai"):
        (STATED, "which brings together all the resources (e.g. events, profiles, publications) related to the project"),
    # Axis 2: "Two actions, linked to axis 2 ..., were implemented in 2019: Start AI and Tremplin AI."
    ("bep:start-ai", "dct:isPartOf", "bep:dw4ai-axis-2-companies"):
        (STATED, "were implemented in 2019: Start AI and Tremplin AI"),
    ("bep:tremplin-ai", "dct:isPartOf", "bep:dw4ai-axis-2-companies"):
        (STATED, "were implemented in 2019: Start AI and Tremplin AI"),
    # "Start AI whose objective is to support companies in their discovery of artificial intelligence, through a
    # 3-day coaching by one of the members of the AI expert pool of Digital Wallonia."
    ("beo:digital-wallonia-ai-expert-pool", "aikg:runs", "bep:start-ai"):
        (OURS, "through a 3-day coaching by one of the members of the AI expert pool"),
    ("beo:digital-wallonia-ai-expert-pool", "dct:relation", "bep:digital-wallonia-platform"):
        (OURS, "the AI expert pool of Digital Wallonia"),
    # Axis 3: "Preparation of two public contracts (still in progress) for the implementation of training programs
    # on AI throughout the Walloon territory." "The AI course developed by Agoria is available online for free on
    # the DigitalWallonia4.ai portal."
    ("bep:walloon-ai-training-contracts", "dct:isPartOf", "bep:dw4ai-axis-3-training"):
        (STATED, "Preparation of two public contracts (still in progress)"),
    ("bep:agoria-ai-course", "dct:isPartOf", "bep:dw4ai-axis-3-training"):
        (STATED, "The AI course developed by Agoria is available online for free"),
    ("beo:agoria", "aikg:develops", "bep:agoria-ai-course"):
        (STATED, "The AI course developed by Agoria"),
    ("bep:agoria-ai-course", "dct:relation", "bep:digitalwallonia4ai-portal"):
        (STATED, "is available online for free on the DigitalWallonia4.ai portal"),
    ("bep:digitalwallonia4ai-portal", "dct:relation", "bep:digitalwallonia4ai"):
        (STATED, "on the DigitalWallonia4.ai portal"),
    # Axis 4: "The 4 referent partners of the DigitalWallonia4.ai project were joined by around twenty official
    # partners as part of the regional dynamic, in connection with the national (AI4BELGIUM) and European strategy."
    # The 4 referent partners read as the four supporters named at the start of the section.
    **{(referent, "aikg:partnerOf", "bep:digitalwallonia4ai"):
       (OURS, "The 4 referent partners of the DigitalWallonia4.ai project")
       for referent in ("beo:digital-agency", "beo:agoria", "beo:infopole", "beo:ai-network")},
    ("beo:dw4ai-official-partners", "aikg:partnerOf", "bep:digitalwallonia4ai"):
        (OURS, "were joined by around twenty official partners"),
    **{("beo:dw4ai-official-partners", "aikg:partnerOf", referent):
       (OURS, "The 4 referent partners of the DigitalWallonia4.ai project were joined by around twenty official partners")
       for referent in ("beo:digital-agency", "beo:agoria", "beo:infopole", "beo:ai-network")},
    ("bep:dw4ai-axis-4-partnerships", "dct:relation", "bep:belgian-ai-strategy"):
        (OURS, "in connection with the national (AI4BELGIUM) and European strategy"),
    ("bep:dw4ai-axis-4-partnerships", "dct:relation", "place:eu"):
        (OURS, "in connection with the national (AI4BELGIUM) and European strategy"),
}

REFERENCE = {
    # "Belgium (2019). AI4Belgium. Ministers for Digital Agenda."
    ("bed:ai-watch-belgium-2020", "dct:references", "bed:ai4belgium-2019"):
        (STATED, "Belgium (2019). AI4Belgium. Ministers for Digital Agenda."),
    ("bed:ai4belgium-2019", "dct:creator", "place:belgium"):
        (OURS, "Belgium (2019). AI4Belgium. Ministers for Digital Agenda."),
    ("bed:ai4belgium-2019", "dct:publisher", "beo:ministers-for-digital-agenda"):
        (OURS, "Belgium (2019). AI4Belgium. Ministers for Digital Agenda."),
    ("beo:ministers-for-digital-agenda", "org:subOrganizationOf", "place:belgium"):
        (OURS, "Belgium (2019). AI4Belgium. Ministers for Digital Agenda."),
}

BACKGROUND = {
    # "This country report has been prepared in the context of AI Watch and the OECD AI Policy Observatory."
    ("bed:ai-watch-belgium-2020", "dct:relation", "aio:ai-watch"):
        (STATED, "This country report has been prepared in the context of AI Watch and the OECD AI Policy Observatory"),
    ("bed:ai-watch-belgium-2020", "dct:relation", "aio:oecd-ai"):
        (STATED, "This country report has been prepared in the context of AI Watch and the OECD AI Policy Observatory"),
    # "AI Watch is the European Commission knowledge service to monitor the development, uptake and impact of AI"
    ("aio:european-commission", "aikg:runs", "aio:ai-watch"):
        (STATED, "AI Watch is the European Commission knowledge service"),
    # "The OECD AI Policy Observatory (OECD.AI) is an inclusive hub for public policy on AI."
    ("aio:oecd-ai", "org:subOrganizationOf", "aio:oecd"):
        (OURS, "The OECD AI Policy Observatory (OECD.AI)"),
    # Contacts: "European Commission – Joint Research Centre / Directorate B – Growth & Innovation – Digital Economy
    # Unit (B6)": the report's publisher, and the units of the Commission, read from the contact.
    ("bed:ai-watch-belgium-2020", "dcat:contactPoint", "aio:jrc-unit-b6"):
        (STATED, "Digital Economy Unit (B6)"),
    ("bed:ai-watch-belgium-2020", "dct:publisher", "aio:jrc"):
        (OURS, "European Commission – Joint Research Centre"),
    ("aio:jrc", "org:unitOf", "aio:european-commission"):
        (OURS, "European Commission – Joint Research Centre"),
    ("aio:jrc-directorate-b", "org:unitOf", "aio:jrc"):
        (OURS, "Directorate B – Growth & Innovation"),
    ("aio:jrc-unit-b6", "org:unitOf", "aio:jrc-directorate-b"):
        (OURS, "Digital Economy Unit (B6)"),
}

SECTIONS = {
    "Introduction": INTRODUCTION, "1 Human capital": HUMAN_CAPITAL, "2 From the lab to the market": LAB_TO_MARKET,
    "3 Networking": NETWORKING, "4 Regulation": REGULATION, "6 Regional strategies": REGIONAL,
    "6 Regional strategies – Flanders": FLANDERS, "6 Regional strategies – Brussels Region": BRUSSELS,
    "6 Regional strategies – The Walloon Region": WALLONIA, "Reference": REFERENCE,
    "Background information": BACKGROUND,
}
RELATIONS = {key: row for table in SECTIONS.values() for key, row in table.items()}
# Our readings whose note must name the other reading (issue 23's disputable ones).
OTHER_READING = {
    ("beo:sirris-brussels", "aikg:runs", "beo:icity-bru"),
    ("bep:flemish-ai-plan-technology-transfer", "aikg:complements", "bep:vlaio-regular-instruments"),
    ("beo:digital-wallonia-ai-expert-pool", "dct:relation", "bep:digital-wallonia-platform"),
    ("bep:dw4ai-axis-4-partnerships", "dct:relation", "bep:belgian-ai-strategy"),
    ("bep:dw4ai-axis-4-partnerships", "dct:relation", "place:eu"),
    *(("beo:dw4ai-official-partners", "aikg:partnerOf", referent)
      for referent in ("beo:digital-agency", "beo:agoria", "beo:infopole", "beo:ai-network")),
    ("beo:ai4belgium-experts", "aikg:memberOf", "beo:ai4belgium"),
    ("bep:team-up", "dct:isPartOf", "bep:innoviris-ai-support-programmes"),
    ("bef:innoviris-team-up", "dct:isPartOf", "bef:innoviris-ai-support-programmes"),
    ("beo:hub-brussels", "aikg:partnerOf", "bep:women-code-week"),
    ("beo:innoviris", "aikg:partnerOf", "bep:women-in-tech"),
    ("place:brussels-capital-region", "aikg:runs", "bep:brussels-ai-overview"),
    ("beo:digital-wallonia-ai-expert-pool", "aikg:runs", "bep:start-ai"),
    ("bed:ai4belgium-2019", "dct:creator", "place:belgium"),
    ("place:belgium", "funds", "ber:minimum-investment-level"),
}
# How `aikg query relation-evidence` names each property (money keeps its own words); it does not list a
# report's references and contact point, which the table checks all the same.
SHOWN_AS = {
    "aikg:accredits": "accredits", "aikg:benchmark": "benchmark", "aikg:commissioned": "commissioned",
    "aikg:complements": "complements", "aikg:correspondsTo": "corresponds to", "aikg:develops": "develops",
    "aikg:governs": "governs", "aikg:launched": "launched", "aikg:memberOf": "member of",
    "aikg:organises": "organises", "aikg:partnerOf": "partner of", "aikg:prepared": "prepared",
    "aikg:recommends": "recommends", "aikg:runs": "runs", "aikg:supports": "supports",
    "dct:creator": "creator", "dct:isPartOf": "part of", "dct:publisher": "publisher", "dct:relation": "related to",
    "dct:references": "cites",
    "org:subOrganizationOf": "sub-organisation of", "org:unitOf": "unit of", "funds": "funds", "co-funds": "co-funds",
}
MONEY = {"funds", "co-funds"}
# Readings replaced: the sentence names "the national (AI4BELGIUM) ... strategy", not the coalition.
DROPPED = [("bep:dw4ai-axis-4-partnerships", "dct:relation", "beo:ai4belgium")]

STATEMENTS = read_query("""SELECT ?s ?p ?o ?statement ?editorial ?quote ?note WHERE {
  ?statement rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?s ?p ?o .
  BIND (EXISTS { ?statement a aikg:EditorialStatement } AS ?editorial)
  OPTIONAL { ?statement prov:qualifiedQuotation/prov:value ?quote }
  OPTIONAL { ?statement rdfs:comment ?note } }""")
# A funder's money: the funding relation's quotes, and our readings of its funder or recipient with theirs.
FUNDING = read_query("""SELECT ?funder ?item ?statement ?cofunding ?editorial ?quote ?note WHERE {
  ?statement a/rdfs:subClassOf* aikg:FundingRelation ; schema:funder ?funder ; schema:fundedItem ?item .
  BIND (EXISTS { ?statement a/rdfs:subClassOf* aikg:CoFunding } AS ?cofunding)
  BIND (EXISTS { ?any a aikg:EditorialStatement ; rdf:subject ?statement ; rdf:predicate ?anyLink ; rdf:object ?anyEnd
                 FILTER ((?anyLink = schema:funder && ?anyEnd = ?funder) || (?anyLink = schema:fundedItem && ?anyEnd = ?item)) }
        AS ?editorial)
  { ?statement prov:qualifiedQuotation/prov:value ?quote }
  UNION
  { ?reading a aikg:EditorialStatement ; rdf:subject ?statement ; rdf:predicate ?link ; rdf:object ?end ; rdfs:comment ?note
    OPTIONAL { ?reading prov:qualifiedQuotation/prov:value ?quote } }
  FILTER (!BOUND(?reading) || (?link = schema:funder && ?end = ?funder) || (?link = schema:fundedItem && ?end = ?item)) }""")


def _iri(name: str) -> str:
    if name in MONEY:
        return name
    prefix, local = name.split(":", 1)
    return ALL_PREFIXES[prefix] + local


def _key(triple: tuple[str, str, str]) -> tuple[str, str, str]:
    return tuple(_iri(part) for part in triple)


@pytest.fixture(scope="module")
def evidence(store) -> dict[tuple[str, str, str], dict[str, dict]]:
    """Per relation that holds (full IRIs; "funds"/"co-funds" for money), per statement: editorial or not, quotes, notes."""
    found: dict[tuple[str, str, str], dict[str, dict]] = {}

    def add(key, row) -> None:
        entry = found.setdefault(key, {}).setdefault(str(row["statement"]), {"editorial": False, "quotes": set(), "notes": set()})
        entry["editorial"] = row["editorial"].value == "true"
        if row.get("quote") is not None:
            entry["quotes"].add(collapse_whitespace(row["quote"].value))
        if row.get("note") is not None:
            entry["notes"].add(row["note"].value)

    for row in run_query(store, STATEMENTS).bindings:
        add((row["s"].value, row["p"].value, row["o"].value), row)
    for row in run_query(store, FUNDING).bindings:
        add((row["funder"].value, "co-funds" if row["cofunding"].value == "true" else "funds", row["item"].value), row)
    return found


@pytest.fixture(scope="module")
def shown(store) -> set[tuple[str, str, str]]:
    """The relations `aikg query relation-evidence` lists: (source, relation, target)."""
    return {(row["source"].value, row["relation"].value, row["target"].value)
            for row in run_query(store, find_query("relation-evidence")).bindings}


def test_every_relation_the_evidence_query_lists_has_a_row_in_the_table(shown) -> None:
    typed = {(_iri(s), SHOWN_AS[p], _iri(o)) for s, p, o in RELATIONS if p in SHOWN_AS}
    missing = sorted(f"{shorten(s, ALL_PREFIXES)} {r} {shorten(o, ALL_PREFIXES)}" for s, r, o in shown - typed)
    assert not missing, "relations without a row in the evidence table:\n" + "\n".join(missing)


def test_no_relation_is_typed_in_two_sections() -> None:
    assert sum(len(table) for table in SECTIONS.values()) == len(RELATIONS)


@pytest.mark.parametrize("triple", list(RELATIONS), ids=" ".join)
def test_a_relation_is_backed_by_the_sentence_that_states_it(evidence, triple) -> None:
    kind, words = RELATIONS[triple]
    statements = evidence.get(_key(triple))
    assert statements, f"{triple} does not hold, or holds without evidence"
    wrong_kind = [s for s in statements.values() if s["editorial"] != (kind == OURS)]
    assert not wrong_kind, f"{triple} is typed {kind}, the graph holds: {statements}"
    quotes = {q for s in statements.values() for q in s["quotes"]}
    assert any(words in q for q in quotes), f"{triple}: no quote holds {words!r}: {quotes}"
    if kind == OURS:
        assert all(s["notes"] for s in statements.values()), f"{triple}: our reading without a note: {statements}"
    if triple in OTHER_READING:
        notes = [n for s in statements.values() for n in s["notes"]]
        assert any("Another reading" in n or "Another parse" in n for n in notes), notes


@pytest.mark.parametrize("triple", DROPPED, ids=" ".join)
def test_a_dropped_reading_is_gone_with_its_evidence(store, evidence, triple) -> None:
    s, p, o = _key(triple)
    assert not store.query(f"ASK {{ <{s}> <{p}> <{o}> }}")
    assert not store.query(f"ASK {{ [] rdf:subject <{s}> ; rdf:predicate <{p}> ; rdf:object <{o}> }}")


def test_hub_brussels_note_names_no_government_the_report_does_not_name(evidence) -> None:
    key = _key(("beo:hub-brussels", "org:subOrganizationOf", "place:brussels-capital-region"))
    notes = [n for s in evidence[key].values() for n in s["notes"]]
    assert notes and not any("Region's government" in n for n in notes)
