"""Excel workbooks (openpyxl) built from the same selectors as the pages: the tracker, with a
summary of live formulas that give the dashboard's totals when Excel or LibreOffice
recalculates; the indicators with their actuals; the risk register; the monthly monitoring
report.

Every cell written from what people typed goes through ``sightline.core.exports``
(``xlsx_append``/``xlsx_set``), so text beginning ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is a plain string that no spreadsheet evaluates. The only formulas are the
summary's own, written cell by cell below."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sightline.core.exports import xlsx_append, xlsx_set
from sightline.core.fiscal import FinancialYear
from sightline.core.money import pounds_string

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POUNDS = '"£"#,##0.00;-"£"#,##0.00'
RAG_WORDS = {"blue": "Blue (delivered)", "green": "Green", "amber": "Amber", "red": "Red"}


def _pounds(pence: int | None) -> Decimal | None:
    return None if pence is None else Decimal(pounds_string(pence))


def _workbook():
    from openpyxl import Workbook

    return Workbook()


def _bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet, headers: list[str], *, row: int | None = None) -> None:
    from openpyxl.styles import Font

    xlsx_append(sheet, headers)
    for cell in sheet[sheet.max_row if row is None else row]:
        cell.font = Font(bold=True)


def _title(sheet, text: str) -> None:
    from openpyxl.styles import Font

    xlsx_set(sheet, "A1", text)
    sheet["A1"].font = Font(bold=True, size=14)


def _widths(sheet, widths: dict[str, int]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width


def _money_columns(sheet, columns: str, first_row: int) -> None:
    for column in columns:
        for cell in sheet[column][first_row - 1 :]:
            cell.number_format = POUNDS


# --- the tracker --------------------------------------------------------------------------------


@dataclass
class TrackerYearRow:
    """One proposal's figures for one financial year, as the dashboard counts them."""

    proposal: object
    fy: FinancialYear
    planned: int
    forecast: int | None
    rag: str | None
    delivered: int | None
    counted: bool  # counted in the dashboard's totals for the year
    forecast_used: int  # the forecast, or the planned saving when none is recorded
    risk_adjusted: int


def tracker_year_rows(*, membership, proposals) -> list[TrackerYearRow]:
    """A row per proposal per financial year it has a saving, forecast or delivered benefit
    in, counted as :func:`sightline.savings.selectors.summary._programme_summary` counts it
    (withdrawn and rejected proposals are left out of the totals; a failed one's saving is
    counted as failed; a year without a forecast is expected as planned)."""
    from sightline.savings import rules
    from sightline.savings.models import (
        BenefitConfirmation,
        DecisionStatus,
        Forecast,
        SavingLine,
        Stage,
    )
    from sightline.savings.selectors.summary import programme_settings

    proposals = list(proposals)
    ids = [p.pk for p in proposals]
    weights = rules.rag_weights(programme_settings(membership.council))
    planned: dict = defaultdict(int)
    years: dict[int, set] = defaultdict(set)
    for pid, fy, amount in SavingLine.objects.filter(proposal_id__in=ids).values_list(
        "proposal_id", "fy", "amount_pence"
    ):
        planned[pid, fy] += amount
        years[pid].add(fy)
    latest: dict = {}
    for pid, fy, pence, rag in (
        Forecast.objects.filter(proposal_id__in=ids)
        .order_by("month")
        .values_list("proposal_id", "fy", "forecast_pence", "rag")
    ):
        latest[pid, fy] = (pence, rag)  # the latest month wins
        years[pid].add(fy)
    delivered = {}
    for pid, fy, pence in BenefitConfirmation.objects.filter(proposal_id__in=ids).values_list(
        "proposal_id", "fy", "amount_pence"
    ):
        delivered[pid, fy] = pence
        years[pid].add(fy)
    rows = []
    for p in proposals:
        for fy in sorted(years.get(p.pk, ())):
            plan = planned.get((p.pk, fy), 0)
            forecast, rag = latest.get((p.pk, fy), (None, None))
            done = delivered.get((p.pk, fy))
            counted = (
                p.stage not in {Stage.FAILED, Stage.WITHDRAWN}
                and p.decision_status != DecisionStatus.REJECTED
                and bool(plan or done)
            )
            used = plan if forecast is None else forecast
            rows.append(
                TrackerYearRow(
                    proposal=p,
                    fy=fy,
                    planned=plan,
                    forecast=forecast,
                    rag=rag,
                    delivered=done,
                    counted=counted,
                    forecast_used=used,
                    risk_adjusted=rules.weighted(used, weights[rag]) if counted else 0,
                )
            )
    return rows


