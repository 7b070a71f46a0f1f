"""Finance's confirmations that a saving has left the budget: versioned, with their history,
and checked against the saving planned for the year."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.core.audit import StaleEdit
from sightline.savings import services
from sightline.savings.models import BenefitConfirmation
from sightline.savings.tests.round_helpers import FY13, FY14, live_saving


@pytest.fixture
def saving(council_a, eve):
    return live_saving(
        council_a,
        lead=eve.person,
        reference="SAV 1",
        years={FY13: 10_000_000, FY14: 5_000_000},
    )


def url(saving) -> str:
    return f"/programme/proposals/{saving.pk}/benefits/"


# --- the service ------------------------------------------------------------------------------


def test_a_second_confirmation_of_a_year_needs_the_version_it_changes(fiona, alice, saving):
    first = services.benefit_confirm(proposal=saving, fy=FY13, amount_pence=9_000_000, by=fiona)
    with pytest.raises(StaleEdit, match=r"The 2013/14 saving was already confirmed \(version 1\)"):
        services.benefit_confirm(proposal=saving, fy=FY13, amount_pence=9_500_000, by=alice)
    with pytest.raises(StaleEdit, match="you had version 3, it is now version 1"):
        services.benefit_confirm(
            proposal=saving, fy=FY13, amount_pence=9_500_000, by=alice, expected_version=3
        )
    changed = services.benefit_confirm(
        proposal=saving, fy=FY13, amount_pence=9_500_000, by=alice, expected_version=1
    )
    assert changed.pk == first.pk and changed.version == 2
    assert changed.history.count() == 2


def test_more_than_planned_is_confirmed_only_when_checked(fiona, saving):
    with pytest.raises(ValidationError) as refused:
        services.benefit_confirm(proposal=saving, fy=FY14, amount_pence=6_000_000, by=fiona)
    assert refused.value.message_dict["over_planned"] == [
        "The saving confirmed, £60,000, is more than the £50,000 planned for 2014/15. Check the "
        "amount, then tick to confirm it."
    ]
    assert not BenefitConfirmation.objects.exists()
    services.benefit_confirm(
        proposal=saving, fy=FY14, amount_pence=6_000_000, by=fiona, over_planned=True
    )
    assert BenefitConfirmation.objects.get().amount_pence == 6_000_000


def test_an_editor_cannot_confirm(eve, saving):
    with pytest.raises(PermissionDenied, match="only finance or the programme office"):
        services.benefit_confirm(proposal=saving, fy=FY13, amount_pence=1, by=eve)


# --- the page ---------------------------------------------------------------------------------


def test_finance_confirms_a_year(as_fiona, fiona, saving):
    response = as_fiona.post(
        url(saving) + "?fy=2013/14",
        {"fy": "2013/14", "amount": "£90k", "note": "Posts deleted", "loaded_fy": "2013/14"},
    )
    assert response.status_code == 302
    confirmation = BenefitConfirmation.objects.get()
    assert (confirmation.fy, confirmation.amount_pence, confirmation.modified_by) == (
        FY13,
        9_000_000,
        fiona,
    )


def test_the_form_shows_the_years_confirmation_and_changes_it_against_its_version(
    as_fiona, as_alice, fiona, saving
):
    services.benefit_confirm(
        proposal=saving, fy=FY13, amount_pence=9_000_000, by=fiona, note="First look"
    )
    body = as_alice.get(url(saving) + "?fy=2013/14").content.decode()
    assert "Already confirmed: <strong>£90,000</strong>" in body
    assert fiona.get_full_name() in body and "(version 1)" in body
    assert 'name="version" value="1"' in body
    assert "History of the 2013/14 confirmation (1 change)" in body
    response = as_alice.post(
        url(saving),
        {"fy": "2013/14", "amount": "£95k", "version": "1", "loaded_fy": "2013/14"},
    )
    assert response.status_code == 302
    confirmation = BenefitConfirmation.objects.get()
    assert (confirmation.amount_pence, confirmation.version) == (9_500_000, 2)
    body = as_fiona.get(url(saving) + "?fy=2013/14").content.decode()
    assert "History of the 2013/14 confirmation (2 changes)" in body
    assert '<span class="sl-diff-old">£90,000</span> → £95,000' in body


def test_a_stale_or_versionless_second_confirmation_is_refused(as_alice, fiona, saving):
    services.benefit_confirm(proposal=saving, fy=FY13, amount_pence=9_000_000, by=fiona)
    # The version of another year's form does not carry over to this one.
    body = as_alice.post(
        url(saving),
        {"fy": "2013/14", "amount": "£95k", "version": "1", "loaded_fy": "2014/15"},
    ).content.decode()
    assert "The 2013/14 saving was already confirmed (version 1)" in body
    body = as_alice.post(
        url(saving), {"fy": "2013/14", "amount": "£95k", "version": "7", "loaded_fy": "2013/14"}
    ).content.decode()
    assert "you had version 7, it is now version 1" in body
    assert BenefitConfirmation.objects.get().amount_pence == 9_000_000


def test_more_than_planned_is_warned_before_saving_and_needs_a_tick(as_fiona, saving):
    data = {"fy": "2014/15", "amount": "£60k", "loaded_fy": "2014/15"}
    response = as_fiona.post(url(saving), data)
    body = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Confirm a saving" in body
    assert "is more than the £50,000 planned for 2014/15" in body
    assert 'name="over_planned"' in body
    assert not BenefitConfirmation.objects.exists()
    assert as_fiona.post(url(saving), {**data, "over_planned": "on"}).status_code == 302
    assert BenefitConfirmation.objects.get().amount_pence == 6_000_000


def test_the_proposal_page_shows_confirmations_and_their_history(as_vera, fiona, saving):
    services.benefit_confirm(proposal=saving, fy=FY13, amount_pence=9_000_000, by=fiona)
    services.benefit_confirm(
        proposal=saving,
        fy=FY13,
        amount_pence=9_200_000,
        by=fiona,
        expected_version=1,
        note="Final figure from the ledger",
    )
    body = as_vera.get(f"/programme/proposals/{saving.pk}/").content.decode()
    monitoring = body[body.index('id="monitoring"') :]
    assert "Benefits realised" in monitoring
    assert "£92,000" in monitoring and "version 2" in monitoring
    assert "History of the 2013/14 confirmation (2 changes)" in monitoring
    assert "Why: Final figure from the ledger" in monitoring
    assert "Not yet confirmed" in monitoring  # 2014/15


# --- the doors ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(public, saving):
    response = public.get(url(saving))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_another_councils_proposal_is_not_found(as_bob, saving):
    assert as_bob.get(url(saving)).status_code == 404
    assert as_bob.post(url(saving), {"fy": "2013/14", "amount": "1"}).status_code == 404


def test_an_editor_is_refused_with_the_rules_words_and_offered_no_form(as_eve, saving):
    for response in (
        as_eve.get(url(saving)),
        as_eve.post(url(saving), {"fy": "2013/14", "amount": "£1"}),
    ):
        body = response.content.decode()
        assert response.status_code == 403
        assert (
            "You cannot confirm that a saving has been delivered: only finance or the programme "
            "office can, and your role is editor." in body
        )
        assert 'name="amount"' not in body
    assert not BenefitConfirmation.objects.exists()


def test_the_page_takes_only_get_and_post(as_fiona, saving):
    assert as_fiona.put(url(saving)).status_code == 405
