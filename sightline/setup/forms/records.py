"""Forms of the set-up records (directorates, service areas, people, portfolios, savings types,
bundles, budget codes): parsing and validating what the programme office types, never
saving. Each record's form carries the version it was opened at, and a reason for a change
that is kept in the record's history; the services decide what may be saved."""

from __future__ import annotations

from django import forms

from sightline.accounts.models import Directorate, Person, Portfolio, ServiceArea
from sightline.core.fiscal import FinancialYear
from sightline.core.forms import MoneyField
from sightline.savings.models import BudgetCode, Bundle, SavingsType

STALE_FORM = (
    "This form is out of date: someone may have changed the record since you opened it. "
    "Reload the page, then make your change again."
)
REASON_HELP = "Why you are making this change. It is kept in the record's history."
MONEY_HELP = "In pounds, for example 1,200,000 or £1.2m."


def _officers(council):
    return Person.objects.filter(council=council, kind=Person.Kind.OFFICER).active()


def _councillors(council):
    return Person.objects.filter(council=council, kind=Person.Kind.COUNCILLOR).active()


class RecordForm(forms.ModelForm):
    """A set-up record's fields, the version it was opened at and, for a change, a reason."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label="Reason for the change", required=False, max_length=500, help_text=REASON_HELP
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = STALE_FORM
        else:
            del self.fields["reason"]
        for name, message in self.required_messages().items():
            self.fields[name].error_messages["required"] = message

    def required_messages(self) -> dict[str, str]:
        return {}

    def clashes(self):
        """Records of the council this one would duplicate (by name), or None to skip."""
        return None

    def clean(self):
        data = super().clean()
        clashes = self.clashes()
        if clashes is not None and clashes.exclude(pk=self.instance.pk).exists():
            self.add_error(self.clash_field, self.clash_message())
        return data

    clash_field = "name"

    def clash_message(self) -> str:
        noun = self._meta.model._meta.verbose_name
        return f"Your council already has a {noun} called “{self.cleaned_data['name']}”"

    def sections(self) -> list[tuple[str, str, list]]:
        """The form's visible fields as (heading, hint, fields), for the template."""
        names = [n for n in self._meta.fields]
        main = [self[n] for n in names]
        extra = [self["reason"]] if "reason" in self.fields else []
        return [("", "", main + extra)]

    def years(self):
        """Amounts by financial year (targets, budgets) for the service, or None."""
        return None


class DirectorateForm(RecordForm):
    class Meta:
        model = Directorate
        fields = ["name", "director"]
        labels = {"name": "Name of the directorate"}
        help_texts = {
            "name": "For example, Chief Executive's Department.",
            "director": "An officer of the council. Add them under People if they are missing.",
        }

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["director"].queryset = _officers(council)
        self.fields["director"].empty_label = "Not named yet"

    def required_messages(self):
        return {"name": "Enter the name of the directorate"}

    def clashes(self):
        name = self.cleaned_data.get("name")
        if not name:
            return None
        return Directorate.objects.filter(council=self.council, name__iexact=name.strip())


class ServiceAreaForm(RecordForm):
    class Meta:
        model = ServiceArea
        fields = ["directorate", "name"]
        labels = {"name": "Name of the service area"}
        help_texts = {"name": "For example, Revenues and benefits."}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["directorate"].queryset = Directorate.objects.filter(council=council).active()
        self.fields["directorate"].empty_label = "Choose the directorate"

    def required_messages(self):
        return {
            "directorate": "Choose the directorate the service area is in",
            "name": "Enter the name of the service area",
        }

    def clashes(self):
        name, directorate = self.cleaned_data.get("name"), self.cleaned_data.get("directorate")
        if not name or not directorate:
            return None
        return ServiceArea.objects.filter(directorate=directorate, name__iexact=name.strip())

    def clash_message(self) -> str:
        d = self.cleaned_data
        return f"{d['directorate']} already has a service area called “{d['name']}”"


