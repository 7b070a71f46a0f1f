"""The savings API's writes: creating and editing a proposal, its savings profile, stages,
decisions and forecasts (the reads are in test_savings_api.py)."""

import datetime

import pytest

from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import (
    Proposal,
    SavingLine,
)
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    ProposalFactory,
    SavingLineFactory,
    SavingsTypeFactory,
)

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)
JSON = "application/json"


def _lines(proposal):
    return [
        (str(line.fy), line.amount_pence)
        for line in SavingLine.objects.filter(proposal=proposal).order_by("fy", "id")
    ]


# --- creating a proposal --------------------------------------------------------------------


def test_an_editor_creates_a_proposal_and_becomes_its_lead_officer(as_eve, eve, council_a, form):
    sponsor = PersonFactory(council=council_a, name="Sam Sponsor")
    code = BudgetCodeFactory(council=council_a)
    body = {
        **form,
        "sponsor": sponsor.pk,
        "budget_codes": [code.pk],
        "summary": "Merge two teams.",
        "implementation_on": "2021-10-01",
        "reason": "From the January workshop",
    }
    response = as_eve.post("/api/v1/proposals", body, content_type=JSON)
    assert response.status_code == 201, response.content
    p = Proposal.objects.get(reference="SAV / RES 002 / 21-22")
    assert p.council == council_a
    assert (p.stage, p.decision_status) == ("idea", "draft")
    assert p.lead_officer == eve.person
    assert p.sponsor == sponsor
    assert list(p.budget_codes.all()) == [code]
    assert p.implementation_on == datetime.date(2021, 10, 1)
    assert p.created_by == eve
    out = response.json()
    assert out["id"] == p.pk
    assert out["lead_officer"] == {"id": eve.person.pk, "name": eve.person.name}
    assert out["sponsor"] == {"id": sponsor.pk, "name": "Sam Sponsor"}
    assert out["version"] == 1


def test_a_viewer_cannot_create_a_proposal(as_vera, form):
    response = as_vera.post("/api/v1/proposals", form, content_type=JSON)
    assert response.status_code == 403
    assert response.json()["detail"].startswith("You cannot create a savings proposal")
    assert not Proposal.objects.exists()


def test_creating_a_proposal_is_401_without_credentials(public, form):
    assert public.post("/api/v1/proposals", form, content_type=JSON).status_code == 401
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "field", ["savings_type", "directorate", "bundle", "sponsor", "portfolio", "budget_codes"]
)
def test_an_id_from_another_council_is_refused_naming_the_field(as_alice, form, council_b, field):
    from sightline.accounts.tests.factories import PortfolioFactory

    other = {
        "savings_type": lambda: SavingsTypeFactory(council=council_b).pk,
        "directorate": lambda: DirectorateFactory(council=council_b).pk,
        "bundle": lambda: BundleFactory(council=council_b).pk,
        "sponsor": lambda: PersonFactory(council=council_b).pk,
        "portfolio": lambda: PortfolioFactory(council=council_b).pk,
        "budget_codes": lambda: [BudgetCodeFactory(council=council_b).pk],
    }[field]()
    response = as_alice.post("/api/v1/proposals", {**form, field: other}, content_type=JSON)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    assert "in your council" in response.json()["detail"]
    assert not Proposal.objects.exists()


def test_a_proposal_needs_a_reference_its_council_has_not_used(as_alice, form, council_a):
    ProposalFactory(council=council_a, reference=form["reference"])
    response = as_alice.post("/api/v1/proposals", form, content_type=JSON)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "reference": ["Reference SAV / RES 002 / 21-22 is already used by another proposal."]
    }
    assert Proposal.objects.count() == 1


def test_another_council_may_use_the_same_reference(as_bob, council_b, council_a):
    ProposalFactory(council=council_a, reference="SAV 001")
    body = {
        "reference": "SAV 001",
        "title": "Brook's own",
        "savings_type": SavingsTypeFactory(council=council_b).pk,
        "directorate": DirectorateFactory(council=council_b).pk,
    }
    assert as_bob.post("/api/v1/proposals", body, content_type=JSON).status_code == 201


def test_an_exempt_proposal_must_name_its_schedule_12a_paragraphs(as_alice, form):
    response = as_alice.post("/api/v1/proposals", {**form, "exempt": True}, content_type=JSON)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["exempt_paragraphs"]
    assert not Proposal.objects.exists()


