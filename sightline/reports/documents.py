"""The monthly monitoring report as a document: PDF (WeasyPrint), DOCX (python-docx, for
councils who edit reports in Word) and XLSX (openpyxl). Built from the report data only, so a
closed month's document is the same whenever it is produced."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from sightline.core.money import format_k, format_pounds

RAG_WORDS = {"blue": "Blue (delivered)", "green": "Green", "amber": "Amber", "red": "Red"}


def _title(period, council) -> str:
    return f"{council.name}: savings monitoring report, {period}"


def _status(period) -> str:
    if period.is_closed:
        closed = timezone.localtime(period.closed_at)
        return f"Closed on {closed:%-d %B %Y %H:%M}: these figures are frozen as they stood then."
    return "Open: figures may still change."


def _dated(period):
    """The document's date: a closed month's closing day (never "now"), so that its PDF is
    the same whenever it is produced; an open month's today."""
    if period.is_closed:
        return timezone.localtime(period.closed_at).date()
    return timezone.localdate()


def _css_string(text: str) -> str:
    """Text safe inside a double-quoted CSS string (the page footer)."""
    from django.utils.safestring import mark_safe

    escaped = "".join(f"\\{ord(c):x} " if c in "\"\\<>&'" or ord(c) < 32 else c for c in str(text))
    return mark_safe(escaped)  # noqa: S308 - every special character is escaped


def monitoring_lines(report: dict) -> tuple[list[dict], list[str]]:
    """The report's rows and totals as the documents print them: the same words in the PDF
    and in Word (figures in pounds, the RAG in words, the commentary with its slippage,
    replacement and gate overrides)."""
    rows = []
    for row in report["rows"]:
        commentary = [row["commentary"]] if row["commentary"] else [""]
        if row["slippage_pence"]:
            commentary.append(f"Slippage {format_k(row['slippage_pence'])} to {row['slipped_to']}.")
        if row.get("replacement"):
            commentary.append(f"Replacement: {row['replacement']}")
        commentary.extend(f"Gate overridden: {o}" for o in row.get("gate_overrides", []))
        rows.append(
            {
                "reference": row["reference"],
                "title": row["title"],
                "bundle": row["bundle"],
                "fy": row["fy"],
                "planned": format_pounds(row["planned_pence"]),
                "forecast": format_pounds(row["forecast_pence"]),
                "variance": format_pounds(row["variance_pence"]),
                "rag": row["rag"],
                "rag_words": RAG_WORDS.get(row["rag"], row["rag"]),
                "commentary": commentary,
            }
        )
    totals = [
        f"{fy}: planned {format_pounds(t['planned_pence'])}, forecast "
        f"{format_pounds(t['forecast_pence'])}, slippage {format_pounds(t['slippage_pence'])}. "
        f"Variance {format_pounds(t['forecast_pence'] - t['planned_pence'])}."
        for fy, t in report["totals"].items()
    ]
    return rows, totals


def monitoring_pdf(*, period, council, report: dict) -> bytes:
    """The report as a tagged PDF (PDF/UA-1: language, title, headings, table headers), A4
    landscape, with fixed dates so a closed month's PDF is the same whenever produced. Every
    line while they are few; past ``EVERY_SAVING_LIMIT``, the Red and Amber lines, the rest
    left to the Excel download."""
    from sightline.papers.documents.monitoring import EVERY_SAVING_LIMIT
    from sightline.papers.paper import html_to_pdf

    rows, totals = monitoring_lines(report)
    caption = "Every saving with a forecast this month"
    if len(rows) > EVERY_SAVING_LIMIT:
        # Past a few pages the list of every line is the spreadsheet's: the PDF, a document
        # to read, keeps the Red and Amber lines (a county's 660 lines were 45 pages).
        every = len(rows)
        rows = [row for row in rows if row["rag"] in ("red", "amber")]
        caption = (
            f"The Red and Amber savings: {len(rows):,} of the month's {every:,} lines. Every "
            "line is in this report's Excel download."
        )
    html = render_to_string(
        "reports/monitoring_print.html",
        {
            "period": period,
            "council": council,
            "report": report,
            "rows": rows,
            "caption": caption,
            "totals": totals,
            "status": _status(period),
            "dated": _dated(period),
            "footer": _css_string(council.name),
            "title": _title(period, council),
        },
    )
    return html_to_pdf(html)


def monitoring_docx(*, period, council, report: dict) -> bytes:
    """The same report in Word: A4 landscape, the built-in Heading styles (the navigation
    pane), the header row repeated on each page, the same columns and words as the PDF."""
    import datetime

    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from sightline.papers.paper import docx_bytes

    rows, totals = monitoring_lines(report)
    document = Document()
    core = document.core_properties
    core.title = _title(period, council)
    core.author = core.last_modified_by = council.name
    core.language = "en-GB"
    core.created = core.modified = datetime.datetime.combine(_dated(period), datetime.time())
    core.revision = 1
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.2)
    section.top_margin = section.bottom_margin = Cm(1.5)
    document.add_heading(_title(period, council), level=1)
    status = f"Financial year {report['financial_year']}. {_status(period)}"
    if report.get("hidden_exempt_rows"):
        hidden = report["hidden_exempt_rows"]
        status += f" {hidden} exempt line{'s' if hidden != 1 else ''} not shown."
    document.add_paragraph(status)
    document.add_heading("Savings", level=2)
    document.add_paragraph("Every saving with a forecast this month", style="Caption")
    headers = ["Proposal", "Bundle", "Year", "Planned", "Forecast", "Variance", "RAG", "Commentary"]
    numeric = {3, 4, 5}
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for row in rows:
        cells = table.add_row().cells
        values = [
            f"{row['reference']} {row['title']}",
            row["bundle"],
            row["fy"],
            row["planned"],
            row["forecast"],
            row["variance"],
            row["rag_words"],
            "\n".join(row["commentary"]).strip(),
        ]
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = text
            if column in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if not rows:
        table.add_row().cells[0].text = "No forecasts recorded in this month."
    for table_row in table.rows:
        for cell in table_row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    document.add_heading("Totals", level=2)
    for sentence in totals:
        document.add_paragraph(sentence)
    return docx_bytes(document, core.created)


def monitoring_xlsx(*, period, council, report: dict) -> bytes:
    """The report's rows and totals by year as a workbook, its text inert
    (``sightline.reports.spreadsheets``)."""
    from sightline.reports.spreadsheets import monitoring_xlsx as workbook

    return workbook(title=_title(period, council), report=report)
