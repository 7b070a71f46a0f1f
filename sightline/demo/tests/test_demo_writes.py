"""The demo is written as the councils would write it: through the services, as their own
logins, citing each council document by its title."""

import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db.models import Sum
from django.test import Client

from sightline.accounts.models import Council, Membership, Person, Role
from sightline.core.models import BaseModel
from sightline.demo.sources import DOCUMENTS, EXECUTIVE_REPORT, LUTON_TOGETHER
from sightline.savings.models import Period, Proposal, SavingsType, StageChange
from sightline.savings.selectors import monitoring_report

APPS = {"accounts", "savings", "strategy", "plans", "performance", "risks"}
SEED_NUMBER = re.compile(r"seeds? ?0[0-9]{2}", re.IGNORECASE)


@pytest.fixture
def demo(demo_data, db):
    """The demo councils, loaded once for this module."""


def _demo_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in APPS and issubclass(model, BaseModel)
    ]


def test_every_demo_record_is_written_by_a_demo_login(demo):
    """Only what the server's operator creates (each council, and its programme office login
    with the person it names) and the default savings types (which their service keeps
    without a login) have no login as their author."""
    offices = Membership.objects.filter(role=Role.PROGRAMME_OFFICE)
    by_operator = {
        Council: Council.objects.all(),
        Membership: offices,
        Person: Person.objects.filter(user__membership__in=offices),
        SavingsType: SavingsType.objects.all(),
    }
    for model in _demo_models():
        unauthored = model.objects.filter(created_by__isnull=True)
        allowed = by_operator.get(model)
        if allowed is not None:
            unauthored = unauthored.exclude(pk__in=allowed.values("pk"))
        assert not unauthored.exists(), f"{model._meta.label} written without a login"


def test_no_demo_record_or_history_cites_a_seed_number(demo):
    for model in _demo_models():
        texts = [
            f.name
            for f in model._meta.concrete_fields
            if f.get_internal_type() in {"CharField", "TextField"}
        ]
        for values in model.objects.values_list(*texts):
            for value in values:
                if isinstance(value, str):
                    assert not SEED_NUMBER.search(value), f"{model._meta.label}: {value}"
        reasons = model.history.exclude(history_change_reason=None).values_list(
            "history_change_reason", flat=True
        )
        for reason in reasons:
            assert not SEED_NUMBER.search(reason), f"{model._meta.label} history: {reason}"


def test_the_chief_executives_savings_cite_the_executive_report_by_its_title(demo):
    cex01 = Proposal.objects.get(reference="CEX 01")
    assert cex01.summary.startswith(EXECUTIVE_REPORT + ", recommendation 1")
    assert cex01.history.earliest().history_change_reason == f"Demo data from {EXECUTIVE_REPORT}"
    assert "Luton Borough Council, Executive report" in EXECUTIVE_REPORT
    assert len(DOCUMENTS) == 5


def test_an_overridden_gate_says_which_document_does_not_give_what_it_asks(demo):
    override = StageChange.objects.get(proposal__reference="ER 02", overridden=True)
    assert override.to_stage == "initiation"
    assert override.missing == ["an indicative budget code"]
    assert LUTON_TOGETHER in override.reason
    assert override.by.username == "programme_office"
    # The Executive report's savings have everything their gates ask for.
    assert not StageChange.objects.filter(proposal__reference="CEX 01", overridden=True).exists()


def test_each_closed_months_report_is_the_report_its_history_produces(demo):
    closed = Period.objects.filter(council__short_code="lbc", status="closed").order_by("month")
    assert [p.month.isoformat() for p in closed] == ["2014-01-01", "2014-02-01"]
    for period in closed:
        assert period.closed_by.username == "programme_office"
        assert monitoring_report(period=period, as_of=period.closed_at) == period.report


def test_the_tower_hamlets_proposal_is_exempt_with_its_saving_staffing_and_risks(demo):
    proposal = Proposal.objects.get(reference="SAV / RES 002 / 21-22")
    assert proposal.exempt and proposal.exempt_paragraphs == "1, 4"
    assert [(str(line.fy), line.amount_pence) for line in proposal.lines.all()] == [
        ("2021/22", 55_300_000)
    ]
    assert proposal.staffing.aggregate(fte=Sum("fte"))["fte"] == Decimal(11)
    assert proposal.risks.count() == 3
    assert proposal.created_by.username == "th_programme_office"


def test_finance_confirms_the_delivered_saving_and_a_second_person_approves_actuals(demo):
    cex01 = Proposal.objects.get(reference="CEX 01")
    assert cex01.benefits.get().created_by.username == "finance"
    from sightline.performance.models import Actual

    for actual in Actual.objects.filter(status="approved"):
        assert actual.approved_by_id != actual.created_by_id


@pytest.mark.parametrize("username", ["programme_office", "th_programme_office"])
def test_a_demo_programme_office_opens_the_administration(demo, settings, username):
    client = Client()
    assert client.login(username=username, password=settings.DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
