"""The forecast grid of an open month: last month's figures carried, every changed row saved
together (all or nothing), and its doors."""

import datetime
from types import SimpleNamespace

import pytest

from sightline.accounts.tests.factories import PersonFactory
from sightline.savings import services
from sightline.savings.models import Forecast
from sightline.savings.tests.factories import PeriodFactory
from sightline.savings.tests.round_helpers import (
    FY13,
    FY14,
    grid_post,
    key,
    live_saving,
    queries,
)

JUNE = datetime.date(2013, 6, 1)


@pytest.fixture
def month(council_a, alice, eve):
    """Eve leads SAV 1 (2013/14 forecast Green at £90k in May; 2014/15 never forecast); a
    colleague leads SAV 2. June is open."""
    colleague = PersonFactory(council=council_a, name="Colleague")
    mine = live_saving(
        council_a,
        lead=eve.person,
        reference="SAV 1",
        title="Shared legal service",
        years={FY13: 10_000_000, FY14: 5_000_000},
    )
    theirs = live_saving(council_a, lead=colleague, reference="SAV 2", title="Their saving")
    may = services.period_open(council=council_a, month=datetime.date(2013, 5, 1), by=alice)
    services.forecast_record(
        proposal=mine, period=may, fy=FY13, forecast_pence=9_000_000, rag="green", by=eve
    )
    services.period_close(period=may, by=alice)
    june = services.period_open(council=council_a, month=JUNE, by=alice)
    return SimpleNamespace(
        mine=mine, theirs=theirs, june=june, url=f"/programme/periods/{june.pk}/forecasts/"
    )


def test_the_grid_starts_from_last_months_forecast_or_the_plan(as_eve, month):
    body = as_eve.get(month.url).content.decode()
    row13 = body[body.index(f'id="row-{key(month.mine, FY13)}"') :]
    assert 'value="£90,000"' in row13.split("</tr>")[0]
    assert '<option value="green" selected>' in row13.split("</tr>")[0]
    row14 = body[body.index(f'id="row-{key(month.mine, FY14)}"') :].split("</tr>")[0]
    assert 'value="£50,000"' in row14 and "No earlier forecast" in row14
    assert '<option value="" selected>' in row14  # no RAG to start from


def test_an_editor_sees_only_the_savings_they_may_update(as_eve, as_alice, month):
    assert "Their saving" not in as_eve.get(month.url).content.decode()
    assert "Their saving" in as_alice.get(month.url).content.decode()


def test_two_changed_rows_are_saved_together_and_the_others_left(as_eve, eve, month):
    data = grid_post(
        month.june,
        eve,
        {
            key(month.mine, FY13): {"forecast": "£70k", "rag": "amber", "commentary": "Late start"},
            key(month.mine, FY14): {"rag": "green"},
        },
    )
    response = as_eve.post(month.url, data)
    assert response.status_code == 302
    saved = {f.fy: f for f in Forecast.objects.filter(period=month.june)}
    assert (saved[FY13].forecast_pence, saved[FY13].rag, saved[FY13].commentary) == (
        7_000_000,
        "amber",
        "Late start",
    )
    assert (saved[FY14].forecast_pence, saved[FY14].rag) == (5_000_000, "green")
    assert saved[FY13].history.get().history_user == eve
    assert "2 forecasts recorded for June 2013" in as_eve.get(response["Location"]).content.decode()


def test_a_row_ticked_to_record_as_shown_records_last_months_figures(as_eve, eve, month):
    data = grid_post(month.june, eve, {key(month.mine, FY13): {"record": "on"}})
    assert as_eve.post(month.url, data).status_code == 302
    forecast = Forecast.objects.get(period=month.june)
    assert (forecast.fy, forecast.forecast_pence, forecast.rag) == (FY13, 9_000_000, "green")


def test_nothing_is_saved_when_no_row_was_changed(as_eve, eve, month):
    response = as_eve.post(month.url, grid_post(month.june, eve), follow=True)
    assert "No row was changed, so nothing was saved" in response.content.decode()
    assert not Forecast.objects.filter(period=month.june).exists()