ROWS_SHEET = "Savings by year"
# The rows sheet's columns, and the letter of each one the summary's formulas read.
TRACKER_HEADERS = [
    "Reference",  # A
    "Title",  # B
    "Bundle",  # C
    "Directorate",  # D
    "Service area",  # E
    "Savings type",  # F
    "Stage",  # G
    "Decision",  # H
    "RAG",  # I
    "Year",  # J
    "Planned (£)",  # K
    "Forecast (£)",  # L
    "Delivered (£)",  # M
    "Forecast counted (£)",  # N: the forecast, or the planned saving without one
    "Risk-adjusted forecast (£)",  # O
    "Counted in the dashboard",  # P
    "Approved",  # Q
    "Exempt",  # R
]


def tracker_xlsx(*, membership, proposals, fy: FinancialYear, filters_text: str = "") -> bytes:
    """The tracker as a workbook: a Summary sheet of live formulas (COUNTIFS and SUMIFS over
    the rows sheet) giving the dashboard's totals for each year, and a sheet with a row per
    proposal per year. ``proposals``: the tracker's rows, with the page's filters."""
    from openpyxl.styles import Font

    rows = tracker_year_rows(membership=membership, proposals=proposals)
    workbook = _workbook()
    summary = workbook.active
    summary.title = "Summary"
    data = workbook.create_sheet(ROWS_SHEET)

    _title(data, f"{membership.council.name}: savings tracker by proposal and year")
    xlsx_append(data, [filters_text or "All the proposals you may see."])
    _header(data, TRACKER_HEADERS)
    first = data.max_row + 1
    for r in rows:
        p = r.proposal
        xlsx_append(
            data,
            [
                p.reference,
                p.title,
                p.bundle.name if p.bundle_id else "",
                p.directorate.name,
                p.service_area.name if p.service_area_id else "",
                p.savings_type.name,
                p.get_stage_display(),
                p.get_decision_status_display(),
                RAG_WORDS.get(r.rag, "Not rated") if r.rag else "Not rated",
                str(r.fy),
                _pounds(r.planned),
                _pounds(r.forecast),
                _pounds(r.delivered),
                _pounds(r.forecast_used),
                _pounds(r.risk_adjusted),
                "Yes" if r.counted else "No",
                "Yes" if p.decision_status == "approved" else "No",
                "Yes" if p.exempt else "No",
            ],
        )
    last = max(data.max_row, first)
    _money_columns(data, "KLMNO", first)
    _widths(data, {"A": 14, "B": 48, "C": 28, "D": 28, "E": 24, "F": 20, "J": 10})
    for column in "KLMNO":
        data.column_dimensions[column].width = 16
    data.freeze_panes = f"C{first}"

    def col(letter: str) -> str:
        return f"'{ROWS_SHEET}'!${letter}${first}:${letter}${last}"

    _title(summary, f"{membership.council.name}: savings programme by year")
    xlsx_append(
        summary,
        [
            "Live formulas over the sheet “Savings by year”: they recalculate when the rows "
            "change, and give the dashboard's totals for the same proposals."
        ],
    )
    xlsx_append(summary, [filters_text or "All the proposals you may see."])
    summary.append([])
    _header(
        summary,
        [
            "Year",
            "Savings counted",
            "Planned (£)",
            "Approved (£)",
            "Forecast (£)",
            "Risk-adjusted forecast (£)",
            "Delivered (£)",
            "Failed (£)",
        ],
    )
    years = sorted({r.fy for r in rows} | ({fy} if fy else set()))
    for year in years:
        n = summary.max_row + 1
        year_cell = f"$A{n}"
        counted = f'{col("P")},"Yes"'
        summary.append(
            [
                str(year),
                f"=COUNTIFS({col('J')},{year_cell},{counted})",
                f"=SUMIFS({col('K')},{col('J')},{year_cell},{counted})",
                f'=SUMIFS({col("K")},{col("J")},{year_cell},{counted},{col("Q")},"Yes")',
                f"=SUMIFS({col('N')},{col('J')},{year_cell},{counted})",
                f"=SUMIFS({col('O')},{col('J')},{year_cell},{counted})",
                f"=SUMIFS({col('M')},{col('J')},{year_cell},{counted})",
                f'=SUMIFS({col("K")},{col("J")},{year_cell},{col("G")},"Failed")',
            ]
        )
        summary[f"A{n}"].data_type = "s"
        if year == fy:
            for cell in summary[n]:
                cell.font = Font(bold=True)
    _money_columns(summary, "CDEFGH", 6)
    _widths(summary, {"A": 12, "B": 16, "C": 18, "D": 18, "E": 18, "F": 24, "G": 18, "H": 16})
    return _bytes(workbook)


