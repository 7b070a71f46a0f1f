"""The personas every test can call on.

Council A (Arden) has one member per role; council B (Brook) has an editor; ``public`` is an
anonymous client. Each persona fixture returns a logged-in ``django.test.Client``.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import CouncilFactory, member


@pytest.fixture
def council_a(db):
    return CouncilFactory(name="Arden District Council", short_code="arden")


@pytest.fixture
def council_b(db):
    return CouncilFactory(name="Brook Borough Council", short_code="brook")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests do not need slow password hashing; production keeps Django's default."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo councils (``sightline load_demo``), loaded once for a test module and rolled
    back after it; each test's own changes are rolled back after the test, as usual."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def _user(council, role, username, **extra):
    return member(council, role, username=username, **extra)


@pytest.fixture
def alice(council_a):
    """Alice runs council A's programme office."""
    return _user(council_a, Role.PROGRAMME_OFFICE, "alice")


@pytest.fixture
def fiona(council_a):
    """Fiona is council A's finance lead."""
    return _user(council_a, Role.FINANCE, "fiona")


@pytest.fixture
def dan(council_a):
    """Dan is a director in council A."""
    return _user(council_a, Role.DIRECTOR, "dan")


@pytest.fixture
def eve(council_a):
    """Eve is an editor (a project lead) in council A."""
    return _user(council_a, Role.EDITOR, "eve")


@pytest.fixture
def colin(council_a):
    """Colin is a councillor in council A, not granted exempt information."""
    return _user(council_a, Role.COUNCILLOR, "colin")


@pytest.fixture
def vera(council_a):
    """Vera may only read council A's non-exempt records."""
    return _user(council_a, Role.VIEWER, "vera")


@pytest.fixture
def bob(council_b):
    """Bob is an editor in council B: he must never see council A's records."""
    return _user(council_b, Role.EDITOR, "bob")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_alice(alice):
    return _client(alice)


@pytest.fixture
def as_fiona(fiona):
    return _client(fiona)


@pytest.fixture
def as_dan(dan):
    return _client(dan)


@pytest.fixture
def as_eve(eve):
    return _client(eve)


@pytest.fixture
def as_colin(colin):
    return _client(colin)


@pytest.fixture
def as_vera(vera):
    return _client(vera)


@pytest.fixture
def as_bob(bob):
    return _client(bob)


@pytest.fixture
def public():
    return Client()
