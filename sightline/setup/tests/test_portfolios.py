"""The portfolios pages: a lead member's area of responsibility."""

from sightline.accounts.models import Person, Portfolio
from sightline.accounts.tests.factories import PersonFactory, PortfolioFactory


def test_the_programme_office_adds_a_portfolio_with_its_lead_member(as_alice, council_a):
    councillor = PersonFactory(council=council_a, name="Cllr Kim", kind=Person.Kind.COUNCILLOR)
    PersonFactory(council=council_a, name="An officer")
    form = as_alice.get("/setup/portfolios/new/").content.decode()
    assert "Cllr Kim" in form and "An officer" not in form  # a lead member is a councillor
    response = as_alice.post(
        "/setup/portfolios/new/", {"name": "Finance", "lead_member": councillor.pk}
    )
    portfolio = Portfolio.objects.get(name="Finance")
    assert response["Location"] == f"/setup/portfolios/{portfolio.pk}/"
    assert portfolio.lead_member == councillor


def test_a_portfolio_is_renamed_and_retired(as_alice, council_a):
    portfolio = PortfolioFactory(council=council_a, name="Housing")
    as_alice.post(f"/setup/portfolios/{portfolio.pk}/edit/", {"name": "Homes", "version": "1"})
    as_alice.post(f"/setup/portfolios/{portfolio.pk}/retire/", {"version": "2", "reason": "Gone"})
    portfolio.refresh_from_db()
    assert portfolio.name == "Homes" and portfolio.disabled_on is not None
    page = as_alice.get(f"/setup/portfolios/{portfolio.pk}/").content.decode()
    assert "Housing" in page and "Homes" in page  # the history shows the rename


def test_a_portfolio_names_the_directorate_it_leads(as_alice, council_a, council_b):
    from sightline.accounts.tests.factories import DirectorateFactory

    ours = DirectorateFactory(council=council_a, name="Chief Executive's Department")
    theirs = DirectorateFactory(council=council_b, name="Elsewhere")
    form = as_alice.get("/setup/portfolios/new/").content.decode()
    assert "Chief Executive&#x27;s Department" in form and "Elsewhere" not in form
    refused = as_alice.post(
        "/setup/portfolios/new/", {"name": "Resources", "directorate": theirs.pk}
    )
    assert refused.status_code == 200 and not Portfolio.objects.filter(name="Resources").exists()
    response = as_alice.post(
        "/setup/portfolios/new/", {"name": "Resources", "directorate": ours.pk}
    )
    assert response.status_code == 302
    portfolio = Portfolio.objects.get(name="Resources")
    assert portfolio.directorate == ours
    page = as_alice.get(f"/setup/portfolios/{portfolio.pk}/").content.decode()
    assert "Chief Executive&#x27;s Department" in page
