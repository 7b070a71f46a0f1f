"""Parsing what councillors and officers type into the scrutiny workspace."""

from __future__ import annotations

from django import forms

from sightline.scrutiny.services import MAX_TEXT


class DeepDiveForm(forms.Form):
    """One saving, risk or indicator to examine: choose one of the three."""

    proposal = forms.ModelChoiceField(
        label="Saving", queryset=None, required=False, empty_label="Choose a saving"
    )
    risk = forms.ModelChoiceField(
        label="Risk", queryset=None, required=False, empty_label="Choose a risk"
    )
    indicator = forms.ModelChoiceField(
        label="Indicator", queryset=None, required=False, empty_label="Choose an indicator"
    )
    purpose = forms.CharField(
        label="What do you want to examine?",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        from sightline.performance.models import Indicator
        from sightline.risks.models import Risk
        from sightline.savings.models import Proposal

        self.fields["proposal"].queryset = Proposal.objects.filter(
            pk__in=[p.pk for p in choices["proposals"]]
        ).order_by("reference")
        self.fields["proposal"].label_from_instance = lambda p: f"{p.reference} {p.title}"
        self.fields["risk"].queryset = Risk.objects.filter(
            pk__in=[r.pk for r in choices["risks"]]
        ).order_by("number")
        self.fields["risk"].label_from_instance = lambda r: f"Risk {r.number}: {r.title}"
        self.fields["indicator"].queryset = Indicator.objects.filter(
            pk__in=[i.pk for i in choices["indicators"]]
        ).order_by("code")

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("proposal", "risk", "indicator") if data.get(name)]
        if len(chosen) != 1:
            self.add_error(
                "proposal", "Choose one saving, risk or indicator to examine (only one)."
            )
        return data


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Your question",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your question"},
    )


class CallInForm(forms.Form):
    text = forms.CharField(
        label="Why are you calling it in?",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why you are calling it in"},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Answer",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the answer"},
    )
