"""The residents' pages: no login, a plain form without JavaScript, spam limits."""

import re

import pytest
from django.core import signing

from sightline.simulator import services
from sightline.simulator.forms import TIMESTAMP_SALT
from sightline.simulator.models import Submission

URL = "/c/arden/budget-simulator/2014-15/"


def form_data(simulation, response=None, **changes):
    data = {"tax": "0", "started": signing.dumps(0, salt=TIMESTAMP_SALT), "website": ""}
    if response is not None:
        data["started"] = re.search(
            r'name="started" value="([^"]+)"', response.content.decode()
        ).group(1)
    for option in simulation.options.all():
        data[f"keep_{option.pk}"] = "keep"
    for service in simulation.services.all():
        data[f"service_{service.pk}"] = "0"
    data.update(changes)
    return data


def test_a_resident_sees_the_simulator_as_a_plain_form(public, simulation):
    response = public.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your budget 2014/15" in body and "ER 01 Off-peak bus passes" in body
    assert 'type="number"' in body and 'name="tax"' in body
    assert "Check my budget" in body and "Send my budget" in body
    assert "Your budget is £5,000,000 short of closing the gap." in body
    # No inline script or style: CSP forbids them; the live totals are a static file.
    assert "<script>" not in body and "style=" not in body and "onclick" not in body
    assert "/static/simulator/simulator.js" in body


def test_the_councils_page_lists_its_open_simulators(public, simulation, draft):
    body = public.get("/c/arden/budget-simulator/").content.decode()
    assert "Your budget 2014/15" in body


def test_a_draft_another_council_or_a_wrong_slug_is_not_found(public, draft, council_b):
    assert public.get(URL).status_code == 404
    assert public.get("/c/brook/budget-simulator/2014-15/").status_code == 404
    assert public.get("/c/arden/budget-simulator/2014-2015/").status_code == 404
    assert public.get("/c/arden/budget-simulator/2015-16/").status_code == 404
    assert public.get("/c/nowhere/budget-simulator/").status_code == 404
    assert public.get("/c/ARDEN/budget-simulator/").status_code == 404


def test_check_my_budget_shows_the_balance_and_saves_nothing(public, simulation):
    roads = simulation.services.get(name="Roads")
    response = public.post(
        URL,
        form_data(simulation, action="check", **{f"service_{roads.pk}": "-5", "tax": "1"}),
    )
    body = response.content.decode()
    # 5m kept + 5m from roads + 0.5m tax = 10.5m against 10m.
    assert "Your budget closes the gap, with £500,000 to spare." in body
    assert Submission.objects.count() == 0


def test_errors_are_summarised_naming_each_field(public, simulation):
    roads = simulation.services.get(name="Roads")
    response = public.post(
        URL,
        form_data(simulation, action="send", **{f"service_{roads.pk}": "-50", "tax": "7"}),
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert f'href="#id_service_{roads.pk}">Roads: enter a change of -10% or more' in body
    assert 'href="#id_tax">Council tax: enter a rise from 0% to 4.99%' in body
    assert Submission.objects.count() == 0


@pytest.mark.usefixtures("no_wait")
def test_a_resident_sends_their_budget(public, simulation):
    option = simulation.options.get(reference="ER 01")
    response = public.post(
        URL,
        form_data(
            simulation,
            action="send",
            **{
                f"keep_{option.pk}": "remove",
                f"comment_{option.pk}": "=SUM(A1)",
                "age_band": "65_74",
            },
        ),
    )
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    saved = Submission.objects.get()
    assert saved.age_band == "65_74" and not saved.illustrative
    assert saved.options.get(option=option).keep is False
    assert "Thank you" in public.get(response["Location"]).content.decode()


@pytest.mark.usefixtures("no_wait")
def test_a_filled_honeypot_is_refused(public, simulation):
    response = public.post(URL, form_data(simulation, action="send", website="http://spam"))
    assert response.status_code == 400
    assert "We could not accept this response" in response.content.decode()
    assert Submission.objects.count() == 0


def test_a_form_sent_too_quickly_is_refused_with_a_clear_message(public, simulation, settings):
    settings.SIMULATOR_MIN_SECONDS = 5
    shown = public.get(URL)
    response = public.post(URL, form_data(simulation, shown, action="send"))
    assert response.status_code == 400
    assert "Please take at least 5 seconds to check your choices" in response.content.decode()
    assert Submission.objects.count() == 0


def test_a_forged_time_is_refused(public, simulation, settings):
    settings.SIMULATOR_MIN_SECONDS = 0
    response = public.post(URL, form_data(simulation, action="send", started="123:forged"))
    assert response.status_code == 400 and Submission.objects.count() == 0


@pytest.mark.usefixtures("no_wait")
def test_six_submissions_in_an_hour_from_one_connection_are_too_many(public, simulation, settings):
    settings.SIMULATOR_SUBMISSIONS_PER_HOUR = 5
    for _ in range(5):
        assert public.post(URL, form_data(simulation, action="send")).status_code == 302
    response = public.post(URL, form_data(simulation, action="send"))
    assert response.status_code == 429
    assert (
        "We have had 5 responses from your connection in the last hour" in response.content.decode()
    )
    assert Submission.objects.count() == 5
    # Another connection is not limited.
    other = public.post(URL, form_data(simulation, action="send"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.usefixtures("no_wait")
def test_a_closed_simulation_shows_no_form_and_takes_nothing(public, simulation, alice):
    services.simulation_close(simulation=simulation, by=alice)
    page = public.get(URL).content.decode()
    assert "has closed" in page and "Send my budget" not in page
    response = public.post(URL, form_data(simulation, action="send"))
    assert response.status_code == 403 and Submission.objects.count() == 0


def test_the_page_takes_no_other_method(public, simulation):
    assert public.put(URL).status_code == 405
