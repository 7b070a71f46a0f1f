"""A proposal's page shows its history 50 changes at a time, newest first, with pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.savings.tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def retitle(proposal, times):
    for n in range(times):
        proposal.title = f"Title {n}"
        proposal.save()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_proposals_history_is_paged_fifty_changes_at_a_time(as_alice, council_a):
    proposal = ProposalFactory(council=council_a, title="Title")
    retitle(proposal, 59)  # sixty records: created, then 59 changes
    first = as_alice.get(f"/programme/proposals/{proposal.pk}/").content.decode()
    assert "Showing changes 1 to 50, newest first." in first
    assert "Title 9</li>" in first and "Title 8</li>" not in first
    assert 'href="?history=2#history" rel="next"' in first
    second = as_alice.get(f"/programme/proposals/{proposal.pk}/?history=2").content.decode()
    assert "Showing changes 51 to 60, newest first." in second
    assert "Title 8</li>" in second and "Created" in second
    assert 'href="?history=1#history" rel="prev"' in second and "Older changes" not in second


def test_a_proposals_page_takes_the_same_queries_for_5_and_60_changes(as_alice, council_a):
    proposal = ProposalFactory(council=council_a)
    retitle(proposal, 4)
    few, _ = queries(as_alice, f"/programme/proposals/{proposal.pk}/")
    retitle(proposal, 55)
    many, body = queries(as_alice, f"/programme/proposals/{proposal.pk}/")
    assert "Showing changes 1 to 50" in body
    assert many == few
