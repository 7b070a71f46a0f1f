"""The public pages: no login, only what the council publishes, never anything exempt,
cacheable; and the programme office's settings page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from sightline.core.history import history_for
from sightline.public.models import ExemptTotals, PublicSettings
from sightline.savings.models import DecisionStatus, Proposal, Stage
from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(council_a):
    return PublicSettings.objects.create(council=council_a, published=True)


def _saving(council, *, title, pence, exempt=False, approved=True, **extra):
    proposal = ProposalFactory(
        council=council,
        title=title,
        stage=Stage.LIVE,
        decision_status=DecisionStatus.APPROVED if approved else DecisionStatus.DRAFT,
        exempt=exempt,
        exempt_paragraphs="1, 4" if exempt else "",
        **extra,
    )
    SavingLineFactory(proposal=proposal, amount_pence=pence)
    return proposal


def test_a_council_that_does_not_publish_is_not_found(public, council_a):
    assert public.get("/c/arden/").status_code == 404
    PublicSettings.objects.create(council=council_a, published=False)
    assert public.get("/c/arden/").status_code == 404
    assert public.get("/c/arden/data/priorities.csv").status_code == 404
    assert public.get("/api/v1/public/arden/tables").status_code == 404


def test_the_public_reads_approved_savings_without_a_login(public, published, council_a):
    _saving(council_a, title="Close the old depot", pence=12_345_600)
    _saving(council_a, title="A draft idea", pence=50_000_00, approved=False)
    response = public.get("/c/arden/savings/2013-14/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Close the old depot" in text
    assert "£123,456" in text
    assert "A draft idea" not in text
    assert "Signed in as" not in text


def test_a_years_savings_are_shown_a_page_at_a_time_under_the_totals_of_all(
    public, published, council_a, monkeypatch
):
    from sightline.public import views

    monkeypatch.setattr(views, "SAVINGS_PAGE_SIZE", 2)
    for n, title in enumerate(["First saving", "Second saving", "Third saving"], start=1):
        _saving(council_a, title=title, pence=n * 100_000_00)
    first = public.get("/c/arden/savings/2013-14/").content.decode()
    second = public.get("/c/arden/savings/2013-14/?page=2").content.decode()
    assert "Showing 1 to 2 of 3 savings." in first and 'href="?page=2" rel="next"' in first
    assert "Showing 3 to 3 of 3 savings." in second
    shown = [t for t in ("First saving", "Second saving", "Third saving") if t in first]
    assert len(shown) == 2 and sum(t in second for t in ("First", "Second", "Third")) == 1
    for page in (first, second):  # the figures above the list are of every saving
        assert "£600,000" in page


def test_an_exempt_saving_is_never_named_and_counted_only_as_chosen(public, published, council_a):
    _saving(council_a, title="Open saving", pence=100_000_00)
    _saving(council_a, title="Secret restructure", pence=55_300_000, exempt=True)
    page = public.get("/c/arden/savings/2013-14/").content.decode()
    assert "Secret restructure" not in page
    assert "Not yet published" not in page
    assert "£100,000" in page and "£653,000" not in page

    published.exempt_totals = ExemptTotals.ONE_LINE
    published.save()
    page = public.get("/c/arden/savings/2013-14/").content.decode()
    assert "Secret restructure" not in page
    assert "Not yet published: £553,000 across 1 saving." in page
    assert "£653,000" in page  # the total counts it, unnamed


def test_an_exempt_saving_appears_once_its_date_has_come(public, published, council_a):
    proposal = _saving(council_a, title="Secret restructure", pence=55_300_000, exempt=True)
    assert "Secret restructure" not in public.get("/c/arden/savings/2013-14/").content.decode()
    Proposal.objects.filter(pk=proposal.pk).update(exempt_until=timezone.localdate())
    assert "Secret restructure" in public.get("/c/arden/savings/2013-14/").content.decode()


def test_an_exempt_saving_led_by_an_officer_without_a_login_stays_hidden(
    public, published, council_a
):
    """The public reads as no login at all: a lead officer without one is not the public."""
    from sightline.accounts.tests.factories import PersonFactory

    officer = PersonFactory(council=council_a, user=None)
    _saving(council_a, title="Secret restructure", pence=1, exempt=True, lead_officer=officer)
    assert "Secret restructure" not in public.get("/c/arden/savings/2013-14/").content.decode()


def test_public_pages_are_cacheable_and_set_no_cookie(public, published, council_a):
    _saving(council_a, title="Open saving", pence=100_000_00)
    response = public.get("/c/arden/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["ETag"]
    assert not response.cookies
    again = public.get("/c/arden/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_signed_in_member_sees_the_same_public_page(as_vera, public, published, council_a):
    _saving(council_a, title="Open saving", pence=100_000_00)
    assert as_vera.get("/c/arden/").content == public.get("/c/arden/").content


def test_a_public_answer_carries_nothing_personal_for_a_shared_cache(
    as_vera, public, published, council_a
):
    """A proxy may keep a "Cache-Control: public" answer and hand it to the next reader:
    it must not carry a member's session cookie, nor vary by cookie (one copy for all)."""
    _saving(council_a, title="Open saving", pence=100_000_00)
    for client in (as_vera, public):
        response = client.get("/c/arden/")
        assert "public" in response["Cache-Control"]
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()
    # Staff pages still vary by cookie and keep the session alive.
    staff = as_vera.get("/")
    assert "Cookie" in staff["Vary"]


