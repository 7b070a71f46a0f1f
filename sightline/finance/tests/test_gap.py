"""The gap against the programme: the dashboard's figures, counted as each savings type's
rule allows; approving, failing or slipping a saving moves what remains; a closed year's
unachieved savings come into the next year's gap."""

import datetime
from decimal import Decimal

import pytest

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.finance import selectors, services
from sightline.finance.models import Category, Scenario
from sightline.savings import services as savings_services
from sightline.savings.models import DecisionStatus, Stage
from sightline.savings.selectors import programme_summary
from sightline.savings.tests.factories import (
    PeriodFactory,
    ProgrammeYearFactory,
    ProposalFactory,
    SavingLineFactory,
    SavingsTypeFactory,
)

FY13, FY14, FY15 = (FinancialYear(y) for y in (2013, 2014, 2015))
M = 100_000_000


@pytest.fixture
def plan(plan, council_a):
    """The conftest's plan, with the programme's target of £10m a year."""
    for fy in (FY13, FY14, FY15):
        ProgrammeYearFactory(council=council_a, fy=fy, target_pence=10 * M)
    return plan


@pytest.fixture
def office(alice):
    return Membership.objects.get(user=alice)


def _saving(council, amount, fy=FY13, *, stage=Stage.LIVE, savings_type=None, **fields):
    proposal = ProposalFactory(
        council=council,
        stage=stage,
        savings_type=savings_type or SavingsTypeFactory(council=council),
        **fields,
    )
    SavingLineFactory(proposal=proposal, fy=fy, amount_pence=amount)
    return proposal


def _years(membership):
    plan = selectors.plan_get(membership=membership)
    base = selectors.scenario_base(membership=membership)
    return {y.fy: y for y in selectors.gap(membership=membership, plan=plan, scenario=base).years}


def test_the_gap_reads_the_programme_as_the_dashboard_shows_it(council_a, plan, office):
    _saving(council_a, 6 * M, decision_status=DecisionStatus.APPROVED)
    _saving(council_a, 2 * M)
    years = _years(office)
    summary = programme_summary(membership=office, fy=FY13)
    assert years[FY13].programme.dashboard == {
        "planned": summary.totals.planned,
        "approved": summary.totals.approved,
        "risk_adjusted": summary.totals.risk_adjusted,
        "delivered": summary.totals.delivered,
    }
    assert years[FY13].required == 10 * M
    assert years[FY13].remaining["planned"] == 2 * M
    assert years[FY13].remaining["approved"] == 4 * M
    # No forecast yet: expected as planned, weighted as unrated (50%).
    assert years[FY13].remaining["risk_adjusted"] == 6 * M


def test_changing_an_assumption_moves_the_gap(council_a, plan, office, fiona):
    base = Scenario.objects.get(council=council_a, is_base=True)
    services.assumption_set(
        scenario=base, category=Category.RSG, fy=FY14, by=fiona, amount_pence=88 * M
    )
    years = _years(office)
    assert years[FY14].required == 12 * M
    # 2015/16 starts from the lower funding of 2014/15: its own gap narrows by as much.
    assert years[FY15].required == 8 * M


def test_approving_a_saving_moves_the_gap_after_approved_savings(council_a, plan, office, alice):
    proposal = _saving(council_a, 3 * M, decision_status=DecisionStatus.SUBMITTED)
    assert _years(office)[FY13].remaining["approved"] == 10 * M
    savings_services.proposal_record_decision(
        proposal=proposal,
        to=DecisionStatus.APPROVED,
        by=alice,
        body="executive",
        decided_on=datetime.date(2013, 3, 4),
    )
    assert _years(office)[FY13].remaining["approved"] == 7 * M


def test_a_failed_saving_leaves_the_gap_and_once_the_year_closes_comes_back_next_year(
    council_a, plan, office, alice
):
    proposal = _saving(council_a, 4 * M)
    before = _years(office)
    assert before[FY13].remaining["planned"] == 6 * M
    savings_services.proposal_advance_stage(
        proposal=proposal, to=Stage.FAILED, by=alice, reason="Consultation rejected it"
    )
    after = _years(office)
    assert after[FY13].remaining["planned"] == 10 * M
    assert after[FY14].to_find == 10 * M  # 2013/14 is still open
    services.year_close(council=council_a, fy=FY13, by=alice)
    closed = _years(office)
    assert closed[FY14].brought_forward == 4 * M
    assert closed[FY14].to_find == 14 * M
    assert closed[FY14].remaining["planned"] == 14 * M


