"""Template filters for money (integer pence) and financial years: ``{% load sightline %}``.

Each filter shows ``""`` for ``None``, and for a value it cannot format (Django's advice is that
filters should not raise), so a bad value shows as a blank rather than a wrong figure.
"""

from __future__ import annotations

from typing import Any

from django import template

from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.money import format_k, format_m, format_pounds, format_thousands_column

register = template.Library()


@register.filter
def gbp(pence: Any) -> str:
    """Pence as pounds: ``2450000`` -> ``£24,500``."""
    if pence is None:
        return ""
    try:
        return format_pounds(pence)
    except TypeError:
        return ""


@register.filter
def gbp_k(pence: Any) -> str:
    """Pence as thousands: ``2450000`` -> ``£24.5k``."""
    if pence is None:
        return ""
    try:
        return format_k(pence)
    except TypeError:
        return ""


@register.filter
def gbp_m(pence: Any, places: Any = 2) -> str:
    """Pence as millions: ``2029000000`` -> ``£20.29m``; ``|gbp_m:1`` for one decimal place."""
    if pence is None:
        return ""
    try:
        return format_m(pence, places=int(places) if isinstance(places, str) else places)
    except (TypeError, ValueError):
        return ""


@register.filter
def gbp_000(pence: Any) -> str:
    """Pence for a "£000" column: ``-55300000`` -> ``(553)``, nil -> ``-``."""
    if pence is None:
        return ""
    try:
        return format_thousands_column(pence)
    except TypeError:
        return ""


@register.filter
def fy(value: Any) -> str:
    """A financial year (or its start year, or text) as ``2013/14``."""
    if value is None or value == "":
        return ""
    try:
        return str(FinancialYear.parse(value))
    except FinancialYearError:
        return ""
