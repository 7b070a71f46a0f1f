"""Every admin page shows a council's programme office only its own council's records.

The tests walk ``admin.site._registry``, so a model newly registered in the admin is covered
without a new test: it needs only a record in ``admin_records.council_records``.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from sightline.accounts.admin_scoping import (
    CouncilScopedAdmin,
    OperatorsOnlyAdmin,
    council_path_of,
)
from sightline.accounts.models import ApiToken, Council, Directorate, Membership, Role, ServiceArea
from sightline.accounts.tests.admin_records import council_records, form_data
from sightline.accounts.tests.factories import member
from sightline.performance.models import Target
from sightline.plans.models import PersonalObjective, QuarterlyUpdate
from sightline.strategy.models import DeliveryPriority, Priority

# Admins open only to superusers (the server operators): no programme office opens them.
OPERATORS_ONLY = {"accounts.Council", "accounts.ApiToken", "auth.User", "auth.Group"}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
COUNCIL_SCOPED = [m for m in REGISTERED if m._meta.label not in OPERATORS_ONLY]
OPERATOR_ONLY_MODELS = [m for m in REGISTERED if m._meta.label in OPERATORS_ONLY]


def label(model):
    return model._meta.label


def url(model, record=None, page="change"):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    if record is None:
        return base if page == "changelist" else f"{base}add/"
    if page == "history_detail":
        return f"{base}{record.pk}/history/{record.history.latest().history_id}/"
    return f"{base}{record.pk}/{page}/"


def staff_client(user):
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def arden(council_a):
    return council_records(council_a, "Arden")


@pytest.fixture
def brook(council_b):
    return council_records(council_b, "Brook")


@pytest.fixture
def brook_office(council_b):
    """Council B's programme office."""
    return member(council_b, Role.PROGRAMME_OFFICE, username="brook_office")


@pytest.fixture(params=["alice sees Brook", "Brook's office sees Arden"])
def office_and_foreign(request, alice, brook_office, arden, brook):
    """A programme office, its own council's records and another council's records."""
    if request.param == "alice sees Brook":
        return staff_client(alice), arden, brook
    return staff_client(brook_office), brook, arden


def assert_nothing_of(records, response):
    body = response.content.decode().lower()
    assert records.tag.lower() not in body, f"{response.request['PATH_INFO']} shows {records.tag}"
    assert records.council.name.lower() not in body


def test_every_registered_admin_is_council_scoped_or_for_the_operators_alone():
    for model, model_admin in admin.site._registry.items():
        operators_only = isinstance(model_admin, OperatorsOnlyAdmin)
        assert operators_only or isinstance(model_admin, CouncilScopedAdmin), label(model)
        assert operators_only == (label(model) in OPERATORS_ONLY), label(model)


@pytest.mark.parametrize(
    "model, path",
    [
        (Council, ""),
        (Directorate, "council"),
        (ServiceArea, "directorate__council"),
        (Membership, "council"),
        (Priority, "plan__council"),
        (DeliveryPriority, "departmental_plan__plan__council"),
        (QuarterlyUpdate, "action__priority__plan__council"),
        (PersonalObjective, "person__council"),
        (Target, "indicator__council"),
        (ApiToken, "user__membership__council"),  # through the login's membership
        (get_user_model(), "membership__council"),
        (Group, None),
    ],
    ids=lambda value: value if isinstance(value, str) else getattr(value, "__name__", value),
)
def test_the_way_to_a_records_council_is_found_through_its_links(model, path):
    assert council_path_of(model) == path


def test_a_model_with_no_way_to_a_council_cannot_have_a_council_scoped_admin():
    with pytest.raises(ImproperlyConfigured, match="no path to a council"):
        CouncilScopedAdmin(Group, admin.site)


