"""Generating a simulation, residents' submissions, and sending the results to each
proposal's consultation record."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sightline.impact.models import Audience, Consultation
from sightline.savings.models import SavingLine
from sightline.simulator import selectors, services
from sightline.simulator.models import Submission
from sightline.simulator.tests.conftest import FY14, M, make_simulation


def answer(simulation, *, remove=(), moves=None, tax=0, **extra):
    options = {o.reference: o for o in simulation.options.all()}
    named = {s.name: s for s in simulation.services.all()}
    return services.Answer(
        keep={o.pk: ref not in remove for ref, o in options.items()},
        percents={named[n].pk: p for n, p in (moves or {}).items()},
        tax_hundredths=tax,
        **extra,
    )


def test_it_copies_each_option_with_its_saving_by_the_year(simulation, programme):
    options = {o.reference: o for o in simulation.options.all()}
    assert set(options) == {"ER 01", "HCL 07"}
    assert options["ER 01"].amount_pence == 3 * M  # 2015/16's line comes after the year
    assert options["HCL 07"].amount_pence == 2 * M
    roads = simulation.services.get(name="Roads")
    assert (roads.budget_pence, roads.min_percent, roads.max_percent) == (100 * M, -10, 5)
    assert roads.budget_source == "Budget 2013/14"


def test_a_changed_proposal_does_not_alter_a_running_simulation(simulation, programme):
    SavingLine.objects.filter(proposal=programme["buses"]).update(amount_pence=9 * M)
    programme["buses"].title = "Something else"
    programme["buses"].save()
    option = simulation.options.get(reference="ER 01")
    assert option.amount_pence == 3 * M and option.title == "Off-peak bus passes"


def test_it_never_offers_an_exempt_proposal(council_a, alice, programme):
    with pytest.raises(ValidationError) as error:
        make_simulation(council_a, alice, programme, proposals=[programme["secret"]])
    assert "SEC 01 cannot be offered" in str(error.value)


def test_the_default_offer_leaves_exempt_proposals_out(council_a, alice, programme):
    offers = selectors.offerable(membership=alice.membership, fy=FY14)
    assert {o.proposal.reference for o in offers if o.default} == {"ER 01", "HCL 07"}
    assert "SEC 01" not in {o.proposal.reference for o in offers}


def test_only_the_programme_office_generates_one(council_a, vera, fiona, programme):
    for user in (vera, fiona):
        with pytest.raises(PermissionDenied, match="only the programme office can"):
            make_simulation(council_a, user, programme)


def test_it_refuses_a_closing_date_before_the_opening(council_a, alice, programme):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        make_simulation(council_a, alice, programme, closes_on=today - datetime.timedelta(days=5))
    assert "closes_on" in error.value.message_dict


def test_a_submission_is_saved_with_its_balance(simulation):
    saved = services.submission_create(
        simulation=simulation,
        answer=answer(simulation, remove=["HCL 07"], moves={"Roads": -5}, tax=199),
    )
    # 3m kept + 5m from roads + 1.99% of 50m (995,000) = 8,995,000: short of 10m.
    assert saved.total_pence == 3 * M + 5 * M + 99_500_000
    assert not saved.closes_gap
    kept = {c.option.reference: c.keep for c in saved.options.all()}
    assert kept == {"ER 01": True, "HCL 07": False}
    assert {c.service.name: c.percent for c in saved.services.all()} == {"Roads": -5, "Parks": 0}


def test_a_move_outside_the_councils_range_is_refused_naming_the_service(simulation):
    with pytest.raises(ValidationError) as error:
        services.submission_create(
            simulation=simulation, answer=answer(simulation, moves={"Roads": 6})
        )
    roads = simulation.services.get(name="Roads")
    assert error.value.message_dict[f"service_{roads.pk}"] == [
        "Roads: enter a change from -10% to 5%"
    ]
    assert Submission.objects.count() == 0


def test_a_draft_or_closed_simulation_takes_no_submissions(draft, alice):
    with pytest.raises(ValidationError, match="not taking responses"):
        services.submission_create(simulation=draft, answer=services.Answer())
    services.simulation_publish(simulation=draft, by=alice)
    services.simulation_close(simulation=draft, by=alice)
    with pytest.raises(ValidationError, match="not taking responses"):
        services.submission_create(simulation=draft, answer=services.Answer())


def test_sending_the_results_records_a_residents_consultation_on_each_proposal(
    simulation, alice, programme
):
    services.submission_create(
        simulation=simulation,
        answer=answer(
            simulation,
            remove=["ER 01"],
            option_comments={simulation.options.get(reference="ER 01").pk: "Keep the buses"},
        ),
    )
    services.submission_create(simulation=simulation, answer=answer(simulation))
    services.simulation_send_results(simulation=simulation, by=alice)
    record = Consultation.objects.get(proposal=programme["buses"])
    assert record.audience == Audience.RESIDENTS
    assert record.responses == 2
    opens = simulation.opens_on
    assert record.outcome.startswith(f"Resident budget simulator, {opens.day} {opens:%B %Y} to ")
    assert record.outcome.endswith(": 2 responses, 50% would keep this saving; 1 comment.")
    # Sent again after another response: the same record, brought up to date.
    services.submission_create(simulation=simulation, answer=answer(simulation))
    services.simulation_close(simulation=simulation, by=alice)
    assert Consultation.objects.filter(proposal=programme["buses"]).count() == 1
    record.refresh_from_db()
    assert "3 responses, 67% would keep this saving" in record.outcome
    assert record.history.count() == 2  # recorded, then changed, with who and why


def test_only_the_programme_office_sends_the_results(simulation, fiona):
    with pytest.raises(PermissionDenied):
        services.simulation_send_results(simulation=simulation, by=fiona)


def test_results_for_proposal_gives_the_committee_report_its_figures(simulation, programme):
    services.submission_create(simulation=simulation, answer=answer(simulation, remove=["HCL 07"]))
    found = selectors.results_for_proposal(programme["centres"])
    assert len(found) == 1
    assert (found[0].responses, found[0].kept, found[0].removed) == (1, 0, 1)
    assert found[0].kept_percent == 0
    assert selectors.results_for_proposal(programme["secret"]) == []


def test_the_results_summarise_options_services_tax_and_demographics(simulation):
    services.submission_create(
        simulation=simulation,
        answer=answer(
            simulation,
            moves={"Roads": -4},
            tax=100,
            demographics={"age_band": "35_44"},
            comment="Fine",
        ),
    )
    services.submission_create(simulation=simulation, answer=answer(simulation, moves={"Roads": 2}))
    found = selectors.results(simulation)
    assert found.responses == 2
    roads = next(s for s in found.services if s.name == "Roads")
    assert (roads.average_hundredths, roads.cut, roads.raised) == (-100, 1, 1)
    assert found.tax == [("0%", 1), ("1%", 1)] and found.tax_average_hundredths == 50
    ages = dict(dict(found.demographics)["Age"])
    assert ages["35 to 44"] == 1 and ages["Not answered"] == 1
    assert found.comments == ["Fine"]


def test_a_council_has_one_simulator_a_year(council_a, alice, draft, programme):
    with pytest.raises(ValidationError, match="There is already a simulator for 2014/15"):
        make_simulation(council_a, alice, programme)
