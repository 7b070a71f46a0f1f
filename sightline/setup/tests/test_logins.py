"""The logins pages: the programme office lists the council's logins, invites someone by
e-mail, changes a login's role, deactivates one and sends an invitation again; nobody else
reads them, and another council's login is a 404."""

from django.core import mail
from django.utils.html import escape

from sightline.accounts.models import Membership, Role
from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory, member

FORM = '<form method="post" novalidate>'


def test_the_programme_office_lists_logins_with_role_directorate_and_status(
    as_alice, dan, vera, council_a, council_b
):
    member(council_b, Role.VIEWER, username="brook_viewer")
    vera.is_active = False
    vera.save()
    page = as_alice.get("/setup/logins/").content.decode()
    assert "Director" in page and str(dan.membership.directorate) in page
    assert "Deactivated" in page and "brook_viewer" not in page and "3 logins" in page


def test_the_programme_office_invites_someone_by_email(as_alice, council_a, settings):
    settings.SITE_URL = "https://sightline.arden.gov.uk"
    person = PersonFactory(council=council_a, name="Nadia Khan")
    response = as_alice.post(
        "/setup/logins/new/",
        {
            "first_name": "Nadia",
            "last_name": "Khan",
            "email": "nadia@arden.gov.uk",
            "role": "editor",
            "person": person.pk,
        },
    )
    login = Membership.objects.get(user__username="nadia@arden.gov.uk")
    assert response["Location"] == f"/setup/logins/{login.pk}/"
    assert login.role == Role.EDITOR and login.user.person == person
    [sent] = mail.outbox
    assert sent.to == ["nadia@arden.gov.uk"]
    assert "https://sightline.arden.gov.uk/password-reset/" in sent.body
    page = as_alice.get(response["Location"]).content.decode()
    assert "Invited" in page and "They have not set a password yet." in page


def test_an_invitation_names_each_missing_field(as_alice):
    page = as_alice.post("/setup/logins/new/", {"role": "director"}).content.decode()
    for message in (
        "Enter their first name",
        "Enter their e-mail address",
        "Choose the directorate a director directs",
    ):
        assert message in page
    assert 'href="#id_email"' in page and not mail.outbox


def test_a_logins_role_is_changed_against_the_version_read(as_alice, vera, council_a):
    directorate = DirectorateFactory(council=council_a)
    login = vera.membership
    as_alice.post(
        f"/setup/logins/{login.pk}/edit/",
        {"role": "director", "directorate": directorate.pk, "version": "1", "reason": "Promoted"},
    )
    login.refresh_from_db()
    assert (login.role, login.directorate, login.version) == ("director", directorate, 2)
    stale = as_alice.post(f"/setup/logins/{login.pk}/edit/", {"role": "viewer", "version": "1"})
    assert "changed by someone else" in stale.content.decode()
    assert "Promoted" in as_alice.get(f"/setup/logins/{login.pk}/").content.decode()


def test_a_login_is_deactivated_reactivated_and_invited_again(as_alice, vera):
    login = vera.membership
    as_alice.post(f"/setup/logins/{login.pk}/deactivate/", {"version": "1", "reason": "Left"})
    vera.refresh_from_db()
    assert not vera.is_active
    as_alice.post(f"/setup/logins/{login.pk}/deactivate/", {"version": "2", "reason": "Back"})
    vera.refresh_from_db()
    assert vera.is_active
    response = as_alice.post(f"/setup/logins/{login.pk}/invite/")
    assert response.status_code == 302 and mail.outbox[0].to == [vera.email]


def test_the_programme_office_cannot_deactivate_its_own_login(as_alice, alice):
    response = as_alice.get(f"/setup/logins/{alice.membership.pk}/deactivate/")
    assert response.status_code == 403
    assert "You cannot deactivate your own login" in response.content.decode()


def test_nobody_else_reads_or_keeps_logins(as_vera, vera, alice):
    login = alice.membership
    words = escape("You cannot give or change logins: only the programme office can")
    for path in ("", "new/", f"{login.pk}/", f"{login.pk}/edit/", f"{login.pk}/deactivate/"):
        response = as_vera.get(f"/setup/logins/{path}")
        body = response.content.decode()
        assert response.status_code == 403 and words in body and FORM not in body
    assert as_vera.post(f"/setup/logins/{login.pk}/invite/").status_code == 403
    assert not mail.outbox


def test_another_councils_login_is_a_404_and_signed_out_is_sent_to_sign_in(as_bob, public, alice):
    login = alice.membership
    for path in (f"{login.pk}/", f"{login.pk}/edit/", f"{login.pk}/deactivate/"):
        assert as_bob.get(f"/setup/logins/{path}").status_code == 404
        assert public.get(f"/setup/logins/{path}")["Location"].startswith("/login/")
    assert as_bob.post(f"/setup/logins/{login.pk}/invite/").status_code == 404


def test_a_method_a_login_page_does_not_take_is_a_405(as_alice, alice):
    login = alice.membership
    assert as_alice.post("/setup/logins/").status_code == 405
    assert as_alice.post(f"/setup/logins/{login.pk}/").status_code == 405
    assert as_alice.get(f"/setup/logins/{login.pk}/invite/").status_code == 405


def test_the_logins_list_makes_the_same_queries_for_few_logins_and_many(as_alice, council_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    as_alice.get("/setup/logins/")
    with CaptureQueriesContext(connection) as few:
        as_alice.get("/setup/logins/")
    for _ in range(10):
        member(council_a, Role.DIRECTOR)
    with CaptureQueriesContext(connection) as many:
        as_alice.get("/setup/logins/")
    assert len(few.captured_queries) == len(many.captured_queries)
