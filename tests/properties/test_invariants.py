"""The invariants can fail: a change that breaks a rule is reported (a check that cannot fail
would let every example pass)."""

import pytest
from django.db import transaction
from django.utils import timezone

from sightline.savings.models import Proposal
from tests.access.expectations import PROGRAMME_OFFICE
from tests.properties import invariants

pytestmark = pytest.mark.django_db


def test_a_write_behind_the_services_back_is_caught(world):
    user = world.users[PROGRAMME_OFFICE]
    with transaction.atomic():
        before = invariants.Snapshot.take()
        # Another council's bundle, no title, and no history row.
        Proposal.objects.filter(pk=world.a.proposal_x.pk).update(
            bundle=world.b.bundle, title="", modified_at=timezone.now()
        )
        refused = invariants.problems(before, by=user, council_id=world.a.council.pk, saved=False)
        saved = invariants.problems(before, by=user, council_id=world.a.council.pk, saved=True)
        transaction.set_rollback(True)
    assert "a refused post changed savings.Proposal" in refused
    text = "\n".join(saved)
    assert "points at" in text and "of another council" in text
    assert "without a history row" in text
    assert "breaks its own rules" in text


def test_an_exempt_flag_changed_by_someone_who_may_not_is_caught(world):
    editor = world.users["editor_lead"]
    with transaction.atomic():
        before = invariants.Snapshot.take()
        Proposal.objects.filter(pk=world.a.proposal_x.pk).update(exempt=True, exempt_paragraphs="1")
        found = invariants.savings(before, by=editor, council_id=world.a.council.pk, changed=[])
        transaction.set_rollback(True)
    assert any("exempt flag changed" in f for f in found)
