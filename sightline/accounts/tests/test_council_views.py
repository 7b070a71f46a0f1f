from sightline.accounts.services import reference_save
from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory


def test_the_council_page_lists_only_the_users_council(as_vera, council_a, council_b):
    DirectorateFactory(council=council_a, name="Arden Resources")
    DirectorateFactory(council=council_b, name="Brook Resources")
    body = as_vera.get("/council/").content.decode()
    assert "Arden Resources" in body
    assert "Brook Resources" not in body


def test_a_directorate_page_shows_its_director_and_history(as_vera, alice, council_a):
    director = PersonFactory(council=council_a, name="Martin Pratt", job_title="Director")
    directorate = DirectorateFactory(council=council_a, name="Children")
    directorate.director = director
    reference_save(obj=directorate, by=alice, reason="New director appointed", expected_version=1)
    body = as_vera.get(f"/council/directorates/{directorate.pk}/").content.decode()
    assert "Martin Pratt" in body
    assert "New director appointed" in body


def test_another_councils_directorate_is_not_found(as_bob, council_a):
    directorate = DirectorateFactory(council=council_a)
    assert as_bob.get(f"/council/directorates/{directorate.pk}/").status_code == 404


def test_council_pages_need_a_login_and_refuse_post(public, as_vera, council_a):
    directorate = DirectorateFactory(council=council_a)
    assert public.get("/council/").status_code == 302
    assert public.get(f"/council/directorates/{directorate.pk}/").status_code == 302
    assert as_vera.post("/council/").status_code == 405
    assert as_vera.post(f"/council/directorates/{directorate.pk}/").status_code == 405