class PortfolioForm(RecordForm):
    class Meta:
        model = Portfolio
        fields = ["name", "lead_member", "directorate"]
        labels = {"name": "Name of the portfolio", "directorate": "Directorate (optional)"}
        help_texts = {
            "name": "For example, Finance and resources.",
            "lead_member": "The councillor who holds the portfolio. Add them under People if "
            "they are missing.",
            "directorate": "The directorate this portfolio leads, if one: its holder is named "
            "as a lead member on that directorate's Executive reports.",
        }

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["lead_member"].queryset = _councillors(council)
        self.fields["lead_member"].empty_label = "Not named yet"
        self.fields["directorate"].queryset = Directorate.objects.filter(council=council).active()
        self.fields["directorate"].empty_label = "None"

    def required_messages(self):
        return {"name": "Enter the name of the portfolio"}

    def clashes(self):
        name = self.cleaned_data.get("name")
        if not name:
            return None
        return Portfolio.objects.filter(council=self.council, name__iexact=name.strip())


class PersonForm(RecordForm):
    class Meta:
        model = Person
        fields = ["name", "job_title", "kind"]
        labels = {"kind": "Officer or councillor"}
        widgets = {"kind": forms.RadioSelect}
        help_texts = {"job_title": "For example, Head of Finance, or Councillor for Biscot."}

    def required_messages(self):
        return {"name": "Enter the person's name", "kind": "Choose officer or councillor"}

    def clashes(self):
        name = self.cleaned_data.get("name")
        if not name:
            return None
        return Person.objects.filter(
            council=self.council,
            name__iexact=name.strip(),
            job_title__iexact=(self.cleaned_data.get("job_title") or "").strip(),
        )

    def clash_message(self) -> str:
        return (
            f"Your council already has a person called “{self.cleaned_data['name']}” with this "
            "job title"
        )


class SavingsTypeForm(RecordForm):
    class Meta:
        model = SavingsType
        fields = ["name", "cashable", "recurring", "counts_toward_gap"]
        labels = {
            "name": "Name of the savings type",
            "cashable": "Cashable",
            "recurring": "Recurring",
            "counts_toward_gap": "Counts toward the budget gap",
        }
        help_texts = {
            "name": "For example, Efficiency, or Income generation.",
            "cashable": "Money leaves a budget. Untick for a cost avoided, which takes nothing "
            "off any budget.",
            "recurring": "The saving carries into every later year. Untick for a one-off "
            "saving, which counts only in its own year.",
            "counts_toward_gap": "Its savings count toward closing the budget gap in the "
            "medium term financial plan.",
        }

    def required_messages(self):
        return {"name": "Enter the name of the savings type"}

    def clashes(self):
        name = self.cleaned_data.get("name")
        if not name:
            return None
        return SavingsType.objects.filter(council=self.council, name__iexact=name.strip())

    def sections(self):
        return [
            ("", "", [self["name"]]),
            (
                "How its savings count",
                "",
                [self["cashable"], self["recurring"], self["counts_toward_gap"]],
            ),
            ("", "", [self["reason"]] if "reason" in self.fields else []),
        ]


# --- amounts by financial year: a bundle's targets, a budget code's budgets -------------------


def years_offered(existing) -> list[FinancialYear]:
    """The years a form offers: those the record has, and last year to four years ahead."""
    now = FinancialYear.current()
    return sorted(set(existing) | {now + n for n in range(-1, 5)})


class YearAmountsMixin:
    """One money field per financial year (``<prefix>_<start year>``): blank for none; a year
    that had an amount and is cleared is removed."""

    year_prefix = "target"

    def add_year_fields(self, current: dict[FinancialYear, int]) -> None:
        self.current_years = dict(current)
        self.year_names = {}
        for fy in years_offered(current):
            name = f"{self.year_prefix}_{fy.start_year}"
            self.fields[name] = MoneyField(
                label=str(fy),
                required=False,
                allow_negative=False,
                initial=current.get(fy),
            )
            self.year_names[fy] = name

    def year_fields(self) -> list:
        return [self[name] for name in self.year_names.values()]

    def years(self) -> dict[FinancialYear, int | None]:
        found = {}
        for fy, name in self.year_names.items():
            pence = self.cleaned_data.get(name)
            if pence is not None or fy in self.current_years:
                found[fy] = pence
        return found


