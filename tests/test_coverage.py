"""Coverage of the AI Watch country report on Belgium (2020) by the graph.

A hand-written table of facts, each read from the report text (data/be/
ai-watch-belgium-2020.txt), not from the Turtle: a question, a SPARQL query that
answers it from the graph, and the answer the report gives. The rows of the query
must equal the expected set exactly.

Cells are compared in a normal form: IRIs as prefixed names ("bep:team-up") or
<full IRI>, typed literals as "lexical^^xsd:type" (decimals with trailing zeros
removed), plain literals as their text.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef

from aikg.prefixes import PREFIXES as PROJECT_PREFIXES, REPORT_PREFIXES

PREFIXES = {**REPORT_PREFIXES, **PROJECT_PREFIXES}  # the project's and each report's own (Belgium's be*)

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_DECIMAL = URIRef(XSD_NS + "decimal")

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX sec: <https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#>\n"
)

_NAMES = Graph()
for _prefix, _ns in PREFIXES.items():
    _NAMES.bind(_prefix, _ns, override=True, replace=True)
_NAMES.bind("xsd", XSD_NS, override=True, replace=True)
_NAMES.bind("sec", "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#", override=True, replace=True)


def norm(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return _NAMES.namespace_manager.normalizeUri(term)
    if isinstance(term, Literal):
        if term.datatype is None:
            return str(term)
        lexical = str(term)
        if term.datatype == XSD_DECIMAL:
            value = Decimal(lexical).normalize()
            lexical = format(value, "f")
        return f"{lexical}^^{_NAMES.namespace_manager.normalizeUri(term.datatype)}"
    return str(term)


def D(value: int | str) -> str:
    """An xsd:decimal in normal form."""
    return f"{value}^^xsd:decimal"


def N(value: int) -> str:
    """A COUNT result."""
    return f"{value}^^xsd:integer"


# (id, question, SPARQL SELECT, expected set of rows)
FACTS = [
    # ---------------------------------------------------------------- money
    ("recommended-investment",
     "What investment does the AI4Belgium coalition recommend (amount, qualifier, period, status)?",
     """SELECT ?v ?q ?p ?s WHERE { ?f a aikg:FundingRelation ; schema:fundedItem ber:minimum-investment-level ;
            schema:amount/schema:value ?v ; aikg:qualifier ?q ; aikg:period ?p ; aikg:status ?s }""",
     {(D(80000000), "q:at-least", "period:per-year", "status:recommended"),
      (D(1000000000), "q:at-least", "period:total", "status:recommended")}),
    ("one-billion-by-2030",
     "By when should at least €1 billion be invested?",
     """SELECT ?t WHERE { ?f a aikg:FundingRelation ; schema:amount/schema:value ?v ;
            schema:validThrough ?t . FILTER(?v = 1000000000) }""",
     {("2030^^xsd:gYear",)}),
    ("fwo-2019",
     "How much did FWO invest in AI-related projects in 2019?",
     """SELECT ?v ?q ?y ?s WHERE { ?f schema:funder beo:fwo ; schema:amount/schema:value ?v ;
            aikg:qualifier ?q ; aikg:year ?y ; aikg:status ?s }""",
     {(D(15000000), "q:more-than", "2019^^xsd:gYear", "status:spent")}),
    ("vlaio-2019",
     "How much did VLAIO invest in AI-related projects in 2019?",
     """SELECT ?v ?q ?y ?s WHERE { ?f schema:funder beo:vlaio ; schema:amount/schema:value ?v ;
            aikg:qualifier ?q ; aikg:year ?y ; aikg:status ?s }""",
     {(D(41000000), "q:more-than", "2019^^xsd:gYear", "status:spent")}),
    ("fwo-vlaio-through-regular-instruments",
     "In what did FWO and VLAIO invest, and through which instruments? (The AI share, not the instruments' budget.)",
     """SELECT ?funder ?item ?instruments ?runner WHERE { ?f schema:funder ?funder ; schema:fundedItem ?item ;
            aikg:year "2019"^^xsd:gYear . ?item dct:isPartOf ?instruments . ?runner aikg:runs ?instruments }""",
     {("beo:fwo", "bep:fwo-ai-related-projects", "bep:fwo-regular-instruments", "beo:fwo"),
      ("beo:vlaio", "bep:vlaio-ai-related-projects", "bep:vlaio-regular-instruments", "beo:vlaio")}),
    ("flemish-plan-budget",
     "What additional annual budget does the Flemish AI action plan foresee?",
     """SELECT ?v ?q ?p ?s WHERE { ?f schema:fundedItem bep:flemish-ai-action-plan ;
            schema:amount/schema:value ?v ; aikg:qualifier ?q ; aikg:period ?p ; aikg:status ?s }""",
     {(D(32000000), "q:exactly", "period:per-year", "status:budgeted")}),
    ("flemish-pillar-budgets",
     "What budget does each of the three pillars of the Flemish plan get?",
     """SELECT ?pillar ?v ?p ?s WHERE { ?pillar dct:isPartOf bep:flemish-ai-action-plan .
            ?f schema:fundedItem ?pillar ; schema:amount/schema:value ?v ; aikg:period ?p ; aikg:status ?s }""",
     {("bep:flemish-ai-plan-basic-applied-research", D(12000000), "period:per-year", "status:budgeted"),
      ("bep:flemish-ai-plan-technology-transfer", D(15000000), "period:per-year", "status:budgeted"),
      ("bep:flemish-ai-plan-supporting-activities", D(5000000), "period:per-year", "status:budgeted")}),
    ("flemish-pillars-sum-to-budget",
     "Do the three pillar amounts add up to the €32 million annual budget?",
     """SELECT (SUM(?v) AS ?total) WHERE { ?pillar dct:isPartOf bep:flemish-ai-action-plan .
            ?f schema:fundedItem ?pillar ; schema:amount/schema:value ?v }""",
     {(D(32000000),)}),
    ("innoviris-dedicated-budget",
     "What dedicated budget did Innoviris's AI support programmes have, and over what period?",
     """SELECT ?v ?q ?text ?hasYear WHERE { ?f schema:funder beo:innoviris ;
            schema:fundedItem bep:innoviris-ai-support-programmes ; schema:amount/schema:value ?v ;
            aikg:qualifier ?q ; aikg:dateText ?text .
            BIND(EXISTS { ?f aikg:year|schema:validFrom|schema:validThrough ?y } AS ?hasYear) }""",
     {(D(20000000), "q:exactly", "In the last two years", "false^^xsd:boolean")}),
    ("team-up-subsidies",
     "How much subsidy did Team Up's projects receive, and from whom?",
     """SELECT ?funder ?v ?q ?s WHERE { ?f a aikg:FundingRelation ; schema:fundedItem bep:team-up ;
            schema:funder ?funder ; schema:amount/schema:value ?v ; aikg:qualifier ?q ; aikg:status ?s }""",
     {("beo:innoviris", D(12000000), "q:exactly", "status:spent")}),
    ("innoviris-open-call",
     "How much does Innoviris give AI/data projects through its open call for companies?",
     """SELECT ?v ?q ?p WHERE { ?f schema:funder beo:innoviris ; schema:fundedItem ?projects ;
            schema:amount/schema:value ?v ; aikg:qualifier ?q ; aikg:period ?p .
            ?projects dct:isPartOf bep:innoviris-open-call-companies }""",
     {(D(6000000), "q:more-than", "period:per-year")}),
    ("open-call-quarter-of-industrial-support",
     "What share of Innoviris's budget for industrial support is that? (\"equivalent to quarter\")",
     """SELECT ?v ?u ?q WHERE { ?f schema:funder beo:innoviris ; schema:amount/schema:value ?amount ;
            aikg:quantity [ schema:value ?v ; schema:unitText ?u ; aikg:qualifier ?q ] . FILTER (?amount = 6000000) }""",
     {(D(25), "percent", "q:about")}),
    ("elucidata-cofunders",
     "Who co-funds the Elucidata laboratory?",
     """SELECT ?funder ?hasAmount WHERE { ?f a aikg:CoFunding ; schema:fundedItem beo:elucidata ; schema:funder ?funder .
            BIND(EXISTS { ?f schema:amount ?a } AS ?hasAmount) }""",
     {("place:brussels-capital-region", "false^^xsd:boolean"), ("aio:erdf", "false^^xsd:boolean")}),
    ("icity-cofunders",
     "Who co-funds the ICity.Bru technology hub?",
     """SELECT ?funder WHERE { ?f a aikg:CoFunding ; schema:fundedItem beo:icity-bru ; schema:funder ?funder }""",
     {("place:brussels-capital-region",), ("aio:erdf",)}),
    ("innoviris-funds-without-amount",
     "What does Innoviris fund without the report giving an amount?",
     """SELECT ?item WHERE { ?f a aikg:FundingRelation ; schema:funder beo:innoviris ; schema:fundedItem ?item .
            FILTER NOT EXISTS { ?f schema:amount ?a } }""",
     {("bep:anticipate",), ("bep:innoviris-stem-awareness-calls",)}),
    ("region-funds-through-innoviris",
     "What does the Brussels Region fund through Innoviris? (\"the Region is also funding, still through Innoviris\")",
     """SELECT ?item WHERE { ?f schema:funder place:brussels-capital-region ; aikg:through beo:innoviris ;
            schema:fundedItem ?item }""",
     {("bep:brussels-ict-skills-programmes",), ("bep:mobile-fablab",)}),
    ("number-of-amounts",
     "How many amounts of money does the report state?",
     """SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a/rdfs:subClassOf* aikg:FundingRelation ; schema:amount ?a }""",
     {(N(11),)}),
    ("amounts-in-euro",
     "Are all amounts in euros?",
     """SELECT DISTINCT ?c WHERE { ?f schema:amount/schema:currency ?c }""",
     {("EUR",)}),
    # ---------------------------------------------------------------- counts
    ("coalition-members",
     "How many members does the AI4Belgium coalition have?",
     """SELECT ?v ?q WHERE { beo:ai4belgium aikg:quantity [ schema:value ?v ; aikg:qualifier ?q ] }""",
     {(D(500), "q:more-than")}),
    ("forty-experts",
     "How many experts prepared the AI4Belgium report?",
     """SELECT ?x ?v ?q WHERE { ?x aikg:prepared bed:ai4belgium-2019 ; a aikg:ExpertGroup ;
            aikg:quantity [ schema:value ?v ; aikg:qualifier ?q ] }""",
     {("beo:ai4belgium-experts", D(40), "q:exactly")}),
    ("team-up-projects",
     "How many collaborative projects has Team Up funded?",
     """SELECT ?v WHERE { bep:team-up aikg:quantity [ schema:value ?v ; schema:unitText "projects" ] }""",
     {(D(19),)}),
    ("elucidata-experts",
     "How many experts does the Elucidata laboratory have?",
     """SELECT ?v WHERE { beo:elucidata aikg:quantity [ schema:value ?v ; schema:unitText "experts" ] }""",
     {(D(10),)}),
    ("start-ai-coaching",
     "How long is the Start AI coaching?",
     """SELECT ?v ?u WHERE { bep:start-ai aikg:quantity [ schema:value ?v ; schema:unitText ?u ] }""",
     {(D(3), "days")}),
    ("dw4ai-partners",
     "How many referent and official partners does DigitalWallonia4.ai have?",
     """SELECT ?who ?m ?v ?q WHERE { { ?who aikg:partnerOf bep:digitalwallonia4ai } UNION { BIND (bep:digitalwallonia4ai AS ?who) }
            ?who aikg:quantity [ aikg:measure ?m ; schema:value ?v ; aikg:qualifier ?q ] . FILTER (CONTAINS(?m, "partners")) }""",
     {("bep:digitalwallonia4ai", "referent partners", D(4), "q:exactly"),
      ("beo:dw4ai-official-partners", "official partners", D(20), "q:about")}),
    ("dw4ai-referent-partners-are-its-supporters",
     "Who are the 4 referent partners? (One reading: the four named supporters, marked editorial.)",
     """SELECT ?who WHERE { ?who aikg:partnerOf bep:digitalwallonia4ai ; aikg:supports bep:digitalwallonia4ai .
            ?e a aikg:EditorialStatement ; rdf:subject ?who ; rdf:predicate aikg:partnerOf ; rdf:object bep:digitalwallonia4ai }""",
     {("beo:digital-agency",), ("beo:agoria",), ("beo:infopole",), ("beo:ai-network",)}),
    ("flemish-challenges",
     "Which four strategic challenges does the Basic Applied Research pillar address?",
     """SELECT ?c WHERE { ?c dct:isPartOf bep:flemish-ai-plan-basic-applied-research ; a aikg:ProgrammeComponent }""",
     {("bep:flemish-ai-challenge-complex-decisions",), ("bep:flemish-ai-challenge-edge",),
      ("bep:flemish-ai-challenge-multi-agent",), ("bep:flemish-ai-challenge-human-like",)}),
    ("flemish-challenges-count",
     "How many strategic challenges does the report announce for basic applied research?",
     """SELECT ?v WHERE { bep:flemish-ai-plan-basic-applied-research aikg:quantity [ schema:value ?v ] }""",
     {(D(4),)}),
    ("flemish-pillars",
     "How many pillars does the Flemish plan have?",
     """SELECT ?v (COUNT(DISTINCT ?pillar) AS ?n) WHERE { bep:flemish-ai-action-plan aikg:quantity [ schema:value ?v ] .
            ?pillar dct:isPartOf bep:flemish-ai-action-plan ; rdfs:label ?l . FILTER(CONTAINS(?l, "pillar")) } GROUP BY ?v""",
     {(D(3), N(3))}),
    ("roadmap-challenges",
     "How many major challenges does the Flemish research roadmap have?",
     """SELECT ?v WHERE { bep:flemish-ai-research-roadmap aikg:quantity [ schema:value ?v ] }""",
     {(D(4),)}),
    ("dw4ai-axes",
     "What are the four axes of DigitalWallonia4.ai?",
     """SELECT ?axis WHERE { ?axis dct:isPartOf bep:digitalwallonia4ai ; a aikg:ProgrammeComponent ; rdfs:label ?l .
            FILTER(CONTAINS(?l, "Axis")) }""",
     {("bep:dw4ai-axis-1-society",), ("bep:dw4ai-axis-2-companies",), ("bep:dw4ai-axis-3-training",),
      ("bep:dw4ai-axis-4-partnerships",)}),
    ("dw4ai-axes-count",
     "On how many structuring axes is DigitalWallonia4.ai based?",
     """SELECT ?v WHERE { bep:digitalwallonia4ai aikg:quantity [ schema:value ?v ] }""",
     {(D(4),)}),
    ("axis-2-actions",
     "Which two actions of axis 2 were implemented in 2019?",
     """SELECT ?a ?start WHERE { ?a dct:isPartOf bep:dw4ai-axis-2-companies ; schema:startDate ?start }""",
     {("bep:start-ai", "2019^^xsd:gYear"), ("bep:tremplin-ai", "2019^^xsd:gYear")}),
    ("training-contracts",
     "How many public contracts for AI training are being prepared in Wallonia?",
     """SELECT ?v ?s WHERE { bep:walloon-ai-training-contracts aikg:quantity [ schema:value ?v ] ; aikg:status ?s }""",
     {(D(2), "status:in-preparation")}),
    # ---------------------------------------------------------------- dates
    ("ai4belgium-report-issued",
     "When was the AI4Belgium policy recommendation report launched?",
     """SELECT ?d WHERE { bed:ai4belgium-2019 a aikg:Report ; dct:issued ?d }""",
     {("2019-03^^xsd:gYearMonth",)}),
    ("flemish-plan-dates",
     "When was the Flemish AI action plan launched, and when did its activities start?",
     """SELECT ?issued ?start WHERE { bep:flemish-ai-action-plan dct:issued ?issued ; schema:startDate ?start }""",
     {("2019-03^^xsd:gYearMonth", "2019-07-01^^xsd:date")}),
    ("team-up-launch",
     "When was Team Up launched?",
     """SELECT ?d WHERE { bep:team-up schema:startDate ?d }""",
     {("2017^^xsd:gYear",)}),
    ("anticipate-ai-focus",
     "Since when has Anticipate had an AI focus?",
     """SELECT ?d WHERE { ?c dct:isPartOf bep:anticipate ; schema:startDate ?d }""",
     {("2018^^xsd:gYear",)}),
    ("dw4ai-dates",
     "When did DigitalWallonia4.ai start, and when was its official launch celebrated?",
     """SELECT ?start ?launch WHERE { bep:digitalwallonia4ai schema:startDate ?start .
            ?e a aikg:Event ; dct:isPartOf bep:digitalwallonia4ai ; schema:startDate ?launch }""",
     {("2019-07-01^^xsd:date", "2019-11-27^^xsd:date")}),
    ("ai-watch-launch",
     "When was AI Watch launched?",
     """SELECT ?d WHERE { aio:ai-watch schema:startDate ?d }""",
     {("2018-12^^xsd:gYearMonth",)}),
    ("report-created",
     "When was the country report created?",
     """SELECT ?d WHERE { bed:ai-watch-belgium-2020 dct:created ?d }""",
     {("2020-02-25^^xsd:date",)}),
    # ---------------------------------------------------------------- targets
    ("mooc-target",
     "What share of Belgian citizens should MOOCs on AI train?",
     """SELECT ?v ?q ?s WHERE { ?t a aikg:Target ; aikg:targetOf ber:ai-moocs ; aikg:targetValue ?v ;
            aikg:qualifier ?q ; aikg:status ?s }""",
     {(D(1), "q:at-least", "status:recommended")}),
    ("tremplin-targets",
     "How many PoCs should Tremplin AI launch, and by when?",
     """SELECT ?v ?q ?d ?dq ?text WHERE { ?t aikg:targetOf bep:tremplin-ai ; aikg:targetValue ?v ; aikg:qualifier ?q ;
            aikg:deadline ?d ; aikg:dateQualifier ?dq ; aikg:dateText ?text }""",
     {(D(2), "q:at-least", "2020-07^^xsd:gYearMonth", "dq:before", "before the second half of 2020"),
      (D(3), "q:at-least", "2020-07^^xsd:gYearMonth", "dq:before", "before the second half of 2020")}),
    ("strategy-deadline",
     "By when should the Belgian AI strategy be drafted?",
     """SELECT ?d ?dq ?text WHERE { ?t aikg:targetOf bep:belgian-ai-strategy-drafting ; aikg:deadline ?d ;
            aikg:dateQualifier ?dq ; aikg:dateText ?text }""",
     {("2020^^xsd:gYear", "dq:mid", "by mid-2020")}),
    ("brussels-overview-deadline",
     "By when should the overview of AI in Brussels be available?",
     """SELECT ?d ?dq ?text WHERE { ?t aikg:targetOf bep:brussels-ai-overview ; aikg:deadline ?d ;
            aikg:dateQualifier ?dq ; aikg:dateText ?text }""",
     {("2020^^xsd:gYear", "dq:mid", "by mid-2020")}),
    ("training-markets-deadline",
     "When will the Walloon AI training markets be published?",
     """SELECT ?v ?d ?dq ?text WHERE { ?t aikg:targetOf bep:walloon-ai-training-contracts ; aikg:targetValue ?v ;
            aikg:deadline ?d ; aikg:dateQualifier ?dq ; aikg:dateText ?text }""",
     {(D(2), "2020^^xsd:gYear", "dq:early", "in early 2020")}),
    ("billion-stated-once-as-money",
     "What does the €80 million a year correspond to by 2030, and is the €1 billion stated only once?",
     """SELECT ?total ?q ?p ?by (COUNT(DISTINCT ?other) AS ?copies) WHERE {
            ?whole aikg:correspondsTo ?yearly ; schema:amount/schema:value ?total ; aikg:qualifier ?q ;
                   aikg:period ?p ; schema:validThrough ?by .
            ?yearly schema:amount/schema:value ?yearlyAmount ; aikg:period period:per-year .
            FILTER (?yearlyAmount = 80000000)
            OPTIONAL { ?other aikg:targetValue|schema:amount/schema:value ?same . FILTER (?same = 1000000000) }
          } GROUP BY ?total ?q ?p ?by""",
     {(D(1000000000), "q:at-least", "period:total", "2030^^xsd:gYear", N(1))}),
    ("no-vague-date-as-day",
     "Is any target deadline a day, although the report gives none?",
     """SELECT ?t WHERE { ?t aikg:deadline ?d . FILTER(datatype(?d) = xsd:date) }""",
     set()),
    ("number-of-targets",
     "How many targets does the report state?",
     """SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a aikg:Target }""",
     {(N(6),)}),
    # ---------------------------------------------------------------- relations
    ("sirris-elucidata",
     "Who runs the Elucidata laboratory, and what is it part of?",
     """SELECT ?who ?parent WHERE { ?who aikg:runs beo:elucidata ; org:subOrganizationOf ?parent }""",
     {("beo:sirris-brussels", "beo:sirris")}),
    ("dw4ai-supporters",
     "Who supports DigitalWallonia4.ai?",
     """SELECT ?who WHERE { ?who aikg:supports bep:digitalwallonia4ai }""",
     {("beo:digital-agency",), ("beo:agoria",), ("beo:infopole",), ("beo:ai-network",)}),
    ("women-code-week-partners",
     "Who are partners of Women Code Week?",
     """SELECT ?who WHERE { ?who aikg:partnerOf bep:women-code-week }""",
     {("beo:innoviris",), ("beo:hub-brussels",)}),
    ("innoviris-women-in-tech",
     "Which initiatives named in the report does Innoviris partner?",
     """SELECT ?x WHERE { beo:innoviris aikg:partnerOf ?x . ?x a/rdfs:subClassOf* aikg:Initiative }""",
     {("bep:women-in-tech",), ("bep:women-code-week",)}),
    ("innoviris-hub-brussels",
     "With which actor does Innoviris partner Women Code Week (\"in cooperation with\")?",
     """SELECT ?who WHERE { beo:innoviris aikg:partnerOf ?who . ?who a/rdfs:subClassOf* aikg:Actor }""",
     {("beo:hub-brussels",)}),
    ("innoviris-accredits",
     "Whom has Innoviris added to its list of accredited centres?",
     """SELECT ?who WHERE { beo:innoviris aikg:accredits ?who }""",
     {("beo:accredited-ai-labs",)}),
    ("agoria-course",
     "Who developed the free online AI course, and under which axis is it?",
     """SELECT ?who ?axis ?free WHERE { ?who aikg:develops ?c . ?c a aikg:Course ; dct:isPartOf ?axis ;
            schema:isAccessibleForFree ?free }""",
     {("beo:agoria", "bep:dw4ai-axis-3-training", "true^^xsd:boolean")}),
    ("ministry-commissioned",
     "What did the Federal Ministry of Economy commission?",
     """SELECT ?x WHERE { beo:federal-ministry-of-economy aikg:commissioned ?x }""",
     {("beo:external-consultant",), ("bep:belgian-ai-strategy-drafting",)}),
    ("consultant-label",
     "How is the consultant labelled? (The report: \"An external consultant\".)",
     """SELECT ?l WHERE { beo:external-consultant a aikg:Actor ; rdfs:label ?l }""",
     {("External consultant",)}),
    ("flemish-government-launched",
     "Who launched the Flemish AI action plan?",
     """SELECT ?who WHERE { ?who aikg:launched bep:flemish-ai-action-plan }""",
     {("beo:flemish-government",)}),
    ("coalition-launched-report",
     "Who launched and who prepared the AI4Belgium report?",
     """SELECT ?launcher ?preparer WHERE { ?launcher aikg:launched bed:ai4belgium-2019 .
            ?preparer aikg:prepared bed:ai4belgium-2019 }""",
     {("beo:ai4belgium", "beo:ai4belgium-experts")}),
    ("innoviris-organises-festival",
     "What does Innoviris organise each year?",
     """SELECT ?x WHERE { beo:innoviris aikg:organises ?x . ?x a aikg:Event }""",
     {("bep:innoviris-science-festival",)}),
    ("innoviris-calls",
     "Which calls does Innoviris run or launch?",
     """SELECT DISTINCT ?c WHERE { beo:innoviris aikg:runs|aikg:launched ?c . ?c a aikg:Call }""",
     {("bep:team-up",), ("bep:anticipate",), ("bep:innoviris-open-call-companies",),
      ("bep:innoviris-predictive-medicine-call",), ("bep:innoviris-industry-4-0-call",),
      ("bep:innoviris-stem-awareness-calls",)}),
    ("innoviris-call-status",
     "Which Innoviris specialised call is ongoing, which upcoming?",
     """SELECT ?c ?s WHERE { VALUES ?c { bep:innoviris-predictive-medicine-call bep:innoviris-industry-4-0-call }
            ?c aikg:status ?s }""",
     {("bep:innoviris-predictive-medicine-call", "status:ongoing"),
      ("bep:innoviris-industry-4-0-call", "status:planned")}),
    ("jrc-chain",
     "Which unit of the Commission is the contact, and where does it sit?",
     """SELECT ?unit ?dir ?jrc ?ec ?mail WHERE { ?unit foaf:mbox ?mail ; org:unitOf ?dir .
            ?dir org:unitOf ?jrc . ?jrc org:unitOf ?ec }""",
     {("aio:jrc-unit-b6", "aio:jrc-directorate-b", "aio:jrc", "aio:european-commission",
       "<mailto:EC-AI-WATCH@ec.europa.eu>")}),
    ("report-publisher",
     "Who publishes the country report (read from its Contacts block, so marked editorial)?",
     """SELECT ?pub ?why WHERE { bed:ai-watch-belgium-2020 dct:publisher ?pub .
            ?e a aikg:EditorialStatement ; rdf:subject bed:ai-watch-belgium-2020 ; rdf:predicate dct:publisher ;
               rdf:object ?pub ; prov:qualifiedQuotation/prov:atLocation ?why }""",
     {("aio:jrc", "sec:background")}),
    ("report-context-not-authorship",
     "In whose context was the report prepared, and who prepared it? (\"in the context of AI Watch and the OECD AI Policy Observatory\"; no author named)",
     """SELECT ?context ?preparer WHERE { bed:ai-watch-belgium-2020 dct:relation ?context .
            OPTIONAL { ?preparer aikg:prepared|dct:creator bed:ai-watch-belgium-2020 } }""",
     {("aio:ai-watch", None), ("aio:oecd-ai", None)}),
    ("ai-watch-one-type",
     "What kind of thing is AI Watch? (\"the European Commission knowledge service\")",
     """SELECT ?t ?runner WHERE { aio:ai-watch a ?t . ?runner aikg:runs aio:ai-watch }""",
     {("aikg:Service", "aio:european-commission")}),
    ("ellis-claire",
     "Which European initiatives does the coalition recommend joining?",
     """SELECT ?n WHERE { ber:confederation-of-labs dct:relation ?n . ?n a aikg:Network }""",
     {("aio:ellis",), ("aio:claire",)}),
    ("strategy-supporters",
     "Who is to support the future Belgian AI strategy?",
     """SELECT ?who WHERE { ?who aikg:supports bep:belgian-ai-strategy }""",
     {("place:belgium",), ("place:flanders",), ("place:brussels-capital-region",), ("place:wallonia",)}),
    # ---------------------------------------------------------------- the organisation of Belgium
    ("one-federal-node",
     "Which node is the federal level (\"the Federal State\"), and is there another?",
     """SELECT ?x WHERE { ?x skos:altLabel "Federal State"@en }""",
     {("place:belgium",)}),
    ("regions-of-belgium",
     "Which regions are parts of Belgium?",
     """SELECT ?r WHERE { ?r a aikg:Region ; dct:isPartOf place:belgium }""",
     {("place:flanders",), ("place:brussels-capital-region",), ("place:wallonia",)}),
    ("governments",
     "Which government governs which region? (Only the Flemish government is named apart from its region.)",
     """SELECT ?g ?r WHERE { ?g aikg:governs ?r }""",
     {("beo:flemish-government", "place:flanders")}),
    ("agencies-belong-to-governments",
     "To which government does each public body belong?",
     """SELECT ?body ?government WHERE { ?body org:subOrganizationOf ?government . ?body a/rdfs:subClassOf* aikg:PublicBody }""",
     {("beo:fwo", "beo:flemish-government"), ("beo:vlaio", "beo:flemish-government"),
      ("beo:innoviris", "place:brussels-capital-region"), ("beo:hub-brussels", "place:brussels-capital-region"),
      ("beo:digital-agency", "place:wallonia"), ("beo:federal-ministry-of-economy", "place:belgium"),
      ("beo:ministers-for-digital-agenda", "place:belgium")}),
    ("organisation-is-our-reading",
     "Is every link of the organisation of Belgium (parts, governments, bodies) marked as our reading?",
     """SELECT ?s ?p ?o WHERE { VALUES ?p { aikg:governs org:subOrganizationOf org:unitOf dct:isPartOf } ?s ?p ?o .
            FILTER (?p != dct:isPartOf || ?o = place:belgium)
            FILTER NOT EXISTS { ?e a aikg:EditorialStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rdfs:comment ?why } }""",
     set()),
    ("plan-complements-instruments",
     "What does the Flemish AI action plan complement?",
     """SELECT ?x WHERE { bep:flemish-ai-action-plan aikg:complements ?x }""",
     {("bep:fwo-regular-instruments",), ("bep:vlaio-regular-instruments",)}),
    ("innoviris-programmes-hold-team-up",
     "What is inside Innoviris's AI support programmes with their EUR 20 million, and is Team Up's money part of it?",
     """SELECT ?part ?money WHERE { ?part dct:isPartOf bep:innoviris-ai-support-programmes .
            OPTIONAL { ?f schema:fundedItem ?part ; dct:isPartOf ?money } }""",
     {("bep:team-up", "bef:innoviris-ai-support-programmes"), ("bep:anticipate-ai-focus", None)}),
    ("anticipate-complements-team-up",
     "What does the AI focus of Anticipate complement? (\"to complement the above industrially focused approach\")",
     """SELECT ?x WHERE { bep:anticipate-ai-focus aikg:complements ?x }""",
     {("bep:team-up",)}),
    ("roadmap-and-pillar-share-four-challenges",
     "Are the roadmap's four challenges the pillar's four, not eight?",
     """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { { ?c dct:isPartOf bep:flemish-ai-research-roadmap }
            UNION { ?c dct:isPartOf bep:flemish-ai-plan-basic-applied-research } }""",
     {(N(4),)}),
    ("pillar-budgets-part-of-plan-budget",
     "Which amounts are parts of the plan's €32 million?",
     """SELECT ?part WHERE { ?part dct:isPartOf bef:flemish-ai-action-plan-annual-budget }""",
     {("bef:flemish-ai-plan-basic-applied-research",), ("bef:flemish-ai-plan-technology-transfer",),
      ("bef:flemish-ai-plan-supporting-activities",)}),
    ("science-festival-yearly",
     "How often does Innoviris organise its festival on science? (\"each year\")",
     """SELECT ?f WHERE { bep:innoviris-science-festival schema:eventSchedule/schema:repeatFrequency ?f }""",
     {("P1Y^^xsd:duration",)}),
    ("created-and-ongoing",
     "Is the data-and-society centre created, and the educational material under way?",
     """SELECT ?x ?s WHERE { VALUES ?x { bep:data-and-society-centre-set-up bep:flemish-ai-educational-material } ?x aikg:status ?s }""",
     {("bep:data-and-society-centre-set-up", "status:completed"), ("bep:flemish-ai-educational-material", "status:ongoing")}),
    ("application-domains",
     "In which fields are AI results to be applied? (\"in particular in health and industry4.0\"; the Innoviris calls)",
     """SELECT ?x ?d WHERE { ?x aikg:applicationDomain ?d }""",
     {("bep:flemish-ai-plan-basic-applied-research", "<https://w3id.org/aikg/code/application-domain/health>"),
      ("bep:flemish-ai-plan-basic-applied-research", "<https://w3id.org/aikg/code/application-domain/industry-4-0>"),
      ("bep:innoviris-predictive-medicine-call", "<https://w3id.org/aikg/code/application-domain/health>"),
      ("bep:innoviris-industry-4-0-call", "<https://w3id.org/aikg/code/application-domain/industry-4-0>")}),
    ("benchmark-countries",
     "Against which countries is the €80 million recommendation benchmarked?",
     """SELECT ?c WHERE { ber:minimum-investment-level aikg:benchmark ?c }""",
     {("place:france",), ("place:germany",), ("place:finland",)}),
    ("members-dated",
     "When does the coalition have \"now\" more than 500 members?",
     """SELECT ?d ?text WHERE { beo:ai4belgium aikg:quantity [ aikg:measure "members" ; dct:date ?d ; aikg:dateText ?text ] }""",
     {("2020-02-25^^xsd:date", "now")}),
    ("sections-and-pillars",
     "Which AI Watch pillar is each numbered section of the report about?",
     """SELECT ?s ?pa WHERE { ?s a aikg:Section ; dct:subject ?pa }""",
     {("sec:section-1", "pa:human-capital"), ("sec:section-2", "pa:lab-to-market"), ("sec:section-3", "pa:networking"),
      ("sec:section-4", "pa:regulation"), ("sec:section-5", "pa:infrastructure")}),
    # ---------------------------------------------------------------- recommendations
    ("recommendations-per-area",
     "How many recommendations (groups, bullets and prose) per policy area?",
     """SELECT ?pa (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a aikg:Recommendation ; aikg:policyArea ?pa } GROUP BY ?pa""",
     {("pa:human-capital", N(13)), ("pa:lab-to-market", N(11)), ("pa:networking", N(10)), ("pa:regulation", N(8))}),
    ("no-infrastructure-recommendation",
     "Are there recommendations on infrastructure? (The report says none.)",
     """SELECT ?r WHERE { ?r a aikg:Recommendation ; aikg:policyArea pa:infrastructure }""",
     set()),
    ("bullets-per-group",
     "How many bullets stand under each group recommendation?",
     """SELECT ?g (COUNT(?r) AS ?n) WHERE { ?r a aikg:Recommendation ; dct:isPartOf ?g . ?g a aikg:Recommendation } GROUP BY ?g""",
     {("ber:new-learning-deal", N(2)), ("ber:university-ai-offering", N(2)),
      ("ber:lifelong-learning-incentives", N(4)), ("ber:human-skills-all-education-levels", N(3)),
      ("ber:lab-to-market-support-actions", N(5)), ("ber:public-sector-transformation", N(4)),
      ("ber:networking-collaboration", N(4)), ("ber:visibility-attractiveness", N(4)),
      ("ber:ethical-guidelines", N(3)), ("ber:regulatory-framework", N(2))}),
    ("stand-alone-recommendations",
     "Which recommendations stand alone, with no bullets under them?",
     """SELECT ?r WHERE { ?r a aikg:Recommendation ; dct:isPartOf bed:ai4belgium-2019 .
            FILTER NOT EXISTS { ?b dct:isPartOf ?r } }""",
     {("ber:minimum-investment-level",), ("ber:standardisation",)}),
    ("learning-deal-parts",
     "What are the parts of the new learning deal?",
     """SELECT ?part WHERE { ?part dct:isPartOf ber:new-learning-deal }""",
     {("ber:lifelong-learning-incentives",), ("ber:human-skills-all-education-levels",)}),
    ("all-recommended-by-coalition",
     "Does the coalition recommend every recommendation, all with status recommended?",
     """SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { beo:ai4belgium aikg:recommends ?r .
            ?r a aikg:Recommendation ; aikg:status status:recommended }""",
     {(N(43),)}),
    ("recommendation-total",
     "How many recommendations are there in all?",
     """SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a aikg:Recommendation }""",
     {(N(43),)}),
    # ---------------------------------------------------------------- types
    ("types",
     "What kind of thing is each of these?",
     """SELECT ?x ?t WHERE { VALUES ?x { aio:erdf beo:innoviris beo:fwo beo:vlaio beo:elucidata beo:ai4belgium
                beo:ai4belgium-experts bep:flemish-ai-action-plan bep:brussels-ai-overview bep:women-code-week
                bep:agoria-ai-course bep:start-ai bep:women-in-tech bep:team-up bed:ai4belgium-2019 place:belgium
                place:flanders beo:agoria }
            ?x a ?t . FILTER(STRSTARTS(STR(?t), STR(aikg:))) }""",
     {("aio:erdf", "aikg:Fund"), ("beo:innoviris", "aikg:FundingAgency"), ("beo:fwo", "aikg:FundingAgency"),
      ("beo:vlaio", "aikg:FundingAgency"), ("beo:elucidata", "aikg:ResearchOrganisation"),
      ("beo:ai4belgium", "aikg:Network"), ("beo:ai4belgium-experts", "aikg:ExpertGroup"),
      ("bep:flemish-ai-action-plan", "aikg:ActionPlan"), ("bep:brussels-ai-overview", "aikg:Study"),
      ("bep:women-code-week", "aikg:Event"), ("bep:agoria-ai-course", "aikg:Course"),
      ("bep:start-ai", "aikg:Service"), ("bep:women-in-tech", "aikg:Platform"), ("bep:team-up", "aikg:Call"),
      ("bed:ai4belgium-2019", "aikg:Report"), ("place:belgium", "aikg:Country"), ("place:flanders", "aikg:Region"),
      ("beo:agoria", "aikg:IndustryAssociation")}),
    # ---------------------------------------------------------------- sources
    ("homepages",
     "Which websites does the report give for actors?",
     """SELECT ?x ?h WHERE { ?x foaf:homepage ?h . FILTER(?x != bed:ai-watch-belgium-2020) }""",
     {("beo:innoviris", "<https://innoviris.brussels/>"), ("beo:icity-bru", "<https://icity.brussels/>"),
      ("beo:hub-brussels", "<https://hub.brussels/en/>"), ("aio:oecd-ai", "<http://www.oecd.ai/>"),
      ("aio:ai-watch", "<https://ec.europa.eu/knowledge4policy/ai-watch_en>")}),
    ("sources",
     "Which documents does the report cite about actors and programmes?",
     """SELECT ?x ?s WHERE { ?x dct:source ?s . FILTER(STRSTARTS(STR(?x), "https://w3id.org/aikg/id/")) }""",
     {("bed:ai4belgium-2019", "<https://www.ai4belgium.be/wp-content/uploads/2019/04/report_en.pdf>"),
      ("bep:flemish-ai-action-plan",
       "<https://www.ewi-vlaanderen.be/nieuws/vlaams-actieplan-artificiele-intelligentie-gelanceerd>"),
      ("beo:sirris-brussels", "<https://www.sirris.be/annual-report-2017/region-brussels>"),
      ("beo:elucidata", "<https://www.sirris.be/annual-report-2017/region-brussels>"),
      ("bep:digitalwallonia4ai", "<https://www.digitalwallonia.be/fr/publications/kickoff-digitalwallonia4ai>")}),
    # ---------------------------------------------------------------- jurisdictions, classification
    ("spatial",
     "In which jurisdiction is each regional flagship?",
     """SELECT ?x ?p WHERE { VALUES ?x { bep:flemish-ai-action-plan bep:team-up bep:digitalwallonia4ai bep:belgian-ai-strategy }
            ?x dct:spatial ?p }""",
     {("bep:flemish-ai-action-plan", "place:flanders"), ("bep:team-up", "place:brussels-capital-region"),
      ("bep:digitalwallonia4ai", "place:wallonia"), ("bep:belgian-ai-strategy", "place:belgium")}),
    ("every-initiative-located",
     "Is there any initiative without a jurisdiction?",
     """SELECT ?x WHERE { ?x a/rdfs:subClassOf* aikg:Initiative . FILTER NOT EXISTS { ?x dct:spatial ?p } }""",
     set()),
    ("regional-policy-areas-are-editorial",
     "Is every policy area of a regional initiative recorded as our classification?",
     """SELECT ?x ?pa WHERE { ?x aikg:policyArea ?pa ; dct:spatial ?sp .
            FILTER(?sp IN (place:flanders, place:brussels-capital-region, place:wallonia))
            FILTER NOT EXISTS { ?e a aikg:EditorialStatement ; rdf:subject ?x ; rdf:predicate aikg:policyArea ; rdf:object ?pa } }""",
     set()),
    ("every-regional-initiative-classified",
     "Does every regional initiative have a policy area?",
     """SELECT ?x WHERE { ?x a/rdfs:subClassOf* aikg:Initiative ; dct:spatial ?sp .
            FILTER(?sp IN (place:flanders, place:brussels-capital-region, place:wallonia))
            FILTER NOT EXISTS { ?x aikg:policyArea ?pa } }""",
     set()),
]


def test_table_is_large_enough():
    assert len(FACTS) >= 45
    assert len({f[0] for f in FACTS}) == len(FACTS), "fact ids must be unique"


@pytest.mark.parametrize("fact_id,question,query,expected", FACTS, ids=[f[0] for f in FACTS])
def test_fact(graph, fact_id, question, query, expected):
    result = graph.query(SPARQL_PREFIXES + query)
    rows = {tuple(norm(cell) for cell in row) for row in result}
    assert rows == expected, f"{question}\n  expected: {sorted(expected)}\n  got:      {sorted(rows)}"
