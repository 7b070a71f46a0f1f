"""UK council financial years (1 April to 31 March), written canonically as ``2013/14``.

``FinancialYear`` is the value type; ``FinancialYearField`` stores one in the database as its
start year (a small positive integer), and ``FinancialYearFormField`` reads one from a form.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

MIN_START_YEAR = 1900
MAX_START_YEAR = 2999

ACCEPTED_FORMS = "2013/14, 13/14, 2013-14, 2013/2014 or FY2013/14"

# An optional "FY" prefix, then two years (two or four digits each) joined by "/", "-" or an
# en dash. Anything else is diagnosed by ``_diagnose`` so the error says what was wrong.
_PATTERN = re.compile(
    r"(?:FY\s*)?(?P<first>[0-9]{2}|[0-9]{4})\s*[/\-\u2013]\s*(?P<second>[0-9]{2}|[0-9]{4})",
    re.IGNORECASE | re.ASCII,
)
_SEPARATORS = re.compile(r"\s*[/\-\u2013]\s*")


class FinancialYearError(ValueError):
    """A value that is not a financial year; the message says why and what is accepted."""


def _error(text: object, reason: str) -> FinancialYearError:
    return FinancialYearError(f"{text!r} is not a financial year: {reason}")


def _expand_two_digit(year: int) -> int:
    """00-79 are 2000-2079; 80-99 are 1980-1999."""
    return 2000 + year if year < 80 else 1900 + year


def _check_range(text: object, start_year: int) -> None:
    if not MIN_START_YEAR <= start_year <= MAX_START_YEAR:
        raise _error(
            text,
            f"the start year must be between {MIN_START_YEAR} and {MAX_START_YEAR}",
        )


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A financial year, identified by the calendar year in which it starts (1 April)."""

    start_year: int

    def __post_init__(self) -> None:
        if isinstance(self.start_year, bool) or not isinstance(self.start_year, int):
            raise _error(self.start_year, "the start year must be a whole number like 2013")
        _check_range(self.start_year, self.start_year)

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str | int | FinancialYear) -> FinancialYear:
        """Read a financial year from text such as ``2013/14``, a start year int, or as is."""
        if isinstance(text, FinancialYear):
            return text
        if isinstance(text, int) and not isinstance(text, bool):
            _check_range(text, text)
            return cls(text)
        if not isinstance(text, str):
            raise _error(text, f"write it as text like {ACCEPTED_FORMS}, or a start year int")
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            raise _diagnose(text)
        first_text, second_text = match["first"], match["second"]
        first, second = int(first_text), int(second_text)
        start = _expand_two_digit(first) if len(first_text) == 2 else first
        _check_range(text, start)
        if len(first_text) == 2 and len(second_text) == 4:
            raise _error(
                text,
                "it mixes two-digit and four-digit years"
                f" (write {_canonical(start)} or {FinancialYear(start).short})",
            )
        follows = second == start + 1 if len(second_text) == 4 else second == (start + 1) % 100
        if not follows:
            raise _error(text, f"the second year must follow the first (write {_canonical(start)})")
        return cls(start)

    @classmethod
    def of(cls, day: datetime.date) -> FinancialYear:
        """The financial year containing ``day`` (31 March 2014 is in 2013/14)."""
        day = _as_date(day)
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def current(cls) -> FinancialYear:
        """The financial year containing today's local date."""
        return cls.of(timezone.localdate())

    @classmethod
    def range(
        cls, first: str | int | FinancialYear, last: str | int | FinancialYear
    ) -> list[FinancialYear]:
        """Every financial year from ``first`` to ``last`` inclusive."""
        start, end = cls.parse(first), cls.parse(last)
        if end < start:
            raise FinancialYearError(
                f"{str(end)!r} comes before {str(start)!r}: give the earlier financial year first"
            )
        return [cls(year) for year in range(start.start_year, end.start_year + 1)]

    # -- dates ----------------------------------------------------------------------------------

    @property
    def starts_on(self) -> datetime.date:
        """1 April of the start year."""
        return datetime.date(self.start_year, 4, 1)

    @property
    def ends_on(self) -> datetime.date:
        """31 March of the following year."""
        return datetime.date(self.start_year + 1, 3, 31)

    def contains(self, day: datetime.date) -> bool:
        """Whether ``day`` falls within this financial year."""
        return self.starts_on <= _as_date(day) <= self.ends_on

    def months(self) -> list[datetime.date]:
        """The first day of each month, April to March (12 dates)."""
        return [datetime.date(self.start_year, month, 1) for month in range(4, 13)] + [
            datetime.date(self.start_year + 1, month, 1) for month in range(1, 4)
        ]

    # -- arithmetic -----------------------------------------------------------------------------

    def next(self) -> FinancialYear:
        """The following financial year."""
        return self + 1

    def previous(self) -> FinancialYear:
        """The preceding financial year."""
        return self - 1

    def __add__(self, years: int) -> FinancialYear:
        if isinstance(years, bool) or not isinstance(years, int):
            return NotImplemented
        return FinancialYear(self.start_year + years)

    def __sub__(self, years: int) -> FinancialYear:
        if isinstance(years, bool) or not isinstance(years, int):
            return NotImplemented
        return FinancialYear(self.start_year - years)

    # -- text -----------------------------------------------------------------------------------

    @property
    def short(self) -> str:
        """Two-digit form, e.g. ``13/14``."""
        return f"{self.start_year % 100:02d}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return _canonical(self.start_year)


