import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from sightline.accounts.models import Council, Directorate, Membership, Role
from sightline.risks.models import Risk


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "savings", "strategy", "plans", "performance", "risks"}
    }


@pytest.fixture
def demo(demo_data, db):
    """The demo councils, loaded once for this module."""


def test_the_demo_has_lutons_directorates_and_their_directors(demo):
    luton = Council.objects.get(name="Luton Borough Council")
    directors = dict(
        Directorate.objects.filter(council=luton).values_list("name", "director__name")
    )
    assert directors["Chief Executive's Department"] == "Trevor Holden"
    assert directors["Children and Learning Department"] == "Martin Pratt"
    assert directors["Public Health"] == "Gerry Taylor"
    assert len(directors) == 6


def test_lutons_register_has_the_seeds_fourteen_risks_with_their_scores(demo):
    luton = Council.objects.get(name="Luton Borough Council")
    risks = Risk.objects.filter(council=luton).order_by("number")
    assert [(r.number, r.initial_score, r.residual_score) for r in risks] == [
        (1, 8, 6),
        (2, 9, 6),
        (3, 9, 6),
        (4, 9, 6),
        (5, 9, 6),
        (6, 9, 6),
        (7, 8, 5),
        (8, 8, 3),
        (9, 8, 6),
        (10, 8, 3),
        (11, 6, 6),
        (12, 9, 8),
        (13, 6, 6),
        (14, 5, 5),
    ]
    first, last = risks.first(), risks.last()
    assert first.title == "Council’s reputation locally and reputation of Luton"
    assert first.controls.startswith("Wide-ranging public engagement")
    assert last.controls.endswith("Consultation exercises with workforce when appropriate.")
    # The seed gives scores only and names no owners.
    assert not risks.filter(initial_likelihood__isnull=False).exists()
    assert not risks.filter(owner__isnull=False).exists()
    assert not Risk.objects.exclude(council=luton).exists()


def test_loading_the_demo_twice_keeps_lutons_fourteen_risks(demo):
    luton = Council.objects.get(name="Luton Borough Council")
    call_command("load_demo", verbosity=0)
    assert Risk.objects.filter(council=luton).count() == 14
    assert Risk.history.filter(council=luton).count() == 14  # nothing re-saved


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
