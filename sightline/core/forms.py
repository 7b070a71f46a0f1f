"""Form fields shared by every app: money typed as a council writes it."""

from __future__ import annotations

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
