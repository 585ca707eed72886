"""Linked-data pages, the ontology page, VoID, and the editor and a resource page in headless Chromium."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote

import httpx
import pyoxigraph as ox
import pytest
from server_process import running_server

from aikg.provenance import collapse_whitespace

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what browsers send
INNOVIRIS = "https://w3id.org/aikg/id/be/org/innoviris"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# Section 6 of the report, Brussels Region, read by hand.
TEAM_UP_QUOTE = "nineteen collaborative projects funded amounting to EUR 12 millions of subsidies."
POCS_QUOTE = "The objective is to launch at least 2 individual PoCs, and 3 collective PoCs before the second half of 2020."
# Where a quote stands, as the page names it: its section, and its report (by the country it is about).
WALLONIA, BRUSSELS = ("6 Regional strategies – The Walloon Region, report on Belgium",
                      "6 Regional strategies – Brussels Region, report on Belgium")
QUOTATION, PROV_VALUE = "http://www.w3.org/ns/prov#qualifiedQuotation", "http://www.w3.org/ns/prov#value"
INNOVIRIS_QUOTE = ("the regional innovation funding body Innoviris has been playing a major role in the support "
                   "of AI-related research and innovation effort")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with running_server("--workers", "2", log=tmp_path_factory.mktemp("serve") / "server.log") as url:
        yield url


class _Sections(HTMLParser):
    """Text of the elements with an id, and every link, of a page."""

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.text: dict[str, list[str]] = {}
        self.links: list[str] = []
        self.quotes: list[str] = []
        self._quote: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "blockquote":
            self._quote = []
        self.stack.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if tag == "blockquote" and self._quote is not None:
            self.quotes.append("".join(self._quote))
            self._quote = None
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for name in filter(None, self.stack):
            self.text.setdefault(name, []).append(data)
        if self._quote is not None:
            self._quote.append(data)

    def section(self, name: str) -> str:
        return collapse_whitespace(" ".join(self.text.get(name, [])))


def _page(base: str, path: str) -> _Sections:
    answer = httpx.get(base + path, headers={"Accept": HTML})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    parsed = _Sections()
    parsed.feed(answer.text)
    return parsed


@dataclass
class _Cell:
    text: str = ""  # the cell's own words, evidence apart
    titles: list[str] = field(default_factory=list)  # title of each link (or unlinked IRI) in it: the IRI it names
    hrefs: list[str] = field(default_factory=list)
    evidence: list[tuple] = field(default_factory=list)  # ("quote", text, section) or ("editorial"/"note", text, None)


class _Table(HTMLParser):
    """The rows of one table (by id) of a page: each cell's words, links and pieces of evidence."""

    def __init__(self, table_id: str):
        super().__init__()
        self.table_id, self.inside, self.rows = table_id, False, []
        self.cell: _Cell | None = None
        self.piece: list | None = None  # [kind, words, section words] of the evidence being read
        self.part = "text"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.inside = attrs.get("id") == self.table_id
        if not self.inside:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.cell = _Cell()
            self.rows[-1].append(self.cell)
        elif tag in ("a", "span") and self.cell is not None and self.piece is None and attrs.get("title"):
            self.cell.titles.append(attrs["title"])
        if tag == "a" and self.cell is not None and attrs.get("href"):
            self.cell.hrefs.append(attrs["href"])
        elif tag == "blockquote":
            self.piece = ["quote", [], []]
        elif tag == "div" and attrs.get("class") == "editorial":
            self.piece = ["note", [], []]
        elif tag == "span" and attrs.get("class") == "section":
            self.part = "section"
        elif tag == "strong" and self.piece is not None:
            self.part = "kind"

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif tag in ("span", "strong"):
            self.part = "text"
        elif tag in ("blockquote", "div") and self.piece is not None and self.cell is not None:
            kind, words, section = self.piece
            text = collapse_whitespace("".join(words))
            if kind == "quote":
                self.cell.evidence.append(("quote", text.strip("“”"), collapse_whitespace("".join(section)).strip("()") or None))
            else:
                self.cell.evidence.append((kind, text, None))
            self.piece = None
        elif tag == "td" and self.cell is not None:
            self.cell.text = collapse_whitespace(self.cell.text)
            self.cell = None

    def handle_data(self, data):
        if self.cell is None:
            return
        if self.piece is None:
            self.cell.text += data
        elif self.part == "kind":
            self.piece[0] = {"Our reading:": "editorial", "Note:": "note"}[data.strip()]
        else:
            self.piece[2 if self.part == "section" else 1].append(data)