def test_every_registered_model_has_a_record_of_each_council_to_test_with(arden):
    missing = [label(model) for model in REGISTERED if model not in arden]
    assert not missing, f"Add a record of {missing} to admin_records.council_records"


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
@pytest.mark.parametrize("page", ["change", "history", "history_detail", "delete"])
def test_another_councils_record_is_missing_on_every_admin_page(office_and_foreign, model, page):
    client, _own, foreign = office_and_foreign
    response = client.get(url(model, foreign[model], page))
    assert response.status_code in (302, 404), response.status_code
    if response.status_code == 302:
        assert response.url in ("/admin/", "/admin/login/?next=/admin/")
    assert_nothing_of(foreign, response)


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_the_short_address_of_another_councils_record_leads_nowhere(office_and_foreign, model):
    client, _own, foreign = office_and_foreign
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{foreign[model].pk}/"
    response = client.get(base, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert_nothing_of(foreign, response)


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_another_councils_record_cannot_be_changed_by_posting_to_it(office_and_foreign, model):
    client, _own, foreign = office_and_foreign
    record = foreign[model]
    version = getattr(record, "version", None)
    for page in ("change", "history_detail", "delete"):
        response = client.post(url(model, record, page), {"post": "yes"})
        assert response.status_code in (302, 403, 404), (page, response.status_code)
        assert_nothing_of(foreign, response)
    assert model._default_manager.filter(pk=record.pk).exists()
    record.refresh_from_db()
    assert getattr(record, "version", None) == version


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_the_programme_office_reads_its_own_records_and_nothing_of_another_council(
    office_and_foreign, model
):
    client, own, foreign = office_and_foreign
    record = own[model]
    for page in ("changelist", "change", "history", "history_detail"):
        response = client.get(url(model, None if page == "changelist" else record, page))
        assert response.status_code == 200, (page, response.status_code)
        assert_nothing_of(foreign, response)
        if page != "changelist":
            assert str(record.pk) in response.content.decode()


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_the_add_page_offers_nothing_of_another_council(office_and_foreign, model):
    client, _own, foreign = office_and_foreign
    response = client.get(url(model, page="add"))
    assert response.status_code in (200, 403)
    assert_nothing_of(foreign, response)


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_a_record_is_retired_never_deleted_in_the_admin(office_and_foreign, model):
    client, own, _foreign = office_and_foreign
    assert client.get(url(model, own[model], "delete")).status_code == 403
    assert client.post(url(model, own[model], "delete"), {"post": "yes"}).status_code == 403
    assert model._default_manager.filter(pk=own[model].pk).exists()


@pytest.mark.parametrize("model", COUNCIL_SCOPED, ids=label)
def test_a_revert_through_the_history_page_is_refused(office_and_foreign, model):
    client, own, _foreign = office_and_foreign
    record = own[model]
    oldest = record.history.earliest()
    before = model._default_manager.get(pk=record.pk)
    page = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{record.pk}/history/"
    response = client.post(f"{page}{oldest.history_id}/", form_data(model, oldest.instance))
    assert response.status_code in (403, 405), response.status_code
    assert record.history.count() == 2
    assert model._default_manager.get(pk=record.pk).modified_at == before.modified_at


@pytest.mark.parametrize("model", OPERATOR_ONLY_MODELS, ids=label)
def test_a_programme_office_cannot_open_the_operators_admin(office_and_foreign, model):
    client, own, foreign = office_and_foreign
    assert client.get(url(model, page="changelist")).status_code == 403
    assert client.get(url(model, page="add")).status_code == 403
    for records in (own, foreign):
        for page in ("change", "history", "delete"):
            response = client.get(url(model, records[model], page))
            assert response.status_code in (302, 403, 404), (page, response.status_code)
            assert_nothing_of(foreign, response)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PROGRAMME_OFFICE])
def test_no_other_role_can_open_the_admin_at_all(council_a, arden, role):
    client = staff_client(member(council_a, role, username=f"arden_{role}"))
    index = client.get("/admin/")
    for model in REGISTERED:
        assert f"/admin/{model._meta.app_label}/{model._meta.model_name}/" not in (
            index.content.decode()
        )
        record = arden[model]
        pages = ["changelist", "add", "change", "history", "delete"]
        if hasattr(record, "history"):
            pages.append("history_detail")
        for page in pages:
            response = client.get(
                url(model, None if page in ("changelist", "add") else record, page)
            )
            assert response.status_code == 403, (label(model), page, response.status_code)


def test_a_login_without_staff_status_is_sent_to_sign_in(as_alice, arden):
    response = as_alice.get(url(Directorate, arden[Directorate]))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_server_operators_see_every_council(arden, brook):
    operator = get_user_model().objects.create_superuser("operator", "op@example.org", "x")
    client = Client()
    client.force_login(operator)
    for model in REGISTERED:
        for records in (arden, brook):
            response = client.get(url(model, records[model]))
            assert response.status_code == 200, (label(model), response.status_code)
            if hasattr(records[model], "history"):
                assert client.get(url(model, records[model], "history_detail")).status_code == 200
