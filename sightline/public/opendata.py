"""The council's public tables as open data: the same figures as the public pages, as rows of
plain values, with a dictionary of their columns, under the Open Government Licence v3.0.

A table's name is its address: ``savings-2013-14`` is ``/c/<council>/data/savings-2013-14.csv``
(and ``.json``), and ``/api/v1/public/<council>/tables/savings-2013-14``. Money is in pounds,
as decimals with two places; text people typed is made inert for spreadsheets in the CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404

from sightline.accounts.models import Council
from sightline.core.exports import UTF8_BOM, spreadsheet_text
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.public import selectors
from sightline.public.models import PublicSettings
from sightline.public.selectors import year_slug

LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text, decimal, integer, date, boolean
    meaning: str
    unit: str = ""


@dataclass(frozen=True)
class Table:
    key: str  # the name, without a year
    title: str
    description: str
    columns: tuple[Column, ...]
    per_year: bool = False


POUNDS = "pounds (£), two decimal places"
FY = Column("financial_year", "text", "The financial year, from 1 April (e.g. 2013/14).")

TABLES: tuple[Table, ...] = (
    Table(
        "savings",
        "Approved savings",
        "Each approved saving in the year that the council has published, with its status "
        "and what has been delivered.",
        (
            FY,
            Column("reference", "text", "The council's reference for the savings proposal."),
            Column("title", "text", "What the saving is."),
            Column("directorate", "text", "The directorate that delivers it."),
            Column("service_area", "text", "The service within the directorate, if given."),
            Column("savings_type", "text", "The kind of saving (e.g. efficiency, income)."),
            Column("stage", "text", "Where it is: initiation, live, delivered or failed."),
            Column(
                "planned_saving",
                "decimal",
                "The saving planned in the year, over the year before.",
                POUNDS,
            ),
            Column(
                "delivered_saving",
                "decimal",
                "The saving finance has confirmed as delivered in the year; empty if none yet.",
                POUNDS,
            ),
            Column(
                "rag",
                "text",
                "The latest forecast's rating: Blue (delivered), Green, Amber, Red, or Not rated.",
            ),
        ),
        per_year=True,
    ),
    Table(
        "savings-totals",
        "Savings totals by directorate",
        "The approved savings in the year added up by directorate, and the whole programme. "
        "If the council chooses, one line gives savings not yet published (exempt "
        "information), without naming them.",
        (
            FY,
            Column("directorate", "text", "The directorate; 'All' for the whole programme."),
            Column("savings", "integer", "How many savings.", "savings"),
            Column("planned_saving", "decimal", "The savings planned in the year.", POUNDS),
            Column("delivered_saving", "decimal", "The savings delivered so far.", POUNDS),
        ),
        per_year=True,
    ),
    Table(
        "budget-gap",
        "The budget gap and how the savings close it",
        "Each year of the medium-term financial plan: the savings it needs, the approved and "
        "delivered savings counted against that, and what is left to find.",
        (
            FY,
            Column("savings_to_find", "decimal", "The budget gap to close in the year.", POUNDS),
            Column("approved_savings", "decimal", "Approved savings counted against it.", POUNDS),
            Column("delivered_savings", "decimal", "Delivered savings counted against it.", POUNDS),
            Column(
                "remaining_after_approved",
                "decimal",
                "What is left to find after the approved savings (negative: more than enough).",
                POUNDS,
            ),
            Column("year_closed", "boolean", "Whether the year's accounts are closed."),
        ),
    ),
    Table(
        "priorities",
        "Corporate plan priorities",
        "The priorities of the council's corporate plan.",
        (
            Column("plan", "text", "The corporate plan."),
            Column("number", "integer", "The priority's number in the plan."),
            Column("title", "text", "The priority."),
            Column("description", "text", "What the priority means."),
        ),
    ),
    Table(
        "indicators",
        "Performance indicators",
        "Each measured value of the indicators the council publishes, approved before "
        "publication, with the target in force.",
        (
            Column("code", "text", "The indicator's code."),
            Column("title", "text", "What it measures."),
            Column("unit", "text", "The unit of its values (%, number, days, £, rate)."),
            Column("polarity", "text", "Whether higher or lower is better."),
            Column("period_start", "date", "The first day of the period measured (YYYY-MM-DD)."),
            Column("period", "text", "The period measured, as the council writes it."),
            Column("value", "decimal", "The value measured.", "the indicator's unit"),
            Column(
                "target", "decimal", "The target in force; empty if none.", "the indicator's unit"
            ),
        ),
    ),
    Table(
        "risk-summary",
        "Risk register summary",
        "How many of the council's open risks sit in each band of residual score (the score "
        "with the controls in place), if the council publishes it.",
        (
            Column("band", "text", "The band of residual score."),
            Column("lowest_score", "integer", "The band's lowest score (1 to 25).", "score"),
            Column("highest_score", "integer", "The band's highest score (1 to 25).", "score"),
            Column("open_risks", "integer", "How many open risks are in the band.", "risks"),
        ),
    ),
)
BY_KEY = {t.key: t for t in TABLES}


def pounds(pence: int | None) -> str | None:
    """Pence as pounds with two decimals: ``123456`` is ``"1234.56"``."""
    if pence is None:
        return None
    return f"{Decimal(pence) / 100:.2f}"


@dataclass
class Dataset:
    council: Council
    table: Table
    name: str
    rows: list[dict]
    fy: FinancialYear | None = None


# --- the rows of each table ---------------------------------------------------------------------


def _savings(council, settings, fy) -> list[dict]:
    year = selectors.year_savings(council, settings, fy)
    return [
        {
            "financial_year": str(fy),
            "reference": r.reference,
            "title": r.title,
            "directorate": r.directorate,
            "service_area": r.service_area,
            "savings_type": r.savings_type,
            "stage": r.stage_label,
            "planned_saving": pounds(r.planned),
            "delivered_saving": pounds(r.delivered),
            "rag": r.rag_label,
        }
        for r in year.rows
    ]


def _savings_totals(council, settings, fy) -> list[dict]:
    [year] = selectors.years_totals(council, settings, [fy])
    rows = [
        {
            "financial_year": str(fy),
            "directorate": d.name,
            "savings": d.count,
            "planned_saving": pounds(d.planned),
            "delivered_saving": pounds(d.delivered),
        }
        for d in year.directorates
    ]
    if year.show_unpublished:
        rows.append(
            {
                "financial_year": str(fy),
                "directorate": "Not yet published",
                "savings": year.unpublished_count,
                "planned_saving": pounds(year.unpublished_amount),
                "delivered_saving": None,
            }
        )
    rows.append(
        {
            "financial_year": str(fy),
            "directorate": "All",
            "savings": year.count + (year.unpublished_count if year.show_unpublished else 0),
            "planned_saving": pounds(year.planned_with_unpublished),
            "delivered_saving": pounds(year.delivered),
        }
    )
    return rows


def _budget_gap(council, settings, fy) -> list[dict]:
    found = selectors.budget_gap(council)
    if found is None:
        return []
    return [
        {
            "financial_year": str(r.fy),
            "savings_to_find": pounds(r.to_find),
            "approved_savings": pounds(r.approved),
            "delivered_savings": pounds(r.delivered),
            "remaining_after_approved": pounds(r.remaining),
            "year_closed": r.closed,
        }
        for r in found.rows
    ]


def _priorities(council, settings, fy) -> list[dict]:
    plan, priorities = selectors.corporate_plan(council)
    return [
        {"plan": plan.title, "number": p.number, "title": p.title, "description": p.description}
        for p in priorities
    ]


def _indicators(council, settings, fy) -> list[dict]:
    rows = []
    for item in selectors.public_indicators(council):
        i = item.indicator
        for a in item.actuals:
            rows.append(
                {
                    "code": i.code,
                    "title": i.title,
                    "unit": i.get_unit_display(),
                    "polarity": i.get_polarity_display(),
                    "period_start": a.period.isoformat(),
                    "period": a.label,
                    "value": f"{a.value:.2f}",
                    "target": None if a.target is None else f"{a.target:.2f}",
                }
            )
    return rows


def _risk_summary(council, settings, fy) -> list[dict]:
    bands = selectors.risk_summary(council, settings) or []
    return [
        {
            "band": b.name,
            "lowest_score": b.low or None,
            "highest_score": b.high or None,
            "open_risks": b.count,
        }
        for b in bands
    ]


ROWS: dict[str, Callable[..., list[dict]]] = {
    "savings": _savings,
    "savings-totals": _savings_totals,
    "budget-gap": _budget_gap,
    "priorities": _priorities,
    "indicators": _indicators,
    "risk-summary": _risk_summary,
}


# --- which tables a council publishes -----------------------------------------------------------


def available(
    council: Council, settings: PublicSettings
) -> list[tuple[Table, str, FinancialYear | None]]:
    """Every table the council publishes: (table, name, year), the yearly ones once a year."""
    found = []
    years = selectors.savings_years(council)
    for table in TABLES:
        if table.key == "risk-summary" and not settings.publish_risk_summary:
            continue
        if table.per_year:
            found.extend((table, f"{table.key}-{year_slug(fy)}", fy) for fy in reversed(years))
        else:
            found.append((table, table.key, None))
    return found


_YEARLY = re.compile(r"^(?P<key>[a-z-]+?)-(?P<year>\d{4}-\d{2})$")


def dataset(council: Council, settings: PublicSettings, name: str) -> Dataset:
    """The table called ``name`` (``savings-2013-14``, ``priorities``); not found if the
    council does not publish it."""
    table, fy = BY_KEY.get(name), None
    if table is None or table.per_year:
        match = _YEARLY.match(name)
        table = BY_KEY.get(match["key"]) if match else None
        if table is None or not table.per_year:
            raise Http404("No such table.")
        try:
            fy = FinancialYear.parse(match["year"])
        except FinancialYearError:
            raise Http404("No such year.") from None
        if fy not in selectors.savings_years(council):
            raise Http404("No savings published for that year.")
    if table.key == "risk-summary" and not settings.publish_risk_summary:
        raise Http404("The council does not publish a risk summary.")
    rows = ROWS[table.key](council, settings, fy)
    return Dataset(council=council, table=table, name=name, rows=rows, fy=fy)


# --- writing ------------------------------------------------------------------------------------


def _csv_cell(column: Column, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column.type == "text":
        return spreadsheet_text(value)
    return str(value)


def as_csv(data: Dataset) -> str:
    """The table as CSV (UTF-8 with a byte-order mark, for Excel), a header row of the column
    names; text that a spreadsheet would run is made inert."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in data.table.columns])
    for row in data.rows:
        writer.writerow([_csv_cell(c, row[c.name]) for c in data.table.columns])
    return UTF8_BOM + out.getvalue()


def metadata(data: Dataset) -> dict:
    return {
        "publisher": data.council.name,
        "table": data.name,
        "title": data.table.title + (f", {data.fy}" if data.fy is not None else ""),
        "description": data.table.description,
        "licence": LICENCE,
        "columns": [
            {"name": c.name, "type": c.type, "meaning": c.meaning, "unit": c.unit}
            for c in data.table.columns
        ],
    }


def as_json(data: Dataset) -> str:
    """The table as JSON: its metadata (publisher, licence, the columns' dictionary) and rows.
    Money is a string of pounds with two decimals, as in the API."""
    return json.dumps({**metadata(data), "rows": data.rows}, ensure_ascii=False, indent=1)
