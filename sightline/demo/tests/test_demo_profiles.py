"""The demo's savings profiles as the documents give them: Luton Together Phase 2's appendix 4
savings in the years its text names (spread over three budget years where it says so), a year
marked assumed where it names none; savings that are savings, not income; both lead members;
what the documents do not give marked illustrative."""

import pytest
from django.db.models import Sum

from sightline.core.fiscal import FinancialYear
from sightline.demo.savings_data import APPENDIX_4, YEAR_ASSUMED
from sightline.savings.models import Bundle, DecisionEvent, Proposal, SavingKind, SavingLine

FY13, FY14, FY15 = (FinancialYear(y) for y in (2013, 2014, 2015))


@pytest.fixture
def demo(demo_data, db):
    """The demo councils, loaded once for this module."""


def _planned(fy):
    lines = SavingLine.objects.filter(proposal__council__short_code="lbc", fy=fy)
    return lines.aggregate(total=Sum("amount_pence"))["total"]


def test_planned_savings_by_year_follow_the_documents(demo):
    # Before: every appendix 4 saving in 2013/14, £21,768,000 (£21.77m on the dashboard), and
    # only the Chief Executive's Department's £490k and £160k after it.
    assert [_planned(fy) for fy in (FY13, FY14, FY15)] == [
        1_966_700_000,
        149_000_000,
        126_100_000,
    ]


def test_a_saving_over_the_next_three_budget_years_is_spread_over_them_and_says_so(demo):
    lines = Proposal.objects.get(reference="HCL 03").lines.all()
    assert [(line.fy, line.amount_pence) for line in lines] == [
        (FY13, 86_700_000),
        (FY14, 86_700_000),
        (FY15, 86_600_000),
    ]
    assert all("over the next three budget years" in line.description for line in lines)
    assert sum(line.amount_pence for line in lines) == 260_000_000


def test_a_saving_given_no_year_has_its_year_marked_assumed(demo):
    proposal = Proposal.objects.get(reference="CL 02")
    assert [(line.fy, line.description) for line in proposal.lines.all()] == [(FY13, YEAR_ASSUMED)]
    assert "no year" in proposal.notes


def test_the_dog_warden_saving_falls_in_2013_14_and_2015_16_not_2014_15(demo):
    lines = Proposal.objects.get(reference="ER 09").lines.all()
    assert [line.fy for line in lines] == [FY13, FY15]
    assert sum(line.amount_pence for line in lines) == 20_400_000


def test_licensing_and_schools_support_are_savings_not_income(demo):
    for reference in ("ER 12", "CL 04", "CL 05"):
        kinds = {line.kind for line in Proposal.objects.get(reference=reference).lines.all()}
        assert kinds == {SavingKind.REDUCTION}, reference
    assert {ln.kind for ln in Proposal.objects.get(reference="ER 11").lines.all()} == {"income"}
    assert "1 April 2013" in Proposal.objects.get(reference="ER 12").lines.get().description


def test_every_appendix_4_saving_with_an_estimate_keeps_its_total(demo):
    for reference, _title, _bundle, profile, _type, _kind in APPENDIX_4:
        lines = Proposal.objects.get(reference=reference).lines.all()
        assert len(lines) == (len(profile[0]) if profile else 0), reference


def test_the_chief_executives_lines_name_both_lead_members(demo):
    for reference in ("CEX 01", "CEX 02", "CEX 03", "CEX 04"):
        proposal = Proposal.objects.get(reference=reference)
        assert proposal.lead_member.name == "Cllr Hazel Simmons"
        assert "Cllr Simmons and Cllr Harris" in proposal.notes


def test_what_the_documents_do_not_give_is_marked_illustrative(demo):
    cex = Proposal.objects.get(reference="CEX 01")
    assert "Sponsor: the department's director, illustrative" in cex.notes
    approval = DecisionEvent.objects.get(proposal=cex, to_status="approved")
    assert "illustrative" in approval.note and "recommends" in approval.note
    bundle = Bundle.objects.get(name="Children & learning")
    assert "illustrative" in bundle.history.earliest().history_change_reason.lower()
    from sightline.finance.models import BudgetNote

    assert BudgetNote.objects.filter(text__startswith="The programme team's cost").exists()


def test_the_tower_hamlets_forms_overriding_mitigation_is_not_risk_3s(demo):
    proposal = Proposal.objects.get(reference="SAV / RES 002 / 21-22")
    risks = list(proposal.risks.all())
    assert risks[2].description.startswith("Trade Unions reject proposal")
    assert risks[2].mitigation == ""
    assert "Overriding mitigation (for all the risks" in proposal.notes
