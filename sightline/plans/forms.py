"""Forms for service plans: parsing and validating input only, never saving."""

from __future__ import annotations

from django import forms

from sightline.accounts.models import Directorate, Person
from sightline.accounts.permissions import allowed, require_membership
from sightline.core.fiscal import FinancialYearFormField
from sightline.core.forms import GovukDateField
from sightline.plans import rules, selectors
from sightline.plans.models import Action, Impact, ServicePlan, ServicePriority, UpdateStatus
from sightline.strategy.models import Priority

REASON_HELP = "Why you are making this change. It is kept in the record's history."


def _reason() -> forms.CharField:
    return forms.CharField(
        label="Reason for the change", required=False, help_text=REASON_HELP, max_length=500
    )


class PlanForm(forms.Form):
    directorate = forms.ModelChoiceField(label="Directorate", queryset=Directorate.objects.none())
    fy = FinancialYearFormField(label="Financial year", help_text="For example, 2010/11")
    title = forms.CharField(
        label="Title",
        max_length=300,
        help_text="For example, Corporate Services Departmental Service Plan 2010/11",
    )
    report_of = forms.CharField(
        label="Report of",
        max_length=300,
        required=False,
        help_text="Who presents the plan, for example its director.",
    )
    summary = forms.CharField(
        label="Purpose and summary", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        council = require_membership(user).council
        # Only the directorates the user may start a plan for (a director: their own).
        offered = [
            d.pk
            for d in Directorate.objects.filter(council=council).active()
            if allowed(user, "plans.create_plan", ServicePlan(council=council, directorate=d))
        ]
        self.fields["directorate"].queryset = Directorate.objects.filter(pk__in=offered)


class PriorityForm(forms.Form):
    title = forms.CharField(
        label="Priority",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A key priority for the service this year.",
    )
    why = forms.CharField(
        label="Why is it a priority?", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    strategic_priority = forms.ModelChoiceField(
        label="Corporate objective it serves",
        queryset=Priority.objects.none(),
        required=False,
        empty_label="None",
    )
    reason = _reason()

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategic_priority"].queryset = selectors.strategic_priorities(
            council=council
        ).order_by("plan__starts", "plan_id", "number")


class ActionForm(forms.Form):
    priority = forms.ModelChoiceField(
        label="Which priority does it link to?",
        queryset=ServicePriority.objects.none(),
        empty_label=None,
    )
    description = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A main action which will affect this priority this year.",
    )
    resourced = forms.ChoiceField(
        label="Is it resourced?",
        choices=Action.Resourced.choices,
        widget=forms.RadioSelect,
        initial=Action.Resourced.YES,
    )
    resources = forms.CharField(
        label="How is it resourced?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example, use of existing resources.",
    )
    deadline = forms.CharField(
        label="Deadline",
        max_length=200,
        required=False,
        help_text="As the plan words it, for example March 2011 or Depends on business plan.",
    )
    deadline_on = GovukDateField(
        label="Deadline date",
        required=False,
        help_text="For sorting and to show when the action is late, for example 31 3 2011.",
    )
    outcome = forms.CharField(
        label="Outcomes and measures",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What doing the action achieves, any related measure and how it is doing.",
    )
    reason = _reason()

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = plan.priorities.order_by("number")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ACTION_FIELDS}


ACTION_FIELDS = ["description", "resourced", "resources", "deadline", "deadline_on", "outcome"]


class QuarterlyUpdateForm(forms.Form):
    quarter = forms.TypedChoiceField(label="Quarter", coerce=int, widget=forms.RadioSelect)
    status = forms.ChoiceField(
        label="Status", choices=UpdateStatus.choices, widget=forms.RadioSelect
    )
    narrative = forms.CharField(
        label="Update position",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The position at the end of the quarter. Keep each division's heading "
        "(for example Finance & IS, Legal, Personnel) on its own line.",
    )
    reason = _reason()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_quarter = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, fy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q, rules.quarter_label(fy, q)) for q in rules.QUARTERS]

    def expected_version(self) -> int:
        """The version of the update the user saw for the quarter they chose; 0 if none."""
        d = self.cleaned_data
        if d.get("loaded_quarter") == d["quarter"]:
            return d.get("version") or 0
        return 0


NOT_ASSESSED = "not_assessed"
IMPACT_CHOICES = [*Impact.choices, (NOT_ASSESSED, "Not assessed")]


class ImpactGridForm(forms.Form):
    """One radio group per corporate objective: positive, neutral, negative or not assessed."""

    reason = _reason()

    def __init__(self, *args, objectives, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.objectives = objectives
        for objective in objectives:
            self.fields[f"objective_{objective.pk}"] = forms.ChoiceField(
                label=str(objective),
                choices=IMPACT_CHOICES,
                widget=forms.RadioSelect,
                initial=current.get(objective.pk) or NOT_ASSESSED,
            )
        self.order_fields([*(f"objective_{o.pk}" for o in objectives), "reason"])

    def impacts(self) -> dict:
        return {
            o: (
                None
                if self.cleaned_data[f"objective_{o.pk}"] == NOT_ASSESSED
                else self.cleaned_data[f"objective_{o.pk}"]
            )
            for o in self.objectives
        }


class ObjectiveForm(forms.Form):
    person = forms.ModelChoiceField(label="Person", queryset=Person.objects.none())
    action = forms.ModelChoiceField(
        label="Service plan action it serves", queryset=Action.objects.none()
    )
    title = forms.CharField(
        label="Objective", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    starts_on = GovukDateField(label="Start date")
    review_on = GovukDateField(
        label="Six-month review",
        required=False,
        help_text="Leave blank for six months after the start date.",
    )
    final_review_on = GovukDateField(label="End of year review", required=False)
    reason = _reason()

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.objective_people(membership=membership)
        self.fields["action"].queryset = selectors.objective_actions(membership=membership)
        self.fields["action"].label_from_instance = _action_label

    def clean(self):
        data = super().clean()
        starts, review = data.get("starts_on"), data.get("review_on")
        if starts and review and review <= starts:
            self.add_error("review_on", "The six-month review must come after the start date.")
        return data


def _action_label(action: Action) -> str:
    plan = action.priority.plan
    text = action.description if len(action.description) <= 90 else action.description[:87] + "…"
    return f"{plan.directorate} {plan.fy}, priority {action.priority.number}: {text}"
