"""Forms for the savings programme: parsing and validating input only, never saving."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from sightline.accounts.models import Directorate, Person, Portfolio, ServiceArea
from sightline.core.fiscal import FinancialYear, FinancialYearFormField
from sightline.core.forms import GovukDateField, MoneyField, RecordsField, govuk_month_field
from sightline.savings.models import (
    BudgetCode,
    Bundle,
    DecisionBody,
    DecisionStatus,
    Period,
    PriorityImpact,
    Proposal,
    Rag,
    SavingKind,
    SavingsType,
    Stage,
)
from sightline.strategy.models import Priority

STALE_FORM = (
    "This form is out of date: someone may have changed the record since you opened it. "
    "Reload the page, then make your change again."
)
REASON_HELP = "Why you are making this change. It is kept in the proposal's history."


class ProposalForm(forms.ModelForm):
    """Every field of the standard savings proposal form (London Borough of Tower Hamlets,
    Draft savings proposal SAV / RES 002 / 21-22)."""

    reason = forms.CharField(
        label="Reason for the change", required=False, help_text=REASON_HELP, max_length=500
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FINANCE_FIELDS = ("finance_lead", "accountant")
    EXEMPT_FIELDS = ("exempt", "exempt_paragraphs", "exempt_until")

    class Meta:
        model = Proposal
        fields = [
            "reference",
            "title",
            "savings_type",
            "directorate",
            "service_area",
            "bundle",
            "strategic_outcome",
            "priority",
            "lead_officer",
            "lead_member",
            "portfolio",
            "sponsor",
            "project_manager",
            "finance_lead",
            "accountant",
            "budget_codes",
            "summary",
            "background",
            "proposal",
            "implementation_on",
            "resources",
            "notes",
            "exempt",
            "exempt_paragraphs",
            "exempt_until",
        ]
        field_classes = {
            "implementation_on": GovukDateField,
            "exempt_until": GovukDateField,
            "budget_codes": RecordsField,
        }
        widgets = {
            "budget_codes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "background": forms.Textarea(attrs={"rows": 5}),
            "proposal": forms.Textarea(attrs={"rows": 6}),
            "resources": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reference": "Your council's own reference, for example SAV / RES 002 / 21-22.",
            "exempt": "Tick if it contains exempt information (Schedule 12A), for example staff "
            "affected before consultation. Only those entitled will see it.",
        }

    def __init__(self, *args, council, exempt_fields=True, finance_only=False, **kwargs):
        """``exempt_fields``: whether the user may mark it exempt (the programme office);
        ``finance_only``: finance, who assign only the finance lead and accountant."""
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(council=council).active()
        self.fields["savings_type"].queryset = SavingsType.objects.filter(
            council=council, disabled_on__isnull=True
        )
        self.fields["directorate"].queryset = Directorate.objects.filter(council=council).active()
        self.fields["service_area"].queryset = ServiceArea.objects.filter(
            directorate__council=council
        ).active()
        self.fields["bundle"].queryset = Bundle.objects.filter(council=council)
        self.fields["priority"].queryset = Priority.objects.filter(
            plan__council=council
        ).select_related("plan")
        self.fields["portfolio"].queryset = Portfolio.objects.filter(council=council).active()
        self.fields["budget_codes"].queryset = BudgetCode.objects.filter(council=council)
        for name in (
            "lead_officer",
            "sponsor",
            "project_manager",
            "finance_lead",
            "accountant",
        ):
            self.fields[name].queryset = people.filter(kind=Person.Kind.OFFICER)
        self.fields["lead_member"].queryset = people.filter(kind=Person.Kind.COUNCILLOR)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = STALE_FORM
        for name in list(self.fields):
            if (finance_only and name not in (*self.FINANCE_FIELDS, "version", "reason")) or (
                not exempt_fields and name in self.EXEMPT_FIELDS
            ):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("exempt") and not data.get("exempt_paragraphs"):
            self.add_error(
                "exempt_paragraphs",
                "Give the Schedule 12A paragraphs that make it exempt, for example 1, 4.",
            )
        area, directorate = data.get("service_area"), data.get("directorate")
        if area and directorate and area.directorate_id != directorate.pk:
            self.add_error("service_area", f"{area} is not in the {directorate} directorate.")
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class SavingLineForm(forms.Form):
    fy = FinancialYearFormField(label="Financial year", help_text="For example 2013/14")
    amount = MoneyField(label="Saving", help_text="For example £24.5k; negative to invest to save")
    kind = forms.ChoiceField(label="Type", choices=SavingKind.choices, initial=SavingKind.REDUCTION)
    recurring = forms.BooleanField(label="Recurring", required=False, initial=True)
    budget_code = forms.ModelChoiceField(
        label="Budget code", queryset=BudgetCode.objects.none(), required=False
    )
    description = forms.CharField(label="Description", required=False, max_length=300)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_code"].queryset = BudgetCode.objects.filter(council=council)

    def line_data(self) -> dict:
        d = self.cleaned_data
        return {
            "fy": d["fy"],
            "amount_pence": d["amount"],
            "kind": d["kind"],
            "recurring": d["recurring"],
            "budget_code": d["budget_code"],
            "description": d["description"],
        }


class BaseLineFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            key = (
                form.cleaned_data["fy"],
                form.cleaned_data["kind"],
                form.cleaned_data["budget_code"],
            )
            if key in seen:
                raise ValidationError(
                    f"There are two {form.cleaned_data['kind']} lines for {key[0]} on the same "
                    "budget code: put them on one line."
                )
            seen.add(key)


SavingLineFormSet = forms.formset_factory(
    SavingLineForm, formset=BaseLineFormSet, extra=2, can_delete=True
)


class StaffingForm(forms.Form):
    fy = FinancialYearFormField(label="Financial year")
    role = forms.CharField(label="Post or role", max_length=200)
    fte = forms.DecimalField(label="FTE reduction", min_value=0, max_digits=7, decimal_places=2)
    vacancies_held = forms.DecimalField(
        label="Vacancies held", min_value=0, max_digits=7, decimal_places=2, initial=0
    )


StaffingFormSet = forms.formset_factory(StaffingForm, extra=2, can_delete=True)


class RiskForm(forms.Form):
    description = forms.CharField(label="Risk", widget=forms.Textarea(attrs={"rows": 2}))
    mitigation = forms.CharField(
        label="Mitigation", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


RiskFormSet = forms.formset_factory(RiskForm, extra=1, can_delete=True)


class StageForm(forms.Form):
    to = forms.ChoiceField(choices=Stage.choices)
    reason = forms.CharField(label="Reason", required=False, max_length=2000)
    override = forms.BooleanField(required=False)


class DecisionForm(forms.Form):
    to = forms.ChoiceField(label="Decision", choices=DecisionStatus.choices)

    body = forms.ChoiceField(
        label="Decided by", choices=[("", "Not yet decided"), *DecisionBody.choices], required=False
    )
    decided_on = GovukDateField(label="Date of the decision", required=False)
    reference = forms.CharField(
        label="Decision reference",
        required=False,
        max_length=100,
        help_text="For example the meeting and agenda item",
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, steps, **kwargs):
        """``steps``: the decision steps this user may record from the current status."""
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (v, label) for v, label in DecisionStatus.choices if v in steps
        ]


class ForecastForm(forms.Form):
    period = forms.ModelChoiceField(label="Month", queryset=Period.objects.none())
    fy = FinancialYearFormField(label="Financial year of the saving")
    forecast = MoneyField(label="Forecast saving", help_text="For example £60k")
    rag = forms.ChoiceField(label="RAG", choices=Rag.choices, widget=forms.RadioSelect)
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when Amber or Red, or when the RAG changes.",
    )
    slippage = MoneyField(
        label="Slippage",
        required=False,
        allow_negative=False,
        help_text="Amount moved to a later year",
    )
    slipped_to = FinancialYearFormField(label="Slipped to", required=False)
    replacement = forms.CharField(
        label="Replacement saving or mitigation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        help_text="The version of this month's forecast you are changing; empty for a new one.",
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = Period.objects.filter(
            council=council, status=Period.Status.OPEN
        )


class BenefitForm(forms.Form):
    fy = FinancialYearFormField(label="Financial year")
    amount = MoneyField(label="Saving confirmed as left the budget", allow_negative=False)
    note = forms.CharField(label="Note", required=False, max_length=2000)


class PeriodOpenForm(forms.Form):
    month = govuk_month_field(label="Month", help_text="For example 3 2014")


class ProgrammeYearForm(forms.Form):
    fy = FinancialYearFormField(label="Financial year")
    target = MoneyField(label="Savings target", allow_negative=False, help_text="For example £18m")
    team_cost = MoneyField(
        label="Programme team cost",
        allow_negative=False,
        required=False,
        help_text="For example £2m",
    )


class WeightsForm(forms.Form):
    weight_blue = forms.IntegerField(label="Blue (%)", min_value=0, max_value=100)
    weight_green = forms.IntegerField(label="Green (%)", min_value=0, max_value=100)
    weight_amber = forms.IntegerField(label="Amber (%)", min_value=0, max_value=100)
    weight_red = forms.IntegerField(label="Red (%)", min_value=0, max_value=100)
    weight_unrated = forms.IntegerField(label="Not yet rated (%)", min_value=0, max_value=100)
    roi_target = forms.IntegerField(label="Return on investment target (times)", min_value=1)


class ReviewForm(forms.Form):
    note = forms.CharField(
        label="Why these savings do not overlap",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class LessonForm(forms.Form):
    learning = forms.CharField(label="Learning", widget=forms.Textarea(attrs={"rows": 2}))
    actions = forms.CharField(
        label="Actions, how achieved", widget=forms.Textarea(attrs={"rows": 3})
    )
    measure_of_success = forms.CharField(
        label="Measure of success", widget=forms.Textarea(attrs={"rows": 2})
    )
    bundles = RecordsField(
        label="Bundles it came from",
        queryset=Bundle.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    proposals = RecordsField(
        label="Proposals it came from",
        queryset=Proposal.objects.none(),
        required=False,
        widget=forms.SelectMultiple,
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bundles"].queryset = Bundle.objects.filter(council=council)
        self.fields["proposals"].queryset = Proposal.objects.filter(council=council, exempt=False)


class TrackerFilterForm(forms.Form):
    fy = FinancialYearFormField(label="Financial year", required=False)
    q = forms.CharField(label="Search", required=False)
    bundle = forms.ModelChoiceField(queryset=Bundle.objects.none(), required=False)
    directorate = forms.ModelChoiceField(queryset=Directorate.objects.none(), required=False)
    stage = forms.ChoiceField(choices=[("", "Any stage"), *Stage.choices], required=False)
    rag = forms.ChoiceField(
        label="RAG",
        choices=[("", "Any RAG"), *Rag.choices, ("unrated", "Not rated")],
        required=False,
    )
    decision = forms.ChoiceField(
        choices=[("", "Any decision"), *DecisionStatus.choices], required=False
    )
    type = forms.ModelChoiceField(
        label="Savings type", queryset=SavingsType.objects.none(), required=False
    )
    sort = forms.ChoiceField(
        choices=[
            ("reference", "Reference"),
            ("title", "Title"),
            ("-amount", "Saving, largest first"),
            ("amount", "Saving, smallest first"),
            ("stage", "Stage"),
            ("rag", "RAG"),
            ("bundle", "Bundle"),
            ("directorate", "Directorate"),
        ],
        required=False,
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bundle"].queryset = Bundle.objects.filter(council=council)
        self.fields["directorate"].queryset = Directorate.objects.filter(council=council)
        self.fields["type"].queryset = SavingsType.objects.filter(council=council)
        self.fields["bundle"].empty_label = "Any bundle"
        self.fields["directorate"].empty_label = "Any directorate"
        self.fields["type"].empty_label = "Any type"

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d.get("q"),
            "bundle": d["bundle"].pk if d.get("bundle") else None,
            "directorate": d["directorate"].pk if d.get("directorate") else None,
            "stage": d.get("stage"),
            "rag": d.get("rag"),
            "decision": d.get("decision"),
            "type": d["type"].pk if d.get("type") else None,
            "sort": d.get("sort"),
        }


def parse_fy(value: str | None, default: FinancialYear) -> FinancialYear:
    try:
        return FinancialYear.parse(value) if value else default
    except ValueError:
        return default


class ImpactForm(forms.Form):
    priority = forms.ModelChoiceField(label="Strategic priority", queryset=Priority.objects.none())
    indicator = forms.ModelChoiceField(label="Indicator (optional)", queryset=None, required=False)
    impact = forms.ChoiceField(
        label="Impact", choices=PriorityImpact.Impact.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="How", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, council, **kwargs):
        from sightline.performance.models import Indicator

        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.filter(plan__council=council)
        self.fields["indicator"].queryset = Indicator.objects.filter(council=council)
