"""The budget cycle's pages, and the programme dashboard saying where the council is."""

import datetime

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import Milestone, MilestoneStatus
from sightline.finance.tests.factories import MilestoneFactory

FY13 = FinancialYear(2013)


def _cycle(council):
    MilestoneFactory(
        council=council,
        name="Monthly reporting",
        starts_on=datetime.date(2013, 4, 1),
        due_on=datetime.date(2014, 3, 31),
        months_only=True,
        status=MilestoneStatus.IN_PROGRESS,
        owner="Finance review group",
    )
    return MilestoneFactory(
        council=council,
        name="Cycle repeats",
        starts_on=datetime.date(2014, 3, 1),
        due_on=datetime.date(2014, 3, 31),
        months_only=True,
    )


def test_every_member_reads_the_cycle_with_where_the_council_is(as_vera, council_a):
    _cycle(council_a)
    body = as_vera.get("/finance/cycle/").content.decode()
    assert 'id="cycle-now">Under way: <strong>Monthly reporting</strong>' in body
    assert "April 2013 to March 2014" in body
    assert 'id="cycle-next">Due next: <strong>Cycle repeats</strong>, March 2014' in body
    assert "Add a milestone" not in body


def test_the_dashboard_says_where_the_council_is_in_the_cycle(as_vera, council_a):
    _cycle(council_a)
    body = as_vera.get("/programme/?fy=2013/14").content.decode()
    assert 'id="budget-cycle-now"' in body
    assert "Due next: <strong>Cycle repeats</strong>" in body


def test_the_dashboard_says_nothing_of_a_cycle_the_council_has_not_set(as_vera, council_a):
    assert 'id="budget-cycle-now"' not in as_vera.get("/programme/").content.decode()


def test_finance_adds_a_milestone_with_govuk_dates(as_fiona, council_a):
    response = as_fiona.post(
        "/finance/cycle/new/",
        {
            "fy": "2013/14",
            "name": "Revised strategy to Executive",
            "starts_on_day": "1",
            "starts_on_month": "6",
            "starts_on_year": "2013",
            "due_on_day": "30",
            "due_on_month": "6",
            "due_on_year": "2013",
            "owner": "Executive",
            "status": "not_started",
        },
    )
    assert response.status_code == 302
    assert Milestone.objects.get().due_on == datetime.date(2013, 6, 30)


def test_a_milestone_without_a_due_date_is_named_in_the_summary(as_fiona, council_a):
    response = as_fiona.post(
        "/finance/cycle/new/", {"fy": "2013/14", "name": "X", "status": "not_started"}
    )
    body = response.content.decode()
    assert "<title>Error: " in body and 'href="#due_on_day">Enter due<' in body


def test_the_programme_office_marks_a_milestone_done(as_alice, council_a):
    milestone = _cycle(council_a)
    data = {
        "fy": "2013/14",
        "name": milestone.name,
        "due_on_day": "31",
        "due_on_month": "3",
        "due_on_year": "2014",
        "status": "done",
        "version": milestone.version,
    }
    assert as_alice.post(f"/finance/cycle/{milestone.pk}/", data).status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.DONE


def test_the_cycle_repeats_for_the_next_year(as_fiona, council_a):
    _cycle(council_a)
    response = as_fiona.post("/finance/cycle/repeat/", {"fy": "2013/14"})
    assert response.status_code == 302 and response["Location"].endswith("?fy=2014/15")
    assert Milestone.objects.filter(fy=FinancialYear(2014)).count() == 2


def test_a_councillor_is_refused_the_cycles_forms(as_colin, council_a):
    milestone = _cycle(council_a)
    for url in ("/finance/cycle/new/", "/finance/cycle/repeat/", f"/finance/cycle/{milestone.pk}/"):
        response = as_colin.get(url)
        assert response.status_code == 403
        assert "You cannot change the budget cycle" in response.content.decode()


def test_another_councils_milestone_is_not_found(as_alice, council_b):
    milestone = MilestoneFactory(council=council_b)
    assert as_alice.get(f"/finance/cycle/{milestone.pk}/").status_code == 404


def test_an_unreadable_cycle_year_is_said_so(as_vera, council_a):
    _cycle(council_a)
    response = as_vera.get("/finance/cycle/?fy=2013-15")
    assert "Cycle year:" in response.content.decode()


def test_the_cycle_page_refuses_a_post(as_alice):
    assert as_alice.post("/finance/cycle/").status_code == 405
