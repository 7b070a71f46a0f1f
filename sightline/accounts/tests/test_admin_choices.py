"""Every choice list in every admin form offers only the programme office's own council's
records, and a posted id of another council's record is refused.

The forms are those the admin builds for the add page, the change page and the history
(version) page, for every model in ``admin.site._registry`` that a programme office may open.
"""

import pytest
from django import forms
from django.contrib import admin
from django.test import Client, RequestFactory

from sightline.accounts.models import Directorate, Person, Role
from sightline.accounts.tests.admin_records import council_records, form_data
from sightline.accounts.tests.factories import DirectorateFactory, ServiceAreaFactory, member
from sightline.accounts.tests.test_admin_scoping import COUNCIL_SCOPED, label, staff_client
from sightline.performance.models import Indicator
from sightline.strategy.models import DeliveryPriority, DepartmentalPlan, EfficiencyProject


@pytest.fixture
def arden(council_a):
    return council_records(council_a, "Arden")


@pytest.fixture
def brook(council_b):
    return council_records(council_b, "Brook")


@pytest.fixture
def staff_alice(alice):
    alice.is_staff = True
    alice.save()
    return alice


def admin_forms(model, user, record):
    """The form classes the admin builds for ``user``: add, change and history pages."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = user
    built = {"history": model_admin.get_form(request, record)}
    if model_admin.has_change_permission(request, record):
        built["change"] = model_admin.get_form(request, record, change=True)
    if model_admin.has_add_permission(request):
        built["add"] = model_admin.get_form(request, None)
    return built


def choice_fields(form_class):
    return {
        name: field
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_every_choice_list_offers_only_the_councils_own_records(staff_alice, arden, brook, model):
    for page, form_class in admin_forms(model, staff_alice, arden[model]).items():
        for name, field in choice_fields(form_class).items():
            offered = set(field.queryset.values_list("pk", flat=True))
            foreign = brook.ids_of(field.queryset.model)
            assert not offered & foreign, f"{label(model)} {page} form: {name} offers council B"
            assert offered & arden.ids_of(field.queryset.model), f"{name} offers nothing"


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_a_posted_id_of_another_councils_record_is_refused(staff_alice, arden, brook, model):
    for page, form_class in admin_forms(model, staff_alice, arden[model]).items():
        instance = None if page == "add" else arden[model]
        for name, field in choice_fields(form_class).items():
            data = form_data(model, instance, form_class) if instance else {}
            foreign = sorted(brook.ids_of(field.queryset.model))
            data[name] = (
                [foreign[0]] if isinstance(field, forms.ModelMultipleChoiceField) else foreign[0]
            )
            form = form_class(data=data, instance=instance)
            assert not form.is_valid()
            codes = [error.code for error in form.errors.as_data().get(name, [])]
            assert set(codes) & {"invalid_choice", "invalid_pk_value"}, (page, name, codes)


def test_a_delivery_priority_cannot_be_linked_to_another_councils_priority(
    staff_alice, arden, brook
):
    delivery = arden[DeliveryPriority]
    data = form_data(DeliveryPriority, delivery)
    client = Client()
    client.force_login(staff_alice)
    for name, foreign in (
        ("priority", brook[DeliveryPriority].priority),
        ("departmental_plan", brook[DepartmentalPlan]),
    ):
        response = client.post(
            f"/admin/strategy/deliverypriority/{delivery.pk}/change/", {**data, name: foreign.pk}
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        delivery.refresh_from_db()
        assert getattr(delivery, f"{name}_id") == getattr(arden[DeliveryPriority], f"{name}_id")
    assert "Brook" not in response.content.decode()


def test_an_efficiency_project_cannot_be_added_to_another_councils_departmental_plan(
    staff_alice, arden, brook
):
    client = Client()
    client.force_login(staff_alice)
    before = EfficiencyProject.objects.count()
    response = client.post(
        "/admin/strategy/efficiencyproject/add/",
        {
            "departmental_plan": brook[DepartmentalPlan].pk,
            "title": "Shared back office",
            "priority": brook[DeliveryPriority].priority_id,
        },
    )
    assert response.status_code == 200
    assert response.content.decode().count("Select a valid choice") == 2
    assert EfficiencyProject.objects.count() == before


def test_an_indicator_cannot_be_linked_to_another_councils_plans(staff_alice, arden, brook):
    client = Client()
    client.force_login(staff_alice)
    indicator = arden[Indicator]
    data = form_data(Indicator, indicator, admin_forms(Indicator, staff_alice, indicator)["change"])
    for name, foreign in (
        ("departmental_plans", brook[DepartmentalPlan].pk),
        ("priorities", brook[DeliveryPriority].priority_id),
        ("owner", brook[DeliveryPriority].priority.lead_id),
    ):
        response = client.post(
            f"/admin/performance/indicator/{indicator.pk}/change/", {**data, name: foreign}
        )
        assert response.status_code == 200, name
        assert "Select a valid choice" in response.content.decode()
    indicator.refresh_from_db()
    assert list(indicator.departmental_plans.all()) == [arden[DepartmentalPlan]]
    assert indicator.version == arden[Indicator].version


def test_a_membership_offers_only_the_councils_own_logins(staff_alice, arden, brook):
    client = Client()
    client.force_login(staff_alice)
    body = client.get(f"/admin/accounts/membership/{arden.login.membership.pk}/change/")
    assert body.status_code == 200
    assert f'value="{arden.login.pk}"' in body.content.decode()
    assert f'value="{brook.login.pk}"' not in body.content.decode()


def test_a_list_filter_offers_only_the_councils_own_records(staff_alice, arden, brook):
    second = DirectorateFactory(council=arden.council, name="Arden second directorate")
    ServiceAreaFactory(directorate=second)
    client = Client()
    client.force_login(staff_alice)
    body = client.get("/admin/accounts/servicearea/").content.decode()
    assert 'data-filter-title="directorate"' in body
    assert f"?directorate__id__exact={second.pk}" in body
    assert f"?directorate__id__exact={arden[Directorate].pk}" in body
    assert f"?directorate__id__exact={brook[Directorate].pk}" not in body
    assert "Brook directorate" not in body


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_the_autocomplete_search_finds_only_the_councils_own_records(
    staff_alice, arden, brook, model
):
    client = Client()
    client.force_login(staff_alice)
    for field in [*model._meta.fields, *model._meta.many_to_many]:
        if not field.is_relation or not admin.site.is_registered(field.related_model):
            continue
        response = client.get(
            "/admin/autocomplete/",
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field.name,
                "term": "",
            },
        )
        assert response.status_code in (200, 403, 404), (field.name, response.status_code)
        assert "brook" not in response.content.decode().lower(), field.name


def test_the_autocomplete_search_still_finds_the_councils_own_people(staff_alice, arden, brook):
    client = Client()
    client.force_login(staff_alice)
    query = {"app_label": "accounts", "model_name": "directorate", "field_name": "director"}
    response = client.get("/admin/autocomplete/", {**query, "term": ""})
    assert response.status_code == 200
    found = sorted(item["text"] for item in response.json()["results"])
    assert found == sorted(str(p) for p in Person.objects.filter(council=arden.council))
    assert str(brook[Person]) not in found


def test_the_raw_id_and_autocomplete_lookups_go_through_a_council_scoped_admin():
    from sightline.accounts.admin_scoping import CouncilScopedAdmin

    for model in COUNCIL_SCOPED:
        model_admin = admin.site._registry[model]
        for name in (*model_admin.raw_id_fields, *model_admin.autocomplete_fields):
            related = model._meta.get_field(name).related_model
            assert isinstance(admin.site._registry.get(related), CouncilScopedAdmin), name


def test_brooks_programme_office_is_offered_only_brooks_records(council_b, arden, brook):
    office = member(council_b, Role.PROGRAMME_OFFICE, username="brook_office")
    client = staff_client(office)
    body = client.get("/admin/strategy/efficiencyproject/add/").content.decode()
    assert f'value="{brook[DepartmentalPlan].pk}"' in body
    assert "Arden" not in body
