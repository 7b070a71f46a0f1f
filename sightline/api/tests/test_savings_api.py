import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import (
    BenefitConfirmation,
    Forecast,
    Proposal,
    Rag,
    SavingLine,
    Stage,
)
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    BundleTargetFactory,
    PeriodFactory,
    ProgrammeYearFactory,
    ProposalFactory,
    SavingLineFactory,
)

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)
JSON = "application/json"


def _lines(proposal):
    return [
        (str(line.fy), line.amount_pence)
        for line in SavingLine.objects.filter(proposal=proposal).order_by("fy", "id")
    ]


# --- the programme summary ------------------------------------------------------------------


@pytest.fixture
def programme(council_a):
    """A £1m target for 2013/14; Schools (£600k) and Homes (£500k) bundles; an approved live
    saving of £300k forecast Green at £280k with £100k delivered, a draft idea of £200k, and a
    withdrawn £500k that must count for nothing."""
    ProgrammeYearFactory(council=council_a, fy=FY13, target_pence=100_000_000)
    schools = BundleFactory(council=council_a, name="Schools")
    homes = BundleFactory(council=council_a, name="Homes")
    BundleTargetFactory(bundle=schools, fy=FY13, target_pence=60_000_000)
    BundleTargetFactory(bundle=homes, fy=FY13, target_pence=50_000_000)

    approved = ProposalFactory(
        council=council_a,
        reference="SAV 001",
        title="Merge school transport contracts",
        bundle=schools,
        directorate=DirectorateFactory(council=council_a, name="People"),
        stage=Stage.LIVE,
    )
    approved.decision_status = "approved"
    approved.save()
    SavingLineFactory(proposal=approved, fy=FY13, amount_pence=30_000_000)
    period = PeriodFactory(council=council_a, month=datetime.date(2014, 3, 1))
    Forecast.objects.create(
        proposal=approved,
        period=period,
        month=period.month,
        fy=FY13,
        forecast_pence=28_000_000,
        rag=Rag.GREEN,
    )
    BenefitConfirmation.objects.create(
        proposal=approved, fy=FY13, amount_pence=10_000_000, confirmed_on=datetime.date(2014, 3, 31)
    )

    idea = ProposalFactory(
        council=council_a,
        reference="SAV 002",
        title="Sheltered housing wardens",
        bundle=homes,
        directorate=DirectorateFactory(council=council_a, name="Place"),
    )
    SavingLineFactory(proposal=idea, fy=FY13, amount_pence=20_000_000)
    SavingLineFactory(proposal=idea, fy=FY14, amount_pence=5_000_000)

    withdrawn = ProposalFactory(
        council=council_a,
        reference="SAV 003",
        title="Close the museum",
        bundle=schools,
        directorate=DirectorateFactory(council=council_a, name="Resources"),
        stage=Stage.WITHDRAWN,
        stage_reason="Members would not support it.",
    )
    SavingLineFactory(proposal=withdrawn, fy=FY13, amount_pence=50_000_000)
    return {"approved": approved, "idea": idea, "withdrawn": withdrawn}


def test_the_summary_gives_the_programmes_exact_figures_for_a_year(as_vera, programme):
    response = as_vera.get("/api/v1/programme/summary?fy=2013/14")
    assert response.status_code == 200
    assert response.json() == {
        "financial_year": "2013/14",
        "target": "1000000.00",
        "planned": "500000.00",
        "approved": "300000.00",
        # Risk-adjusted: £280k Green at 100% and £200k not yet rated at 50%.
        "forecast": "380000.00",
        "risk_adjusted_forecast": "380000.00",
        "forecast_unweighted": "480000.00",
        "delivered": "100000.00",
        "bundle_targets": "1100000.00",
        "programming": "100000.00",
        "planned_gap": "-500000.00",
        "bundles": [
            {
                "id": programme["idea"].bundle_id,
                "name": "Homes",
                "target": "500000.00",
                "planned": "200000.00",
                "approved": "0.00",
                "forecast": "100000.00",
                "risk_adjusted_forecast": "100000.00",
                "forecast_unweighted": "200000.00",
                "delivered": "0.00",
                "enabling": False,
            },
            {
                "id": programme["approved"].bundle_id,
                "name": "Schools",
                "target": "600000.00",
                "planned": "300000.00",
                "approved": "300000.00",
                "forecast": "280000.00",
                "risk_adjusted_forecast": "280000.00",
                "forecast_unweighted": "280000.00",
                "delivered": "100000.00",
                "enabling": False,
            },
        ],
        "directorates": [
            {
                "id": programme["approved"].directorate_id,
                "name": "People",
                "planned": "300000.00",
                "approved": "300000.00",
                "forecast": "280000.00",
                "risk_adjusted_forecast": "280000.00",
                "forecast_unweighted": "280000.00",
                "delivered": "100000.00",
            },
            {
                "id": programme["idea"].directorate_id,
                "name": "Place",
                "planned": "200000.00",
                "approved": "0.00",
                "forecast": "100000.00",
                "risk_adjusted_forecast": "100000.00",
                "forecast_unweighted": "200000.00",
                "delivered": "0.00",
            },
        ],
    }


