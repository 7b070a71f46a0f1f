"""The service areas pages: a service area within one of the council's directorates."""

from sightline.accounts.models import ServiceArea
from sightline.accounts.tests.factories import DirectorateFactory, ServiceAreaFactory


def test_the_programme_office_adds_a_service_area_within_a_directorate(as_alice, council_a):
    directorate = DirectorateFactory(council=council_a, name="Resources")
    response = as_alice.post(
        "/setup/service-areas/new/", {"directorate": directorate.pk, "name": "Revenues"}
    )
    area = ServiceArea.objects.get(name="Revenues")
    assert response["Location"] == f"/setup/service-areas/{area.pk}/"
    assert area.directorate == directorate
    assert "Resources" in as_alice.get("/setup/service-areas/").content.decode()


def test_a_service_area_needs_a_directorate_of_the_council_and_a_name_unique_in_it(
    as_alice, council_a, council_b
):
    ours = DirectorateFactory(council=council_a, name="Resources")
    ServiceAreaFactory(directorate=ours, name="Revenues")
    theirs = DirectorateFactory(council=council_b)
    page = as_alice.post("/setup/service-areas/new/", {"name": "Payroll"}).content.decode()
    assert "Choose the directorate the service area is in" in page
    page = as_alice.post(
        "/setup/service-areas/new/", {"directorate": theirs.pk, "name": "Payroll"}
    ).content.decode()
    assert "Select a valid choice" in page
    page = as_alice.post(
        "/setup/service-areas/new/", {"directorate": ours.pk, "name": "revenues"}
    ).content.decode()
    assert "Resources already has a service area called “revenues”" in page
    assert ServiceArea.objects.count() == 1


def test_a_service_area_is_moved_and_retired(as_alice, council_a):
    area = ServiceAreaFactory(directorate=DirectorateFactory(council=council_a))
    other = DirectorateFactory(council=council_a, name="Place")
    as_alice.post(
        f"/setup/service-areas/{area.pk}/edit/",
        {"directorate": other.pk, "name": area.name, "version": "1"},
    )
    as_alice.post(f"/setup/service-areas/{area.pk}/retire/", {"version": "2", "reason": "Gone"})
    area.refresh_from_db()
    assert area.directorate == other and area.disabled_on is not None
