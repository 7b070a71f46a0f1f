"""The demo council's dashboard: Luton's figures exactly, and the pages reconciling."""

import pytest
from django.test import Client

from sightline.core.fiscal import FinancialYear
from sightline.savings.selectors import programme_summary, tracker_rows, tracker_totals

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