def test_a_wrong_row_saves_nothing_and_is_named_beside_the_row_and_in_the_summary(
    as_eve, eve, month
):
    data = grid_post(
        month.june,
        eve,
        {
            key(month.mine, FY13): {"forecast": "£70k"},  # fine on its own
            key(month.mine, FY14): {"rag": "red"},  # Red with no commentary
        },
    )
    response = as_eve.post(month.url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Forecasts for June 2013" in body
    assert (
        f'<a href="#id_r{key(month.mine, FY14)}-commentary">Row SAV 1 2014/15: Commentary is '
        "required when a saving is rated Red.</a>"
    ) in body
    assert f'id="id_r{key(month.mine, FY14)}-commentary-error"' in body
    assert not Forecast.objects.filter(period=month.june).exists()
    # What was typed is kept, for the user to correct.
    assert 'value="£70k"' in body


def test_a_row_that_cannot_be_read_is_named_and_nothing_saved(as_eve, eve, month):
    data = grid_post(
        month.june,
        eve,
        {key(month.mine, FY13): {"forecast": "seventy"}, key(month.mine, FY14): {"rag": "green"}},
    )
    body = as_eve.post(month.url, data).content.decode()
    assert "Row SAV 1 2013/14: " in body
    assert not Forecast.objects.filter(period=month.june).exists()


def test_a_row_recorded_by_someone_else_meanwhile_is_refused_and_nothing_saved(
    as_eve, eve, alice, month
):
    data = grid_post(
        month.june,
        eve,
        {key(month.mine, FY13): {"forecast": "£70k"}, key(month.mine, FY14): {"rag": "green"}},
    )
    services.forecast_record(
        proposal=month.mine,
        period=month.june,
        fy=FY14,
        forecast_pence=1,
        rag="red",
        by=alice,
        commentary="Recorded first",
    )
    body = as_eve.post(month.url, data).content.decode()
    assert (
        "Row SAV 1 2014/15: A 2014/15 forecast for June 2013 was already recorded (version 1)"
        in (body)
    )
    assert list(Forecast.objects.filter(period=month.june).values_list("fy", "forecast_pence")) == [
        (FY14, 1)
    ]


def test_this_months_forecast_is_changed_against_its_version_and_keeps_its_slippage(
    as_eve, eve, alice, month
):
    services.forecast_record(
        proposal=month.mine,
        period=month.june,
        fy=FY13,
        forecast_pence=8_000_000,
        rag="amber",
        commentary="Slipping",
        slippage_pence=2_000_000,
        slipped_to=FY14,
        by=eve,
    )
    data = grid_post(month.june, eve, {key(month.mine, FY13): {"forecast": "£75k"}})
    assert data[f"r{key(month.mine, FY13)}-version"] == 1
    # Someone changes it after the page was opened: the grid's change is refused.
    stale = dict(data)
    forecast = Forecast.objects.get(period=month.june, fy=FY13)
    services.forecast_record(
        proposal=month.mine,
        period=month.june,
        fy=FY13,
        forecast_pence=8_100_000,
        rag="amber",
        commentary="Slipping",
        slippage_pence=2_000_000,
        slipped_to=FY14,
        by=alice,
        expected_version=forecast.version,
    )
    body = as_eve.post(month.url, stale).content.decode()
    assert (
        "was changed by someone else since you opened it (you had version 1, it is now version 2)"
        in body
    )
    # Opened again, the change is made to version 2, and the slippage stays.
    data = grid_post(month.june, eve, {key(month.mine, FY13): {"forecast": "£75k"}})
    assert as_eve.post(month.url, data).status_code == 302
    forecast.refresh_from_db()
    assert (forecast.forecast_pence, forecast.version) == (7_500_000, 3)
    assert (forecast.slippage_pence, forecast.slipped_to) == (2_000_000, FY14)


def test_the_grid_filters_by_lead_officer_and_what_is_still_to_record(as_alice, alice, eve, month):
    services.forecast_record(
        proposal=month.mine, period=month.june, fy=FY13, forecast_pence=1, rag="green", by=eve
    )
    body = as_alice.get(month.url + f"?lead={eve.person.pk}&outstanding=on").content.decode()
    assert f'id="row-{key(month.mine, FY14)}"' in body
    assert f'id="row-{key(month.mine, FY13)}"' not in body  # recorded
    assert "Their saving" not in body  # another lead's


def test_a_long_grid_is_paged(as_alice, council_a, month):
    for n in range(55):
        live_saving(council_a, reference=f"SAV X{n:02d}")
    body = as_alice.get(month.url).content.decode()
    assert "Showing 1 to 50 of 58 rows" in body
    assert "Showing 51 to 58 of 58 rows" in as_alice.get(month.url + "?page=2").content.decode()


def test_the_grid_takes_the_same_queries_for_5_savings_as_for_50(as_alice, council_a, alice, month):
    def grow(n):
        may = month.june.council.periods.get(month=datetime.date(2013, 5, 1))
        for i in range(n):
            p = live_saving(council_a, reference=f"SAV Q{n}-{i}", years={FY13: 100, FY14: 200})
            Forecast.objects.create(
                proposal=p, period=may, month=may.month, fy=FY13, forecast_pence=50, rag="amber"
            )

    grow(3)
    small = queries(as_alice, month.url)
    grow(45)
    assert queries(as_alice, month.url) == small


def test_an_editors_grid_takes_the_same_queries_for_few_savings_as_for_many(
    as_eve, council_a, eve, month
):
    """The rule asks who leads each saving: their people are read with the savings, not one
    saving at a time."""
    colleague = PersonFactory(council=council_a, name="Another colleague")

    def grow(n):
        for i in range(n):
            mine = live_saving(council_a, lead=eve.person, reference=f"SAV E{n}-{i}")
            mine.sponsor, mine.project_manager = colleague, eve.person
            mine.save()
            live_saving(council_a, lead=colleague, reference=f"SAV C{n}-{i}")

    grow(2)
    small = queries(as_eve, month.url)
    grow(30)
    body = as_eve.get(month.url).content.decode()
    assert "SAV E30-29" in body and "SAV C30-0" not in body
    assert queries(as_eve, month.url) == small


# --- the doors ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(public, month):
    response = public.get(month.url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_another_councils_month_is_not_found(as_bob, month):
    assert as_bob.get(month.url).status_code == 404
    assert as_bob.post(month.url, {}).status_code == 404


def test_a_viewer_is_refused_with_the_rules_words_and_offered_no_form(as_vera, vera, month):
    for response in (as_vera.get(month.url), as_vera.post(month.url, {})):
        body = response.content.decode()
        assert response.status_code == 403
        assert "You cannot record a forecast for this proposal: only finance or" in body
        assert "your role is viewer" in body
        assert "Save the changed rows" not in body


def test_the_grid_takes_only_get_and_post(as_alice, month):
    assert as_alice.delete(month.url).status_code == 405
    assert as_alice.put(month.url).status_code == 405


def test_a_closed_month_has_no_grid(as_alice, alice, council_a):
    period = PeriodFactory(council=council_a, month=JUNE)
    services.period_close(period=period, by=alice)
    response = as_alice.get(f"/programme/periods/{period.pk}/forecasts/", follow=True)
    assert "June 2013 is closed: its figures are frozen" in response.content.decode()


def test_a_post_naming_a_row_not_in_the_round_saves_nothing(as_eve, eve, month):
    data = grid_post(month.june, eve, {key(month.mine, FY13): {"forecast": "£70k"}})
    data["row"].append(key(month.theirs, FY13))  # not Eve's to update
    body = as_eve.post(month.url, data).content.decode()
    assert "Some rows of this page are no longer in the month&#x27;s round" in body
    assert not Forecast.objects.filter(period=month.june).exists()


def test_the_round_service_names_every_refused_row_and_saves_none(eve, month):
    from sightline.savings.services import RoundEntry, RoundRefused

    entries = [
        RoundEntry(proposal=month.mine, fy=FY13, forecast_pence=1, rag="green"),
        RoundEntry(proposal=month.mine, fy=FY14, forecast_pence=1, rag="red"),
    ]
    with pytest.raises(RoundRefused) as refused:
        services.forecasts_record_round(period=month.june, entries=entries, by=eve)
    assert list(refused.value.rows) == [key(month.mine, FY14)]
    assert "Commentary is required" in str(refused.value.rows[key(month.mine, FY14)])
    assert not Forecast.objects.filter(period=month.june).exists()


def test_a_row_posted_with_a_version_that_is_not_a_number_is_named_not_a_server_error(
    as_eve, eve, month
):
    """Found by tests/properties: an error on the hidden version crashed marking the row."""
    data = grid_post(month.june, eve, {key(month.mine, FY13): {"forecast": "£70k"}})
    version = next(name for name in data if name.endswith("-version"))
    data[version] = "not a number"
    response = as_eve.post(month.url, data)
    assert response.status_code == 200
    assert "Row SAV 1 2013/14: " in response.content.decode()
    assert not Forecast.objects.filter(period=month.june).exists()
