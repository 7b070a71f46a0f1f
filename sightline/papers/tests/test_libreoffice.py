"""Every paper's Word file opens in LibreOffice headless and converts to PDF: the test fails
(never skips) when LibreOffice is missing, so a machine without it cannot pass unnoticed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sightline.papers.tests.helpers import pdf_text
from sightline.papers.tests.test_papers import _papers

pytestmark = pytest.mark.django_db


def soffice_path() -> str:
    path = os.environ.get("SOFFICE_PATH") or shutil.which("soffice") or "/usr/bin/soffice"
    if not Path(path).exists():
        pytest.fail(
            "The Word papers are checked by converting them with LibreOffice headless, which is "
            "missing: apt-get install libreoffice-writer-nogui (or set SOFFICE_PATH)"
        )
    return path


def test_every_word_paper_opens_in_libreoffice_and_converts_to_pdf(demo_data, tmp_path):
    soffice = soffice_path()
    papers = _papers(demo_data)
    files = []
    for name, paper in papers.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(paper.docx())
        files.append(str(path))
    out = tmp_path / "pdf"
    done = subprocess.run(  # noqa: S603
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for name, paper in papers.items():
        converted = out / f"{name}.pdf"
        assert converted.exists(), f"LibreOffice did not convert {name}.docx: {done.stderr}"
        text = pdf_text(converted.read_bytes())
        assert paper.title.split(":")[0] in text, name
