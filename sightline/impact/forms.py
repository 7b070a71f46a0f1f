"""Forms for equality screening and assessment, implications, consultation and posts: parsing
and validating input only, never saving. The rules (a Yes needs its summary, a negative impact
its evidence and mitigation, clearances before a report is final) are the services'."""

from __future__ import annotations

from django import forms

from sightline.accounts.models import Person
from sightline.core.fiscal import FinancialYearFormField
from sightline.core.forms import GovukDateField
from sightline.impact.models import (
    Answer,
    Audience,
    Characteristic,
    Group,
    Impact,
    ImplicationArea,
    ScreeningQuestion,
)

REASON_HELP = "Why you are making this change. It is kept in the record's history."
ANSWERS = [("yes", "Yes"), ("no", "No"), ("", "Not answered yet")]


def _text(label: str, *, rows: int = 3, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=kwargs.pop("max_length", 8000),
        **kwargs,
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def officers(council) -> forms.ModelChoiceField:
    """The council's people with a login: only they can sign off or clear, as themselves."""
    return forms.ModelChoiceField(
        queryset=Person.objects.filter(council=council, user__isnull=False).order_by("name"),
        required=False,
        empty_label="Not named yet",
    )


class ScreeningForm(forms.Form):
    """Each trigger question Yes or No with its summary, the staff affected by protected
    characteristic, and comments."""

    comments = _text("Additional information and comments", rows=3)
    reason = forms.CharField(label="Reason for the change", required=False, max_length=500)
    version = _version()

    def __init__(self, *args, questions: list[ScreeningQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"q{q.number}"] = forms.ChoiceField(
                label=f"{q.number}. {q.text}",
                choices=ANSWERS,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"q{q.number}_summary"] = _text(
                f"If Yes: how it affects each protected characteristic (question {q.number})",
                rows=2,
            )
        for value, label in Characteristic.choices:
            self.fields[f"staff_{value}"] = _text(f"{label}: the staff affected", rows=2)
            self.fields[f"staff_{value}_more"] = forms.BooleanField(
                label=f"Staff with this characteristic ({label.lower()}) are affected "
                "disproportionately",
                required=False,
            )

    def question_fields(self):
        return [(q, self[f"q{q.number}"], self[f"q{q.number}_summary"]) for q in self.questions]

    def profile_fields(self):
        return [
            (label, self[f"staff_{value}"], self[f"staff_{value}_more"])
            for value, label in Characteristic.choices
        ]

    def answers(self) -> dict[int, tuple[str, str]]:
        """Each question's answer and summary, by the question's number."""
        d = self.cleaned_data
        return {
            q.number: (d.get(f"q{q.number}") or "", d.get(f"q{q.number}_summary") or "")
            for q in self.questions
        }

    def profile(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {
                "characteristic": value,
                "summary": d[f"staff_{value}"].strip(),
                "disproportionate": bool(d.get(f"staff_{value}_more")),
            }
            for value, _ in Characteristic.choices
            if d.get(f"staff_{value}", "").strip()
        ]

    def clean(self):
        data = super().clean()
        for value, label in Characteristic.choices:
            if data.get(f"staff_{value}_more") and not (data.get(f"staff_{value}") or "").strip():
                self.add_error(
                    f"staff_{value}",
                    f"{label}: say who among the staff affected has this characteristic",
                )
        for q in self.questions:
            summary = (data.get(f"q{q.number}_summary") or "").strip()
            if data.get(f"q{q.number}") == Answer.YES and not summary:
                self.add_error(
                    f"q{q.number}_summary",
                    f"Question {q.number}: say how the change affects each protected "
                    "characteristic, as it is answered Yes",
                )
        return data


IMPACTS = [("", "Not assessed yet"), *Impact.choices]


class AssessmentForm(forms.Form):
    """For each protected characteristic, for residents and for staff: the impact, its
    evidence and its mitigation; the conclusion; the officer who signs it off."""

    summary = _text("Conclusion", rows=4, help_text="The assessment's overall finding.")
    sign_off_officer = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    reason = forms.CharField(label="Reason for the change", required=False, max_length=500)
    version = _version()

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        field = officers(council)
        field.label = "Officer who reviews and signs it off"
        field.help_text = "They sign it off in Sightline, as themselves."
        self.fields["sign_off_officer"] = field
        for group, group_label in Group.choices:
            for value, label in Characteristic.choices:
                key = f"{group}_{value}"
                where = f"{label} ({group_label.lower()})"
                self.fields[key] = forms.ChoiceField(
                    label=f"{where}: impact", choices=IMPACTS, required=False
                )
                self.fields[f"{key}_evidence"] = _text(f"{where}: evidence", rows=2)
                self.fields[f"{key}_mitigation"] = _text(f"{where}: mitigation", rows=2)

    def grid(self):
        """(group label, [(characteristic label, impact, evidence, mitigation fields)])."""
        return [
            (
                group_label,
                [
                    (
                        label,
                        self[f"{group}_{value}"],
                        self[f"{group}_{value}_evidence"],
                        self[f"{group}_{value}_mitigation"],
                    )
                    for value, label in Characteristic.choices
                ],
            )
            for group, group_label in Group.choices
        ]

    def impacts(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {
                "group": group,
                "characteristic": value,
                "impact": d.get(f"{group}_{value}") or "",
                "evidence": d.get(f"{group}_{value}_evidence") or "",
                "mitigation": d.get(f"{group}_{value}_mitigation") or "",
            }
            for group, _ in Group.choices
            for value, _ in Characteristic.choices
        ]


class SignOffForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have reviewed this equality assessment and sign it off",
        error_messages={"required": "Confirm that you have reviewed the assessment"},
    )
    version = _version()


class ImplicationsForm(forms.Form):
    """The report's title and meeting, and for each area its text and clearing officer."""

    report_title = forms.CharField(label="Report", max_length=300, required=False)
    meeting = forms.CharField(
        label="Meeting",
        max_length=200,
        required=False,
        help_text="For example, Executive, 4 March 2013, agenda item 8",
    )
    reason = forms.CharField(label="Reason for the change", required=False, max_length=500)
    version = _version()

    def __init__(self, *args, council, areas: list[ImplicationArea], **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"a{area.number}"] = _text(f"{area.name}: implications", rows=3)
            field = officers(council)
            field.label = f"{area.name}: officer who clears it"
            self.fields[f"a{area.number}_officer"] = field
            self.fields[f"a{area.number}_role"] = forms.CharField(
                label=f"{area.name}: the officer's role", max_length=200, required=False
            )

    def area_fields(self):
        return [
            (
                area,
                self[f"a{area.number}"],
                self[f"a{area.number}_officer"],
                self[f"a{area.number}_role"],
            )
            for area in self.areas
        ]

    def items(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {
                "area": area,
                "text": d.get(f"a{area.number}") or "",
                "officer": d.get(f"a{area.number}_officer"),
                "officer_role": d.get(f"a{area.number}_role") or "",
            }
            for area in self.areas
        ]


class ClearanceForm(forms.Form):
    cleared_on = GovukDateField(
        label="The date you cleared it", help_text="For example, 7 2 2013. Today, or a day past."
    )
    note = forms.CharField(label="Your words", max_length=300, initial="Agreed")
    version = _version()


class ConsultationForm(forms.Form):
    audience = forms.ChoiceField(
        label="Consulted", choices=Audience.choices, widget=forms.RadioSelect
    )
    who = forms.CharField(
        label="Who was consulted",
        max_length=300,
        help_text="For example, All staff in the Chief Executive's Department",
        error_messages={"required": "Say who was consulted"},
    )
    method = forms.CharField(
        label="How", max_length=200, required=False, help_text="For example, informal meetings"
    )
    started_on = GovukDateField(label="Started on", required=False)
    ended_on = GovukDateField(label="Ended on", required=False)
    responses = forms.IntegerField(
        label="Number of responses",
        min_value=0,
        required=False,
        error_messages={"invalid": "Enter the number of responses as a whole number, like 12"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    outcome = _text("Outcome")
    you_said = _text("You said", help_text="What those consulted said.")
    we_did = _text("We did", help_text="What the council changed, or why it did not.")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class PostForm(forms.Form):
    role = forms.CharField(label="Post", max_length=200)
    grade = forms.CharField(label="Grade", max_length=40, required=False)
    establishment = forms.CharField(
        label="Establishment",
        max_length=200,
        required=False,
        help_text="The workplace: collective consultation counts redundancies by establishment.",
    )
    posts = forms.IntegerField(label="Posts", min_value=1, initial=1)
    fte = forms.DecimalField(label="FTE", min_value=0, max_digits=7, decimal_places=2)
    filled = forms.IntegerField(label="Filled", min_value=0, initial=0)
    vacancies_held = forms.IntegerField(label="Vacancies held", min_value=0, initial=0)
    voluntary_redundancies = forms.IntegerField(
        label="Voluntary redundancies", min_value=0, initial=0
    )
    compulsory_redundancies = forms.IntegerField(
        label="Compulsory redundancies", min_value=0, initial=0
    )
    redeployed = forms.IntegerField(label="Redeployed", min_value=0, initial=0)
    dismissal_on = GovukDateField(label="Proposed first dismissal", required=False)
    holders = _text("Post holders (named staff)", rows=2, max_length=2000)


class BasePostFormSet(forms.BaseFormSet):
    def __init__(self, *args, sees_holders: bool = True, **kwargs):
        self.sees_holders = sees_holders
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if not self.sees_holders:
            form.fields.pop("holders", None)

    def rows(self) -> list[dict]:
        return [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in self.forms
            if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


PostFormSet = forms.formset_factory(PostForm, formset=BasePostFormSet, extra=1, can_delete=True)


class QuestionForm(forms.Form):
    section = forms.CharField(
        label="Section",
        max_length=100,
        required=False,
        help_text="For example, Changes to a Service",
    )
    text = forms.CharField(
        label="Question",
        max_length=400,
        error_messages={"required": "Enter the question"},
        help_text="A question answered Yes or No, for example: Does the change alter access to "
        "the service?",
    )


class AreaForm(forms.Form):
    name = forms.CharField(
        label="Implication area", max_length=120, error_messages={"required": "Enter the area"}
    )
    clearance_required = forms.BooleanField(
        label="A report cannot be final until an officer has cleared it", required=False
    )


class ResidentConsultationForm(forms.Form):
    title = forms.CharField(label="Consultation", max_length=300)
    fy = FinancialYearFormField(label="Budget year", required=False)
    respondents = forms.IntegerField(
        label="Residents who took part",
        min_value=0,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    findings = _text("What residents said", rows=6, required=True, help_text="One finding a line.")
    source = forms.CharField(label="Where the results are", max_length=300, required=False)
