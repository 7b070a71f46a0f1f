"""Tests for UK financial years and their Django model and form fields."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Value
from django.template import Context, Template
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from sightline.core.fiscal import (
    FinancialYear,
    FinancialYearError,
    FinancialYearField,
    FinancialYearFormField,
)

date = datetime.date

# -- parsing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start_year"),
    [
        ("2013/14", 2013),
        ("13/14", 2013),
        ("2013-14", 2013),
        ("2021-22", 2021),
        ("2013/2014", 2013),
        ("2013-2014", 2013),
        (" 2013/14 ", 2013),
        ("FY2013/14", 2013),
        ("fy2013/14", 2013),
        ("Fy13/14", 2013),
        ("FY 2013/14", 2013),
        ("2013 / 14", 2013),
        ("2013\u201314", 2013),
        ("99/00", 1999),
        ("1999/00", 1999),
        ("1999/2000", 1999),
        ("79/80", 2079),
        ("80/81", 1980),
        ("00/01", 2000),
        ("1900/01", 1900),
        ("2999/00", 2999),
        ("2999/3000", 2999),
        (2013, 2013),
        (1900, 1900),
        (2999, 2999),
    ],
)
def test_parse_accepts_the_ways_people_write_a_financial_year(text, start_year):
    assert FinancialYear.parse(text) == FinancialYear(start_year)


def test_parse_returns_a_financial_year_as_it_is():
    fy = FinancialYear(2013)
    assert FinancialYear.parse(fy) is fy


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2013/15", "the second year must follow the first (write 2013/14)"),
        ("2013/2015", "the second year must follow the first (write 2013/14)"),
        ("13/15", "the second year must follow the first (write 2013/14)"),
        ("2013/13", "the second year must follow the first"),
        ("2013", "give both years (write 2013/14)"),
        ("13", "give both years (write 2013/14)"),
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("abc", "expected a form like 2013/14"),
        ("2013/14/15", "more than two years"),
        ("13/2014", "it mixes two-digit and four-digit years (write 2013/14 or 13/14)"),
        ("1899/00", "between 1900 and 2999"),
        ("3000/01", "between 1900 and 2999"),
        ("2013/14x", "expected a form like 2013/14"),
        ("201/14", "expected a form like 2013/14"),
    ],
)
def test_parse_refuses_text_that_is_not_a_financial_year_and_says_why(text, reason):
    with pytest.raises(FinancialYearError) as caught:
        FinancialYear.parse(text)
    message = str(caught.value)
    assert repr(text) in message
    assert "is not a financial year" in message
    assert reason in message


@pytest.mark.parametrize("value", [1899, 3000, -1, True, 2013.0, None, [2013]])
def test_parse_refuses_values_that_are_not_a_start_year_or_text(value):
    with pytest.raises(FinancialYearError, match="is not a financial year"):
        FinancialYear.parse(value)


def test_every_refusal_message_suggests_what_to_write_instead():
    for text in ["abc", "2013", "", "2013/14/15"]:
        with pytest.raises(FinancialYearError, match="2013/14"):
            FinancialYear.parse(text)


def test_financial_year_error_is_a_value_error():
    assert issubclass(FinancialYearError, ValueError)


@pytest.mark.parametrize("start_year", [1899, 3000, True, "2013"])
def test_a_financial_year_cannot_be_made_outside_1900_to_2999_or_from_a_non_integer(start_year):
    with pytest.raises(FinancialYearError):
        FinancialYear(start_year)


# -- dates ----------------------------------------------------------------------------------------


def test_31_march_belongs_to_the_year_that_began_the_previous_april():
    assert FinancialYear.of(date(2014, 3, 31)) == FinancialYear(2013)


def test_1_april_begins_a_new_financial_year():
    assert FinancialYear.of(date(2014, 4, 1)) == FinancialYear(2014)


def test_january_belongs_to_the_year_that_began_the_previous_april():
    assert FinancialYear.of(date(2000, 1, 1)) == FinancialYear(1999)


def test_of_takes_the_local_date_of_an_aware_datetime():
    # 23:30 UTC on 31 March 2014 is 00:30 on 1 April in London (BST has begun).
    moment = datetime.datetime(2014, 3, 31, 23, 30, tzinfo=datetime.UTC)
    with timezone.override(ZoneInfo("Europe/London")):
        assert FinancialYear.of(moment) == FinancialYear(2014)
    naive = datetime.datetime(2014, 3, 31, 23, 30)
    assert FinancialYear.of(naive) == FinancialYear(2013)


def test_a_date_before_april_1900_has_no_financial_year():
    with pytest.raises(FinancialYearError):
        FinancialYear.of(date(1900, 3, 31))


def test_a_year_starts_on_1_april_and_ends_on_31_march():
    fy = FinancialYear(2013)
    assert fy.starts_on == date(2013, 4, 1)
    assert fy.ends_on == date(2014, 3, 31)


def test_contains_is_true_on_both_boundaries_and_false_just_outside():
    fy = FinancialYear(2013)
    assert fy.contains(date(2013, 4, 1))
    assert fy.contains(date(2014, 3, 31))
    assert not fy.contains(date(2013, 3, 31))
    assert not fy.contains(date(2014, 4, 1))


def test_contains_accepts_a_datetime():
    assert FinancialYear(2013).contains(datetime.datetime(2014, 3, 31, 12, 0))


def test_months_are_the_first_of_each_month_from_april_to_march():
    months = FinancialYear(2013).months()
    assert len(months) == 12
    assert months[0] == date(2013, 4, 1)
    assert months[8] == date(2013, 12, 1)
    assert months[9] == date(2014, 1, 1)
    assert months[-1] == date(2014, 3, 1)
    assert all(month.day == 1 for month in months)
    assert months == sorted(months)


def test_current_uses_the_local_date(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2024, 3, 31))
    assert FinancialYear.current() == FinancialYear(2023)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2024, 4, 1))
    assert FinancialYear.current() == FinancialYear(2024)


def test_current_is_the_year_containing_today_in_london():
    today = datetime.datetime.now(ZoneInfo("Europe/London")).date()
    assert FinancialYear.current().contains(today)


# -- arithmetic and ordering ----------------------------------------------------------------------


def test_next_and_previous_step_one_year():
    fy = FinancialYear(2013)
    assert fy.next() == FinancialYear(2014)
    assert fy.previous() == FinancialYear(2012)
    assert fy.next().previous() == fy


def test_adding_and_subtracting_years():
    fy = FinancialYear(2013)
    assert fy + 3 == FinancialYear(2016)
    assert fy - 3 == FinancialYear(2010)
    assert fy + 0 == fy
    assert fy + -1 == fy.previous()


def test_adding_something_other_than_whole_years_is_a_type_error():
    with pytest.raises(TypeError):
        FinancialYear(2013) + "1"  # type: ignore[operator]
    with pytest.raises(TypeError):
        FinancialYear(2013) - 1.0  # type: ignore[operator]


def test_stepping_past_the_supported_range_is_refused():
    with pytest.raises(FinancialYearError):
        FinancialYear(2999).next()
    with pytest.raises(FinancialYearError):
        FinancialYear(1900).previous()


def test_financial_years_order_by_start_year_and_can_be_dict_keys():
    assert FinancialYear(2012) < FinancialYear(2013) <= FinancialYear(2013)
    assert max(FinancialYear(2015), FinancialYear(2013)) == FinancialYear(2015)
    assert {FinancialYear(2013): "x"}[FinancialYear.parse("13/14")] == "x"


def test_range_is_inclusive_and_accepts_anything_parse_takes():
    assert FinancialYear.range("2013/14", 2015) == [
        FinancialYear(2013),
        FinancialYear(2014),
        FinancialYear(2015),
    ]
    assert FinancialYear.range(FinancialYear(2013), "13/14") == [FinancialYear(2013)]


def test_range_crosses_the_century():
    assert [str(fy) for fy in FinancialYear.range("98/99", "00/01")] == [
        "1998/99",
        "1999/00",
        "2000/01",
    ]


def test_range_refuses_a_last_year_before_the_first():
    with pytest.raises(FinancialYearError, match="give the earlier financial year first"):
        FinancialYear.range("2015/16", "2013/14")


def test_range_refuses_text_that_is_not_a_financial_year():
    with pytest.raises(FinancialYearError):
        FinancialYear.range("2013", "2015/16")


# -- text -----------------------------------------------------------------------------------------


def test_str_is_the_canonical_form_and_short_uses_two_digits():
    fy = FinancialYear(2013)
    assert str(fy) == "2013/14"
    assert fy.short == "13/14"


def test_the_century_boundary_is_written_with_00():
    assert str(FinancialYear(1999)) == "1999/00"
    assert FinancialYear(1999).short == "99/00"
    assert str(FinancialYear(2009)) == "2009/10"
    assert FinancialYear(2000).short == "00/01"


# -- properties -----------------------------------------------------------------------------------

dates_with_a_financial_year = st.dates(min_value=date(1900, 4, 1), max_value=date(3000, 3, 31))
start_years = st.integers(min_value=1900, max_value=2999)


@given(dates_with_a_financial_year)
def test_every_date_falls_within_its_own_financial_year(day):
    fy = FinancialYear.of(day)
    assert fy.contains(day)
    assert fy.starts_on <= day <= fy.ends_on
    assert (fy.ends_on - fy.starts_on).days in (364, 365)


@given(st.integers(min_value=1980, max_value=2079))
def test_str_and_short_parse_back_to_the_same_year(start_year):
    fy = FinancialYear(start_year)
    assert FinancialYear.parse(str(fy)) == fy
    assert FinancialYear.parse(fy.short) == fy


@given(start_years)
def test_str_parses_back_for_every_supported_year(start_year):
    fy = FinancialYear(start_year)
    assert FinancialYear.parse(str(fy)) == fy
    assert FinancialYear.parse(f"FY{start_year}-{start_year + 1}") == fy


@given(start_years)
def test_a_year_begins_on_its_first_day_and_the_day_before_is_the_previous_year(start_year):
    fy = FinancialYear(start_year)
    assert FinancialYear.of(fy.starts_on) == fy
    assert FinancialYear.of(fy.ends_on) == fy
    if start_year > 1900:
        assert FinancialYear.of(fy.starts_on - datetime.timedelta(days=1)) == fy.previous()


@given(start_years)
def test_the_months_of_a_year_all_fall_within_it(start_year):
    fy = FinancialYear(start_year)
    assert all(fy.contains(month) for month in fy.months())
    assert [FinancialYear.of(month) for month in fy.months()] == [fy] * 12


# -- model field ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2013/14", "13/14", 2013, FinancialYear(2013), " FY2013-14 "])
def test_the_model_field_reads_text_ints_and_financial_years(value):
    assert FinancialYearField().to_python(value) == FinancialYear(2013)


@pytest.mark.parametrize("value", [None, ""])
def test_the_model_field_reads_nothing_as_none(value):
    assert FinancialYearField().to_python(value) is None


def test_the_model_field_turns_bad_text_into_a_validation_error_with_the_reason():
    with pytest.raises(ValidationError) as caught:
        FinancialYearField().to_python("2013/15")
    assert caught.value.code == "invalid"
    assert caught.value.messages == [
        "'2013/15' is not a financial year: the second year must follow the first (write 2013/14)"
    ]


def test_the_model_field_stores_the_start_year():
    field = FinancialYearField()
    assert field.get_prep_value(FinancialYear(2013)) == 2013
    assert field.get_prep_value("2013/14") == 2013
    assert field.get_prep_value(2013) == 2013
    assert field.get_prep_value(None) is None
    assert field.get_db_prep_value(FinancialYear(2013), connection) == 2013


def test_the_model_field_reads_the_start_year_back_from_the_database():
    field = FinancialYearField()
    assert field.from_db_value(2013, None, connection) == FinancialYear(2013)
    assert field.from_db_value(None, None, connection) is None


@pytest.mark.parametrize("lookup", ["exact", "gte", "lt", "in"])
def test_lookups_on_the_model_field_compare_start_years(lookup):
    field = FinancialYearField()
    rhs = [FinancialYear(2013), "14/15"] if lookup == "in" else FinancialYear(2013)
    condition = field.get_lookup(lookup)(Value(2013, output_field=field), rhs)
    assert condition.rhs == ([2013, 2014] if lookup == "in" else 2013)


def test_the_model_field_serialises_as_the_canonical_text():
    field = FinancialYearField()
    field.set_attributes_from_name("fy")
    assert field.value_to_string(SimpleNamespace(fy=FinancialYear(2013))) == "2013/14"
    assert field.value_to_string(SimpleNamespace(fy=None)) == ""
    assert field.to_python(field.value_to_string(SimpleNamespace(fy=FinancialYear(1999)))) == (
        FinancialYear(1999)
    )


def test_the_model_field_cleans_text_to_a_financial_year():
    field = FinancialYearField()
    assert field.clean("13/14", None) == FinancialYear(2013)
    with pytest.raises(ValidationError):
        field.clean("2013", None)


def test_the_model_field_deconstructs_for_migrations():
    field = FinancialYearField(null=True, blank=True, verbose_name="financial year")
    name, path, args, kwargs = field.deconstruct()
    assert path == "sightline.core.fiscal.FinancialYearField"
    assert args == []
    assert kwargs == {"null": True, "blank": True, "verbose_name": "financial year"}
    rebuilt = FinancialYearField(*args, **kwargs)
    assert rebuilt.null and rebuilt.blank


def test_the_model_field_is_a_positive_small_integer_column():
    assert FinancialYearField().get_internal_type() == "PositiveSmallIntegerField"


def test_the_model_field_offers_the_financial_year_form_field():
    form_field = FinancialYearField(blank=True).formfield()
    assert isinstance(form_field, FinancialYearFormField)
    assert form_field.required is False
    assert form_field.clean("13/14") == FinancialYear(2013)


# -- form field -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2013/14", "13/14", "2013-2014", " fy2013/14 "])
def test_the_form_field_cleans_text_to_a_financial_year(text):
    assert FinancialYearFormField().clean(text) == FinancialYear(2013)


def test_the_form_field_cleans_an_empty_optional_value_to_none():
    assert FinancialYearFormField(required=False).clean("") is None


def test_the_form_field_requires_a_value_by_default():
    with pytest.raises(ValidationError) as caught:
        FinancialYearFormField().clean("")
    assert caught.value.code == "required"


@pytest.mark.parametrize("text", ["2013/15", "2013", "abc", "2013/14/15"])
def test_the_form_field_explains_what_is_accepted(text):
    with pytest.raises(ValidationError) as caught:
        FinancialYearFormField().clean(text)
    (message,) = caught.value.messages
    assert repr(text) in message
    assert "2013/14" in message


def test_the_form_field_shows_a_financial_year_in_the_canonical_form():
    field = FinancialYearFormField()
    assert field.prepare_value(FinancialYear(2013)) == "2013/14"
    assert field.prepare_value(2013) == "2013/14"
    assert field.prepare_value("not a year") == "not a year"
    assert field.prepare_value(None) is None


def test_a_form_shows_the_initial_year_and_sees_other_spellings_as_unchanged():
    class YearForm(forms.Form):
        fy = FinancialYearFormField()

    unbound = YearForm(initial={"fy": FinancialYear(2013)})
    assert 'value="2013/14"' in str(unbound["fy"])
    bound = YearForm(data={"fy": "13/14"}, initial={"fy": FinancialYear(2013)})
    assert bound.is_valid()
    assert bound.cleaned_data["fy"] == FinancialYear(2013)
    assert not bound.has_changed()
    assert YearForm(data={"fy": "14/15"}, initial={"fy": FinancialYear(2013)}).has_changed()


# -- template filter ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (FinancialYear(2013), "2013/14"),
        ("13/14", "2013/14"),
        (1999, "1999/00"),
        (None, ""),
        ("", ""),
        ("not a year", ""),
    ],
)
def test_the_fy_filter_shows_the_canonical_form(value, shown):
    rendered = Template("{% load sightline %}[{{ value|fy }}]").render(Context({"value": value}))
    assert rendered == f"[{shown}]"
