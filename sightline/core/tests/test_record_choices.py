"""A choice of several records given an id no record can hold is an invalid choice, not a
server error (found by tests/properties: "99999999999999999999" posted as a budget code)."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError

import sightline
from sightline.accounts.models import Directorate
from sightline.core.forms import RecordsField


@pytest.mark.django_db
@pytest.mark.parametrize("posted", ["99999999999999999999", "-99999999999999999999", "0"])
def test_an_id_no_record_can_hold_is_an_invalid_choice(posted):
    field = RecordsField(queryset=Directorate.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([posted])
    assert refused.value.code == "invalid_pk_value"


def _form_classes():
    for module in pkgutil.walk_packages(sightline.__path__, "sightline."):
        if not module.name.rsplit(".", 1)[-1].endswith("forms") or ".tests" in module.name:
            continue
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == loaded.__name__:
                yield cls


def test_every_form_chooses_several_records_through_records_field():
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(field, RecordsField)
    ]
    assert plain == []
