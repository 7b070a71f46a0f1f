"""``sightline create_council``: a new council with its first programme office login and the
default savings types, and how that login signs in; each problem named, nothing half-made."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from sightline.accounts.models import Council, Membership, Role
from sightline.accounts.tests.factories import CouncilFactory
from sightline.savings.models import SavingsType

pytestmark = pytest.mark.django_db


def create(*args, **options) -> str:
    out = StringIO()
    call_command("create_council", *args, stdout=out, **options)
    return out.getvalue()


def test_a_council_is_created_with_its_programme_office_and_default_savings_types(settings):
    settings.SITE_URL = "https://sightline.sefton.gov.uk"
    printed = create("sefton", name="Sefton Council", admin="sefton_po")
    council = Council.objects.get(short_code="sefton")
    login = Membership.objects.get(council=council)
    assert (login.user.username, login.role) == ("sefton_po", Role.PROGRAMME_OFFICE)
    assert not login.user.has_usable_password() and login.user.person.council == council
    types = {t.name: t for t in SavingsType.objects.filter(council=council)}
    assert len(types) == 6 and types["Cost avoidance"].counts_toward_gap is False
    assert "Created Sefton Council (sefton) with its 6 default savings types." in printed
    assert "https://sightline.sefton.gov.uk/setup/" in printed and not mail.outbox
    # The one-time link printed on the terminal sets the password.
    link = re.search(r"https://sightline\.sefton\.gov\.uk(/password-reset/\S+/)", printed)[1]
    client = Client()
    form = client.get(link, follow=True)
    new = {"new_password1": "a long Sefton password", "new_password2": "a long Sefton password"}
    client.post(form.redirect_chain[-1][0], new)
    assert Client().login(username="sefton_po", password="a long Sefton password")


def test_with_an_email_the_admin_is_sent_an_invitation():
    printed = create("sefton", name="Sefton Council", admin="sefton_po", email="po@sefton.gov.uk")
    [sent] = mail.outbox
    assert sent.to == ["po@sefton.gov.uk"] and "/password-reset/" in sent.body
    assert "was e-mailed an invitation at po@sefton.gov.uk" in printed
    assert "/password-reset/" not in printed


@pytest.mark.parametrize(
    ("args", "options", "message"),
    [
        (
            ["taken"],
            {"name": "Sefton Council", "admin": "po"},
            "The council code 'taken' is already taken by Taken Council: choose another.",
        ),
        (
            ["sefton"],
            {"name": "taken council", "admin": "po"},
            "There is already a council called 'taken council'.",
        ),
        (
            ["not a code!"],
            {"name": "Sefton Council", "admin": "po"},
            "The council code 'not a code!' is not a code: use up to 20 letters, numbers, "
            "hyphens or underscores",
        ),
        (
            ["sefton"],
            {"name": "Sefton Council", "admin": "taken_login"},
            "The login name 'taken_login' is already taken.",
        ),
        (
            ["sefton"],
            {"name": "Sefton Council", "admin": "po", "email": "not-an-address"},
            "The e-mail address: Enter a valid email address.",
        ),
    ],
)
def test_each_problem_is_named_and_nothing_is_half_made(args, options, message):
    CouncilFactory(name="Taken Council", short_code="taken")
    get_user_model().objects.create_user("taken_login")
    with pytest.raises(CommandError) as refused:
        create(*args, **options)
    assert str(refused.value).startswith("No council was created.")
    assert message in str(refused.value)
    assert Council.objects.count() == 1 and get_user_model().objects.count() == 1
    assert not SavingsType.objects.exists() and not mail.outbox
