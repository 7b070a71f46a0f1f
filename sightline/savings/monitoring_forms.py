"""Forms of the monthly round (the forecast grid, its filters, closing a month) and of finance's
confirmations: parsing and validating input only, never saving."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

from sightline.core.fiscal import FinancialYear, FinancialYearFormField
from sightline.core.forms import MoneyField
from sightline.savings import rules
from sightline.savings.models import Rag
from sightline.savings.selectors.round import NO_LEAD, GridFilters, RoundRow

# What a grid row's change is made of; its version and the row's identity are not changes.
ROW_FIELDS = ("forecast", "rag", "commentary", "record")
WIDGETS = "django/forms/widgets/"
INPUTS = {f"{WIDGETS}{name}.html" for name in ("text", "hidden", "checkbox", "input")}
OPTION = f"{WIDGETS}select_option.html"


def _shown(value) -> str:
    """``{{ value }}`` in a template: localised, as text, escaped unless marked safe."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` in a template (the filter keeps a safe value safe)."""
    return _shown(value if isinstance(value, SafeData) else str(value))


def _attrs(attrs: dict) -> str:
    """Django's ``widgets/attrs.html``."""
    return "".join(
        f" {_shown(name)}" + ("" if value is True else f'="{_formatted(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _select(widget: dict) -> str:
    html = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            # Each option is the include of a template file ending in a newline.
            html.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_shown(option['label'])}</option>\n"
            )
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def _textarea(widget: dict) -> str:
    value = _shown(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


class PlainWidgets(DjangoTemplates):
    """Django's form renderer, writing the plain widgets (inputs, selects and textareas)
    in Python as Django's own templates write them, character for character. A page of the
    forecast grid has 400 widgets (eight a row) and its filters' selects a hundred options:
    a template render each was half the page's time. Anything else goes to the templates."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is not None and widget.get("template_name") == template_name:
            if template_name in INPUTS:
                return _input(widget)
            if template_name == f"{WIDGETS}textarea.html":
                return _textarea(widget)
            if template_name == f"{WIDGETS}select.html" and all(
                option["template_name"] == OPTION
                for _name, options, _index in widget["optgroups"]
                for option in options
            ):
                return _select(widget)
        return super().render(template_name, context, request)


PLAIN_WIDGETS = PlainWidgets()


class GridRowForm(forms.Form):
    """One row of the forecast grid. The values shown are posted back as hidden initial values,
    so a row counts as changed only if its user changed it."""

    default_renderer = PLAIN_WIDGETS

    forecast = MoneyField(label="Forecast saving", show_hidden_initial=True)
    rag = forms.ChoiceField(
        label="RAG", choices=[("", "Choose"), *Rag.choices], show_hidden_initial=True
    )
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        show_hidden_initial=True,
    )
    record = forms.BooleanField(label="Record as shown", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, row: RoundRow, **kwargs):
        kwargs.setdefault("initial", row.initial())
        super().__init__(*args, prefix=f"r{row.key}", **kwargs)
        self.row = row
        label = row.label
        for name, css in (
            ("forecast", "govuk-input govuk-input--width-10"),
            ("rag", "govuk-select"),
            ("commentary", "govuk-textarea"),
            ("record", "govuk-checkboxes__input"),
        ):
            self.fields[name].widget.attrs.update({"class": css, "data-row": label})
        if row.recorded or row.previous is None:
            # Recorded this month: change it or leave it. No earlier forecast: nothing to carry.
            del self.fields["record"]

    @property
    def changed(self) -> bool:
        """Whether its user changed the row (or ticked it to record it as shown)."""
        return any(name in self.changed_data for name in ROW_FIELDS if name in self.fields)

    def clean_rag(self):
        rag = self.cleaned_data["rag"]
        if not rag:
            raise forms.ValidationError("Select a RAG rating")
        return rag

    def clean(self):
        data = super().clean()
        why = rules.commentary_required(
            rag=data.get("rag") or "", previous_rag=self.row.previous_rag
        )
        if data.get("rag") and why and not (data.get("commentary") or "").strip():
            self.add_error("commentary", why)
        return data

    def mark_errors(self) -> None:
        """Give each field in error the GOV.UK error style and point it at its message."""
        for name in self.errors:
            if name not in self.fields or self.fields[name].widget.is_hidden:
                continue  # a hidden field (the version) has no box to mark
            attrs = self.fields[name].widget.attrs
            base = attrs.get("class", "").split()[0]
            attrs["class"] += f" {base}--error"
            attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class GridFilterForm(forms.Form):
    """The grid's filters as the page shows them (read by :func:`grid_filters`)."""

    default_renderer = PLAIN_WIDGETS

    directorate = forms.TypedChoiceField(
        label="Directorate", coerce=int, required=False, empty_value=None
    )
    bundle = forms.TypedChoiceField(label="Bundle", coerce=int, required=False, empty_value=None)
    lead = forms.ChoiceField(label="Lead officer", required=False)
    outstanding = forms.BooleanField(label="Only those still to record", required=False)

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].choices = [("", "Any directorate")] + [
            (d.pk, d.name) for d in grid.directorates
        ]
        self.fields["bundle"].choices = [("", "Any bundle")] + [
            (b.pk, b.name) for b in grid.bundles
        ]
        leads = [(str(p.pk), p.name) for p in grid.leads]
        if grid.no_lead:
            leads.append((NO_LEAD, "No lead officer"))
        self.fields["lead"].choices = [("", "Any lead officer"), *leads]


def grid_filters(data) -> GridFilters:
    """The filters asked for, read before the choices are known (an unknown value matches
    nothing rather than failing)."""

    def number(name):
        value = data.get(name) or ""
        return int(value) if value.isdigit() and len(value) <= 18 else None

    lead = data.get("lead") or ""
    return GridFilters(
        directorate=number("directorate"),
        bundle=number("bundle"),
        lead=lead if lead == NO_LEAD or (lead.isdigit() and len(lead) <= 18) else "",
        outstanding=data.get("outstanding") in {"on", "1", "true"},
    )


class CloseForm(forms.Form):
    """Closing a month. When savings are still without the month's forecast, closing needs a
    tick saying so."""

    outstanding = forms.BooleanField(required=False)

    def __init__(self, *args, outstanding: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.outstanding_count = outstanding
        field = self.fields["outstanding"]
        field.label = (
            f"Close the month with {outstanding} saving{'s' if outstanding != 1 else ''} still "
            "without a forecast"
        )
        if outstanding:
            field.required = True
            field.error_messages["required"] = (
                "Tick to confirm you are closing the month with savings still without a forecast"
            )
        else:
            del self.fields["outstanding"]


class BenefitConfirmForm(forms.Form):
    """Finance's confirmation of one year's saving, changed against the version it was read at."""

    fy = FinancialYearFormField(label="Financial year")
    amount = MoneyField(label="Saving confirmed as left the budget", allow_negative=False)
    note = forms.CharField(
        label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    over_planned = forms.BooleanField(
        label="I have checked: the saving confirmed is more than was planned", required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_fy = forms.CharField(widget=forms.HiddenInput, required=False)

    def expected_version(self) -> int | None:
        """The version read, when the year posted is the year whose confirmation was read."""
        loaded = self.cleaned_data.get("loaded_fy") or ""
        try:
            same_year = FinancialYear.parse(loaded) == self.cleaned_data["fy"]
        except ValueError:
            same_year = False
        return self.cleaned_data.get("version") if same_year else None
