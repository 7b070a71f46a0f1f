"""The live savings still without the open month's forecast, by lead officer."""

import datetime
from types import SimpleNamespace

import pytest

from sightline.accounts.tests.factories import PersonFactory
from sightline.savings import services
from sightline.savings.tests.round_helpers import FY13, FY14, live_saving, queries


@pytest.fixture
def month(council_a, alice, eve):
    """Eve leads two live savings, Zoe one, and one has no lead officer; nothing is forecast."""
    zoe = PersonFactory(council=council_a, name="Zoe Adams")
    first = live_saving(
        council_a, lead=eve.person, reference="SAV 1", years={FY13: 10_000_000, FY14: 5_000_000}
    )
    second = live_saving(council_a, lead=eve.person, reference="SAV 2", years={FY13: 2_000_000})
    live_saving(council_a, lead=zoe, reference="SAV 3", years={FY13: 3_000_000})
    live_saving(council_a, reference="SAV 4", years={FY13: 4_000_000})
    june = services.period_open(council=council_a, month=datetime.date(2013, 6, 1), by=alice)
    return SimpleNamespace(
        first=first,
        second=second,
        zoe=zoe,
        june=june,
        url=f"/programme/periods/{june.pk}/outstanding/",
    )


def _group(body: str, name: str) -> str:
    """The summary table's row for one lead officer."""
    start = body.index(f">{name}</a></th>")
    return body[start : body.index("</tr>", start)]


def test_the_list_groups_what_is_outstanding_by_lead_officer_with_counts_and_amounts(
    as_alice, eve, month
):
    body = as_alice.get(month.url).content.decode()
    assert "4 live savings</strong> still without a forecast for June 2013" in body
    eves = _group(body, eve.get_full_name())
    assert ">2</td>" in eves and ">3</td>" in eves and "£170,000" in eves
    assert f"?lead={eve.person.pk}&amp;outstanding=on" in eves  # to the grid, filtered
    assert "£30,000" in _group(body, "Zoe Adams")
    assert "£40,000" in _group(body, "No lead officer")
    assert "?lead=none&amp;outstanding=on" in _group(body, "No lead officer")
    # Named leads by name, then those with none.
    assert body.index(">Zoe Adams</a>") < body.index(">No lead officer</a>")


def test_the_list_shrinks_as_forecasts_are_recorded(as_alice, eve, month):
    for fy in (FY13, FY14):
        services.forecast_record(
            proposal=month.first, period=month.june, fy=fy, forecast_pence=1, rag="green", by=eve
        )
    body = as_alice.get(month.url).content.decode()
    assert "3 live savings</strong> still without a forecast" in body
    assert "SAV 1</a>" not in body
    eves = _group(body, eve.get_full_name())
    assert ">1</td>" in eves and "£20,000" in eves


def test_when_everything_is_forecast_the_list_says_so(as_alice, alice, council_a):
    june = services.period_open(council=council_a, month=datetime.date(2013, 6, 1), by=alice)
    saving = live_saving(council_a)
    services.forecast_record(
        proposal=saving, period=june, fy=FY13, forecast_pence=1, rag="green", by=alice
    )
    body = as_alice.get(f"/programme/periods/{june.pk}/outstanding/").content.decode()
    assert "Every live saving has its forecast for June 2013: all 1 year recorded" in body


def test_an_exempt_saving_is_left_out_for_a_viewer_and_the_grid_not_offered(
    as_vera, council_a, month
):
    live_saving(council_a, reference="SAV 9", title="Secret", exempt=True, exempt_paragraphs="1")
    body = as_vera.get(month.url).content.decode()
    assert "Secret" not in body
    assert "4 live savings</strong>" in body
    assert "Open the grid" not in body and "Open the forecast grid" not in body


def test_the_list_takes_the_same_queries_for_few_savings_as_for_many(as_alice, council_a, month):
    small = queries(as_alice, month.url)
    for n in range(40):
        live_saving(council_a, lead=month.zoe, reference=f"SAV M{n}", years={FY13: 1, FY14: 2})
    assert queries(as_alice, month.url) == small


def test_an_editor_takes_the_same_queries_for_few_savings_as_for_many(as_eve, council_a, month):
    """Whether the editor may record any of them is asked of each saving in turn, its people
    read with it: none of the many, listed before hers, is theirs."""
    small = queries(as_eve, month.url)
    for n in range(40):
        live_saving(council_a, lead=month.zoe, reference=f"SAV 0{n:02d}", years={FY13: 1})
    assert queries(as_eve, month.url) == small


def test_a_long_list_is_paged_with_every_lead_in_the_summary(as_alice, council_a, month):
    for n in range(60):
        live_saving(
            council_a, lead=month.zoe, reference=f"SAV Z{n:02d}", years={FY13: 100, FY14: 1}
        )
    body = as_alice.get(month.url).content.decode()
    # The summary covers every year still to forecast, whatever the page.
    assert "64 live savings</strong> still without a forecast" in body
    assert "125 of 125 years to forecast" in body
    assert "Showing 1 to 100 of 125 years to forecast." in body
    assert ">121</td>" in _group(body, "Zoe Adams")  # 1 + 60 savings' two years
    assert "SAV Z47</a>" in body and "SAV Z48</a>" not in body
    # A lead's name leads to the page where their savings start.
    assert 'href="?page=1#lead-none"' not in body and 'href="?page=2#lead-none"' in body
    second = as_alice.get(month.url + "?page=2").content.decode()
    assert "Showing 101 to 125 of 125 years to forecast." in second
    assert "SAV Z48</a>" in second and "SAV 1</a>" not in second
    assert 'id="lead-none"' in second and "SAV 4</a>" in second
    assert "64 live savings</strong> still without a forecast" in second


def test_a_closed_month_says_it_is_closed(as_alice, alice, month):
    services.period_close(period=month.june, by=alice)
    body = as_alice.get(month.url).content.decode()
    assert "its figures are frozen" in body and "outstanding-summary" not in body


# --- the doors: every member reads it, as they read the month's report ---------------------------


def test_anonymous_visitors_are_sent_to_sign_in(public, month):
    response = public.get(month.url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_another_councils_month_is_not_found(as_bob, month):
    assert as_bob.get(month.url).status_code == 404


def test_the_list_is_read_only(as_alice, month):
    assert as_alice.post(month.url).status_code == 405
