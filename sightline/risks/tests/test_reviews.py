"""Risk reviews (how each risk's scores moved), its target and appetite, and its links to
savings proposals and bundles."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import member
from sightline.risks import services
from sightline.risks.models import RiskReview
from sightline.risks.tests.factories import RiskFactory
from sightline.savings.tests.factories import BundleFactory, ProposalFactory

TODAY = datetime.date(2013, 6, 1)


@pytest.fixture
def risk(council_a):
    return RiskFactory(council=council_a, number=5, initial_score=9, residual_score=6)


def test_a_review_records_how_the_scores_moved(alice, risk):
    review = services.risk_review(
        by=alice,
        risk=risk,
        reviewed_on=TODAY,
        note="Moratorium on spending in place.",
        data={"residual_likelihood": 2, "residual_impact": 2, "residual_score": None,
              "target_score": 3},
        next_review_on=datetime.date(2013, 9, 1),
    )  # fmt: skip
    risk.refresh_from_db()
    assert (risk.residual_score, risk.target_score, risk.review_on) == (
        4,
        3,
        datetime.date(2013, 9, 1),
    )
    assert (review.residual_before, review.residual_score, review.residual_moved) == (6, 4, -2)
    assert review.initial_moved == 0 and review.created_by == alice


def test_a_review_is_checked_by_the_scoring_rules_and_needs_a_note_and_a_past_date(alice, risk):
    with pytest.raises(ValidationError) as error:
        services.risk_review(
            by=alice, risk=risk, reviewed_on=datetime.date(2999, 1, 1), note="", data={}
        )
    assert set(error.value.message_dict) == {"reviewed_on", "note"}
    with pytest.raises(ValidationError, match="higher than the initial score"):
        services.risk_review(
            by=alice, risk=risk, reviewed_on=TODAY, note="x", data={"residual_score": 12}
        )
    with pytest.raises(ValidationError, match="higher than the residual score"):
        services.risk_review(
            by=alice, risk=risk, reviewed_on=TODAY, note="x", data={"target_score": 8}
        )
    assert not RiskReview.objects.exists()


def test_a_viewer_may_not_review(vera, risk):
    with pytest.raises(PermissionDenied, match="You cannot review this risk"):
        services.risk_review(by=vera, risk=risk, reviewed_on=TODAY, note="x", data={})


def test_a_risk_rated_by_rag_alone_is_reviewed_without_invented_scores(alice, council_a):
    risk = RiskFactory(council=council_a, initial_score=None, residual_score=None)
    review = services.risk_review(
        by=alice, risk=risk, reviewed_on=TODAY, note="Still amber", data={}
    )
    assert review.residual_score is None and review.residual_moved is None


def test_the_review_page_and_the_history_on_the_risk(as_alice, as_vera, risk):
    url = f"/risks/{risk.pk}/review/"
    assert "Record a review" in as_alice.get(url).content.decode()
    bad = as_alice.post(url, {"note": ""}).content.decode()
    assert "Enter the date of the review" in bad and "Say what the review found" in bad
    response = as_alice.post(
        url,
        {"reviewed_on_day": "1", "reviewed_on_month": "6", "reviewed_on_year": "2013",
         "note": "Controls tested", "initial_score": "9", "residual_score": "4",
         "version": risk.version},
    )  # fmt: skip
    assert response.status_code == 302
    page = as_vera.get(f"/risks/{risk.pk}/").content.decode()
    assert "(down 2 from 6)" in page and "Controls tested" in page
    assert as_vera.get(url).status_code == 403


def test_the_target_and_appetite_are_kept_and_shown_in_words(as_alice, as_vera, risk, alice):
    services.risk_save(by=alice, risk=risk, data={"target_score": 4, "appetite_score": 5})
    page = as_vera.get(f"/risks/{risk.pk}/").content.decode()
    assert "4 out of 25" in page and "Above appetite" in page
    assert "Above appetite" in as_vera.get("/risks/").content.decode()


def test_links_to_proposals_and_bundles_keep_an_exempt_one_unseen(
    alice, eve, risk, council_a, as_vera
):
    bundle = BundleFactory(council=council_a, name="Commercial")
    open_one = ProposalFactory(council=council_a, reference="SAV 1")
    exempt = ProposalFactory(
        council=council_a, reference="EX 1", exempt=True, exempt_paragraphs="1"
    )
    services.risk_links_set(by=alice, risk=risk, proposals=[open_one, exempt], bundles=[bundle])
    page = as_vera.get(f"/risks/{risk.pk}/").content.decode()
    assert "SAV 1" in page and "Commercial" in page and "EX 1" not in page
    api = as_vera.get(f"/api/v1/risks/{risk.pk}").json()
    assert api["proposal_ids"] == [open_one.pk] and api["bundle_ids"] == [bundle.pk]
    # The risk's owner, an editor who may not read the exempt proposal, clears the links they
    # see: the exempt one stays linked.
    owner = member(council_a, Role.EDITOR, username="owner")
    risk.owner = owner.person
    risk.save()
    services.risk_links_set(by=owner, risk=risk, proposals=[], bundles=[])
    assert list(risk.proposals.all()) == [exempt] and not risk.bundles.exists()
    with pytest.raises(PermissionDenied):
        services.risk_links_set(by=eve, risk=risk, proposals=[], bundles=[])


def test_a_proposal_the_member_may_not_read_cannot_be_linked(vera, council_a, alice, risk):
    exempt = ProposalFactory(council=council_a, exempt=True, exempt_paragraphs="1")
    owner = member(council_a, Role.EDITOR, username="owner")
    risk.owner = owner.person
    risk.save()
    with pytest.raises(ValidationError, match="that you may read"):
        services.risk_links_set(by=owner, risk=risk, proposals=[exempt], bundles=[])


def test_the_links_page(as_alice, risk, council_a):
    proposal = ProposalFactory(council=council_a, reference="SAV 9")
    url = f"/risks/{risk.pk}/links/"
    assert "SAV 9" in as_alice.get(url).content.decode()
    response = as_alice.post(url, {"proposals": [proposal.pk], "version": risk.version})
    assert response.status_code == 302 and list(risk.proposals.all()) == [proposal]


def test_reviews_in_the_api(as_alice, as_vera, risk):
    url = f"/api/v1/risks/{risk.pk}/reviews"
    body = {"reviewed_on": "2013-06-01", "note": "Checked", "residual_score": 5}
    created = as_alice.post(url, json.dumps(body), content_type="application/json")
    assert created.status_code == 201 and created.json()["residual_before"] == 6
    assert as_vera.get(url).json()["items"][0]["residual_score"] == 5
    refused = as_vera.post(url, json.dumps(body), content_type="application/json")
    assert refused.status_code == 403
