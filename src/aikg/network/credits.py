"""What a picture says about itself: the place it is about, the report it comes from
(publisher, title, date, web page) and the licence under which it may be reused.

The sources are rows of ``queries/source-reports.rq``, so a picture of another
country's data names that country and that report without a change of code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from aikg.network.source import Row

__all__ = ["DATA_LICENCE", "DATA_LICENCE_URL", "NETWORK_TITLE", "Source", "Credits", "credits_from_rows"]

# The licence of the aikg data (the same as the dataset description of `aikg export`).
DATA_LICENCE = "CC BY 4.0"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
NETWORK_TITLE = "Who funds, runs and supports AI"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # not strftime's %B, which follows the locale


@dataclass(frozen=True)
class Source:
    title: str
    created: str = ""
    publisher: str = ""
    homepage: str = ""
    country: str = ""

    def citation(self) -> str:
        """Publisher, “title”, date, web page: what is known of them."""
        parts = [self.publisher, f"“{self.title}”", readable_date(self.created), self.homepage]
        return ", ".join(part for part in parts if part and part != "“”")


@dataclass(frozen=True)
class Credits:
    sources: tuple[Source, ...] = ()

    @property
    def place(self) -> str:
        """The countries the sources are about, in words: "Belgium", "Belgium and France", "12 countries"."""
        countries = sorted({s.country for s in self.sources if s.country})
        if len(countries) > 3:
            return f"{len(countries)} countries"
        return " and ".join(filter(None, [", ".join(countries[:-1]), countries[-1]])) if countries else ""

    def title(self, what: str = NETWORK_TITLE) -> str:
        """E.g. "Who funds, runs and supports AI in Belgium"."""
        return f"{what} in {self.place}" if self.place else what

    def source_line(self) -> str:
        if not self.sources:
            return "Source: the aikg knowledge graph."
        if len(self.sources) > 3:
            return f"Source: {len(self.sources)} reports; `aikg query source-reports` lists them."
        return "Source: " + "; ".join(s.citation() for s in self.sources) + "."

    def licence_line(self) -> str:
        return (f"Data: the aikg knowledge graph, {DATA_LICENCE} ({DATA_LICENCE_URL}); "
                "amounts and relations as the report states them.")


def readable_date(text: str) -> str:
    """2020-02-25 as "25 February 2020"; other forms (a year, a month) as they are."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def credits_from_rows(rows: Iterable[Row]) -> Credits:
    """The sources of the rows of source-reports.rq, one per report."""
    seen: dict[str, Source] = {}
    for row in rows:
        report = str(row["report"])
        if report not in seen:
            seen[report] = Source(
                str(row.get("title", "")), str(row.get("created", "")), str(row.get("publisherLabel", "")),
                str(row.get("homepage", "")), str(row.get("countryLabel", "")),
            )
    return Credits(tuple(seen.values()))
