"""The plan's front page (the gap), setting the plan up, closing a year, and the PDF."""

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import FinancialPlan

M = 100_000_000


def test_every_member_reads_the_gap(as_vera, plan, base):
    response = as_vera.get("/finance/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="required-2013">£10.00m<' in body
    assert 'id="to-find-2015"><strong>£10.00m</strong><' in body
    assert "<svg" in body and "The gap over the years: Base scenario" in body
    # A viewer is offered nothing to change.
    assert "Change the plan" not in body and "Close or reopen a year" not in body


def test_the_keepers_are_offered_the_plans_buttons(as_fiona, plan, base):
    body = as_fiona.get("/finance/").content.decode()
    assert "Change the plan" in body and "Close or reopen a year" in body


def test_the_scenario_chooser_answers_htmx_with_the_gap_alone(as_vera, plan, base):
    response = as_vera.get(f"/finance/?scenario={base.pk}", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="gap">') and "<html" not in body


def test_a_council_without_a_plan_is_told_so_and_its_keepers_offered_to_set_it_up(
    as_alice, as_vera, council_a
):
    assert 'id="no-plan"' in as_vera.get("/finance/").content.decode()
    assert "Set up the plan" not in as_vera.get("/finance/").content.decode()
    assert "Set up the plan" in as_alice.get("/finance/").content.decode()


def test_finance_sets_up_the_plan(as_fiona, council_a):
    response = as_fiona.post(
        "/finance/plan/edit/",
        {
            "title": "MTFP 2013-16",
            "first_fy": "13/14",
            "last_fy": "2015-16",
            "base_budget_pence": "£170m",
        },
    )
    assert response.status_code == 302
    plan = FinancialPlan.objects.get(council=council_a)
    assert (plan.first_fy, plan.last_fy) == (FinancialYear(2013), FinancialYear(2015))
    assert plan.base_budget_pence == 170 * M


def test_the_plan_form_names_each_field_in_error(as_fiona, council_a):
    response = as_fiona.post(
        "/finance/plan/edit/",
        {"title": "", "first_fy": "2015/16", "last_fy": "2013/14", "base_budget_pence": "lots"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body
    assert 'href="#id_title">Enter the plan&#x27;s title<' in body
    assert 'href="#id_last_fy">The last year must be 2015/16 or later<' in body
    assert 'href="#id_base_budget_pence">' in body


def test_a_director_is_not_offered_the_plans_form(as_dan, council_a):
    response = as_dan.get("/finance/plan/edit/")
    assert response.status_code == 403
    assert "only the programme office and finance can" in response.content.decode()
    assert as_dan.post("/finance/plan/edit/", {"title": "x"}).status_code == 403


def test_the_programme_office_closes_the_first_year(as_alice, plan):
    response = as_alice.post("/finance/years/", {"action": "close", "fy": "2013/14"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.closed_through == FinancialYear(2013)
    body = as_alice.get("/finance/years/").content.decode()
    assert "Close 2014/15" in body and "Reopen 2013/14" in body


def test_reopening_a_year_asks_why(as_alice, plan):
    as_alice.post("/finance/years/", {"action": "close", "fy": "2013/14"})
    response = as_alice.post("/finance/years/", {"action": "reopen", "fy": "2013/14"})
    assert "Say why the year is being reopened" in response.content.decode()
    as_alice.post("/finance/years/", {"action": "reopen", "fy": "2013/14", "reason": "Restated"})
    plan.refresh_from_db()
    assert plan.closed_through == FinancialYear(2012)


def test_the_plan_downloads_as_a_pdf(as_vera, plan, base):
    response = as_vera.get("/finance/plan.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "url", ["/finance/", "/finance/plan/edit/", "/finance/years/", "/finance/plan.pdf"]
)
def test_the_plans_pages_need_a_login(public, url):
    response = public.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("url", ["/finance/", "/finance/plan.pdf"])
def test_the_plans_read_pages_refuse_a_post(as_alice, url):
    assert as_alice.post(url).status_code == 405


def test_another_councils_member_sees_their_own_councils_plan(as_bob, plan, base):
    assert 'id="no-plan"' in as_bob.get("/finance/").content.decode()
