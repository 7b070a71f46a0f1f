import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sightline.core.fiscal import FinancialYear
from sightline.savings.selectors import programme_summary, tracker_rows, tracker_totals
from sightline.savings.tests.factories import (
    BundleFactory,
    BundleTargetFactory,
    ProgrammeYearFactory,
    ProposalFactory,
    SavingLineFactory,
)

FY13 = FinancialYear(2013)


@pytest.fixture
def demo(demo_data, db, settings):
    client = Client()
    assert client.login(username="viewer", password=settings.DEMO_PASSWORD)
    return client


@pytest.mark.parametrize(
    "fy, bundles, target, words",
    [
        ("2013/14", "£20.29m", "£18.00m", "over-programmed by £2.29m"),
        ("2014/15", "£15.66m", "£18.00m", "under-programmed by £2.34m"),
        ("2015/16", "£9.90m", "£14.00m", "under-programmed by £4.10m"),
    ],
)
def test_the_demo_dashboard_shows_seed_002s_bundle_targets_against_the_council_target(
    demo, fy, bundles, target, words
):
    body = demo.get(f"/programme/?fy={fy}").content.decode()
    assert f'id="figure-bundle-targets">{bundles}<' in body
    assert f'id="figure-target">{target}<' in body
    assert words in body


def test_the_demo_has_seed_000s_chief_executive_profile(demo):
    body = demo.get("/programme/tracker/?fy=2013/14&q=CEX").content.decode()
    assert 'id="tracker-planned">£200,000<' in body
    assert "£490,000" in demo.get("/programme/tracker/?fy=2014/15&q=CEX").content.decode()


def test_totals_reconcile_between_the_dashboard_bundle_pages_and_the_tracker(demo):
    from sightline.accounts.models import Membership

    membership = Membership.objects.get(user__username="viewer")
    summary = programme_summary(membership=membership, fy=FY13)
    rows = list(tracker_rows(membership=membership, fy=FY13))
    assert tracker_totals(rows)["planned"] == summary.totals.planned
    assert tracker_totals(rows)["approved"] == summary.totals.approved
    in_bundles = sum(f.planned for _, f in summary.bundles)
    outside = sum(p.fy_amount or 0 for p in rows if p.bundle_id is None and p.stage != "withdrawn")
    assert in_bundles + outside == summary.totals.planned


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