def test_a_service_area_must_be_in_the_proposals_directorate(as_alice, form, council_a):
    from sightline.accounts.tests.factories import ServiceAreaFactory

    elsewhere = ServiceAreaFactory(directorate=DirectorateFactory(council=council_a))
    response = as_alice.post(
        "/api/v1/proposals", {**form, "service_area": elsewhere.pk}, content_type=JSON
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["service_area"]


# --- editing a proposal ---------------------------------------------------------------------


def test_an_edit_against_a_stale_version_is_refused_and_changes_nothing(
    as_alice, as_eve, led_by_eve
):
    url = f"/api/v1/proposals/{led_by_eve.pk}"
    first = as_alice.patch(url, {"version": 1, "title": "Alice's title"}, content_type=JSON)
    assert first.status_code == 200
    assert first.json()["version"] == 2

    stale = as_eve.patch(url, {"version": 1, "title": "Eve's title"}, content_type=JSON)
    assert stale.status_code == 422
    assert "changed by someone else" in stale.json()["detail"]
    led_by_eve.refresh_from_db()
    assert (led_by_eve.title, led_by_eve.version) == ("Alice's title", 2)


def test_an_edit_with_the_current_version_is_saved_and_the_version_goes_up(
    as_eve, led_by_eve, council_a
):
    sponsor = PersonFactory(council=council_a, name="Sam Sponsor")
    response = as_eve.patch(
        f"/api/v1/proposals/{led_by_eve.pk}",
        {"version": 1, "title": "New title", "sponsor": sponsor.pk, "reason": "Agreed"},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["title"] == "New title"
    led_by_eve.refresh_from_db()
    assert (led_by_eve.title, led_by_eve.sponsor, led_by_eve.version) == ("New title", sponsor, 2)
    assert led_by_eve.summary == ""  # fields not sent are left alone


def test_an_edit_must_give_the_version(as_eve, led_by_eve):
    response = as_eve.patch(
        f"/api/v1/proposals/{led_by_eve.pk}", {"title": "New title"}, content_type=JSON
    )
    assert response.status_code == 422
    led_by_eve.refresh_from_db()
    assert led_by_eve.title == "Old title"


def test_an_edit_cannot_link_another_councils_person(as_eve, led_by_eve, council_b):
    response = as_eve.patch(
        f"/api/v1/proposals/{led_by_eve.pk}",
        {"version": 1, "sponsor": PersonFactory(council=council_b).pk},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["sponsor"]
    led_by_eve.refresh_from_db()
    assert (led_by_eve.sponsor, led_by_eve.version) == (None, 1)


def test_a_viewer_cannot_edit_a_proposal(as_vera, led_by_eve):
    response = as_vera.patch(
        f"/api/v1/proposals/{led_by_eve.pk}", {"version": 1, "title": "Mine"}, content_type=JSON
    )
    assert response.status_code == 403
    led_by_eve.refresh_from_db()
    assert led_by_eve.title == "Old title"


def test_finance_cannot_change_a_proposals_budget_codes(as_fiona, led_by_eve, council_a):
    code = BudgetCodeFactory(council=council_a)
    response = as_fiona.patch(
        f"/api/v1/proposals/{led_by_eve.pk}",
        {"version": 1, "budget_codes": [code.pk]},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert not led_by_eve.budget_codes.exists()


def test_finance_may_name_the_accountant(as_fiona, led_by_eve, council_a):
    accountant = PersonFactory(council=council_a, name="Ann Accountant")
    response = as_fiona.patch(
        f"/api/v1/proposals/{led_by_eve.pk}",
        {"version": 1, "accountant": accountant.pk},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert response.json()["accountant"] == {"id": accountant.pk, "name": "Ann Accountant"}


def test_an_editor_who_sponsors_an_exempt_proposal_can_read_it(as_eve, eve, council_a):
    p = ProposalFactory(council=council_a, exempt=True, exempt_paragraphs="1", sponsor=eve.person)
    assert as_eve.get(f"/api/v1/proposals/{p.pk}").status_code == 200


# --- the savings profile --------------------------------------------------------------------


def test_putting_lines_replaces_the_profile_and_reads_pounds_as_typed(as_eve, led_by_eve):
    SavingLineFactory(proposal=led_by_eve, fy=FY13, amount_pence=10_000_000)
    response = as_eve.put(
        f"/api/v1/proposals/{led_by_eve.pk}/lines",
        {
            "version": 1,
            "reason": "Revised after consultation",
            "lines": [
                {"financial_year": "2013/14", "amount": "£24.5k"},
                {
                    "financial_year": "14/15",
                    "amount": "49000.00",
                    "kind": "income",
                    "recurring": False,
                    "description": "Fees",
                },
            ],
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert _lines(led_by_eve) == [("2013/14", 2_450_000), ("2014/15", 4_900_000)]
    body = response.json()
    assert body["version"] == 2
    assert [(line["amount"], line["kind"], line["recurring"]) for line in body["lines"]] == [
        ("24500.00", "reduction", True),
        ("49000.00", "income", False),
    ]
    assert body["profile"] == [
        {"financial_year": "2013/14", "incremental": "24500.00", "cumulative": "24500.00"},
        {"financial_year": "2014/15", "incremental": "49000.00", "cumulative": "73500.00"},
    ]


def test_a_bad_amount_is_refused_naming_the_line_and_nothing_is_saved(as_eve, led_by_eve):
    SavingLineFactory(proposal=led_by_eve, fy=FY13, amount_pence=10_000_000)
    response = as_eve.put(
        f"/api/v1/proposals/{led_by_eve.pk}/lines",
        {
            "version": 1,
            "lines": [
                {"financial_year": "2013/14", "amount": "£10k"},
                {"financial_year": "2014/15", "amount": "twelve"},
            ],
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["line 2 (amount)"]
    assert "'twelve' is not an amount" in response.json()["detail"]
    assert _lines(led_by_eve) == [("2013/14", 10_000_000)]
    led_by_eve.refresh_from_db()
    assert led_by_eve.version == 1


def test_a_profile_over_a_budget_codes_budget_is_refused_and_the_old_lines_remain(
    as_eve, led_by_eve, council_a
):
    SavingLineFactory(proposal=led_by_eve, fy=FY13, amount_pence=10_000_000)
    code = BudgetCodeFactory(council=council_a, code="R1", current_budget_pence=5_000_000)
    response = as_eve.put(
        f"/api/v1/proposals/{led_by_eve.pk}/lines",
        {
            "version": 1,
            "lines": [{"financial_year": "2013/14", "amount": "£60k", "budget_code": code.pk}],
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "Budget code R1" in response.json()["detail"]
    assert _lines(led_by_eve) == [("2013/14", 10_000_000)]


def test_lines_cannot_use_another_councils_budget_code(as_eve, led_by_eve, council_b):
    code = BudgetCodeFactory(council=council_b)
    response = as_eve.put(
        f"/api/v1/proposals/{led_by_eve.pk}/lines",
        {
            "version": 1,
            "lines": [{"financial_year": "2013/14", "amount": "1", "budget_code": code.pk}],
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["line 1 (budget_code)"]
    assert _lines(led_by_eve) == []


def test_lines_against_a_stale_version_are_refused(as_eve, led_by_eve):
    SavingLineFactory(proposal=led_by_eve, fy=FY13, amount_pence=10_000_000)
    response = as_eve.put(
        f"/api/v1/proposals/{led_by_eve.pk}/lines",
        {"version": 7, "lines": [{"financial_year": "2013/14", "amount": "£1k"}]},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "changed by someone else" in response.json()["detail"]
    assert _lines(led_by_eve) == [("2013/14", 10_000_000)]


def test_a_viewer_cannot_change_the_lines(as_vera, led_by_eve):
    response = as_vera.put(
        f"/api/v1/proposals/{led_by_eve.pk}/lines",
        {"version": 1, "lines": [{"financial_year": "2013/14", "amount": "£1k"}]},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert _lines(led_by_eve) == []


def test_null_for_a_text_field_clears_it_rather_than_failing(as_alice, led_by_eve):
    # Found by schemathesis: a PATCH of {"background": null} reached the database as NULL
    # and answered 500.
    led_by_eve.background = "Two teams, one front door."
    led_by_eve.save()
    response = as_alice.patch(
        f"/api/v1/proposals/{led_by_eve.pk}",
        {"version": 1, "background": None, "reason": "Cleared"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    led_by_eve.refresh_from_db()
    assert led_by_eve.background == ""
    assert led_by_eve.version == 2
