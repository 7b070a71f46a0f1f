"""The demo, from the council documents: the Tower Hamlets screening requires a full
assessment for its reasons; the Executive report's proposals show their clearances by the
officers and on the dates it names; its consultations; the Tower Hamlets posts; the 750
residents; and loading again changes nothing."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from sightline.impact.models import Consultation, Implication, PostChange, ResidentConsultation
from sightline.savings.models import Proposal


@pytest.fixture
def demo(demo_data, db):
    """The demo councils, loaded once for this module."""


def _client(username):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_tower_hamlets_screening_requires_a_full_assessment_with_its_reasons(demo):
    proposal = Proposal.objects.get(reference="SAV / RES 002 / 21-22")
    office = _client("th_programme_office")
    page = office.get(f"/impact/proposals/{proposal.pk}/screening/").content.decode()
    assert "Full equality assessment required" in page
    assert "Yes to question 6, “Does the change involve a reduction in staff?”" in page
    assert "The vast majority of staff impacted by this proposal are female" in page
    api = office.get(f"/api/v1/proposals/{proposal.pk}/equality-screening").json()
    assert api["outcome"]["required"] is True and api["outcome"]["unanswered"] == 1
    assert [a["answer"] for a in api["answers"]] == ["no", "no", "no", "yes", "no", "yes", ""]
    # Exempt: its own council's viewer may not read it.
    assert _client("th_viewer").get(f"/impact/proposals/{proposal.pk}/").status_code == 404


def test_the_tower_hamlets_posts_and_vacancies_held(demo):
    posts = PostChange.objects.filter(proposal__reference="SAV / RES 002 / 21-22")
    assert [(p.role, p.posts, p.vacancies_held) for p in posts] == [
        ("Executive Support Team Leader", 1, 0),
        ("Executive Support Officer", 5, 4),
        ("Senior Management Support Officer", 5, 0),
    ]
    assert sum(p.fte for p in posts) == 11


def test_the_executive_reports_clearances_by_their_officers_on_their_dates(demo):
    cleared = {
        i.area.name: (i.officer.name if i.officer else None, i.cleared_on, i.cleared_by)
        for i in Implication.objects.filter(proposal__reference="CEX 01").select_related(
            "area", "officer", "cleared_by"
        )
    }
    assert cleared["Legal"][:2] == ("Brenda Vale", datetime.date(2013, 2, 7))
    assert cleared["Equalities, cohesion and inclusion (social justice)"][:2] == (
        "Sandra Legate",
        datetime.date(2013, 2, 11),
    )
    assert cleared["Finance"][:2] == (
        "Finance and Airport Client Manager",
        datetime.date(2013, 2, 14),
    )
    assert cleared["Environment"][:2] == (
        "Strategy & Sustainability Manager",
        datetime.date(2013, 2, 13),
    )
    assert cleared["Health"][:2] == ("Chimeme Egbutah", datetime.date(2013, 2, 6))
    assert cleared["Community safety"] == (None, None, None)
    # Each clearance was given by the officer's own login.
    assert cleared["Legal"][2].username == "brenda_vale"
    cex = Proposal.objects.get(reference="CEX 01")
    assert cex.implications_record.final
    page = _client("viewer").get(f"/impact/proposals/{cex.pk}/implications/").content.decode()
    assert "Agreed: Brenda Vale, on 7 February 2013" in page and "See proposal above." in page


def test_the_executive_reports_consultations_and_the_750_residents(demo):
    found = set(
        Consultation.objects.filter(proposal__reference="CEX 01").values_list("audience", "method")
    )
    assert found == {("staff", ""), ("members", ""), ("trade_unions", "Informal")}
    assert ResidentConsultation.objects.get().respondents == 750


def test_the_cumulative_view_of_2021_22_shows_the_tower_hamlets_proposal(demo):
    page = _client("th_programme_office").get("/impact/cumulative/?fy=2021/22").content.decode()
    assert "1 proposal, £553,000" in page.split('id="cell-staff-sex"')[1].split("</td>")[0]


def test_loading_the_demo_again_changes_no_impact_record(demo):
    models = [m for m in apps.get_models() if m._meta.app_label == "impact"]
    before = {m._meta.label: m.objects.count() for m in models}
    history = {m._meta.label: m.history.count() for m in models if hasattr(m, "history")}
    call_command("load_demo", verbosity=0)
    assert {m._meta.label: m.objects.count() for m in models} == before
    assert {m._meta.label: m.history.count() for m in models if hasattr(m, "history")} == history
