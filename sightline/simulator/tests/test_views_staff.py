"""The programme office's pages: generate, publish, close, send; every member reads."""

import csv
import io

from sightline.impact.models import Consultation
from sightline.simulator import services
from sightline.simulator.models import Simulation


def test_every_member_reads_the_list_and_only_the_programme_office_is_offered_to_generate(
    as_vera, as_alice, simulation
):
    body = as_vera.get("/simulator/").content.decode()
    assert "Your budget 2014/15" in body and "Generate a simulator" not in body
    assert "Generate a simulator" in as_alice.get("/simulator/").content.decode()


def test_the_generate_page_offers_the_programme_by_default(as_alice, programme):
    response = as_alice.get("/simulator/new/?fy=2014/15")
    body = response.content.decode()
    assert response.status_code == 200
    assert "ER 01 Off-peak bus passes (£3,000,000)" in body
    assert "SEC 01" not in body  # exempt: never offered
    assert 'value="£50,000,000"' in body or 'value="50,000,000"' in body


def test_the_programme_office_generates_a_simulation(as_alice, programme):
    response = as_alice.post(
        "/simulator/new/",
        {
            "fy": "2014/15",
            "title": "Balance 2014/15",
            "gap": "£10m",
            "council_tax": "£50m",
            "tax_max": "4.99",
            "min_percent": "-10",
            "max_percent": "10",
            "opens_on_day": "1",
            "opens_on_month": "9",
            "opens_on_year": "2014",
            "closes_on_day": "31",
            "closes_on_month": "1",
            "closes_on_year": "2015",
            "proposals": [programme["buses"].pk],
            "services": [programme["roads"].pk],
        },
    )
    created = Simulation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/simulator/{created.pk}/"
    assert created.gap_pence == 1_000_000_000 and created.tax_max_hundredths == 499
    assert [o.reference for o in created.options.all()] == ["ER 01"]
    assert created.published_at is None


def test_a_bad_generation_form_names_its_fields(as_alice, programme):
    response = as_alice.post("/simulator/new/", {"fy": "2014/15", "tax_max": "4.999"})
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Choose at least one savings option to offer" in body
    assert "at most two decimal places" in body
    assert Simulation.objects.count() == 0


def test_others_may_not_generate(as_vera, as_fiona, programme):
    assert as_vera.get("/simulator/new/").status_code == 403
    assert as_fiona.post("/simulator/new/", {}).status_code == 403


def test_publish_close_and_send(as_alice, as_vera, draft, programme):
    body = as_vera.get(f"/simulator/{draft.pk}/").content.decode()
    assert "Publish to residents" not in body
    assert as_vera.post(f"/simulator/{draft.pk}/action/", {"action": "publish"}).status_code == 403
    assert "Publish to residents" in as_alice.get(f"/simulator/{draft.pk}/").content.decode()
    as_alice.post(f"/simulator/{draft.pk}/action/", {"action": "publish"})
    draft.refresh_from_db()
    assert draft.published_at is not None
    response = as_alice.post(f"/simulator/{draft.pk}/action/", {"action": "send"})
    assert response.status_code == 302
    assert Consultation.objects.filter(proposal=programme["buses"]).exists()
    as_alice.post(f"/simulator/{draft.pk}/action/", {"action": "close"})
    draft.refresh_from_db()
    assert draft.closed_at is not None


def test_another_councils_simulation_is_not_found(as_bob, simulation):
    assert as_bob.get(f"/simulator/{simulation.pk}/").status_code == 404
    assert as_bob.get(f"/simulator/{simulation.pk}/results.csv").status_code == 404


def test_the_results_download_is_formula_inert(as_vera, simulation):
    option = simulation.options.get(reference="ER 01")
    services.submission_create(
        simulation=simulation,
        answer=services.Answer(
            option_comments={option.pk: "=HYPERLINK(1)"}, comment="+1", area="LU1"
        ),
    )
    response = as_vera.get(f"/simulator/{simulation.pk}/results.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    header, row = rows[0], rows[1]
    assert row[header.index("ER 01: comment")] == "'=HYPERLINK(1)"
    assert row[header.index("Comment")] == "'+1"
    assert row[header.index("ER 01: keep")] == "keep"
