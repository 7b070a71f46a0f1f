"""Issue 18's documents journey: the programme office opens a Chief Executive's Department
saving, downloads the Executive report on the department's budget reductions from the page,
and the PDF gives the Luton report's figures; its pages are rendered to PNG to look at."""

import shutil
import subprocess

import pytest
from django.core.management import call_command

from sightline.savings.models import Proposal
from tests.browser.conftest import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_programme_office_downloads_the_executive_report_from_a_proposal(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    sign_in(page, live_server, "programme_office", settings.DEMO_PASSWORD)
    saving = Proposal.objects.get(council__name__startswith="Luton", reference="CEX 01")
    page.goto(f"{live_server.url}/programme/proposals/{saving.pk}/")
    assert "The voluntary separation of two employees" in page.locator("h1").inner_text()
    links = page.locator("#paper-downloads")
    assert "The Executive report on Chief Executive's Department" in links.inner_text()
    screenshot("papers-proposal-downloads")
    with page.expect_download() as download_info:
        links.locator("a", has_text="PDF").nth(1).click()
    download = download_info.value
    assert download.suggested_filename == ("executive-report-chief-executives-department-2013.pdf")
    pdf = SCREENSHOTS / "papers-executive-report.pdf"
    download.save_as(str(pdf))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for figure in ("£92k", "£24.5k", "£83.5k", "£200k", "£490k", "£160k"):
        assert figure in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / "papers-executive")],
            check=True,
        )
        assert (SCREENSHOTS / "papers-executive-1.png").exists()
