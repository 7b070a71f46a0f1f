"""The programme office's choices for the public pages: parsing, never saving."""

from __future__ import annotations

from django import forms

from sightline.core.forms import RecordsField
from sightline.performance.models import Indicator
from sightline.public.models import ExemptTotals, PublicSettings


class PublicSettingsForm(forms.Form):
    published = forms.BooleanField(
        label="Publish the public pages and open data",
        required=False,
        help_text="Until you do, every public address of the council is not found.",
    )
    exempt_totals = forms.ChoiceField(
        label="Approved savings that are still exempt (Schedule 12A)",
        choices=ExemptTotals.choices,
        widget=forms.RadioSelect,
        help_text="They are never named in public. Choose how the public totals count them.",
        error_messages={"required": "Choose how the public totals count exempt savings"},
    )
    publish_risk_summary = forms.BooleanField(
        label="Publish a summary of the risk register",
        required=False,
        help_text="How many open risks sit in each band of residual score; never a risk's words.",
    )
    public_indicators = RecordsField(
        label="Indicators to publish",
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each with its approved values only; values awaiting approval never show.",
    )
    reason = forms.CharField(
        label="Reason for the change",
        required=False,
        max_length=500,
        help_text="Kept in the settings' history.",
    )

    def __init__(self, data=None, *, instance_values: PublicSettings, indicators):
        indicators = indicators.order_by("code")
        initial = {
            "published": instance_values.published,
            "exempt_totals": instance_values.exempt_totals,
            "publish_risk_summary": instance_values.publish_risk_summary,
            "public_indicators": [i.pk for i in indicators if i.public],
        }
        super().__init__(data, initial=initial)
        self.fields["public_indicators"].queryset = indicators
