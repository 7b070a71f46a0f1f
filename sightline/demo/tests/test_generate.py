"""`sightline generate`: realistic data, the same for the same seed, with logins to use it."""

import dataclasses
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client

from sightline.accounts.models import Council, Membership
from sightline.core.fiscal import FinancialYear
from sightline.demo import scale
from sightline.performance.models import Actual, Indicator
from sightline.risks.models import Risk
from sightline.savings import selectors
from sightline.savings.models import Bundle, Forecast, Period, ProgrammeYear, Proposal, SavingLine


def _snapshot() -> dict:
    """The generated domain data without ids and stamps, to compare two runs."""

    def strip(report):
        return [{k: v for k, v in r.items() if k != "proposal_id"} for r in report["rows"]]

    return {
        "councils": sorted(Council.objects.values_list("short_code", "name")),
        "proposals": sorted(
            Proposal.objects.values_list(
                "council__short_code",
                "reference",
                "title",
                "stage",
                "decision_status",
                "exempt",
                "bundle__name",
                "directorate__name",
                "lead_officer__name",
            )
        ),
        "lines": sorted(
            SavingLine.objects.values_list(
                "proposal__reference",
                "fy",
                "amount_pence",
                "kind",
                "recurring",
                "budget_code__code",
            )
        ),
        "forecasts": sorted(
            Forecast.objects.values_list(
                "proposal__reference", "period__month", "forecast_pence", "rag", "commentary"
            )
        ),
        "reports": [strip(p.report) for p in Period.objects.filter(report__isnull=False)],
        "actuals": sorted(Actual.objects.values_list("indicator__code", "period", "value")),
        "risks": sorted(
            Risk.objects.values_list(
                "council__short_code",
                "number",
                "title",
                "initial_score",
                "residual_score",
                "owner__name",
                "priority__title",
                "review_on",
                "closed_on",
            )
        ),
    }


def _generated(**options) -> dict:
    with transaction.atomic():
        scale.generate(**options)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(db):
    first = _generated(scale="national", councils=2, seed=7)
    assert first["proposals"] and first["lines"] and first["forecasts"] and first["actuals"]
    assert first["risks"]
    assert _generated(scale="national", councils=2, seed=7) == first
    other = _generated(scale="national", councils=2, seed=8)
    assert other["lines"] != first["lines"]


def test_luton_scale_has_170_proposals_in_six_bundles_over_five_years(db):
    scale.generate(scale="luton")
    council = Council.objects.get(short_code="luton")
    assert Proposal.objects.filter(council=council).count() == 170
    assert SavingLine.objects.filter(proposal__council=council).count() == 520
    bundles = Bundle.objects.filter(council=council)
    assert (bundles.count(), bundles.filter(enabling=True).count()) == (6, 2)
    years = sorted(ProgrammeYear.objects.filter(council=council).values_list("fy", flat=True))
    assert years == [FinancialYear(y) for y in range(2024, 2029)]
    assert Indicator.objects.filter(council=council).count() == 50
    assert Risk.objects.filter(council=council).count() == 20


def test_each_generated_closed_period_has_its_report_and_history_gives_it_again(db):
    scale.generate(scale="luton")
    closed = Period.objects.filter(status="closed").order_by("month")
    assert closed.count() == 12
    for period in closed:
        assert period.report["rows"], period
        assert period.report == selectors.monitoring_report(period=period)
        assert period.report == selectors.monitoring_report(period=period, as_of=period.closed_at)


def test_generated_councils_have_logins_with_the_demo_password(db):
    scale.generate(scale="national", councils=1)
    client = Client()
    assert client.login(username="n0001_programme_office", password=settings.DEMO_PASSWORD)
    assert client.get("/programme/?fy=2026/27").status_code == 200
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {"n0001_programme_office": "programme_office", "n0001_viewer": "viewer"}


