"""The spreadsheets the product writes: the tracker's summary recalculates in LibreOffice to
the dashboard's totals, and text that starts like a formula is inert in every CSV and XLSX
download of the demo council."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from sightline.accounts.models import Council, Membership
from sightline.core.exports import FORMULA_STARTS

XLSX_MAGIC = b"PK"
INJECTED = [
    '=HYPERLINK("http://x","y")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]


def soffice() -> str:
    path = shutil.which("soffice") or "/usr/bin/soffice"
    if not Path(path).exists():
        pytest.fail(
            "The spreadsheet recalculation test needs LibreOffice: apt-get install "
            "libreoffice-calc (soffice at /usr/bin/soffice)"
        )
    return path


def recalculated(content: bytes, tmp_path: Path) -> Path:
    """The workbook as LibreOffice saves it after loading (and so recalculating) it."""
    source = tmp_path / "in" / "tracker.xlsx"
    source.parent.mkdir()
    source.write_bytes(content)
    out = tmp_path / "out"
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    result = out / "tracker.xlsx"
    assert result.exists(), "LibreOffice did not write the recalculated workbook"
    return result


@pytest.fixture
def luton(demo_data, db):
    return Council.objects.get(name__startswith="Luton")


def _client(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


# --- the tracker's summary recalculates to the dashboard ----------------------------------------


@pytest.mark.parametrize("username", ["programme_office", "viewer"])
def test_libreoffice_recalculates_the_tracker_summary_to_the_dashboards_totals(
    luton, username, tmp_path
):
    from openpyxl import load_workbook

    from sightline.core.fiscal import FinancialYear
    from sightline.savings.selectors import programme_summary

    response = _client(username).get(reverse("reports:tracker_xlsx"))
    assert response.status_code == 200 and response.content.startswith(XLSX_MAGIC)
    # As written, the summary holds formulas, not figures.
    written = load_workbook(io.BytesIO(response.content))["Summary"]
    assert str(written["C6"].value).startswith("=SUMIFS(")
    book = load_workbook(recalculated(response.content, tmp_path), data_only=True)
    summary = book["Summary"]
    membership = Membership.objects.get(user__username=username)
    checked = 0
    for row in summary.iter_rows(min_row=6, values_only=True):
        if not row[0]:
            continue
        fy = FinancialYear.parse(row[0])
        totals = programme_summary(membership=membership, fy=fy).totals
        pounds = [Decimal(str(v or 0)).quantize(Decimal("0.01")) for v in row[2:8]]
        expected = [
            Decimal(p) / 100
            for p in (
                totals.planned,
                totals.approved,
                totals.forecast,
                totals.risk_adjusted,
                totals.delivered,
                totals.failed,
            )
        ]
        assert row[1] == totals.count, f"{fy}: count"
        assert pounds == expected, f"{fy}: {pounds} != {expected}"
        checked += totals.planned != 0
    assert checked >= 2  # the demo's programme has savings in several years


def test_the_tracker_workbook_has_a_row_per_proposal_per_year_with_pounds(luton):
    from openpyxl import load_workbook

    from sightline.reports.spreadsheets import POUNDS, ROWS_SHEET

    content = _client("programme_office").get(reverse("reports:tracker_xlsx")).content
    sheet = load_workbook(io.BytesIO(content))[ROWS_SHEET]
    header = [c.value for c in sheet[3]]
    assert header[:11] == [
        "Reference",
        "Title",
        "Bundle",
        "Directorate",
        "Service area",
        "Savings type",
        "Stage",
        "Decision",
        "RAG",
        "Year",
        "Planned (£)",
    ]
    cex01 = [r for r in sheet.iter_rows(min_row=4) if r[0].value == "CEX 01"]
    assert len(cex01) >= 1 and {r[9].value for r in cex01} >= {"2013/14"}
    first = next(r for r in cex01 if r[9].value == "2013/14")
    assert first[10].value == 92000 and first[10].number_format == POUNDS


def test_the_tracker_workbook_keeps_the_pages_filters(luton):
    from openpyxl import load_workbook

    from sightline.reports.spreadsheets import ROWS_SHEET

    client = _client("programme_office")
    content = client.get(reverse("reports:tracker_xlsx"), {"q": "CEX"}).content
    sheet = load_workbook(io.BytesIO(content))[ROWS_SHEET]
    references = {r[0].value for r in sheet.iter_rows(min_row=4) if r[0].value}
    assert references and all(ref.startswith("CEX") for ref in references)
    assert "Search: CEX" in sheet["A2"].value
    page = client.get(reverse("savings:tracker"), {"q": "CEX"}).content.decode()
    assert f"{reverse('reports:tracker_xlsx')}?q=CEX" in page


def test_a_viewer_never_gets_an_exempt_proposal_in_any_workbook(luton):
    from openpyxl import load_workbook

    from sightline.savings.models import Proposal

    exempt = Proposal.objects.filter(council=luton, exempt=True).first()
    if exempt is None:
        exempt = Proposal.objects.filter(council=luton).first()
        Proposal.objects.filter(pk=exempt.pk).update(exempt=True, exempt_paragraphs="3")
    content = _client("viewer").get(reverse("reports:tracker_xlsx")).content
    cells = {
        c.value for s in load_workbook(io.BytesIO(content)) for row in s.iter_rows() for c in row
    }
    assert exempt.reference not in cells and exempt.title not in cells
    content = _client("programme_office").get(reverse("reports:tracker_xlsx")).content
    cells = {
        c.value for s in load_workbook(io.BytesIO(content)) for row in s.iter_rows() for c in row
    }
    assert exempt.reference in cells


def test_the_indicator_and_risk_workbooks_download_from_their_pages(luton):
    from openpyxl import load_workbook

    from sightline.performance.models import Indicator
    from sightline.risks.models import Risk

    client = _client("viewer")
    assert (
        reverse("reports:indicators_xlsx")
        in client.get(reverse("performance:list")).content.decode()
    )
    assert reverse("reports:risks_xlsx") in client.get(reverse("risks:list")).content.decode()
    book = load_workbook(io.BytesIO(client.get(reverse("reports:indicators_xlsx")).content))
    codes = {r[0].value for r in book["Indicators"].iter_rows(min_row=4)}
    assert codes >= set(
        Indicator.objects.filter(council=luton, disabled_on__isnull=True).values_list(
            "code", flat=True
        )[:5]
    )
    assert book["Actuals"].max_row > 4
    book = load_workbook(io.BytesIO(client.get(reverse("reports:risks_xlsx")).content))
    numbers = {r[0].value for r in book["Risk register"].iter_rows(min_row=4)}
    assert numbers == set(
        Risk.objects.filter(council=luton, closed_on__isnull=True).values_list("number", flat=True)
    )


# --- formula injection: every download ----------------------------------------------------------


def _inject(luton) -> None:
    """Text that starts like a formula in every kind of field the downloads write."""
    from sightline.impact.models import AssessmentImpact
    from sightline.performance.models import Actual, Indicator
    from sightline.risks.models import Risk
    from sightline.savings.models import Bundle, Forecast, Proposal

    def spread(queryset, field: str) -> None:
        for n, pk in enumerate(queryset.order_by("pk").values_list("pk", flat=True)):
            queryset.model.objects.filter(pk=pk).update(**{field: INJECTED[n % len(INJECTED)]})

    spread(Proposal.objects.filter(council=luton), "title")
    spread(Bundle.objects.filter(council=luton), "name")
    spread(Forecast.objects.filter(proposal__council=luton), "commentary")
    spread(Risk.objects.filter(council=luton), "title")
    spread(Risk.objects.filter(council=luton), "controls")
    spread(Indicator.objects.filter(council=luton), "title")
    spread(Actual.objects.filter(indicator__council=luton), "commentary")
    spread(AssessmentImpact.objects.filter(assessment__proposal__council=luton), "evidence")
    spread(AssessmentImpact.objects.filter(assessment__proposal__council=luton), "mitigation")


def _download_urls(client: Client, luton) -> list[str]:
    from sightline.savings.models import Period

    urls = [
        f"{reverse('savings:tracker')}?format=csv",
        reverse("reports:tracker_xlsx"),
        reverse("reports:indicators_xlsx"),
        reverse("reports:risks_xlsx"),
        reverse("impact:cumulative_csv"),
        reverse("impact:cumulative_xlsx"),
    ]
    for period in Period.objects.filter(council=luton):
        urls.append(reverse("reports:monitoring_document", args=[period.pk, "xlsx"]))
    # Every CSV or XLSX link on the pages that offer downloads (import templates, open data).
    pages = [reverse("imports:upload")]
    try:
        from sightline.public.selectors import public_slug

        pages.append(f"/c/{public_slug(luton)}/data/")
    except ImportError:
        pass
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue
        for href in re.findall(r'href="([^"]+)"', response.content.decode()):
            href = href.replace("&amp;", "&")
            if re.search(r"(\.csv|\.xlsx|/csv/|/xlsx/)($|\?)", href):
                urls.append(href)
    return list(dict.fromkeys(urls))


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_text_that_starts_like_a_formula_is_inert_in_every_download(luton):
    from openpyxl import load_workbook

    _inject(luton)
    client = _client("programme_office")
    urls = _download_urls(client, luton)
    assert len(urls) >= 10, urls
    seen_injected = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.content.startswith(XLSX_MAGIC):
            book = load_workbook(io.BytesIO(response.content))
            for sheet in book:
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.data_type == "f":
                            # Only the product's own summary formulas, never text.
                            assert sheet.title == "Summary", (url, cell.coordinate, cell.value)
                            assert re.match(r"^=(SUMIFS|COUNTIFS)\('", cell.value), cell.value
                        elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                            assert cell.data_type == "s" and cell.quotePrefix, (
                                url,
                                cell.coordinate,
                            )
                            seen_injected += cell.value in INJECTED
        else:
            for cell in _csv_cells(response.content):
                # A negative amount is a number, not text; anything else is made inert.
                if not re.fullmatch(r"-\d+(\.\d+)?%?", cell):
                    assert not cell.startswith(FORMULA_STARTS), (url, cell)
                seen_injected += cell[1:] in INJECTED
    # The injected text reached the downloads (so the test is not passing on empty files).
    assert seen_injected >= 20, seen_injected


# --- the helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", INJECTED)
def test_the_helpers_make_formula_text_inert_and_leave_the_rest(text):
    from openpyxl import Workbook, load_workbook

    from sightline.core.exports import csv_row, xlsx_append

    assert csv_row([text, "plain", 5, None]) == ["'" + text, "plain", 5, None]
    book = Workbook()
    xlsx_append(book.active, [text, "plain", 5])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = list(load_workbook(buffer).active[1])
    assert (cells[0].value, cells[0].data_type, cells[0].quotePrefix) == (text, "s", True)
    assert (cells[1].value, cells[1].quotePrefix) == ("plain", False)
    assert (cells[2].value, cells[2].data_type) == (5, "n")


def test_the_monitoring_workbook_has_its_totals_by_year():
    from openpyxl import load_workbook

    from sightline.reports.spreadsheets import monitoring_xlsx

    row = {
        "reference": "=A1",
        "title": "+T",
        "bundle": "",
        "directorate": "D",
        "fy": "2013/14",
        "planned_pence": 10_000,
        "forecast_pence": 7_550,
        "variance_pence": -2_450,
        "rag": "amber",
        "slippage_pence": 2_450,
        "slipped_to": "2014/15",
        "commentary": "@late",
        "replacement": "",
    }
    report = {
        "rows": [row],
        "totals": {
            "2013/14": {"planned_pence": 10_000, "forecast_pence": 7_550, "slippage_pence": 2_450}
        },
    }
    sheet = load_workbook(io.BytesIO(monitoring_xlsx(title="T", report=report))).active
    assert sheet["A4"].value == "=A1" and sheet["A4"].data_type == "s"
    assert sheet["L4"].value == "@late" and sheet["L4"].quotePrefix
    book = load_workbook(io.BytesIO(monitoring_xlsx(title="T", report=report)))
    assert [c.value for c in book["Monitoring"]["A"]][3:] == ["=A1"]  # the rows only
    totals = [r for r in book["Totals"].iter_rows(values_only=True) if r[0] == "2013/14"][0]
    assert totals[1:5] == (100, 75.5, -24.5, 24.5)
