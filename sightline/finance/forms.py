"""Forms for the financial plan: parsing and validating what people type (money as councils
write it, financial years, GOV.UK dates), never saving. The rules are the services'."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from sightline.core.fiscal import FinancialYear, FinancialYearFormField
from sightline.core.forms import GovukDateField, MoneyField
from sightline.finance.models import (
    BudgetLine,
    Category,
    LineKind,
    MilestoneStatus,
    Section,
)

MONEY_HINT = "As you would write it: £170m, £53,000,000 or 1,250.00"
REASON_HELP = "Why you are making this change. It is kept in the plan's history."


class NamedMoneyField(MoneyField):
    """Money typed as councils write it, its errors naming the field (GOV.UK: the message
    says which answer is wrong): "Amount: 'lots' is not an amount: it has no digits"."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            label = str(self.label or "Amount")
            raise ValidationError(
                [f"{label}: {message}" for message in error.messages], code="money"
            ) from error


def _reason() -> forms.CharField:
    return forms.CharField(
        label="Reason for the change", required=False, max_length=500, help_text=REASON_HELP
    )


class PlanForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Medium Term Financial Plan 2013/14 to 2015/16",
        error_messages={"required": "Enter the plan's title"},
    )
    first_fy = FinancialYearFormField(
        label="First year", error_messages={"required": "Enter the plan's first year"}
    )
    last_fy = FinancialYearFormField(
        label="Last year", error_messages={"required": "Enter the plan's last year"}
    )
    base_budget_pence = NamedMoneyField(
        label="Base budget",
        allow_negative=False,
        help_text="The net revenue budget of the year before the first. " + MONEY_HINT,
        error_messages={"required": "Enter the base budget"},
    )
    notes = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    reason = _reason()

    def clean(self):
        data = super().clean()
        first, last = data.get("first_fy"), data.get("last_fy")
        if first and last and last < first:
            self.add_error("last_fy", f"The last year must be {first} or later")
        return data


class YearForm(forms.Form):
    """Close a year of the plan, or reopen the last closed one."""

    # The page's buttons post the year as a hidden field: an error about it names no box.
    fy = forms.ChoiceField(label="Year", widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, years: list[FinancialYear], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fy"].choices = [(str(fy), str(fy)) for fy in years]

    def clean_fy(self) -> FinancialYear:
        return FinancialYear.parse(self.cleaned_data["fy"])


class LineForm(forms.Form):
    kind = forms.ChoiceField(label="Table", choices=LineKind.choices)
    name = forms.CharField(
        label="Line",
        max_length=200,
        help_text="The council's own name for it, for example Adult social care",
        error_messages={"required": "Enter the line's name"},
    )
    position = forms.IntegerField(
        label="Place in the table",
        min_value=0,
        max_value=999,
        initial=0,
        help_text="Lines are listed from the lowest number.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": "Enter the place in the table as a whole number, like 3"},
    )
    reason = _reason()


class FigureForm(forms.Form):
    """A year's figures. A row left blank (or blanked) is no figure: the year is removed."""

    fy = FinancialYearFormField(label="Financial year", required=False)
    budget_pence = NamedMoneyField(label="Budget", required=False, help_text=MONEY_HINT)
    outturn_pence = NamedMoneyField(label="Outturn", required=False)

    def clean(self):
        data = super().clean()
        has_figure = data.get("budget_pence") is not None or data.get("outturn_pence") is not None
        if data.get("DELETE") or "fy" in self.errors:
            return data
        if has_figure and not data.get("fy"):
            self.add_error("fy", "Enter the financial year of these figures")
        elif data.get("fy") and not has_figure:
            self.add_error("budget_pence", "Enter the budget, the outturn or both")
        return data


class BaseFigureFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            fy = form.cleaned_data.get("fy")
            if fy in seen:
                raise ValidationError(f"{fy} is given twice: put its figures on one row.")
            seen.add(fy)

    def figures(self, current) -> dict:
        """The line's figures as the rows give them: each year on a row, and each year of
        ``current`` no longer on one (or marked for removal) removed."""
        wanted = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("fy") and not data.get("DELETE"):
                wanted[data["fy"]] = (data.get("budget_pence"), data.get("outturn_pence"))
        for fy in current:
            wanted.setdefault(fy, (None, None))
        return wanted


FigureFormSet = forms.formset_factory(
    FigureForm, formset=BaseFigureFormSet, extra=2, can_delete=True
)


