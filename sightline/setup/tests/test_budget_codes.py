"""The budget codes pages: a ledger line with its budget per financial year, kept by the
programme office or finance; its current budget is its latest year's."""

import pytest
import time_machine

from sightline.accounts.tests.factories import DirectorateFactory
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import BudgetCode
from sightline.savings.tests.factories import BudgetCodeFactory

FY26, FY27 = FinancialYear(2026), FinancialYear(2027)


@pytest.fixture(autouse=True)
def december_2026():
    with time_machine.travel("2026-12-04 10:00 +00:00", tick=False):
        yield


def test_finance_adds_a_budget_code_with_its_budgets_by_year(as_fiona, council_a):
    directorate = DirectorateFactory(council=council_a, name="Resources")
    response = as_fiona.post(
        "/setup/budget-codes/new/",
        {
            "code": "R100",
            "name": "Executive support",
            "directorate": directorate.pk,
            "budget_2026": "1,957,000",
            "budget_2027": "1,800,000",
        },
    )
    code = BudgetCode.objects.get(code="R100")
    assert response["Location"] == f"/setup/budget-codes/{code.pk}/"
    assert (code.current_budget_pence, code.budget_fy) == (180_000_000, FY27)
    assert {b.fy: b.budget_pence for b in code.budgets.all()} == {
        FY26: 195_700_000,
        FY27: 180_000_000,
    }
    page = as_fiona.get(response["Location"]).content.decode()
    assert "£1,800,000 (2027/28)" in page and "£1,957,000" in page


def test_a_budget_code_needs_a_budget_and_a_code_of_its_own(as_alice, council_a):
    BudgetCodeFactory(council=council_a, code="R1")
    page = as_alice.post("/setup/budget-codes/new/", {"code": "R2"}).content.decode()
    assert "Give the code&#x27;s budget for at least one financial year" in page
    assert 'href="#id_budget_2025"' in page
    page = as_alice.post(
        "/setup/budget-codes/new/", {"code": "R1", "budget_2026": "1"}
    ).content.decode()
    assert "Your council already has budget code R1" in page and 'href="#id_code"' in page
    assert BudgetCode.objects.count() == 1


def test_an_older_code_offers_its_current_budget_for_its_year(as_alice, council_a):
    code = BudgetCodeFactory(council=council_a, current_budget_pence=500_000, budget_fy=FY26)
    form = as_alice.get(f"/setup/budget-codes/{code.pk}/edit/").content.decode()
    assert 'name="budget_2026" value="£5,000"' in form
    as_alice.post(
        f"/setup/budget-codes/{code.pk}/edit/",
        {"code": code.code, "budget_2026": "5,000", "budget_2027": "4,000", "version": "1"},
    )
    code.refresh_from_db()
    assert (code.current_budget_pence, code.budget_fy, code.version) == (400_000, FY27, 2)


def test_a_director_reads_budget_codes_but_cannot_change_them(as_dan, council_a):
    code = BudgetCodeFactory(council=council_a, code="R1")
    assert "R1" in as_dan.get("/setup/budget-codes/").content.decode()
    response = as_dan.get(f"/setup/budget-codes/{code.pk}/edit/")
    assert response.status_code == 403
    assert "only the programme office or finance can" in response.content.decode()