def test_public_pages_take_get_only(public, published):
    assert public.post("/c/arden/").status_code == 405


def test_a_public_page_answers_head_as_get_without_a_body_or_anything_personal(
    as_vera, public, published, council_a
):
    """Link checkers and caches ask HEAD: the same headers as GET, shared by everyone."""
    _saving(council_a, title="Open saving", pence=100_000_00)
    got = public.get("/c/arden/")
    for client in (as_vera, public):
        head = client.head("/c/arden/")
        assert head.status_code == 200 and head.content == b""
        assert head["ETag"] == got["ETag"] and "public" in head["Cache-Control"]
        assert not head.cookies and "cookie" not in head.get("Vary", "").lower()


def test_an_unknown_year_or_table_is_not_found(public, published, council_a):
    _saving(council_a, title="Open saving", pence=1)
    assert public.get("/c/arden/savings/2099-00/").status_code == 404
    assert public.get("/c/arden/savings/nonsense/").status_code == 404
    assert public.get("/c/arden/data/nothing.csv").status_code == 404
    assert public.get("/c/arden/data/savings-2020-21.csv").status_code == 404


def test_the_risk_summary_only_if_published(public, published):
    assert public.get("/c/arden/risks/").status_code == 404
    published.publish_risk_summary = True
    published.save()
    assert public.get("/c/arden/risks/").status_code == 200


def test_the_home_page_says_when_there_is_no_financial_plan(public, published):
    text = public.get("/c/arden/").content.decode()
    assert "has not published a medium-term financial plan" in text


# --- the settings page ---------------------------------------------------------------------------


def test_the_programme_office_publishes(as_alice, public, council_a):
    assert as_alice.get("/public-settings/").status_code == 200
    response = as_alice.post(
        "/public-settings/",
        {"published": "on", "exempt_totals": "one_line", "reason": "Go live"},
    )
    assert response.status_code == 302
    settings = PublicSettings.objects.get(council=council_a)
    assert settings.published and settings.exempt_totals == ExemptTotals.ONE_LINE
    assert history_for(settings)
    assert public.get("/c/arden/").status_code == 200


