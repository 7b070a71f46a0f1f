"""``{% load finance %}``: the budget cycle where a page of another app shows it (the
programme dashboard's ``finance/_cycle_now.html``), read through the finance selectors."""

from __future__ import annotations

from django import template

from sightline.accounts.permissions import membership_for
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_k, format_m
from sightline.finance import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def budget_cycle_now(context):
    """Where the council is in the budget cycle of the page's year (``fy`` in the context),
    or of this year's or the latest cycle when that year has none; None without a cycle."""
    request = context.get("request")
    membership = context.get("membership") or membership_for(getattr(request, "user", None))
    if membership is None:
        return None
    years = selectors.cycle_years(membership=membership)
    fy = context.get("fy")
    if not isinstance(fy, FinancialYear) or fy not in years:
        fy = selectors.default_cycle_year(membership=membership)
    if fy is None:
        return None
    return selectors.cycle_position(membership=membership, fy=fy)


@register.filter
def gbp_short(pence):
    """Millions for a million or more (``£11.30m``), thousands below (``£531k``)."""
    if pence is None:
        return ""
    try:
        return format_m(pence) if abs(pence) >= 100_000_000 else format_k(pence)
    except TypeError:
        return ""
