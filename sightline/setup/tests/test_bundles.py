"""The bundles pages: a bundle with its sponsor, lead, vision and a target per financial
year; an enabling bundle has none."""

import pytest
import time_machine

from sightline.accounts.tests.factories import PersonFactory
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import Bundle
from sightline.savings.tests.factories import BundleFactory, BundleTargetFactory

FY26 = FinancialYear(2026)


@pytest.fixture(autouse=True)
def december_2026():
    with time_machine.travel("2026-12-04 10:00 +00:00", tick=False):
        yield


def test_the_programme_office_adds_a_bundle_with_its_targets(as_alice, council_a):
    sponsor = PersonFactory(council=council_a, name="Dee Director")
    form = as_alice.get("/setup/bundles/new/").content.decode()
    assert 'id="id_target_2025"' in form and 'id="id_target_2030"' in form
    response = as_alice.post(
        "/setup/bundles/new/",
        {
            "name": "Customer access",
            "sponsor": sponsor.pk,
            "vision": "One front door.",
            "target_2026": "£1.2m",
            "target_2027": "500,000",
        },
    )
    bundle = Bundle.objects.get(name="Customer access")
    assert response["Location"] == f"/setup/bundles/{bundle.pk}/"
    assert {t.fy: t.target_pence for t in bundle.targets.all()} == {
        FY26: 120_000_000,
        FY26 + 1: 50_000_000,
    }
    listing = as_alice.get("/setup/bundles/").content.decode()
    assert "2026/27: £1,200,000, 2027/28: £500,000" in listing and "Dee Director" in listing


def test_an_enabling_bundle_with_a_target_is_refused_naming_the_year(as_alice, council_a):
    response = as_alice.post(
        "/setup/bundles/new/", {"name": "IT", "enabling": "on", "target_2026": "100"}
    )
    page = response.content.decode()
    assert page.split("<title>")[1].startswith("Error: ")
    assert 'href="#id_target_2026"' in page
    assert "An enabling bundle has no target: clear the 2026/27 target" in page
    assert not Bundle.objects.exists()


def test_a_target_is_changed_and_a_cleared_year_removed(as_alice, council_a):
    bundle = BundleFactory(council=council_a, name="Commissioning")
    BundleTargetFactory(bundle=bundle, fy=FY26, target_pence=100_000)
    BundleTargetFactory(bundle=bundle, fy=FY26 + 1, target_pence=200_000)
    form = as_alice.get(f"/setup/bundles/{bundle.pk}/edit/").content.decode()
    assert 'value="£1,000"' in form
    as_alice.post(
        f"/setup/bundles/{bundle.pk}/edit/",
        {"name": "Commissioning", "target_2026": "3,000", "target_2027": "", "version": "1"},
    )
    assert {t.fy: t.target_pence for t in bundle.targets.all()} == {FY26: 300_000}
    page = as_alice.get(f"/setup/bundles/{bundle.pk}/").content.decode()
    assert "£3,000" in page


def test_a_bundles_targets_are_money(as_alice, council_a):
    page = as_alice.post(
        "/setup/bundles/new/", {"name": "Odd", "target_2026": "lots"}
    ).content.decode()
    assert 'href="#id_target_2026"' in page and not Bundle.objects.exists()
