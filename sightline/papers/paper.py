"""One document pipeline: a paper is a title, a header block and a list of blocks (headings,
paragraphs, lists, tables, charts), built once from the selectors, then rendered to an
accessible PDF (WeasyPrint, PDF/UA-1: tagged, with a language, a title, headings and table
headers) and to Word (python-docx: A4, the built-in Heading styles, header rows repeated).
Both renderings walk the same blocks, so they say the same thing."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string

NOT_FOR_PUBLICATION = "Not for publication"


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Para:
    text: str
    kind: str = ""  # "", "note" (smaller), "exempt" (the Not for publication marking)


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    """A table with a header row (``th scope="col"``), optionally a first column of row
    headers (``th scope="row"``) and a totals row. ``numeric`` are the right-aligned columns."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    row_headers: bool = False
    total: list[str] | None = None
    widths: list[int] | None = None  # percentages, for both renderings
    row_kinds: list[str] = field(default_factory=list)  # a class per row ("exempt", "rag-red")


@dataclass
class Figure:
    """A chart: the SVG in the PDF, and its words (the chart's own description) in both."""

    svg: str
    words: str


Block = Heading | Para | Bullets | Table | Figure


@dataclass
class Paper:
    title: str
    council: str
    filename: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # the header block
    blocks: list[Block] = field(default_factory=list)
    dated: datetime.date | None = None  # the PDF's creation date: fixed, never "now"
    landscape: bool = False
    edition: str = ""  # "Public version" or "Includes exempt information"

    def add(self, *blocks: Block) -> Paper:
        self.blocks.extend(blocks)
        return self

    # --- renderings ----------------------------------------------------------------------

    def html(self) -> str:
        return render_to_string("papers/paper.html", {"paper": self})

    def pdf(self) -> bytes:
        return html_to_pdf(self.html())

    def docx(self) -> bytes:
        return _docx(self)

    # --- the words, for comparing renderings -------------------------------------------

    def headings(self) -> list[str]:
        return [self.title, *(b.text for b in self.blocks if isinstance(b, Heading))]


def html_to_pdf(html: str) -> bytes:
    """The tagged PDF (PDF/UA-1) of ``html``. The same HTML always gives the same PDF (fixed
    dates, no identifier), so a PDF is kept in the cache by the hash of its HTML: a closed
    month's paper is laid out once, then served as made. The HTML holds only what its
    reader may see, so one reader's PDF can never reach another who may see less."""
    import hashlib

    from django.core.cache import caches
    from weasyprint import HTML

    cache = caches["papers"] if "papers" in settings.CACHES else None
    key = "papers:pdf:" + hashlib.sha256(html.encode()).hexdigest()
    if cache is not None:
        found = cache.get(key)
        if found is not None:
            return found
    content = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    if cache is not None:
        cache.set(key, content)
    return content


def _docx(paper: Paper) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    core = document.core_properties
    core.title = paper.title
    core.author = paper.council
    core.language = "en-GB"
    core.comments = ""
    moment = datetime.datetime.combine(paper.dated or datetime.date(2000, 1, 1), datetime.time())
    core.created = core.modified = moment
    core.last_modified_by = paper.council
    core.revision = 1
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(10)
    # The language of the text, for screen readers and spelling.
    rpr = styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.append(lang)

    section = document.sections[0]
    width, height = Cm(21.0), Cm(29.7)
    if paper.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5 if paper.landscape else 2.0))
    section.top_margin = section.bottom_margin = Cm(1.5)
    footer = section.footer.paragraphs[0]
    footer.text = f"{paper.council}: {paper.title}"
    footer.runs[0].font.size = Pt(8)

    document.add_heading(paper.title, level=1)
    if paper.edition:
        document.add_paragraph(paper.edition).runs[0].bold = True
    if paper.fields:
        _word_table(
            document,
            Table(caption="", headers=[], rows=[list(f) for f in paper.fields], row_headers=True),
            Pt,
            OxmlElement,
            qn,
        )
    for block in paper.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=min(block.level, 4))
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            if block.kind == "exempt":
                run.bold = True
                run.font.color.rgb = RGBColor(0xD4, 0x35, 0x1C)
            elif block.kind == "note":
                run.font.size = Pt(8)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            if block.caption:
                caption = document.add_paragraph(block.caption, style="Caption")
                caption.paragraph_format.keep_with_next = True
            _word_table(document, block, Pt, OxmlElement, qn, WD_ALIGN_PARAGRAPH)
        elif isinstance(block, Figure):
            document.add_paragraph(block.words, style="Caption")
    return docx_bytes(document, moment)


def docx_bytes(document, moment: datetime.datetime) -> bytes:
    """The Word file's bytes, the same for the same document: python-docx stamps each part of
    the zip with the time it is saved, so the parts are written again stamped ``moment`` (the
    document's own date, such as the month's closing), in the same order."""
    import zipfile

    buffer = io.BytesIO()
    document.save(buffer)
    stamped = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as saved,
        zipfile.ZipFile(stamped, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in saved.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            out.writestr(info, saved.read(item.filename))
    return stamped.getvalue()


def _word_table(document, block: Table, Pt, OxmlElement, qn, align=None) -> None:  # noqa: N803
    rows = block.rows + ([block.total] if block.total else [])
    columns = len(block.headers) or max(len(r) for r in rows)
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    if block.headers:
        cells = table.add_row().cells
        for column, (cell, text) in enumerate(zip(cells, block.headers, strict=True)):
            cell.text = text
            if text:
                cell.paragraphs[0].runs[0].bold = True
            if align is not None and column in block.numeric:
                cell.paragraphs[0].alignment = align.RIGHT
        # The header row repeats on each page, and is marked as a header for screen readers.
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = text
            paragraph = cell.paragraphs[0]
            bold = (block.row_headers and column == 0) or (block.total and index == len(rows) - 1)
            if bold and paragraph.runs:
                paragraph.runs[0].bold = True
            if align is not None and column in block.numeric:
                paragraph.alignment = align.RIGHT
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph()
