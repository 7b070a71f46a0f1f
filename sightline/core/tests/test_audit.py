import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from sightline.accounts.models import Directorate
from sightline.accounts.services import reference_save
from sightline.accounts.tests.factories import DirectorateFactory
from sightline.core.audit import StaleEdit, save_audited
from sightline.core.history import history_for


def test_a_change_keeps_who_what_from_what_to_what_and_why(alice, council_a):
    directorate = DirectorateFactory(council=council_a, name="Resources")
    directorate.name = "Resources and Governance"
    reference_save(obj=directorate, by=alice, reason="Restructure", expected_version=1)

    event = directorate.history.latest()
    assert event.history_user == alice
    assert event.prev_record.name == "Resources" and event.name == "Resources and Governance"
    assert event.history_change_reason == "Restructure"
    [latest, *_] = history_for(directorate)
    assert latest.by == alice.get_full_name()
    assert latest.reason == "Restructure"
    assert latest.changes[0].old == "Resources"
    assert latest.changes[0].new == "Resources and Governance"


def test_the_state_at_a_past_date_can_be_read_back(alice, council_a):
    directorate = DirectorateFactory(council=council_a, name="Resources")
    before = directorate.history.latest().history_date
    directorate.name = "Corporate Resources"
    reference_save(obj=directorate, by=alice, expected_version=1)
    assert Directorate.history.as_of(before).get(pk=directorate.pk).name == "Resources"


def test_a_stale_edit_is_refused_and_nothing_is_saved(alice, council_a):
    directorate = DirectorateFactory(council=council_a, name="Resources")
    directorate.name = "First edit"
    reference_save(obj=directorate, by=alice, expected_version=1)
    stale = Directorate.objects.get(pk=directorate.pk)
    stale.name = "Second edit from an old form"
    with pytest.raises(StaleEdit, match="changed by someone else"):
        reference_save(obj=stale, by=alice, expected_version=1)
    assert Directorate.objects.get(pk=directorate.pk).name == "First edit"


def test_only_the_programme_office_changes_reference_data(eve, council_a):
    directorate = DirectorateFactory(council=council_a)
    directorate.name = "Renamed"
    with pytest.raises(PermissionDenied, match="only programme office can"):
        reference_save(obj=directorate, by=eve)
    assert directorate.history.count() == 1  # only its creation


def test_the_programme_office_cannot_change_another_councils_data(alice, council_b):
    directorate = DirectorateFactory(council=council_b)
    directorate.name = "Renamed"
    with pytest.raises(PermissionDenied):
        reference_save(obj=directorate, by=alice)


@pytest.mark.django_db(transaction=True)
def test_records_and_their_history_are_only_written_inside_a_transaction(alice, council_a):
    directorate = DirectorateFactory(council=council_a)
    directorate.name = "Renamed"
    with pytest.raises(RuntimeError):
        save_audited(directorate, by=alice, reason="Renamed")
    with transaction.atomic():
        save_audited(directorate, by=alice, reason="Renamed")
    assert directorate.history.filter(history_change_reason="Renamed").count() == 1
