"""The people pages: the officers and councillors named in proposals, plans and bundles."""

from sightline.accounts.models import Person
from sightline.accounts.tests.factories import PersonFactory


def test_the_programme_office_adds_a_councillor(as_alice, council_a):
    response = as_alice.post(
        "/setup/people/new/",
        {"name": "Cllr Hazel Simmons", "job_title": "Leader", "kind": "councillor"},
    )
    person = Person.objects.get(name="Cllr Hazel Simmons")
    assert response["Location"] == f"/setup/people/{person.pk}/"
    assert person.kind == Person.Kind.COUNCILLOR and person.user is None
    listing = as_alice.get("/setup/people/").content.decode()
    assert "Councillor" in listing and "Leader" in listing


def test_a_person_needs_a_name_and_is_not_added_twice(as_alice, council_a):
    PersonFactory(council=council_a, name="Sam Officer", job_title="Head of Finance")
    page = as_alice.post("/setup/people/new/", {"kind": "officer"}).content.decode()
    assert "Enter the person&#x27;s name" in page and 'href="#id_name"' in page
    page = as_alice.post(
        "/setup/people/new/",
        {"name": "sam officer", "job_title": "head of finance", "kind": "officer"},
    ).content.decode()
    assert "already has a person called “sam officer” with this job title" in page
    assert Person.objects.filter(council=council_a, name__iexact="sam officer").count() == 1


def test_a_person_is_retired(as_alice, council_a):
    person = PersonFactory(council=council_a)
    as_alice.post(f"/setup/people/{person.pk}/retire/", {"version": "1", "reason": "Left"})
    person.refresh_from_db()
    assert person.disabled_on is not None
    assert "Left" in as_alice.get(f"/setup/people/{person.pk}/").content.decode()
