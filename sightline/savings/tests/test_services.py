import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.accounts.tests.factories import PersonFactory
from sightline.core.audit import StaleEdit
from sightline.core.fiscal import FinancialYear
from sightline.savings import services
from sightline.savings.models import Forecast, Proposal, StageChange
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    PeriodFactory,
    ProposalFactory,
    SavingLineFactory,
    SavingsTypeFactory,
    ready_for_initiation,
)

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)


@pytest.fixture
def proposal(council_a, eve):
    return ProposalFactory(council=council_a, lead_officer=eve.person)


def live(proposal):
    ready_for_initiation(proposal)
    proposal.accountant = PersonFactory(council=proposal.council, name="Accountant")
    proposal.stage = "live"
    proposal.save()
    SavingLineFactory(proposal=proposal, fy=FY13, amount_pence=10_000_000)
    return proposal


def test_an_editor_creating_a_proposal_becomes_its_lead_officer(eve, council_a, dan):
    proposal = services.proposal_create(
        by=eve,
        data={
            "reference": "SAV 1",
            "title": "Shared legal service",
            "savings_type": SavingsTypeFactory(council=council_a),
            "directorate": dan.membership.directorate,
        },
    )
    assert proposal.lead_officer == eve.person
    assert proposal.stage == "idea" and proposal.decision_status == "draft"
    assert proposal.history.filter(history_type="+", history_user=eve).count() == 1


def test_a_viewer_cannot_create_a_proposal(vera, council_a):
    with pytest.raises(PermissionDenied, match="only"):
        services.proposal_create(by=vera, data={})


def test_a_reference_is_unique_in_a_council(eve, council_a, proposal):
    with pytest.raises(ValidationError, match="already used"):
        services.proposal_create(
            by=eve,
            data={
                "reference": proposal.reference,
                "title": "Again",
                "savings_type": proposal.savings_type,
                "directorate": proposal.directorate,
            },
        )


def test_it_refuses_a_link_to_another_councils_records(alice, council_a, council_b):
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            by=alice,
            data={
                "reference": "X",
                "title": "X",
                "savings_type": SavingsTypeFactory(council=council_a),
                "directorate": ProposalFactory(council=council_b).directorate,
            },
        )
    assert "directorate" in error.value.message_dict


def test_it_refuses_initiation_without_a_sponsor_manager_code_and_finance_lead(eve, proposal):
    with pytest.raises(ValidationError) as error:
        services.proposal_advance_stage(proposal=proposal, to="initiation", by=eve)
    assert error.value.messages == [
        "This proposal cannot move to initiation: it needs a sponsor, a project manager, "
        "an indicative budget code and a finance lead."
    ]
    proposal.refresh_from_db()
    assert proposal.stage == "idea"


def test_it_moves_to_initiation_once_the_gate_passes(eve, proposal):
    ready_for_initiation(proposal)
    services.proposal_advance_stage(proposal=proposal, to="initiation", by=eve)
    proposal.refresh_from_db()
    assert proposal.stage == "initiation"
    assert StageChange.objects.get().overridden is False


def test_it_refuses_going_live_without_an_accountant_or_savings(eve, proposal):
    ready_for_initiation(proposal)
    services.proposal_advance_stage(proposal=proposal, to="initiation", by=eve)
    with pytest.raises(ValidationError, match="a named accountant and a savings profile"):
        services.proposal_advance_stage(proposal=proposal, to="live", by=eve)


def test_the_programme_office_overrides_a_gate_with_a_recorded_reason(alice, proposal):
    with pytest.raises(ValidationError, match="reason"):
        services.proposal_advance_stage(proposal=proposal, to="initiation", by=alice, override=True)
    services.proposal_advance_stage(
        proposal=proposal, to="initiation", by=alice, override=True, reason="Urgent: CLMT agreed"
    )
    change = StageChange.objects.get()
    assert change.overridden and change.reason == "Urgent: CLMT agreed"
    assert "a sponsor" in change.missing
    assert StageChange.objects.filter(proposal=proposal, overridden=True).exists()


def test_only_the_programme_office_may_override(eve, proposal):
    with pytest.raises(PermissionDenied):
        services.proposal_advance_stage(
            proposal=proposal, to="initiation", by=eve, override=True, reason="Please"
        )


def test_withdrawing_or_failing_needs_a_reason_and_a_failed_saving_shows_as_a_gap(eve, proposal):
    with pytest.raises(ValidationError, match="reason"):
        services.proposal_advance_stage(proposal=proposal, to="withdrawn", by=eve)
    live(proposal)
    services.proposal_advance_stage(
        proposal=proposal, to="failed", by=eve, reason="Contract could not be let"
    )
    proposal.refresh_from_db()
    assert proposal.stage == "failed" and proposal.stage_reason == "Contract could not be let"


