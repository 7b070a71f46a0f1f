import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.core.fiscal import FinancialYear
from sightline.savings.selectors import programme_summary
from sightline.savings.tests.factories import (
    BundleFactory,
    BundleTargetFactory,
    ProgrammeYearFactory,
    ProposalFactory,
    SavingLineFactory,
)

FY13 = FinancialYear(2013)


def _programme(council, n):
    if not council.programme_years.exists():
        ProgrammeYearFactory(council=council)
    bundle = BundleFactory(council=council)
    BundleTargetFactory(bundle=bundle)
    for i in range(n):
        p = ProposalFactory(council=council, bundle=bundle if i % 2 else None)
        SavingLineFactory(proposal=p, fy=FY13)


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", ["/programme/?fy=2013/14", "/programme/tracker/?fy=2013/14"])
def test_page_queries_do_not_grow_with_the_number_of_proposals(as_alice, council_a, path):
    _programme(council_a, 3)
    small = _queries(as_alice, path)
    _programme(council_a, 30)
    assert _queries(as_alice, path) == small


def test_the_proposal_page_queries_do_not_grow_with_its_lines(as_alice, council_a):
    p = ProposalFactory(council=council_a)
    SavingLineFactory(proposal=p)
    small = _queries(as_alice, f"/programme/proposals/{p.pk}/")
    for year in range(2014, 2024):
        SavingLineFactory(proposal=p, fy=FinancialYear(year))
    assert _queries(as_alice, f"/programme/proposals/{p.pk}/") == small


def test_the_summary_excludes_withdrawn_and_rejected_and_counts_approved(alice, council_a):
    ProgrammeYearFactory(council=council_a, target_pence=500)
    kept = ProposalFactory(council=council_a, decision_status="approved")
    SavingLineFactory(proposal=kept, amount_pence=300)
    SavingLineFactory(
        proposal=ProposalFactory(council=council_a, stage="withdrawn"), amount_pence=7
    )
    SavingLineFactory(
        proposal=ProposalFactory(council=council_a, decision_status="rejected"), amount_pence=11
    )
    SavingLineFactory(proposal=ProposalFactory(council=council_a, stage="failed"), amount_pence=13)
    summary = programme_summary(membership=alice.membership, fy=FY13)
    assert summary.totals.planned == 300
    assert summary.totals.approved == 300
    assert summary.totals.failed == 13
    assert summary.totals.programming == -200
    # Not yet rated: counted at the 'not rated' weight (50%).
    assert summary.totals.risk_adjusted == 150


def test_without_targets_the_pages_open_on_the_first_year_with_savings(as_alice, council_a):
    SavingLineFactory(proposal=ProposalFactory(council=council_a), fy=FinancialYear(2021))
    assert "Tracker 2021/22" in as_alice.get("/programme/tracker/").content.decode()
