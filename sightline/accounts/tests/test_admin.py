from sightline.accounts.tests.factories import DirectorateFactory


def test_the_programme_office_keeps_only_its_own_councils_reference_data(
    as_alice, alice, council_a, council_b
):
    alice.is_staff = True
    alice.save()
    DirectorateFactory(council=council_a, name="Arden Place")
    DirectorateFactory(council=council_b, name="Brook Place")
    body = as_alice.get("/admin/accounts/directorate/").content.decode()
    assert "Arden Place" in body
    assert "Brook Place" not in body


def test_an_admin_edit_is_audited_with_a_version(as_alice, alice, council_a):
    alice.is_staff = True
    alice.save()
    directorate = DirectorateFactory(council=council_a, name="Old name")
    response = as_alice.post(
        f"/admin/accounts/directorate/{directorate.pk}/change/",
        {"name": "New name", "council": council_a.pk, "director": "", "disabled_on": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    directorate.refresh_from_db()
    assert directorate.name == "New name"
    assert directorate.version == 2
    assert directorate.history.latest().history_user == alice


def test_reference_data_is_never_deleted(as_alice, alice, council_a):
    alice.is_staff = True
    alice.save()
    directorate = DirectorateFactory(council=council_a)
    response = as_alice.get(f"/admin/accounts/directorate/{directorate.pk}/delete/")
    assert response.status_code == 403


def test_other_roles_have_no_admin(as_eve, eve):
    eve.is_staff = True
    eve.save()
    assert as_eve.get("/admin/accounts/directorate/").status_code == 403