def test_delivery_needs_finance_to_confirm_the_saving_left_the_budget(eve, fiona, proposal):
    live(proposal)
    with pytest.raises(ValidationError, match="finance's confirmation that the 2013/14 saving"):
        services.proposal_advance_stage(proposal=proposal, to="delivered", by=eve)
    with pytest.raises(PermissionDenied):
        services.benefit_confirm(proposal=proposal, fy=FY13, amount_pence=10_000_000, by=eve)
    services.benefit_confirm(proposal=proposal, fy=FY13, amount_pence=10_000_000, by=fiona)
    services.proposal_advance_stage(proposal=proposal, to="delivered", by=eve)
    proposal.refresh_from_db()
    assert proposal.stage == "delivered"


def test_an_editor_cannot_move_a_proposal_they_do_not_lead(council_a, eve):
    other = ProposalFactory(council=council_a)
    with pytest.raises(PermissionDenied, match="lead officer"):
        services.proposal_advance_stage(proposal=other, to="withdrawn", by=eve, reason="x")


def test_a_director_edits_only_their_own_directorate(dan, council_a):
    own = ProposalFactory(council=council_a, directorate=dan.membership.directorate)
    other = ProposalFactory(council=council_a)
    services.proposal_update(proposal=own, by=dan, data={"title": "New title"}, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=other, by=dan, data={"title": "No"}, expected_version=1)


def test_a_stale_edit_is_refused(eve, proposal):
    services.proposal_update(proposal=proposal, by=eve, data={"title": "First"}, expected_version=1)
    with pytest.raises(StaleEdit):
        services.proposal_update(
            proposal=proposal, by=eve, data={"title": "Second"}, expected_version=1
        )
    assert Proposal.objects.get(pk=proposal.pk).title == "First"


def test_finance_may_assign_the_accountant_but_not_edit_the_proposal(fiona, proposal):
    accountant = PersonFactory(council=proposal.council, name="Named accountant")
    services.proposal_update(
        proposal=proposal, by=fiona, data={"accountant": accountant}, expected_version=1
    )
    proposal.refresh_from_db()
    assert proposal.accountant == accountant
    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=proposal, by=fiona, data={"title": "x"})


def test_approval_needs_a_savings_profile(alice, proposal):
    services.proposal_record_decision(proposal=proposal, to="submitted", by=alice)
    with pytest.raises(ValidationError, match="savings profile is empty"):
        services.proposal_record_decision(
            proposal=proposal,
            to="approved",
            by=alice,
            body="executive",
            decided_on=datetime.date(2013, 3, 4),
        )
    SavingLineFactory(proposal=proposal)
    services.proposal_record_decision(
        proposal=proposal,
        to="approved",
        by=alice,
        body="executive",
        decided_on=datetime.date(2013, 3, 4),
        reference="Executive 4 March 2013, item 8",
    )
    proposal.refresh_from_db()
    assert proposal.decision_status == "approved" and proposal.decision_body == "executive"


def test_a_decision_names_its_body_and_date(alice, proposal):
    SavingLineFactory(proposal=proposal)
    services.proposal_record_decision(proposal=proposal, to="submitted", by=alice)
    with pytest.raises(ValidationError) as error:
        services.proposal_record_decision(proposal=proposal, to="approved", by=alice)
    assert set(error.value.message_dict) == {"body", "decided_on"}


def test_an_editor_cannot_approve(eve, proposal):
    SavingLineFactory(proposal=proposal)
    services.proposal_record_decision(proposal=proposal, to="submitted", by=eve)
    with pytest.raises(PermissionDenied):
        services.proposal_record_decision(
            proposal=proposal,
            to="approved",
            by=eve,
            body="executive",
            decided_on=datetime.date(2013, 1, 1),
        )


def test_an_approved_or_live_profile_cannot_be_emptied(eve, proposal):
    live(proposal)
    with pytest.raises(ValidationError, match="empty savings profile"):
        services.saving_lines_set(proposal=proposal, by=eve, lines=[])
    assert proposal.lines.count() == 1


