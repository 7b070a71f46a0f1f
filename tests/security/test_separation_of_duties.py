"""Separation of duties: whoever entered a proposal's delivered figure (the latest forecast of
one of its years) cannot also confirm that the saving has been delivered; someone else can."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from sightline.accounts.models import Role
from sightline.accounts.permissions import allowed, refusal
from sightline.accounts.tests.factories import member
from sightline.savings import services
from sightline.savings.models import BenefitConfirmation
from sightline.savings.tests.round_helpers import FY13, live_saving


@pytest.fixture
def saving(council_a, eve):
    return live_saving(council_a, lead=eve.person, reference="SAV 1", years={FY13: 10_000_000})


@pytest.fixture
def fiona_entered_the_figure(saving, alice, fiona):
    period = services.period_open(council=saving.council, month=datetime.date(2014, 3, 1), by=alice)
    return services.forecast_record(
        proposal=saving, period=period, fy=FY13, forecast_pence=9_000_000, rag="green", by=fiona
    )


def test_whoever_entered_the_delivered_figure_cannot_confirm_it(
    fiona, saving, fiona_entered_the_figure
):
    assert not allowed(fiona, "savings.confirm_benefit", saving)
    with pytest.raises(PermissionDenied) as error:
        services.benefit_confirm(proposal=saving, fy=FY13, amount_pence=9_000_000, by=fiona)
    message = str(error.value)
    assert "You entered this proposal's delivered figure for 2013/14" in message
    assert "cannot also confirm it" in message
    assert not BenefitConfirmation.objects.exists()


def test_someone_else_may_confirm_it(alice, saving, fiona_entered_the_figure):
    assert allowed(alice, "savings.confirm_benefit", saving)
    services.benefit_confirm(proposal=saving, fy=FY13, amount_pence=9_000_000, by=alice)
    assert BenefitConfirmation.objects.get().amount_pence == 9_000_000


def test_whoever_changed_the_figure_is_bound_too_and_a_third_person_confirms(
    council_a, alice, fiona, saving, fiona_entered_the_figure
):
    services.forecast_record(
        proposal=saving,
        period=fiona_entered_the_figure.period,
        fy=FY13,
        forecast_pence=9_500_000,
        rag="green",
        by=alice,
        expected_version=fiona_entered_the_figure.version,
    )
    assert not allowed(fiona, "savings.confirm_benefit", saving)
    assert not allowed(alice, "savings.confirm_benefit", saving)
    assert "2013/14" in refusal(alice, "savings.confirm_benefit", saving)
    fred = member(council_a, Role.FINANCE, username="fred")
    services.benefit_confirm(proposal=saving, fy=FY13, amount_pence=9_500_000, by=fred)
    assert BenefitConfirmation.objects.get().created_by == fred


def test_the_page_neither_offers_nor_accepts_it(client, fiona, saving, fiona_entered_the_figure):
    client.force_login(fiona)
    page = client.get(f"/programme/proposals/{saving.pk}/").content.decode()
    assert f"/programme/proposals/{saving.pk}/benefits/" not in page
    response = client.post(
        f"/programme/proposals/{saving.pk}/benefits/", {"fy": "2013/14", "amount": "90000"}
    )
    assert response.status_code == 403
    assert not BenefitConfirmation.objects.exists()