def test_national_councils_are_small_with_an_open_month(db):
    scale.generate(scale="national", councils=3)
    for council in Council.objects.all():
        assert 20 <= Proposal.objects.filter(council=council).count() <= 80
        [period] = Period.objects.filter(council=council)
        assert period.status == "open"


def test_the_county_profile_has_the_issues_sizes():
    assert (scale.COUNTY.proposals, scale.COUNTY.lines) == (2000, 10_000)
    assert (scale.COUNTY.closed_periods, scale.COUNTY.indicators) == (24, 500)
    assert scale.COUNTY.actual_months == 60
    assert (scale.COUNTY.risks, scale.NATIONAL_COUNTY.risks, scale.LUTON.risks) == (300, 300, 20)
    plan = scale.council_plan("national", seed=1)
    assert len(plan) == 400
    assert len({name for _, name, _ in plan}) == 400
    assert sum(p.proposals >= 2000 for _, _, p in plan) == 4


def _assert_a_sound_register(risks):
    for risk in risks:
        assert 1 <= risk.initial_likelihood <= 5 and 1 <= risk.initial_impact <= 5, risk
        assert risk.initial_score == risk.initial_likelihood * risk.initial_impact, risk
        assert risk.residual_likelihood <= risk.initial_likelihood, risk
        assert risk.residual_impact <= risk.initial_impact, risk
        assert risk.residual_score == risk.residual_likelihood * risk.residual_impact, risk
        assert risk.residual_score <= risk.initial_score, risk
        assert risk.controls and risk.directorate_id and risk.owner_id, risk
        if risk.closed_on:
            assert risk.closed_reason and risk.review_on is None, risk
        else:
            assert risk.review_on and not risk.closed_reason, risk


def test_the_county_register_has_300_risks_scored_likelihood_times_impact(db):
    # The county profile's register on a council otherwise the size of Luton: the same code
    # path as ``--scale county`` without its 15 s of proposals and monitoring.
    profile = dataclasses.replace(scale.LUTON, risks=scale.COUNTY.risks)
    scale.generate_council(code="county", name="County", profile=profile, seed=1, password_hash="!")
    risks = list(Risk.objects.filter(council__short_code="county").select_related("priority"))
    assert len(risks) == 300
    assert sorted(r.number for r in risks) == list(range(1, 301))
    assert len({r.title for r in risks}) == 300
    _assert_a_sound_register(risks)
    closed = sum(r.closed_on is not None for r in risks)
    linked = sum(r.priority_id is not None for r in risks)
    assert 3 <= closed <= 30 and 100 <= linked <= 200
    assert {r.priority.plan.council.short_code for r in risks if r.priority} == {"county"}


def test_national_councils_have_a_small_register(db):
    scale.generate(scale="national", councils=2)
    for council in Council.objects.all():
        risks = list(Risk.objects.filter(council=council))
        assert len(risks) == 8
        _assert_a_sound_register(risks)


def test_line_counts_add_up_exactly():
    import random

    counts = scale._line_counts(random.Random(1), 2000, 10_000)
    assert sum(counts) == 10_000 and min(counts) >= 1 and max(counts) <= 10


def test_the_command_prints_counts_and_time(db):
    out = io.StringIO()
    call_command("generate", scale="national", councils=1, stdout=out)
    text = out.getvalue()
    assert "savings.Proposal " in text
    assert "risks.Risk " in text
    assert "Generated national scale (seed 1):" in text and "rows in" in text


def test_the_command_refuses_to_generate_a_council_twice(db):
    call_command("generate", scale="national", councils=1, stdout=io.StringIO())
    with pytest.raises(CommandError, match="'n0001' .* already exists in this database"):
        call_command("generate", scale="national", councils=1, stdout=io.StringIO())


def test_councils_is_for_the_national_scale_only(db):
    with pytest.raises(CommandError, match="--councils applies to --scale national only"):
        call_command("generate", scale="luton", councils=3)