def test_the_summarys_planned_total_is_the_sum_of_the_active_proposals_in_the_list(
    as_alice, programme
):
    summary = as_alice.get("/api/v1/programme/summary?fy=2013/14").json()
    rows = as_alice.get("/api/v1/proposals?fy=2013/14").json()["items"]
    assert len(rows) == 3
    active = [
        r
        for r in rows
        if r["stage"] not in {"withdrawn", "failed"} and r["decision_status"] != "rejected"
    ]
    assert [r["reference"] for r in active] == ["SAV 001", "SAV 002"]
    assert sum(Decimal(r["amount"]) for r in active) == Decimal(summary["planned"])
    approved = [r for r in active if r["decision_status"] == "approved"]
    assert sum(Decimal(r["amount"]) for r in approved) == Decimal(summary["approved"])


def test_the_summary_refuses_a_financial_year_it_cannot_read(as_vera, programme):
    response = as_vera.get("/api/v1/programme/summary?fy=2013")
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "fy: '2013' is not a financial year: give both years (write 2013/14)"
    )
    assert "fy" in response.json()["errors"]


def test_the_summary_defaults_to_the_first_year_of_the_programme(as_vera, programme):
    response = as_vera.get("/api/v1/programme/summary")
    assert response.status_code == 200
    assert response.json()["financial_year"] == "2013/14"
    assert response.json()["target"] == "1000000.00"


def test_the_summary_is_401_without_credentials(public, programme):
    assert public.get("/api/v1/programme/summary?fy=2013/14").status_code == 401


def test_another_council_sees_only_its_own_programme_in_the_summary(as_bob, programme):
    response = as_bob.get("/api/v1/programme/summary?fy=2013/14")
    assert response.status_code == 200
    body = response.json()
    assert body["bundles"] == []
    assert body["directorates"] == []
    for key in ("target", "planned", "approved", "forecast", "delivered", "bundle_targets"):
        assert body[key] == "0.00", key


def test_the_summary_refuses_post(as_alice, programme):
    assert as_alice.post("/api/v1/programme/summary?fy=2013/14").status_code == 405


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_the_demo_summary_shows_lutons_targets_and_over_programming(demo, settings):
    client = Client()
    assert client.login(username="viewer", password=settings.DEMO_PASSWORD)

    body = client.get("/api/v1/programme/summary?fy=2013/14").json()
    assert body["target"] == "18000000.00"
    assert body["bundle_targets"] == "20290000.00"
    assert body["programming"] == "2290000.00"

    body = client.get("/api/v1/programme/summary?fy=2014/15").json()
    assert (body["bundle_targets"], body["target"]) == ("15660000.00", "18000000.00")
    assert body["programming"] == "-2340000.00"

    body = client.get("/api/v1/programme/summary?fy=2015/16").json()
    assert (body["bundle_targets"], body["target"]) == ("9900000.00", "14000000.00")


# --- the proposals list ---------------------------------------------------------------------


def test_the_proposals_list_gives_each_proposals_saving_and_rag(as_vera, programme):
    response = as_vera.get("/api/v1/proposals?fy=2013/14")
    assert response.status_code == 200
    first = response.json()["items"][0]
    approved = programme["approved"]
    assert first == {
        "id": approved.pk,
        "reference": "SAV 001",
        "title": "Merge school transport contracts",
        "stage": "live",
        "decision_status": "approved",
        "bundle": "Schools",
        "directorate": "People",
        "savings_type": "Efficiency",
        "exempt": False,
        "amount": "300000.00",
        "total": "300000.00",
        "rag": "green",
        "url": f"/programme/proposals/{approved.pk}/",
    }
    idea = response.json()["items"][1]
    assert (idea["reference"], idea["amount"], idea["total"], idea["rag"]) == (
        "SAV 002",
        "200000.00",
        "250000.00",
        None,
    )