def _canonical(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _as_date(day: datetime.date) -> datetime.date:
    """A date as is; a datetime as its date (local date when timezone-aware)."""
    if isinstance(day, datetime.datetime):
        return timezone.localdate(day) if timezone.is_aware(day) else day.date()
    return day


def _diagnose(text: str) -> FinancialYearError:
    """Explain why ``text`` does not look like a financial year."""
    stripped = text.strip()
    body = re.sub(r"^FY\s*", "", stripped, flags=re.IGNORECASE)
    if not stripped:
        return _error(text, f"it is empty (write a year like {ACCEPTED_FORMS})")
    if re.fullmatch(r"[0-9]+", body, flags=re.ASCII):
        if len(body) in (2, 4):
            year = int(body)
            start = _expand_two_digit(year) if len(body) == 2 else year
            if MIN_START_YEAR <= start <= MAX_START_YEAR:
                return _error(text, f"give both years (write {_canonical(start)})")
        return _error(text, f"give both years, like {ACCEPTED_FORMS}")
    parts = _SEPARATORS.split(body)
    if len(parts) > 2 and all(re.fullmatch(r"[0-9]+", p, flags=re.ASCII) for p in parts):
        return _error(text, f"it has more than two years (write one year like {ACCEPTED_FORMS})")
    return _error(text, f"expected a form like {ACCEPTED_FORMS}")


# -- Django fields --------------------------------------------------------------------------------


class FinancialYearFormField(forms.CharField):
    """A text input that cleans to a ``FinancialYear`` (or ``None`` when empty)."""

    default_error_messages = {
        "invalid": "%(reason)s",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("empty_value", None)
        kwargs.setdefault("help_text", "For example, 2013/14")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        """Show a financial year as ``2013/14``; leave unparseable input as typed."""
        if value in self.empty_values:
            return value
        try:
            return str(FinancialYear.parse(value))
        except FinancialYearError:
            return value

    def to_python(self, value: Any) -> FinancialYear | None:
        """Parse the submitted text through ``FinancialYear.parse``."""
        if isinstance(value, FinancialYear):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            text: Any = value
        else:
            text = super().to_python(value)
            if text in self.empty_values:
                return None
        try:
            return FinancialYear.parse(text)
        except FinancialYearError as exc:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"value": value, "reason": str(exc)},
            ) from exc

    def has_changed(self, initial: Any, data: Any) -> bool:
        """Compare as financial years, so ``13/14`` is unchanged from ``2013/14``."""
        if self.disabled:
            return False
        try:
            new = self.to_python(data)
            old = self.to_python(initial)
        except ValidationError:
            return True
        return new != old


class FinancialYearField(models.PositiveSmallIntegerField):
    """A model field holding a ``FinancialYear``, stored as its start year."""

    description = "UK financial year (1 April to 31 March), stored as its start year"

    @cached_property
    def validators(self) -> list[Any]:
        # The integer column's range validators would compare a FinancialYear with an int;
        # FinancialYear already limits itself to 1900..2999, well inside a small integer.
        return [*self.default_validators, *self._validators]

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> FinancialYear | None:
        """Turn the stored start year into a ``FinancialYear``."""
        if value is None:
            return None
        return FinancialYear(int(value))

    def to_python(self, value: Any) -> FinancialYear | None:
        """Accept text, a start year int, or a ``FinancialYear``."""
        if value is None or value == "":
            return None
        try:
            return FinancialYear.parse(value)
        except FinancialYearError as exc:
            raise ValidationError(str(exc), code="invalid", params={"value": value}) from exc

    def get_prep_value(self, value: Any) -> int | None:
        """The start year integer, for saving and for lookups."""
        value = models.Field.get_prep_value(self, value)
        if value is None:
            return None
        return FinancialYear.parse(value).start_year

    def value_to_string(self, obj: Any) -> str:
        """Serialise as ``2013/14``."""
        value = self.value_from_object(obj)
        return "" if value is None else str(FinancialYear.parse(value))

    def formfield(self, **kwargs: Any) -> Any:
        """A ``FinancialYearFormField`` (skipping the integer field's min/max form arguments)."""
        return models.Field.formfield(self, **{"form_class": FinancialYearFormField, **kwargs})
