"""The answer of each named query, worked out by hand from the report's text.

The report is data/be/ai-watch-belgium-2020.txt; each expectation names the passage it
comes from. Rows are compared as sets of the columns that carry the answer.
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from aikg.query import find_query, run_query
from aikg.store import GraphStore

M = 1_000_000
BE = "https://w3id.org/aikg/id/be/"


def rows(store: GraphStore, name: str, **params: str) -> list[dict[str, object]]:
    result = run_query(store, find_query(name), params)
    return [{k: _plain(v) for k, v in row.items()} for row in result.bindings]


_NUMBERS = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double")}


def _plain(term) -> object:
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS:
        return Decimal(term.value) if "e" not in term.value.lower() else Decimal(str(float(term.value)))
    return term.value


def project(found: list[dict], *columns: str) -> set[tuple]:
    return {tuple(row.get(c) for c in columns) for row in found}


def test_funding_by_funder_is_the_reports_money_table(store: GraphStore) -> None:
    # Introduction: "a minimum investment level of €80 million per year which corresponds to at least
    # €1 billion by 2030". Flanders: "in 2019 FWO invested more than €15 million and VLAIO more than
    # €41 million"; "an additional annual budget of €32 million" with pillars of 12, 15 and 5 million euros.
    # Brussels: Innoviris' "dedicated budget of EUR 20 million"; Team Up "amounting to EUR 12 millions of
    # subsidies"; the open call "more than 6MEur subsidy per year".
    amounts = project([r for r in rows(store, "funding-by-funder") if r.get("amount") is not None],
                      "amount", "qualifier", "period", "status")
    assert amounts == {
        (80 * M, "at least", "per year", "recommended"),
        (1000 * M, "at least", "in total", "recommended"),
        (15 * M, "more than", "in total", "spent"),
        (41 * M, "more than", "in total", "spent"),
        (32 * M, "exactly", "per year", "budgeted"),
        (12 * M, "exactly", "per year", "budgeted"),
        (15 * M, "exactly", "per year", "budgeted"),
        (5 * M, "exactly", "per year", "budgeted"),
        (20 * M, "exactly", "in total", "budgeted"),
        (12 * M, "exactly", "in total", "spent"),
        (6 * M, "more than", "per year", "spent"),
    }


def test_funding_by_funder_for_innoviris(store: GraphStore) -> None:
    # Brussels section: the EUR 20 million budget, Team Up's EUR 12 millions, the open call's 6 MEur a year,
    # and, without amounts, Anticipate and the STEM calls. The ICT-skills programmes and the mobile fablab
    # are not Innoviris' money: "the Region is also funding, still through Innoviris".
    found = rows(store, "funding-by-funder", funder="Innoviris")
    assert {r["funderLabel"] for r in found} == {"Innoviris"}
    assert sorted(r["amount"] for r in found if r.get("amount") is not None) == [6 * M, 12 * M, 20 * M]
    recipients = {r["recipientLabel"] for r in found}
    assert {"Team Up", "Anticipate", "Innoviris open calls for proposals on STEM awareness"} <= recipients
    assert "Mobile fablab programme" not in recipients
    assert len(found) == 5
    assert {r["through"] for r in found} == {""}
    # "In particular, one can mention ... Team Up" among the programmes with the EUR 20 million budget.
    team_up = next(r for r in found if r["recipientLabel"] == "Team Up")
    assert team_up["partOf"] == "Innoviris dedicated budget for AI support programmes: EUR 20 million"


def test_funding_by_funder_for_flanders_says_through_whom(store: GraphStore) -> None:
    # Flanders pays through the Flemish government ("an additional annual budget of €32 million" for its
    # plan, in three pillars of 12, 15 and 5 million euros) and through the government's agencies ("in
    # 2019 FWO invested more than €15 million and VLAIO more than €41 million in AI related projects").
    found = rows(store, "funding-by-funder", funder="Flanders")
    assert {r["funderLabel"] for r in found} == {"Flanders"}
    assert project(found, "amount", "status", "through") == {
        (32 * M, "budgeted", "Flemish government"),
        (12 * M, "budgeted", "Flemish government"),
        (15 * M, "budgeted", "Flemish government"),
        (5 * M, "budgeted", "Flemish government"),
        (15 * M, "spent", "Flemish government › FWO (Research Foundation – Flanders)"),
        (41 * M, "spent", "Flemish government › VLAIO (Flanders Innovation & Entrepreneurship)"),
    }
    # The pillars are shares of the plan's budget, never to be added to it.
    assert {r["amount"] for r in found if r["partOf"]} == {12 * M, 15 * M, 5 * M}


def test_funding_by_funder_for_the_brussels_region(store: GraphStore) -> None:
    # "both co-funded by the Brussels Region and ERDF"; "the Region is also funding, still through Innoviris,
    # various programmes aiming at boosting skills in ICT. One can mention the mobile fablab programme";
    # and the money of Innoviris, "the regional innovation funding body".
    found = rows(store, "funding-by-funder", funder="Brussels Region")
    assert project(found, "recipientLabel", "amount", "through") == {
        ("Elucidata laboratory", None, ""),
        ("ICity.Bru technology hub", None, ""),
        ("Programmes boosting skills in ICT (Brussels Region, through Innoviris)", None, "Innoviris"),
        ("Mobile fablab programme", None, "Innoviris"),
        ("Innoviris support programmes for AI-related research and innovation", 20 * M, "Innoviris"),
        ("Team Up", 12 * M, "Innoviris"),
        ("AI/data-related projects funded through Innoviris's open call for companies", 6 * M, "Innoviris"),
        ("Anticipate", None, "Innoviris"),
        ("Innoviris open calls for proposals on STEM awareness", None, "Innoviris"),
    }


def test_funding_by_recipient_team_up(store: GraphStore) -> None:
    found = rows(store, "funding-by-recipient", recipient="Team Up")
    assert project(found, "funderLabel", "amount", "status") == {("Innoviris", 12 * M, "spent")}
    assert "EUR 12 millions of subsidies" in found[0]["quote"]


def test_the_money_tables_say_where_a_relation_is_our_reading(store: GraphStore) -> None:
    # "AI was also made a focus on another R&I program called "Anticipate"": the sentence names no funder;
    # "in 2019 FWO invested more than €15 million in AI related projects" states all of it.
    by_funder = {r["funding"].rsplit("/", 1)[1]: r for r in rows(store, "funding-by-funder")}
    assert "the report does not name its funder" in by_funder["innoviris-anticipate"]["ourReading"]
    assert by_funder["fwo-ai-projects-2019"].get("ourReading") is None
    team_up = rows(store, "funding-by-recipient", recipient="Team Up")
    assert "read as part of the EUR 20 million" in team_up[0]["ourReading"]


def test_funding_by_recipient_elucidata_is_co_funded_by_region_and_erdf(store: GraphStore) -> None:
    # "its Elucidata laboratory ... both co-funded by the Brussels Region and ERDF"
    found = rows(store, "funding-by-recipient", recipient=BE + "org/elucidata")
    assert {r["funderLabel"] for r in found} == {"Brussels-Capital Region", "European Regional Development Fund"}
    assert all(r.get("amount") is None for r in found)  # the report gives no amount


def test_yearly_money_per_region_keeps_recommended_apart(store: GraphStore) -> None:
    # Per year: Flanders budgets €32 million a year; Innoviris spends more than 6 MEur a year; the coalition
    # recommends at least €80 million a year for Belgium. For 2019: FWO > €15 million + VLAIO > €41 million.
    found = project(rows(store, "yearly-funding-by-region"), "regionLabel", "statusLabel", "year", "euros", "qualifiers")
    assert found == {
        ("Belgium", "recommended", "every year", 80 * M, "at least"),
        ("Brussels-Capital Region", "spent", "every year", 6 * M, "more than"),
        ("Flanders", "budgeted", "every year", 32 * M, "exactly"),
        ("Flanders", "spent", "2019", 56 * M, "more than"),
    }
    only_recommended = rows(store, "yearly-funding-by-region", status="status:recommended")
    assert project(only_recommended, "regionLabel", "euros") == {("Belgium", 80 * M)}


def test_funding_totals_by_funder(store: GraphStore) -> None:
    found = project(rows(store, "funding-totals-by-funder"), "funderLabel", "status", "period", "year", "euros", "within")
    # "more than 6MEur subsidy per year" through the open call; the "dedicated budget of EUR 20 million",
    # which holds Team Up's "EUR 12 millions of subsidies": the 12 are shown within the 20, not added to it.
    assert sorted((row for row in found if row[0] == "Innoviris"), key=repr) == sorted([
        ("Innoviris", "budgeted", "total", None, 20 * M, None), ("Innoviris", "spent", "per-year", None, 6 * M, None),
        ("Innoviris", "spent", "total", None, 12 * M, 20 * M)], key=repr)
    # The plan's €32 million, and its pillars (12 + 15 + 5) within it, never added to it.
    assert sorted((row for row in found if row[0] == "Flemish government"), key=repr) == sorted([
        ("Flemish government", "budgeted", "per-year", None, 32 * M, None),
        ("Flemish government", "budgeted", "per-year", None, 32 * M, 32 * M)], key=repr)
    # "in 2019 FWO invested more than €15 million": the year stays.
    assert [row for row in found if row[0].startswith("FWO")] == [
        ("FWO (Research Foundation – Flanders)", "spent", "total", "2019", 15 * M, None)]


def test_initiatives_of_wallonia(store: GraphStore) -> None:
    # The Walloon Region section: DigitalWallonia4.ai, its four axes, its launch, the Digital Wallonia
    # platform, Start AI, Tremplin AI, the two training contracts, Agoria's course on the portal.
    found = rows(store, "programmes-by-region", region="Wallonia")
    labels = {r["initiativeLabel"] for r in found}
    assert {"DigitalWallonia4.ai", "Start AI", "Tremplin AI", "Digital Wallonia platform"} <= labels
    assert sum(1 for label in labels if "Axis" in label) == 4
    assert not any("Flemish" in label or "Innoviris" in label for label in labels)
    # Section 6 does not file the regional programmes under pillars: every policy area here is editorial.
    assert {r["editorial"] for r in found if r["policyArea"]} == {"editorial"}
    starts = {r["initiativeLabel"]: r.get("start") for r in found}
    assert starts["DigitalWallonia4.ai"] == "2019-07-01"  # "the effective start took place on July 1, 2019"


def test_timeline_keeps_the_reports_precision(store: GraphStore) -> None:
    found = rows(store, "timeline")
    dated = project(found, "date", "precision", "event")
    assert ("2017", "year", "starts") in dated  # Team Up: "the launch in 2017 of an AI call"
    assert ("2019-03", "month", "issued") in dated  # AI4Belgium report: "in March 2019"
    assert ("2019-07-01", "day", "starts") in dated  # Flemish plan: "as from July, 1st 2019"
    assert ("2019-11-27", "day", "starts") in dated  # DW4AI launch: "November 27, 2019"
    assert ("2020-02-25", "day", "created") in dated  # "created on the 25th of February 2020"
    assert ("2030", "year", "by") in dated  # "at least €1 billion by 2030", recommended money
    mid_2020 = [r for r in found if r["event"] == "deadline" and r["date"] == "2020" and "mid" in r["how"]]
    assert len(mid_2020) == 2  # the strategy (introduction) and the Brussels overview, both "by mid-2020"
    assert [r["date"] for r in found] == sorted(r["date"] for r in found)


def test_recommendations_under_networking(store: GraphStore) -> None:
    # Section 3 lists eight bullets: four building blocks for networking and four initiatives for visibility.
    found = rows(store, "recommendations-by-pillar", pillar="Networking")
    assert len(found) == 8
    assert {r["pillarLabel"] for r in found} == {"Networking"}
    assert {r["status"] for r in found} == {"recommended"}
    assert {r["recommendedBy"] for r in found} == {"AI4Belgium coalition"}
    assert any("ELLIS, CLAIRE" in r["quote"] for r in found)


def test_recommendations_per_pillar(store: GraphStore) -> None:
    # Leaf recommendations per pillar, counted in the text: human capital the new learning deal's 4 + 3
    # bullets and the 2 proposals on the university offering; lab to market 5 + 4; networking 4 + 4;
    # regulation 3 + 2 and standardisation; infrastructure none ("does not explicitly mention policy
    # initiatives").
    counts: dict[str, int] = {}
    for row in rows(store, "recommendations"):
        if row.get("parts") is None:  # a group says how many stand under it; its bullets are counted
            counts[row["pillarLabel"]] = counts.get(row["pillarLabel"], 0) + 1
    assert counts.pop("(no pillar)") == 1  # the investment level, from the introduction
    assert counts == {"Human capital": 9, "From the lab to the market": 9, "Networking": 8, "Regulation": 6}


def test_targets_and_deadlines(store: GraphStore) -> None:
    found = project(rows(store, "targets"), "value", "qualifier", "deadline")
    assert (Decimal(1), "at least", None) in found  # "train at least 1% of Belgian citizens"
    assert (Decimal(2), "at least", "2020-07") in found  # "at least 2 individual PoCs ... before the second half of 2020"
    assert (Decimal(3), "at least", "2020-07") in found  # "and 3 collective PoCs"
    assert (None, None, "2020") in found  # "by mid-2020"
    # The four above (mid-2020 twice) and the markets "in early 2020". "At least €1 billion by 2030" is
    # recommended money (funding-by-funder), not also a target.
    assert len(rows(store, "targets")) == 6


def test_partners_of_innoviris(store: GraphStore) -> None:
    # "a partner of de Women Code Week, in cooperation with the Brussels Agency for Enterprise Hub.Brussels"
    found = rows(store, "partners-of", actor="Innoviris")
    assert any(r["partner"] == BE + "org/hub-brussels" and r.get("viaLabel") == "Women Code Week" for r in found)
    # ... and the cooperation itself, a relation of the two actors.
    assert any(r["partner"] == BE + "org/hub-brussels" and r["link"] == "Innoviris partner of hub.brussels (Brussels Agency for Enterprise)"
               for r in found)
    # "Innoviris has recently expanded its list of accredited centres to several AI labs"
    assert any(r["partner"] == BE + "org/accredited-ai-labs" and r["link"].startswith("Innoviris accredits AI labs") for r in found)


def test_pillars_without_initiatives(store: GraphStore) -> None:
    # Section 5: "does not explicitly mention policy initiatives for the reinforcement of the digital and
    # telecommunication infrastructure", and no regional programme is about infrastructure.
    assert project(rows(store, "pillars-without-initiatives"), "pillarLabel", "recommendations") == {("Infrastructure", 0)}


def test_quotes_behind_numbers(store: GraphStore) -> None:
    found = rows(store, "quotes-behind-numbers")
    by_number = {}
    for row in found:
        by_number.setdefault(row["number"], []).append(row)
    assert any("€80 million" in r["quote"] and r["qualifier"] == "at least" for r in by_number[80 * M])
    assert any("nineteen collaborative projects" in r["quote"] for r in by_number[Decimal(19)])
    assert any("forty experts" in r["quote"] for r in by_number[Decimal(40)])
    assert any("more than 500 members" in r["quote"] and r["qualifier"] == "more than" for r in by_number[Decimal(500)])
    assert any("(10 experts)" in r["quote"] for r in by_number[Decimal(10)])
    assert any("around twenty official partners" in r["quote"] and r["qualifier"] == "about" for r in by_number[Decimal(20)])
    assert all(r["quote"] for r in found)


def test_actors_by_type(store: GraphStore) -> None:
    found = rows(store, "actors-by-type")
    by_type: dict[str, set] = {}
    for row in found:
        by_type.setdefault(row["typeLabel"], set()).add(row["actor"].rsplit("/", 1)[-1])
    assert by_type["Funding agency"] == {"fwo", "vlaio", "innoviris"}
    assert by_type["Industry association"] == {"agoria", "infopole"}
    assert by_type["Fund"] == {"erdf"}
    assert {"ai4belgium", "ai-network", "ellis", "claire"} <= by_type["Network"]
    assert {"france", "germany", "finland", "belgium"} <= by_type["Country"]


def test_parts_of_the_flemish_plan(store: GraphStore) -> None:
    # "centered around 3 pillars": Basic Applied Research (12 million euros), Technology Transfer and
    # Industrial Applications (15 million euros), Supporting activities (5 million euros).
    found = rows(store, "plan-components", plan=BE + "programme/flemish-ai-action-plan")
    budgets = {r["componentLabel"]: r["amount"] for r in found if r.get("amount") is not None}
    assert sorted(budgets.values()) == [5 * M, 12 * M, 15 * M]
    assert {r["period"] for r in found if r.get("amount") is not None} == {"per year"}


def test_parts_of_digitalwallonia4ai(store: GraphStore) -> None:
    found = rows(store, "plan-components", plan="DigitalWallonia4.ai")
    axes = sorted(r["componentLabel"] for r in found if "Axis" in r["componentLabel"])
    assert [a.split(": ")[1] for a in axes] == ["Society and AI", "Companies and AI", "Training and AI", "Partnerships and AI"]


def test_editorial_classifications_include_regional_pillars(store: GraphStore) -> None:
    found = rows(store, "editorial-classifications")
    assert any(r["subjectLabel"] == "Team Up" and r["propertyLabel"] == "policy area" for r in found)
    assert all(r["reason"] for r in found)


def test_cited_sources_are_the_reports_urls(store: GraphStore) -> None:
    # Every web address the report prints, bar its own contact page and e-mail, read off the text.
    urls = {r["url"] for r in rows(store, "cited-sources")}
    assert urls == {
        "https://www.ai4belgium.be/wp-content/uploads/2019/04/report_en.pdf",
        "https://www.ewi-vlaanderen.be/nieuws/vlaams-actieplan-artificiele-intelligentie-gelanceerd",
        "https://innoviris.brussels/",
        "https://www.sirris.be/annual-report-2017/region-brussels",
        "https://icity.brussels/",
        "https://hub.brussels/en/",
        "https://www.digitalwallonia.be/fr/publications/kickoff-digitalwallonia4ai",
        "https://ec.europa.eu/knowledge4policy/ai-watch_en",
        "http://www.oecd.ai/",
        "https://ec.europa.eu/knowledge4policy/ai-watch/belgium-ai-strategy-report",
    }


def test_who_backs_digitalwallonia4ai(store: GraphStore) -> None:
    # "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network"
    found = rows(store, "supporters-of", initiative="DigitalWallonia4.ai")
    supporters = {r["actor"].rsplit("/", 1)[-1] for r in found if r["how"] == "supports"}
    assert supporters == {"digital-agency", "agoria", "infopole", "ai-network"}


def test_relation_evidence_is_the_sentence_that_states_the_relation(store: GraphStore) -> None:
    # "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network, the
    # DigitalWallonia4.ai program", not the sentence on Agoria's free online course; that the four are the
    # "4 referent partners" is our reading, said so in a note.
    found = rows(store, "relation-evidence", node="Agoria")
    dw4ai = BE + "programme/digitalwallonia4ai"
    supports = [r for r in found if r["relation"] == "supports" and r["target"] == dw4ai]
    assert [(r["quote"], r["section"], r.get("note")) for r in supports] == [(
        "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network, the DigitalWallonia4.ai program",
        "6 Regional strategies – The Walloon Region", None)]
    partner = [r for r in found if r["relation"] == "partner of" and r["target"] == dw4ai]
    assert len(partner) == 1 and "the same four" in partner[0]["note"]
    assert partner[0]["quote"] == "The 4 referent partners of the DigitalWallonia4.ai project"
    # "the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report in March 2019",
    # not the bibliography line of the Reference section.
    launched = [r for r in rows(store, "relation-evidence", node="AI4Belgium coalition") if r["relation"] == "launched"]
    assert [(r["quote"], r["section"]) for r in launched] == [
        ("the AI4BELGIUM coalition (Belgium, 2019) launched a policy recommendation report in March 2019.", "Introduction")]


def test_relation_evidence_of_money_is_the_funding_relation(store: GraphStore) -> None:
    # "the Region is also funding, still through Innoviris, various programmes aiming at boosting skills in ICT."
    found = rows(store, "relation-evidence", node=BE + "programme/brussels-ict-skills-programmes")
    money = [r for r in found if r["relation"] == "funds"]
    assert [(r["source"], r["statement"], r["quote"]) for r in money] == [(
        "https://w3id.org/aikg/id/place/brussels-capital-region", BE + "funding/brussels-region-ict-skills-programmes",
        "the Region is also funding, still through Innoviris, various programmes aiming at boosting skills in ICT.")]


def test_node_facts_show_the_evidence_of_each_relation(store: GraphStore) -> None:
    # Agoria: "The AI course developed by Agoria" backs "develops"; the "Supported by ..." sentence backs
    # "supports"; its own quote is the course sentence.
    found = rows(store, "node-facts", node="Agoria")
    by_property = {}
    for row in found:
        by_property.setdefault(row["property"], []).append(row)
    assert [r["quote"] for r in by_property["develops"]] == ["The AI course developed by Agoria"]
    assert [r["quote"] for r in by_property["supports"]] == [
        "Supported by the Digital Agency, Agoria, the ICT Cluster Infopole and the AI Network, the DigitalWallonia4.ai program"]
    assert [r["quote"] for r in by_property["quote"]] == [
        "The AI course developed by Agoria is available online for free on the DigitalWallonia4.ai portal."]
    # Innoviris belongs to the Brussels-Capital Region: our reading, with the passages it is read from.
    innoviris = rows(store, "node-facts", node="Innoviris")
    belongs = [r for r in innoviris if r["property"] == "sub-organisation of"]
    assert {r["value"] for r in belongs} == {"Brussels-Capital Region"}
    assert {r["quote"] for r in belongs} == {"the regional innovation funding body Innoviris",
                                              "the Region is also funding, still through Innoviris"}
    assert all("regional innovation funding body" in r["note"] for r in belongs)
