import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import (
    BenefitConfirmation,
    DecisionEvent,
    Forecast,
    Proposal,
    Rag,
    SavingLine,
    Stage,
    StageChange,
)
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    BundleTargetFactory,
    PeriodFactory,
    ProgrammeYearFactory,
    ProposalFactory,
    SavingLineFactory,
    SavingsTypeFactory,
    ready_for_initiation,
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


# --- creating a proposal --------------------------------------------------------------------


@pytest.fixture
def form(council_a):
    """The ids a new proposal of council A needs."""
    return {
        "reference": "SAV / RES 002 / 21-22",
        "title": "Revenues and benefits restructure",
        "savings_type": SavingsTypeFactory(council=council_a).pk,
        "directorate": DirectorateFactory(council=council_a, name="Resources").pk,
    }


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


@pytest.fixture
def led_by_eve(council_a, eve):
    return ProposalFactory(council=council_a, title="Old title", lead_officer=eve.person)


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


# --- stages ---------------------------------------------------------------------------------


def test_initiation_is_refused_saying_exactly_what_is_missing(as_eve, led_by_eve):
    response = as_eve.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage", {"to": "initiation"}, content_type=JSON
    )
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "This proposal cannot move to initiation: it needs a sponsor, a project manager, "
        "an indicative budget code and a finance lead."
    )
    led_by_eve.refresh_from_db()
    assert led_by_eve.stage == "idea"
    assert not StageChange.objects.exists()


def test_a_proposal_with_everything_the_gate_asks_for_moves_to_initiation(as_eve, led_by_eve):
    ready_for_initiation(led_by_eve)
    response = as_eve.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage", {"to": "initiation"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "initiation"
    led_by_eve.refresh_from_db()
    assert led_by_eve.stage == "initiation"
    change = StageChange.objects.get(proposal=led_by_eve)
    assert (change.from_stage, change.to_stage, change.overridden) == ("idea", "initiation", False)


def test_the_programme_office_may_override_a_gate_with_a_reason(as_alice, alice, led_by_eve):
    response = as_alice.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage",
        {"to": "initiation", "override": True, "reason": "CLMT agreed to start now"},
        content_type=JSON,
    )
    assert response.status_code == 200
    change = StageChange.objects.get(proposal=led_by_eve)
    assert change.overridden is True
    assert change.by == alice
    assert change.reason == "CLMT agreed to start now"
    assert "a finance lead" in change.missing


def test_an_editor_cannot_override_a_gate(as_eve, led_by_eve):
    response = as_eve.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage",
        {"to": "initiation", "override": True, "reason": "Please"},
        content_type=JSON,
    )
    assert response.status_code == 403
    led_by_eve.refresh_from_db()
    assert led_by_eve.stage == "idea"


def test_a_stage_that_does_not_exist_is_refused(as_alice, led_by_eve):
    response = as_alice.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage", {"to": "finished"}, content_type=JSON
    )
    assert response.status_code == 422


# --- decisions ------------------------------------------------------------------------------


@pytest.fixture
def in_dans_directorate(council_a, dan):
    return ProposalFactory(council=council_a, directorate=dan.membership.directorate)