def test_a_saving_not_delivered_in_a_closed_year_is_carried_but_what_was_delivered_is_not(
    council_a, plan, office, alice, fiona
):
    proposal = _saving(council_a, 5 * M)
    savings_services.benefit_confirm(proposal=proposal, fy=FY13, amount_pence=3 * M, by=fiona)
    services.year_close(council=council_a, fy=FY13, by=alice)
    years = _years(office)
    assert years[FY13].headline_measure == "delivered"
    assert years[FY13].headline == 7 * M
    assert years[FY14].brought_forward == 2 * M


def test_slipping_a_saving_moves_the_risk_adjusted_gap(council_a, plan, office, alice):
    proposal = _saving(council_a, 4 * M)
    period = PeriodFactory(council=council_a, month=datetime.date(2013, 9, 1))
    savings_services.forecast_record(
        proposal=proposal,
        period=period,
        fy=FY13,
        forecast_pence=4 * M,
        rag="green",
        by=alice,
    )
    assert _years(office)[FY13].remaining["risk_adjusted"] == 6 * M
    savings_services.forecast_record(
        proposal=proposal,
        period=period,
        fy=FY13,
        forecast_pence=M,
        rag="green",
        commentary="Three quarters slips to next year",
        slippage_pence=3 * M,
        slipped_to=FY14,
        by=alice,
        expected_version=proposal.forecasts.get().version,
    )
    assert _years(office)[FY13].remaining["risk_adjusted"] == 9 * M


def test_moving_a_saving_to_a_later_year_moves_both_years_gaps(council_a, plan, office, alice):
    proposal = _saving(council_a, 4 * M)
    savings_services.saving_lines_set(
        proposal=proposal,
        by=alice,
        lines=[{"fy": FY14, "amount_pence": 4 * M}],
        expected_version=proposal.version,
    )
    years = _years(office)
    assert (years[FY13].remaining["planned"], years[FY14].remaining["planned"]) == (
        10 * M,
        6 * M,
    )


def test_a_type_that_does_not_count_toward_the_gap_counts_for_nothing(council_a, plan, office):
    avoided = SavingsTypeFactory(council=council_a, name="Cost avoidance", counts_toward_gap=False)
    _saving(council_a, 3 * M, savings_type=avoided)
    _saving(council_a, 2 * M)
    year = _years(office)[FY13]
    assert year.programme.dashboard["planned"] == 5 * M
    assert year.programme.not_counting["planned"] == 3 * M
    assert year.counted["planned"] == 2 * M
    assert year.remaining["planned"] == 8 * M


def test_one_off_savings_do_not_close_a_recurring_gap(council_a, plan, office):
    one_off_type = SavingsTypeFactory(council=council_a, name="One-off", recurring=False)
    _saving(council_a, 2 * M, savings_type=one_off_type)
    mixed = _saving(council_a, 3 * M)
    SavingLineFactory(proposal=mixed, fy=FY13, amount_pence=M, recurring=False)
    year = _years(office)[FY13]
    assert year.programme.dashboard["planned"] == 6 * M
    assert year.programme.one_off["planned"] == 3 * M
    assert year.counted["planned"] == 3 * M
    # The one-off line is a quarter of the mixed proposal's saving: so is its forecast's.
    assert year.programme.one_off["risk_adjusted"] == M + M // 2


def test_a_one_off_saving_that_fails_is_not_carried(council_a, plan, office, alice):
    one_off_type = SavingsTypeFactory(council=council_a, name="One-off", recurring=False)
    proposal = _saving(council_a, 2 * M, savings_type=one_off_type)
    savings_services.proposal_advance_stage(
        proposal=proposal, to=Stage.FAILED, by=alice, reason="Did not happen"
    )
    services.year_close(council=council_a, fy=FY13, by=alice)
    assert _years(office)[FY14].brought_forward == 0


def test_a_viewer_counts_only_the_savings_they_may_see(council_a, plan, office, vera):
    _saving(council_a, 2 * M)
    _saving(council_a, 3 * M, exempt=True, exempt_paragraphs="1")
    viewer = Membership.objects.get(user=vera)
    assert _years(office)[FY13].counted["planned"] == 5 * M
    assert _years(viewer)[FY13].counted["planned"] == 2 * M


