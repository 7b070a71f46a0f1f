"""`sightline generate`: realistic data, the same for the same seed, with logins to use it."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client

from sightline.accounts.models import Council, Membership
from sightline.core import scale
from sightline.core.fiscal import FinancialYear
from sightline.performance.models import Actual, Indicator
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
    plan = scale.council_plan("national", seed=1)
    assert len(plan) == 400
    assert len({name for _, name, _ in plan}) == 400
    assert sum(p.proposals >= 2000 for _, _, p in plan) == 4


def test_line_counts_add_up_exactly():
    import random

    counts = scale._line_counts(random.Random(1), 2000, 10_000)
    assert sum(counts) == 10_000 and min(counts) >= 1 and max(counts) <= 10


def test_the_command_prints_counts_and_time(db):
    out = io.StringIO()
    call_command("generate", scale="national", councils=1, stdout=out)
    text = out.getvalue()
    assert "savings.Proposal " in text
    assert "Generated national scale (seed 1):" in text and "rows in" in text


def test_the_command_refuses_to_generate_a_council_twice(db):
    call_command("generate", scale="national", councils=1, stdout=io.StringIO())
    with pytest.raises(CommandError, match="'n0001' .* already exists in this database"):
        call_command("generate", scale="national", councils=1, stdout=io.StringIO())


def test_councils_is_for_the_national_scale_only(db):
    with pytest.raises(CommandError, match="--councils applies to --scale national only"):
        call_command("generate", scale="luton", councils=3)
