"""A money picture: the amounts each funder gives, as the report states them, as SVG.

The bars are the rows of queries/funding-totals-by-funder.rq, read as money by
aikg.network.money: the chart and the query are one computation. One panel per period (a
year, in total, in a given year), each with its own scale, because a yearly amount and a
total cannot be compared on one axis; recommended money (what the report asks for, not
what is given) has panels of its own. Within a panel, one bar per funder and status,
never stacked, because those must not be added either; a part of a larger amount is a bar
of its own that says which whole it is within. Every bar is labelled with its amount in
words, and the picture carries its title, source and licence, like the network's.
"""

from __future__ import annotations

import io
import textwrap
from collections import defaultdict

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from aikg.errors import AikgError
from aikg.network.credits import Credits
from aikg.network.money import PERIOD_ORDER, STATUS_ORDER, Money, euros, money_of_total
from aikg.network.source import Row
from aikg.network.style import shorten

__all__ = ["CHARTS", "render_chart", "render_funding_chart", "funding_rows"]

CHARTS = ("funding",)
RECOMMENDED = "recommended"
CHART_TITLE = "Money for AI per funder"
STYLE = {"svg.hashsalt": "aikg-chart", "svg.fonttype": "none", "font.family": "DejaVu Sans"}
STATUS_COLOURS = {"spent": "#1B7837", "completed": "#1B7837", "ongoing": "#5AAE61", "budgeted": "#2166AC",
                  "planned": "#92C5DE", "in-preparation": "#92C5DE", "recommended": "#E08214"}
OTHER_STATUS = "#878787"
WIDTH, ROW, HEAD, FOOT = 8.27, 0.34, 1.5, 0.75  # inches: page width, a bar's row, title block, source block


def render_chart(rows: list[Row], credits: Credits, name: str) -> bytes:
    """The chart ``name`` of the rows of funding-totals-by-funder.rq, as SVG bytes."""
    if name not in CHARTS:
        raise AikgError(f"unknown chart {name!r}; charts: {', '.join(CHARTS)}")
    return render_funding_chart(rows, credits)


def funding_rows(rows: list[Row]) -> dict[str, list[tuple[str, Money]]]:
    """Per panel title ("A year", "In 2019", "Recommended, a year"), the (label, sum) bars,
    largest first, given money before recommended money. The parts of a whole come right
    after the whole's bar, named as its parts ("Flemish government, 3 parts of it")."""
    panels: dict[tuple[bool, int, str], list[tuple[str, Money, int]]] = defaultdict(list)
    for row in rows:
        money = money_of_total(row)
        rank = PERIOD_ORDER.index(money.period) if money.period in PERIOD_ORDER else len(PERIOD_ORDER)
        panels[(money.status == RECOMMENDED, rank if not money.year else len(PERIOD_ORDER) + 1, money.when)].append(
            (str(row["funderLabel"]), money, int(row.get("relations") or 1)))
    return {_panel_title(recommended, when): _with_parts_after_wholes(bars) for (recommended, _, when), bars in sorted(panels.items())}


def _with_parts_after_wholes(bars: list[tuple[str, Money, int]]) -> list[tuple[str, Money]]:
    ordered = sorted(bars, key=lambda bar: (-bar[1].amount, bar[0], _status_rank(bar[1].status)))
    wholes = [(funder, money) for funder, money, _ in ordered if money.within is None]
    for funder, money, count in ordered:
        if money.within is None:
            continue
        whole = next((i for i, (name, m) in enumerate(wholes) if name == funder and m.amount == money.within), None)
        parts = f"{count} parts" if count > 1 else "a part"
        label = f"{funder}, {parts} of it" if whole is not None else f"{funder}, {parts} of a larger amount"
        wholes.insert(len(wholes) if whole is None else whole + 1, (label, money))
    return wholes


def _panel_title(recommended: bool, when: str) -> str:
    title = when[0].upper() + when[1:] if when else "Period not stated"
    return f"Recommended, {when or 'period not stated'}" if recommended else title


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def render_funding_chart(rows: list[Row], credits: Credits) -> bytes:
    """The chart as SVG bytes; the same rows always give the same bytes."""
    panels = funding_rows(rows)
    rows = sum(len(bars) for bars in panels.values())
    height = HEAD + FOOT + ROW * rows + 0.55 * max(len(panels) - 1, 0) + 0.35 + (0.6 if not panels else 0.0)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, height))
        FigureCanvasAgg(figure)
        top = 1 - HEAD / height
        for when, bars in panels.items():
            panel_height = (ROW * len(bars)) / height
            axes = figure.add_axes((0.27, top - panel_height, 0.36, panel_height))
            _draw_panel(axes, when, bars)
            top -= panel_height + 0.55 / height
        if not panels:
            figure.text(0.03, 1 - (HEAD + 0.3) / height, "The data states no amount of money.", fontsize=9)
        _draw_header(figure, credits, height, [bar for bars in panels.values() for bar in bars])
        _draw_footer(figure, credits, height)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _draw_panel(axes, when: str, bars: list[tuple[str, Money]]) -> None:
    """Horizontal bars, top to bottom, each labelled with its amount in words."""
    largest = max(money.amount for _, money in bars)
    positions = list(range(len(bars)))[::-1]
    axes.barh(positions, [money.amount for _, money in bars], height=0.62,
              color=[STATUS_COLOURS.get(money.status, OTHER_STATUS) for _, money in bars])
    for y, (_, money) in zip(positions, bars):
        axes.text(money.amount + largest * 0.015, y, money.describe(), va="center", ha="left", fontsize=7.5, color="#222222")
    axes.set_yticks(positions, [shorten(funder, 40) for funder, _ in bars], fontsize=8)
    axes.set_xlim(0, largest * 1.02)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=3))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: euros(value) if value else "0"))
    axes.tick_params(axis="x", labelsize=7, colors="#555555")
    axes.tick_params(axis="y", length=0)
    axes.set_title(when, loc="left", fontsize=9.5,
                   fontweight="bold", x=-0.7)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#E6E6E6", linewidth=0.6)
    axes.set_axisbelow(True)


def _draw_header(figure: Figure, credits: Credits, height: float, bars: list[tuple[str, Money]]) -> None:
    figure.text(0.03, 1 - 0.3 / height, credits.title(CHART_TITLE), fontsize=13, fontweight="bold", va="top")
    figure.text(0.03, 1 - 0.62 / height,
                "Per funder, the sum of the amounts of money the report states, by period, year and status: amounts a year,\n"
                "in total or for one year, spent, budgeted or recommended are never added together. A part of a larger\n"
                "amount (a pillar of a plan's budget) is summed only with the other parts of it, and says which it is within.\n"
                "Recommended money is what the report asks for, not money given: its panels come last.",
                fontsize=7.5, color="#333333", va="top", linespacing=1.4)
    statuses = sorted({money.status for _, money in bars}, key=_status_rank)
    if statuses:
        figure.legend(handles=[Patch(color=STATUS_COLOURS.get(s, OTHER_STATUS), label=s or "status not stated") for s in statuses],
                      loc="upper right", bbox_to_anchor=(0.97, 1 - 0.22 / height), fontsize=7.5, frameon=False,
                      ncols=len(statuses), handlelength=1.2, columnspacing=1.2)


def _draw_footer(figure: Figure, credits: Credits, height: float) -> None:
    lines = textwrap.wrap(credits.source_line(), 140) + textwrap.wrap(credits.licence_line(), 140)
    figure.text(0.03, 0.12 / height, "\n".join(lines), fontsize=6, color="#444444", va="bottom", linespacing=1.5)