def _table(base: str, path: str, table_id: str) -> list[list[_Cell]]:
    answer = httpx.get(base + path, headers={"Accept": HTML})
    assert answer.status_code == 200
    parsed = _Table(table_id)
    parsed.feed(answer.text)
    return [row for row in parsed.rows if row]


def _quoted(text: str) -> str:
    """The words of a quote as the page shows it: “...” (section)."""
    match = re.match(r"\s*“(.*)”", text, re.S)
    assert match, text
    return collapse_whitespace(match.group(1))


def test_resource_page_shows_label_types_and_the_reports_words(base, report_text) -> None:
    page = _page(base, "/id/be/org/innoviris")
    assert "<title>" not in page.section("quotes")
    quotes = [_quoted(q) for q in page.quotes]
    assert quotes, "the page shows no quote"
    for quote in quotes:  # every quote shown as evidence is the report's own words
        assert quote in report_text
    assert INNOVIRIS_QUOTE in page.section("quotes")
    assert "(6 Regional strategies – Brussels Region, report on Belgium)" in page.section("quotes")
    money = page.section("money")
    # "EUR 12 millions of subsidies", within the "dedicated budget of EUR 20 million" (our reading), in words.
    assert "Team Up €12 million in total, spent, within the €20 million" in money and TEAM_UP_QUOTE in money
    assert "12000000" not in money and "20000000 EUR" not in money
    assert "Funding agency" in "".join(page.text.get(None, [])) or "/ontology#FundingAgency" in page.links


def test_resource_page_links_both_ways_and_into_the_network(base) -> None:
    innoviris = _page(base, "/id/be/org/innoviris")
    assert "/id/be/programme/team-up" in innoviris.links  # what it funds
    assert "/id/be/funding/innoviris-team-up" in innoviris.links  # the funding relation, pointing here
    into_network = [unquote(link.split("#", 1)[1]) for link in innoviris.links if link.startswith("/network#")]
    assert into_network == [INNOVIRIS]  # the network page opens on the node its link names after "#"
    team_up = _page(base, "/id/be/programme/team-up")
    assert "funded by Innoviris €12 million in total, spent" in team_up.section("money")  # and the other way
    assert "/id/be/org/innoviris" in team_up.links
    network = httpx.get(f"{base}/network")
    assert network.status_code == 200 and f'"{INNOVIRIS}"' in network.text


def test_editorial_facts_say_so(base) -> None:
    facts = _table(base, "/id/be/org/innoviris", "facts")
    spatial = [row for row in facts if row[0].titles == ["http://purl.org/dc/terms/spatial"]]
    assert [row[2].evidence for row in spatial] == [
        [("editorial", "Called 'the regional innovation funding body' in the section on the Brussels Region.", None)]]


@pytest.mark.parametrize("how,fmt", [
    ({"headers": {"Accept": "text/turtle"}}, ox.RdfFormat.TURTLE),
    ({"headers": {"Accept": "application/ld+json"}}, ox.RdfFormat.JSON_LD),
    ({"headers": {"Accept": "application/n-triples"}}, ox.RdfFormat.N_TRIPLES),
    ({"suffix": ".ttl"}, ox.RdfFormat.TURTLE),
    ({"suffix": ".jsonld"}, ox.RdfFormat.JSON_LD),
    ({"suffix": ".nt"}, ox.RdfFormat.N_TRIPLES),
    ({"suffix": ".rdf"}, ox.RdfFormat.RDF_XML),
])
def test_resource_as_rdf_by_accept_or_extension(base, store, how, fmt) -> None:
    answer = httpx.get(f"{base}/id/be/org/innoviris{how.get('suffix', '')}", headers=how.get("headers", {}))
    assert answer.status_code == 200
    triples = list(ox.parse(answer.content, format=fmt))
    mine = {(t.predicate.value, str(t.object)) for t in triples if t.subject.value == INNOVIRIS and not isinstance(t.object, ox.BlankNode)}
    expected = {(r["p"].value, str(r["o"])) for r in store.query(f"SELECT ?p ?o WHERE {{ <{INNOVIRIS}> ?p ?o FILTER (!isBlank(?o)) }}")}
    assert mine == expected
    assert (LABEL, '"Innoviris"@en') in mine
    assert len(triples) == len(set(triples))  # no triple repeated
    # The quotation node of the Team Up relation, with its words, as the page shows them as evidence.
    quotations = [t.object for t in triples if t.subject.value == "https://w3id.org/aikg/id/be/funding/innoviris-team-up"
                  and t.predicate.value == QUOTATION]
    assert [t.object.value for t in triples if t.subject in quotations and t.predicate.value == PROV_VALUE] == [TEAM_UP_QUOTE]