def test_the_proposals_list_filters_like_the_tracker(as_alice, programme):
    def refs(query):
        response = as_alice.get(f"/api/v1/proposals?fy=2013/14&{query}")
        assert response.status_code == 200, response.content
        return [r["reference"] for r in response.json()["items"]]

    assert refs("stage=live") == ["SAV 001"]
    assert refs("stage=withdrawn") == ["SAV 003"]
    assert refs(f"bundle={programme['approved'].bundle_id}") == ["SAV 001", "SAV 003"]
    assert refs("q=wardens") == ["SAV 002"]
    assert refs("q=sav 00") == ["SAV 001", "SAV 002", "SAV 003"]
    assert refs("rag=green") == ["SAV 001"]
    assert refs("rag=unrated") == ["SAV 002", "SAV 003"]
    assert refs("decision=approved") == ["SAV 001"]
    assert refs(f"directorate={programme['idea'].directorate_id}") == ["SAV 002"]
    assert refs("sort=-amount") == ["SAV 003", "SAV 001", "SAV 002"]


def test_the_proposals_list_refuses_an_unknown_stage_or_year(as_alice, programme):
    assert as_alice.get("/api/v1/proposals?stage=pending").status_code == 422
    response = as_alice.get("/api/v1/proposals?fy=2013/15")
    assert response.status_code == 422
    assert "the second year must follow the first" in response.json()["detail"]


def test_the_proposals_list_is_401_without_credentials(public, programme):
    assert public.get("/api/v1/proposals").status_code == 401


def test_another_council_does_not_see_council_as_proposals(as_bob, programme):
    response = as_bob.get("/api/v1/proposals?fy=2013/14")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "limit": 100, "offset": 0, "items": []}


@pytest.fixture
def exempt(council_a):
    ProposalFactory(council=council_a, reference="SAV 010", title="Library opening hours")
    return ProposalFactory(
        council=council_a,
        reference="SAV 011",
        title="Restructure of the revenues team",
        exempt=True,
        exempt_paragraphs="1, 4",
    )


def test_an_exempt_proposal_is_listed_only_for_those_entitled(as_vera, as_colin, as_alice, exempt):
    def refs(client):
        return [r["reference"] for r in client.get("/api/v1/proposals").json()["items"]]

    assert refs(as_vera) == ["SAV 010"]
    assert refs(as_colin) == ["SAV 010"]
    assert refs(as_alice) == ["SAV 010", "SAV 011"]


def test_an_exempt_proposal_is_404_for_a_viewer_and_shown_to_the_programme_office(
    as_vera, as_alice, exempt
):
    assert as_vera.get(f"/api/v1/proposals/{exempt.pk}").status_code == 404
    response = as_alice.get(f"/api/v1/proposals/{exempt.pk}")
    assert response.status_code == 200
    assert response.json()["exempt"] is True
    assert response.json()["exempt_paragraphs"] == "1, 4"


def test_another_councils_proposal_is_404(as_bob, council_a):
    proposal = ProposalFactory(council=council_a)
    assert as_bob.get(f"/api/v1/proposals/{proposal.pk}").status_code == 404
    response = as_bob.patch(
        f"/api/v1/proposals/{proposal.pk}", {"version": 1, "title": "Mine now"}, content_type=JSON
    )
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.title != "Mine now"


