"""``{% load simulator %}``: percentages kept as hundredths of a per cent."""

from __future__ import annotations

from django import template

from sightline.simulator import rules

register = template.Library()


@register.filter
def hundredths(value) -> str:
    """499 -> "4.99"; None -> "–"."""
    if value is None or value == "":
        return "–"
    return rules.format_percent(int(value))


@register.filter
def signed_hundredths(value) -> str:
    """-250 -> "-2.5", 300 -> "+3", 0 -> "0"."""
    if value is None or value == "":
        return "–"
    text = rules.format_percent(int(value))
    return f"+{text}" if int(value) > 0 else text


@register.filter
def pounds(pence) -> str:
    """Pence as whole pounds, rounded half away from zero: 1800000050 -> "£18,000,001"."""
    if pence is None:
        return ""
    return rules.format_whole_pounds(int(pence))
