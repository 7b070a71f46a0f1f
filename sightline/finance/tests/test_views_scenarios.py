"""The scenarios' pages: compared side by side, one scenario with its assumptions, gap and
sensitivity, adding one (a copy of another) and setting a figure."""

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import Assumption, Category, Scenario
from sightline.finance.tests.factories import ScenarioFactory

FY14 = FinancialYear(2014)
M = 100_000_000


def test_every_member_compares_the_scenarios(as_vera, plan, base, council_a):
    ScenarioFactory(council=council_a, name="Empty")
    body = as_vera.get("/finance/scenarios/").content.decode()
    assert f'id="required-{base.pk}"' in body
    assert "£30.00m" in body  # the base scenario's three years
    assert "Add a scenario" not in body


def test_a_scenario_shows_each_figure_with_its_assumption_and_the_gap(as_vera, plan, base):
    body = as_vera.get(f"/finance/scenarios/{base.pk}/").content.decode()
    assert 'id="cell-rsg-2014"' in body and "£90.00m" in body and "Grant" in body
    assert 'id="sensitivity-rsg-2014"' in body
    assert "-£5.00m (-5.3%) on 2013/14" in body
    assert 'id="gap-table"' in body


def test_finance_adds_a_pessimistic_copy_of_the_base(as_fiona, plan, base):
    response = as_fiona.post(
        "/finance/scenarios/new/",
        {"name": "Pessimistic", "description": "Deeper cuts", "copy_from": base.pk},
    )
    assert response.status_code == 302
    copy = Scenario.objects.get(name="Pessimistic")
    assert copy.assumptions.count() == base.assumptions.count() == 6


def test_changing_a_figure_moves_the_gap_on_the_page(as_fiona, plan, base):
    url = f"/finance/scenarios/{base.pk}/assumption/?category=rsg&fy=2014/15"
    form = as_fiona.get(url).content.decode()
    assert 'value="£90,000,000"' in form
    found = Assumption.objects.get(scenario=base, category=Category.RSG, fy=FY14)
    response = as_fiona.post(
        url,
        {
            "category": "rsg",
            "fy": "2014/15",
            "amount_pence": "£87m",
            "basis": "A deeper cut",
            "version": found.version,
        },
    )
    assert response.status_code == 302
    body = as_fiona.get("/finance/").content.decode()
    assert 'id="required-2014">£13.00m<' in body


def test_council_tax_is_set_as_its_tax_base_and_band_d(as_fiona, plan, base):
    url = f"/finance/scenarios/{base.pk}/assumption/"
    as_fiona.post(
        url,
        {
            "category": "council_tax",
            "fy": "2013/14",
            "tax_base": "42,400",
            "band_d_pence": "£1,250",
            "basis": "Band D frozen",
        },
    )
    found = Assumption.objects.get(scenario=base, category=Category.COUNCIL_TAX)
    assert found.amount_pence == 53 * M


def test_a_figure_in_error_is_named_in_the_summary(as_fiona, plan, base):
    response = as_fiona.post(
        f"/finance/scenarios/{base.pk}/assumption/",
        {"category": "rsg", "fy": "2013/14", "amount_pence": "-£1m"},
    )
    body = response.content.decode()
    assert "<title>Error: " in body
    assert 'href="#id_amount_pence">The revenue support grant cannot be less than £0.<' in body


def test_a_stale_figure_is_refused(as_fiona, plan, base):
    found = Assumption.objects.get(scenario=base, category=Category.RSG, fy=FY14)
    response = as_fiona.post(
        f"/finance/scenarios/{base.pk}/assumption/?category=rsg&fy=2014/15",
        {"category": "rsg", "fy": "2014/15", "amount_pence": "£1m", "version": found.version + 1},
    )
    assert "changed by someone else" in response.content.decode()


def test_an_editor_is_refused_the_scenario_forms(as_eve, plan, base):
    for url in (
        "/finance/scenarios/new/",
        f"/finance/scenarios/{base.pk}/edit/",
        f"/finance/scenarios/{base.pk}/assumption/",
    ):
        response = as_eve.get(url)
        assert response.status_code == 403
        assert "change the plan&#x27;s scenarios" in response.content.decode()


def test_another_councils_scenario_is_not_found(as_bob, base):
    assert as_bob.get(f"/finance/scenarios/{base.pk}/").status_code == 404


@pytest.mark.parametrize("url", ["/finance/scenarios/"])
def test_the_comparison_refuses_a_post_and_needs_a_login(as_alice, public, url):
    assert as_alice.post(url).status_code == 405
    assert public.get(url).status_code == 302
