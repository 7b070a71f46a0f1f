from django import forms

from sightline.core.forms import MoneyField
from sightline.core.money import Unit


class AmountForm(forms.Form):
    amount = MoneyField()
    column = MoneyField(unit=Unit.THOUSANDS, required=False)
    positive = MoneyField(required=False, allow_negative=False)


def test_money_fields_take_amounts_as_councils_write_them():
    form = AmountForm({"amount": "£24.5k", "column": "(553)", "positive": "92,000"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "amount": 2_450_000,
        "column": -55_300_000,
        "positive": 9_200_000,
    }


def test_an_ambiguous_amount_is_refused_with_the_reason():
    form = AmountForm({"amount": "£1.2.3"})
    assert not form.is_valid()
    assert "more than one decimal point" in form.errors["amount"][0]


def test_a_negative_amount_is_refused_where_it_makes_no_sense():
    form = AmountForm({"amount": "1", "positive": "-£5,000"})
    assert form.errors["positive"] == ["Enter an amount of zero or more"]


def test_a_saved_amount_is_shown_back_in_pounds():
    form = AmountForm(initial={"amount": 2_450_000})
    assert 'value="£24,500"' in str(form["amount"])
