"""Savings types, bundles and budget codes in the JSON API: read by every member, written by
those the set-up pages' rules allow, each change against the version read."""

from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import BudgetCode, Bundle, SavingsType
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    BundleTargetFactory,
    SavingsTypeFactory,
)

JSON = "application/json"
FY26 = FinancialYear(2026)


# --- savings types ------------------------------------------------------------------------------


def test_savings_types_are_listed_with_their_counting_rule(as_vera, council_a, council_b):
    SavingsTypeFactory(council=council_a, name="Cost avoidance", cashable=False)
    SavingsTypeFactory(council=council_b, name="Brook's own")
    [kind] = as_vera.get("/api/v1/savings-types").json()["items"]
    assert kind["name"] == "Cost avoidance" and kind["recurring"] is True
    assert kind["counting_rule"] == "non-cashable, recurring, counts toward the budget gap"
    assert as_vera.get(f"/api/v1/savings-types/{kind['id']}").json()["version"] == 1


def test_the_programme_office_adds_changes_and_retires_a_savings_type(as_alice, council_a):
    created = as_alice.post(
        "/api/v1/savings-types",
        {"name": "Use of reserves", "recurring": False, "counts_toward_gap": False},
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = as_alice.patch(
        f"/api/v1/savings-types/{pk}",
        {"version": 1, "retired": True, "reason": "Not a saving"},
        content_type=JSON,
    )
    assert changed.status_code == 200 and changed.json()["retired_on"] is not None
    stale = as_alice.patch(
        f"/api/v1/savings-types/{pk}", {"version": 1, "name": "Reserves"}, content_type=JSON
    )
    assert stale.status_code == 422 and "changed by someone else" in stale.json()["detail"]
    assert SavingsType.objects.get(pk=pk).name == "Use of reserves"


def test_savings_types_are_refused_to_others_and_to_another_council(
    as_vera, as_bob, as_alice, council_a
):
    refused = as_vera.post("/api/v1/savings-types", {"name": "X"}, content_type=JSON)
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("You cannot change the savings types: only")
    kind = SavingsTypeFactory(council=council_a)
    assert as_bob.get(f"/api/v1/savings-types/{kind.pk}").status_code == 404
    twice = as_alice.post("/api/v1/savings-types", {"name": kind.name}, content_type=JSON)
    assert twice.status_code == 422 and "name" in twice.json()["errors"]


# --- bundles ------------------------------------------------------------------------------------


def test_the_programme_office_adds_a_bundle_with_targets_and_changes_one(as_alice, council_a):
    sponsor = PersonFactory(council=council_a, name="Dee")
    created = as_alice.post(
        "/api/v1/bundles",
        {
            "name": "Customer access",
            "sponsor": sponsor.pk,
            "targets": [{"financial_year": "26/27", "amount": "1200000"}],
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["sponsor"] == {"id": sponsor.pk, "name": "Dee"}
    assert body["targets"] == [{"financial_year": "2026/27", "amount": "1200000.00"}]
    changed = as_alice.patch(
        f"/api/v1/bundles/{body['id']}",
        {
            "version": 1,
            "targets": [
                {"financial_year": "2026/27", "amount": None},
                {"financial_year": "2027/28", "amount": "5000"},
            ],
        },
        content_type=JSON,
    )
    assert changed.json()["targets"] == [{"financial_year": "2027/28", "amount": "5000.00"}]


def test_a_bundle_is_refused_with_each_problem_named(as_alice, as_fiona, council_a, council_b):
    stranger = PersonFactory(council=council_b)
    foreign = as_alice.post(
        "/api/v1/bundles", {"name": "X", "lead": stranger.pk}, content_type=JSON
    )
    assert foreign.status_code == 422
    assert foreign.json()["errors"] == {
        "lead": [f"There is no lead with id {stranger.pk} in your council."]
    }
    enabling = as_alice.post(
        "/api/v1/bundles",
        {"name": "IT", "enabling": True, "targets": [{"financial_year": "2026/27", "amount": "1"}]},
        content_type=JSON,
    )
    assert enabling.status_code == 422 and "enabling" in enabling.json()["errors"]
    bad_year = as_alice.post(
        "/api/v1/bundles",
        {"name": "Y", "targets": [{"financial_year": "someday", "amount": "1"}]},
        content_type=JSON,
    )
    assert "targets[0].financial_year" in bad_year.json()["errors"]
    assert as_fiona.post("/api/v1/bundles", {"name": "Z"}, content_type=JSON).status_code == 403
    assert not Bundle.objects.exists()


def test_bundles_are_read_with_their_targets(as_vera, as_bob, council_a):
    bundle = BundleFactory(council=council_a)
    BundleTargetFactory(bundle=bundle, fy=FY26, target_pence=150)
    [out] = as_vera.get("/api/v1/bundles").json()["items"]
    assert out["targets"] == [{"financial_year": "2026/27", "amount": "1.50"}]
    assert as_bob.get(f"/api/v1/bundles/{bundle.pk}").status_code == 404


# --- budget codes -------------------------------------------------------------------------------


def test_finance_adds_a_budget_code_with_budgets_and_changes_one(as_fiona, council_a):
    directorate = DirectorateFactory(council=council_a, name="Resources")
    created = as_fiona.post(
        "/api/v1/budget-codes",
        {
            "code": "R100",
            "directorate": directorate.pk,
            "budgets": [
                {"financial_year": "2026/27", "amount": "1957000"},
                {"financial_year": "2027/28", "amount": "1800000"},
            ],
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["current_budget"], body["budget_year"]) == ("1800000.00", "2027/28")
    assert body["directorate"] == {"id": directorate.pk, "name": "Resources"}
    changed = as_fiona.patch(
        f"/api/v1/budget-codes/{body['id']}",
        {"version": 1, "budgets": [{"financial_year": "2027/28", "amount": "1700000"}]},
        content_type=JSON,
    )
    assert changed.json()["current_budget"] == "1700000.00"
    assert BudgetCode.objects.get().current_budget_pence == 170_000_000


def test_a_budget_code_is_refused_to_a_director_and_needs_a_budget(as_dan, as_alice, council_a):
    body = {"code": "R1", "budgets": [{"financial_year": "2026/27", "amount": "1"}]}
    refused = as_dan.post("/api/v1/budget-codes", body, content_type=JSON)
    assert refused.status_code == 403 and "programme office or finance" in refused.json()["detail"]
    none = as_alice.post("/api/v1/budget-codes", {"code": "R1", "budgets": []}, content_type=JSON)
    assert none.status_code == 422 and "budgets" in none.json()["errors"]
    negative = as_alice.post(
        "/api/v1/budget-codes",
        {"code": "R1", "budgets": [{"financial_year": "2026/27", "amount": "-5"}]},
        content_type=JSON,
    )
    assert negative.json()["errors"] == {"budgets[0].amount": ["cannot be less than £0."]}
    assert not BudgetCode.objects.exists()


def test_budget_codes_are_read_by_every_member_of_the_council_only(as_vera, as_bob, council_a):
    code = BudgetCodeFactory(council=council_a, code="R9", current_budget_pence=100)
    [out] = as_vera.get("/api/v1/budget-codes").json()["items"]
    assert (out["code"], out["current_budget"], out["budgets"]) == ("R9", "1.00", [])
    assert as_bob.get(f"/api/v1/budget-codes/{code.pk}").status_code == 404
    assert as_bob.get("/api/v1/budget-codes").json()["items"] == []