def test_scenarios_compare_side_by_side_on_one_programme(council_a, plan, office, fiona):
    base = Scenario.objects.get(council=council_a, is_base=True)
    services.scenario_copy(source=base, name="Pessimistic", by=fiona)
    pessimistic = Scenario.objects.get(name="Pessimistic")
    services.assumption_set(
        scenario=pessimistic, category=Category.PAY, fy=FY15, by=fiona, amount_pence=7 * M
    )
    _saving(council_a, 4 * M, fy=FY15)
    compared = {c.scenario.name: c for c in selectors.compare(membership=office, plan=plan)}
    assert compared["Base"].totals["required"] == 30 * M
    assert compared["Pessimistic"].totals["required"] == 32 * M
    assert compared["Pessimistic"].years[2].remaining["planned"] == 8 * M


def test_the_sensitivity_table_gives_each_change_and_what_one_per_cent_moves(
    council_a, plan, office
):
    base = Scenario.objects.get(council=council_a, is_base=True)
    rows = selectors.sensitivity(
        table=selectors.assumptions(scenario=base, years=[FY13, FY14, FY15])
    )
    rsg = next(r for r in rows if r.category == Category.RSG)
    assert [c.change for c in rsg.cells] == [None, -5 * M, -5 * M]
    assert rsg.cells[1].change_percent == Decimal("-5.3")
    assert rsg.cells[0].one_percent == -95 * M // 100  # more funding closes the gap
    pay = next(r for r in rows if r.category == Category.PAY)
    assert pay.cells[0].one_percent == 5 * M // 100
    row, cell = selectors.largest_change(rows)
    assert (row.category, cell.fy) == (Category.RSG, FY14)


def test_the_gap_counts_every_saving_as_the_dashboard_does_year_by_year(
    council_a, plan, office, vera, alice, fiona
):
    """Forecast, failed, withdrawn, rejected, one-off, not counting, and confirmed in a year
    with no line of its own: each year's figures are the dashboard's, read for all the years
    at once, for a member who sees everything and for one who does not."""
    period = PeriodFactory(council=council_a, month=datetime.date(2013, 9, 1))
    forecast = _saving(council_a, 6 * M, decision_status=DecisionStatus.APPROVED)
    savings_services.forecast_record(
        proposal=forecast,
        period=period,
        fy=FY13,
        forecast_pence=5 * M,
        rag="amber",
        commentary="Staff consultation runs late",
        by=alice,
    )
    mixed = _saving(council_a, 3 * M)
    SavingLineFactory(proposal=mixed, fy=FY14, amount_pence=2 * M)
    SavingLineFactory(proposal=mixed, fy=FY14, amount_pence=M, recurring=False)
    _saving(council_a, 4 * M, stage=Stage.FAILED)
    _saving(council_a, M, FY14, stage=Stage.WITHDRAWN)
    _saving(council_a, 2 * M, FY15, decision_status=DecisionStatus.REJECTED)
    avoided = SavingsTypeFactory(council=council_a, name="Cost avoidance", counts_toward_gap=False)
    _saving(council_a, 3 * M, FY15, savings_type=avoided)
    _saving(council_a, 7 * M, FY15, exempt=True, exempt_paragraphs="1")
    # Confirmed in 2015/16, a year in which it plans nothing.
    savings_services.benefit_confirm(
        proposal=mixed, fy=FY15, amount_pence=M, by=fiona, over_planned=True
    )
    for membership in (office, Membership.objects.get(user=vera)):
        years = _years(membership)
        for fy in (FY13, FY14, FY15):
            summary = programme_summary(membership=membership, fy=fy)
            assert years[fy].programme.target == summary.council_target == 10 * M
            assert years[fy].programme.dashboard == {
                "planned": summary.totals.planned,
                "approved": summary.totals.approved,
                "risk_adjusted": summary.totals.risk_adjusted,
                "delivered": summary.totals.delivered,
            }
    years = _years(office)
    assert years[FY13].programme.unachieved == 4 * M + 6 * M + 3 * M  # failed, undelivered
    assert years[FY14].programme.one_off["planned"] == M
    assert years[FY15].programme.dashboard["delivered"] == M
    assert years[FY15].counted["delivered"] == M
    assert years[FY15].programme.dashboard["planned"] == 10 * M  # not the rejected saving
    assert _years(Membership.objects.get(user=vera))[FY15].programme.dashboard["planned"] == 3 * M
