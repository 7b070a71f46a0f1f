"""Posts, consultation, and collective consultation on redundancies across proposals: the
warning at 20 and 100 (not at 19), on the proposals, on the page, in the dashboard's include
and in the API; named post holders only for those entitled."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template

from sightline.impact import services
from sightline.impact.models import Consultation, PostChange
from sightline.savings.tests.factories import ProposalFactory

ESO = {
    "role": "Executive Support Officer",
    "posts": 5,
    "fte": Decimal("5"),
    "filled": 1,
    "vacancies_held": 4,
}


def _redundancies(proposal, by, count, establishment="Town Hall"):
    services.posts_set(
        proposal=proposal,
        by=by,
        rows=[
            {
                "role": "Officer",
                "posts": count,
                "fte": Decimal(count),
                "filled": count,
                "establishment": establishment,
            }
        ],  # fmt: skip
    )


def test_the_lead_records_posts_and_the_counts_must_add_up(eve, proposal):
    services.posts_set(proposal=proposal, by=eve, rows=[ESO])
    post = PostChange.objects.get()
    assert (post.vacant, post.proposed_redundancies) == (4, 1)
    with pytest.raises(ValidationError, match="more vacancies held than posts vacant"):
        services.posts_set(proposal=proposal, by=eve, rows=[{**ESO, "vacancies_held": 5}])
    with pytest.raises(ValidationError, match="redundancies and redeployments than filled"):
        services.posts_set(proposal=proposal, by=eve, rows=[{**ESO, "compulsory_redundancies": 2}])


def test_a_viewer_may_not_record_posts(vera, proposal):
    with pytest.raises(PermissionDenied, match="change the posts this proposal affects"):
        services.posts_set(proposal=proposal, by=vera, rows=[ESO])


def test_a_stale_posts_form_is_refused(eve, proposal):
    services.posts_set(proposal=proposal, by=eve, rows=[ESO])
    with pytest.raises(ValidationError, match="changed by someone else"):
        services.posts_set(proposal=proposal, by=eve, rows=[ESO], expected="")


@pytest.mark.parametrize(
    ("count", "warned", "days"), [(19, False, 0), (20, True, 30), (99, True, 30), (100, True, 45)]
)
def test_proposals_reaching_20_redundancies_at_one_establishment_are_warned(
    as_vera, alice, proposal, council_a, count, warned, days
):
    other = ProposalFactory(council=council_a, implementation_on=proposal.implementation_on)
    _redundancies(proposal, alice, count - 5)
    _redundancies(other, alice, 5)
    page = as_vera.get(f"/impact/proposals/{proposal.pk}/posts/").content.decode()
    assert ("Collective consultation needed" in page) is warned
    collective = as_vera.get("/impact/collective-consultation/").content.decode()
    assert (f"at least {days} days" in collective) is warned
    if warned:
        assert f"{count} redundancies proposed at Town Hall" in page
        assert "begin by" in page
    api = as_vera.get("/api/v1/collective-consultation").json()["items"]
    assert api[0]["redundancies"] == count and api[0]["minimum_consultation_days"] == days


def test_the_dashboard_include_warns_when_the_threshold_is_reached(vera, alice, proposal):
    _redundancies(proposal, alice, 20)
    template = Template("{% load impact %}{% collective_consultation_warning %}")
    assert "Collective consultation needed: 20 redundancies" in template.render(
        Context({"user": vera})
    )
    _redundancies(proposal, alice, 19)
    assert "Collective consultation" not in template.render(Context({"user": vera}))


def test_an_exempt_proposals_redundancies_are_not_counted_for_those_not_entitled(
    as_vera, as_alice, alice, proposal, exempt
):
    _redundancies(proposal, alice, 15)
    _redundancies(exempt, alice, 10)
    assert "25 redundancies" in as_alice.get("/impact/collective-consultation/").content.decode()
    page = as_vera.get("/impact/collective-consultation/").content.decode()
    assert "25 redundancies" not in page and "EX 1" not in page
    assert as_vera.get(f"/impact/proposals/{exempt.pk}/posts/").status_code == 404


def test_post_holders_names_are_read_only_by_those_entitled(as_vera, as_eve, alice, proposal, vera):
    services.posts_set(proposal=proposal, by=alice, rows=[{**ESO, "holders": "Jo Bloggs"}])
    assert "Jo Bloggs" in as_eve.get(f"/impact/proposals/{proposal.pk}/posts/").content.decode()
    assert (
        "Jo Bloggs" not in as_vera.get(f"/impact/proposals/{proposal.pk}/posts/").content.decode()
    )
    api = as_vera.get(f"/api/v1/proposals/{proposal.pk}/posts").json()["items"]
    assert api[0]["holders"] is None and api[0]["vacancies_held"] == 4


def test_the_lead_records_posts_through_the_form(as_eve, proposal):
    url = f"/impact/proposals/{proposal.pk}/posts/edit/"
    form = as_eve.get(url).content.decode()
    token = form.split('name="token" value="')[1].split('"')[0]
    data = {
        "token": token,
        "posts-TOTAL_FORMS": "1",
        "posts-INITIAL_FORMS": "0",
        "posts-0-role": "Executive Support Officer",
        "posts-0-posts": "5",
        "posts-0-fte": "5",
        "posts-0-filled": "1",
        "posts-0-vacancies_held": "5",
        "posts-0-voluntary_redundancies": "0",
        "posts-0-compulsory_redundancies": "0",
        "posts-0-redeployed": "0",
    }
    bad = as_eve.post(url, data).content.decode()
    assert "Post 1: more vacancies held than posts vacant" in bad
    data["posts-0-vacancies_held"] = "4"
    assert as_eve.post(url, data).status_code == 302
    assert PostChange.objects.get().vacancies_held == 4


def test_consultations_are_logged_with_you_said_we_did(as_eve, as_vera, proposal):
    url = f"/impact/proposals/{proposal.pk}/consultations/new/"
    bad = as_eve.post(url, {"audience": "staff"}).content.decode()
    assert "Say who was consulted" in bad
    response = as_eve.post(
        url,
        {"audience": "trade_unions", "who": "The unions", "method": "Informal",
         "responses": "3", "you_said": "Hold vacancies", "we_did": "We held four"},
    )  # fmt: skip
    assert response.status_code == 302
    page = as_vera.get(f"/impact/proposals/{proposal.pk}/consultations/").content.decode()
    assert "Trade unions" in page and "We held four" in page
    assert as_vera.get(url).status_code == 403
    api = as_vera.get(f"/api/v1/proposals/{proposal.pk}/consultations").json()["items"]
    assert api[0]["responses"] == 3


def test_a_consultation_cannot_end_before_it_starts(eve, proposal):
    import datetime

    with pytest.raises(ValidationError, match="end on or after it starts"):
        services.consultation_save(
            proposal=proposal,
            by=eve,
            data={"audience": "staff", "who": "All staff",
                  "started_on": datetime.date(2021, 2, 1), "ended_on": datetime.date(2021, 1, 1)},
        )  # fmt: skip
    assert not Consultation.objects.exists()


def test_the_api_body_is_json(as_vera):
    assert json.loads(as_vera.get("/api/v1/collective-consultation").content)["items"] == []