def test_resource_n_triples_has_no_line_twice(base) -> None:
    for path in ("/id/be/org/innoviris.nt", "/id/be/programme/tremplin-ai.nt"):
        lines = httpx.get(base + path).text.splitlines()
        assert lines and len(lines) == len(set(lines)), path


def test_unknown_iri_is_404_with_a_search_hint(base) -> None:
    answer = httpx.get(f"{base}/id/be/org/atlantis", headers={"Accept": HTML})
    assert answer.status_code == 404
    assert "Not in the graph" in answer.text and 'CONTAINS(LCASE(?label), "atlantis")' in unescape(answer.text)
    rdf = httpx.get(f"{base}/id/be/org/atlantis.ttl")
    assert rdf.status_code == 404 and "not in the graph" in rdf.text


def test_ontology_page_lists_classes_properties_alignments_and_shapes(base, store) -> None:
    page = _page(base, "/ontology")
    classes = {r["c"].value.rsplit("#", 1)[1] for r in store.query(
        "SELECT ?c WHERE { ?c a owl:Class FILTER STRSTARTS(STR(?c), 'https://w3id.org/aikg/ontology#') }")}
    for name in classes:
        assert name in page.text, f"aikg:{name} has no section"
    agency = page.section("FundingAgency")
    assert "skos:closeMatch" in agency and "http://data.europa.eu/s66#FundingAgency" in page.links
    funding = page.section("FundingRelation")
    assert "Shapes that apply" in funding and "funder" in funding


def test_void_description(base, store) -> None:
    answer = httpx.get(f"{base}/.well-known/void", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200
    void = ox.Store()
    void.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(answer.content, format=ox.RdfFormat.TURTLE))
    rows = list(void.query("PREFIX void: <http://rdfs.org/ns/void#> SELECT ?n WHERE { <https://w3id.org/aikg/id/dataset> void:triples ?n }"))
    # The published dataset: the source files' triples and the standard ones their alignments imply, description
    # aside, as tests/test_export.py works them out with rdflib.
    from test_export import published_triples

    expected = len(published_triples())
    assert [int(r["n"].value) for r in rows] == [expected] and expected > len(store)
    dataset = httpx.get(f"{base}/id/dataset", follow_redirects=False)
    assert dataset.status_code == 303 and dataset.headers["location"] == "/.well-known/void"


# ------------------------------------------------------------------ headless Chromium

BROWSER = shutil.which("chromium")
needs_browser = pytest.mark.skipif(BROWSER is None, reason="chromium not installed: the pages cannot be opened in a headless browser here")


