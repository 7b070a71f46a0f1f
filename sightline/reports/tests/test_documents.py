import io

import pytest
from django.test import Client

from sightline.savings.models import Period


@pytest.fixture
def demo(demo_data, db, settings):
    client = Client()
    client.login(username="viewer", password=settings.DEMO_PASSWORD)
    return client, Period.objects.filter(council__short_code="lbc", status="closed").last()


def test_the_closed_months_report_downloads_as_a_pdf(demo):
    client, period = demo
    response = client.get(f"/reports/monitoring/{period.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="monitoring-2014-01.pdf"' in response["Content-Disposition"]


def test_the_report_downloads_as_word_with_every_line(demo):
    from docx import Document

    client, period = demo
    response = client.get(f"/reports/monitoring/{period.pk}/report.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for row in period.report["rows"]:
        assert row["reference"] in text


def test_the_report_downloads_as_excel_with_totals_that_reconcile(demo):
    from openpyxl import load_workbook

    client, period = demo
    response = client.get(f"/reports/monitoring/{period.pk}/report.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(period.report["rows"])
    forecast = sum(r[6] for r in rows)
    expected = sum(t["forecast_pence"] for t in period.report["totals"].values())
    assert round(forecast * 100) == expected


def test_documents_need_a_login_a_known_kind_and_the_right_council(demo, public, as_bob):
    client, period = demo
    assert public.get(f"/reports/monitoring/{period.pk}/report.pdf").status_code == 302
    assert client.get(f"/reports/monitoring/{period.pk}/report.exe").status_code == 404
    assert as_bob.get(f"/reports/monitoring/{period.pk}/report.pdf").status_code == 404
    assert client.post(f"/reports/monitoring/{period.pk}/report.pdf").status_code == 405