def test_a_proposal_with_an_empty_profile_cannot_be_approved(as_dan, in_dans_directorate):
    p = in_dans_directorate
    submitted = as_dan.post(
        f"/api/v1/proposals/{p.pk}/decision", {"to": "submitted"}, content_type=JSON
    )
    assert submitted.status_code == 200
    assert submitted.json()["decision_status"] == "submitted"
    response = as_dan.post(
        f"/api/v1/proposals/{p.pk}/decision",
        {"to": "approved", "body": "executive", "decided_on": "2014-02-20"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "its savings profile is empty" in response.json()["detail"]
    p.refresh_from_db()
    assert p.decision_status == "submitted"


def test_the_director_approves_a_proposal_in_their_directorate(as_dan, dan, in_dans_directorate):
    p = in_dans_directorate
    p.decision_status = "submitted"
    p.save()
    SavingLineFactory(proposal=p, fy=FY13, amount_pence=2_000_000)
    response = as_dan.post(
        f"/api/v1/proposals/{p.pk}/decision",
        {
            "to": "approved",
            "body": "executive",
            "decided_on": "2014-02-20",
            "reference": "EX 20/02/14 item 7",
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["decision_status"], body["decision_body"], body["decision_on"]) == (
        "approved",
        "executive",
        "2014-02-20",
    )
    p.refresh_from_db()
    assert (p.decision_status, p.decision_reference) == ("approved", "EX 20/02/14 item 7")
    event = DecisionEvent.objects.get(proposal=p)
    assert (event.to_status, event.by) == ("approved", dan)


def test_an_editor_cannot_record_an_approval(as_eve, led_by_eve):
    led_by_eve.decision_status = "submitted"
    led_by_eve.save()
    SavingLineFactory(proposal=led_by_eve, fy=FY13)
    response = as_eve.post(
        f"/api/v1/proposals/{led_by_eve.pk}/decision",
        {"to": "approved", "body": "executive", "decided_on": "2014-02-20"},
        content_type=JSON,
    )
    assert response.status_code == 403
    led_by_eve.refresh_from_db()
    assert led_by_eve.decision_status == "submitted"


# --- forecasts ------------------------------------------------------------------------------


@pytest.fixture
def live(led_by_eve):
    led_by_eve.stage = Stage.LIVE
    led_by_eve.save()
    SavingLineFactory(proposal=led_by_eve, fy=FY13, amount_pence=8_000_000)
    return led_by_eve


@pytest.fixture
def march(council_a):
    return PeriodFactory(council=council_a, month=datetime.date(2014, 3, 1))


def _forecast(**extra):
    return {"period": "2014-03", "financial_year": "2013/14", "forecast": "£60k", **extra}


def test_an_amber_forecast_needs_commentary(as_eve, live, march):
    url = f"/api/v1/proposals/{live.pk}/forecasts"
    response = as_eve.put(url, _forecast(rag="amber"), content_type=JSON)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["commentary"]
    assert not Forecast.objects.exists()


def test_a_forecast_with_commentary_is_recorded(as_eve, live, march):
    url = f"/api/v1/proposals/{live.pk}/forecasts"
    response = as_eve.put(
        url, _forecast(rag="amber", commentary="Contract starts a month late"), content_type=JSON
    )
    assert response.status_code == 200, response.content
    forecast = Forecast.objects.get(proposal=live)
    assert (forecast.period, forecast.fy, forecast.forecast_pence, forecast.rag) == (
        march,
        FY13,
        6_000_000,
        "amber",
    )
    assert response.json() == {
        "id": forecast.pk,
        "proposal": live.pk,
        "period": "2014-03",
        "financial_year": "2013/14",
        "forecast": "60000.00",
        "rag": "amber",
        "commentary": "Contract starts a month late",
        "slippage": "0.00",
        "slipped_to": None,
        "replacement": "",
        "version": 1,
    }


def test_a_forecast_into_a_closed_period_is_refused(as_eve, live, council_a):
    PeriodFactory(
        council=council_a,
        month=datetime.date(2014, 3, 1),
        status="closed",
        closed_at=timezone.now(),
    )
    response = as_eve.put(
        f"/api/v1/proposals/{live.pk}/forecasts", _forecast(rag="green"), content_type=JSON
    )
    assert response.status_code == 422
    assert "period is closed" in response.json()["detail"]
    assert not Forecast.objects.exists()


def test_a_forecast_needs_a_period_of_the_callers_own_council(as_eve, live, council_b):
    PeriodFactory(council=council_b, month=datetime.date(2014, 3, 1))
    response = as_eve.put(
        f"/api/v1/proposals/{live.pk}/forecasts", _forecast(rag="green"), content_type=JSON
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["period"]
    assert not Forecast.objects.exists()


def test_a_forecast_refuses_a_bad_amount_naming_the_field(as_eve, live, march):
    response = as_eve.put(
        f"/api/v1/proposals/{live.pk}/forecasts",
        _forecast(rag="green", forecast="60k dollars"),
        content_type=JSON,
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["forecast"]


def test_a_viewer_cannot_record_a_forecast(as_vera, live, march):
    response = as_vera.put(
        f"/api/v1/proposals/{live.pk}/forecasts", _forecast(rag="green"), content_type=JSON
    )
    assert response.status_code == 403
    assert not Forecast.objects.exists()


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