# --- indicators ---------------------------------------------------------------------------------


def indicators_xlsx(*, membership, table_rows) -> bytes:
    """The indicators with every visible period's target and actual. ``table_rows``: the
    indicator list's rows (``performance.selectors.indicator_rows``), so drafts appear only
    for those who see them on the page."""
    workbook = _workbook()
    sheet = workbook.active
    sheet.title = "Indicators"
    _title(sheet, f"{membership.council.name}: performance indicators")
    sheet.append([])
    _header(
        sheet,
        ["Code", "Indicator", "Unit", "Polarity", "Frequency", "Owner", "Latest", "RAG"],
    )
    actuals = workbook.create_sheet("Actuals")
    _title(actuals, f"{membership.council.name}: indicators' targets and actuals")
    actuals.append([])
    _header(
        actuals,
        ["Code", "Indicator", "Period", "Target", "Actual", "Status", "RAG", "Commentary"],
    )
    for row in table_rows:
        indicator = row.indicator
        xlsx_append(
            sheet,
            [
                indicator.code,
                indicator.title,
                indicator.get_unit_display(),
                indicator.get_polarity_display(),
                indicator.get_frequency_display(),
                str(indicator.owner) if indicator.owner_id else "",
                row.latest.label if row.latest else "",
                RAG_WORDS.get(row.rag, row.rag or "Not rated"),
            ],
        )
        for period in row.rows:
            actual = period.actual
            xlsx_append(
                actuals,
                [
                    indicator.code,
                    indicator.title,
                    period.label,
                    period.target,
                    actual.value if actual else None,
                    actual.get_status_display() if actual else "",
                    RAG_WORDS.get(period.rag, period.rag or "") if actual else "",
                    actual.commentary if actual else "",
                ],
            )
    _widths(sheet, {"A": 14, "B": 60, "F": 28, "G": 14})
    _widths(actuals, {"A": 14, "B": 60, "C": 16, "H": 60})
    sheet.freeze_panes = "A4"
    actuals.freeze_panes = "A4"
    return _bytes(workbook)


# --- the risk register --------------------------------------------------------------------------