def test_a_bad_choice_is_named(as_alice, council_a):
    response = as_alice.post("/public-settings/", {"exempt_totals": "everything"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not PublicSettings.objects.filter(council=council_a).exists()


def test_a_viewer_may_not_change_what_is_published(as_vera, council_a):
    assert as_vera.get("/public-settings/").status_code == 403
    response = as_vera.post("/public-settings/", {"published": "on", "exempt_totals": "leave_out"})
    assert response.status_code == 403
    assert "only the programme office can" in response.content.decode()
    assert not PublicSettings.objects.filter(council=council_a).exists()


def test_publish_now_publishes_an_exempt_proposal_with_history(as_alice, alice, council_a):
    proposal = _saving(council_a, title="Secret restructure", pence=1, exempt=True)
    page = as_alice.get("/public-settings/").content.decode()
    assert "Secret restructure" in page and "Publish now" in page
    response = as_alice.post(f"/public-settings/publish/{proposal.pk}/", {"reason": "Consulted"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.exempt_until == timezone.localdate()
    latest = proposal.history.latest("history_id")
    assert latest.history_change_reason == "Consulted"
    assert latest.history_user == alice


def test_publish_now_is_the_programme_office_s(as_vera, as_fiona, council_a):
    proposal = _saving(council_a, title="Secret restructure", pence=1, exempt=True)
    # A viewer may not even know it exists; finance reads it but may not publish it.
    assert as_vera.post(f"/public-settings/publish/{proposal.pk}/").status_code == 404
    assert as_fiona.post(f"/public-settings/publish/{proposal.pk}/").status_code == 403
    proposal.refresh_from_db()
    assert proposal.exempt_until is None


def test_publish_now_refuses_a_proposal_already_published(as_alice, council_a):
    proposal = _saving(council_a, title="Open", pence=1)
    response = as_alice.post(f"/public-settings/publish/{proposal.pk}/", follow=True)
    assert "already published" in response.content.decode()
    past = _saving(
        council_a,
        title="Was exempt",
        pence=1,
        exempt=True,
        exempt_until=datetime.date(2013, 1, 1),
    )
    as_alice.post(f"/public-settings/publish/{past.pk}/")
    past.refresh_from_db()
    assert past.exempt_until == datetime.date(2013, 1, 1)


def test_the_programme_office_chooses_the_public_indicators(as_alice, public, council_a):
    from sightline.performance.models import Actual, Indicator
    from sightline.performance.tests.factories import IndicatorFactory

    shown = IndicatorFactory(council=council_a, code="NI 59", title="Assessments on time")
    IndicatorFactory(council=council_a, code="NI 60", title="Core assessments")
    Actual.objects.create(indicator=shown, period=datetime.date(2013, 4, 1), value=71)
    response = as_alice.post(
        "/public-settings/",
        {"published": "on", "exempt_totals": "leave_out", "public_indicators": [shown.pk]},
    )
    assert response.status_code == 302
    assert list(Indicator.objects.filter(public=True)) == [shown]
    assert shown.history.latest("history_id").history_user is not None
    page = public.get("/c/arden/indicators/").content.decode()
    assert "Assessments on time" in page and "Core assessments" not in page
    assert "71.0%" not in page and "No approved values yet" in page  # awaiting approval


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/c/arden/", "/c/arden/savings/2013-14/"])
def test_the_pages_read_in_constant_queries(public, published, council_a, url):
    for n in range(3):
        _saving(council_a, title=f"Saving {n}", pence=1_000_00)
    few = _queries(public, url)
    for n in range(3, 15):
        _saving(council_a, title=f"Saving {n}", pence=1_000_00)
    assert _queries(public, url) == few


def _plan(council):
    from sightline.finance.models import Scenario
    from sightline.finance.tests.factories import FinancialPlanFactory

    FinancialPlanFactory(council=council)
    Scenario.objects.create(council=council, name="Base", is_base=True)


def test_the_home_page_reads_in_constant_queries_whatever_the_years(public, published, council_a):
    """With the budget gap and the one unnamed line, over one year of savings or three."""
    from sightline.core.fiscal import FinancialYear

    _plan(council_a)
    published.exempt_totals = ExemptTotals.ONE_LINE
    published.save()
    _saving(council_a, title="Saving", pence=1_000_00)
    _saving(council_a, title="Exempt", pence=1_000_00, exempt=True)
    few = _queries(public, "/c/arden/")
    for n, year in enumerate((2014, 2015, 2014, 2015)):
        proposal = _saving(council_a, title=f"Saving {n}", pence=1_000_00, exempt=n == 3)
        SavingLineFactory(proposal=proposal, fy=FinancialYear(year), amount_pence=2_000_00)
    page = public.get("/c/arden/").content.decode()
    assert "Approved savings in 2015/16" in page and "Approved savings in 2013/14" in page
    assert _queries(public, "/c/arden/") == few


def test_the_home_page_gives_each_year_the_totals_of_its_savings_page(
    public, published, council_a, fiona
):
    """By directorate, delivered and not yet published: the home page's totals, read for all
    the years at once, are each year's own page's."""
    from sightline.core.fiscal import FinancialYear
    from sightline.public import selectors
    from sightline.savings import services as savings_services

    published.exempt_totals = ExemptTotals.ONE_LINE
    published.save()
    first = _saving(council_a, title="Close the depot", pence=300_000_00)
    SavingLineFactory(proposal=first, fy=FinancialYear(2014), amount_pence=50_000_00)
    same = _saving(
        council_a, title="Merge the teams", pence=100_000_00, directorate=first.directorate
    )
    savings_services.benefit_confirm(
        proposal=same, fy=FinancialYear(2013), amount_pence=80_000_00, by=fiona
    )
    # Confirmed in a year in which it plans nothing: not on that year's page.
    savings_services.benefit_confirm(
        proposal=same, fy=FinancialYear(2014), amount_pence=5_000_00, by=fiona, over_planned=True
    )
    _saving(council_a, title="Other directorate", pence=20_000_00)
    _saving(council_a, title="Secret", pence=55_300_000, exempt=True)
    _saving(council_a, title="Draft", pence=1_000_00, approved=False)
    years = selectors.savings_years(council_a)
    assert years == [FinancialYear(2013), FinancialYear(2014)]
    totals = selectors.years_totals(council_a, published, years)
    assert [t.fy for t in totals] == years
    for found in totals:
        page = selectors.year_savings(council_a, published, found.fy)
        assert [vars(d) for d in found.directorates] == [vars(d) for d in page.directorates]
        assert (found.planned, found.delivered, found.count) == (
            page.planned,
            page.delivered,
            page.count,
        )
        assert (found.unpublished_count, found.unpublished_amount, found.show_unpublished) == (
            page.unpublished_count,
            page.unpublished_amount,
            page.show_unpublished,
        )
    assert (totals[0].count, totals[0].planned, totals[0].delivered) == (3, 420_000_00, 80_000_00)
    assert (totals[0].unpublished_count, totals[0].unpublished_amount) == (1, 553_000_00)
    assert (totals[1].count, totals[1].planned, totals[1].delivered) == (1, 50_000_00, 0)
    assert not totals[1].show_unpublished
