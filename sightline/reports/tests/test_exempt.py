"""The golden-thread reports and the monitoring documents count, total and list only the
savings proposals their reader may see: an exempt proposal reaches those entitled and its own
leads, and no one else, through a list, a count or a total."""

import datetime
import io
import re

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.savings.models import Forecast, PriorityImpact
from sightline.savings.tests.factories import PeriodFactory, ProposalFactory
from sightline.strategy.tests.factories import EfficiencyProjectFactory, PriorityFactory

FY13 = FinancialYear(2013)


@pytest.fixture
def priority(council_a):
    return PriorityFactory(plan__council=council_a, title="A financially sound Council")


@pytest.fixture
def exempt(council_a, priority):
    return ProposalFactory(
        council=council_a,
        reference="SAV 901",
        title="Closure of a care home",
        priority=priority,
        exempt=True,
        exempt_paragraphs="3",
    )


def items_beneath(client, priority) -> int:
    body = client.get(f"/reports/line-of-sight/priorities/{priority.pk}/").content.decode()
    return int(re.search(r"(\d+) items? beneath it", body).group(1))


def test_the_count_beneath_a_priority_leaves_out_what_the_reader_cannot_see(
    as_vera, as_alice, council_a, priority, exempt
):
    ProposalFactory(council=council_a, priority=priority, title="Open saving")
    assert items_beneath(as_alice, priority) == 2
    assert items_beneath(as_vera, priority) == 1


def test_an_exempt_proposal_reaches_its_own_lead_through_the_line_of_sight(
    as_eve, eve, priority, exempt
):
    assert items_beneath(as_eve, priority) == 0
    exempt.lead_officer = eve.person
    exempt.save()
    assert items_beneath(as_eve, priority) == 1
    assert as_eve.get(f"/reports/line-of-sight/proposal/{exempt.pk}/").status_code == 200


def test_an_efficiency_project_lists_only_the_savings_its_reader_may_see(
    as_vera, as_alice, council_a, priority, exempt
):
    project = EfficiencyProjectFactory(
        departmental_plan__plan=priority.plan, priority=priority, title="Care review"
    )
    exempt.efficiency_projects.add(project)
    path = f"/reports/line-of-sight/priorities/{priority.pk}/"
    assert "SAV 901" in as_alice.get(path).content.decode()
    assert "SAV 901" not in as_vera.get(path).content.decode()


def test_negative_impacts_and_orphans_leave_out_an_exempt_proposal(
    as_vera, as_alice, council_a, priority, exempt
):
    PriorityImpact.objects.create(
        proposal=exempt, priority=priority, impact="negative", note="Fewer beds"
    )
    unlinked = ProposalFactory(
        council=council_a, reference="SAV 902", exempt=True, exempt_paragraphs="3"
    )
    assert unlinked.priority is None
    assert "Fewer beds" in as_alice.get("/reports/negative-impacts/").content.decode()
    assert "Fewer beds" not in as_vera.get("/reports/negative-impacts/").content.decode()
    assert "SAV 902" in as_alice.get("/reports/orphans/").content.decode()
    orphans = as_vera.get("/reports/orphans/").content.decode()
    assert "SAV 902" not in orphans and "Savings proposals (0)" in orphans


def test_the_line_of_sight_api_leaves_out_an_exempt_proposal(as_vera, as_alice, priority, exempt):
    path = f"/api/v1/priorities/{priority.pk}/line-of-sight"
    assert [p["id"] for p in as_alice.get(path).json()["savings_proposals"]] == [exempt.pk]
    assert as_vera.get(path).json()["savings_proposals"] == []


@pytest.fixture
def period(council_a, exempt):
    """An open month with an open saving's forecast of £1,000 and an exempt one's of £500."""
    period = PeriodFactory(council=council_a, month=datetime.date(2013, 6, 1), fy=FY13)
    open_saving = ProposalFactory(council=council_a, reference="SAV 100")
    for proposal, pence in ((open_saving, 100_000), (exempt, 50_000)):
        Forecast.objects.create(
            proposal=proposal,
            period=period,
            month=period.month,
            fy=FY13,
            forecast_pence=pence,
            rag="green",
        )
    return period


def test_the_monitoring_workbook_totals_only_what_a_viewer_may_see(as_vera, as_alice, period):
    from openpyxl import load_workbook

    def forecasts(client):
        response = client.get(f"/reports/monitoring/{period.pk}/report.xlsx")
        rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(
            min_row=4, values_only=True
        )
        return {row[0]: row[6] for row in rows}

    assert forecasts(as_alice) == {"SAV 100": 1000, "SAV 901": 500}
    assert forecasts(as_vera) == {"SAV 100": 1000}


def test_the_monitoring_document_states_totals_without_exempt_amounts(as_vera, as_alice, period):
    from docx import Document

    def text(client):
        response = client.get(f"/reports/monitoring/{period.pk}/report.docx")
        return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)

    assert "2013/14: planned £0, forecast £1,500, slippage £0." in text(as_alice)
    viewers = text(as_vera)
    assert "2013/14: planned £0, forecast £1,000, slippage £0." in viewers
    assert "1,500" not in viewers
