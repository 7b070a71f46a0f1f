"""The GOV.UK patterns every form follows: the date input, errors that name their field, and
"Error: " at the start of the title of a page whose form failed."""

import datetime

import pytest
from django import forms
from django.template import Context, Template

from sightline.core.forms import GovukDateField, govuk_month_field


class DatedForm(forms.Form):
    title = forms.CharField(label="Title")
    decided_on = GovukDateField(label="Date of the decision")
    review_on = GovukDateField(label="Next review", required=False)
    month = govuk_month_field(label="Month", required=False)


def _form(**data):
    return DatedForm(data={"title": "A saving", **data})


def test_a_date_is_read_from_its_day_month_and_year_boxes():
    form = _form(decided_on_day="4", decided_on_month="3", decided_on_year="2013")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["decided_on"] == datetime.date(2013, 3, 4)
    assert form.cleaned_data["review_on"] is None


def test_a_month_is_read_from_its_month_and_year_boxes():
    form = _form(decided_on="2013-03-04", month_month="6", month_year="2014")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["month"] == datetime.date(2014, 6, 1)


def test_one_iso_value_under_the_fields_name_is_read_too():
    form = _form(decided_on="2013-03-04")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["decided_on"] == datetime.date(2013, 3, 4)


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        ({}, "Enter date of the decision"),
        (
            {"decided_on_day": "4", "decided_on_year": "2013"},
            "Date of the decision must include a month",
        ),
        (
            {"decided_on_day": "31", "decided_on_month": "2", "decided_on_year": "2013"},
            "Date of the decision must be a real date",
        ),
        (
            {"decided_on_day": "4", "decided_on_month": "March", "decided_on_year": "2013"},
            "Date of the decision must be a real date, in numbers (like 27 3 2026)",
        ),
        (
            {"decided_on_day": "4", "decided_on_month": "3", "decided_on_year": "13"},
            "Date of the decision must have a year of four digits",
        ),
        (  # too large for the machine's integer: a refusal, not a server error
            {"decided_on_day": "148", "decided_on_month": "2147483648", "decided_on_year": "2708"},
            "Date of the decision must be a real date",
        ),
    ],
)
def test_a_wrong_date_says_which_part_is_wrong(boxes, message):
    form = _form(**boxes)
    assert not form.is_valid()
    assert form.errors["decided_on"] == [message]


def _render(text: str, **context) -> str:
    return Template(text).render(Context(context))


def test_the_date_input_is_three_labelled_boxes_with_the_error_beside_them():
    form = _form(decided_on_day="31", decided_on_month="2", decided_on_year="2013")
    form.is_valid()
    html = _render("{% govuk_field form.decided_on %}", form=form)
    for part in ("Day", "Month", "Year"):
        assert f'for="decided_on_{part.lower()}">{part}</label>' in html
    assert 'value="31"' in html and "govuk-date-input__input" in html
    assert "Date of the decision must be a real date" in html
    assert 'type="date"' not in html


def test_the_error_summary_names_the_field_of_a_required_error_and_links_to_it():
    form = DatedForm(data={})
    form.is_valid()
    html = _render("{% govuk_error_summary form %}", form=form)
    assert '<a href="#id_title">Enter title</a>' in html
    assert '<a href="#decided_on_day">Enter date of the decision</a>' in html
    assert "This field is required" not in html


def test_the_title_starts_with_error_when_a_form_failed():
    failed = DatedForm(data={})
    failed.is_valid()
    assert _render("{% error_prefix %}Edit", form=failed) == "Error: Edit"
    assert _render("{% error_prefix %}Edit", form=DatedForm()) == "Edit"
    assert _render("{% error_prefix %}Edit", service_errors=["Out of date"]) == "Error: Edit"
