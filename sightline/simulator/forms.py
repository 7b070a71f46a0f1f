"""The simulator's forms: the programme office's generation form, and the resident's budget
(a plain form that works without JavaScript), with its spam limits."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from sightline.core.fiscal import FinancialYear
from sightline.core.forms import GovukDateField, MoneyField
from sightline.core.money import format_pounds
from sightline.simulator import rules
from sightline.simulator.models import DEMOGRAPHICS, Simulation
from sightline.simulator.services import MAX_COMMENT, Answer

TIMESTAMP_SALT = "sightline.simulator.started"


def min_seconds() -> int:
    """How long a resident must spend on the form before submitting (a bot is quicker)."""
    return int(getattr(settings, "SIMULATOR_MIN_SECONDS", 5))


def started_token() -> str:
    return signing.dumps(int(time.time()), salt=TIMESTAMP_SALT)


def seconds_since(token: str) -> int | None:
    """Seconds since the signed token was issued; None if it was tampered with or is over a
    day old."""
    try:
        issued = signing.loads(token, salt=TIMESTAMP_SALT, max_age=86400)
    except (signing.BadSignature, TypeError):
        return None
    if not isinstance(issued, int):
        return None
    return int(time.time()) - issued


# --- the programme office's generation form ---------------------------------------------------


class YearForm(forms.Form):
    fy = forms.ChoiceField(label="Budget year")

    def __init__(self, *args, years: list[FinancialYear], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fy"].choices = [(str(fy), str(fy)) for fy in years]


class PercentField(forms.CharField):
    """A percentage typed as 4.99, kept as hundredths of a per cent."""

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return rules.parse_percent(text)
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def prepare_value(self, value):
        if isinstance(value, int):
            return rules.format_percent(value)
        return value


class SimulationForm(forms.Form):
    title = forms.CharField(max_length=200, label="Title")
    introduction = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Introduction",
        help_text="What residents read first.",
    )
    gap = MoneyField(
        label="Gap to close",
        allow_negative=False,
        help_text="From the financial plan: the year's gap after the savings already approved.",
    )
    council_tax = MoneyField(
        label="Council tax income",
        allow_negative=False,
        help_text="The year's council tax income before any rise: a 1% rise raises 1% of it.",
    )
    tax_max = PercentField(label="Highest council tax rise residents may choose, in %")
    min_percent = forms.IntegerField(
        label="Largest cut to a service residents may choose, in %",
        min_value=-100,
        max_value=0,
        help_text="For example -10.",
    )
    max_percent = forms.IntegerField(
        label="Largest rise to a service residents may choose, in %",
        min_value=0,
        max_value=100,
    )
    opens_on = GovukDateField(label="Opens")
    closes_on = GovukDateField(label="Closes")
    proposals = forms.TypedMultipleChoiceField(
        label="Savings options to offer",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Published proposals of the programme, with their saving by the year. "
        "Exempt proposals are never offered.",
        error_messages={"required": "Choose at least one savings option to offer"},
    )
    services = forms.TypedMultipleChoiceField(
        label="Service budgets residents may move",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, offers, service_offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [
            (
                o.proposal.pk,
                f"{o.proposal.reference} {o.proposal.title} ({format_pounds(o.amount_pence)})",
            )
            for o in offers
        ]
        self.fields["services"].choices = [
            (s.line.pk, f"{s.line.name} ({format_pounds(s.budget_pence)}, budget {s.source_fy})")
            for s in service_offers
            if s.budget_pence is not None
        ]

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "The closing date must be on or after the opening date")
        if data.get("tax_max") is not None and not 0 <= data["tax_max"] <= 9999:
            self.add_error("tax_max", "Enter a council tax limit from 0% to 99.99%")
        return data


# --- the resident's budget ------------------------------------------------------------------

KEEP_CHOICES = [("keep", "Keep this saving"), ("remove", "Remove this saving")]


def demographic_choices(enum) -> list[tuple[str, str]]:
    return [("", "Choose an answer (optional)"), *enum.choices]


class BudgetForm(forms.Form):
    """One resident's budget: a field per savings option (keep or remove, and a comment),
    per service (a change in per cent), the council tax rise, a comment, and what they
    choose to say about themselves. ``website`` is a honeypot; ``started`` when the form was
    shown, signed."""

    tax = forms.CharField(
        label="Council tax rise, in %",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    comment = forms.CharField(
        label="Anything else you would like to tell us",
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    area = forms.CharField(
        label="Your ward or postcode district",
        required=False,
        max_length=40,
        help_text="For example Biscot, or LU1. Not your full postcode.",
    )
    website = forms.CharField(required=False, label="Leave this blank")
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, simulation: Simulation, **kwargs):
        super().__init__(*args, **kwargs)
        self.simulation = simulation
        self.options = list(simulation.options.all())
        self.services = list(simulation.services.all())
        for option in self.options:
            self.fields[f"keep_{option.pk}"] = forms.ChoiceField(
                label=f"Keep or remove {option.reference}?",
                choices=KEEP_CHOICES,
                widget=forms.RadioSelect,
                initial="keep",
                error_messages={"required": f"Choose whether to keep {option.reference}"},
            )
            self.fields[f"comment_{option.pk}"] = forms.CharField(
                label=f"Your comments on {option.reference} (optional)",
                required=False,
                max_length=MAX_COMMENT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for service in self.services:
            self.fields[f"service_{service.pk}"] = forms.IntegerField(
                label=f"Change to {service.name}, in %",
                initial=0,
                min_value=service.min_percent,
                max_value=service.max_percent,
                help_text=f"From {service.min_percent}% to {service.max_percent}%.",
                widget=forms.NumberInput(attrs={"step": 1}),
                error_messages={
                    # Django fills these in with %-formatting: "%%" is a per cent sign.
                    "min_value": f"{service.name}: enter a change of {service.min_percent}%% "
                    "or more",
                    "max_value": f"{service.name}: enter a change of {service.max_percent}%% "
                    "or less",
                    "invalid": f"{service.name}: enter a whole number, like -5",
                    "required": f"{service.name}: enter a change, like -5 (0 for no change)",
                },
            )
        self.fields[
            "tax"
        ].help_text = (
            f"From 0% to {rules.format_percent(simulation.tax_max_hundredths)}%, for example 1.99."
        )
        self.fields["tax"].initial = "0"
        for name, (label, enum) in DEMOGRAPHICS.items():
            self.fields[name] = forms.ChoiceField(
                label=label, required=False, choices=demographic_choices(enum)
            )
        self.fields["started"].initial = started_token()

    def option_fields(self):
        return [(o, self[f"keep_{o.pk}"], self[f"comment_{o.pk}"]) for o in self.options]

    def service_fields(self):
        return [(s, self[f"service_{s.pk}"]) for s in self.services]

    def demographic_fields(self):
        return [self[name] for name in DEMOGRAPHICS]

    def clean_tax(self):
        text = self.cleaned_data.get("tax") or "0"
        try:
            value = rules.parse_percent(text)
        except ValueError as error:
            raise ValidationError(f"Council tax: {str(error)[0].lower()}{str(error)[1:]}") from None
        top = self.simulation.tax_max_hundredths
        if not 0 <= value <= top:
            raise ValidationError(
                f"Council tax: enter a rise from 0% to {rules.format_percent(top)}%"
            )
        return value

    def answer(self) -> Answer:
        data = self.cleaned_data
        return Answer(
            keep={o.pk: data.get(f"keep_{o.pk}", "keep") != "remove" for o in self.options},
            option_comments={o.pk: data.get(f"comment_{o.pk}", "") for o in self.options},
            percents={s.pk: data.get(f"service_{s.pk}") or 0 for s in self.services},
            tax_hundredths=data.get("tax") or 0,
            comment=data.get("comment", ""),
            area=data.get("area", ""),
            demographics={name: data.get(name, "") for name in DEMOGRAPHICS},
        )

    def is_spam(self) -> bool:
        """A bot fills in the field people never see."""
        return bool(self.data.get("website"))

    def too_quick(self, posted_started: str) -> bool:
        """Submitted sooner after the form was shown than a person could, or with no valid
        signed time (``posted_started``: the time as posted)."""
        elapsed = seconds_since(posted_started)
        return elapsed is None or elapsed < min_seconds()
