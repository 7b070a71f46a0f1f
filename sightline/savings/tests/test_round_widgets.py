"""The forecast grid's widgets, written in Python (``PlainWidgets``), are the very HTML Django's
own widget templates write: character for character, escaping included."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from sightline.savings.monitoring_forms import PLAIN_WIDGETS, GridRowForm
from sightline.savings.selectors import RoundRow
from sightline.savings.tests.factories import ProposalFactory
from sightline.savings.tests.round_helpers import FY13

TEMPLATES = DjangoTemplates()
ODD = 'Legal & "shared" <services>'
ATTRS = {"class": "govuk-input", "data-row": ODD, "required": True, "disabled": False, "n": 5}
CHOICES = [("", "Choose"), ("green", "Green"), ("amber", gettext_lazy("Amber")), (3, ODD)]


def _both(widget: forms.Widget, value, attrs=None) -> tuple[str, str]:
    attrs = {"id": "id_field", **(attrs or {})}
    return (
        widget.render("r1-2013-field", value, attrs=attrs, renderer=PLAIN_WIDGETS),
        widget.render("r1-2013-field", value, attrs=attrs, renderer=TEMPLATES),
    )


@pytest.mark.parametrize(
    "widget",
    [forms.TextInput(attrs=ATTRS), forms.HiddenInput(), forms.TextInput(), forms.NumberInput()],
)
@pytest.mark.parametrize("value", [None, "", "£90,000", ODD, mark_safe("<i>safe</i>"), 42])
def test_an_input_is_written_as_djangos_template_writes_it(widget, value):
    plain, template = _both(widget, value, attrs={"aria-describedby": "id_field-error"})
    assert plain == template


@pytest.mark.parametrize("value", [True, False, None, "", "on"])
def test_a_checkbox_is_written_as_djangos_template_writes_it(value):
    plain, template = _both(forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}), value)
    assert plain == template


@pytest.mark.parametrize("value", ["", "green", "amber", 3, "3", None, "unknown"])
def test_a_select_is_written_as_djangos_template_writes_it(value):
    plain, template = _both(forms.Select(attrs=ATTRS, choices=CHOICES), value)
    assert plain == template


def test_a_select_with_groups_or_several_values_is_written_as_djangos_templates_write_it():
    grouped = [("Colours", [("g", "Green"), ("a", ODD)]), ("", "None of them")]
    assert len(set(_both(forms.Select(choices=grouped), "a"))) == 1
    assert len(set(_both(forms.SelectMultiple(choices=CHOICES), ["green", 3]))) == 1


@pytest.mark.parametrize("value", [None, "", "Slipped\nto July", ODD, mark_safe("<b>kept</b>")])
def test_a_textarea_is_written_as_djangos_template_writes_it(value):
    plain, template = _both(forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}), value)
    assert plain == template


def test_any_other_widget_is_left_to_its_template():
    radios = forms.RadioSelect(choices=CHOICES)
    plain, template = _both(radios, "green")
    assert plain == template and "govuk" not in plain and 'type="radio"' in plain


@pytest.mark.django_db
def test_a_grid_row_with_errors_is_written_as_djangos_templates_write_it(council_a):
    proposal = ProposalFactory(council=council_a, reference="SAV 1")
    previous = {"month": None, "forecast_pence": 9_000_000, "rag": "green"}
    row = RoundRow(proposal=proposal, fy=FY13, planned_pence=10_000_000, previous=previous)
    prefix = f"r{row.key}"
    data = {
        f"{prefix}-forecast": ODD,
        f"{prefix}-rag": "red",
        f"{prefix}-commentary": "",
        f"initial-{prefix}-forecast": "£90,000",
        f"initial-{prefix}-rag": "green",
        f"initial-{prefix}-commentary": "",
        f"{prefix}-record": "on",
        f"{prefix}-version": "x",
    }
    for form in (GridRowForm(row=row), GridRowForm(data, row=row)):
        form.is_valid()
        form.mark_errors()
        templated = GridRowForm(form.data if form.is_bound else None, row=row)
        templated.renderer = TEMPLATES
        templated.is_valid()
        templated.mark_errors()
        for name in form.fields:
            assert str(form[name]) == str(templated[name])
