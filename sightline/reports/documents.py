"""The monthly monitoring report as a document: PDF (WeasyPrint), DOCX (python-docx, for
councils who edit reports in Word) and XLSX (openpyxl). Built from the report data only, so a
closed month's document is the same whenever it is produced."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone

from sightline.core.money import format_k, format_pounds, pounds_string

RAG_WORDS = {"blue": "Blue (delivered)", "green": "Green", "amber": "Amber", "red": "Red"}


def _title(period, council) -> str:
    return f"{council.name}: savings monitoring report, {period}"


def monitoring_pdf(*, period, council, report: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/monitoring_print.html",
        {"period": period, "council": council, "report": report, "title": _title(period, council)},
    )
    return HTML(string=html).write_pdf()


def monitoring_docx(*, period, council, report: dict) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(_title(period, council), level=1)
    status = (
        f"Closed on {timezone.localtime(period.closed_at):%d %B %Y}: figures frozen."
        if period.is_closed
        else "Open: figures may still change."
    )
    document.add_paragraph(f"Financial year {report['financial_year']}. {status}")
    headers = [
        "Reference",
        "Proposal",
        "Bundle",
        "Year",
        "Planned",
        "Forecast",
        "RAG",
        "Commentary",
    ]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in report["rows"]:
        cells = table.add_row().cells
        commentary = row["commentary"]
        if row["slippage_pence"]:
            commentary += f" Slippage {format_k(row['slippage_pence'])} to {row['slipped_to']}."
        for override in row.get("gate_overrides", []):
            commentary += f" Gate overridden ({override})."
        values = [
            row["reference"],
            row["title"],
            row["bundle"],
            row["fy"],
            format_pounds(row["planned_pence"]),
            format_pounds(row["forecast_pence"]),
            RAG_WORDS.get(row["rag"], row["rag"]),
            commentary.strip(),
        ]
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_heading("Totals", level=2)
    for fy, totals in report["totals"].items():
        document.add_paragraph(
            f"{fy}: planned {format_pounds(totals['planned_pence'])}, forecast "
            f"{format_pounds(totals['forecast_pence'])}, slippage "
            f"{format_pounds(totals['slippage_pence'])}."
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def monitoring_xlsx(*, period, council, report: dict) -> bytes:
    from decimal import Decimal

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Monitoring"
    sheet.append([_title(period, council)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    headers = [
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
    ]
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in report["rows"]:
        sheet.append(
            [
                row["reference"],
                row["title"],
                row["bundle"],
                row["directorate"],
                row["fy"],
                Decimal(pounds_string(row["planned_pence"])),
                Decimal(pounds_string(row["forecast_pence"])),
                Decimal(pounds_string(row["variance_pence"])),
                RAG_WORDS.get(row["rag"], row["rag"]),
                Decimal(pounds_string(row["slippage_pence"])),
                row["slipped_to"],
                row["commentary"],
                row["replacement"],
            ]
        )
    for column in "FGHJ":
        for cell in sheet[column][3:]:
            cell.number_format = "#,##0.00;(#,##0.00)"
    widths = {"A": 16, "B": 48, "C": 28, "D": 28, "L": 60, "M": 40}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
