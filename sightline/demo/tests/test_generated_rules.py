"""The generator writes in bulk, not through the services (docs/adr/0003-generated-data.md):
these tests prove that what it writes passes the same rules the services apply to a record
made by a form, so the benchmarks measure data the product could have made."""

from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError

from sightline.demo import scale
from sightline.risks.models import Risk
from sightline.savings import rules
from sightline.savings.models import Forecast, Proposal, SavingLine
from sightline.savings.services.profile import budget_errors, line_errors
from sightline.savings.services.proposals import check_links


@pytest.fixture
def generated(db):
    scale.generate(scale="luton", seed=3)


def _errors(obj, **options) -> dict:
    try:
        obj.full_clean(**options)
    except ValidationError as error:
        return error.message_dict
    return {}


def test_every_generated_proposal_passes_the_proposal_services_rules(generated):
    problems = []
    for proposal in Proposal.objects.select_related(
        "savings_type", "directorate", "service_area", "bundle", "lead_officer", "sponsor"
    ):
        try:
            check_links(proposal)
        except ValidationError as error:
            problems.append((proposal.reference, error.message_dict))
        if found := _errors(proposal):
            problems.append((proposal.reference, found))
    assert problems == []


def test_every_generated_profile_passes_the_profile_rules(generated):
    lines = defaultdict(list)
    for line in SavingLine.objects.select_related("budget_code").order_by("pk"):
        lines[line.proposal_id].append(line)
    proposals = Proposal.objects.in_bulk(list(lines))
    problems = [
        (proposals[pid].reference, found)
        for pid, profile in lines.items()
        if (found := line_errors(proposals[pid], profile))
    ]
    assert problems == []
    assert budget_errors(dict(lines)) == []


def test_every_generated_forecast_passes_the_forecast_rules(generated):
    problems = []
    previous: dict = {}
    for forecast in Forecast.objects.order_by("proposal_id", "fy", "month"):
        if found := _errors(forecast, exclude=["proposal", "period"]):
            problems.append((forecast.pk, found))
        key = (forecast.proposal_id, forecast.fy)
        why = rules.commentary_required(rag=forecast.rag, previous_rag=previous.get(key))
        if why and not forecast.commentary.strip():
            problems.append((forecast.pk, why))
        if forecast.slippage_pence and forecast.slipped_to <= forecast.fy:
            problems.append((forecast.pk, "slips to an earlier year"))
        previous[key] = forecast.rag
    assert problems == []


def test_every_generated_risk_passes_the_risk_rules(generated):
    problems = [(risk.number, found) for risk in Risk.objects.all() if (found := _errors(risk))]
    assert problems == []