def _dom(url: str, profile, *extra: str) -> str:
    command = [
        BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
        # Only this machine answers: a page that needed the web would come out broken.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--virtual-time-budget=20000", *extra, "--dump-dom", url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=True).stdout


@needs_browser
def test_editor_runs_a_named_query_and_links_rows_to_pages(base, tmp_path) -> None:
    net_log = tmp_path / "net.json"
    dom = _dom(f"{base}/?run=funding-by-funder", tmp_path / "profile", f"--log-net-log={net_log}")
    body = dom[dom.find("<tbody"):dom.find("</tbody>")]
    assert body, "no results table"
    rows = re.findall(r"<tr.*?</tr>", body, re.S)
    cells = [re.sub(r"<[^>]+>", " ", row) for row in rows]
    team_up = [c for c in cells if "Team Up" in c]
    assert team_up and "Innoviris" in team_up[0] and "12000000" in team_up[0]
    assert TEAM_UP_QUOTE in collapse_whitespace(unescape(team_up[0]))
    assert 'href="/id/be/org/innoviris"' in body  # resource links go to this server's pages
    # Everything the page asked for came from this server (Chromium's own update checks are not the page's).
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    asked = [e["params"]["url"] for e in log["events"]
             if e["type"] == start and e.get("params", {}).get("initiator") == base]
    assert f"{base}/static/yasgui-4.6.2.min.js" in asked and f"{base}/sparql" in asked
    assert [url for url in asked if not url.startswith(base + "/")] == []


@needs_browser
def test_resource_page_in_the_browser_shows_the_quotes(base, tmp_path, report_text) -> None:
    dom = _dom(f"{base}/id/be/org/innoviris", tmp_path / "profile")
    quotes = [collapse_whitespace(unescape(re.sub(r"<[^>]+>", "", q))) for q in re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", dom, re.S)]
    assert any(INNOVIRIS_QUOTE in q for q in quotes)
    assert any(TEAM_UP_QUOTE in q for q in quotes)


def test_named_query_page_for_browsers(base) -> None:
    page = _page(base, "/queries/funding-by-funder?funder=Innoviris")
    results = page.section("results")
    assert "Team Up" in results and "12000000" in results and TEAM_UP_QUOTE in results
    assert "/id/be/org/innoviris" in page.links
    assert "/queries/funding-by-funder.csv?funder=Innoviris" in page.links  # download what is shown
    listing = _page(base, "/queries")
    assert "/queries/funding-by-funder" in listing.links


def test_code_list_terms_have_pages_and_pages_vary_by_accept(base) -> None:
    answer = httpx.get(f"{base}/code/status/spent", headers={"Accept": HTML})
    assert answer.status_code == 200 and "<h1>spent</h1>" in answer.text
    assert "Accept" in answer.headers["vary"]
    turtle = httpx.get(f"{base}/code/status/spent", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle") and "Accept" in turtle.headers["vary"]


def _fact_rows(page_html: str, table: str) -> dict[str, str]:
    """property label -> the row's text, for one table of a resource page."""
    body = re.search(rf'<table id="{table}">(.*?)</table>', page_html, re.S).group(1)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]:
        cells = [collapse_whitespace(unescape(re.sub(r"<[^>]+>", " ", c))) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
        rows[cells[0]] = " | ".join(cells[1:])
    return rows


def test_a_funding_relation_is_backed_fact_by_fact(base) -> None:
    page = httpx.get(f"{base}/id/be/funding/innoviris-team-up", headers={"Accept": HTML}).text
    facts = _fact_rows(page, "facts")
    assert facts["schema:amount"].startswith("€12 million |") and TEAM_UP_QUOTE in facts["schema:amount"]  # "EUR 12 millions"
    assert TEAM_UP_QUOTE in facts["status"]
    # The sentence on the subsidies does not name Innoviris: that it is the funder is our reading, and says so
    # before the sentence it is read beside.
    assert "Innoviris" not in TEAM_UP_QUOTE
    assert facts["schema:funder"].startswith("Innoviris | Our reading:")
    assert facts["schema:funder"].index("Our reading:") < facts["schema:funder"].index(TEAM_UP_QUOTE)


def test_ontology_as_rdf_for_machines(base, store) -> None:
    answer = httpx.get(f"{base}/ontology", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(answer.content, format=ox.RdfFormat.TURTLE))
    classes = {t.subject.value for t in triples if t.predicate.value.endswith("#type") and t.object.value.endswith("owl#Class")}
    expected = {r["c"].value for r in store.query("SELECT ?c WHERE { ?c a owl:Class FILTER STRSTARTS(STR(?c), 'https://w3id.org/aikg/ontology#') }")}
    assert classes == expected and "https://w3id.org/aikg/ontology#FundingAgency" in classes


# ------------------------------------------------------------------ one description, two doors


def _value_key(f: dict) -> str:
    """How a fact's other end is named on the page: its IRI (a link's title), else the literal and its type."""
    return f["value_iri"] or (f"{f['value']} ({f['value_type']})" if f["value_type"] else f["value"])


def _evidence(items: list[dict]) -> list[tuple]:
    return [(e["kind"], e["text"], f'{e["section_label"] or e["section"]}, {e["report_label"]}' if e["kind"] == "quote" else None)
            for e in items]


def _page_facts(base: str, path: str) -> list[tuple]:
    """(direction, property IRI, value, evidence) of every row of the Facts and Pointing here tables."""
    found = []
    for table, direction in (("facts", "out"), ("incoming", "in")):
        for row in _table(base, path, table):
            prop, value = (row[0], row[1]) if direction == "out" else (row[1], row[0])
            named = value.titles[0] if value.titles else value.text
            found.append((direction, prop.titles[0], collapse_whitespace(named), row[2].evidence))
    return sorted(found, key=repr)


def _command(aikg, iri: str) -> dict:
    status, out, err = aikg("describe", iri, "--format", "json")
    assert status == 0, err
    return json.loads(out)


@pytest.mark.parametrize("path", ["/id/be/programme/tremplin-ai", "/id/be/org/innoviris"])
def test_the_page_shows_the_facts_and_evidence_the_command_prints(base, aikg, path) -> None:
    described = _command(aikg, "https://w3id.org/aikg" + path)
    printed = sorted(((f["direction"], f["predicate_iri"], collapse_whitespace(_value_key(f)), _evidence(f["evidence"]))
                      for f in described["facts"]), key=repr)
    assert _page_facts(base, path) == printed
    shown_money = [(row[0].text, row[1].titles, row[2].text, row[3].evidence) for row in _table(base, path, "money")]
    assert shown_money == [("funds" if m["direction"] == "out" else "funded by", [m["other"]["iri"]], m["amount"],
                            _evidence(m["evidence"])) for m in described["money"]]


def test_tremplin_ai_page_points_to_its_targets_with_their_quote(base, report_text) -> None:
    rows = _table(base, "/id/be/programme/tremplin-ai", "incoming")
    targets = {row[0].hrefs[0]: (row[0].text, row[1].text, row[2].evidence) for row in rows}
    assert targets == {
        "/id/be/target/tremplin-ai-individual-pocs": (
            "Tremplin AI: launch at least 2 individual PoCs before the second half of 2020", "target of",
            [("quote", POCS_QUOTE, WALLONIA)]),
        "/id/be/target/tremplin-ai-collective-pocs": (
            "Tremplin AI: launch at least 3 collective PoCs before the second half of 2020", "target of",
            [("quote", POCS_QUOTE, WALLONIA)]),
    }
    assert POCS_QUOTE in report_text
    facts = {row[0].text: row[2].evidence for row in _table(base, "/id/be/programme/tremplin-ai", "facts")}
    assert facts["policy area"] == [("editorial", "Demonstrators (PoCs) of AI.", None)]
    assert facts["dct:isPartOf"] == [("quote", "Two actions, linked to axis 2", WALLONIA),
                                     ("quote", "were implemented in 2019: Start AI and Tremplin AI.", WALLONIA)]


def test_innoviris_page_points_to_team_up_with_our_reading_and_the_sentence(base) -> None:
    rows = _table(base, "/id/be/org/innoviris", "incoming")
    team_up = [row for row in rows if row[0].hrefs == ["/id/be/funding/innoviris-team-up"]]
    assert [(row[1].text, row[2].evidence) for row in team_up] == [("schema:funder", [
        ("editorial", "Team Up is mentioned among Innoviris's support programmes and as one of \"these two specific calls\" "
                      "besides which \"Innoviris funds\" other projects; the sentence on the subsidies does not name the funder.",
         None),
        ("quote", TEAM_UP_QUOTE, BRUSSELS)])]


# ------------------------------------------------------------------ markup from the data

HOSTILE = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix beo:  <https://w3id.org/aikg/id/be/org/> .
beo:innoviris foaf:homepage <javascript:alert(4)> , <data:text/html,%3Cscript%3Ealert(5)%3C/script%3E> , <mailto:office@example.org> ;
    rdfs:comment "<script>alert(6)</script>"@en .
"""
UNSAFE = ("javascript:alert(4)", "data:text/html,%3Cscript%3Ealert(5)%3C/script%3E")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A server on the project's data (which conforms still) plus homepages that are not web addresses."""
    from aikg.paths import DATA_DIR

    data = tmp_path_factory.mktemp("hostile") / "be"
    shutil.copytree(DATA_DIR / "be", data)
    (data / "hostile.ttl").write_text(HOSTILE, encoding="utf-8")
    with running_server("--workers", "1", "--data", str(data), log=data.parent / "server.log") as url:
        yield url


@pytest.mark.parametrize("path, table", [("/id/be/org/innoviris", "facts"), ("/queries/node-facts?node=beo:innoviris", "results")])
def test_only_web_and_mail_addresses_become_links(hostile, path, table) -> None:
    answer = httpx.get(hostile + path, headers={"Accept": HTML})
    assert answer.status_code == 200
    page = _Sections()
    page.feed(answer.text)
    assert not [link for link in page.links if not link.startswith(("/", "http:", "https:", "mailto:"))]
    assert "mailto:office@example.org" in page.links
    cells = " ".join(cell.text + " " + " ".join(cell.titles) for row in _table(hostile, path, table) for cell in row)
    for iri in UNSAFE:
        assert iri in cells  # shown, as text
    assert "<script>alert(6)" not in answer.text and "&lt;script&gt;alert(6)&lt;/script&gt;" in answer.text


# ---------------------------------------------------------------- pages that cost nothing to serve


def test_the_big_pages_are_made_before_the_server_answers(served) -> None:
    url, log = served
    assert httpx.get(url + "/network").status_code == 200
    lines = log.read_text(encoding="utf-8").splitlines()
    made = next(i for i, line in enumerate(lines) if "pages made: /network" in line and "/ontology" in line and "/report/be" in line)
    first_request = next(i for i, line in enumerate(lines) if " GET " in line)
    assert made < first_request, lines


@pytest.mark.parametrize("path, accept", [("/network", HTML), ("/ontology", HTML), ("/report/be", HTML), ("/id/be/org/innoviris", HTML),
                                          ("/id/be/org/innoviris", "text/turtle"), ("/ontology", "text/turtle"),
                                          ("/.well-known/void", "text/turtle")])
def test_a_page_has_a_validator_and_is_not_sent_again_to_who_holds_it(served, path: str, accept: str) -> None:
    url, _ = served
    first = httpx.get(url + path, headers={"Accept": accept})
    assert first.status_code == 200 and first.content
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and "max-age" in first.headers["cache-control"]
    again = httpx.get(url + path, headers={"Accept": accept, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = httpx.get(url + path, headers={"Accept": accept, "If-None-Match": 'W/"something-else"'})
    assert other.status_code == 200 and other.content == first.content


def test_the_same_page_in_another_format_has_another_validator(served) -> None:
    url, _ = served
    page = httpx.get(url + "/id/be/org/innoviris", headers={"Accept": HTML})
    turtle = httpx.get(url + "/id/be/org/innoviris", headers={"Accept": "text/turtle"})
    assert page.headers["etag"] != turtle.headers["etag"]
    assert httpx.get(url + "/id/be/org/innoviris", headers={"Accept": "text/turtle", "If-None-Match": page.headers["etag"]}
                     ).status_code == 200


def test_pages_are_compressed_for_clients_that_accept_it(served) -> None:
    url, _ = served
    plain = httpx.get(url + "/network", headers={"Accept-Encoding": "identity"})
    with httpx.stream("GET", url + "/network", headers={"Accept-Encoding": "gzip"}) as zipped:
        raw = b"".join(zipped.iter_raw())
        assert zipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(raw) == plain.content and len(raw) < len(plain.content) / 3


# ---------------------------------------------------------------- the annotated report (/report/CODE)


def test_report_page_shows_the_text_and_the_id_pages_link_to_its_passages(base) -> None:
    page = httpx.get(f"{base}/report/be", headers={"Accept": HTML})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert TEAM_UP_QUOTE in collapse_whitespace(unescape(re.sub(r"<[^>]+>", "", page.text)))
    assert 'href="/id/be/funding/innoviris-team-up"' not in page.text  # the links are made by the script from:
    assert '"href":"/id/be/funding/innoviris-team-up"' in page.text
    resource = _page(base, "/id/be/funding/innoviris-team-up")
    places = [link for link in resource.links if link.startswith("/report/be#q-")]
    anchors = set(re.findall(r'<a class="anchor" id="([^"]+)"', page.text))
    assert places and all(link.split("#", 1)[1] in anchors for link in places)
    # The network page links quotes as ../report/be.html#q-...: the same page from build/ and from /network.
    assert httpx.get(f"{base}/report/be.html", headers={"Accept": HTML}).content == page.content
    missing = httpx.get(f"{base}/report/xx", headers={"Accept": HTML})
    assert missing.status_code == 404 and "no report 'xx'" in missing.text


@needs_browser
def test_report_page_in_the_browser_scrolls_to_a_quote_and_lists_its_fact(base, tmp_path) -> None:
    """From the Team Up funding's page, a reader follows a quote to its place in the report."""
    resource = _page(base, "/id/be/funding/innoviris-team-up")
    place = next(link for link in resource.links if link.startswith("/report/be#"))
    dom = _dom(base + place, tmp_path / "profile")
    panel = re.search(r'<div id="facts">(.*?)</div>\s*</aside>', dom, re.S).group(1)
    assert "Innoviris funds Team Up : €12 million in total, spent" in collapse_whitespace(re.sub(r"<[^>]+>", " ", unescape(panel)))
    assert 'href="/id/be/org/innoviris"' in panel and 'href="/id/be/funding/innoviris-team-up"' in panel
    target = re.findall(r'<span class="q target"[^>]*>([^<]*)<', dom)
    assert TEAM_UP_QUOTE in collapse_whitespace(" ".join(target))