class BundleForm(YearAmountsMixin, RecordForm):
    year_prefix = "target"

    class Meta:
        model = Bundle
        fields = ["name", "sponsor", "lead", "vision", "enabling"]
        labels = {"name": "Name of the bundle", "enabling": "An enabling bundle"}
        widgets = {"vision": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": "For example, Customer access, or Commissioning and procurement.",
            "sponsor": "The director who sponsors the bundle.",
            "lead": "The officer who leads its projects day to day.",
            "vision": "What the bundle will change, in a sentence or two.",
            "enabling": "Its savings are counted in other bundles, so it has no target of its "
            "own (for example, a bundle of IT projects).",
        }

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        for name in ("sponsor", "lead"):
            self.fields[name].queryset = _officers(council)
            self.fields[name].empty_label = "Not named yet"
        current = (
            {t.fy: t.target_pence for t in self.instance.targets.all()} if self.instance.pk else {}
        )
        self.add_year_fields(current)

    def required_messages(self):
        return {"name": "Enter the name of the bundle"}

    def clashes(self):
        name = self.cleaned_data.get("name")
        if not name:
            return None
        return Bundle.objects.filter(council=self.council, name__iexact=name.strip())

    def clean(self):
        data = super().clean()
        if data.get("enabling"):
            for fy, name in self.year_names.items():
                if data.get(name):
                    self.add_error(name, f"An enabling bundle has no target: clear the {fy} target")
        return data

    def sections(self):
        return [
            ("", "", [self[n] for n in self._meta.fields]),
            (
                "Targets by financial year",
                MONEY_HELP + " Leave a year blank for none.",
                self.year_fields(),
            ),
            ("", "", [self["reason"]] if "reason" in self.fields else []),
        ]


class BudgetCodeForm(YearAmountsMixin, RecordForm):
    year_prefix = "budget"
    clash_field = "code"

    class Meta:
        model = BudgetCode
        fields = ["code", "name", "directorate", "income"]
        labels = {"code": "Budget code", "name": "What it pays for", "income": "An income code"}
        help_texts = {
            "code": "The ledger's code for the cost centre, for example R1234.",
            "name": "For example, Executive support.",
            "income": "Savings on an income code are extra income, not a reduction in its "
            "budget, so they are not held to the budget.",
        }

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["directorate"].queryset = Directorate.objects.filter(council=council).active()
        self.fields["directorate"].empty_label = "Corporate: no one directorate"
        code = self.instance
        current = {b.fy: b.budget_pence for b in code.budgets.all()} if code.pk else {}
        if code.pk and not current and code.budget_fy is not None:
            current = {code.budget_fy: code.current_budget_pence}
        self.add_year_fields(current)

    def required_messages(self):
        return {"code": "Enter the budget code"}

    def clashes(self):
        code = self.cleaned_data.get("code")
        if not code:
            return None
        return BudgetCode.objects.filter(council=self.council, code=code.strip())

    def clash_message(self) -> str:
        return f"Your council already has budget code {self.cleaned_data['code']}"

    def clean(self):
        data = super().clean()
        given = [fy for fy, pence in self.years().items() if pence is not None]
        if not given and (self.instance.pk is None or self.instance.budget_fy is not None):
            first = next(iter(self.year_names.values()))
            self.add_error(first, "Give the code's budget for at least one financial year")
        return data

    def sections(self):
        return [
            ("", "", [self[n] for n in self._meta.fields]),
            (
                "Budget by financial year",
                MONEY_HELP + " A saving on this code cannot take more than its budget in any "
                "year; a year with no budget of its own is held to the latest year's.",
                self.year_fields(),
            ),
            ("", "", [self["reason"]] if "reason" in self.fields else []),
        ]


class RetireForm(forms.Form):
    """Why a record is being retired, or brought back into use (``action``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": STALE_FORM})
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=500)

    def __init__(self, *args, noun: str, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = f"Why is the {noun} being {action}?"
        self.fields["reason"].help_text = "It is kept in the record's history."
        self.fields["reason"].error_messages["required"] = f"Say why the {noun} is being {action}"