def risks_xlsx(*, membership, risks) -> bytes:
    """The risk register: each risk with its scores, appetite, controls and actions."""
    workbook = _workbook()
    sheet = workbook.active
    sheet.title = "Risk register"
    _title(sheet, f"{membership.council.name}: risk register")
    sheet.append([])
    _header(
        sheet,
        [
            "Number",
            "Risk",
            "Description",
            "Directorate",
            "Owner",
            "Priority",
            "Initial likelihood",
            "Initial impact",
            "Initial score",
            "Controls",
            "Residual likelihood",
            "Residual impact",
            "Residual score",
            "Target score",
            "Appetite",
            "Above appetite",
            "Further actions",
            "Next review",
            "Closed",
        ],
    )
    for risk in risks:
        above = risk.above_appetite
        xlsx_append(
            sheet,
            [
                risk.number,
                risk.title,
                risk.description,
                risk.directorate.name if risk.directorate_id else "Corporate",
                str(risk.owner) if risk.owner_id else "",
                str(risk.priority) if risk.priority_id else "",
                risk.initial_likelihood,
                risk.initial_impact,
                risk.initial_score,
                risk.controls,
                risk.residual_likelihood,
                risk.residual_impact,
                risk.residual_score,
                risk.target_score,
                risk.appetite_score,
                "" if above is None else ("Yes" if above else "No"),
                risk.further_actions,
                risk.review_on,
                risk.closed_on,
            ],
        )
    for column in "RS":
        for cell in sheet[column][3:]:
            cell.number_format = "d mmmm yyyy"
    _widths(sheet, {"B": 40, "C": 50, "D": 28, "E": 24, "J": 50, "Q": 50, "R": 16, "S": 16})
    sheet.freeze_panes = "C4"
    return _bytes(workbook)


# --- the monthly monitoring report --------------------------------------------------------------


def monitoring_xlsx(*, title: str, report: dict) -> bytes:
    """The monitoring report's rows with the totals by year (as the PDF and Word versions
    have them), text inert."""
    workbook = _workbook()
    sheet = workbook.active
    sheet.title = "Monitoring"
    _title(sheet, title)
    sheet.append([])
    _header(
        sheet,
        [
            "Reference",
            "Proposal",
            "Bundle",
            "Directorate",
            "Year",
            "Planned (£)",
            "Forecast (£)",
            "Variance (£)",
            "RAG",
            "Slippage (£)",
            "Slipped to",
            "Commentary",
            "Replacement",
        ],
    )
    for row in report["rows"]:
        xlsx_append(
            sheet,
            [
                row["reference"],
                row["title"],
                row["bundle"],
                row["directorate"],
                str(row["fy"]),
                _pounds(row["planned_pence"]),
                _pounds(row["forecast_pence"]),
                _pounds(row["variance_pence"]),
                RAG_WORDS.get(row["rag"], row["rag"]),
                _pounds(row["slippage_pence"]),
                str(row["slipped_to"] or ""),
                row["commentary"],
                row["replacement"],
            ],
        )
    _money_columns(sheet, "FGHJ", 4)
    # The totals by year on a sheet of their own, so the rows sheet holds only rows.
    totals_sheet = workbook.create_sheet("Totals")
    _title(totals_sheet, title)
    totals_sheet.append([])
    _header(totals_sheet, ["Year", "Planned (£)", "Forecast (£)", "Variance (£)", "Slippage (£)"])
    for fy, totals in report["totals"].items():
        planned, forecast = totals["planned_pence"], totals["forecast_pence"]
        xlsx_append(
            totals_sheet,
            [
                str(fy),
                _pounds(planned),
                _pounds(forecast),
                _pounds(forecast - planned),
                _pounds(totals["slippage_pence"]),
            ],
        )
    _money_columns(totals_sheet, "BCDE", 4)
    _widths(totals_sheet, {"A": 12, "B": 18, "C": 18, "D": 18, "E": 18})
    _widths(sheet, {"A": 16, "B": 48, "C": 28, "D": 28, "L": 60, "M": 40})
    sheet.freeze_panes = "A4"
    return _bytes(workbook)
