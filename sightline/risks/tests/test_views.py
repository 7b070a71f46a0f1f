from sightline.risks.models import Risk
from sightline.risks.tests.factories import RiskFactory


def test_the_register_lists_open_risks_highest_residual_first_for_every_member(
    as_vera, council_a, council_b
):
    RiskFactory(council=council_a, number=1, title="Reputation", initial_score=8, residual_score=6)
    RiskFactory(
        council=council_a, number=12, title="Climate change", initial_score=9, residual_score=8
    )
    RiskFactory(council=council_a, number=5, title="Closed one", closed_on="2026-01-01")
    RiskFactory(council=council_b, number=1, title="Brook's own risk")
    page = as_vera.get("/risks/").content.decode()
    assert page.index("12. Climate change") < page.index("1. Reputation")
    assert "2 risks" in page and "Closed one" not in page and "Brook" not in page
    assert "Add a risk" not in page  # a viewer reads only
    closed = as_vera.get("/risks/?closed=on").content.decode()
    assert "Closed one" in closed and "Reputation" not in closed


def test_an_empty_register_says_so_and_offers_to_add(as_alice):
    page = as_alice.get("/risks/").content.decode()
    assert "The register has no risks yet." in page and 'href="/risks/new/"' in page


def test_filters_search_and_htmx_return_the_table(as_vera, council_a):
    RiskFactory(council=council_a, title="Treasury management")
    RiskFactory(council=council_a, title="Change management")
    response = as_vera.get("/risks/?q=treasury", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Treasury management" in body and "Change management" not in body
    assert "<html" not in body and "matching these filters" in body
    assert "No risks match" in as_vera.get("/risks/?q=nothing").content.decode()


def test_the_register_makes_the_same_queries_for_few_risks_and_many(as_vera, council_a):
    RiskFactory.create_batch(3, council=council_a)
    as_vera.get("/risks/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        as_vera.get("/risks/")
    RiskFactory.create_batch(40, council=council_a)
    with CaptureQueriesContext(connection) as many:
        as_vera.get("/risks/")
    assert len(few.captured_queries) == len(many.captured_queries)


def test_another_councils_risk_is_a_404(as_bob, council_a):
    risk = RiskFactory(council=council_a)
    assert as_bob.get(f"/risks/{risk.pk}/").status_code == 404
    assert as_bob.get(f"/risks/{risk.pk}/edit/").status_code == 404


def test_a_risk_page_shows_scores_controls_and_history(as_vera, council_a):
    risk = RiskFactory(
        council=council_a, number=10, title="Treasury management", initial_score=8, residual_score=3
    )
    page = as_vera.get(f"/risks/{risk.pk}/").content.decode()
    assert "Risk 10" in page and "The controls take 5 off the initial score." in page
    assert "Monthly budget monitoring procedures." in page and 'id="history"' in page
    assert "Change the risk" not in page


def test_the_programme_office_adds_a_risk_and_bad_scores_are_named(as_alice, council_a):
    bad = as_alice.post(
        "/risks/new/",
        {"title": "Loss of key supplier", "initial_score": "6", "residual_score": "8"},
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "govuk-error-summary" in text and "#id_residual_score" in text
    assert "The residual score 8 is higher than the initial score 6" in text
    assert not Risk.objects.exists()
    missing = as_alice.post("/risks/new/", {"initial_score": "x"}).content.decode()
    assert "Enter the risk" in missing and "Enter the initial score as a whole number" in missing
    good = as_alice.post(
        "/risks/new/",
        {
            "title": "Loss of key supplier",
            "initial_likelihood": "2",
            "initial_impact": "4",
            "residual_score": "5",
        },
    )
    risk = Risk.objects.get()
    assert good["Location"] == f"/risks/{risk.pk}/" and risk.initial_score == 8


def test_viewers_editors_and_councillors_cannot_add_or_change(as_vera, as_eve, as_colin, council_a):
    risk = RiskFactory(council=council_a)
    for client in (as_vera, as_eve, as_colin):
        assert client.get("/risks/new/").status_code == 403
        assert client.post(f"/risks/{risk.pk}/edit/", {"title": "x"}).status_code == 403
        assert client.post(f"/risks/{risk.pk}/close/", {"reason": "x"}).status_code == 403
    assert Risk.objects.get().title == risk.title


def test_a_stale_edit_is_refused_with_the_reason_and_nothing_saved(as_alice, alice, council_a):
    from sightline.risks import services

    risk = RiskFactory(council=council_a)
    title = risk.title
    services.risk_save(
        by=alice, risk=risk, data={"residual_score": 5}, expected_version=1, reason="Controls"
    )
    response = as_alice.post(
        f"/risks/{risk.pk}/edit/",
        {"version": "1", "title": "Renamed", "initial_score": "9", "residual_score": "4"},
    )
    assert "changed by someone else" in response.content.decode()
    risk.refresh_from_db()
    assert (risk.title, risk.residual_score, risk.version) == (title, 5, 2)


def test_closing_and_reopening_a_risk_from_its_page(as_alice, council_a):
    risk = RiskFactory(council=council_a)
    assert (
        "Say why the risk is being closed"
        in as_alice.post(f"/risks/{risk.pk}/close/", {"version": "1"}).content.decode()
    )
    response = as_alice.post(f"/risks/{risk.pk}/close/", {"version": "1", "reason": "Ended"})
    assert response.status_code == 302
    page = as_alice.get(f"/risks/{risk.pk}/").content.decode()
    assert "Closed" in page and "Ended" in page and "Reopen the risk" in page
    assert as_alice.get(f"/risks/{risk.pk}/edit/").status_code == 302
    as_alice.post(f"/risks/{risk.pk}/close/", {"version": "2", "reason": "Back again"})
    risk.refresh_from_db()
    assert risk.closed_on is None
    assert risk.history.filter(closed_on=None, history_change_reason="Back again").exists()
