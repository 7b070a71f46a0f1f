"""The error summary links each message to a box on the page (found by tests/properties: a
checkbox group's error linked to "#", a hidden field's to an id the page does not have)."""

from django import forms

from sightline.core.forms import GovukDateField
from sightline.core.templatetags.govuk import error_href, govuk_error_summary


class _Form(forms.Form):
    codes = forms.MultipleChoiceField(
        choices=[("1", "One"), ("2", "Two")], widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput)
    starts_on = GovukDateField(label="Starts")
    title = forms.CharField()


def _hrefs(form) -> dict[str, str]:
    return {e["message"].split(" ")[0]: e["href"] for e in govuk_error_summary(form)["errors"]}


def test_each_error_links_to_the_first_box_of_its_field_and_a_hidden_one_to_nothing():
    form = _Form({"codes": ["9"], "kind": "z", "version": "x", "starts_on_day": "40"})
    assert not form.is_valid()
    links = [e["href"] for e in govuk_error_summary(form)["errors"]]
    assert "#id_codes_0" in links
    assert "#id_kind_0" in links
    assert "#starts_on_day" in links
    assert "#id_title" in links
    assert "" in links  # the version's error, shown without a link
    assert "#" not in links and "#id_version" not in links


def test_a_hand_made_summary_gets_the_same_links():
    form = _Form({"starts_on_day": "40"}, prefix="posts-0")
    assert not form.is_valid()
    assert error_href(form, "starts_on") == "#posts-0-starts_on_day"
    assert error_href(form, "version") == ""
    assert error_href(form, "nothing") == ""
