"""Reading back what the papers produce: a PDF's text (pdftotext) and its objects (the streams
inflated, so that the structure tree can be read without a PDF library), and a DOCX's
paragraphs and tables (python-docx)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib

import pytest


def pdf_text(content: bytes) -> str:
    """The PDF's text, its whitespace folded, as poppler's pdftotext reads it."""
    if shutil.which("pdftotext") is None:
        pytest.fail(
            "pdftotext (poppler-utils) is needed to read the PDFs: apt-get install poppler-utils"
        )
    done = subprocess.run(  # noqa: S603
        ["pdftotext", "-", "-"],
        input=content,
        capture_output=True,
        check=True,  # noqa: S607
    )
    return fold(done.stdout.decode())


def pdf_pages(content: bytes) -> list[str]:
    """Each page's text, its whitespace folded (pdftotext ends each page with a form feed)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDFs")
    done = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    )
    return [fold(page) for page in done.stdout.decode().split("\f")[:-1]]


def pdf_objects(content: bytes) -> bytes:
    """The PDF's bytes with every Flate stream (the object streams included) inflated."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def docx_document(content: bytes):
    from docx import Document

    return Document(io.BytesIO(content))


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of the DOCX, in order, its whitespace folded."""
    document = docx_document(content)
    words = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            words.extend(cell.text for cell in row.cells)
    return fold(" ".join(words))


def docx_headings(content: bytes) -> list[str]:
    return [
        p.text
        for p in docx_document(content).paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Title"
    ]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
