"""Form fields shared by every app: money typed as a council writes it."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sightline.core.money import MoneyError, Unit, amount_error, format_pounds, parse_money


class MoneyField(forms.CharField):
    """Reads ``£24.5k``, ``92,000``, ``£1.2m`` or ``(553)`` (in a £000 column) into pence."""

    def __init__(self, *, unit: Unit = Unit.POUNDS, allow_negative: bool = True, **kwargs):
        self.unit = unit
        self.allow_negative = allow_negative
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("spellcheck", "false")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return format_pounds(value)
        return value

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if len(text) > 40:
            raise ValidationError("Enter an amount of at most 40 characters", code="max_length")
        try:
            pence = parse_money(text, unit=self.unit)
        except MoneyError as error:
            raise ValidationError(str(error), code="money") from error
        if pence < 0 and not self.allow_negative:
            raise ValidationError("Enter an amount of zero or more", code="negative")
        too_large = amount_error(pence)
        if too_large:
            raise ValidationError(too_large, code="too_large")
        return pence

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- the GOV.UK date input: day, month and year in three boxes ---------------------------------

PARTS = {"day": 2, "month": 2, "year": 4}  # each box's width, in characters


class GovukDateInput(forms.MultiWidget):
    """Day, month and year as three labelled boxes (the GOV.UK date input), not the
    browser's own date picker; ``parts=("month", "year")`` for a month."""

    def __init__(self, attrs=None, parts: tuple[str, ...] = ("day", "month", "year")):
        self.parts = parts
        widgets = {
            part: forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
            for part in parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            values = {"day": value.day, "month": value.month, "year": value.year}
            return [values[part] for part in self.parts]
        return [None] * len(self.parts)

    def value_from_datadict(self, data, files, name):
        if not any(f"{name}_{part}" in data for part in self.parts) and data.get(name):
            # One ISO value under the field's own name (2013-03-04, or 2013-06 for a month),
            # as a script or an older form sends it, is read into its parts.
            pieces = str(data[name]).strip().split("-")
            ordered = dict(zip(("year", "month", "day"), pieces, strict=False))
            return [ordered.get(part, "") for part in self.parts]
        return super().value_from_datadict(data, files, name)

    def boxes(self, name: str, value) -> list[dict]:
        """Each box's part, name, value and width, for ``components/field.html``."""
        if not isinstance(value, list | tuple):
            value = self.decompress(value)
        return [
            {
                "part": part,
                "label": part.capitalize(),
                "name": f"{name}_{part}",
                "value": "" if v is None else v,
                "width": PARTS[part],
            }
            for part, v in zip(self.parts, value, strict=False)
        ]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year; its errors say which part is wrong, in the words
    the GOV.UK date input pattern uses."""

    widget = GovukDateInput

    def __init__(self, *, parts: tuple[str, ...] = ("day", "month", "year"), **kwargs):
        self.parts = parts
        fields = tuple(forms.CharField(required=False) for _ in parts)
        kwargs.setdefault("widget", GovukDateInput(parts=parts))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _named(self, message: str) -> str:
        return f"{self.label or 'The date'} {message}"

    def compress(self, data_list):
        values = dict(zip(self.parts, data_list or [], strict=False))
        given = {part: (value or "").strip() for part, value in values.items()}
        if not any(given.values()):
            return None
        missing = [part for part in self.parts if not given.get(part)]
        if missing:
            raise ValidationError(
                self._named(f"must include a {' and a '.join(missing)}"), code="incomplete"
            )
        try:
            numbers = {part: int(text) for part, text in given.items()}
        except ValueError:
            raise ValidationError(
                self._named("must be a real date, in numbers (like 27 3 2026)"), code="invalid"
            ) from None
        if not 1900 <= numbers["year"] <= 2999:
            raise ValidationError(self._named("must have a year of four digits"), code="year")
        try:
            return datetime.date(numbers["year"], numbers["month"], numbers.get("day", 1))
        except (ValueError, OverflowError):  # a month of 2147483648 overflows, not ValueError
            raise ValidationError(self._named("must be a real date"), code="invalid") from None

    def clean(self, value):
        # A date missing altogether on a required field gets the GOV.UK words, not Django's.
        if self.required and not any((v or "").strip() for v in (value or [])):
            raise ValidationError(f"Enter {self._lower_label()}", code="required")
        return super().clean(value)

    def _lower_label(self) -> str:
        label = str(self.label or "the date")
        return label[:1].lower() + label[1:]


def govuk_month_field(**kwargs) -> GovukDateField:
    """A month (the first day of it) typed as month and year."""
    return GovukDateField(parts=("month", "year"), **kwargs)


# The largest id a record can hold (a 64-bit integer column).
MAX_RECORD_ID = 2**63 - 1


class RecordsField(forms.ModelMultipleChoiceField):
    """A choice of several records, refusing an id no record can hold ("99999999999999999999")
    as an invalid choice, where Django's own field asks the database and fails (SQLite cannot
    take the number; PostgreSQL refuses it)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else []:
            text = str(pk).strip()
            if text.lstrip("+-").isdigit() and not 0 < int(text) <= MAX_RECORD_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


def posted_version(data) -> int | None:
    """The record version a form posted back (hidden), or None when none or not a number
    (a tampered post), as the other apps' views read it."""
    try:
        return int(data.get("version") or 0) or None
    except (TypeError, ValueError):
        return None
