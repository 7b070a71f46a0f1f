"""The financial plan in the JSON API: the same figures as the pages, writes through the
services."""

import json

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import BudgetLine, FinancialPlan, LineKind, Milestone, Scenario
from sightline.finance.tests.factories import (
    BudgetFigureFactory,
    BudgetLineFactory,
    MilestoneFactory,
)

FY11 = FinancialYear(2011)
M = 100_000_000


def _send(client, method, url, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_the_gap_reads_year_by_year(as_vera, plan, base):
    body = as_vera.get("/api/v1/finance/gap").json()
    assert body["name"] == "Base"
    assert [y["savings_required"] for y in body["gap"]] == ["10000000.00"] * 3
    assert body["gap"][1]["spending_need"] == "100000000.00"
    assert body["totals"]["to_find"] == "30000000.00"


def test_changing_an_assumption_moves_the_gap_in_the_api(as_fiona, plan, base):
    response = _send(
        as_fiona,
        "PUT",
        f"/api/v1/finance/scenarios/{base.pk}/assumptions",
        {"category": "rsg", "financial_year": "2014/15", "amount": "87000000", "basis": "Cut"},
    )
    assert response.status_code == 200, response.content
    gap = {y["financial_year"]: y for y in response.json()["gap"]}
    assert gap["2014/15"]["savings_required"] == "13000000.00"
    assert gap["2014/15"]["gap_remaining"] == "13000000.00"
    assert as_fiona.get("/api/v1/finance/gap").json()["gap"][1]["to_find"] == "13000000.00"


def test_council_tax_is_sent_as_tax_base_and_band_d(as_fiona, plan, base):
    response = _send(
        as_fiona,
        "PUT",
        f"/api/v1/finance/scenarios/{base.pk}/assumptions",
        {"category": "council_tax", "financial_year": "2013/14", "tax_base": "42400",
         "band_d": "1250.00"},
    )  # fmt: skip
    found = next(a for a in response.json()["assumptions"] if a["category"] == "council_tax")
    assert (found["amount"], found["tax_base"], found["band_d"]) == (
        "53000000.00",
        "42400.00",
        "1250.00",
    )


def test_a_viewer_cannot_change_an_assumption(as_vera, plan, base):
    response = _send(
        as_vera,
        "PUT",
        f"/api/v1/finance/scenarios/{base.pk}/assumptions",
        {"category": "rsg", "financial_year": "2014/15", "amount": "1"},
    )
    assert response.status_code == 403
    assert "only the programme office and finance can" in response.json()["detail"]


def test_scenarios_compare_in_the_api(as_fiona, plan, base):
    _send(as_fiona, "POST", "/api/v1/finance/scenarios", {"name": "Copy", "copy_from": base.pk})
    scenarios = as_fiona.get("/api/v1/finance/scenarios").json()["items"]
    assert [s["name"] for s in scenarios] == ["Base", "Copy"]
    assert scenarios[0]["totals"] == scenarios[1]["totals"]
    detail = as_fiona.get(f"/api/v1/finance/scenarios/{scenarios[1]['id']}").json()
    rsg = [s for s in detail["sensitivity"] if s["category"] == "rsg"]
    assert (rsg[1]["change"], rsg[1]["change_percent"]) == ("-5000000.00", "-5.3")


def test_the_plan_is_set_up_through_the_api(as_alice, council_a):
    response = _send(
        as_alice,
        "PUT",
        "/api/v1/finance/plan",
        {"title": "MTFP", "first_year": "13/14", "last_year": "2015/16", "base_budget": "£170m"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["years"] == ["2013/14", "2014/15", "2015/16"]
    assert FinancialPlan.objects.get().base_budget_pence == 170 * M


def test_a_plan_with_its_years_backwards_is_refused_naming_the_field(as_alice, council_a):
    response = _send(
        as_alice,
        "PUT",
        "/api/v1/finance/plan",
        {"title": "MTFP", "first_year": "2015/16", "last_year": "2013/14", "base_budget": "1"},
    )
    assert response.status_code == 422 and "last_fy" in response.json()["errors"]


def test_a_year_closes_through_the_api(as_fiona, plan):
    response = _send(as_fiona, "POST", "/api/v1/finance/years/close", {"financial_year": "2013/14"})
    assert response.json()["closed_through"] == "2013/14"


def test_an_unbalanced_capital_programme_is_flagged_in_the_api(as_vera, council_a):
    spending = BudgetLineFactory(council=council_a, kind=LineKind.CAPITAL_SPENDING, name="Roads")
    BudgetFigureFactory(line=spending, fy=FY11, budget_pence=10 * M)
    financing = BudgetLineFactory(council=council_a, kind=LineKind.CAPITAL_FINANCING, name="Grant")
    BudgetFigureFactory(line=financing, fy=FY11, budget_pence=9 * M)
    body = as_vera.get("/api/v1/finance/capital").json()
    assert body["balanced"] is False
    assert body["balances"][0]["difference"] == "1000000.00"


def test_a_budget_line_is_added_and_changed_through_the_api(as_fiona, council_a):
    response = _send(
        as_fiona,
        "POST",
        "/api/v1/finance/budget-lines",
        {
            "kind": "service",
            "name": "Central services",
            "figures": [{"financial_year": "2011/12", "budget": "21310000"}],
        },
    )
    assert response.status_code == 201, response.content
    line = response.json()
    assert line["figures"] == [
        {"financial_year": "2011/12", "budget": "21310000.00", "outturn": None}
    ]
    response = _send(
        as_fiona,
        "PATCH",
        f"/api/v1/finance/budget-lines/{line['id']}",
        {"version": line["version"], "figures": [{"financial_year": "2010/11", "outturn": "1"}]},
    )
    assert len(response.json()["figures"]) == 2
    revenue = as_fiona.get("/api/v1/finance/revenue").json()
    assert revenue["service_expenditure"] == ["1.00", "21310000.00"]
    assert BudgetLine.objects.get().version == 2


def test_the_cycle_reads_and_a_milestone_is_marked_done(as_alice, council_a):
    milestone = MilestoneFactory(council=council_a, name="Strategy to Executive")
    body = as_alice.get("/api/v1/finance/cycle").json()
    assert body["financial_year"] == "2013/14" and body["as_at"] == "2014-03-31"
    assert body["milestones"][0]["id"] == milestone.pk
    assert body["milestones"][0]["overdue"] is True  # due June 2013, not done
    response = _send(
        as_alice,
        "PATCH",
        f"/api/v1/finance/cycle/{milestone.pk}",
        {"status": "done", "version": milestone.version},
    )
    assert response.json()["status"] == "done"
    assert Milestone.objects.get().status == "done"


def test_another_councils_scenario_is_not_found_in_the_api(as_bob, base):
    assert as_bob.get(f"/api/v1/finance/scenarios/{base.pk}").status_code == 404
    assert Scenario.objects.count() == 1