def test_the_proposals_list_takes_the_same_number_of_queries_for_3_or_12_proposals(
    as_alice, council_a
):
    ProgrammeYearFactory(council=council_a, fy=FY13)
    period = PeriodFactory(council=council_a, month=datetime.date(2014, 3, 1))

    def add(n):
        for _ in range(n):
            p = ProposalFactory(council=council_a, bundle=BundleFactory(council=council_a))
            SavingLineFactory(proposal=p, fy=FY13)
            SavingLineFactory(proposal=p, fy=FY14)
            Forecast.objects.create(
                proposal=p,
                period=period,
                month=period.month,
                fy=FY13,
                forecast_pence=1,
                rag=Rag.AMBER,
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = as_alice.get("/api/v1/proposals?fy=2013/14")
        assert response.status_code == 200
        return len(response.json()["items"]), len(queries)

    add(3)
    three, queries_for_three = count()
    add(9)
    twelve, queries_for_twelve = count()
    assert (three, twelve) == (3, 12)
    assert queries_for_twelve == queries_for_three


# --- one proposal ---------------------------------------------------------------------------


def test_a_proposals_detail_has_its_form_profile_staffing_risks_and_gates(as_vera, council_a):
    lead = PersonFactory(council=council_a, name="Sue Lead")
    code = BudgetCodeFactory(council=council_a, code="R1234", name="Revenues")
    p = ProposalFactory(
        council=council_a,
        reference="SAV / RES 002 / 21-22",
        title="Revenues restructure",
        lead_officer=lead,
        summary="Fewer managers.",
        implementation_on=datetime.date(2021, 10, 1),
    )
    p.budget_codes.add(code)
    SavingLineFactory(proposal=p, fy=FY13, amount_pence=2_000_000, budget_code=code)
    SavingLineFactory(proposal=p, fy=FY14, amount_pence=4_900_000)
    p.staffing.create(fy=FY13, role="Team manager", fte=Decimal("1.50"))
    p.risks.create(description="Service dips", mitigation="Phase it")

    response = as_vera.get(f"/api/v1/proposals/{p.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == "SAV / RES 002 / 21-22"
    assert body["savings_type"] == {"id": p.savings_type_id, "name": "Efficiency"}
    assert body["directorate"] == {"id": p.directorate_id, "name": p.directorate.name}
    assert body["lead_officer"] == {"id": lead.pk, "name": "Sue Lead"}
    assert body["sponsor"] is None
    assert body["bundle"] is None
    assert body["implementation_on"] == "2021-10-01"
    assert body["budget_codes"] == [{"id": code.pk, "code": "R1234", "name": "Revenues"}]
    assert body["version"] == 1
    assert [(line["financial_year"], line["amount"]) for line in body["lines"]] == [
        ("2013/14", "20000.00"),
        ("2014/15", "49000.00"),
    ]
    assert body["lines"][0]["budget_code"] == code.pk
    assert body["profile"] == [
        {"financial_year": "2013/14", "incremental": "20000.00", "cumulative": "20000.00"},
        {"financial_year": "2014/15", "incremental": "49000.00", "cumulative": "69000.00"},
    ]
    assert body["staffing"] == [
        {
            "financial_year": "2013/14",
            "role": "Team manager",
            "fte": "1.50",
            "vacancies_held": "0.00",
        }
    ]
    assert body["risks"] == [{"description": "Service dips", "mitigation": "Phase it"}]
    assert body["gates"]["initiation"] == ["a sponsor", "a project manager", "a finance lead"]
    assert body["gates"]["live"] == ["a named accountant"]


def test_an_unknown_proposal_is_404(as_alice):
    assert as_alice.get("/api/v1/proposals/999999").status_code == 404


def test_a_proposal_cannot_be_deleted_through_the_api(as_alice, council_a):
    p = ProposalFactory(council=council_a)
    assert as_alice.delete(f"/api/v1/proposals/{p.pk}").status_code == 405
    assert Proposal.objects.filter(pk=p.pk).exists()


# --- the API as a whole ---------------------------------------------------------------------


def test_a_bearer_token_can_create_a_proposal_without_a_csrf_token(alice, form):
    from sightline.accounts.services import token_create

    _, raw = token_create(user=alice)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/proposals", form, content_type=JSON, headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 201
    assert Proposal.objects.get().created_by == alice


def test_a_login_without_a_council_is_403(db, council_a):
    from sightline.accounts.tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    response = client.get("/api/v1/proposals")
    assert response.status_code == 403
    assert "not a member of any council" in response.json()["detail"]


def test_the_openapi_description_lists_the_savings_endpoints(public, db):
    paths = public.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/proposals"]) == {"get", "post"}
    assert set(paths["/api/v1/proposals/{proposal_id}"]) == {"get", "patch"}
    assert set(paths["/api/v1/proposals/{proposal_id}/lines"]) == {"put"}
    assert set(paths["/api/v1/proposals/{proposal_id}/stage"]) == {"post"}
    assert set(paths["/api/v1/proposals/{proposal_id}/decision"]) == {"post"}
    assert set(paths["/api/v1/proposals/{proposal_id}/forecasts"]) == {"put"}
    assert set(paths["/api/v1/programme/summary"]) == {"get"}
