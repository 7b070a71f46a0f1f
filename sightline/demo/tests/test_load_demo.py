import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from sightline.accounts.models import Council, Directorate, Membership, Role


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "savings", "strategy", "plans", "performance"}
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_the_demo_has_lutons_directorates_and_their_directors(demo):
    luton = Council.objects.get(name="Luton Borough Council")
    directors = dict(
        Directorate.objects.filter(council=luton).values_list("name", "director__name")
    )
    assert directors["Chief Executive's Department"] == "Trevor Holden"
    assert directors["Children and Learning Department"] == "Martin Pratt"
    assert directors["Public Health"] == "Gerry Taylor"
    assert len(directors) == 6


def test_running_the_demo_twice_leaves_the_same_data(demo):
    before = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == before


@pytest.mark.parametrize("role", list(Role))
def test_every_demo_login_works(demo, settings, role):
    client = Client()
    assert client.login(username=role.value, password=settings.DEMO_PASSWORD)
    assert Membership.objects.get(user__username=role.value).role == role
    assert client.get("/").status_code == 200
