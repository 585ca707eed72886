"""Outputs follow the extension of -o; the rough edges of issue 11 stay gone."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from aikg.cli import Environment, main
from aikg.errors import AikgError
from aikg.extensions import EXTENSIONS, output_format
from aikg.paths import DATA_DIR

AIKG = str(Path(sys.executable).parent / "aikg")


def cli(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([AIKG, *argv], capture_output=True, text=True, env=os.environ, timeout=300, cwd=cwd)


def test_the_extension_table_covers_the_issues_list() -> None:
    assert set(EXTENSIONS) == set(".csv .tsv .json .md .txt .ttl .nt .nq .trig .jsonld .rdf .html .svg .png .pdf .graphml .gexf".split())


@pytest.mark.parametrize("output, given, expected", [
    ("a.csv", None, "csv"), ("a.CSV", None, "csv"), ("a.md", "markdown", "markdown"), (None, None, "table"),
    ("-", "json", "json"), ("a.out", "tsv", "tsv"),
])
def test_output_format_picks_the_extensions_format(output, given, expected) -> None:
    assert output_format(output, given, ["table", "csv", "tsv", "json", "markdown"], "table") == expected


def test_query_writes_csv_json_and_markdown_by_extension(tmp_path: Path) -> None:
    for name, check in (("a.csv", lambda t: next(csv.reader(io.StringIO(t)))[0] == "funderLabel"),
                        ("a.json", lambda t: json.loads(t)["head"]["vars"][0] == "funderLabel"),
                        ("a.md", lambda t: t.startswith("| funderLabel |")),
                        ("a.tsv", lambda t: t.startswith("?funderLabel\t"))):
        target = tmp_path / name
        done = cli("query", "funding-by-funder", "--param", "funder=Innoviris", "-o", str(target))
        assert done.returncode == 0, done.stderr
        assert check(target.read_text(encoding="utf-8")), name


def test_a_format_contradicting_the_extension_is_an_error(tmp_path: Path) -> None:
    done = cli("query", "funding-by-funder", "--format", "csv", "-o", str(tmp_path / "a.json"))
    assert done.returncode == 2 and "contradicts" in done.stderr
    assert not (tmp_path / "a.json").exists()


def test_an_unknown_extension_needs_a_format(tmp_path: Path) -> None:
    done = cli("query", "funding-by-funder", "-o", str(tmp_path / "a.xyz"))
    assert done.returncode == 2 and "cannot tell the format" in done.stderr
    done = cli("query", "funding-by-funder", "--format", "csv", "-o", str(tmp_path / "a.xyz"))
    assert done.returncode == 0 and (tmp_path / "a.xyz").read_text(encoding="utf-8").startswith("funderLabel,")


def test_an_extension_the_command_cannot_write_is_an_error(tmp_path: Path) -> None:
    done = cli("query", "funding-by-funder", "-o", str(tmp_path / "a.svg"))
    assert done.returncode == 2 and "does not write svg" in done.stderr


def test_export_writes_json_ld_and_n_triples_by_extension(tmp_path: Path) -> None:
    jsonld, nt = tmp_path / "a.jsonld", tmp_path / "a.nt"
    assert cli("export", "-o", str(jsonld)).returncode == 0
    assert isinstance(json.loads(jsonld.read_text(encoding="utf-8")), (dict, list))
    assert cli("export", "-o", str(nt)).returncode == 0
    triples = list(ox.parse(nt.read_bytes(), format=ox.RdfFormat.N_TRIPLES))
    innoviris = ox.NamedNode("https://w3id.org/aikg/id/be/org/innoviris")
    assert any(t.subject == innoviris for t in triples)


def test_network_writes_svg_and_graphml_by_extension(tmp_path: Path) -> None:
    svg, graphml = tmp_path / "x.svg", tmp_path / "x.graphml"
    assert cli("network", "-o", str(svg)).returncode == 0
    assert "<svg" in svg.read_text(encoding="utf-8")[:2000]
    assert cli("network", "-o", str(graphml)).returncode == 0
    assert "<graphml" in graphml.read_text(encoding="utf-8")[:2000]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_network_refuses_to_pour_a_page_onto_a_terminal() -> None:
    env = Environment(stdin=io.StringIO(), stdout=Terminal(), stderr=io.StringIO())
    assert main(["network"], env) == 2
    assert "not writing html to the terminal" in env.stderr.getvalue() and "-o" in env.stderr.getvalue()
    assert env.stdout.getvalue() == ""


def test_search_and_describe_write_by_extension(tmp_path: Path) -> None:
    hits, about = tmp_path / "hits.csv", tmp_path / "about.md"
    assert cli("search", "predictive medicine", "-o", str(hits)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(hits.read_text(encoding="utf-8"))))
    assert rows[0]["resource"] == "bep:innoviris-predictive-medicine-call"
    assert cli("describe", "Innoviris", "-o", str(about)).returncode == 0
    assert about.read_text(encoding="utf-8").startswith("## Innoviris (beo:innoviris)")


# ---------------------------------------------------------------- rough edges


def test_stats_json_is_one_document() -> None:
    done = cli("stats", "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    classes = {row["class"]: row for row in document["classes"]}
    # the report names three funding bodies: FWO, VLAIO and Innoviris
    assert classes["aikg:FundingAgency"]["instances"] == 3
    assert document["provenance"]["without a quote"] == 0


def test_validate_writes_its_report_to_stdout(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    with report.open("w") as out:
        done = subprocess.run([AIKG, "validate", "--data", str(DATA_DIR)], stdout=out, stderr=subprocess.PIPE, text=True,
                              env=os.environ, timeout=300)
    assert done.returncode == 0 and done.stderr == ""
    assert "conforms" in report.read_text(encoding="utf-8")


def test_one_file_of_a_folder_names_the_references_to_other_files() -> None:
    done = cli("validate", str(DATA_DIR / "be" / "funding.ttl"))
    assert done.returncode == 1
    note = next(line for line in done.stdout.splitlines() if line.startswith("note:"))
    # funding.ttl names the funders that actors.ttl describes
    for name in ("beo:innoviris", "beo:fwo", "beo:vlaio"):
        assert name in note
    assert "bef:" not in note  # the funding relations are defined in the file given


def test_an_empty_data_file_is_warned_about(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <https://example.org/> .\n# nothing yet\n", encoding="utf-8")
    done = cli("validate", str(empty))
    assert f"{empty}: the file holds no statements" in done.stderr
    done = cli("query", "actors-by-type", "--data", str(empty), "--format", "csv")
    assert "holds no statements" in done.stderr


def test_empty_files_are_found_past_a_long_header_and_a_statement_past_it_counts(tmp_path: Path) -> None:
    from aikg.references import HEAD, empty_files

    comments = "".join(f"# line {i} of a long header, more than one read's worth\n" for i in range(HEAD // 40))
    empty, full = tmp_path / "empty.ttl", tmp_path / "full.ttl"
    empty.write_text(comments, encoding="utf-8")
    full.write_text(comments + "<https://example.org/a> <https://example.org/b> 1 .\n", encoding="utf-8")
    assert empty.stat().st_size > HEAD
    assert empty_files([empty, full]) == [empty]


def test_stats_takes_data_like_every_command() -> None:
    by_option = cli("stats", "--data", str(DATA_DIR), "--format", "json")
    by_path = cli("stats", str(DATA_DIR), "--format", "json")
    assert by_option.returncode == by_path.returncode == 0
    assert json.loads(by_option.stdout) == json.loads(by_path.stdout)


def test_queries_lists_the_columns() -> None:
    done = cli("queries", "--columns", "--format", "json")
    rows = {row["name"]: row for row in json.loads(done.stdout)}
    columns = rows["funding-by-funder"]["columns"].split(", ")
    assert {"funderLabel", "recipientLabel", "amount", "quote"} <= set(columns)


def test_prefixes_lists_the_projects_and_the_files_prefixes() -> None:
    rows = {row["prefix"]: row["namespace"] for row in json.loads(cli("prefixes", "--format", "json").stdout)}
    assert rows["aikg"] == "https://w3id.org/aikg/ontology#"
    assert rows["sec"] == "https://w3id.org/aikg/id/be/report/ai-watch-belgium-2020#"  # declared by the data files


def test_the_command_line_offers_exactly_the_export_formats() -> None:
    from aikg.export import EXPORT_FORMATS
    from aikg.extensions import EXPORT_FORMAT_NAMES

    assert sorted(EXPORT_FORMAT_NAMES) == sorted(EXPORT_FORMATS)


def test_the_query_path_imports_neither_rdflib_nor_pyshacl(tmp_path) -> None:
    """Nor the standard modules a query does not use, which cost start-up time (dataclasses
    brings inspect, ast and dis)."""
    import subprocess
    import sys

    unused = ('rdflib', 'pyshacl', 'matplotlib', 'networkx', 'dataclasses', 'typing', 'logging', 'difflib', 'calendar')
    code = ("import sys\nfrom aikg.cli import main\nstatus = main(['query', 'targets', '--format', 'csv'])\n"
            "import aikg.store, aikg.cache  # what the forked worker imports, here where it can be seen\n"
            f"loaded = sorted(m for m in {unused!r} if m in sys.modules)\n"
            "print('LOADED', loaded, file=sys.stderr)\nsys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stderr


def test_a_stream_without_extension_takes_the_format_or_the_default(tmp_path: Path) -> None:
    """-o /dev/stdout, /dev/null or a FIFO has no extension to go by: as stdout, --format or the default."""
    os.mkfifo(tmp_path / "pipe")
    for stream in ("/dev/stdout", "/dev/null", str(tmp_path / "pipe")):
        assert output_format(stream, None, ["table", "csv"], "table") == "table"
        assert output_format(stream, "csv", ["table", "csv"], "table") == "csv"
    os.mkfifo(tmp_path / "pipe.csv")
    assert output_format(str(tmp_path / "pipe.csv"), None, ["table", "csv"], "table") == "csv"  # an extension still decides
    with pytest.raises(AikgError, match="cannot tell the format"):
        output_format(str(tmp_path / "file"), None, ["table", "csv"], "table")
