"""The savings types pages: each type's counting rule (cashable, recurring, counts toward the
budget gap), kept by the programme office."""

from sightline.savings.models import SavingsType
from sightline.savings.tests.factories import SavingsTypeFactory


def test_the_programme_office_adds_a_one_off_type_that_does_not_count_toward_the_gap(
    as_alice, council_a
):
    response = as_alice.post(
        "/setup/savings-types/new/", {"name": "Use of reserves", "cashable": "on"}
    )
    kind = SavingsType.objects.get(name="Use of reserves")
    assert response["Location"] == f"/setup/savings-types/{kind.pk}/"
    assert (kind.cashable, kind.recurring, kind.counts_toward_gap) == (True, False, False)
    page = as_alice.get(response["Location"]).content.decode()
    assert "One-off" in page and "Counts toward the budget gap" in page


def test_a_types_counting_rule_is_changed_with_its_history(as_alice, council_a):
    kind = SavingsTypeFactory(council=council_a, name="Efficiency")
    as_alice.post(
        f"/setup/savings-types/{kind.pk}/edit/",
        {
            "name": "Efficiency",
            "cashable": "on",
            "recurring": "on",
            "version": "1",
            "reason": "Efficiencies are already in the base budget",
        },
    )
    kind.refresh_from_db()
    assert kind.counts_toward_gap is False and kind.version == 2
    page = as_alice.get(f"/setup/savings-types/{kind.pk}/").content.decode()
    assert "Efficiencies are already in the base budget" in page
    assert "Counts toward the budget gap" in page


def test_a_savings_type_is_retired_not_deleted(as_alice, council_a):
    kind = SavingsTypeFactory(council=council_a, name="Commercialisation")
    as_alice.post(f"/setup/savings-types/{kind.pk}/retire/", {"version": "1", "reason": "Unused"})
    assert SavingsType.objects.get(pk=kind.pk).disabled_on is not None
    listing = as_alice.get("/setup/savings-types/").content.decode()
    assert "0 savings types, and 1 retired" in listing