class NoteForm(forms.Form):
    section = forms.ChoiceField(label="About", choices=Section.choices)
    line = forms.ModelChoiceField(
        label="Line",
        queryset=BudgetLine.objects.none(),
        required=False,
        empty_label="No one line",
        help_text="A footnote on one line of a table.",
    )
    fy = FinancialYearFormField(label="Financial year", required=False)
    label = forms.CharField(label="Mark", max_length=10, required=False, help_text="For example, A")
    text = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Enter the note"},
    )
    amount_pence = NamedMoneyField(label="Amount", required=False, help_text=MONEY_HINT)
    source = forms.CharField(
        label="Source", max_length=300, required=False, help_text="The document it comes from."
    )
    position = forms.IntegerField(
        label="Place in the list",
        min_value=0,
        max_value=999,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    reason = _reason()

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="For example, Pessimistic",
        error_messages={"required": "Enter the scenario's name"},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text="What sets it apart: which assumptions, and why.",
    )
    is_base = forms.BooleanField(label="The base scenario: the plan is set on it", required=False)
    illustrative = forms.BooleanField(
        label="Illustrative: its figures are not the council's own", required=False
    )
    reason = _reason()


class ScenarioAddForm(ScenarioForm):
    copy_from = forms.ModelChoiceField(
        label="Start from",
        queryset=None,
        required=False,
        empty_label="Nothing: an empty scenario",
        help_text="Its assumptions are copied, to change from there.",
    )

    def __init__(self, *args, scenarios, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = scenarios


class TaxBaseField(forms.CharField):
    """A tax base as councils write it: 42,400 or 42400.50 Band D equivalents."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if isinstance(value, Decimal):
            return value
        text = super().to_python(value).replace(",", "").strip()
        if not text:
            return None
        if len(text) > 20:
            raise ValidationError("Enter the tax base in at most 20 characters")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError("Enter the tax base as a number, like 42,400") from None
        if not number.is_finite() or number <= 0:
            raise ValidationError("Enter a tax base above 0, like 42,400")
        if number != number.quantize(Decimal("0.01")) or number >= 10**10:
            raise ValidationError("Enter the tax base with at most two decimal places")
        return number.quantize(Decimal("0.01"))


class AssumptionForm(forms.Form):
    category = forms.ChoiceField(label="Funding source or pressure", choices=Category.choices)
    fy = forms.ChoiceField(label="Financial year")
    amount_pence = NamedMoneyField(
        label="Amount",
        required=False,
        help_text="For council tax, give the tax base and Band D charge instead. " + MONEY_HINT,
    )
    tax_base = TaxBaseField(
        label="Tax base",
        required=False,
        help_text="Council tax only: Band D equivalent properties, for example 42,400",
    )
    band_d_pence = NamedMoneyField(
        label="Band D charge",
        required=False,
        allow_negative=False,
        help_text="Council tax only, for example £1,250.00",
    )
    basis = forms.CharField(
        label="Assumption",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The assumption behind the figure, written beside it: a 1% pay award, a "
        "17.7% cut in grant.",
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = _reason()

    def __init__(self, *args, years: list[FinancialYear], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fy"].choices = [(str(fy), str(fy)) for fy in years]

    def clean_fy(self) -> FinancialYear:
        return FinancialYear.parse(self.cleaned_data["fy"])

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "category": d["category"],
            "fy": d["fy"],
            "amount_pence": d.get("amount_pence"),
            "tax_base": d.get("tax_base"),
            "band_d_pence": d.get("band_d_pence"),
            "basis": d.get("basis") or "",
        }


class MilestoneForm(forms.Form):
    fy = FinancialYearFormField(
        label="Cycle year",
        help_text="The financial year the cycle runs in, for example 2013/14",
        error_messages={"required": "Enter the cycle year"},
    )
    name = forms.CharField(
        label="Milestone",
        max_length=300,
        help_text="For example, Revised strategy to Executive",
        error_messages={"required": "Enter the milestone"},
    )
    starts_on = GovukDateField(label="Starts", required=False)
    due_on = GovukDateField(label="Due")
    months_only = forms.BooleanField(label="The dates are known to the month only", required=False)
    owner = forms.CharField(
        label="Owner",
        max_length=200,
        required=False,
        help_text="A body, a team or an officer: Executive, Scrutiny finance group, Finance",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=MilestoneStatus.choices,
        widget=forms.RadioSelect,
        initial=MilestoneStatus.NOT_STARTED,
    )
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    reason = _reason()

    def clean(self):
        data = super().clean()
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and starts > due:
            self.add_error("starts_on", "The start must be on or before the due date")
        return data


class CycleRepeatForm(forms.Form):
    fy = forms.ChoiceField(label="Repeat the cycle of")

    def __init__(self, *args, years: list[FinancialYear], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fy"].choices = [(str(fy), str(fy)) for fy in years]

    def clean_fy(self) -> FinancialYear:
        return FinancialYear.parse(self.cleaned_data["fy"])
