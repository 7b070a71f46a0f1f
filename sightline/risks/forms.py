"""Forms for the risk register: parsing and validating input only, never saving. The
scoring rules (a score is likelihood x impact; residual no higher than initial) are the
service's, so they hold for the API and the admin too."""

from __future__ import annotations

from django import forms

from sightline.accounts.models import Directorate, Person
from sightline.core.forms import GovukDateField, RecordsField
from sightline.risks import selectors
from sightline.risks.permissions import may_place
from sightline.strategy.models import Priority

REASON_HELP = "Why you are making this change. It is kept in the risk's history."
RATING_HELP = "From 1 (rare, or negligible) to 5 (almost certain, or severe); optional"


def _rating(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Not rated")] + [(n, str(n)) for n in range(1, 6)],
        help_text=RATING_HELP,
    )


def _score(stage: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=f"{stage.capitalize()} score",
        required=False,
        help_text=(
            f"Likelihood x impact {'before' if stage == 'initial' else 'with'} the existing "
            "controls, from 1 to 25. Leave blank to work it out from the likelihood and impact."
        ),
        error_messages={"invalid": f"Enter the {stage} score as a whole number, like 6"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


def _target() -> forms.IntegerField:
    return forms.IntegerField(
        label="Target score",
        required=False,
        help_text="Where the further actions aim to bring the risk, from 1 to 25: no higher "
        "than the residual score. Optional.",
        error_messages={"invalid": "Enter the target score as a whole number, like 4"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class RiskForm(forms.Form):
    title = forms.CharField(
        label="Risk",
        max_length=400,
        help_text="For example, Failure to keep to approved budget",
        error_messages={"required": "Enter the risk"},
    )
    description = forms.CharField(
        label="Cause and consequence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    directorate = forms.ModelChoiceField(
        label="Directorate",
        queryset=Directorate.objects.none(),
        required=False,
        empty_label="Corporate: no one directorate",
    )
    owner = forms.ModelChoiceField(
        label="Owner", queryset=Person.objects.none(), required=False, empty_label="Not named"
    )
    priority = forms.ModelChoiceField(
        label="Strategic priority it threatens",
        queryset=Priority.objects.none(),
        required=False,
        empty_label="None",
    )
    initial_likelihood = _rating("Initial likelihood")
    initial_impact = _rating("Initial impact")
    initial_score = _score("initial")
    controls = forms.CharField(
        label="Existing controls",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
    )
    residual_likelihood = _rating("Residual likelihood")
    residual_impact = _rating("Residual impact")
    residual_score = _score("residual")
    further_actions = forms.CharField(
        label="Further actions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=8000,
        help_text="What more is planned, and by when.",
    )
    target_score = _target()
    appetite_score = forms.IntegerField(
        label="Risk appetite",
        required=False,
        help_text="The highest residual score the council will accept for this risk, from 1 to "
        "25. Optional.",
        error_messages={"invalid": "Enter the risk appetite as a whole number, like 8"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    review_on = GovukDateField(label="Next review", required=False)
    reason = forms.CharField(
        label="Reason for the change", required=False, help_text=REASON_HELP, max_length=500
    )

    def __init__(self, *args, membership, user, risk=None, **kwargs):
        """The council's own choices; a directorate only where ``user`` may add ``risk`` (or
        move it), so a director is offered their own directorate and not the others."""
        super().__init__(*args, **kwargs)
        found = selectors.choices(membership=membership)
        self.fields["owner"].queryset = found["people"]
        self.fields["priority"].queryset = found["priorities"]
        field = self.fields["directorate"]
        places = {
            d.pk
            for d in found["directorates"]
            if may_place(user, risk, council_id=membership.council_id, directorate_id=d.pk)
        }
        field.queryset = found["directorates"].filter(pk__in=places)
        if not may_place(user, risk, council_id=membership.council_id, directorate_id=None):
            field.required, field.empty_label = True, None
            field.error_messages["required"] = "Choose the risk's directorate"

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}


class ReasonForm(forms.Form):
    """Why a risk is being closed, or reopened (``action``): required, kept in its history."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = f"Why is the risk being {action}?"
        self.fields["reason"].error_messages["required"] = f"Say why the risk is being {action}"


class RiskFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    directorate = forms.ModelChoiceField(
        label="Directorate",
        queryset=Directorate.objects.none(),
        required=False,
        empty_label="Any directorate",
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("residual", "Residual score"),
            ("initial", "Initial score"),
            ("number", "Number"),
            ("review", "Next review"),
        ],
    )
    closed = forms.BooleanField(label="Show closed risks instead", required=False)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = selectors.choices(membership=membership)[
            "directorates"
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d.get("q") or "",
            "directorate": d.get("directorate"),
            "closed": bool(d.get("closed")),
            "sort": d.get("sort") or "residual",
        }


class ReviewForm(forms.Form):
    """A review of a risk: when, what it found, the scores it leaves, the next review."""

    reviewed_on = GovukDateField(label="The date of the review")
    note = forms.CharField(
        label="What did the review find?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="The controls checked, actions taken or planned, and why any score moved.",
        error_messages={"required": "Say what the review found"},
    )
    initial_likelihood = _rating("Initial likelihood")
    initial_impact = _rating("Initial impact")
    initial_score = _score("initial")
    residual_likelihood = _rating("Residual likelihood")
    residual_impact = _rating("Residual impact")
    residual_score = _score("residual")
    target_score = _target()
    next_review_on = GovukDateField(label="Next review", required=False)

    SCORES = (
        "initial_likelihood",
        "initial_impact",
        "initial_score",
        "residual_likelihood",
        "residual_impact",
        "residual_score",
        "target_score",
    )

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.SCORES}


class LinksForm(forms.Form):
    """The savings proposals and bundles a risk threatens."""

    proposals = RecordsField(
        label="Savings proposals",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The proposals the risk threatens, or that carry it.",
    )
    bundles = RecordsField(
        label="Bundles",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label="Reason for the change", required=False, help_text=REASON_HELP, max_length=500
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        found = selectors.link_choices(membership=membership)
        self.fields["proposals"].queryset = found["proposals"]
        self.fields["proposals"].label_from_instance = lambda p: f"{p.reference} {p.title}"
        self.fields["bundles"].queryset = found["bundles"]
