"""A template to fill in, for each kind of import: a line saying how to fill it in, its
columns and an example row, as CSV (UTF-8 with a byte order mark, so Excel opens it right) or
as an Excel workbook."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sightline.core.exports import csv_row, xlsx_append


@dataclass(frozen=True)
class Template:
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)  # lines above the header


def template_csv(template: Template) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerows(csv_row([note]) for note in template.notes)
    writer.writerow(csv_row(template.header))
    writer.writerows(csv_row(row) for row in template.rows)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(template: Template, *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for note in template.notes:
        xlsx_append(sheet, [note])
    xlsx_append(sheet, template.header)
    for cell in sheet[len(template.notes) + 1]:
        cell.font = Font(bold=True)
    for row in template.rows:
        xlsx_append(sheet, row)
    for index, name in enumerate(template.header, start=1):
        cells = [len(str(r[index - 1])) for r in template.rows if len(r) >= index]
        letter = sheet.cell(1, index).column_letter
        sheet.column_dimensions[letter].width = min(max([len(name), *cells]) + 2, 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
