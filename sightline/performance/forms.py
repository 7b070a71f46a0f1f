"""Forms for performance indicators: parsing and validating input only, never saving."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from sightline.performance import rules
from sightline.performance.models import Indicator
from sightline.performance.selectors import RAG_FILTERS


class PeriodField(forms.CharField):
    """A period typed as a council writes it ("Q1 2010/11", "June 2010", "2010/11", or a
    date), cleaned to the first day of that period for the indicator's frequency."""

    def __init__(self, *, frequency: str, **kwargs):
        self.frequency = frequency
        kwargs.setdefault("help_text", rules.PERIOD_HINTS[frequency])
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("spellcheck", "false")

    def prepare_value(self, value):
        if hasattr(value, "year") and hasattr(value, "month"):
            return rules.period_label(value, self.frequency)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if len(text) > 40:
            raise ValidationError("Enter the period in at most 40 characters", code="max_length")
        try:
            return rules.parse_period(text, self.frequency)
        except rules.PeriodError as error:
            raise ValidationError(str(error), code="period") from error


def _value_field(indicator: Indicator, label: str) -> forms.DecimalField:
    unit = indicator.get_unit_display()
    hint = {
        Indicator.Unit.PERCENT: "A percentage, for example 96.5",
        Indicator.Unit.DAYS: "A number of days, for example 9.5",
        Indicator.Unit.POUNDS: "An amount in pounds, for example 1250",
        Indicator.Unit.NUMBER: "A number, for example 52",
        Indicator.Unit.RATE: "A rate, for example 31.2",
    }.get(indicator.unit, f"In {unit}")
    field = forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        help_text=f"{hint}. At most two decimal places.",
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a number, like {hint.rsplit(' ', 1)[-1]}",
        },
    )
    field.widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
    return field


class ActualForm(forms.Form):
    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"] = PeriodField(
            frequency=indicator.frequency,
            label="Period",
            error_messages={"required": "Enter the period the actual is for"},
        )
        self.fields["value"] = _value_field(indicator, "Actual")
        self.fields["commentary"] = forms.CharField(
            label="Commentary",
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text="What the figure shows and why. Required when the actual is Red.",
        )
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TargetForm(forms.Form):
    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"] = PeriodField(
            frequency=indicator.frequency,
            label="Period",
            error_messages={"required": "Enter the period the target is for"},
        )
        self.fields[
            "period"
        ].help_text += ". The target holds for later periods until another is set."
        self.fields["value"] = _value_field(indicator, "Target")
        self.fields["reason"] = forms.CharField(
            label="Reason for the target",
            required=False,
            max_length=500,
            help_text="Kept in the indicator's history, for example Executive 4 March 2013.",
        )


class IndicatorFilterForm(forms.Form):
    priority = forms.TypedChoiceField(
        label="Strategic priority", required=False, coerce=int, empty_value=None
    )
    rag = forms.ChoiceField(
        label="RAG", required=False, choices=[("", "Any"), *RAG_FILTERS.items()]
    )

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [("", "All priorities")] + [
            (p.pk, str(p)) for p in priorities
        ]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"priority": None, "rag": None}
        return {
            "priority": self.cleaned_data["priority"],
            "rag": self.cleaned_data["rag"] or None,
        }