def test_savings_on_a_budget_code_cannot_exceed_its_budget(eve, council_a, proposal):
    code = BudgetCodeFactory(council=council_a, code="CEX-1", current_budget_pence=10_000_000)
    other = ProposalFactory(council=council_a)
    SavingLineFactory(proposal=other, budget_code=code, amount_pence=6_000_000)
    with pytest.raises(ValidationError, match="Budget code CEX-1: savings of £110,000 by 2013/14"):
        services.saving_lines_set(
            proposal=proposal,
            by=eve,
            lines=[{"fy": FY13, "amount_pence": 5_000_000, "budget_code": code}],
        )
    assert proposal.lines.count() == 0
    services.saving_lines_set(
        proposal=proposal,
        by=eve,
        lines=[{"fy": FY13, "amount_pence": 4_000_000, "budget_code": code}],
    )


def test_recurring_savings_accumulate_against_the_budget(eve, council_a, proposal):
    code = BudgetCodeFactory(council=council_a, current_budget_pence=10_000_000)
    with pytest.raises(ValidationError, match="by 2014/15"):
        services.saving_lines_set(
            proposal=proposal,
            by=eve,
            lines=[
                {"fy": FY13, "amount_pence": 6_000_000, "budget_code": code},
                {"fy": FY14, "amount_pence": 6_000_000, "budget_code": code},
            ],
        )


def test_income_does_not_count_against_a_budget(eve, council_a, proposal):
    code = BudgetCodeFactory(council=council_a, current_budget_pence=100)
    services.saving_lines_set(
        proposal=proposal,
        by=eve,
        lines=[{"fy": FY13, "amount_pence": 5_000_000, "budget_code": code, "kind": "income"}],
    )
    assert proposal.lines.count() == 1


def test_forecasts_need_commentary_when_amber_or_red(eve, council_a, proposal):
    live(proposal)
    period = PeriodFactory(council=council_a, month=datetime.date(2013, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.forecast_record(
            proposal=proposal, period=period, fy=FY13, forecast_pence=5, rag="amber", by=eve
        )
    assert "commentary" in error.value.message_dict
    services.forecast_record(
        proposal=proposal,
        period=period,
        fy=FY13,
        forecast_pence=5,
        rag="amber",
        by=eve,
        commentary="Late start",
        slippage_pence=4,
        slipped_to=FY14,
    )
    assert Forecast.objects.get().slippage_pence == 4


def test_slippage_moves_to_a_later_year(eve, council_a, proposal):
    live(proposal)
    period = PeriodFactory(council=council_a, month=datetime.date(2013, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.forecast_record(
            proposal=proposal,
            period=period,
            fy=FY13,
            forecast_pence=5,
            rag="green",
            by=eve,
            slippage_pence=5,
            slipped_to=FY13,
        )
    assert "after 2013/14" in error.value.message_dict["slipped_to"][0]


def test_a_rag_change_needs_commentary(eve, council_a, proposal):
    live(proposal)
    june = PeriodFactory(council=council_a, month=datetime.date(2013, 6, 1))
    july = PeriodFactory(council=council_a, month=datetime.date(2013, 7, 1))
    services.forecast_record(
        proposal=proposal, period=june, fy=FY13, forecast_pence=5, rag="blue", by=eve
    )
    with pytest.raises(ValidationError, match="RAG changes"):
        services.forecast_record(
            proposal=proposal, period=july, fy=FY13, forecast_pence=5, rag="green", by=eve
        )


def test_a_closed_period_is_frozen(alice, eve, council_a, proposal):
    live(proposal)
    period = services.period_open(council=council_a, month=datetime.date(2013, 6, 1), by=alice)
    services.forecast_record(
        proposal=proposal, period=period, fy=FY13, forecast_pence=5, rag="green", by=eve
    )
    services.period_close(period=period, by=alice)
    with pytest.raises(ValidationError, match="closed"):
        services.forecast_record(
            proposal=proposal, period=period, fy=FY13, forecast_pence=9, rag="green", by=eve
        )
    assert Forecast.objects.get().forecast_pence == 5


def test_only_the_programme_office_opens_and_closes_periods(eve, council_a):
    with pytest.raises(PermissionDenied):
        services.period_open(council=council_a, month=datetime.date(2013, 6, 1), by=eve)


def test_finance_confirms_a_shared_budget_code(fiona, council_a):
    code = BudgetCodeFactory(council=council_a)
    for _ in range(2):
        SavingLineFactory(
            proposal=ProposalFactory(council=council_a), budget_code=code, amount_pence=100
        )
    with pytest.raises(ValidationError, match="Say why"):
        services.budget_code_review_confirm(budget_code=code, by=fiona, note="")
    services.budget_code_review_confirm(budget_code=code, by=fiona, note="Different posts")
