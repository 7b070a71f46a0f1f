"""The directorates pages: the programme office adds a directorate with its director, changes
it against the version it read, and retires it; history on its page."""

from sightline.accounts.models import Directorate, Person
from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory


def test_the_programme_office_adds_a_directorate_with_its_director(as_alice, council_a):
    director = PersonFactory(council=council_a, name="Dee Director")
    response = as_alice.post(
        "/setup/directorates/new/", {"name": "Corporate Services", "director": director.pk}
    )
    directorate = Directorate.objects.get(council=council_a, name="Corporate Services")
    assert response["Location"] == f"/setup/directorates/{directorate.pk}/"
    assert directorate.director == director and directorate.created_by.username == "alice"
    page = as_alice.get(response["Location"]).content.decode()
    assert "Dee Director" in page and "Created" in page and "Change the directorate" in page
    listing = as_alice.get("/setup/directorates/").content.decode()
    assert "1 directorate" in listing and "Corporate Services" in listing


def test_a_second_directorate_of_the_same_name_is_refused_by_name(as_alice, council_a):
    DirectorateFactory(council=council_a, name="Resources")
    response = as_alice.post("/setup/directorates/new/", {"name": "resources"})
    page = response.content.decode()
    assert response.status_code == 200 and 'href="#id_name"' in page
    assert "Your council already has a directorate called “resources”" in page
    assert Directorate.objects.count() == 1


def test_only_the_councils_own_officers_are_offered_as_director(as_alice, council_a, council_b):
    PersonFactory(council=council_a, name="Councillor Kim", kind=Person.Kind.COUNCILLOR)
    stranger = PersonFactory(council=council_b, name="Brook officer")
    page = as_alice.get("/setup/directorates/new/").content.decode()
    assert "Councillor Kim" not in page and "Brook officer" not in page
    response = as_alice.post(
        "/setup/directorates/new/", {"name": "Resources", "director": stranger.pk}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Directorate.objects.exists()


def test_a_directorate_is_changed_with_a_reason_and_a_stale_change_refused(
    as_alice, alice, council_a
):
    directorate = DirectorateFactory(council=council_a, name="Resources")
    form = as_alice.get(f"/setup/directorates/{directorate.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in form and "Reason for the change" in form
    as_alice.post(
        f"/setup/directorates/{directorate.pk}/edit/",
        {"name": "Finance and Resources", "version": "1", "reason": "Merged with finance"},
    )
    directorate.refresh_from_db()
    assert (directorate.name, directorate.version) == ("Finance and Resources", 2)
    page = as_alice.get(f"/setup/directorates/{directorate.pk}/").content.decode()
    assert "Merged with finance" in page and "Resources" in page
    stale = as_alice.post(
        f"/setup/directorates/{directorate.pk}/edit/", {"name": "Overwritten", "version": "1"}
    )
    assert "changed by someone else" in stale.content.decode()
    assert Directorate.objects.get(pk=directorate.pk).name == "Finance and Resources"


def test_a_directorate_is_retired_and_brought_back_never_deleted(as_alice, council_a):
    directorate = DirectorateFactory(council=council_a, name="Housing")
    missing = as_alice.post(f"/setup/directorates/{directorate.pk}/retire/", {"version": "1"})
    assert "Say why the directorate is being retired" in missing.content.decode()
    as_alice.post(
        f"/setup/directorates/{directorate.pk}/retire/",
        {"version": "1", "reason": "Moved to an arm's length company"},
    )
    directorate.refresh_from_db()
    assert directorate.disabled_on is not None
    assert "Retired" in as_alice.get("/setup/directorates/").content.decode()
    page = as_alice.get(f"/setup/directorates/{directorate.pk}/retire/").content.decode()
    assert "Bring the directorate back into use" in page
    as_alice.post(
        f"/setup/directorates/{directorate.pk}/retire/", {"version": "2", "reason": "Back"}
    )
    directorate.refresh_from_db()
    assert directorate.disabled_on is None and directorate.version == 3
